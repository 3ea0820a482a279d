import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { guardConditions } from '../_shared/security-helpers.js';
import { SDK_LOG, SDK_TRACE } from '../_shared/otel-sdk.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import type { RuleContext } from '../define-rule.js';

/**
 * Whether the processor is an option of a provider built in the function for its own use: `tp := NewTracerProvider(…)`
 * bound to a local that is never returned, stored (assigned, put in a literal) nor installed globally. Such a
 * provider lives for one call and its spans are that call's output — a notifier sending a span as the notification
 * (notification-controller's OTLP provider, blind sample 2026-12-11) — so exporting them before returning is the
 * point and no instrumented request waits for it.
 */
function perCallProvider(ctx: RuleContext, call: Node): boolean {
  // WithSyncer(exp) is itself a provider option; NewSimpleSpanProcessor(exp) sits inside WithSpanProcessor(...)
  let provider: Node | undefined;
  let x: Node = call;
  for (let i = 0; i < 2 && !provider; i++) {
    const outer = x.parent?.type === 'argument_list' ? x.parent.parent : null;
    if (outer?.type !== 'call_expression') return false;
    if (ctx.isCallTo(outer, SDK_TRACE, 'NewTracerProvider') || ctx.isCallTo(outer, SDK_LOG, 'NewLoggerProvider')) provider = outer;
    x = outer;
  }
  if (!provider) return false;
  const b = resultBinding(ctx, provider);
  if (!b) return false;
  // the provider itself returned, assigned, put in a literal or installed globally; passing it to a helper is fine
  return b.reads.every((id) => {
    let e: Node = id;
    while (e.parent && (e.parent.type === 'parenthesized_expression' || e.parent.type === 'unary_expression')) e = e.parent;
    const p = e.parent;
    if (!p) return true;
    if (p.type === 'return_statement' || p.type === 'literal_element' || p.type === 'keyed_element') return false;
    if (p.type === 'expression_list') {
      const s = p.parent;
      if (s?.type === 'return_statement') return false;
      if ((s?.type === 'assignment_statement' || s?.type === 'short_var_declaration') && s.childForFieldName('right')?.id === p.id) return false;
    }
    if (p.type === 'argument_list' && /Set(?:Tracer|Logger)Provider$/.test(p.parent?.childForFieldName('function')?.text ?? '')) return false;
    return true;
  });
}

/** A guard that makes the synchronous export a debugging or development choice. */
const DEBUG_GUARD = /debug|dev\b|development|local|test|sync|stdout|console|verbose/i;

export default defineRule({
  meta: {
    id: 'OBS1008',
    name: 'otel-sync-span-processor',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'OpenTelemetry spans or logs exported synchronously (WithSyncer / simple processor)',
    passCriterion: 'spans and log records are exported by the batch processor, never synchronously on the request path',
    rationale:
      'WithSyncer and NewSimpleSpanProcessor (NewSimpleProcessor for logs) export every span or record as it ends, on the ' +
      'goroutine that ended it: each request waits for a network round trip to the collector, and when the collector is ' +
      'slow or down every instrumented call slows down or blocks with it. The SDK documents them as for testing and ' +
      'debugging; the batch processor exports in the background with a bounded queue and drops instead of blocking.',
    fix: {
      text: 'Use sdktrace.WithBatcher(exporter) (sdklog.NewBatchProcessor for logs); tune its queue and timeouts with ' +
        'WithMaxQueueSize / WithBatchTimeout or the OTEL_BSP_* variables, and Shutdown the provider on exit to flush.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))\n}\n',
        good: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))\n}\n',
      },
    ],
    messages: {
      sync: '{{call}} exports each {{what}} synchronously on the caller\'s goroutine: a slow or unreachable collector slows down every instrumented request; use {{batch}}',
    },
    sources: [],
    notes:
      'Not reported under an if/switch whose condition reads like a debugging or development switch (debug, dev, local, ' +
      'test, sync, stdout, console, verbose), nor in files that import sdk/trace/tracetest or sdk/log/logtest (in-memory ' +
      'exporters of test helpers). Test files and test-support packages are skipped. Nor is a processor of a provider ' +
      'the function builds for its own use (a local never returned, stored or installed with SetTracerProvider): ' +
      'its spans are that call\'s output, as in a notifier that sends a span as the notification.',
  },
  prefilter: ['WithSyncer', 'NewSimpleSpanProcessor', 'NewSimpleProcessor'],
  create(ctx): Visitors {
    // in-memory exporters: test helpers outside _test.go files, where synchronous export is what a test wants
    if (ctx.imports.has(SDK_TRACE + '/tracetest') || ctx.imports.has(SDK_LOG + '/logtest')) return {};
    const report = (call: Node, name: string, what: string, batch: string) => {
      if (guardConditions(call).some((c) => DEBUG_GUARD.test(c))) return;
      if (perCallProvider(ctx, call)) return;
      ctx.report({ node: call, messageId: 'sync', data: { call: name, what, batch } });
    };
    return {
      call_expression(call) {
        if (ctx.isCallTo(call, SDK_TRACE, 'WithSyncer')) report(call, 'sdktrace.WithSyncer', 'span', 'sdktrace.WithBatcher');
        else if (ctx.isCallTo(call, SDK_TRACE, 'NewSimpleSpanProcessor')) report(call, 'sdktrace.NewSimpleSpanProcessor', 'span', 'sdktrace.NewBatchSpanProcessor');
        else if (ctx.isCallTo(call, SDK_LOG, 'NewSimpleProcessor')) report(call, 'sdklog.NewSimpleProcessor', 'log record', 'sdklog.NewBatchProcessor');
      },
    };
  },
});
