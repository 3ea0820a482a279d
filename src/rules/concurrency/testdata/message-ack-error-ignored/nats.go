package acks

import (
	"context"
	"log"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

func handle(msg *nats.Msg) {
	process(msg.Data)
	msg.Ack() // want "NATS msg.Ack\(\) returns an error that is dropped: a failed acknowledgement"
}

func consume(ctx context.Context, cons jetstream.Consumer) error {
	_, err := cons.Consume(func(m jetstream.Msg) {
		if err := work(m.Data()); err != nil {
			m.Nak() // want "NATS m.Nak\(\) returns an error that is dropped: a failed negative acknowledgement"
			return
		}
		defer m.DoubleAck(ctx) // want "NATS m.DoubleAck"
	})
	return err
}

func pull(sub *nats.Subscription) {
	msgs, _ := sub.Fetch(10)
	for _, m := range msgs {
		process(m.Data)
		m.Ack() // want "NATS m.Ack"
	}
}

// negatives

func checked(msg *nats.Msg) {
	process(msg.Data)
	if err := msg.Ack(); err != nil {
		log.Printf("ack: %v", err)
	}
}

func explicit(msg *nats.Msg) {
	_ = msg.Term()
}

type job struct{}

func (job) Ack() error { return nil }

func notNats(j job) {
	j.Ack()
}

func process([]byte)      {}
func work([]byte) error { return nil }
