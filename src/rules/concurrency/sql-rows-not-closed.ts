import { defineRule } from '../define-rule.js';
import { isSQLHandle, sqlMethodCall } from '../_shared/sql-values.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import { handedOn, isMethodOf } from '../_shared/value-flow.js';
import { assignedNames, assignmentOf, callArgs, enclosingFunction, outerParens, unparen } from '../../go/ast.js';
import { isWrite } from '../_shared/concurrency-vars.js';
import { openExits } from '../_shared/must-reach.js';
import type { Node } from 'web-tree-sitter';

const ROWS = new Set(['Query', 'QueryContext']);
const STMTS = new Set(['Prepare', 'PrepareContext']);
const ALL = new Set([...ROWS, ...STMTS]);

export default defineRule({
  meta: {
    id: 'CON1015',
    name: 'sql-rows-not-closed',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 11 FP of 11 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: `for rows.Next()` loops that run to the end (database/sql closes the rows itself when Next returns false) and test fixtures outside _test.go files. The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-16 sample (rows drained by a `for rows.Next()` loop are closed by database/sql; only exits that leave the loop early are reported), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'sql.Rows or sql.Stmt is never closed',
    rationale:
      '*sql.Rows holds its database connection until Close is called or the rows are read to the end; an early ' +
      'return, a break or a scan error leaves the connection checked out of the pool. A prepared *sql.Stmt keeps ' +
      'server-side statements on every connection it ran on. Under load the pool runs dry (db.SetMaxOpenConns is ' +
      'reached and every query waits) or the database hits its connection/prepared-statement limit.',
    fix: {
      text: 'Right after the error check, `defer rows.Close()` (or `defer stmt.Close()`); still check rows.Err() after the loop.',
      effort: 'low',
    },
    passCriterion: 'every sql.Rows and sql.Stmt is closed (a deferred Close right after the error check)',
    examples: [
      {
        bad:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\nfunc Names(ctx context.Context, db *sql.DB) ([]string, error) {\n' +
          '\trows, err := db.QueryContext(ctx, "select name from users")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n' +
          '\tvar out []string\n\tfor rows.Next() {\n\t\tvar n string\n\t\tif err := rows.Scan(&n); err != nil {\n\t\t\treturn nil, err\n\t\t}\n' +
          '\t\tout = append(out, n)\n\t}\n\treturn out, rows.Err()\n}\n',
        good:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\nfunc Names(ctx context.Context, db *sql.DB) ([]string, error) {\n' +
          '\trows, err := db.QueryContext(ctx, "select name from users")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer rows.Close()\n' +
          '\tvar out []string\n\tfor rows.Next() {\n\t\tvar n string\n\t\tif err := rows.Scan(&n); err != nil {\n\t\t\treturn nil, err\n\t\t}\n' +
          '\t\tout = append(out, n)\n\t}\n\treturn out, rows.Err()\n}\n',
      },
    ],
    messages: {
      notClosed: '{{kind}} {{name}} from {{call}} is never closed: defer {{name}}.Close() after the error check',
      discarded: '{{kind}} from {{call}} is discarded, so it can never be closed',
      leftOpen:
        '{{kind}} {{name}} from {{call}} is closed only when {{name}}.Next() returns false; the exit at line(s) ' +
        '{{lines}} leaves them open: defer {{name}}.Close() after the error check',
    },
    sources: ['golangci:sqlclosecheck'],
    notes:
      'database/sql only: Query/QueryContext (rows) and Prepare/PrepareContext (statements) on a value declared as ' +
      '*sql.DB, *sql.Tx, *sql.Conn or *sql.Stmt in the file (or obtained from sql.Open, Begin, Prepare). The result ' +
      'counts as handled when Close is called or referenced on it, or when it is returned, passed to a function, stored ' +
      'or assigned (the receiver then owns it). A statement prepared on a *sql.Tx is closed by database/sql when the ' +
      'transaction commits or rolls back, so it is not reported. database/sql also closes rows itself when Next returns ' +
      'false: rows read by a `for rows.Next() {…}` loop are closed on every path that leaves the loop through its ' +
      'condition; only the paths that leave the function before (an early return inside the loop, a break followed by ' +
      'a return) are reported. sqlclosecheck also covers sqlx and pgx and asks for Close to be deferred.',
  },
  prefilter: ['database/sql'],
  create(ctx) {
    return {
      call_expression(call) {
        const sql = sqlMethodCall(ctx, call, ALL);
        if (!sql) return;
        const kind = ROWS.has(sql.method) ? 'rows' : 'statement';
        // database/sql closes a statement prepared on a transaction when the transaction commits or rolls back.
        if (kind === 'statement' && isSQLHandle(ctx, sql.recv, call, ['Tx'])) return;
        const what = `${sql.recv.text}.${sql.method}`;
        const e = outerParens(call);
        if (e.parent?.type === 'expression_statement') {
          ctx.report({ node: call, messageId: 'discarded', data: { kind, call: what } });
          return;
        }
        const b = resultBinding(ctx, call);
        if (!b) return;
        if (b.reads.some((id) => isMethodOf(id, ['Close']) || handedOn(id))) return;
        if (kind === 'rows') {
          const drained = drainedExits(call, b.name);
          if (drained === 'closed') return;
          if (drained) {
            ctx.report({
              node: call,
              messageId: 'leftOpen',
              data: { kind, name: b.name, call: what, lines: drained.map((n) => n.startPosition.row + 1).join(', ') },
            });
            return;
          }
        }
        ctx.report({ node: call, messageId: 'notClosed', data: { kind, name: b.name, call: what } });
      },
    };
  },
});

/** The statement a binding belongs to (a `var` spec's declaration). */
function statementOf(stmt: Node): Node {
  let s = stmt;
  while (s.parent && (s.type === 'var_spec' || s.parent.type === 'var_spec_list' || s.parent.type === 'var_declaration')) s = s.parent;
  return s;
}

/** `var rows *sql.Rows`: a name declared without a value. */
function bareDeclaration(id: Node): boolean {
  return id.parent?.type === 'var_spec' && !id.parent.childForFieldName('value');
}

/** `for name.Next() {…}`: a loop whose whole condition is the rows' Next call. */
function isNextLoop(loop: Node, name: string): boolean {
  if (loop.type !== 'for_statement') return false;
  const cond = loop.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  const call = unparen(cond);
  if (call?.type !== 'call_expression' || callArgs(call).length) return false;
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Next') return false;
  const op = unparen(fn.childForFieldName('operand'));
  return op?.type === 'identifier' && op.text === name;
}

/** `if err != nil {…}` on the query's error, right after the query (the rows are nil in its body). */
function errorCheck(stmt: Node, errName: string | undefined): Node | undefined {
  let next = stmt.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  if (!errName || next?.type !== 'if_statement' || next.childForFieldName('initializer')) return undefined;
  const cond = unparen(next.childForFieldName('condition'));
  if (cond?.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '!=') return undefined;
  const sides = [cond.childForFieldName('left')?.text, cond.childForFieldName('right')?.text];
  return sides.includes(errName) && sides.includes('nil') ? next : undefined;
}

/**
 * Rows drained by a `for rows.Next()` loop: database/sql closes them when Next returns false, so only the exits
 * that leave the function with the loop not run out keep them open. 'closed' when no exit does; the open returns
 * when some do; undefined when the rows are not read by such a loop (or the paths cannot be followed: a goto, a
 * reassignment of the variable).
 */
function drainedExits(call: Node, name: string): 'closed' | Node[] | undefined {
  const fn = enclosingFunction(call);
  const body = fn?.childForFieldName('body');
  const a = assignmentOf(call);
  if (!fn || !body || !a) return undefined;
  const stmt = a.stmt;
  const loops = body.descendantsOfType('for_statement').filter((l): l is Node => !!l && l.startIndex > stmt.endIndex && isNextLoop(l, name));
  if (!loops.length) return undefined;
  if (body.descendantsOfType('goto_statement').length) return undefined;
  const [target, errTarget] = assignedNames(stmt);
  // another value assigned to the variable: the loop may drain that one
  const writes = body.descendantsOfType('identifier').filter((id) => id && id.text === name && id.id !== target?.id && isWrite(id) && !bareDeclaration(id));
  if (writes.length) return undefined;
  const start = statementOf(stmt);
  if (start.parent?.type !== 'block' && start.parent?.type !== 'statement_list') return undefined;
  const r = openExits({
    start: errorCheck(start, errTarget?.text) ?? start,
    discharges: (n) => n.descendantsOfType('selector_expression').some((sel) => {
      if (sel?.childForFieldName('field')?.text !== 'Close') return false;
      const op = unparen(sel.childForFieldName('operand'));
      return op?.type === 'identifier' && op.text === name;
    }),
    closesOnExit: (loop) => loops.some((l) => l.id === loop.id),
  });
  if (!r.analysed) return undefined;
  const open = r.fallsOffEnd ? [...r.returns, body.lastChild ?? body] : r.returns;
  return open.length ? open : 'closed';
}
