import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, enclosingDeclaredFunction, enclosingFunction, parameters, unparen } from '../../go/ast.js';
import { moduleKey, position } from '../_shared/obs-packages.js';
import { limitsRequestBody } from '../_shared/http-body-limit.js';
import { isQualifiedType } from '../_shared/declared-type.js';
import { listenFact, listenKind, packagePath, unixOnlyPackages, type ListenFact } from '../_shared/unix-socket-serving.js';
import {
  EXPOSURE_FACTS, EXPOSURE_PREFILTER, flagVarFact, handlerFunctionName, inlineRoute, restrictedServing, routeFact, serveFact, type ExposureFact, type RouteFact,
} from '../_shared/http-exposure.js';

/** Body-limit middlewares of the common routers (chi RequestSize, echo BodyLimit, gin-contrib RequestSizeLimiter) or the project's own. */
const LIMIT_MIDDLEWARE = /\b(?:RequestSize|BodyLimit\w*|RequestSizeLimiter|MaxBodySize\w*|MaxRequestBody\w*)\(/;
/** A file wrapping request bodies in a project helper (not io.LimitReader itself): a limit reader next to a *http.Request and its Body. */
const LIMIT_HELPER = /\b(?!LimitReader\()\w*Limit\w*Read(?:er|Closer)\w*\(/;

function limitsBodies(ctx: RuleContext): boolean {
  const src = ctx.source;
  if (LIMIT_MIDDLEWARE.test(src) || limitsRequestBody(ctx, { bodyHelpers: true })) return true;
  return LIMIT_HELPER.test(src) && /\*\s*\w+\.Request\b/.test(src) && /\.Body\b/.test(src);
}

/** Readers that buffer a whole stream: package, functions, and what the message calls them. */
const READ_ALL: { pkg: string; names: string[] }[] = [
  { pkg: 'io', names: ['ReadAll'] },
  { pkg: 'io/ioutil', names: ['ReadAll'] },
];
const DECODERS: { pkg: string; name: string }[] = [
  { pkg: 'encoding/json', name: 'NewDecoder' },
  { pkg: 'encoding/xml', name: 'NewDecoder' },
];

type Fact =
  | { k: 'limit'; module: string }
  | { k: 'read'; module: string; pkg?: string; file: string; line: number; column: number; how: string; req: string; fn?: string; inline?: RouteFact }
  | ListenFact
  | ExposureFact;

/** The function whose parameter `name` is in scope at `at`, walking out of closures. */
function declaringFunction(name: string, at: Node): { fn: Node; type: string } | undefined {
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    const p = parameters(fn).find((x) => x.name === name);
    if (p) return { fn, type: p.type };
  }
  return undefined;
}

function isHTTPType(ctx: RuleContext, typeText: string, name: string, pointer: boolean): boolean {
  return isQualifiedType(ctx, typeText, 'net/http', [name]) && typeText.trim().startsWith('*') === pointer;
}

/** `r.Body` where r is the *http.Request parameter of an HTTP handler (a function that also takes http.ResponseWriter): r and that handler. */
function handlerRequestBody(ctx: RuleContext, e: Node | null | undefined): { req: string; handler: Node } | undefined {
  const u = unparen(e);
  if (u?.type !== 'selector_expression' || u.childForFieldName('field')?.text !== 'Body') return undefined;
  const recv = unparen(u.childForFieldName('operand'));
  if (recv?.type !== 'identifier') return undefined;
  const d = declaringFunction(recv.text, u);
  if (!d || !isHTTPType(ctx, d.type, 'Request', true)) return undefined;
  if (!parameters(d.fn).some((p) => isHTTPType(ctx, p.type, 'ResponseWriter', false))) return undefined;
  return { req: recv.text, handler: d.fn };
}

export default defineRule({
  meta: {
    id: 'SEC1020',
    name: 'request-body-without-limit',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-27 (repositories not used in development; `node dist/scripts/blind-record.js`): 27 TP, 6 FP, 19 "nobody would act" of 52 judged — precision 81.8 % < 90.0 %, "nobody would act" 36.5 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: endpoints only local processes or the project\'s own components reach (servers bound to loopback by a constant, a flag default or the shipped manifests\' args; operator client certificates; shared secrets), bodies capped by a project helper or a library\'s server wrapper, test and development sinks. Reworked after the 2026-12-27 sample (handlers linked to their servers are not reported when every server listens on loopback, a unix socket or requires verified client certificates; a LimitReader helper fed a request body counts as a limit), so its record restarts (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'HTTP handler reads the whole request body with no size limit',
    passCriterion: 'every handler that buffers or decodes a request body caps it (http.MaxBytesReader or a MaxBytesHandler middleware)',
    rationale:
      'net/http puts no limit on a request body. io.ReadAll(r.Body) and json/xml decoders on r.Body hold as much as the ' +
      'client sends: one request with a multi-gigabyte (or endless chunked) body makes the handler allocate until the ' +
      'process is OOM-killed, taking every other request down with it. A few concurrent ones do it with modest bodies.',
    fix: {
      text: 'Cap the body before reading it: r.Body = http.MaxBytesReader(w, r.Body, maxBody) in the handler, or wrap the ' +
        'server\'s handler once with http.MaxBytesHandler(h, maxBody); answer 413 when the limit error comes back.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package api\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\ntype order struct{ ID string }\n\nfunc Create(w http.ResponseWriter, r *http.Request) {\n\tvar o order\n\tif err := json.NewDecoder(r.Body).Decode(&o); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusCreated)\n}\n',
        good: 'package api\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\ntype order struct{ ID string }\n\nfunc Create(w http.ResponseWriter, r *http.Request) {\n\tr.Body = http.MaxBytesReader(w, r.Body, 1<<20)\n\tvar o order\n\tif err := json.NewDecoder(r.Body).Decode(&o); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusCreated)\n}\n',
      },
    ],
    messages: {
      unbounded: '{{how}} reads {{req}}.Body with no size limit anywhere in this module: one huge or endless request body exhausts memory; cap it with http.MaxBytesReader',
    },
    sources: [],
    notes:
      'Reported: io.ReadAll / ioutil.ReadAll of r.Body and json/xml.NewDecoder(r.Body), where r is the *http.Request ' +
      'parameter of a function that also takes an http.ResponseWriter (closures inside it included). Not reported when ' +
      'any non-test Go file of the same module (go.mod) uses http.MaxBytesReader, http.MaxBytesHandler or ' +
      'io.LimitReader on a body that is not an HTTP client\'s response, a router\'s body-limit middleware (RequestSize, BodyLimit, RequestSizeLimiter, ' +
      'MaxBodySize…), or a *LimitReader/*LimitReadCloser helper in a file handling *http.Request bodies: a limit applied ' +
      'by a middleware cannot be matched to the handlers it wraps, so one is taken to cover them all. Handlers served ' +
      'only on unix domain sockets are out of scope: their package, or a module package it imports, listens with ' +
      'net.Listen("unix", …) or net.ListenUnix, and neither those packages nor a module package importing it listens on ' +
      'the network (http.ListenAndServe, TCP listeners). Such a local IPC API (a per-job socket, an agent control ' +
      'socket) is reached only by processes already running on the host, which can exhaust its memory without it ' +
      '(blind sample 2026-12-12: buildkite-agent\'s Job API). Likewise not reported: a handler every server of which ' +
      'listens on loopback (127.0.0.0/8, ::1, localhost), a unix socket, or requires verified client certificates ' +
      '(an http.Server or tls.Listen whose tls.Config sets ClientAuth: tls.RequireAndVerifyClientCert). The handler is ' +
      'linked to its servers by the shared model of src/rules/_shared/http-exposure.ts: its route registrations ' +
      '(ServeMux Handle/HandleFunc, chi/gorilla/httprouter methods, http.HandleFunc on the default mux, a project\'s ' +
      'AddHandler-style wrapper, a ServeHTTP type by its name), the router they are made on (locals, derived ' +
      'subrouters, returned routers, struct fields, a router handed to a registering function), and the servers whose ' +
      'handler is that router (http.ListenAndServe(TLS), http.Serve, http.Server literals with their Addr, a later ' +
      '.Addr assignment or .Serve(listener)). The address is a literal or constant, or the default of a command-line ' +
      'flag (flag/pflag String, StringVar onto a variable or a field, kingpin Default; the host of JoinHostPort or ' +
      'Sprintf("%s:%d")), and a value the repository\'s own Kubernetes manifests, compose files or Dockerfile ' +
      'ENTRYPOINT/CMD pass that flag (`--addr=0.0.0.0:8080`, `-c tcp://127.0.0.1:10090`) overrides the default. A ' +
      'handler with a registration that cannot be linked to a server, or any linked server on another or an unknown ' +
      'address (a config file, viper, a functional option), is reported as before: so are the localhost servers of ' +
      'the blind samples 2026-12-25 to 2026-12-27 whose address comes from a URL option or a viper setting ' +
      '(azure-container-networking\'s CNS API, aws-iam-authenticator\'s token webhook). Known limit: a loopback ' +
      'listener the host forwards container traffic to (an iptables DNAT rule, as for a task-metadata endpoint) is ' +
      'taken as local when its address is visible. A LimitReader over a parameter counts as ' +
      'a limit when a call in the same file hands that function a request\'s Body (a capped, re-readable body helper: ' +
      'blind sample 2026-12-16, harbor). Framework contexts (gin, echo) and bodies passed to helper functions are not followed. ' +
      'Test files and test-support packages are skipped.',
  },
  prefilter: ['MaxBytes', 'Limit', 'RequestSize', 'MaxBodySize', 'MaxRequestBody', '.Body', ...EXPOSURE_PREFILTER],
  requires: EXPOSURE_FACTS,
  create(ctx): Visitors {
    const module = moduleKey(ctx.file);
    if (limitsBodies(ctx)) {
      ctx.emit({ k: 'limit', module } satisfies Fact);
      return {};
    }
    const pkg = packagePath(ctx.file);
    const listens = new Set<'unix' | 'network'>();
    const read = (call: Node, how: string, body: Node | undefined) => {
      const h = handlerRequestBody(ctx, body);
      if (!h) return;
      // where the handler is registered: a func literal passed to a registration, else its declared function's name
      const inline = h.handler.type === 'func_literal' ? inlineRoute(ctx, module, pkg, h.handler) : undefined;
      const fn = handlerFunctionName(h.handler.type === 'func_literal' ? enclosingDeclaredFunction(h.handler) : h.handler);
      ctx.emit({ k: 'read', module, pkg, file: ctx.file.path, ...position(call), how, req: h.req, fn, inline } satisfies Fact);
    };
    return {
      'source_file:exit'() {
        const f = listenFact(ctx, listens);
        if (f) ctx.emit(f satisfies Fact);
      },
      composite_literal(lit) {
        const s = serveFact(ctx, module, pkg, lit);
        if (s) ctx.emit(s satisfies Fact);
      },
      call_expression(call) {
        const kind = listenKind(ctx, call);
        if (kind) listens.add(kind);
        const exposure = serveFact(ctx, module, pkg, call) ?? routeFact(ctx, module, pkg, call) ?? flagVarFact(ctx, module, pkg, call);
        if (exposure) ctx.emit(exposure satisfies Fact);
        const ra = READ_ALL.find((r) => ctx.isCallTo(call, r.pkg, ...r.names));
        if (ra) return read(call, `${ra.pkg === 'io' ? 'io' : 'ioutil'}.ReadAll`, callArgs(call)[0]);
        const dec = DECODERS.find((d) => ctx.isCallTo(call, d.pkg, d.name));
        if (dec) read(call, `${dec.pkg.slice('encoding/'.length)}.NewDecoder`, callArgs(call)[0]);
      },
    };
  },
  finish(facts, report, repo) {
    const all = facts.map((f) => f.data as Fact);
    const limited = new Set(all.filter((d) => d.k === 'limit').map((d) => d.module));
    const unixOnly = unixOnlyPackages(all.filter((d): d is ListenFact => d.k === 'listen'));
    const exposure = all.filter((d): d is ExposureFact => d.k === 'route' || d.k === 'serve' || d.k === 'flag');
    for (const d of all) {
      if (d.k !== 'read' || limited.has(d.module) || (d.pkg && unixOnly.has(d.pkg))) continue;
      // served only on loopback, a unix socket or to clients with verified certificates: only local processes or the
      // project's own components can send the body
      if (restrictedServing({ module: d.module, pkg: d.pkg, fn: d.fn, inline: d.inline }, exposure, repo)) continue;
      report({ file: d.file, line: d.line, column: d.column, messageId: 'unbounded', data: { how: d.how, req: d.req } });
    }
  },
});
