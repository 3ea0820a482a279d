import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { isFrozenMigration } from '../../core/frozen-code.js';
import { commandLineCode } from '../../core/code-roles.js';
import type { RuleContext } from '../define-rule.js';
import { enclosingDeclaredFunction, enclosingFunction } from '../../go/ast.js';
import { boundName, methodCalledOn } from '../_shared/value-flow.js';
import { contextInScope } from '../_shared/context-scope.js';
import { isHTTPClientExpr } from '../_shared/concurrency-http.js';
import { exprDeclaredAs, isQualifiedType } from '../_shared/declared-type.js';
import { sqlMethodCall } from '../_shared/sql-values.js';

/** Package functions that cannot be cancelled, with the context-aware replacement. */
const PKG_CALLS: Record<string, Record<string, string>> = {
  'net/http': {
    Get: 'http.NewRequestWithContext + client.Do', Head: 'http.NewRequestWithContext + client.Do',
    Post: 'http.NewRequestWithContext + client.Do', PostForm: 'http.NewRequestWithContext + client.Do',
    NewRequest: 'http.NewRequestWithContext',
  },
  net: {
    Dial: '(&net.Dialer{}).DialContext', DialTimeout: '(&net.Dialer{Timeout: t}).DialContext',
    LookupHost: 'net.DefaultResolver.LookupHost', LookupIP: 'net.DefaultResolver.LookupIP',
    LookupAddr: 'net.DefaultResolver.LookupAddr', LookupCNAME: 'net.DefaultResolver.LookupCNAME',
    LookupMX: 'net.DefaultResolver.LookupMX', LookupSRV: 'net.DefaultResolver.LookupSRV',
    LookupTXT: 'net.DefaultResolver.LookupTXT', LookupNS: 'net.DefaultResolver.LookupNS',
  },
  'crypto/tls': { Dial: '(&tls.Dialer{Config: cfg}).DialContext', DialWithDialer: '(&tls.Dialer{NetDialer: d, Config: cfg}).DialContext' },
  'os/exec': { Command: 'exec.CommandContext' },
};

const CLIENT_METHODS: Record<string, string> = {
  Get: 'http.NewRequestWithContext + Do', Head: 'http.NewRequestWithContext + Do',
  Post: 'http.NewRequestWithContext + Do', PostForm: 'http.NewRequestWithContext + Do',
};

const SQL_METHODS: Record<string, string> = {
  Query: 'QueryContext', QueryRow: 'QueryRowContext', Exec: 'ExecContext', Prepare: 'PrepareContext',
  Begin: 'BeginTx', Ping: 'PingContext',
};
const SQL_METHOD_SET = new Set(Object.keys(SQL_METHODS));

/** The call and its context-aware alternative, when `call` is an outbound operation that takes no context. */
function contextlessCall(ctx: RuleContext, call: Node): { what: string; alt: string; sql?: boolean } | undefined {
  const r = ctx.resolveCall(call);
  if (!r) return undefined;
  if (r.pkg) {
    const alt = PKG_CALLS[r.pkg]?.[r.name];
    return alt ? { what: `${r.pkg.split('/').at(-1)}.${r.name}`, alt } : undefined;
  }
  if (!r.recv) return undefined;
  if (CLIENT_METHODS[r.name] && isHTTPClientExpr(ctx, r.recv, call)) return { what: `${r.recv.text}.${r.name}`, alt: CLIENT_METHODS[r.name]! };
  if (r.name === 'Dial' && exprDeclaredAs(ctx, r.recv, call, { type: (t) => isQualifiedType(ctx, t, 'net', ['Dialer']) })) {
    return { what: `${r.recv.text}.Dial`, alt: `${r.recv.text}.DialContext` };
  }
  const sql = sqlMethodCall(ctx, call, SQL_METHOD_SET);
  if (sql) return { what: `${sql.recv.text}.${sql.method}`, alt: `${sql.recv.text}.${SQL_METHODS[sql.method]}`, sql: true };
  return undefined;
}

/**
 * Whether the value bound to `name` gets the context later (req.WithContext(ctx), req.Clone(ctx)), is not
 * sent through a client at all (req.Write(conn)), or is stopped by hand in a `case <-ctx.Done():` branch.
 */
function handledLater(fn: Node, name: string, ctxName: string, what: string): boolean {
  if (what === 'http.NewRequest' && methodCalledOn(fn, name, ['WithContext', 'Clone', 'Write'])) return true;
  for (const cc of fn.descendantsOfType(['communication_case', 'func_literal'])) {
    if (!cc || !cc.text.includes(`${ctxName}.Done()`)) continue;
    // a select case on ctx.Done(), or a goroutine that waits for it and then stops the value (cmd.Process.Signal)
    if (cc.descendantsOfType('identifier').some((id) => id?.text === name)) return true;
  }
  return false;
}

/** A context-aware database/sql call (QueryContext, ExecContext, BeginTx…) anywhere in the file. */
const SQL_WITH_CONTEXT = /\.(?:(?:Query|QueryRow|Exec|Prepare|Ping)Context|BeginTx)\(/;

export default defineRule({
  meta: {
    id: 'CON1014',
    name: 'call-ignores-context',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-09 to 2026-12-12 (four fresh sets of 12 repositories, each finding judged by reading the code): 1 true positive, 2 false and 8 "nobody would act" in 11 draws — calls bounded by a client timeout anyway, one-shot start-up and migration code, code bases whose data layer uses context-less calls throughout, and subprocesses whose stop path the code manages itself. The one-word fix is real, but a reviewer rarely acts on it; golangci-lint\'s noctx is opt-in for the same reason.',
    title: 'Outbound HTTP, dial, exec or SQL call without the context in scope',
    passCriterion: 'outbound HTTP, dial, exec and SQL calls carry the caller\'s context',
    rationale:
      'A function that receives a ctx (or an HTTP handler with its request) promises to stop when the caller gives up. ' +
      'http.Get, http.NewRequest, net.Dial, exec.Command and db.Query cannot be cancelled: when the client disconnects ' +
      'or the deadline passes, the request, connection attempt, child process or query keeps running and holding a ' +
      'connection, a pool slot or a goroutine, so overload and slow dependencies pile up work nobody waits for, and ' +
      'graceful shutdown has to wait for it.',
    fix: {
      text: 'Use the context-aware variant with the ctx in scope: http.NewRequestWithContext, (&net.Dialer{}).DialContext, exec.CommandContext, db.QueryContext/ExecContext/BeginTx.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\nfunc Count(ctx context.Context, db *sql.DB) (n int, err error) {\n' +
          '\terr = db.QueryRow("select count(*) from users").Scan(&n)\n\treturn n, err\n}\n',
        good:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\nfunc Count(ctx context.Context, db *sql.DB) (n int, err error) {\n' +
          '\terr = db.QueryRowContext(ctx, "select count(*) from users").Scan(&n)\n\treturn n, err\n}\n',
      },
    ],
    messages: {
      ignoresContext: '{{what}} cannot be cancelled although {{ctx}} is in scope: use {{alt}}',
    },
    sources: ['golangci:noctx'],
    notes:
      'Reported only where a context is available: a named context.Context parameter of the enclosing function (or ' +
      'of a function around the closure), or the *http.Request of a handler (r.Context()). noctx reports these calls ' +
      'everywhere; without a ctx in scope the fix is a signature change, which this rule leaves to review. Calls: ' +
      'http.Get/Head/Post/PostForm/NewRequest and the same methods on a recognised *http.Client; net.Dial/DialTimeout, ' +
      'net.Lookup*, (*net.Dialer).Dial, tls.Dial/DialWithDialer; exec.Command; Query/QueryRow/Exec/Prepare/Begin/Ping ' +
      'on a value declared as *sql.DB, *sql.Tx, *sql.Conn or *sql.Stmt (or from sql.Open) in the file. Not reported: ' +
      'a request from http.NewRequest that the function later gives the context (req.WithContext(ctx), req.Clone(ctx)) ' +
      'or writes to a connection itself (req.Write), a command or connection the function stops by hand in a ' +
      '`case <-ctx.Done():` branch, ' +
      'and a call whose arguments already use the ctx (net.DialTimeout(n, a, timeoutFrom(ctx))), and numbered database ' +
      'migrations (db/migrations/20230202143713_x.go): frozen history that runs once per database and is never edited ' +
      '(blind sample of 2026-12-09: 5 of 5 such findings judged "nobody would act"; see core/frozen-code.ts). Nor: a ' +
      'value a goroutine stops after `<-ctx.Done()` (cmd.Process.Signal: a graceful stop CommandContext\'s kill would ' +
      'not give), one-shot command-line code (src/core/code-roles.ts commandLineCode: the process ends with the command), ' +
      'and SQL calls with only an HTTP request\'s context in scope (no ctx parameter) in a file that uses no ' +
      'context-aware database/sql method at all (no QueryContext, ExecContext, BeginTx…): a data layer written without ' +
      'contexts needs a redesign, not this call\'s one-word fix; a function given a ctx parameter that it drops is ' +
      'still reported (blind samples ' +
      '2026-12-10/11: the TP, keda\'s db.Ping beside QueryRowContext, is an oversight in a file that passes ctx; ' +
      'writefreely\'s context-less data layer and the profilecli dial and grafana child process were judged "nobody ' +
      'would act" or wrong).',
  },
  prefilter: ['net/http', '"net"', 'crypto/tls', 'os/exec', 'database/sql'],
  prefilterAll: [['context.Context', '*http.Request']],
  create(ctx): Visitors {
    if (isFrozenMigration(ctx.file.path) || commandLineCode(ctx.file.path, ctx.source)) return {};
    const sqlWithContext = SQL_WITH_CONTEXT.test(ctx.source);
    return {
      call_expression(call) {
        const c = contextlessCall(ctx, call);
        if (!c) return;
        const inScope = contextInScope(ctx, call);
        if (!inScope) return;
        // a handler's request context only, in a file whose SQL never takes a context: the data layer's convention
        if (c.sql && !sqlWithContext && inScope.expr.endsWith('.Context()')) return;
        // the context reaches the call another way: `calcTimeout(ctx)` among the arguments
        const ctxName = inScope.expr.replace(/\.Context\(\)$/, '');
        if (call.childForFieldName('arguments')?.descendantsOfType('identifier').some((id) => id?.text === ctxName)) return;
        const bound = boundName(call);
        const fn = enclosingDeclaredFunction(call) ?? enclosingFunction(call);
        if (bound && 'name' in bound && fn && handledLater(fn, bound.name, ctxName, c.what)) return;
        ctx.report({ node: call, messageId: 'ignoresContext', data: { what: c.what, ctx: inScope.expr, alt: c.alt } });
      },
    };
  },
});
