import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { singleBinding } from '../_shared/obs-strings.js';
import { compositeIs } from '../_shared/security-helpers.js';
import { matchesPrefix, METRICS_PACKAGES, moduleKey, packageKey, position } from '../_shared/obs-packages.js';

const HTTP = 'net/http';
const GRPC = 'google.golang.org/grpc';

/** Framework constructors whose value starts a server with the given method. */
const FRAMEWORKS: { pkg: string; ctors: string[]; start: string[]; kind: string }[] = [
  { pkg: GRPC, ctors: ['NewServer'], start: ['Serve'], kind: 'a gRPC server' },
  { pkg: 'github.com/gin-gonic/gin', ctors: ['Default', 'New'], start: ['Run', 'RunTLS'], kind: 'a gin server' },
  { pkg: 'github.com/labstack/echo/v4', ctors: ['New'], start: ['Start', 'StartTLS'], kind: 'an echo server' },
  { pkg: 'github.com/labstack/echo', ctors: ['New'], start: ['Start', 'StartTLS'], kind: 'an echo server' },
  { pkg: 'github.com/gofiber/fiber/v2', ctors: ['New'], start: ['Listen', 'ListenTLS'], kind: 'a fiber server' },
];

const START_METHODS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS', ...FRAMEWORKS.flatMap((f) => f.start)]);

interface MetricsFact { k: 'metrics' }
interface ServerFact { k: 'server'; file: string; line: number; column: number; kind: string; inMain: boolean }
interface ImportsFact { k: 'imports'; paths: string[] }
type Fact = MetricsFact | ServerFact | ImportsFact;

/** The value a method receiver was created from (identifier bound once, or the expression itself). */
function receiverOrigin(ctx: RuleContext, recv: Node): Node | null {
  let e = unparen(recv);
  if (e?.type === 'identifier') e = unparen(singleBinding(ctx, e));
  if (e?.type === 'unary_expression') e = unparen(e.childForFieldName('operand'));
  return e;
}

/** The kind of server a call starts, if it is a server start. */
function serverStart(ctx: RuleContext, call: Node): string | undefined {
  if (ctx.isCallTo(call, HTTP, 'ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS')) return 'an HTTP server';
  const r = ctx.resolveCall(call);
  if (!r || !r.recv || !START_METHODS.has(r.name)) return undefined;
  const origin = receiverOrigin(ctx, r.recv);
  if (['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'].includes(r.name)) {
    if (origin && compositeIs(ctx, origin, HTTP, 'Server')) return 'an HTTP server';
    // srv.ListenAndServe() on a server built elsewhere: the method name is specific enough with net/http imported
    if ((r.name === 'ListenAndServe' || r.name === 'ListenAndServeTLS') && ctx.imports.isImported(HTTP) && callArgs(call).length <= 2) return 'an HTTP server';
  }
  if (origin?.type !== 'call_expression') return undefined;
  for (const fw of FRAMEWORKS) {
    if (fw.start.includes(r.name) && ctx.imports.has(fw.pkg) && ctx.isCallTo(origin, fw.pkg, ...fw.ctors)) return fw.kind;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'OBS1006',
    name: 'http-server-without-metrics',
    dimension: 'observability',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'a heuristic over the whole module: metrics provided by a framework or library it does not know, or exposed by a ' +
      'sidecar, look like no metrics at all.',
    title: 'Service starts an HTTP/gRPC server but the module has no metrics instrumentation',
    passCriterion: 'every service that starts a server exports metrics',
    rationale:
      'A network service without metrics cannot be monitored or alerted on: request rate, error rate and latency (the ' +
      'RED signals), saturation and Go runtime health are invisible, so an outage is noticed by users first, capacity ' +
      'planning is guesswork and SLOs cannot be measured. Exposing a Prometheus or OpenTelemetry endpoint costs a few lines.',
    fix: {
      text:
        'Instrument the service: e.g. expose promhttp.Handler() on /metrics and wrap handlers with promhttp.InstrumentHandler* ' +
        '(or otelhttp/otelgrpc with an OpenTelemetry MeterProvider), including Go runtime collectors.',
      effort: 'medium',
    },
    examples: [
      {
        filename: 'main.go',
        bad:
          'package main\n\nimport "net/http"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})\n\thttp.ListenAndServe(":8080", mux)\n}\n',
        good:
          'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/prometheus/client_golang/prometheus/promhttp"\n)\n\nfunc main() {\n\tmux := http.NewServeMux()\n' +
          '\tmux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})\n\tmux.Handle("/metrics", promhttp.Handler())\n\thttp.ListenAndServe(":8080", mux)\n}\n',
      },
    ],
    messages: {
      noMetrics:
        'main package starts {{kind}} but module {{module}} imports no metrics library (Prometheus client, OpenTelemetry metric, expvar, ...): the service cannot be monitored',
    },
    sources: [],
    notes:
      'Heuristic (experimental): one finding per main package, at its first server start (preferring the file declaring ' +
      'func main); the module (go.mod) must import no known metrics package in any non-test file, and the main package ' +
      'must not import another module of the audited repository that does. Servers started by library packages, metrics provided by a framework ' +
      'the tool does not know, and main packages under examples/, test/, tools/, hack/ directories are not reported.',
  },
  prefilter: [
    'ListenAndServe', '.Serve(', '.ServeTLS(', '.Run(', '.RunTLS(', '.Start(', '.StartTLS(', '.Listen(', '.ListenTLS(',
    'client_golang', 'otel/metric', 'otel/sdk/metric', 'otel/exporters/prometheus', 'otlpmetric', '"expvar"',
    'VictoriaMetrics/metrics', 'opencensus.io/stats', 'go-metrics', 'datadog-go', 'tally', 'kit/metrics', 'go-grpc-prometheus',
    'providers/prometheus', 'go-http-metrics',
  ],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    // main packages of examples, tests and tooling are not deployed services: their findings carry that role and are
    // dropped unless --include-non-shipped
    const service = ctx.file.isMain;
    let reported = false;
    return {
      'source_file:exit'() {
        if (ctx.imports.specs.some((s) => METRICS_PACKAGES.some((p) => matchesPrefix(s.path, p)))) emit({ k: 'metrics' });
        // imports with a dot in the first element (not the standard library): may be another module of this repository
        if (service) emit({ k: 'imports', paths: ctx.imports.specs.map((s) => s.path).filter((p) => p.split('/')[0]!.includes('.')) });
      },
      call_expression(call) {
        if (!service || reported) return;
        const kind = serverStart(ctx, call);
        if (!kind) return;
        reported = true;
        emit({ k: 'server', file: ctx.file.path, ...position(call), kind, inMain: !!ctx.functions.func('main') });
      },
    };
  },
  finish(facts, report) {
    const withMetrics = new Set<string>();
    const metricsModulePaths: string[] = [];
    const pkgImports = new Map<string, string[]>();
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k === 'metrics') {
        withMetrics.add(moduleKey(f.file));
        if (f.file.modulePath) metricsModulePaths.push(f.file.modulePath);
      }
      if (d.k === 'imports') {
        const key = packageKey(f.file);
        pkgImports.set(key, [...(pkgImports.get(key) ?? []), ...d.paths]);
      }
    }
    // the main package imports another module of the audited repository that has metrics
    const importsInstrumentedModule = (key: string) =>
      (pkgImports.get(key) ?? []).some((p) => metricsModulePaths.some((m) => p === m || p.startsWith(m + '/')));
    const better = (a: ServerFact, b: ServerFact) =>
      a.inMain !== b.inMain ? a.inMain : a.file !== b.file ? a.file < b.file : a.line < b.line;
    const first = new Map<string, { f: ServerFact; module: string }>();
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'server' || withMetrics.has(moduleKey(f.file))) continue;
      const key = packageKey(f.file);
      if (importsInstrumentedModule(key)) continue;
      const prev = first.get(key);
      if (!prev || better(d, prev.f)) first.set(key, { f: d, module: f.file.modulePath ?? (f.file.moduleDir || '.') });
    }
    for (const { f, module } of first.values()) {
      report({ file: f.file, line: f.line, column: f.column, messageId: 'noMetrics', data: { kind: f.kind, module } });
    }
  },
});
