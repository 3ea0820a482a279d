import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { ackCall } from '../_shared/message-consumers.js';
import type { Broker } from '../_shared/message-consumers.js';

/** Positive acknowledgements: after them the broker will not redeliver. */
const POSITIVE: Record<Broker, Set<string>> = {
  nats: new Set(['Ack', 'AckSync', 'DoubleAck']),
  amqp: new Set(['Ack']),
  kafka: new Set(['CommitMessages', 'CommitRecords']),
};

/** Payload accessors by broker: reading them is processing the message. */
const PAYLOAD: Record<Broker, Set<string>> = {
  nats: new Set(['Data', 'Header', 'Headers']),
  amqp: new Set(['Body']),
  kafka: new Set(['Value', 'Key', 'Headers']),
};

/** The statement of the block that contains `node` directly (the ack's own statement). */
function statementOf(node: Node): Node | null {
  let s: Node | null = node;
  while (s && s.parent && s.parent.type !== 'statement_list' && s.parent.type !== 'block') s = s.parent;
  return s?.parent ? s : null;
}

/** The first later statement of the same block that reads the payload of message `name`. */
function laterPayloadUse(stmt: Node, name: string, broker: Broker): Node | undefined {
  for (let n = stmt.nextNamedSibling; n; n = n.nextNamedSibling) {
    for (const sel of n.descendantsOfType('selector_expression')) {
      const op = unparen(sel?.childForFieldName('operand'));
      if (op?.type === 'identifier' && op.text === name && PAYLOAD[broker].has(sel!.childForFieldName('field')?.text ?? '')) return n;
    }
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'CON1022',
    name: 'message-ack-before-processing',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'stable',
    title: 'Message acknowledged (or offset committed) before it is processed',
    rationale:
      'Acknowledging first turns an at-least-once queue into at-most-once: if the process crashes, is redeployed or the ' +
      'handler fails after the ack, the broker has already forgotten the message and nobody retries it. The work is ' +
      'lost without an error anywhere, and the loss grows with every deploy and every dependency outage.',
    fix: {
      text: 'Ack after the work succeeded (and Nak/Term or leave unacked on failure so the broker redelivers); make the handler idempotent for the redeliveries that follows. If losing messages is acceptable, say so with an AckNone/auto-ack consumer instead.',
      effort: 'medium',
    },
    passCriterion: 'consumers acknowledge a message only after processing it successfully',
    examples: [
      {
        bad:
          'package worker\n\nimport (\n\t"log"\n\n\t"github.com/nats-io/nats.go"\n)\n\nfunc handle(msg *nats.Msg) {\n' +
          '\tif err := msg.Ack(); err != nil {\n\t\tlog.Print(err)\n\t}\n\tsave(msg.Data)\n}\n\nfunc save([]byte) {}\n',
        good:
          'package worker\n\nimport (\n\t"log"\n\n\t"github.com/nats-io/nats.go"\n)\n\nfunc handle(msg *nats.Msg) {\n' +
          '\tsave(msg.Data)\n\tif err := msg.Ack(); err != nil {\n\t\tlog.Print(err)\n\t}\n}\n\nfunc save([]byte) {}\n',
      },
    ],
    messages: {
      early: '{{call}}() acknowledges {{name}} before its payload is used (line {{useLine}}): a crash or failure after this point loses the message',
    },
    sources: [],
    notes:
      'The acknowledgement (NATS Ack/AckSync/DoubleAck, AMQP Ack, Kafka CommitMessages/CommitRecords on a recognised ' +
      'consumer value, see message-ack-error-ignored) is reported when a later statement of the same block reads the ' +
      'same message\'s payload (Data/Header, Body, Value/Key/Headers). Work that decodes the payload before the ack ' +
      'and acts on the decoded value after it is not seen.',
  },
  prefilter: ['github.com/nats-io/nats.go', 'amqp', 'github.com/segmentio/kafka-go', 'github.com/twmb/franz-go'],
  create(ctx) {
    return {
      call_expression(call) {
        const ack = ackCall(ctx, call);
        if (!ack || !POSITIVE[ack.broker].has(ack.method)) return;
        // the message: the receiver (NATS, AMQP) or the committed message argument (Kafka)
        const msg = unparen(ack.broker === 'kafka' ? callArgs(call)[1] : ack.recv);
        if (msg?.type !== 'identifier') return;
        const stmt = statementOf(call);
        if (!stmt) return;
        const use = laterPayloadUse(stmt, msg.text, ack.broker);
        if (!use) return;
        ctx.report({
          node: call,
          messageId: 'early',
          data: { call: `${ack.recv.text}.${ack.method}`, name: msg.text, useLine: use.startPosition.row + 1 },
        });
      },
    };
  },
});
