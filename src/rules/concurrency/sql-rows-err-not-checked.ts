import { defineRule } from '../define-rule.js';
import { handedOn, isMethodOf, sqlMethodCall, sqlResultBinding } from '../_shared/sql-values.js';

const ROWS = new Set(['Query', 'QueryContext']);

export default defineRule({
  meta: {
    id: 'CON1016',
    name: 'sql-rows-err-not-checked',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'rows.Next loop without a rows.Err() check',
    rationale:
      'rows.Next() returns false both at the end of the result set and when reading it fails: a dropped connection, ' +
      'a statement timeout, a cancelled context or a type conversion error mid-stream. Without rows.Err() after the ' +
      'loop, a truncated result is treated as complete: a report silently misses rows, a migration copies half a table, ' +
      'a cache is filled with a partial list.',
    fix: { text: 'After the `for rows.Next()` loop, `if err := rows.Err(); err != nil { return err }`.', effort: 'low' },
    passCriterion: 'every rows.Next loop is followed by a rows.Err() check',
    examples: [
      {
        bad:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\nfunc Names(ctx context.Context, db *sql.DB) ([]string, error) {\n' +
          '\trows, err := db.QueryContext(ctx, "select name from users")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer rows.Close()\n' +
          '\tvar out []string\n\tfor rows.Next() {\n\t\tvar n string\n\t\tif err := rows.Scan(&n); err != nil {\n\t\t\treturn nil, err\n\t\t}\n' +
          '\t\tout = append(out, n)\n\t}\n\treturn out, nil\n}\n',
        good:
          'package users\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\nfunc Names(ctx context.Context, db *sql.DB) ([]string, error) {\n' +
          '\trows, err := db.QueryContext(ctx, "select name from users")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer rows.Close()\n' +
          '\tvar out []string\n\tfor rows.Next() {\n\t\tvar n string\n\t\tif err := rows.Scan(&n); err != nil {\n\t\t\treturn nil, err\n\t\t}\n' +
          '\t\tout = append(out, n)\n\t}\n\treturn out, rows.Err()\n}\n',
      },
    ],
    messages: {
      errNotChecked: '{{name}} from {{call}} is iterated with Next but {{name}}.Err() is never checked: a failure mid-stream looks like the end of the rows',
    },
    sources: ['golangci:rowserrcheck'],
    notes:
      'database/sql only: rows from Query/QueryContext on a recognised handle (see sql-rows-not-closed), iterated with ' +
      'Next in the function. Not reported when Err is called or referenced on the rows, or when they are returned, ' +
      'passed to a function, stored or assigned (the receiver then owns the check).',
  },
  prefilter: ['database/sql'],
  prefilterAll: ['.Next()'],
  create(ctx) {
    return {
      call_expression(call) {
        const sql = sqlMethodCall(ctx, call, ROWS);
        if (!sql) return;
        const b = sqlResultBinding(ctx, call);
        if (!b) return;
        if (!b.reads.some((id) => isMethodOf(id, ['Next']))) return;
        if (b.reads.some((id) => isMethodOf(id, ['Err']) || handedOn(id))) return;
        ctx.report({ node: call, messageId: 'errNotChecked', data: { name: b.name, call: `${sql.recv.text}.${sql.method}` } });
      },
    };
  },
});
