import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { evalConst } from '../_shared/const-eval.js';
import { assignedValuesOf, resolveBinding } from '../_shared/security-bindings.js';
import { guardConditions } from '../_shared/security-helpers.js';
import { SDK_LOG, SDK_TRACE } from '../_shared/otel-sdk.js';
import { packageKey, position } from '../_shared/obs-packages.js';

/** Queue sizes from this many entries on hold the process's memory hostage to the collector (the SDK default is 2048). */
const HUGE_QUEUE = 1_000_000;
type Fact = { k: 'serves' } | { k: 'blocking'; file: string; line: number; column: number };
const MAX_CONSTS = /^Max(Int|Uint)(32|64)?$/;
/** A program that serves requests (where blocking in span.End stalls request handling). */
const SERVES = /\.(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)\(|grpc\.NewServer\(/;
/** A guard that makes the setting a debugging or test choice. */
const DEBUG_GUARD = /debug|dev\b|development|local|test/i;

/** An integer constant expression, folding `*` and `<<` over evalConst's values; 'max' for math.MaxInt*. */
function intConst(ctx: RuleContext, e: Node | null | undefined, depth = 0): number | 'max' | undefined {
  const u = unparen(e);
  if (!u || depth > 4) return undefined;
  if (u.type === 'binary_expression') {
    const op = u.childForFieldName('operator')?.text;
    const l = intConst(ctx, u.childForFieldName('left'), depth + 1);
    const r = intConst(ctx, u.childForFieldName('right'), depth + 1);
    if (l === undefined || r === undefined) return undefined;
    if (l === 'max' || r === 'max') return op === '*' || op === '+' ? 'max' : undefined;
    if (op === '*') return l * r;
    if (op === '<<') return r < 53 ? l * 2 ** r : 'max';
    if (op === '+') return l + r;
    return undefined;
  }
  if (u.type === 'identifier') {
    const b = resolveBinding(u.text, u, ctx.root);
    const values = b.kind === 'const' || b.kind === 'package-const' ? assignedValuesOf(b) : [];
    if (values.length === 1 && values[0]!.value.type === 'binary_expression') return intConst(ctx, values[0]!.value, depth + 1);
  }
  const v = evalConst(ctx, u);
  if (v?.kind === 'int') return v.value;
  if (v?.kind === 'pkg-const' && v.pkg === 'math' && MAX_CONSTS.test(v.name)) return 'max';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'OBS1012',
    name: 'otel-batch-queue-limits',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'OpenTelemetry batch processor that blocks the caller when full or whose queue is effectively unbounded',
    passCriterion: 'batch processors drop on overflow (no WithBlocking on request paths) and keep bounded queues',
    rationale:
      'The batch span/log processor protects the application from its telemetry backend: spans go into a bounded queue ' +
      '(2048 by default) and are dropped when it is full. sdktrace.WithBlocking() turns that into back-pressure: when ' +
      'the collector is slow or down, span.End() waits for queue space, so every instrumented request stalls on the ' +
      'tracing pipeline. A queue size in the millions (or math.MaxInt) lets a collector outage grow the heap until the ' +
      'process is OOM-killed, losing the telemetry anyway.',
    fix: {
      text: 'Remove WithBlocking (dropping spans under pressure is the intended failure mode) and keep WithMaxQueueSize at a ' +
        'size the memory budget can hold (thousands to tens of thousands), or let OTEL_BSP_MAX_QUEUE_SIZE configure it; ' +
        'watch the dropped-span count instead.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithBlocking()))\n}\n',
        good: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithMaxQueueSize(8192)))\n}\n',
      },
    ],
    messages: {
      blocking: 'sdktrace.WithBlocking makes span.End wait for queue space: when the collector is slow or down, every instrumented request blocks on tracing; let the processor drop spans instead',
      huge: '{{call}}({{size}}) is effectively unbounded: a collector outage fills the queue until the process runs out of memory; keep it in the thousands',
    },
    sources: [],
    notes:
      'Reported: sdktrace.WithBlocking() (in package main only when the package serves requests: ListenAndServe, Serve, ' +
      'grpc.NewServer; a load generator or batch tool wants back-pressure), and sdktrace/sdklog WithMaxQueueSize with a constant of at least 1,000,000 ' +
      '(or math.MaxInt*), unless under an if/switch whose condition reads like a debug, development, local or test ' +
      'switch. A size taken from configuration is not judged. Test files and test-support packages are skipped.',
  },
  prefilter: ['WithBlocking', 'WithMaxQueueSize', 'Serve', 'NewServer'],
  create(ctx): Visitors {
    const guarded = (call: Node) => guardConditions(call).some((c) => DEBUG_GUARD.test(c));
    if (ctx.file.isMain && SERVES.test(ctx.source)) ctx.emit({ k: 'serves' } satisfies Fact);
    if (!ctx.source.includes('WithBlocking') && !ctx.source.includes('WithMaxQueueSize')) return {};
    return {
      call_expression(call) {
        if (ctx.isCallTo(call, SDK_TRACE, 'WithBlocking')) {
          if (guarded(call)) return;
          // in a program (package main) that serves nothing, e.g. a load generator, back-pressure is what it wants
          if (ctx.file.isMain) ctx.emit({ k: 'blocking', file: ctx.file.path, ...position(call) } satisfies Fact);
          else ctx.report({ node: call, messageId: 'blocking' });
          return;
        }
        const pkg = ctx.isCallTo(call, SDK_TRACE, 'WithMaxQueueSize') ? 'sdktrace' : ctx.isCallTo(call, SDK_LOG, 'WithMaxQueueSize') ? 'sdklog' : undefined;
        if (!pkg) return;
        const arg = callArgs(call)[0];
        const size = intConst(ctx, arg);
        if (size === undefined || (size !== 'max' && size < HUGE_QUEUE) || guarded(call)) return;
        ctx.report({ node: call, messageId: 'huge', data: { call: `${pkg}.WithMaxQueueSize`, size: arg!.text.slice(0, 40) } });
      },
    };
  },
  finish(facts, report) {
    const serving = new Set(facts.filter((f) => (f.data as Fact).k === 'serves').map((f) => packageKey(f.file)));
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k === 'blocking' && serving.has(packageKey(f.file))) report({ file: d.file, line: d.line, column: d.column, messageId: 'blocking' });
    }
  },
});
