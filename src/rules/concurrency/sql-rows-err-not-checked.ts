import { defineRule } from '../define-rule.js';
import { sqlMethodCall } from '../_shared/sql-values.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import { handedOn, isMethodOf } from '../_shared/value-flow.js';
import { outerParens, type Node } from '../../go/ast.js';
import { endsInFailure } from '../_shared/failure-exit.js';

const ROWS = new Set(['Query', 'QueryContext']);

export default defineRule({
  meta: {
    id: 'CON1016',
    name: 'sql-rows-err-not-checked',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-15',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 4 FP, 1 "nobody would act" of 6 judged — precision 20.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: single-row reads whose !rows.Next() branch already returns an error. Reworked after the 2026-12-13 sample (single-row reads whose !rows.Next() branch returns an error are not reported), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its record through the draw of 2026-12-25: 7 TP, 1 FP, 2 DEB — precision 87.5 %.',
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
      'passed to a function, stored or assigned (the receiver then owns the check). Not reported for a single-row read ' +
      'whose every Next is an `if` test and whose no-row branch fails (`if !rows.Next() { return errNoRows }`, a ' +
      'constructed error, panic or log.Fatal): a read failure then ends in an error, never in a truncated result.',
  },
  prefilter: ['database/sql'],
  prefilterAll: ['.Next()'],
  create(ctx) {
    return {
      call_expression(call) {
        const sql = sqlMethodCall(ctx, call, ROWS);
        if (!sql) return;
        const b = resultBinding(ctx, call);
        if (!b) return;
        if (!b.reads.some((id) => isMethodOf(id, ['Next']))) return;
        if (b.reads.some((id) => isMethodOf(id, ['Err']) || handedOn(id))) return;
        if (b.reads.filter((id) => isMethodOf(id, ['Next'])).every(singleRowTestThatFails)) return;
        ctx.report({ node: call, messageId: 'errNotChecked', data: { name: b.name, call: `${sql.recv.text}.${sql.method}` } });
      },
    };
  },
});

/**
 * `if !rows.Next() { return …, errNoRows }` or `if rows.Next() { … } else { return fmt.Errorf(…) }`: the Next read `id`
 * is an if test whose no-row branch ends in a failure, so a read error cannot pass for a complete (empty) result.
 */
function singleRowTestThatFails(id: Node): boolean {
  const call = id.parent?.parent;
  if (call?.type !== 'call_expression') return false;
  let test = outerParens(call);
  let negated = false;
  if (test.parent?.type === 'unary_expression' && test.parent.childForFieldName('operator')?.text === '!') {
    negated = true;
    test = outerParens(test.parent);
  }
  const stmt = test.parent;
  if (stmt?.type !== 'if_statement' || stmt.childForFieldName('condition')?.id !== test.id) return false;
  const noRows = negated ? stmt.childForFieldName('consequence') : stmt.childForFieldName('alternative');
  return !!noRows && endsInFailure(noRows);
}
