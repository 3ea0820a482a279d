package events

import "github.com/nats-io/nats.go/jetstream"

// a limits stream read by a fire-and-forget dashboard: AckNone is a choice here, no work queue in this module
var Dashboard = jetstream.ConsumerConfig{AckPolicy: jetstream.AckNonePolicy, DeliverPolicy: jetstream.DeliverNewPolicy}

var Stream = jetstream.StreamConfig{Name: "EVENTS", Retention: jetstream.LimitsPolicy}
