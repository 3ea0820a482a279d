import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { enclosingFunction, parameters, unparen } from '../../go/ast.js';
import { moduleKey, position } from '../_shared/obs-packages.js';
import { isQualifiedType } from '../_shared/declared-type.js';
import { isHTTPClientExpr } from '../_shared/concurrency-http.js';

/** Imports that limit concurrency or request rate (limiters, semaphores, throttling middlewares). */
const LIMIT_IMPORTS = [
  'golang.org/x/time/rate', 'golang.org/x/sync/semaphore', 'golang.org/x/net/netutil',
  'github.com/didip/tollbooth', 'github.com/ulule/limiter', 'github.com/sethvargo/go-limiter', 'go.uber.org/ratelimit',
  'github.com/juju/ratelimit', 'github.com/throttled/throttled', 'github.com/go-chi/httprate', 'github.com/uber-go/ratelimit',
  'github.com/marusama/semaphore', 'github.com/platinummonkey/go-concurrency-limits', 'github.com/alitto/pond',
  'github.com/gammazero/workerpool', 'github.com/panjf2000/ants', 'github.com/grpc-ecosystem/go-grpc-middleware/ratelimit',
  'github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/ratelimit',
];
/** Limits written in code: middlewares, listener and stream caps, bounded worker pools, a project's own limiter. */
const LIMIT_CODE =
  /\b(?:Throttle|ThrottleBacklog|RateLimiter\w*|NewRateLimit\w*|LimitListener|MaxConcurrentStreams|SetLimit|MaxInFlight\w*|ConcurrencyLimit\w*|InFlightLimit\w*|MaxConcurrentRequests|LimitHandler)\s*\(|\bmake\(\s*chan\s+struct\s*\{\s*\}\s*,\s*\w/;
/** Rate or connection limits of a reverse proxy / ingress in the repository's manifests and proxy configs. */
const PROXY_LIMIT = /limit-rps|limit-rpm|limit-connections|limit_req\b|limit_conn\b|\brateLimit\b|\bRateLimit\b|local_ratelimit|max_requests|maxConnections|inFlightReq/;

/** Packages whose query methods hit a database. */
const DB_IMPORTS = ['database/sql', 'github.com/jackc/pgx', 'github.com/jmoiron/sqlx', 'gorm.io/gorm', 'github.com/uptrace/bun', 'entgo.io/ent', 'go.mongodb.org/mongo-driver'];
const DB_METHODS = new Set(['Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Exec', 'ExecContext', 'Select', 'SelectContext', 'Get', 'GetContext', 'Raw', 'Find', 'Aggregate']);
const DECOMPRESS: { pkg: string; names: string[] }[] = [
  { pkg: 'compress/gzip', names: ['NewReader'] }, { pkg: 'compress/zlib', names: ['NewReader'] },
  { pkg: 'compress/flate', names: ['NewReader'] }, { pkg: 'archive/zip', names: ['NewReader', 'OpenReader'] },
  { pkg: 'archive/tar', names: ['NewReader'] }, { pkg: 'compress/bzip2', names: ['NewReader'] },
];
const OUTBOUND: { pkg: string; names: string[] }[] = [{ pkg: 'net/http', names: ['Get', 'Post', 'PostForm', 'Head'] }];

type Fact =
  | { k: 'limit'; module: string; what: string }
  | { k: 'handler'; module: string; file: string; line: number; column: number; name: string; work: string[] };

/** Whether the file imports a package (or a subpackage of it). */
function importsAny(ctx: RuleContext, paths: string[]): string | undefined {
  for (const p of ctx.imports.specs.map((s) => s.path)) {
    const hit = paths.find((x) => p === x || p.startsWith(`${x}/`));
    if (hit) return hit;
  }
  return undefined;
}

/** The request parameter's name when `fn` is an HTTP handler (takes http.ResponseWriter and *http.Request). */
function handlerRequest(ctx: RuleContext, fn: Node): string | undefined {
  const ps = parameters(fn);
  if (!ps.some((p) => isQualifiedType(ctx, p.type, 'net/http', ['ResponseWriter']) && !p.type.trim().startsWith('*'))) return undefined;
  return ps.find((p) => isQualifiedType(ctx, p.type, 'net/http', ['Request']) && p.type.trim().startsWith('*'))?.name;
}

/** Whether `fn` or a function around it takes an http.Handler / http.HandlerFunc: a middleware wrapping the next handler. */
function takesNextHandler(ctx: RuleContext, fn: Node): boolean {
  for (let f: Node | null = fn; f; f = enclosingFunction(f)) {
    if (parameters(f).some((p) => isQualifiedType(ctx, p.type, 'net/http', ['Handler', 'HandlerFunc']))) return true;
  }
  return false;
}

/** What expensive work a handler body does itself (closures inside it included). */
function expensiveWork(ctx: RuleContext, body: Node, req: string, db: boolean): string[] {
  const work = new Set<string>();
  for (const call of body.descendantsOfType('call_expression')) {
    if (!call) continue;
    if (ctx.isCallTo(call, 'os/exec', 'Command', 'CommandContext')) work.add('runs commands');
    else if (DECOMPRESS.some((d) => ctx.isCallTo(call, d.pkg, ...d.names))) work.add('decompresses');
    else if (OUTBOUND.some((d) => ctx.isCallTo(call, d.pkg, ...d.names))) work.add('calls out over HTTP');
    else {
      const fn = unparen(call.childForFieldName('function'));
      if (fn?.type !== 'selector_expression') continue;
      const method = fn.childForFieldName('field')?.text ?? '';
      const recv = unparen(fn.childForFieldName('operand'));
      if (!recv) continue;
      if ((method === 'FormFile' || method === 'MultipartReader') && recv.text === req) work.add('takes file uploads');
      else if (method === 'Do' && isHTTPClientExpr(ctx, recv, call)) work.add('calls out over HTTP');
      else if (db && DB_METHODS.has(method) && recv.text !== req && !ctx.resolveCall(call)?.pkg) work.add('queries a database');
    }
  }
  return [...work].sort();
}

export default defineRule({
  meta: {
    id: 'RUN1005',
    name: 'server-without-load-limit',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Precision below the bar on the 64 development repositories (accuracy corpus and judge2-4 sets): the first version ' +
      'reported 8 findings, 1 TP (writefreely: 22 public handlers query the database or take imports, no limit anywhere), ' +
      '5 FP (hydra\'s 1 MiB ParseMultipartForm on the token introspection endpoint, which Ory rate-limits at its gateway ' +
      'outside the repository; gzip request middlewares in hydra, keto and oathkeeper (one oryx copy) and pushgateway) and ' +
      '2 DEB (miniflux\'s authenticated OPML import; sonobuoy\'s in-pod progress relay). Both FP classes are excluded ' +
      'since (ParseMultipartForm alone, middlewares); limits kept outside the repository (gateways, meshes) stay invisible.',
    title: 'Expensive HTTP handlers with no concurrency or rate limit anywhere in the service',
    passCriterion: 'a service whose handlers query databases, run commands, take uploads or call out bounds concurrent or per-client requests (limiter middleware, semaphore, bounded pool, proxy limits)',
    rationale:
      'net/http starts a goroutine per request and never says no. A handler that queries the database, runs a ' +
      'command, unpacks an upload or calls another service holds scarce resources for its whole duration; under a ' +
      'burst, a retry storm or one abusive client, the service queues thousands of such requests, exhausts the ' +
      'database pool, file descriptors or memory, and latency climbs for everybody until it falls over. A limit ' +
      '(a rate limiter, a semaphore or a bounded worker pool in front of the expensive work, or limits on the proxy in ' +
      'front of the service) turns overload into fast 429/503 answers instead.',
    fix: {
      text: 'Put a limit in front of the expensive handlers: a concurrency cap (a buffered-channel or x/sync/semaphore, chi middleware.Throttle) or a rate limiter (x/time/rate per client, httprate, tollbooth) answering 429/503 when full; or configure rate/connection limits on the ingress or proxy in front of the service.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package main\n\nimport (\n\t"database/sql"\n\t"net/http"\n)\n\nvar db *sql.DB\n\nfunc report(w http.ResponseWriter, r *http.Request) {\n' +
          '\trows, err := db.QueryContext(r.Context(), "SELECT name FROM big_table")\n\tif err != nil {\n\t\thttp.Error(w, err.Error(), 500)\n\t\treturn\n\t}\n' +
          '\tdefer rows.Close()\n}\n\nfunc main() {\n\thttp.HandleFunc("/report", report)\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
        good:
          'package main\n\nimport (\n\t"database/sql"\n\t"net/http"\n)\n\nvar db *sql.DB\n\nvar slots = make(chan struct{}, 32)\n\n' +
          'func report(w http.ResponseWriter, r *http.Request) {\n\tselect {\n\tcase slots <- struct{}{}:\n\t\tdefer func() { <-slots }()\n\tdefault:\n' +
          '\t\thttp.Error(w, "busy", http.StatusServiceUnavailable)\n\t\treturn\n\t}\n' +
          '\trows, err := db.QueryContext(r.Context(), "SELECT name FROM big_table")\n\tif err != nil {\n\t\thttp.Error(w, err.Error(), 500)\n\t\treturn\n\t}\n' +
          '\tdefer rows.Close()\n}\n\nfunc main() {\n\thttp.HandleFunc("/report", report)\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
      },
    ],
    messages: {
      noLimit:
        '{{count}} HTTP handler(s) in this service {{work}} (first: {{name}}), and nothing in the module limits concurrency or request rate: looked for ' +
        'limiter and semaphore packages (x/time/rate, x/sync/semaphore, httprate, tollbooth, ulule/limiter…), throttling middlewares, ' +
        'netutil.LimitListener, grpc MaxConcurrentStreams, errgroup SetLimit, buffered-channel semaphores and rate or connection limits in the proxy/ingress configs beside it',
    },
    sources: [],
    notes:
      'Expensive: an HTTP handler (a function taking http.ResponseWriter and *http.Request, closures inside it included) ' +
      'that itself runs os/exec commands, decompresses (gzip, zlib, flate, bzip2, zip, tar readers), takes uploads ' +
      '(FormFile, MultipartReader on its request; ParseMultipartForm alone is a form, often of a few fields), calls out (http.Get/Post/Head/PostForm, Do on an ' +
      'http client) or, in a file importing a database package (database/sql, pgx, sqlx, gorm, bun, ent, mongo), calls a ' +
      'query method (Query*, Exec*, Select, Get, Raw, Find, Aggregate). Middlewares (functions that take the next ' +
      'http.Handler/HandlerFunc, or closures inside one) are not handlers. Work done in functions the handler calls is not ' +
      'followed. Only modules that ship a main package are judged (a library\'s handlers are limited by whoever serves ' +
      'them). A limit anywhere in the module counts for all its handlers, since a middleware cannot be matched to the ' +
      'routes it wraps; so does a rate or connection limit in a YAML/conf/TOML/JSON file under the module\'s directory (ingress-nginx limit-rps/limit-connections, nginx limit_req/limit_conn, Envoy local_ratelimit, Traefik rateLimit/inFlightReq). One finding per module, at its first expensive handler. Confidence is medium: a limit may also ' +
      'live outside the repository (an API gateway, a service mesh).',
  },
  prefilter: ['net/http', 'rate', 'semaphore', 'netutil', 'Throttle', 'Limit', 'MaxConcurrentStreams', 'chan struct'],
  create(ctx): Visitors {
    const module = moduleKey(ctx.file);
    const lib = importsAny(ctx, LIMIT_IMPORTS);
    const code = LIMIT_CODE.exec(ctx.source);
    if (lib || code) {
      ctx.emit({ k: 'limit', module, what: lib ?? code![0] } satisfies Fact);
      return {};
    }
    if (!ctx.imports.has('net/http')) return {};
    const db = !!importsAny(ctx, DB_IMPORTS);
    const visit = (fn: Node) => {
      // a middleware (it, or the function returning it, takes the next handler) only wraps the request; the work is the next handler's
      if (takesNextHandler(ctx, fn)) return;
      const req = handlerRequest(ctx, fn);
      const body = fn.childForFieldName('body');
      if (!req || !body) return;
      const work = expensiveWork(ctx, body, req, db);
      if (!work.length) return;
      const name = fn.type === 'func_literal' ? `func literal at line ${fn.startPosition.row + 1}` : fn.childForFieldName('name')?.text ?? '?';
      ctx.emit({ k: 'handler', module, file: ctx.file.path, ...position(fn), name, work } satisfies Fact);
    };
    return { function_declaration: visit, method_declaration: visit, func_literal: visit };
  },
  finish(facts, report, repo) {
    const all = facts.map((f) => f.data as Fact);
    const limited = new Set(all.filter((d) => d.k === 'limit').map((d) => d.module));
    // modules that ship a service (a production main package)
    const services = new Set(repo.goFiles.filter((f) => f.packageName === 'main' && !f.isTest && (f.role ?? 'production') === 'production').map((f) => f.module ?? '?'));
    const byModule = new Map<string, Extract<Fact, { k: 'handler' }>[]>();
    for (const d of all) {
      if (d.k !== 'handler' || limited.has(d.module) || !services.has(d.module)) continue;
      byModule.set(d.module, [...(byModule.get(d.module) ?? []), d]);
    }
    for (const [module, hs] of byModule) {
      if (proxyLimited(repo, module)) continue;
      hs.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
      const first = hs[0]!;
      const work = [...new Set(hs.flatMap((h) => h.work))].sort();
      const phrase = work.length > 1 ? `${work.slice(0, -1).join(', ')} or ${work.at(-1)}` : work[0]!;
      report({ file: first.file, line: first.line, column: first.column, messageId: 'noLimit', data: { count: hs.length, work: phrase, name: first.name } });
    }
  },
});

/** Whether a proxy/ingress config under the module's directory sets rate or connection limits (nginx annotations, Envoy, Traefik…). */
function proxyLimited(repo: import('../../facts/repo-facts.js').RepoFacts, module: string): boolean {
  const under = module === '' || module === '?' ? '' : `${module}/`;
  return repo.memo(`proxy-rate-limits:${under}`, () =>
    repo.filesWhere((rel, base) => rel.startsWith(under) && /\.(ya?ml|conf|toml|json)$/.test(base) && !/(^|\/)(node_modules|vendor|testdata)\//.test(rel))
      .slice(0, 2000)
      .some((rel) => {
        const { text } = repo.readText(rel);
        return !!text && PROXY_LIMIT.test(text);
      }));
}
