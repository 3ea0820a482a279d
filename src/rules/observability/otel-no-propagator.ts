import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { assignmentOf, callArgs, unparen } from '../../go/ast.js';
import { singleBinding } from '../_shared/obs-strings.js';
import { moduleKey, position } from '../_shared/obs-packages.js';
import { PACKAGE_IMPORTS, packagesReached, programsReaching } from '../../facts/package-imports.js';
import { SHIPPED_MAIN_PACKAGE_DIRS } from '../../facts/code-summaries.js';

const OTEL = 'go.opentelemetry.io/otel';
const OLD_GLOBAL = 'go.opentelemetry.io/otel/api/global';

interface SetFact { k: 'setTP'; file: string; line: number; column: number }
interface PropFact { k: 'prop' }
/** Instrumentation that carries trace context across processes: `extract` reads it from incoming requests or messages, `inject` writes it into outgoing ones. */
interface CarryFact { k: 'extract' | 'inject'; what: string; file: string; line: number }
type Fact = SetFact | PropFact | CarryFact;

const CONTRIB = 'go.opentelemetry.io/contrib/instrumentation/';

/**
 * What a call to a contrib instrumentation does with trace context, by its package (last path element) and name:
 * `extract` for the server side (handlers, middlewares, server interceptors, consumers), `inject` for the client side.
 * Instrumentation of databases, caches and runtimes (otelsql, redisotel, otelmongo, runtime) carries nothing.
 */
const CARRIERS: Record<string, { extract?: RegExp; inject?: RegExp }> = {
  otelhttp: { extract: /^(?:NewHandler|NewMiddleware)$/, inject: /^(?:NewTransport|Get|Post|PostForm|Head)$/ },
  otelgrpc: { extract: /^(?:NewServerHandler|UnaryServerInterceptor|StreamServerInterceptor)$/, inject: /^(?:NewClientHandler|UnaryClientInterceptor|StreamClientInterceptor)$/ },
  otelhttptrace: { inject: /^Inject$/ },
  otelsarama: { extract: /^(?:WrapConsumer|WrapPartitionConsumer|WrapConsumerGroupHandler)$/, inject: /^(?:WrapSyncProducer|WrapAsyncProducer)$/ },
  otellambda: { extract: /^(?:InstrumentHandler|WrapHandler)$/ },
};
/** Server framework middlewares (contrib and community packages): every one extracts incoming trace context. */
const FRAMEWORK_MIDDLEWARES = new Set(['otelgin', 'otelecho', 'otelmux', 'otelchi', 'otelfiber', 'otelrestful', 'otelmacaron', 'otelbeego', 'otelhttprouter', 'otelfasthttp']);
const FRAMEWORK_CALL = /^(?:Middleware|NewMiddleware|OTelFilter|Handler)$/;

/** How a resolved call carries trace context across processes, if it does. */
function carries(pkg: string | undefined, name: string): 'extract' | 'inject' | undefined {
  if (!pkg) return undefined;
  const last = pkg.slice(pkg.lastIndexOf('/') + 1);
  if (FRAMEWORK_MIDDLEWARES.has(last)) return FRAMEWORK_CALL.test(name) ? 'extract' : undefined;
  if (!pkg.startsWith(CONTRIB) && !pkg.startsWith('github.com/dnwe/otelsarama')) return undefined;
  const c = CARRIERS[last];
  if (c?.extract?.test(name)) return 'extract';
  if (c?.inject?.test(name)) return 'inject';
  return undefined;
}

/** Whether `e` is `otel.GetTextMapPropagator()`, directly or through a local bound once to it. */
function isGlobalPropagator(ctx: RuleContext, e: Node | null): boolean {
  let x = unparen(e);
  if (x?.type === 'identifier') x = unparen(singleBinding(ctx, x));
  return x?.type === 'call_expression' && (ctx.isCallTo(x, OTEL, 'GetTextMapPropagator') || ctx.isCallTo(x, OLD_GLOBAL, 'TextMapPropagator'));
}

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
    blindRecordFrom: '2026-12-21',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 2 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: programs with no cross-process instrumentation (no instrumented server or client, so a propagator has nothing to carry), programs whose only instrumentation is an outgoing client toward services that extract nothing, and a provider set up in a function nothing calls. Reworked after the 2026-12-19 sample (judged per program: only a program that reaches server-side instrumentation extracting trace context, or client instrumentation injecting it toward a server of the repository that extracts it), so its record restarts at 2026-12-21 (blindRecordFrom; the sample labelled 2026-12-20 was drawn before this rework) and it returns to the default set when a fresh blind record clears the bar.',
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
        'otel.SetTracerProvider is called but this module never calls otel.SetTextMapPropagator: the global propagator is a no-op, so {{via}}, which {{side}} trace context in this program, carries none across services',
      noPropagatorElsewhere:
        'otel.SetTracerProvider is called but this module never calls otel.SetTextMapPropagator (another module of this repository does; check that it runs in this binary): {{via}} {{side}} trace context in this program',
    },
    sources: [],
    notes:
      'Judged per program: the shipped main packages of the repository that link the package setting the provider (the ' +
      'package import graph, across the repository\'s modules). Reported only when such a program reaches instrumentation ' +
      'that extracts incoming trace context (otelhttp.NewHandler/NewMiddleware, otelgrpc server handler or interceptors, ' +
      'framework middlewares such as otelgin/otelecho/otelmux/otelchi/otelfiber, otelsarama consumers, otellambda, ' +
      'otel.GetTextMapPropagator().Extract), or instrumentation that injects it into outgoing calls (otelhttp.NewTransport, ' +
      'otelgrpc client handler or interceptors, otelsarama producers, GetTextMapPropagator().Inject) while some production ' +
      'code of the repository extracts it. Database, cache and runtime instrumentation carries no context and does not count; ' +
      'a program whose spans stay in the process has nothing to propagate, and neither has a client whose peers this ' +
      'repository shows none extracting. A package that no program of its module links is judged by what it reaches itself; ' +
      'in a module without a main package (a library) the whole module is judged. Setting a no-op provider is not reported. ' +
      'Passing propagators explicitly to instrumentation (otelhttp/otelgrpc WithPropagators) counts as configured, and so ' +
      'does a propagator set anywhere in the module. When another module of the audited repository sets the propagator ' +
      '(it may be a shared setup module), the finding has low confidence.',
  },
  prefilter: ['SetTracerProvider', 'SetTextMapPropagator', 'WithPropagators', 'GetTextMapPropagator', 'TextMapPropagator()', 'go.opentelemetry.io/contrib/', 'otelsarama', 'otelchi', 'otelfiber'],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    const carry = (k: 'extract' | 'inject', what: string, node: Node) => emit({ k, what, file: ctx.file.path, line: node.startPosition.row + 1 });
    return {
      call_expression(call) {
        const r = ctx.resolveCall(call);
        if (!r) return;
        if (ctx.isCallTo(call, OTEL, 'GetTextMapPropagator') || ctx.isCallTo(call, OLD_GLOBAL, 'TextMapPropagator')) {
          // `otel.GetTextMapPropagator().Extract(...)` is judged at the outer call; a local bound to it where it is used
          const p = call.parent;
          if (p?.type === 'selector_expression' || assignmentOf(call)) return;
          // handed to code that injects or extracts with it: counted as the weaker side
          carry('inject', 'otel.GetTextMapPropagator()', call);
          return;
        }
        if ((r.name === 'Extract' || r.name === 'Inject') && r.recv && isGlobalPropagator(ctx, r.recv)) {
          carry(r.name === 'Extract' ? 'extract' : 'inject', `otel.GetTextMapPropagator().${r.name}`, call);
          return;
        }
        const side = carries(r.pkg, r.name);
        if (side) {
          carry(side, `${r.pkg!.slice(r.pkg!.lastIndexOf('/') + 1)}.${r.name}`, call);
          return;
        }
        if (ctx.isCallTo(call, OTEL, 'SetTextMapPropagator') || ctx.isCallTo(call, OLD_GLOBAL, 'SetTextMapPropagator')) {
          emit({ k: 'prop' });
          return;
        }
        if (r.name === 'WithPropagators' && r.pkg?.startsWith('go.opentelemetry.io/')) {
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
  requires: [PACKAGE_IMPORTS, SHIPPED_MAIN_PACKAGE_DIRS],
  finish(facts, report, repo) {
    const withProp = new Set<string>();
    // instrumentation of production code only: an example's server is not deployed
    const extract: (CarryFact & { dir: string; module: string })[] = [];
    const inject: (CarryFact & { dir: string; module: string })[] = [];
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k === 'prop') withProp.add(moduleKey(f.file));
      if ((d.k === 'extract' || d.k === 'inject') && f.file.role === 'production') {
        (d.k === 'extract' ? extract : inject).push({ ...d, dir: path.posix.dirname(d.file), module: moduleKey(f.file) });
      }
    }
    const graph = repo.fact(PACKAGE_IMPORTS);
    const mains = repo.fact(SHIPPED_MAIN_PACKAGE_DIRS);
    const modulesWithMain = new Set(mains.map((m) => graph[m]?.module ?? '?'));
    const reachedBy = new Map<string, Set<string>>();
    /** The instrumentation that would carry context with a propagator, among the packages `within` accepts. */
    const carrier = (within: (c: CarryFact & { dir: string; module: string }) => boolean): CarryFact | undefined =>
      extract.find(within) ?? (extract.length ? inject.find(within) : undefined);
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'setTP' || withProp.has(moduleKey(f.file))) continue;
      const dir = path.posix.dirname(d.file);
      // the programs of this repository that run this package; none: the package alone (a module that ships programs
      // shows how its packages are used) or, in a library module, the whole module (its programs are not visible)
      const programs = programsReaching(graph, mains, dir);
      let via: CarryFact | undefined;
      if (programs.length) {
        for (const p of programs) {
          let reached = reachedBy.get(p);
          if (!reached) reachedBy.set(p, (reached = packagesReached(graph, p)));
          via = carrier((c) => reached!.has(c.dir));
          if (via) break;
        }
      } else if (modulesWithMain.has(moduleKey(f.file))) {
        const reached = packagesReached(graph, dir);
        via = carrier((c) => reached.has(c.dir));
      } else {
        via = carrier((c) => c.module === moduleKey(f.file));
      }
      if (!via) continue;
      const elsewhere = withProp.size > 0;
      report({
        file: d.file, line: d.line, column: d.column,
        messageId: elsewhere ? 'noPropagatorElsewhere' : 'noPropagator',
        data: { via: `${via.what} (${via.file}:${via.line})`, side: via.k === 'extract' ? 'extracts' : 'injects' },
        confidence: elsewhere ? 'low' : undefined,
      });
    }
  },
});
