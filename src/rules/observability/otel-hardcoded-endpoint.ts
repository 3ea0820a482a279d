import { defineRule, type Visitors } from '../define-rule.js';
import { callArgs } from '../../go/ast.js';
import { knownString } from '../_shared/obs-strings.js';

const OTLP = 'go.opentelemetry.io/otel/exporters/otlp/';

/** Option functions (by package) whose first argument is the collector endpoint, with the env var that it overrides. */
const ENDPOINT_OPTIONS: { pkg: string; names: string[]; env: string }[] = [
  { pkg: OTLP + 'otlptrace/otlptracegrpc', names: ['WithEndpoint', 'WithEndpointURL'], env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' },
  { pkg: OTLP + 'otlptrace/otlptracehttp', names: ['WithEndpoint', 'WithEndpointURL'], env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' },
  { pkg: OTLP + 'otlpmetric/otlpmetricgrpc', names: ['WithEndpoint', 'WithEndpointURL'], env: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT' },
  { pkg: OTLP + 'otlpmetric/otlpmetrichttp', names: ['WithEndpoint', 'WithEndpointURL'], env: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT' },
  { pkg: OTLP + 'otlplog/otlploggrpc', names: ['WithEndpoint', 'WithEndpointURL'], env: 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT' },
  { pkg: OTLP + 'otlplog/otlploghttp', names: ['WithEndpoint', 'WithEndpointURL'], env: 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT' },
  // pre-1.0 combined OTLP exporter drivers
  { pkg: OTLP + 'otlpgrpc', names: ['WithEndpoint'], env: 'OTEL_EXPORTER_OTLP_ENDPOINT' },
  { pkg: OTLP + 'otlphttp', names: ['WithEndpoint'], env: 'OTEL_EXPORTER_OTLP_ENDPOINT' },
  // deprecated Jaeger exporter
  { pkg: 'go.opentelemetry.io/otel/exporters/jaeger', names: ['WithEndpoint'], env: 'OTEL_EXPORTER_JAEGER_ENDPOINT' },
  { pkg: 'go.opentelemetry.io/otel/exporters/jaeger', names: ['WithAgentHost'], env: 'OTEL_EXPORTER_JAEGER_AGENT_HOST' },
  // constructors taking the collector URL as first argument
  { pkg: 'go.opentelemetry.io/otel/exporters/zipkin', names: ['New'], env: 'OTEL_EXPORTER_ZIPKIN_ENDPOINT' },
  { pkg: 'github.com/openzipkin/zipkin-go/reporter/http', names: ['NewReporter'], env: 'a configuration value' },
];

export default defineRule({
  meta: {
    id: 'OBS1003',
    name: 'otel-hardcoded-endpoint',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-22 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 0 FP, 3 "nobody would act" of 3 judged — no judged finding was acted on, below the bar for a default rule. Main class: endpoints hard-coded on opt-in developer tracing flags (a local Jaeger for one debugging run, the collector service of the same namespace), documented as such. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'OpenTelemetry exporter endpoint is a hard-coded string',
    passCriterion: 'OpenTelemetry exporter endpoints come from configuration (OTEL_EXPORTER_OTLP_ENDPOINT or flags), not literals',
    rationale:
      'An explicit WithEndpoint option takes precedence over OTEL_EXPORTER_OTLP_ENDPOINT, so a hard-coded "collector:4317" ' +
      'cannot be changed per environment: staging sends traces to the production collector (or nowhere), moving the ' +
      'collector or adding a sidecar needs a rebuild, and operators who set the standard environment variable see it ' +
      'silently ignored. Without the option the exporters read the endpoint from the environment by default.',
    fix: {
      text:
        'Drop the endpoint option and let the exporter read OTEL_EXPORTER_OTLP_ENDPOINT (or the per-signal variable), or ' +
        'pass a value from your configuration (flag, config file, environment).',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package telemetry\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
          'func Setup(ctx context.Context) (*sdktrace.TracerProvider, error) {\n\texp, err := otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint("otel-collector:4317"), otlptracegrpc.WithInsecure())\n' +
          '\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)), nil\n}\n',
        good:
          'package telemetry\n\nimport (\n\t"context"\n\n\t"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
          '// The endpoint comes from OTEL_EXPORTER_OTLP_ENDPOINT.\nfunc Setup(ctx context.Context) (*sdktrace.TracerProvider, error) {\n\texp, err := otlptracegrpc.New(ctx)\n' +
          '\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)), nil\n}\n',
      },
    ],
    messages: {
      hardcoded: '{{call}} is given the hard-coded endpoint {{value}}{{via}}: it overrides {{env}} and cannot change per environment',
    },
    sources: [],
    notes:
      'A value is "hard-coded" when it is a string literal, a constant, or a local/package variable assigned exactly once from ' +
      'a literal in the same file (concatenations and fmt.Sprintf with a literal host count). Values read from flags, ' +
      'configuration structs, os.Getenv or function parameters are not reported, nor is the empty string.',
  },
  prefilter: ['go.opentelemetry.io/otel/exporters/', 'openzipkin/zipkin-go/reporter'],
  create(ctx) {
    const options = ENDPOINT_OPTIONS.filter((o) => ctx.imports.has(o.pkg));
    const none: Visitors = {};
    if (!options.length) return none;
    return {
      call_expression(call) {
        const opt = options.find((o) => ctx.isCallTo(call, o.pkg, ...o.names));
        if (!opt) return;
        const arg = callArgs(call)[0];
        const known = knownString(ctx, arg);
        if (!known || (known.complete && known.prefix === '')) return;
        // a partial value must at least fix the host part ("http://collector:" + port)
        if (!known.complete && !/[A-Za-z0-9\]]/.test(known.prefix.replace(/^[a-z]+:\/\//, ''))) return;
        const res = ctx.resolveCall(call);
        const pkgName = opt.pkg.split('/').pop();
        const value = known.complete ? JSON.stringify(known.prefix) : `${JSON.stringify(known.prefix)}…`;
        ctx.report({
          node: call,
          messageId: 'hardcoded',
          data: {
            call: `${pkgName}.${res?.name ?? opt.names[0]}`,
            value,
            via: known.viaName && arg ? ` (via ${arg.text.slice(0, 40)})` : '',
            env: opt.env,
          },
        });
      },
    };
  },
});
