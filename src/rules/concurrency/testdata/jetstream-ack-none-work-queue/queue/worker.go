package queue

import (
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

var Worker = jetstream.ConsumerConfig{
	Durable:   "worker",
	AckPolicy: jetstream.AckNonePolicy, // want "jetstream.AckNonePolicy makes JetStream forget each message when it is sent"
}

func subscribe(js nats.JetStreamContext, h nats.MsgHandler) (*nats.Subscription, error) {
	return js.Subscribe("jobs.>", h, nats.AckNone()) // want "nats.AckNone\(\) makes JetStream"
}

var Explicit = jetstream.ConsumerConfig{Durable: "audit", AckPolicy: jetstream.AckExplicitPolicy}
