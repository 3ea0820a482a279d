import { defineRule, type Visitors } from '../define-rule.js';
import { intValue, unparen } from '../../go/ast.js';
import { assignedFields, bindingOf, compositeIs, keyedFields, literalExpression, scopeOf, bindingPath } from '../_shared/security-helpers.js';

const READ = ['ReadHeaderTimeout', 'ReadTimeout'];
const OTHER = ['WriteTimeout', 'IdleTimeout'];

export default defineRule({
  meta: {
    id: 'SEC1004',
    name: 'http-server-no-timeouts',
    dimension: 'security',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind sample of 2026-12-06 (11 repositories not used in development, seed 20261206): 0 of 4 findings acted on — all were debug, pprof, health or metrics listeners and a CLI\'s local callback server, where a slow client harms nobody. Without knowing which listener faces untrusted clients the rule cannot tell those from a public server; it stays available for audits that want gosec G112/G114 parity.',
    title: 'HTTP server without a read timeout (Slowloris)',
    passCriterion: 'every HTTP server sets ReadHeaderTimeout or ReadTimeout',
    rationale:
      'An http.Server without ReadHeaderTimeout or ReadTimeout waits forever for a client to finish sending its request ' +
      'headers. A handful of clients trickling one byte at a time (Slowloris) each pin a goroutine and a file ' +
      'descriptor, until the process hits its fd limit and stops accepting legitimate connections. http.ListenAndServe, ' +
      'http.Serve and their TLS variants always use such a server, since they give no way to set timeouts.',
    fix: {
      text: 'Build an explicit &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second} (plus ReadTimeout, ' +
        'WriteTimeout and IdleTimeout suited to the handlers) and call its ListenAndServe/Serve method instead of the package functions.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package main\n\nimport "net/http"\n\nfunc main() {\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
        good: 'package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 10 * time.Second}\n\t_ = srv.ListenAndServe()\n}\n',
      },
      {
        bad: 'package web\n\nimport "net/http"\n\nfunc New(h http.Handler) *http.Server {\n\treturn &http.Server{Addr: ":8443", Handler: h}\n}\n',
        good: 'package web\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nfunc New(h http.Handler) *http.Server {\n\tsrv := &http.Server{Addr: ":8443", Handler: h}\n\tsrv.ReadHeaderTimeout = 5 * time.Second\n\treturn srv\n}\n',
      },
    ],
    messages: {
      packageFunc: 'http.{{name}} serves with a default http.Server that has no timeouts: slow clients (Slowloris) can exhaust connections; use an http.Server with ReadHeaderTimeout',
      literal: 'http.Server sets neither ReadHeaderTimeout nor ReadTimeout: slow clients (Slowloris) can hold connections open forever{{others}}',
    },
    sources: ['gosec:G112', 'gosec:G114'],
    notes:
      'A literal is not reported when ReadHeaderTimeout or ReadTimeout is assigned later in the same function on the ' +
      'variable or field holding it (`srv.ReadHeaderTimeout = ...`). A timeout set from a variable counts as set; a ' +
      'literal 0 does not. An empty http.Server{} literal is only reported when Addr or Handler is assigned to it later in ' +
      'the same function (otherwise it is a zero value or placeholder configured elsewhere). WriteTimeout and IdleTimeout are mentioned in the message but never reported alone. Test ' +
      'files and test-support packages are skipped.',
  },
  prefilter: ['net/http'],
  create(ctx): Visitors {
    return {
      call_expression(call) {
        const names = ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'];
        if (!ctx.isCallTo(call, 'net/http', ...names)) return;
        const name = ctx.resolveCall(call)?.name ?? 'ListenAndServe';
        ctx.report({ node: call, messageId: 'packageFunc', data: { name } });
      },
      composite_literal(lit) {
        if (!compositeIs(ctx, lit, 'net/http', 'Server')) return;
        const fields = keyedFields(lit);
        const isSet = (f: string) => {
          const v = unparen(fields.get(f));
          return !!v && intValue(v) !== 0;
        };
        if (READ.some(isSet)) return;
        const expr = literalExpression(lit);
        const b = bindingOf(expr);
        const scope = scopeOf(lit, ctx.root);
        let later = new Set<string>();
        if (b && b.kind === 'var') later = assignedFields(scope, [b.name], [...READ, ...OTHER]);
        else if (b && b.kind === 'field') later = assignedFields(scope, b.path, [...READ, ...OTHER]);
        if (READ.some((f) => later.has(f))) return;
        // An empty http.Server{} configured nowhere in this function is a zero value or a placeholder, not a listening server.
        if (fields.size === 0) {
          const path = bindingPath(b);
          const configured = path ? assignedFields(scope, path, ['Addr', 'Handler']) : new Set<string>();
          if (configured.size === 0) return;
        }
        const missing = OTHER.filter((f) => !isSet(f) && !later.has(f));
        const others = missing.length ? `; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} unset too` : '';
        ctx.report({ node: lit, messageId: 'literal', data: { others } });
      },
    };
  },
});
