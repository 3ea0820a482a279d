import { isSanitizerCall } from '../_shared/sanitizers.js';
import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { callArgs, selectorPath, unparen } from '../../go/ast.js';
import { resolveBinding } from '../_shared/security-bindings.js';
import {
  allTemplates, constantString, holeContext, isCallerChosen, shortText, TaintAnalyzer, templateText, type Hole, type Template,
} from '../_shared/security-string-taint.js';

const SINKS = new Set([
  'Query', 'QueryRow', 'QueryContext', 'QueryRowContext', 'Exec', 'ExecContext', 'Prepare', 'PrepareContext',
  // sqlx
  'Queryx', 'QueryRowx', 'QueryxContext', 'QueryRowxContext', 'MustExec', 'MustExecContext', 'Get', 'Select',
  'GetContext', 'SelectContext', 'NamedExec', 'NamedQuery', 'NamedExecContext', 'NamedQueryContext', 'Preparex',
  'PreparexContext', 'PrepareNamed', 'PrepareNamedContext',
  // gorm
  'Raw',
]);

/** Text that is unmistakably SQL (a statement keyword with its companion clause). */
const SQL_RE = /^\s*\(?\s*(SELECT\s[\s\S]*\bFROM\b|INSERT\s+(IGNORE\s+)?INTO\s|UPDATE\s+\S+[\s\S]*\bSET\s|DELETE\s+FROM\s|UPSERT\s|REPLACE\s+INTO\s|MERGE\s+INTO\s|WITH\s+(RECURSIVE\s+)?\S+\s+AS\s*\(|CREATE\s+(TABLE|INDEX|VIEW|DATABASE|SCHEMA|USER|ROLE|UNIQUE)|DROP\s+(TABLE|INDEX|VIEW|DATABASE|SCHEMA|USER|ROLE)|ALTER\s+(TABLE|USER|ROLE|DATABASE)|TRUNCATE\s|GRANT\s|REVOKE\s|SHOW\s+(TABLES|DATABASES|COLUMNS|INDEX|CREATE|GRANTS)\b)/i;

/** Value positions: inside a single-quoted SQL string, or right after a comparison operator. */
const DDL_RE = /^\s*\(?\s*(CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE)\s/i;

function isValuePosition(before: string, ddl: boolean): boolean {
  if (/'%?$/.test(before)) return true;
  if (ddl) return false; // `ENGINE=%s`, `OWNER = %s`: clauses, not compared values
  return /(=|<|>|\bLIKE|\bILIKE)$/i.test(before.replace(/\s+$/, ''));
}

function isContextArg(ctx: RuleContext, arg: Node): boolean {
  const a = unparen(arg);
  if (!a) return false;
  if (a.type === 'identifier') {
    if (/^(ctx|context|.*Ctx)$/.test(a.text)) return true;
    const b = resolveBinding(a.text, a, ctx.root);
    return !!b.typeText && /context\.Context$/.test(b.typeText);
  }
  if (a.type === 'call_expression') {
    const r = ctx.resolveCall(a);
    if (r?.pkg === 'context') return true;
    if (r?.recv && r.name === 'Context' && callArgs(a).length === 0) return true;
  }
  return false;
}

const DIALECT_RECV = /(^|[a-z_])(db|DB|Db|tx|Tx|dialect|Dialect|driver|Driver|flavor|Flavor)$/;
const CONST_ARG = new Set(['int_literal', 'interpreted_string_literal', 'raw_string_literal', 'float_literal', 'true', 'false']);

function isSqlQuoting(ctx: RuleContext, call: Node, name: string, pkg: string | undefined): boolean {
  if (isSanitizerCall(ctx, call, 'sql', name, pkg)) return true;
  // dialect helpers on the database handle: db.now(), s.db.typeVarChar(255), dialect.Placeholder(1)
  const fn = unparen(call.childForFieldName('function'));
  if (!pkg && fn?.type === 'selector_expression') {
    const last = selectorPath(fn.childForFieldName('operand'))?.at(-1);
    if (last && DIALECT_RECV.test(last) && callArgs(call).every((a) => CONST_ARG.has(unparen(a)?.type ?? ''))) return true;
  }
  if (pkg === 'strings' && (name === 'Replace' || name === 'ReplaceAll')) {
    const old = constantString(ctx, callArgs(call)[1]);
    return !!old && old.includes("'");
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'SEC1008',
    name: 'sql-string-building',
    dimension: 'security',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-07 and 2026-12-09: 0 TP, 1 FP, 7 "nobody would act" — the SQL was built from identifiers ' +
      '(table and column names) that come from constants through helper functions, or from the application\'s own schema; ' +
      'identifiers cannot be placeholders, and constants are not yet followed across calls. gosec\'s G201/G202 samples still ' +
      'pass with --enable (npm run accuracy).',
    title: 'SQL query built from non-constant strings',
    passCriterion: 'SQL statements use placeholders, never string building from values',
    rationale:
      'A query assembled with + or fmt.Sprintf lets the inserted text change the statement itself: a name like ' +
      "`x' OR '1'='1` or `1; DROP TABLE users` turns a lookup into a data leak or data loss (SQL injection, CWE-89). " +
      'Placeholders ($1, ?) send the values separately from the SQL text, so the driver never parses them as SQL, ' +
      'and prepared statements can be reused by the database.',
    fix: {
      text:
        'Keep the SQL text constant and pass values as arguments: db.QueryContext(ctx, "SELECT ... WHERE name = $1", name). ' +
        'For identifiers (table/column names) that cannot be placeholders, check them against an allow-list or quote ' +
        'them with the driver helper (pq.QuoteIdentifier, pgx.Identifier{...}.Sanitize()).',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package store\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\n' +
          'func FindUser(ctx context.Context, db *sql.DB, name string) (*sql.Rows, error) {\n' +
          '\treturn db.QueryContext(ctx, "SELECT id FROM users WHERE name = \'"+name+"\'")\n}\n',
        good:
          'package store\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\n' +
          'func FindUser(ctx context.Context, db *sql.DB, name string) (*sql.Rows, error) {\n' +
          '\treturn db.QueryContext(ctx, "SELECT id FROM users WHERE name = $1", name)\n}\n',
      },
    ],
    messages: {
      fromParam:
        'SQL passed to {{method}} is built by {{via}} from `{{expr}}`, which comes from parameter `{{param}}`: ' +
        'pass values as placeholders ($1/?) and allow-list or quote identifiers',
      fromInput:
        'SQL passed to {{method}} is built by {{via}} from `{{expr}}`, untrusted input read from {{source}}: ' +
        'pass values as placeholders ($1/?) and allow-list or quote identifiers',
      valuePosition:
        'SQL passed to {{method}} inserts non-constant `{{expr}}` as a value by {{via}}: pass it as a placeholder argument instead',
    },
    sources: ['gosec:G201', 'gosec:G202'],
    notes:
      'The rule follows the query back through local variables (`q := "SELECT ..." + x`, `q += ...`, strings.Builder) ' +
      'and reports only when the text is recognisably SQL. Operands are judged by origin, without type information: ' +
      'constants, package-level names, numbers (strconv.Itoa, %d), placeholder lists (strings.Repeat("?", n), names ' +
      'containing "placeholder"), quoting helpers (pq.QuoteIdentifier, anything named Quote/Escape/Sanitize) and ' +
      'dialect helpers on the database handle called with constants (db.now(), s.db.typeVarChar(255)) are safe. A value derived from a function parameter is reported wherever it is inserted; other non-constant values ' +
      '(receiver fields, results of calls) are reported only in value positions (`= %s`, `\'%s\'`, LIKE), because ' +
      'table and column names taken from configuration are a common, deliberate pattern. Narrower than gosec G201/G202, ' +
      'which report every non-constant operand.',
  },
  // the SQL text must be in this file's literals for the rule to recognise it (SQL_RE anchors at the start of the
  // query): a string literal that starts like a statement...
  prefilterRegex: /["`]\s*\(?\s*(?:SELECT\s|INSERT\s|UPDATE\s|DELETE\s+FROM|UPSERT\s|REPLACE\s+INTO|MERGE\s+INTO|WITH\s|CREATE\s+(?:TABLE|INDEX|VIEW|DATABASE|SCHEMA|USER|ROLE|UNIQUE)|DROP\s|ALTER\s|TRUNCATE\s|GRANT\s|REVOKE\s|SHOW\s)/i,
  // ...and call one of the sink methods
  prefilterAll: [['Query', 'Exec', 'Prepare', 'Get(', 'GetContext(', 'Select(', 'SelectContext(', 'Named', 'Raw(']],
  create(ctx) {
    let taint: TaintAnalyzer | undefined;
    const analyzer = () => (taint ??= new TaintAnalyzer(ctx, { isQuotingCall: isSqlQuoting }));
    return {
      call_expression(call) {
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type !== 'selector_expression') return;
        const method = fn.childForFieldName('field')?.text;
        if (!method || !SINKS.has(method)) return;
        const r = ctx.resolveCall(call);
        if (!r || r.pkg !== undefined || !r.recv) return;
        const args = callArgs(call);
        const query = args.find((a) => !isContextArg(ctx, a) && !(unparen(a)?.type === 'unary_expression' && unparen(a)?.childForFieldName('operator')?.text === '&'));
        if (!query) return;
        // generic names (Get/Select): only the sqlx shape with a destination before the query
        if (/^(Get|Select)(Context)?$/.test(method) && query === args[0]) return;
        // cheap gate: the query must be built (or be a local variable) somewhere
        const q = unparen(query);
        if (!q || (q.type !== 'binary_expression' && q.type !== 'call_expression' && q.type !== 'identifier')) return;
        const t = analyzer().flatten(q);
        if (!t.built) return;
        const templates = allTemplates(t);
        if (!templates.some((x) => SQL_RE.test(templateText(x, 'x'))) && !SQL_RE.test(templates.map((x) => templateText(x, 'x')).join(' '))) return;
        let found: { hole: Hole; kind: 'fromInput' | 'fromParam' | 'valuePosition' } | undefined;
        const ddl = DDL_RE.test(templateText(t, 'x'));
        for (const tpl of templates) {
          for (const h of tpl.holes) {
            if (h.origin.level === 'safe') continue;
            if (isCallerChosen(h.origin)) {
              found = { hole: h, kind: h.origin.level === 'input' ? 'fromInput' : 'fromParam' };
              break;
            }
            const c = holeContext(tpl as Template, h);
            if (!found && isValuePosition(c.before, ddl || DDL_RE.test(templateText(tpl, 'x')))) found = { hole: h, kind: 'valuePosition' };
          }
          if (found && found.kind !== 'valuePosition') break;
        }
        if (!found) return;
        const h = found.hole;
        const via = h.via || 'concatenation';
        const value = found.kind === 'valuePosition';
        ctx.report({
          node: query,
          messageId: found.kind,
          data: { method, via, expr: shortText(h.node), param: h.origin.culprit?.text ?? '', source: h.origin.source ?? '' },
          confidence: value || found.kind === 'fromInput' ? 'high' : 'medium',
          // gosec splits the two ways of building: format strings (G201) and concatenation (G202)
          sources: [/Sprintf|Sprint|Fprintf/.test(via) ? 'gosec:G201' : 'gosec:G202'],
        });
      },
    };
  },
});
