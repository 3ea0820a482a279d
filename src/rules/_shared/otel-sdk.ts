/** OpenTelemetry Go SDK: import paths and the provider constructors the observability rules look at. */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';

export const OTEL = 'go.opentelemetry.io/otel';
export const SDK_TRACE = 'go.opentelemetry.io/otel/sdk/trace';
export const SDK_METRIC = 'go.opentelemetry.io/otel/sdk/metric';
export const SDK_LOG = 'go.opentelemetry.io/otel/sdk/log';

/** SDK provider constructors: package, function, and the provider's kind for messages. */
export const PROVIDERS: { pkg: string; name: string; kind: string }[] = [
  { pkg: SDK_TRACE, name: 'NewTracerProvider', kind: 'TracerProvider' },
  { pkg: SDK_METRIC, name: 'NewMeterProvider', kind: 'MeterProvider' },
  { pkg: SDK_LOG, name: 'NewLoggerProvider', kind: 'LoggerProvider' },
];

/** The provider kind when `call` constructs an SDK provider, else undefined. */
export function providerKind(ctx: RuleContext, call: Node): string | undefined {
  return PROVIDERS.find((p) => ctx.isCallTo(call, p.pkg, p.name))?.kind;
}

/** Functions that install a provider globally or hand it to instrumentation, neither of which ever shuts it down. */
export function isProviderSink(ctx: RuleContext, call: Node): boolean {
  if (ctx.isCallTo(call, OTEL, 'SetTracerProvider', 'SetMeterProvider')) return true;
  if (ctx.isCallTo(call, 'go.opentelemetry.io/otel/log/global', 'SetLoggerProvider')) return true;
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
  return !!name && /^With(Tracer|Meter|Logger)Provider$/.test(name);
}
