import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { enclosingDeclaredFunction, stringValue, unparen } from '../../go/ast.js';
import { guardConditions } from '../_shared/security-helpers.js';
import { handlerIdentifiers, mentions, routeRegistration, serveSite } from '../_shared/http-serve-sites.js';

const PPROF = 'net/http/pprof';
/** Paths that are not application routes: debug, metrics and health endpoints. */
const NON_APP_PATH = /^\/(?:debug|metrics|healthz?|readyz?|livez|ready|live|ping|version|status)(?:\/|$)/i;
/**
 * A health or readiness probe named by its last segment, under any prefix: `/api/v0/check_alive`,
 * `/internal/healthz`, `/svc/readiness`. A router of such probes, metrics and debug endpoints is an admin listener.
 */
const PROBE_SEGMENT = /^(?:healthz?|health[-_]?checks?|readyz?|livez?|alive|liveness|readiness|ping|check[-_]?(?:alive|ready|live|health))$/i;

function nonAppPath(path: string): boolean {
  if (NON_APP_PATH.test(path)) return true;
  const last = path.split('/').filter(Boolean).pop();
  return !!last && PROBE_SEGMENT.test(last);
}
/** Names that mark a dedicated debug/admin server (file, function or router), where pprof belongs. */
const DEBUG_SERVER = /admin|debug|diag|profil|telemetry|metric|monitor|internal|ops\b|mgmt|management|observab/i;
/** Application routes on the same router before it counts as the main router. */
const MIN_APP_ROUTES = 2;

interface Registration { call: Node; router: string; path: string; pprof: boolean }

/** A route registration `router.M(…"/path"…, handler)`: the router text, the literal path, whether the handler is pprof. */
function registration(ctx: RuleContext, call: Node): Registration | undefined {
  const reg = routeRegistration(ctx, call); // http.Handle on the default mux is OBS1001's
  if (!reg) return undefined;
  const { args } = reg;
  if (args.length < 2 || args.length > 3) return undefined;
  const path = stringValue(unparen(args[args.length - 2]));
  if (!path?.startsWith('/')) return undefined;
  const pprof = handlerIdentifiers(args[args.length - 1]!).some((id) => ctx.isPackageRef(id, PPROF));
  return { call, router: reg.router.text, path, pprof };
}

export default defineRule({
  meta: {
    id: 'OBS1013',
    name: 'pprof-on-app-router',
    dimension: 'observability',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-20 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 1 FP, 2 "nobody would act" of 4 judged — precision 50.0 % < 90.0 % and "nobody would act" 50.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: health and admin routers taken for the application router (fixed after the 2026-12-18 sample), and pprof on an unauthenticated internal control-plane API whose callers can already do more than pprof allows. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'pprof handlers mounted on the application\'s own router (reachable wherever the API is)',
    passCriterion: 'profiling handlers live on a dedicated debug/admin listener, never on the router that serves the application API',
    rationale:
      'Registering pprof.Index, pprof.Profile and friends on the same router as the application\'s routes makes ' +
      '/debug/pprof reachable by every client of the API, on whatever address the API listens on (usually all ' +
      'interfaces, often behind a public load balancer): heap dumps with secrets, the full command line, goroutine stacks, ' +
      'and 30-second CPU profiles or traces anyone can start — a cheap denial of service.',
    fix: {
      text: 'Move the pprof routes to a separate mux served on a loopback or internal admin port (a flag such as ' +
        '--debug-addr=localhost:6060), or register them only when a debug option is enabled, and keep them behind authentication.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package api\n\nimport (\n\t"net/http"\n\t"net/http/pprof"\n)\n\nfunc Router(orders, users http.Handler) *http.ServeMux {\n\tmux := http.NewServeMux()\n\tmux.Handle("/v1/orders", orders)\n\tmux.Handle("/v1/users", users)\n\tmux.HandleFunc("/debug/pprof/", pprof.Index)\n\tmux.HandleFunc("/debug/pprof/profile", pprof.Profile)\n\treturn mux\n}\n',
        good: 'package api\n\nimport (\n\t"net/http"\n\t"net/http/pprof"\n)\n\nfunc Router(orders, users http.Handler, debug bool) *http.ServeMux {\n\tmux := http.NewServeMux()\n\tmux.Handle("/v1/orders", orders)\n\tmux.Handle("/v1/users", users)\n\tif debug {\n\t\tmux.HandleFunc("/debug/pprof/", pprof.Index)\n\t\tmux.HandleFunc("/debug/pprof/profile", pprof.Profile)\n\t}\n\treturn mux\n}\n',
      },
    ],
    messages: {
      onAppRouter: 'pprof is registered on {{router}}, which also serves the application routes ({{routes}}): /debug/pprof is reachable wherever the API is; serve it on a separate loopback/admin listener',
    },
    sources: [],
    notes:
      'Reported once per router and function: a pprof handler registered (Handle/HandleFunc/Handler/HandlerFunc/Get…, ' +
      'net/http or httprouter-style argument order) on a router that in the same function also gets at least two routes ' +
      'outside /debug, /metrics and health paths (a health or readiness probe is recognised by its last segment under ' +
      'any prefix: /api/v0/check_alive, /svc/readyz), with the pprof registration outside any if/switch (an enable-debug ' +
      'option is a deliberate choice). Not reported when the file, function or router name marks a dedicated server ' +
      '(admin, debug, diag, profiling, telemetry, metrics, monitor, internal, ops, management), when the same function ' +
      'serves that router itself (OBS1001 pprof-exposed judges its address), or for http.Handle on the default mux ' +
      '(OBS1001). Test files and test-support packages are skipped.',
  },
  prefilter: ['net/http/pprof'],
  create(ctx): Visitors {
    if (!ctx.imports.has(PPROF) || DEBUG_SERVER.test(ctx.file.path.split('/').pop() ?? '')) return {};
    return {
      'source_file:exit'(root) {
        const byFn = new Map<number, { fn: Node; regs: Registration[] }>();
        for (const call of root.descendantsOfType('call_expression')) {
          if (!call) continue;
          const r = registration(ctx, call);
          if (!r) continue;
          const fn = enclosingDeclaredFunction(call);
          if (!fn) continue;
          let e = byFn.get(fn.startIndex);
          if (!e) byFn.set(fn.startIndex, (e = { fn, regs: [] }));
          e.regs.push(r);
        }
        for (const { fn, regs } of byFn.values()) {
          const fnName = fn.childForFieldName('name')?.text ?? '';
          if (DEBUG_SERVER.test(fnName)) continue;
          const routers = new Set(regs.filter((r) => r.pprof).map((r) => r.router));
          for (const router of routers) {
            if (DEBUG_SERVER.test(router)) continue;
            const mine = regs.filter((r) => r.router === router);
            const pprof = mine.filter((r) => r.pprof);
            if (pprof.some((r) => guardConditions(r.call).length > 0)) continue;
            const app = [...new Set(mine.filter((r) => !r.pprof && !nonAppPath(r.path)).map((r) => r.path))];
            if (app.length < MIN_APP_ROUTES) continue;
            const served = fn.descendantsOfType(['call_expression', 'composite_literal']).some((n) => {
              const site = n && serveSite(ctx, n);
              return !!site?.handler && mentions(site.handler, router);
            });
            if (served) continue;
            const routes = app.slice(0, 3).join(', ') + (app.length > 3 ? ', …' : '');
            ctx.report({ node: pprof[0]!.call, messageId: 'onAppRouter', data: { router, routes } });
          }
        }
      },
    };
  },
});
