/**
 * The SQLite database (better-sqlite3): opening in WAL mode, and numbered schema migrations
 * recorded in `schema_migrations`, each applied in its own transaction. A database written by
 * a newer goready (a migration number we do not know) is refused rather than misread.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';

export { cacheDir, dataDir, defaultDbPath } from './paths.js';

export type DB = Database.Database;

/** The database cannot be used (missing, unreadable, newer schema) or an id is unknown. */
export class StoreError extends UserError {}

export interface OpenOptions {
  readonly?: boolean;
  /** Called once when the database file did not exist and was created. */
  onCreate?: (file: string) => void;
}

export function latestSchemaVersion(): number {
  return MIGRATIONS[MIGRATIONS.length - 1]!.version;
}

/** Opens (creating and migrating when writable) the database file. */
export function openDb(file: string, opts: OpenOptions = {}): DB {
  const abs = path.resolve(file);
  if (opts.readonly) {
    if (!fs.existsSync(abs)) throw new StoreError(`no database at ${abs} (run \`goready survey\` first, or give --db FILE)`);
    let db = openRaw(abs, true);
    const v = schemaVersion(db);
    if (v > latestSchemaVersion()) {
      db.close();
      throw new StoreError(`database ${abs} has schema version ${v}, newer than this goready knows (${latestSchemaVersion()}): upgrade goready`);
    }
    if (v < latestSchemaVersion()) {
      // An older schema: bring it up to date once (the only write a read-only user makes), then reopen.
      db.close();
      migrate(openRaw(abs, false));
      db = openRaw(abs, true);
    }
    return db;
  }
  const existed = fs.existsSync(abs);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const db = openRaw(abs, false);
  try {
    migrate(db, false);
  } catch (e) {
    db.close();
    throw e;
  }
  if (!existed) opts.onCreate?.(abs);
  return db;
}

function openRaw(file: string, readonly: boolean): DB {
  let db: DB;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw new StoreError(`cannot open database ${file}: ${(e as Error).message}`);
  }
  db.pragma('busy_timeout = 10000');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a committed transaction survives a crash of the process (SIGKILL);
    // only an OS crash or power loss may roll back the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

export function schemaVersion(db: DB): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!has) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies the pending migrations, each in one transaction. Closes the handle when `close`. */
export function migrate(db: DB, close = true): number {
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const current = schemaVersion(db);
    const latest = latestSchemaVersion();
    if (current > latest) {
      throw new StoreError(`database ${db.name} has schema version ${current}, newer than this goready knows (${latest}): upgrade goready`);
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.transaction(() => {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
    return schemaVersion(db);
  } finally {
    if (close) db.close();
  }
}
