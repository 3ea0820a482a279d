import type { Node } from 'web-tree-sitter';
import { commandLineCode } from '../../core/code-roles.js';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { intValue, unparen } from '../../go/ast.js';
import { contextInScope } from '../_shared/context-scope.js';
import { assignedFields, bindingOf, compositeIs, keyedFields, literalExpression, scopeOf } from '../_shared/security-helpers.js';

const PKG_FUNCS = ['Get', 'Post', 'Head', 'PostForm'];
const CLIENT_METHODS = ['Do', 'Get', 'Post', 'Head', 'PostForm'];
const TRANSPORT_TIMEOUTS = ['ResponseHeaderTimeout', 'DialContext', 'Dial', 'TLSHandshakeTimeout', 'IdleConnTimeout'];

export default defineRule({
  meta: {
    id: 'SEC1005',
    name: 'http-client-no-timeout',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 11 TP, 3 FP, 6 "nobody would act" of 20 judged — precision 78.6 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: operator CLI commands calling their own server, start-up probes, clients handed a request-scoped context, upload clients where a total timeout would cut large transfers. Reworked after the 2026-12-13 sample (start-up requests in functions given a context keep being reported only when the context is not in scope), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 4 TP, 2 FP, 0 DEB — precision 66.7 % < 90.0 %. Its record through the draw of 2026-12-25: 12 TP, 2 FP, 4 DEB — precision 85.7 %; the DEB of that draw are start-up paths (a readiness poll of a container of the same pod on 127.0.0.1, a token fetch while a cloud provider is built from an init() factory) the start-up exemption did not see. Reworked after the draw of 2026-12-25 (requests in code that only one-shot command-line programs reach, which a human runs and can interrupt, are not reported: src/facts/process-lifetime.ts), so its record restarts at 2026-12-30 (blindRecordFrom).',
    title: 'Outbound HTTP request without any timeout',
    passCriterion: 'every outbound HTTP request has a timeout (client Timeout or request context)',
    rationale:
      'http.DefaultClient, http.Get/Post/Head/PostForm and a zero http.Client have no timeout at all: when the remote ' +
      'server accepts the connection but stops answering (overload, a half-open TCP connection after a failover, a ' +
      'black-holed route), the calling goroutine blocks forever. In a service this piles up goroutines and sockets ' +
      'behind one slow dependency until the process runs out of memory or file descriptors.',
    fix: {
      text: 'Use a dedicated client with a deadline, e.g. &http.Client{Timeout: 30 * time.Second}, or build requests with ' +
        'http.NewRequestWithContext(ctx, ...) from a context that has a deadline; for streaming downloads set ' +
        'Transport.ResponseHeaderTimeout instead of Client.Timeout.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package fetch\n\nimport (\n\t"io"\n\t"net/http"\n)\n\nfunc Body(url string) ([]byte, error) {\n\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n\treturn io.ReadAll(resp.Body)\n}\n',
        good: 'package fetch\n\nimport (\n\t"io"\n\t"net/http"\n\t"time"\n)\n\nvar client = &http.Client{Timeout: 10 * time.Second}\n\nfunc Body(url string) ([]byte, error) {\n\tresp, err := client.Get(url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n\treturn io.ReadAll(resp.Body)\n}\n',
      },
    ],
    messages: {
      packageFunc: 'http.{{name}} uses http.DefaultClient, which has no timeout: a stalled server blocks this call forever',
      defaultClient: 'http.DefaultClient.{{name}} has no timeout and the request carries no context: a stalled server blocks this call forever',
      literal: 'http.Client without Timeout (and no transport timeouts): requests through it can block forever on a stalled server',
    },
    sources: [],
    notes:
      'Not reported: clients whose Timeout is set (in the literal or assigned later to the same variable/field), clients ' +
      'with a Transport that is not an http.Transport literal (a custom or shared round tripper may carry its own ' +
      'timeouts) or an http.Transport literal with ResponseHeaderTimeout/dial/TLS handshake settings, ' +
      'http.DefaultClient.Do and client literals in files that build requests with a context (NewRequestWithContext, ' +
      'req.WithContext), since cancellation then comes from the context. Test files and test-support packages are ' +
      'skipped; in package main and in one-shot command-line code (src/core/code-roles.ts commandLineCode: a CLI command ' +
      'file or folder that serves nothing) findings are reported with low severity: a stalled server still hangs the ' +
      'command, and a script running it, but its user sees the hang and can interrupt it. Not reported in code that runs ' +
      'once per process or on operator demand (src/facts/execution-frequency.ts: a start-up connectivity probe called ' +
      'only from main, outside loops); a client literal made there is still judged, since its requests may come later. Reported with low severity: a default-client call that is the ' +
      'fallback of a nil check on another client used for the same request (`if hc := pool.Get(); hc != nil ' +
      '{ hc.Get(u) } else { http.DefaultClient.Get(u) }`): it runs only when the configured client is missing, ' +
      'which the code providing it usually rules out (blind sample 2026-12-12: a sync.Pool whose New always returns a ' +
      'configured client); proving that needs the value flow of the pool, which is not followed: a stall holds one start-up, not a goroutine per request (blind sample 2026-12-12). ' +
      'Start-up code is still judged when its function is given a context.Context the request cannot honour ' +
      '(http.Get(u) in fetchConfig(ctx, u)): the caller asked for a bound the call ignores. Not reported in code that only ' +
      'one-shot command-line programs of the repository reach (src/facts/process-lifetime.ts: every shipped package main ' +
      'whose in-repository imports reach the code builds commands of a CLI framework, catches no interrupt signal, serves ' +
      'nothing, runs no controller manager or informers and does not wait in main): its user sees the hang and interrupts ' +
      'it (the class of the blind samples of 2026-12-10 and 2026-12-26: an operator\'s interactive commands). A ' +
      'multi-command program whose imports reach a package that serves counts as long-running, so its one-shot commands ' +
      'stay reported (oc, kapp). Still reported there: a one-shot program run unattended, with no CLI framework ' +
      '(a boot-time script runner: nobody is at a terminal), and a command that catches Ctrl-C itself (signal.Notify: its ' +
      'handler may cancel a context the request does not carry, so Ctrl-C no longer ends the hang; blind sample ' +
      '2026-12-16, a support-bundle command). A package a long-running program of the repository imports too, or that no ' +
      'program reaches (a library), is judged as before.',
  },
  prefilter: ['net/http'],
  create(ctx): Visitors {
    const severity = ctx.file.isMain || commandLineCode(ctx.file.path, ctx.source) ? 'low' : undefined;
    let fileUsesContext: boolean | undefined;
    const usesContext = () => (fileUsesContext ??= contextRequests(ctx, ctx.root));
    return {
      call_expression(call) {
        if (ctx.isCallTo(call, 'net/http', ...PKG_FUNCS)) {
          const name = ctx.resolveCall(call)?.name ?? 'Get';
          ctx.report({ node: call, messageId: 'packageFunc', data: { name }, severity: fallbackOfClient(call, name) ? 'low' : severity, onceOnly: onceOnlyPolicy(ctx, call), oneShot: 'skip-interactive' });
          return;
        }
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type !== 'selector_expression') return;
        const method = fn.childForFieldName('field')?.text;
        if (!method || !CLIENT_METHODS.includes(method)) return;
        const recv = unparen(fn.childForFieldName('operand'));
        if (recv?.type !== 'selector_expression' || recv.childForFieldName('field')?.text !== 'DefaultClient') return;
        const pkg = unparen(recv.childForFieldName('operand'));
        if (pkg?.type !== 'identifier' || !ctx.isPackageRef(pkg, 'net/http')) return;
        if (method === 'Do' && (contextRequests(ctx, call) || contextRequests(ctx, scopeOf(call, ctx.root)) || usesContext())) return;
        ctx.report({ node: call, messageId: 'defaultClient', data: { name: method }, severity: fallbackOfClient(call, method) ? 'low' : severity, onceOnly: onceOnlyPolicy(ctx, call), oneShot: 'skip-interactive' });
      },
      composite_literal(lit) {
        if (!compositeIs(ctx, lit, 'net/http', 'Client')) return;
        const fields = keyedFields(lit);
        const timeout = unparen(fields.get('Timeout'));
        if (timeout && intValue(timeout) !== 0) return;
        const transport = fields.get('Transport');
        if (transport && !transportWithoutTimeouts(ctx, transport)) return;
        const expr = literalExpression(lit);
        const b = bindingOf(expr);
        const scope = scopeOf(lit, ctx.root);
        if (b && b.kind === 'var' && assignedFields(scope, [b.name], ['Timeout', 'Transport']).size) return;
        if (b && b.kind === 'field' && assignedFields(scope, b.path, ['Timeout', 'Transport']).size) return;
        if (usesContext()) return;
        ctx.report({ node: lit, messageId: 'literal', severity, oneShot: 'skip-interactive' });
      },
    };
  },
});

/**
 * Start-up requests are not reported (a stall holds one start-up, seen and interrupted), unless the function was given a
 * context.Context that the call cannot honour (http.Get and the DefaultClient's methods take none): the caller asked
 * for a bound the request ignores (blind sample 2026-12-13: netbird fetchOIDCConfig(ctx, …) hangs the server's start).
 */
function onceOnlyPolicy(ctx: RuleContext, call: Node): 'skip' | undefined {
  return contextInScope(ctx, call, false) ? undefined : 'skip';
}

/**
 * The default-client call is the else branch of a nil check on another client that the then branch uses for the
 * same request (`if hc := pool.Get(); hc != nil { hc.Get(u) } else { http.DefaultClient.Get(u) }`): a fallback
 * for when the configured client is missing, reachable only if the code that provides it fails to.
 */
function fallbackOfClient(call: Node, method: string): boolean {
  let branch: Node | null = call;
  while (branch?.parent && branch.parent.type !== 'if_statement') {
    if (branch.type === 'function_declaration' || branch.type === 'func_literal') return false;
    branch = branch.parent;
  }
  const ifStmt = branch?.parent;
  if (!ifStmt || ifStmt.childForFieldName('alternative')?.id !== branch!.id) return false;
  const checked = /(\w+)\s*!=\s*nil\s*$/.exec(ifStmt.childForFieldName('condition')?.text ?? '')?.[1];
  if (!checked) return false;
  return new RegExp(`\\b${checked}\\.${method}\\(`).test(ifStmt.childForFieldName('consequence')?.text ?? '');
}

/** True when `t` is an &http.Transport{...} literal that sets none of the timeouts bounding a stalled server. */
function transportWithoutTimeouts(ctx: RuleContext, t: Node): boolean {
  let e = unparen(t);
  if (e?.type === 'unary_expression') e = unparen(e.childForFieldName('operand'));
  if (!e || !compositeIs(ctx, e, 'net/http', 'Transport')) return false;
  const f = keyedFields(e);
  return !TRANSPORT_TIMEOUTS.some((k) => f.has(k));
}

/** Whether `scope` builds requests with a context: http.NewRequestWithContext(...) or req.WithContext(...). */
function contextRequests(ctx: RuleContext, scope: Node): boolean {
  const calls = scope.type === 'call_expression' ? [scope, ...scope.descendantsOfType('call_expression')] : scope.descendantsOfType('call_expression');
  for (const c of calls) {
    if (!c) continue;
    if (ctx.isCallTo(c, 'net/http', 'NewRequestWithContext')) return true;
    const fn = unparen(c.childForFieldName('function'));
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'WithContext') return true;
  }
  return false;
}
