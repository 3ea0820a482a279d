/**
 * `goready db copy`: the whole history (repositories, surveys, audits, findings, rule docs) from
 * one database to another, SQLite ↔ PostgreSQL, ids kept, so survey and audit numbers stay valid.
 * The target must hold no history yet (copying never merges or overwrites).
 */
import { StoreError } from './db.js';
import { COPY_TABLES, type CopyTable, type HistoryStore } from './types.js';

export interface CopyCounts { [table: string]: number }

const BATCH = 2000;

export async function copyHistory(from: HistoryStore, to: HistoryStore, onTable?: (table: CopyTable, rows: number) => void): Promise<CopyCounts> {
  for (const t of Object.keys(COPY_TABLES) as CopyTable[]) {
    if ((await to.exportRows(t, undefined, 1)).length) throw new StoreError(`${to.label} already holds history (table ${t} is not empty): copy into an empty database`);
  }
  const counts: CopyCounts = {};
  for (const [table, key] of Object.entries(COPY_TABLES) as [CopyTable, readonly string[]][]) {
    let after: unknown[] | undefined;
    let n = 0;
    for (;;) {
      const rows = await from.exportRows(table, after, BATCH);
      if (!rows.length) break;
      await to.importRows(table, rows);
      n += rows.length;
      const last = rows[rows.length - 1]!;
      after = key.map((k) => last[k]);
      if (rows.length < BATCH) break;
    }
    counts[table] = n;
    onTable?.(table, n);
  }
  return counts;
}
