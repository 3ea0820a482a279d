import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { callArgs, intValue, stringValue, unparen } from '../../go/ast.js';
import { moduleKey, position } from '../_shared/obs-packages.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import { handedOn, isMethodOf } from '../_shared/value-flow.js';

type Fact = { k: 'open'; file: string; line: number; column: number; fn: string; single?: boolean } | { k: 'max' } | { k: 'life' };

/** Whether the pool bound to the opened value is limited to one connection by the opening function (`db.SetMaxOpenConns(1)`). */
function singleConnection(reads: Node[]): boolean {
  return reads.some((id) => {
    if (!isMethodOf(id, ['SetMaxOpenConns'])) return false;
    const call = id.parent?.parent;
    return call?.type === 'call_expression' && intValue(callArgs(call)[0]) === 1;
  });
}

/** Pool settings by fact kind. */
const SETTERS: Record<string, 'max' | 'life'> = { SetMaxOpenConns: 'max', SetConnMaxLifetime: 'life', SetConnMaxIdleTime: 'life' };

export default defineRule({
  meta: {
    id: 'RUN2016',
    name: 'sql-pool-unbounded',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 1 "nobody would act" of 4 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: pools opened per scrape and closed when it ends, and single-connection handles. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'database/sql pool without SetMaxOpenConns or SetConnMaxLifetime',
    rationale:
      'A *sql.DB opens as many connections as there are concurrent queries: with no SetMaxOpenConns a traffic spike or a ' +
      'slow query opens hundreds, until the database refuses connections (max_connections) for every replica and every ' +
      'other service sharing it. Without SetConnMaxLifetime (or SetConnMaxIdleTime) connections live forever: they ' +
      'outlast DNS or load-balancer changes and database failovers, and are cut by proxies or firewalls while idle, ' +
      'which surfaces as "bad connection" and broken pipe errors.',
    fix: {
      text: 'After sql.Open: db.SetMaxOpenConns(n) (sized to the database limit divided by the replicas), db.SetMaxIdleConns(m) and db.SetConnMaxLifetime(d) (minutes, below any proxy or server idle timeout); make them configurable.',
      effort: 'low',
    },
    passCriterion: 'every database/sql pool is bounded (SetMaxOpenConns) and recycles connections (SetConnMaxLifetime or SetConnMaxIdleTime)',
    examples: [
      {
        bad:
          'package store\n\nimport "database/sql"\n\nfunc Open(dsn string) (*sql.DB, error) {\n\treturn sql.Open("postgres", dsn)\n}\n',
        good:
          'package store\n\nimport (\n\t"database/sql"\n\t"time"\n)\n\nfunc Open(dsn string) (*sql.DB, error) {\n' +
          '\tdb, err := sql.Open("postgres", dsn)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdb.SetMaxOpenConns(20)\n' +
          '\tdb.SetConnMaxLifetime(5 * time.Minute)\n\treturn db, nil\n}\n',
      },
    ],
    messages: {
      unbounded: '{{fn}} opens a connection pool, but nothing in this module calls {{missing}}: {{effect}}',
    },
    sources: [],
    notes:
      'Module-wide: each sql.Open / sql.OpenDB call (outside tests) is reported when no file of the same Go module calls ' +
      'SetMaxOpenConns, or none calls SetConnMaxLifetime or SetConnMaxIdleTime, on any receiver (a setter anywhere in ' +
      'the module is taken to configure the pool). Not reported: SQLite drivers (a driver name containing "sqlite"; a ' +
      'local file has no server connection limit), and a pool the opening function closes itself and hands to nobody ' +
      '(one scrape\'s or one command\'s pool: blind samples of 2026-12-10/11). Severity is low when only the lifetime is missing. ' +
      'A missing lifetime is not reported for a pool its opening function limits to one connection (SetMaxOpenConns(1)): ' +
      'database/sql re-dials a broken connection on its next use and there is no load to rebalance after a failover ' +
      '(postgres_exporter\'s per-DSN server, blind sample 2026-12-11).',
  },
  prefilter: ['database/sql', 'SetMaxOpenConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime'],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    return {
      call_expression(call) {
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type === 'selector_expression') {
          const setter = SETTERS[fn.childForFieldName('field')?.text ?? ''];
          if (setter) {
            emit({ k: setter });
            return;
          }
        }
        if (!ctx.isCallTo(call, 'database/sql', 'Open', 'OpenDB')) return;
        const driver = stringValue(callArgs(call)[0]);
        if (driver?.toLowerCase().includes('sqlite')) return;
        // a pool the function closes itself and hands to nobody lives for one call: nothing accumulates, limits are moot
        const b = resultBinding(ctx, call);
        if (b && b.reads.some((id) => isMethodOf(id, ['Close'])) && !b.reads.some((id) => handedOn(id))) return;
        emit({ k: 'open', file: ctx.file.path, ...position(call), fn: `sql.${fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : 'Open'}`, single: !!b && singleConnection(b.reads) });
      },
    };
  },
  finish(facts, report) {
    const max = new Set<string>();
    const life = new Set<string>();
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k === 'max') max.add(moduleKey(f.file));
      if (d.k === 'life') life.add(moduleKey(f.file));
    }
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'open') continue;
      const hasMax = max.has(moduleKey(f.file));
      const hasLife = life.has(moduleKey(f.file));
      if (hasMax && hasLife) continue;
      // one connection: nothing to spread after a failover, and a broken connection is re-dialled on its next use
      if (hasMax && d.single) continue;
      const missing = !hasMax && !hasLife ? 'SetMaxOpenConns or SetConnMaxLifetime' : hasMax ? 'SetConnMaxLifetime (or SetConnMaxIdleTime)' : 'SetMaxOpenConns';
      const effect = hasMax
        ? 'connections are never recycled and outlive failovers and proxy idle timeouts'
        : 'the number of connections is unbounded and a spike exhausts the database\'s connection limit';
      report({
        file: d.file, line: d.line, column: d.column,
        messageId: 'unbounded',
        data: { fn: d.fn, missing, effect },
        severity: hasMax ? 'low' : undefined,
      });
    }
  },
});
