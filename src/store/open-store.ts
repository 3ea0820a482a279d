/**
 * Opens the history store a --db value names: a postgres:// URL → PostgreSQL (pg-store.ts), any
 * other value → a SQLite file (store.ts). Each engine's module is loaded only when used.
 */
import { isPostgresUrl } from './db-url.js';
import type { OpenOptions } from './db.js';
import type { PgOptions } from './pg-db.js';
import type { HistoryStore } from './types.js';

export async function openHistoryStore(db: string, opts: OpenOptions & PgOptions = {}): Promise<HistoryStore> {
  if (isPostgresUrl(db)) {
    const { PgStore } = await import('./pg-store.js');
    return PgStore.open(db.trim(), opts);
  }
  const { SqliteStore } = await import('./store.js');
  return SqliteStore.open(db, opts);
}
