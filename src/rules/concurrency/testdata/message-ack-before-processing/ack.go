package ackfirst

import (
	"context"
	"encoding/json"
	"log"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/segmentio/kafka-go"
)

type order struct{ ID string }

func handle(msg *nats.Msg) {
	if err := msg.Ack(); err != nil { // want "msg.Ack\(\) acknowledges msg before its payload is used \(line 20\)"
		log.Print(err)
	}
	save(msg.Data)
}

func consume(cons jetstream.Consumer) error {
	_, err := cons.Consume(func(m jetstream.Msg) {
		_ = m.Ack() // want "m.Ack\(\) acknowledges m"
		var o order
		if err := json.Unmarshal(m.Data(), &o); err != nil {
			return
		}
		store(o)
	})
	return err
}

func deliveries(msgs <-chan amqp.Delivery) {
	for d := range msgs {
		_ = d.Ack(false) // want "d.Ack\(\) acknowledges d before its payload is used"
		save(d.Body)
	}
}

func commitFirst(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := r.CommitMessages(ctx, m); err != nil { // want "r.CommitMessages\(\) acknowledges m"
			return err
		}
		save(m.Value)
	}
}

// negatives

func handleAfter(msg *nats.Msg) {
	save(msg.Data)
	if err := msg.Ack(); err != nil {
		log.Print(err)
	}
}

func nakFirst(msg *nats.Msg) {
	if len(msg.Data) == 0 {
		_ = msg.Term()
		return
	}
	_ = msg.Nak()
	log.Printf("retrying %d bytes", len(msg.Subject))
}

func commitAfter(ctx context.Context, r *kafka.Reader) error {
	m, err := r.FetchMessage(ctx)
	if err != nil {
		return err
	}
	save(m.Value)
	return r.CommitMessages(ctx, m)
}

func save([]byte)  {}
func store(order) {}
