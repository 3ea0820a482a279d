import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { guardConditions } from '../_shared/security-helpers.js';
import { SDK_TRACE } from '../_shared/otel-sdk.js';

export default defineRule({
  meta: {
    id: 'OBS1009',
    name: 'otel-always-sample',
    dimension: 'observability',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 3 TP, 1 FP, 0 "nobody would act" of 4 judged — precision 75.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). The false one: AlwaysSample on an in-memory flight-recorder exporter (bounded buffer, dumped on demand, no backend cost), where sampling everything is the design. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Tracer provider hard-codes AlwaysSample (100 % of traces, OTEL_TRACES_SAMPLER ignored)',
    passCriterion: 'the trace sampler comes from configuration (OTEL_TRACES_SAMPLER or a ratio setting), not a hard-coded AlwaysSample',
    rationale:
      'sdktrace.WithSampler(sdktrace.AlwaysSample()) records and exports every trace: at production traffic that is a ' +
      'span per call per request, paid in CPU, memory in the batch queue, network and tracing-backend cost, and the first ' +
      'thing dropped when the queue overflows is arbitrary. Worse, an explicit WithSampler overrides OTEL_TRACES_SAMPLER ' +
      'and OTEL_TRACES_SAMPLER_ARG, so operators cannot lower the rate without a new build.',
    fix: {
      text: 'Drop WithSampler to let OTEL_TRACES_SAMPLER decide (default parentbased_always_on), or sample a ratio: ' +
        'sdktrace.ParentBased(sdktrace.TraceIDRatioBased(rate)) with the rate taken from configuration.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(\n\t\tsdktrace.WithBatcher(exp),\n\t\tsdktrace.WithSampler(sdktrace.AlwaysSample()),\n\t)\n}\n',
        good: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter, rate float64) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(\n\t\tsdktrace.WithBatcher(exp),\n\t\tsdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(rate))),\n\t)\n}\n',
      },
    ],
    messages: {
      always: 'WithSampler({{sampler}}) samples every trace and overrides OTEL_TRACES_SAMPLER: take the sampler or its ratio from configuration',
    },
    sources: [],
    notes:
      'Reported: WithSampler whose argument is AlwaysSample() or ParentBased(AlwaysSample(), …) written in the call, outside ' +
      'any if/switch (a sampler chosen among others by configuration is a deliberate setting). A sampler held in a ' +
      'variable is not followed. Test files and test-support packages are skipped.',
  },
  prefilter: ['AlwaysSample'],
  create(ctx): Visitors {
    const always = (e: Node | null | undefined): boolean => {
      const u = unparen(e);
      if (u?.type !== 'call_expression') return false;
      if (ctx.isCallTo(u, SDK_TRACE, 'AlwaysSample')) return true;
      return ctx.isCallTo(u, SDK_TRACE, 'ParentBased') && always(callArgs(u)[0]);
    };
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, SDK_TRACE, 'WithSampler')) return;
        const arg = callArgs(call)[0];
        if (!arg || !always(arg) || guardConditions(call).length > 0) return;
        ctx.report({ node: call, messageId: 'always', data: { sampler: arg.text.replace(/\s+/g, ' ').slice(0, 60) } });
      },
    };
  },
});
