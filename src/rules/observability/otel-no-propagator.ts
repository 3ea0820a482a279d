import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { singleBinding } from '../_shared/obs-strings.js';
import { moduleKey, position } from '../_shared/obs-packages.js';

const OTEL = 'go.opentelemetry.io/otel';
const OLD_GLOBAL = 'go.opentelemetry.io/otel/api/global';

interface SetFact { k: 'setTP'; file: string; line: number; column: number }
interface PropFact { k: 'prop' }
interface CrossFact { k: 'cross' }
type Fact = SetFact | PropFact | CrossFact;

/** Instrumentation that carries context across processes (it uses the global propagator by default). */
const CROSS_PROCESS_PREFIXES = ['go.opentelemetry.io/contrib/instrumentation/', 'go.opentelemetry.io/contrib/propagators/'];

/** Whether the provider argument is a no-op provider (tracing disabled: nothing to propagate). */
function isNoopProvider(ctx: RuleContext, arg: Node | undefined): boolean {
  let e = unparen(arg);
  if (e?.type === 'identifier') e = unparen(singleBinding(ctx, e));
  if (!e) return false;
  if (e.type === 'call_expression') {
    const r = ctx.resolveCall(e);
    if (!r) return false;
    if (r.pkg && /\/noop$/.test(r.pkg)) return true;
    return /Noop|NoOp/.test(r.name);
  }
  if (e.type === 'composite_literal') {
    const t = e.childForFieldName('type');
    return !!t && /noop|Noop/.test(t.text);
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'OBS1005',
    name: 'otel-no-propagator',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 2 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: programs with no cross-process instrumentation (no instrumented server or client, so a propagator has nothing to carry), programs whose only instrumentation is an outgoing client toward services that extract nothing, and a provider set up in a function nothing calls. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Global TracerProvider set but no TextMapPropagator configured',
    passCriterion: 'a program that sets a global TracerProvider also sets a TextMapPropagator (trace context crosses services)',
    rationale:
      'otel.SetTracerProvider makes spans real, but the global propagator stays a no-op until otel.SetTextMapPropagator ' +
      'is called: otelhttp/otelgrpc then neither inject traceparent into outgoing requests nor extract it from incoming ' +
      'ones, so every service starts a new trace and distributed traces are broken into disconnected fragments, exactly ' +
      'when they are needed to follow a failing request across services.',
    fix: {
      text:
        'Call `otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))` ' +
        'next to otel.SetTracerProvider (or use autoprop.NewTextMapPropagator() to honour OTEL_PROPAGATORS).',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package telemetry\n\nimport (\n\t"net/http"\n\n\t"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"\n\t"go.opentelemetry.io/otel"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
          'func Setup(exp sdktrace.SpanExporter, h http.Handler) http.Handler {\n\totel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)))\n\treturn otelhttp.NewHandler(h, "api")\n}\n',
        good:
          'package telemetry\n\nimport (\n\t"net/http"\n\n\t"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/propagation"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
          'func Setup(exp sdktrace.SpanExporter, h http.Handler) http.Handler {\n\totel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)))\n' +
          '\totel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))\n\treturn otelhttp.NewHandler(h, "api")\n}\n',
      },
    ],
    messages: {
      noPropagator:
        'otel.SetTracerProvider is called but this module never calls otel.SetTextMapPropagator: the global propagator is a no-op, so trace context is not propagated across services',
      noPropagatorElsewhere:
        'otel.SetTracerProvider is called but this module never calls otel.SetTextMapPropagator (another module of this repository does; check that it runs in this binary)',
    },
    sources: [],
    notes:
      'Module-wide (all non-test files of the go.mod). Reported only when the module also uses cross-process ' +
      'instrumentation (go.opentelemetry.io/contrib/instrumentation/..., contrib propagators, or otel.GetTextMapPropagator): ' +
      'a single-process program has nothing to propagate. Setting a no-op provider is not reported. Passing propagators ' +
      'explicitly to instrumentation (otelhttp/otelgrpc WithPropagators) counts as configured. When another module of the ' +
      'audited repository sets the propagator (it may be a shared setup module), the finding has low confidence.',
  },
  prefilter: ['SetTracerProvider', 'SetTextMapPropagator', 'WithPropagators', 'GetTextMapPropagator', 'go.opentelemetry.io/contrib/'],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    return {
      'source_file:exit'() {
        if (ctx.imports.specs.some((sp) => CROSS_PROCESS_PREFIXES.some((p) => sp.path.startsWith(p)))) emit({ k: 'cross' });
      },
      call_expression(call) {
        if (ctx.isCallTo(call, OTEL, 'GetTextMapPropagator')) {
          emit({ k: 'cross' });
          return;
        }
        if (ctx.isCallTo(call, OTEL, 'SetTextMapPropagator') || ctx.isCallTo(call, OLD_GLOBAL, 'SetTextMapPropagator')) {
          emit({ k: 'prop' });
          return;
        }
        const r = ctx.resolveCall(call);
        if (r?.name === 'WithPropagators' && r.pkg?.startsWith('go.opentelemetry.io/')) {
          emit({ k: 'prop' });
          return;
        }
        if (ctx.isCallTo(call, OTEL, 'SetTracerProvider') || ctx.isCallTo(call, OLD_GLOBAL, 'SetTracerProvider')) {
          if (isNoopProvider(ctx, callArgs(call)[0])) return;
          emit({ k: 'setTP', file: ctx.file.path, ...position(call) });
        }
      },
    };
  },
  finish(facts, report) {
    const withProp = new Set<string>();
    const crossing = new Set<string>();
    for (const f of facts) {
      const k = (f.data as Fact).k;
      if (k === 'prop') withProp.add(moduleKey(f.file));
      if (k === 'cross') crossing.add(moduleKey(f.file));
    }
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'setTP' || withProp.has(moduleKey(f.file)) || !crossing.has(moduleKey(f.file))) continue;
      const elsewhere = withProp.size > 0;
      report({
        file: d.file, line: d.line, column: d.column,
        messageId: elsewhere ? 'noPropagatorElsewhere' : 'noPropagator',
        confidence: elsewhere ? 'low' : undefined,
      });
    }
  },
});
