import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { guardConditions } from '../_shared/security-helpers.js';
import { SDK_LOG, SDK_TRACE } from '../_shared/otel-sdk.js';

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
      'exporters of test helpers). Test files and test-support packages are skipped.',
  },
  prefilter: ['WithSyncer', 'NewSimpleSpanProcessor', 'NewSimpleProcessor'],
  create(ctx): Visitors {
    // in-memory exporters: test helpers outside _test.go files, where synchronous export is what a test wants
    if (ctx.imports.has(SDK_TRACE + '/tracetest') || ctx.imports.has(SDK_LOG + '/logtest')) return {};
    const report = (call: Node, name: string, what: string, batch: string) => {
      if (guardConditions(call).some((c) => DEBUG_GUARD.test(c))) return;
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
