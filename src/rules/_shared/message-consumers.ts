/**
 * Recognises message-queue consumer values (NATS / JetStream messages, AMQP deliveries, Kafka readers and
 * clients) syntactically, from the file's imports and the declarations around a use.
 */
import type { Node } from 'web-tree-sitter';
import { unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { exprDeclaredAs, isQualifiedType } from './declared-type.js';

export const NATS = 'github.com/nats-io/nats.go';
export const JETSTREAM = 'github.com/nats-io/nats.go/jetstream';
export const AMQP = ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'];
export const KAFKA_GO = 'github.com/segmentio/kafka-go';
export const FRANZ = 'github.com/twmb/franz-go/pkg/kgo';

export type Broker = 'nats' | 'amqp' | 'kafka';

/** Acknowledgement methods whose error tells whether the broker recorded the outcome, by broker. */
export const ACK_METHODS: Record<Broker, Set<string>> = {
  nats: new Set(['Ack', 'AckSync', 'DoubleAck', 'Nak', 'NakWithDelay', 'Term', 'TermWithReason', 'InProgress']),
  amqp: new Set(['Ack', 'Nack', 'Reject']),
  kafka: new Set(['CommitMessages', 'CommitRecords', 'CommitUncommittedOffsets', 'CommitMarkedOffsets', 'CommitOffsets']),
};

function imports(ctx: RuleContext, paths: string[]): boolean {
  return ctx.imports.specs.some((s) => paths.includes(s.path));
}

/**
 * Whether the range loop declaring `name` (visible at `at`) iterates messages: what a consumer call matching
 * `sources` returned, or a channel or slice declared with an element type passing `elem`.
 */
function rangedFromConsumer(ctx: RuleContext, name: string, at: Node, sources: RegExp, elem: (t: string) => boolean): boolean {
  for (let p = at.parent; p; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    const range = p.namedChildren.find((c) => c?.type === 'range_clause');
    if (!range || !range.childForFieldName('left')?.namedChildren.some((n) => n?.text === name)) continue;
    const right = unparen(range.childForFieldName('right'));
    if (!right) return false;
    if (right.type === 'call_expression') return sources.test(right.childForFieldName('function')?.text ?? '');
    if (right.type !== 'identifier') return false;
    const container = (t: string): boolean => {
      const m = /^(?:<-\s*)?(?:chan\s*(?:<-)?|\[\])\s*(.+)$/.exec(t.trim());
      return !!m && elem(m[1]!);
    };
    // declared with a message container type, or `msgs, err := ch.Consume(...)` in an enclosing function
    const fromConsumer = (e: Node): boolean => e.type === 'call_expression' && sources.test(e.childForFieldName('function')?.text ?? '');
    return exprDeclaredAs(ctx, right, p, { type: container, value: fromConsumer });
  }
  return false;
}

/**
 * The broker whose acknowledgement `call` is (`msg.Ack()`, `d.Ack(false)`, `r.CommitMessages(ctx, m)`), or
 * undefined when the receiver is not recognisably a consumer value of an imported client library.
 */
export function ackCall(ctx: RuleContext, call: Node): { broker: Broker; recv: Node; method: string } | undefined {
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'selector_expression') return undefined;
  const method = fn.childForFieldName('field')?.text ?? '';
  const recv = fn.childForFieldName('operand');
  if (!recv) return undefined;
  const op = unparen(recv);
  if (op?.type === 'identifier' && ctx.imports.pathOf(op.text) && !ctx.isShadowed(op.text, op)) return undefined;
  if (ACK_METHODS.nats.has(method) && imports(ctx, [NATS, JETSTREAM])) {
    const msgType = (t: string): boolean => isQualifiedType(ctx, t, NATS, ['Msg']) || isQualifiedType(ctx, t, JETSTREAM, ['Msg']);
    const typed = exprDeclaredAs(ctx, recv, call, { type: msgType });
    if (typed || (op?.type === 'identifier' && rangedFromConsumer(ctx, op.text, call, /\.(Fetch|FetchBatch|FetchNoWait|Messages)$/, msgType))) {
      return { broker: 'nats', recv, method };
    }
  }
  if (ACK_METHODS.amqp.has(method) && imports(ctx, AMQP)) {
    const deliveryType = (t: string): boolean => AMQP.some((p) => isQualifiedType(ctx, t, p, ['Delivery']));
    const typed = exprDeclaredAs(ctx, recv, call, { type: deliveryType });
    if (typed || (op?.type === 'identifier' && rangedFromConsumer(ctx, op.text, call, /\.(Consume|ConsumeWithContext)$/, deliveryType))) {
      return { broker: 'amqp', recv, method };
    }
  }
  if (ACK_METHODS.kafka.has(method) && imports(ctx, [KAFKA_GO, FRANZ])) return { broker: 'kafka', recv, method };
  return undefined;
}
