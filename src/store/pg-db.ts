/**
 * The PostgreSQL database (npm `pg`): a connection pool whose BIGINT and NUMERIC values arrive as
 * numbers, the same numbered migrations as SQLite (migrations.ts) applied under an advisory lock
 * (many workers may start at once; one migrates, the others wait and see it done), the same refusal
 * of a foreign or newer database, and retries of the errors a restarting server causes.
 */
import pg from 'pg';
import { StoreError } from './db.js';
import { redactSecrets } from './db-url.js';
import { latestSchemaVersion, migrationSql, MIGRATIONS, type Migration } from './migrations.js';

const INT8 = 20;
const NUMERIC = 1700;

/** BIGINT (ids, COUNT) and NUMERIC (SUM, AVG) as JS numbers, as SQLite gives them: ids stay far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 || oid === NUMERIC
    ? (v: string) => (v === null ? null : Number(v))
    : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

/** SQLSTATEs and socket errors a restart, failover or network cut causes: the operation may be tried again. */
const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '40001', '40P01',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransient(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code && TRANSIENT_CODES.has(err.code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down|in recovery)/i.test(err?.message ?? '');
}

export interface PgOptions {
  /** Connections this process may hold (default 4). */
  max?: number;
  /** How long operations are retried while the server is unreachable (default 120 s). */
  retryMs?: number;
}

export function createPool(url: string, opts: PgOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, types: TYPES, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // An idle connection cut by a server restart must not crash the process: the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn`, again after a pause while it fails with a transient error, for up to `retryMs`. */
export async function withRetry<T>(fn: () => Promise<T>, retryMs = 120_000): Promise<T> {
  const t0 = Date.now();
  for (let delay = 200; ; delay = Math.min(delay * 2, 3000)) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(e) || Date.now() - t0 > retryMs) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Runs `fn` in one transaction on one connection (COMMIT, or ROLLBACK on any error). */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client has no pool listener: a connection cut mid-transaction (server restart)
  // would emit an unhandled 'error' and end the process. The failing query rejects anyway.
  const onError = () => { broken = true; };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    broken = isTransient(e);
    if (!broken) await client.query('ROLLBACK').catch(() => { broken = true; });
    throw e;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

const LOCK_KEY = 'goready-schema-migrations';

/**
 * Brings the database to the latest schema; refuses a database that is not goready's or that a
 * newer goready wrote. Returns the schema version.
 */
export async function migratePg(pool: pg.Pool, label: string, retryMs = 120_000): Promise<number> {
  const latest = latestSchemaVersion();
  const check = async (c: pg.PoolClient): Promise<number> => {
    const tables = new Set((await c.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()")).rows.map((r) => r.t));
    if (!tables.has('schema_migrations')) {
      if (['surveys', 'repos', 'audits', 'findings'].some((t) => tables.has(t))) {
        throw new StoreError(`${label} has tables named like goready's but no goready schema; it was left untouched — give an empty database`);
      }
      return 0;
    }
    const first = (await c.query<{ name: string }>('SELECT name FROM schema_migrations WHERE version = 1')).rows[0];
    const max = (await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;
    if (max && first?.name !== MIGRATIONS[0]!.name) throw new StoreError(`${label} is not a goready database (its schema_migrations is another program's); it was left untouched`);
    if (max > latest) throw new StoreError(`database ${label} has schema version ${max}, newer than this goready knows (${latest}): upgrade goready`);
    return max;
  };
  const apply = async (m: Migration | undefined): Promise<number> => inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
    const current = await check(c);
    if (!m || m.version <= current) return current;
    if (current === 0) await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    await c.query(migrationSql(m, 'postgres'));
    await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    return m.version;
  });
  try {
    let version = await withRetry(() => apply(undefined), retryMs);
    for (const m of MIGRATIONS) if (m.version > version) version = await withRetry(() => apply(m), retryMs);
    return version;
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot use database ${label}: ${redactSecrets((e as Error).message)}`);
  }
}
