import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { unparen } from '../../go/ast.js';
import { moduleKey, position } from '../_shared/obs-packages.js';
import { JETSTREAM, NATS } from '../_shared/message-consumers.js';

type Fact = { k: 'ackNone'; file: string; line: number; column: number; what: string } | { k: 'workQueue' };

/** Whether `node` is `<pkg>.<name>` for the NATS or JetStream package imported in this file. */
function natsRef(ctx: RuleContext, node: Node | null, name: string): boolean {
  const n = unparen(node);
  if (n?.type !== 'selector_expression' || n.childForFieldName('field')?.text !== name) return false;
  const op = n.childForFieldName('operand');
  return op?.type === 'identifier' && (ctx.isPackageRef(op, NATS) || ctx.isPackageRef(op, JETSTREAM));
}

export default defineRule({
  meta: {
    id: 'CON1023',
    name: 'jetstream-ack-none-work-queue',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-22 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 5 FP, 0 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: ack-none consumers of streams that are not work queues (a benchmark creating its own limits-based streams; the stream\'s retention is not known where the consumer is built), a comparison of an existing policy read as setting it, and nats-server itself refusing ack-none consumers on work-queue streams. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'JetStream consumer with AckNone in a module that uses work-queue streams',
    rationale:
      'With AckNone, JetStream treats a message as done the moment it is sent to the consumer. On a work-queue stream ' +
      '(WorkQueuePolicy retention) that also deletes it: a consumer that crashes, is redeployed or fails the handler ' +
      'loses the job for good, and there is no redelivery, no MaxDeliver and no dead-letter advisory to notice it.',
    fix: {
      text: 'Use AckExplicit (nats.AckExplicit() / jetstream.AckExplicitPolicy), ack after the work succeeded, Nak or Term on failure, and set AckWait and MaxDeliver.',
      effort: 'low',
    },
    passCriterion: 'consumers of work-queue streams acknowledge explicitly after processing',
    examples: [
      {
        bad:
          'package jobs\n\nimport "github.com/nats-io/nats.go/jetstream"\n\n' +
          'var Stream = jetstream.StreamConfig{Name: "JOBS", Subjects: []string{"jobs.>"}, Retention: jetstream.WorkQueuePolicy}\n\n' +
          'var Worker = jetstream.ConsumerConfig{Durable: "worker", AckPolicy: jetstream.AckNonePolicy}\n',
        good:
          'package jobs\n\nimport (\n\t"time"\n\n\t"github.com/nats-io/nats.go/jetstream"\n)\n\n' +
          'var Stream = jetstream.StreamConfig{Name: "JOBS", Subjects: []string{"jobs.>"}, Retention: jetstream.WorkQueuePolicy}\n\n' +
          'var Worker = jetstream.ConsumerConfig{Durable: "worker", AckPolicy: jetstream.AckExplicitPolicy, AckWait: 30 * time.Second, MaxDeliver: 5}\n',
      },
    ],
    messages: {
      ackNone: '{{what}} makes JetStream forget each message when it is sent, and this module uses work-queue streams: a crash or a failed handler loses the job',
    },
    sources: [],
    notes:
      'Module-wide: reported on nats.AckNone() subscription options and on AckNonePolicy (nats or jetstream package) ' +
      'when a file of the same Go module references WorkQueuePolicy. Streams configured outside the code (nats CLI, ' +
      'NACK manifests) are not seen, so a module that only consumes is not reported.',
  },
  prefilter: [NATS],
  prefilterAll: [['AckNone', 'WorkQueuePolicy']],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    return {
      selector_expression(sel) {
        if (natsRef(ctx, sel, 'WorkQueuePolicy')) {
          emit({ k: 'workQueue' });
          return;
        }
        if (natsRef(ctx, sel, 'AckNonePolicy')) {
          emit({ k: 'ackNone', file: ctx.file.path, ...position(sel), what: sel.text });
          return;
        }
        if (natsRef(ctx, sel, 'AckNone') && sel.parent?.type === 'call_expression') {
          emit({ k: 'ackNone', file: ctx.file.path, ...position(sel), what: `${sel.text}()` });
        }
      },
    };
  },
  finish(facts, report) {
    const workQueue = new Set<string>();
    for (const f of facts) if ((f.data as Fact).k === 'workQueue') workQueue.add(moduleKey(f.file));
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'ackNone' || !workQueue.has(moduleKey(f.file))) continue;
      report({ file: d.file, line: d.line, column: d.column, messageId: 'ackNone', data: { what: d.what } });
    }
  },
});
