import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { FUNCTION_TYPES, isDeferred } from '../../go/ast.js';
import { contextInScope } from '../_shared/context-scope.js';

/** Words in a nearby comment that say the detachment is deliberate. */
const DELIBERATE = /detach|independ|outlive|cancel|shut ?down|clean ?up|regardless|even (if|when|though)|not (be )?(tied|bound)|survive|async/i;

/** Whether the call runs inside a goroutine started within the function that owns the ctx (detached work). */
function inGoroutine(call: Node, owner: Node): boolean {
  for (let p = call.parent; p && p.id !== owner.id; p = p.parent) {
    if (p.type === 'go_statement') return true;
  }
  return false;
}

/** Whether the call is the fallback of a nil check on the ctx, `if ctx == nil { ctx = context.Background() }`. */
function nilFallback(call: Node, ctxName: string): boolean {
  const name = ctxName.replace(/\.Context\(\)$/, '');
  const check = new RegExp(`(^|[^\\w.])${name}\\s*[!=]=\\s*nil\\b`); // a Go identifier: no regex metacharacters
  for (let p = call.parent; p && !FUNCTION_TYPES.has(p.type); p = p.parent) {
    if (p.type === 'if_statement' && check.test(p.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

/** Whether a comment on the call's lines or the two lines above explains the detachment. */
function explained(source: string, call: Node): boolean {
  const lines = source.split('\n', call.endPosition.row + 1);
  const from = Math.max(0, call.startPosition.row - 2);
  return lines.slice(from, call.endPosition.row + 1).some((l) => {
    const i = l.indexOf('//');
    return i >= 0 && DELIBERATE.test(l.slice(i));
  });
}

export default defineRule({
  meta: {
    id: 'CON1018',
    name: 'context-background-with-ctx',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Detaching on purpose is common and rarely commented: cleanup that must run after cancellation, monitors and ' +
      'shadow work that outlive the call, clients whose token refresh must not die with one request. On a sample of ' +
      '29 findings on 11 repositories, 7 were true positives and 14 deliberate detachments (4 arguable).',
    title: 'context.Background() or TODO() in a function that received a context',
    rationale:
      'A function that receives a ctx is told when its caller gives up (client gone, deadline passed, shutdown). ' +
      'Starting a fresh context.Background() or TODO() inside it cuts that chain: the database query, the outbound ' +
      'call or the retry loop below keeps running after the request is cancelled, deadlines set by the caller are ' +
      'ignored, and request-scoped values (trace spans, auth, request ids) are lost from the logs and traces.',
    fix: {
      text: 'Pass the ctx you received (or derive from it: context.WithTimeout(ctx, d)). When work must outlive the caller on purpose, use context.WithoutCancel(ctx) (Go 1.21) and say why in a comment.',
      effort: 'low',
    },
    passCriterion: 'functions that receive a ctx derive every context from it (detaching only with context.WithoutCancel and a reason)',
    examples: [
      {
        bad:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n\t"time"\n)\n\n' +
          'func Touch(ctx context.Context, db *sql.DB, id int) error {\n\tqctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\n' +
          '\tdefer cancel()\n\t_, err := db.ExecContext(qctx, "update users set seen = now() where id = $1", id)\n\treturn err\n}\n',
        good:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n\t"time"\n)\n\n' +
          'func Touch(ctx context.Context, db *sql.DB, id int) error {\n\tqctx, cancel := context.WithTimeout(ctx, 5*time.Second)\n' +
          '\tdefer cancel()\n\t_, err := db.ExecContext(qctx, "update users set seen = now() where id = $1", id)\n\treturn err\n}\n',
      },
    ],
    messages: {
      fresh: 'context.{{fn}}() inside a function that received {{ctx}}: the work below ignores the caller\'s cancellation and deadline; derive from {{ctx}} (or context.WithoutCancel({{ctx}}) when detaching on purpose)',
    },
    sources: [],
    notes:
      'A context is in scope when an enclosing function has a named context.Context parameter, or an *http.Request ' +
      'parameter (an HTTP handler: r.Context()). Not reported, as deliberate detachment: calls inside a goroutine ' +
      'started by that function or inside a deferred call (cleanup that must run after cancellation), the fallback of ' +
      'a nil check (`if ctx == nil { ctx = context.Background() }`), and calls with a comment on the same or the two ' +
      'lines above that explains the choice (detached, independent, outlive, cancel, shutdown, cleanup, regardless, ' +
      'even if, async). Test files are not checked.',
  },
  prefilter: ['context.Background()', 'context.TODO()'],
  prefilterAll: [['context.Context', '*http.Request']],
  create(ctx) {
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'context', 'Background', 'TODO')) return;
        const inScope = contextInScope(ctx, call);
        if (!inScope) return;
        if (inGoroutine(call, inScope.fn) || isDeferred(call)) return;
        if (nilFallback(call, inScope.expr)) return;
        if (explained(ctx.source, call)) return;
        const fn = call.childForFieldName('function')?.text.endsWith('TODO') ? 'TODO' : 'Background';
        ctx.report({ node: call, messageId: 'fresh', data: { fn, ctx: inScope.expr } });
      },
    };
  },
});
