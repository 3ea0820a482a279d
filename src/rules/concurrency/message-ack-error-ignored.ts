import { defineRule } from '../define-rule.js';
import { ackCall } from '../_shared/message-consumers.js';

const WHAT = { nats: 'NATS', amqp: 'AMQP', kafka: 'Kafka' } as const;

export default defineRule({
  meta: {
    id: 'CON1021',
    name: 'message-ack-error-ignored',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Message acknowledgement or offset commit whose error is dropped',
    rationale:
      'An ack, nak or offset commit is a network call: it fails when the connection drops, the broker restarts, the ' +
      'ack wait expired or the consumer group rebalanced. Dropping its error hides that the broker never recorded the ' +
      'outcome, so the message is redelivered (processed twice, with side effects twice) or, for a nak or reject, not ' +
      'retried when the code believes it will be; none of it shows up in logs or metrics.',
    fix: {
      text: 'Check the error: log it with the message id and count it in a metric; with JetStream use AckSync/DoubleAck where a lost ack matters, and make the handler idempotent either way.',
      effort: 'low',
    },
    passCriterion: 'every message acknowledgement and offset commit has its error checked',
    examples: [
      {
        bad:
          'package worker\n\nimport "github.com/nats-io/nats.go"\n\nfunc handle(msg *nats.Msg) {\n\tprocess(msg.Data)\n\tmsg.Ack()\n}\n\n' +
          'func process([]byte) {}\n',
        good:
          'package worker\n\nimport (\n\t"log"\n\n\t"github.com/nats-io/nats.go"\n)\n\nfunc handle(msg *nats.Msg) {\n\tprocess(msg.Data)\n' +
          '\tif err := msg.Ack(); err != nil {\n\t\tlog.Printf("ack %s: %v", msg.Subject, err)\n\t}\n}\n\nfunc process([]byte) {}\n',
      },
    ],
    messages: {
      ignored: '{{broker}} {{call}}() returns an error that is dropped: a failed {{kind}} goes unnoticed and the message is redelivered or lost silently',
    },
    sources: [],
    notes:
      'NATS (nats.go, jetstream): Ack, AckSync, DoubleAck, Nak, NakWithDelay, Term, TermWithReason, InProgress on a value ' +
      'declared as *nats.Msg or jetstream.Msg, or ranged from Fetch/FetchBatch/Messages(). AMQP (amqp091-go, ' +
      'streadway/amqp): Ack, Nack, Reject on an amqp.Delivery or a delivery ranged from Consume. Kafka (segmentio/kafka-go, ' +
      'franz-go): CommitMessages, CommitRecords, CommitUncommittedOffsets, CommitMarkedOffsets, CommitOffsets. Reported ' +
      'when the call is a statement of its own or deferred; `_ = msg.Ack()` is an explicit decision and is not reported. ' +
      'errcheck reports every dropped error; this rule only these, where the consequence is a duplicate or lost message.',
  },
  prefilter: ['github.com/nats-io/nats.go', 'amqp', 'github.com/segmentio/kafka-go', 'github.com/twmb/franz-go'],
  create(ctx) {
    return {
      call_expression(call) {
        let e = call;
        while (e.parent?.type === 'parenthesized_expression') e = e.parent;
        if (e.parent?.type !== 'expression_statement' && e.parent?.type !== 'defer_statement') return;
        const ack = ackCall(ctx, call);
        if (!ack) return;
        const kind = ack.broker === 'kafka' ? 'commit' : ack.method.startsWith('N') || ack.method === 'Reject' ? 'negative acknowledgement' : 'acknowledgement';
        ctx.report({ node: call, messageId: 'ignored', data: { broker: WHAT[ack.broker], call: `${ack.recv.text}.${ack.method}`, kind } });
      },
    };
  },
});
