import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { assignmentOf, callArgs, outerParens, unparen } from '../../go/ast.js';
import { directEscape } from '../_shared/value-flow.js';
import { resolveBinding, usesOf } from '../_shared/security-bindings.js';
import { isProviderSink, providerKind } from '../_shared/otel-sdk.js';

type Fate = 'shutdown' | 'escapes' | 'dropped';

const PROMETHEUS_EXPORTER = 'go.opentelemetry.io/otel/exporters/prometheus';

/**
 * Whether a MeterProvider's only readers are Prometheus exporters: a pull reader keeps no queue (the scrape reads the
 * current values), so nothing is lost when the process exits without Shutdown. Each `WithReader(x)` option must name a
 * value bound (`x, err := prometheus.New(…)`) or written as a Prometheus exporter; any other option that adds a reader
 * (a periodic reader, a push exporter) or an option the rule cannot read keeps the finding.
 */
function onlyPullReaders(ctx: RuleContext, call: Node): boolean {
  let readers = 0;
  for (const opt of callArgs(call)) {
    const o = unparen(opt);
    if (o?.type !== 'call_expression') return false;
    const fn = unparen(o.childForFieldName('function'));
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    if (name === 'WithResource' || name === 'WithView') continue;
    if (name !== 'WithReader') return false;
    const arg = unparen(callArgs(o)[0]);
    if (!arg) return false;
    let source: Node | undefined = arg;
    if (arg.type === 'identifier') {
      const b = resolveBinding(arg.text, arg, ctx.root);
      const d = b.decl;
      const right = d?.childForFieldName(d.type === 'short_var_declaration' ? 'right' : 'value');
      source = right?.namedChildren[0] ?? undefined;
    }
    const v = unparen(source);
    if (v?.type !== 'call_expression' || !ctx.isCallTo(v, PROMETHEUS_EXPORTER, 'New')) return false;
    readers++;
  }
  return readers > 0;
}

/** What happens to a provider value used at `use`: shut down, handed to an owner, or only used/installed. */
function useFate(ctx: RuleContext, use: Node): Fate | undefined {
  const e = outerParens(use);
  const p = e.parent;
  if (p?.type === 'selector_expression' && p.childForFieldName('operand')?.id === e.id) {
    return p.childForFieldName('field')?.text === 'Shutdown' ? 'shutdown' : undefined;
  }
  if (p?.type === 'argument_list' && p.parent?.type === 'call_expression' && isProviderSink(ctx, p.parent)) return undefined;
  if (directEscape(e)) return 'escapes';
  if (p?.type === 'expression_list') {
    const stmt = p.parent;
    const right = stmt?.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
    if (right?.id === p.id) return 'escapes';
  }
  if (p?.type === 'unary_expression') return 'escapes';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'OBS1007',
    name: 'otel-provider-not-shutdown',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 1 FP, 2 "nobody would act" of 4 judged — precision 50.0 % < 90.0 %, "nobody would act" 50.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: providers whose sampler exports almost nothing, and short-lived commands. It returns to the default set when a fresh blind record clears the bar.',
    passCriterion: 'every OpenTelemetry SDK provider is shut down (flushed) on exit',
    title: 'OpenTelemetry SDK provider is never shut down (buffered telemetry lost on exit)',
    rationale:
      'The SDK batches: a TracerProvider\'s batch span processor holds up to 2048 spans for up to 5 s, a MeterProvider\'s ' +
      'periodic reader exports every 60 s, a LoggerProvider batches records. Only Shutdown (or ForceFlush) sends what is ' +
      'buffered. A provider that is created, installed globally and never shut down loses the last seconds of spans and ' +
      'up to a minute of metrics on every restart, deploy or crash-loop — exactly the telemetry needed to explain them.',
    fix: {
      text: 'Keep the provider and shut it down on exit: `defer func() { _ = tp.Shutdown(context.Background()) }()` in main, ' +
        'or return tp.Shutdown from the setup function so the caller defers it (with a timeout context).',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package telemetry\n\nimport (\n\t"go.opentelemetry.io/otel"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\nfunc Setup(exp sdktrace.SpanExporter) {\n\ttp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))\n\totel.SetTracerProvider(tp)\n}\n',
        good: 'package telemetry\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\nfunc Setup(exp sdktrace.SpanExporter) func(context.Context) error {\n\ttp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))\n\totel.SetTracerProvider(tp)\n\treturn tp.Shutdown\n}\n',
      },
    ],
    messages: {
      dropped: '{{kind}} {{name}} is never shut down: spans/metrics/logs still buffered when the process exits are lost; defer {{name}}.Shutdown(ctx) or return it to the caller',
      installed: 'this {{kind}} is installed globally and never shut down: telemetry still buffered when the process exits is lost; keep it and defer Shutdown(ctx)',
    },
    sources: [],
    notes:
      'A MeterProvider whose only readers are Prometheus exporters (pull: the scrape reads current values, nothing is queued) ' +
      'is not reported (blind sample of 2026-12-12: pomerium). ' +
      'A provider bound to a local variable is reported when no `.Shutdown` of it is called or referenced (defer tp.Shutdown, ' +
      'return tp.Shutdown, closures included) and it does not leave the function other than to otel.SetTracerProvider/' +
      'SetMeterProvider/global.SetLoggerProvider or a With*Provider option (none of which shuts it down). A provider ' +
      'returned, stored in a field, passed elsewhere or assigned to another variable has another owner and is not judged. ' +
      'Providers built without options (nothing to flush) and package-level variables are not reported.',
  },
  prefilter: ['go.opentelemetry.io/otel/sdk/'],
  prefilterAll: [['NewTracerProvider', 'NewMeterProvider', 'NewLoggerProvider']],
  create(ctx): Visitors {
    return {
      call_expression(call) {
        const kind = providerKind(ctx, call);
        if (!kind || callArgs(call).length === 0) return;
        if (kind === 'MeterProvider' && onlyPullReaders(ctx, call)) return;
        const e = outerParens(call);
        const p = e.parent;
        if (p?.type === 'argument_list' && p.parent?.type === 'call_expression' && isProviderSink(ctx, p.parent)) {
          ctx.report({ node: call, messageId: 'installed', data: { kind } });
          return;
        }
        const a = assignmentOf(call);
        const target = a?.targets.length === 1 ? unparen(a.targets[0]) : undefined;
        if (target?.type !== 'identifier' || target.text === '_') return;
        const b = resolveBinding(target.text, target, ctx.root);
        if (!b.fn || b.kind !== 'var') return;
        const fates = new Set<Fate>();
        for (const u of usesOf(b)) {
          if (u.id === b.declName?.id || u.id === target.id) continue;
          const f = useFate(ctx, u);
          if (f) fates.add(f);
        }
        if (fates.has('shutdown') || fates.has('escapes')) return;
        ctx.report({ node: call, messageId: 'dropped', data: { kind, name: target.text } });
      },
    };
  },
});
