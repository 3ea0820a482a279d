package acks

import (
	"context"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/segmentio/kafka-go"
)

func deliveries(ch *amqp.Channel) error {
	msgs, err := ch.Consume("jobs", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if work(d.Body) != nil {
			d.Nack(false, true) // want "AMQP d.Nack\(\) returns an error"
			continue
		}
		d.Ack(false) // want "AMQP d.Ack\(\)"
	}
	return nil
}

func one(d amqp.Delivery) error {
	return d.Ack(false)
}

func commits(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		process(m.Value)
		r.CommitMessages(ctx, m) // want "Kafka r.CommitMessages\(\) returns an error that is dropped: a failed commit"
	}
}

func commitsChecked(ctx context.Context, r *kafka.Reader) error {
	m, err := r.FetchMessage(ctx)
	if err != nil {
		return err
	}
	return r.CommitMessages(ctx, m)
}

// the RabbitMQ tutorial shape: deliveries ranged over in a goroutine, or inside a block
func consumeInBackground(ch *amqp.Channel, verbose bool) error {
	msgs, err := ch.Consume("jobs", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	go func() {
		for d := range msgs {
			_ = work(d.Body)
			d.Ack(false) // want "AMQP d.Ack\(\)"
		}
	}()
	if verbose {
		for d := range msgs {
			_ = work(d.Body)
			d.Ack(false) // want "AMQP d.Ack\(\)"
		}
	}
	return nil
}
