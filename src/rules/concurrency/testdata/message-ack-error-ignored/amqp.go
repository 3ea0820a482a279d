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
