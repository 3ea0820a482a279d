import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';

const OTEL = 'go.opentelemetry.io/otel/';
const OTLP = OTEL + 'exporters/otlp/';

/** Provider and exporter constructors (package -> function names). */
const CONSTRUCTORS: { pkg: string; names: string[]; what: 'provider' | 'exporter' }[] = [
  { pkg: OTEL + 'sdk/trace', names: ['NewTracerProvider'], what: 'provider' },
  { pkg: OTEL + 'sdk/metric', names: ['NewMeterProvider'], what: 'provider' },
  { pkg: OTEL + 'sdk/log', names: ['NewLoggerProvider'], what: 'provider' },
  { pkg: OTLP + 'otlptrace', names: ['New', 'NewUnstarted'], what: 'exporter' },
  { pkg: OTLP + 'otlptrace/otlptracegrpc', names: ['New'], what: 'exporter' },
  { pkg: OTLP + 'otlptrace/otlptracehttp', names: ['New'], what: 'exporter' },
  { pkg: OTLP + 'otlpmetric/otlpmetricgrpc', names: ['New'], what: 'exporter' },
  { pkg: OTLP + 'otlpmetric/otlpmetrichttp', names: ['New'], what: 'exporter' },
  { pkg: OTLP + 'otlplog/otlploggrpc', names: ['New'], what: 'exporter' },
  { pkg: OTLP + 'otlplog/otlploghttp', names: ['New'], what: 'exporter' },
  { pkg: OTEL + 'exporters/stdout/stdouttrace', names: ['New'], what: 'exporter' },
  { pkg: OTEL + 'exporters/stdout/stdoutmetric', names: ['New'], what: 'exporter' },
  { pkg: OTEL + 'exporters/stdout/stdoutlog', names: ['New'], what: 'exporter' },
  { pkg: OTEL + 'exporters/prometheus', names: ['New'], what: 'exporter' },
  { pkg: OTEL + 'exporters/zipkin', names: ['New'], what: 'exporter' },
  { pkg: OTEL + 'exporters/jaeger', names: ['New'], what: 'exporter' },
];

/**
 * Where a call runs at package initialisation: 'init' inside func init() (including immediately
 * invoked literals), 'var' in a package-level variable initialiser; undefined otherwise (inside a
 * normal function, or a func literal that runs later).
 */
function initContext(call: Node): 'init' | 'var' | undefined {
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === 'func_literal') {
      const parent = p.parent;
      // func() { ... }() runs right away; any other literal runs later (callback, goroutine body...)
      const invoked = parent?.type === 'call_expression' && unparen(parent.childForFieldName('function'))?.startIndex === p.startIndex;
      if (!invoked || parent?.parent?.type === 'go_statement') return undefined;
      continue;
    }
    if (p.type === 'method_declaration') return undefined;
    if (p.type === 'function_declaration') {
      return p.childForFieldName('name')?.text === 'init' && !p.childForFieldName('type_parameters') ? 'init' : undefined;
    }
    if (p.type === 'var_declaration' && p.parent?.type === 'source_file') return 'var';
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'OBS1004',
    name: 'otel-provider-in-init',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'OpenTelemetry provider or exporter created at package initialisation',
    passCriterion: 'OpenTelemetry providers and exporters are created in main/startup code with a shutdown path, not at package init',
    rationale:
      'Creating a TracerProvider, MeterProvider or exporter in func init() (or a package-level var) runs at import time, ' +
      'before main has parsed flags or configuration: it has no context to cancel a slow collector dial, no way to ' +
      'return an error (so failures are ignored or panic), and no owner to call Shutdown, so buffered spans and metrics ' +
      'are lost on exit and background exporter goroutines start in every binary and test that imports the package.',
    fix: {
      text:
        'Build the providers in an explicit setup function called from main (taking a context and returning an error and a ' +
        'shutdown func), and `defer shutdown(ctx)` there so batches are flushed on exit.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package telemetry\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
          'func init() {\n\texp, _ := otlptracegrpc.New(context.Background())\n\totel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)))\n}\n',
        good:
          'package telemetry\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
          'func Setup(ctx context.Context) (shutdown func(context.Context) error, err error) {\n\texp, err := otlptracegrpc.New(ctx)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n' +
          '\ttp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))\n\totel.SetTracerProvider(tp)\n\treturn tp.Shutdown, nil\n}\n',
      },
    ],
    messages: {
      init: '{{call}} creates an OpenTelemetry {{what}} in func init(): no context, no error path and no Shutdown/flush owner',
      var: '{{call}} creates an OpenTelemetry {{what}} in a package-level variable initialiser: it runs at import time with no error path and no Shutdown/flush owner',
    },
    sources: [],
    notes:
      'Func literals inside init() are only considered when invoked immediately (a callback registered from init runs later ' +
      'and is not reported). Test files are not checked.',
  },
  prefilter: ['go.opentelemetry.io/otel/sdk/', 'go.opentelemetry.io/otel/exporters/'],
  create(ctx) {
    const ctors = CONSTRUCTORS.filter((c) => ctx.imports.has(c.pkg));
    const none: Visitors = {};
    if (!ctors.length) return none;
    return {
      call_expression(call) {
        const ctor = ctors.find((c) => ctx.isCallTo(call, c.pkg, ...c.names));
        if (!ctor) return;
        const where = initContext(call);
        if (!where) return;
        // a package-level provider without options (no processor, reader or exporter) starts nothing
        if (where === 'var' && ctor.what === 'provider' && callArgs(call).length === 0) return;
        const callee = call.childForFieldName('function')?.text ?? ctor.names[0]!;
        ctx.report({ node: call, messageId: where, data: { call: callee, what: ctor.what } });
      },
    };
  },
});
