package queue

import "github.com/nats-io/nats.go/jetstream"

var Jobs = jetstream.StreamConfig{Name: "JOBS", Subjects: []string{"jobs.>"}, Retention: jetstream.WorkQueuePolicy}
