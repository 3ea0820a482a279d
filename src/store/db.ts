/**
 * The SQLite database (better-sqlite3): opening in WAL mode, and numbered schema migrations
 * recorded in `schema_migrations`, each applied in its own transaction. A database written by
 * a newer goready (a migration number we do not know) is refused rather than misread.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors.js';
import { latestSchemaVersion, migrationSql, MIGRATIONS } from './migrations.js';

export { cacheDir, dataDir, defaultDbPath } from './paths.js';

export type DB = Database.Database;

/** The database cannot be used (missing, unreadable, newer schema) or an id is unknown. */
export class StoreError extends UserError {}

export interface OpenOptions {
  readonly?: boolean;
  /** Called once when the database file did not exist and was created. */
  onCreate?: (file: string) => void;
}

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What an existing --db file holds, as found on a read-only look that writes nothing. */
type Inspection = { kind: 'empty' } | { kind: 'goready'; version: number };

/**
 * Checks, without writing a byte, that `abs` is a goready database this goready can read: a SQLite
 * file (by its header), with goready's schema (a `schema_migrations` table whose first migration is
 * ours, and the tables it created), not newer than the migrations we know. A file with no tables
 * at all (just created, or zero bytes) is empty and may be initialised.
 */
function inspect(abs: string): Inspection {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    throw new StoreError(`cannot open database ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new StoreError(`${abs} is not a database file (it is a ${st.isDirectory() ? 'directory' : 'special file'})`);
  if (st.size === 0) return { kind: 'empty' };
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  let n = 0;
  try {
    const fd = fs.openSync(abs, 'r');
    try { n = fs.readSync(fd, head, 0, head.length, 0); } finally { fs.closeSync(fd); }
  } catch (e) {
    throw new StoreError(`cannot read database ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (n < head.length || !head.equals(SQLITE_MAGIC)) throw new StoreError(`${abs} is not a goready database (not a SQLite file); give the file \`goready survey\` wrote, or a new path`);
  const db = openRaw(abs, true);
  try {
    let tables: Set<string>;
    try {
      tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    } catch (e) {
      throw new StoreError(`${abs} is not a readable SQLite database (${(e as Error).message})`);
    }
    if (tables.size === 0) return { kind: 'empty' };
    const foreign = () => new StoreError(`${abs} is a SQLite database but not a goready one (no goready schema); it was left untouched — give the file \`goready survey\` wrote, or a new path`);
    if (!tables.has('schema_migrations') || !['surveys', 'repos', 'audits', 'findings'].every((t) => tables.has(t))) throw foreign();
    let first: { name: unknown } | undefined;
    let max: { v: unknown } | undefined;
    try {
      first = db.prepare('SELECT name FROM schema_migrations WHERE version = 1').get() as { name: unknown } | undefined;
      max = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: unknown };
    } catch {
      throw foreign();
    }
    if (first?.name !== MIGRATIONS[0]!.name || !Number.isInteger(max?.v)) throw foreign();
    const version = max!.v as number;
    if (version > latestSchemaVersion()) {
      throw new StoreError(`database ${abs} has schema version ${version}, newer than this goready knows (${latestSchemaVersion()}): upgrade goready`);
    }
    return { kind: 'goready', version };
  } finally {
    db.close();
  }
}

/** Brings a goready (or empty) database up to date: the only write a reader ever makes. */
function upgrade(abs: string): void {
  const db = openRaw(abs, false);
  try {
    migrate(db, false);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot bring database ${abs} up to schema version ${latestSchemaVersion()}: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Opens (creating and migrating when writable) the database file. An existing file is first
 * inspected on a read-only handle: a file that is not SQLite, a SQLite database without goready's
 * schema, or one from a newer goready is refused with a StoreError (exit 2) and never written to.
 */
export function openDb(file: string, opts: OpenOptions = {}): DB {
  const abs = path.resolve(file);
  const existed = fs.existsSync(abs);
  if (opts.readonly) {
    if (!existed) throw new StoreError(`no database at ${abs} (run \`goready survey\` first, or give --db FILE)`);
    const found = inspect(abs);
    if (found.kind === 'empty' || found.version < latestSchemaVersion()) upgrade(abs);
    return openRaw(abs, true);
  }
  if (existed) inspect(abs);
  else fs.mkdirSync(path.dirname(abs), { recursive: true });
  const db = openRaw(abs, false);
  try {
    migrate(db, false);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot bring database ${abs} up to schema version ${latestSchemaVersion()}: ${(e as Error).message}`);
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
  try {
    db.pragma('busy_timeout = 10000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a committed transaction survives a crash of the process (SIGKILL);
      // only an OS crash or power loss may roll back the last commits, never corrupt the file.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
  } catch (e) {
    db.close();
    throw new StoreError(`cannot open database ${file}: ${(e as Error).message}`);
  }
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
        db.exec(migrationSql(m, 'sqlite'));
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
    return schemaVersion(db);
  } finally {
    if (close) db.close();
  }
}
