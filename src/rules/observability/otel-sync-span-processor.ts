import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { guardConditions } from '../_shared/security-helpers.js';
import { SDK_LOG, SDK_TRACE } from '../_shared/otel-sdk.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import type { RuleContext } from '../define-rule.js';
import { callArgs } from '../../go/ast.js';
import { packageKey, position } from '../_shared/obs-packages.js';
import {
  exporterCtors, exporterImpls, exporterOrigin, isLocalExporterPackage,
  type ExporterCtor, type ExporterImpl, type ExporterOrigin,
} from '../_shared/otel-exporters.js';

interface SyncFact { k: 'sync'; file: string; line: number; column: number; data: Record<string, string>; origin: ExporterOrigin }
interface ImplFact extends ExporterImpl { k: 'impl' }
interface CtorFact extends ExporterCtor { k: 'ctor' }
type Fact = SyncFact | ImplFact | CtorFact;

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
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-21',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): ' +
      '0 TP, 2 FP of 2 judged — too few judged findings to prove it, none acted on. Classes: a provider built per notification ' +
      '(the span is the notification; fixed after the 2026-12-11 sample) and a simple processor wrapping an exporter of the ' +
      'repository that appends to a local file, with no collector on the path. Reworked after the 2026-12-19 sample (only an ' +
      'exporter that is or may be a network exporter is reported, not stdout exporters nor local types writing to a file or ' +
      'writer), so its record restarts at 2026-12-21 (blindRecordFrom; the sample labelled 2026-12-20 was drawn before this rework) and it returns to the default set when a fresh blind ' +
      'record clears the bar.',
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
      'Reported only when the exporter given to WithSyncer / the simple processor is or may be a network exporter: a ' +
      'constructor of another package (otlptrace*, otlplog*, jaeger, zipkin, a package of the repository), a parameter or ' +
      'anything whose origin is not visible. Not reported: the stdout exporters (exporters/stdout/...), and a type of the ' +
      'same package whose ExportSpans / Export method writes to a file or writer (Write, Fprint, an encoder, a slog handler) ' +
      'and neither sends over the network nor hands the records to another exporter — given directly (&fileExporter{}), ' +
      'through a local variable (scoped: the same name in sibling branches is another variable), or returned by a function ' +
      'or method of the package (a method through a receiver or field chain whose struct types this file declares). ' +
      'Not reported either under an if/switch whose condition reads like a debugging or development switch (debug, dev, local, ' +
      'test, sync, stdout, console, verbose), nor in files that import sdk/trace/tracetest or sdk/log/logtest (in-memory ' +
      'exporters of test helpers). Test files and test-support packages are skipped. Nor is a processor of a provider ' +
      'the function builds for its own use (a local never returned, stored or installed with SetTracerProvider): ' +
      'its spans are that call\'s output, as in a notifier that sends a span as the notification.',
  },
  // files declaring exporters or their constructors import the SDK (its span and record types, its exporter interfaces)
  prefilter: ['WithSyncer', 'NewSimpleSpanProcessor', 'NewSimpleProcessor', 'go.opentelemetry.io/otel/sdk/'],
  create(ctx): Visitors {
    const emit = (f: Fact) => ctx.emit(f);
    for (const i of exporterImpls(ctx)) emit({ k: 'impl', ...i });
    for (const c of exporterCtors(ctx)) emit({ k: 'ctor', ...c });
    // in-memory exporters: test helpers outside _test.go files, where synchronous export is what a test wants
    if (ctx.imports.has(SDK_TRACE + '/tracetest') || ctx.imports.has(SDK_LOG + '/logtest')) return {};
    const sync = (call: Node, name: string, what: string, batch: string) => {
      if (guardConditions(call).some((c) => DEBUG_GUARD.test(c))) return;
      if (perCallProvider(ctx, call)) return;
      emit({ k: 'sync', file: ctx.file.path, ...position(call), data: { call: name, what, batch }, origin: exporterOrigin(ctx, callArgs(call)[0]) });
    };
    return {
      call_expression(call) {
        if (ctx.isCallTo(call, SDK_TRACE, 'WithSyncer')) sync(call, 'sdktrace.WithSyncer', 'span', 'sdktrace.WithBatcher');
        else if (ctx.isCallTo(call, SDK_TRACE, 'NewSimpleSpanProcessor')) sync(call, 'sdktrace.NewSimpleSpanProcessor', 'span', 'sdktrace.NewBatchSpanProcessor');
        else if (ctx.isCallTo(call, SDK_LOG, 'NewSimpleProcessor')) sync(call, 'sdklog.NewSimpleProcessor', 'log record', 'sdklog.NewBatchProcessor');
      },
    };
  },
  finish(facts, report) {
    // by package: exporter implementations by type, constructors by receiver type and name
    const impls = new Map<string, boolean>();
    const ctors = new Map<string, ExporterOrigin[][]>();
    for (const f of facts) {
      const d = f.data as Fact;
      const pkg = packageKey(f.file);
      if (d.k === 'impl') impls.set(`${pkg}\u0000${d.type}`, (impls.get(`${pkg}\u0000${d.type}`) ?? true) && d.local);
      if (d.k === 'ctor') {
        const key = `${pkg}\u0000${d.recv ?? ''}\u0000${d.name}`;
        ctors.set(key, [...(ctors.get(key) ?? []), d.origins]);
      }
    }
    /** Whether the exporter certainly writes locally (stdout, or a type of the package writing to a file or writer). */
    const local = (pkg: string, o: ExporterOrigin, depth: number): boolean => {
      if (depth > 4) return false;
      switch (o.k) {
        case 'pkg': return isLocalExporterPackage(o.pkg);
        case 'type': return impls.get(`${pkg}\u0000${o.name}`) === true;
        case 'func':
        case 'method': {
          const found = ctors.get(`${pkg}\u0000${o.k === 'method' ? o.recv : ''}\u0000${o.name}`);
          return !!found && found.length === 1 && found[0]!.length > 0 && found[0]!.every((x) => local(pkg, x, depth + 1));
        }
        default: return false;
      }
    };
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'sync' || local(packageKey(f.file), d.origin, 0)) continue;
      report({ file: d.file, line: d.line, column: d.column, messageId: 'sync', data: d.data });
    }
  },
});
