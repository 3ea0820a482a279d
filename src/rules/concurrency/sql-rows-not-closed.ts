import { defineRule } from '../define-rule.js';
import { isSQLHandle, sqlMethodCall } from '../_shared/sql-values.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import { handedOn, isMethodOf } from '../_shared/value-flow.js';
import { outerParens } from '../../go/ast.js';

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
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 11 FP of 11 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: `for rows.Next()` loops that run to the end (database/sql closes the rows itself when Next returns false) and test fixtures outside _test.go files. The rule returns to the default set when a fresh blind record clears the bar.',
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
    },
    sources: ['golangci:sqlclosecheck'],
    notes:
      'database/sql only: Query/QueryContext (rows) and Prepare/PrepareContext (statements) on a value declared as ' +
      '*sql.DB, *sql.Tx, *sql.Conn or *sql.Stmt in the file (or obtained from sql.Open, Begin, Prepare). The result ' +
      'counts as handled when Close is called or referenced on it, or when it is returned, passed to a function, stored ' +
      'or assigned (the receiver then owns it). A statement prepared on a *sql.Tx is closed by database/sql when the ' +
      'transaction commits or rolls back, so it is not reported. sqlclosecheck also covers sqlx and pgx and asks for Close to be deferred.',
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
        ctx.report({ node: call, messageId: 'notClosed', data: { kind, name: b.name, call: what } });
      },
    };
  },
});
