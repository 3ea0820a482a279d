/**
 * A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, pg_ctl on 127.0.0.1 at a
 * free port, password authentication, one database per test. The server binaries come from the
 * machine (Debian's postgresql package; .ci/run installs it). Locally, a machine without them
 * skips the PostgreSQL tests; under CI=true their absence is a failure, never a silent skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fullSuiteOnly } from './suite.js';

/** The directory holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) return path.join(root, v, 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'pg_ctl')) && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

/** Why the PostgreSQL tests skip here (undefined: they run). Under CI they never skip. */
export function pgSkipReason(): string | undefined {
  const fast = fullSuiteOnly('PostgreSQL');
  if (fast) return fast;
  if (pgBinDir()) return undefined;
  if (process.env.CI) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found but CI is set: install Debian\'s postgresql package (.ci/run does)');
  return 'PostgreSQL server binaries (initdb, pg_ctl) not installed';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export class PgCluster {
  readonly user = 'goready';
  private dbCount = 0;

  private constructor(readonly dir: string, readonly bin: string, readonly port: number, readonly password: string, private readonly asPostgres: boolean) {}

  private get data(): string { return path.join(this.dir, 'data'); }

  private run(tool: string, args: string[]): void {
    const exe = path.join(this.bin, tool);
    const [cmd, argv] = this.asPostgres ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    if (r.status !== 0) {
      let log = '';
      try { log = fs.readFileSync(path.join(this.dir, 'server.log'), 'utf8').slice(-2000); } catch { /* none yet */ }
      throw new Error(`${tool} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}\n${log}`);
    }
  }

  /** Creates and starts a cluster (as the `postgres` user when running as root: initdb refuses root). */
  static async start(): Promise<PgCluster> {
    const bin = pgBinDir();
    if (!bin) throw new Error('PostgreSQL server binaries not found');
    const asPostgres = process.getuid?.() === 0;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-pg-'));
    if (asPostgres) execFileSync('chown', ['-R', 'postgres', dir]);
    const password = `pw-${randomBytes(9).toString('hex')}`;
    for (let attempt = 0; ; attempt++) {
      const c = new PgCluster(dir, bin, await freePort(), password, asPostgres);
      try {
        if (!fs.existsSync(c.data)) {
          const pwfile = path.join(dir, 'pw');
          fs.writeFileSync(pwfile, `${c.password}\n`);
          if (asPostgres) execFileSync('chown', ['postgres', pwfile]);
          c.run('initdb', ['-D', c.data, '-U', c.user, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C']);
          fs.rmSync(pwfile);
        }
        c.startServer();
        return c;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }

  private startServer(): void {
    // fsync off: a test cluster is thrown away; a restart (pg_ctl stop -m fast) still loses nothing committed
    const opts = `-h 127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    this.run('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'server.log'), '-o', opts, '-w', '-t', '120', 'start']);
  }

  /** A URL of database `db` (with the password). */
  url(db = 'postgres'): string {
    return `postgres://${this.user}:${this.password}@127.0.0.1:${this.port}/${db}`;
  }

  /** Creates a fresh database and returns its URL (one per test, so tests never share state). */
  async createDatabase(prefix = 't'): Promise<string> {
    const name = `${prefix}_${process.pid}_${++this.dbCount}_${randomBytes(3).toString('hex')}`;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Stops the server at once (connections are cut) and starts it again on the same port. */
  restart(downMs = 0): Promise<void> {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    return new Promise((resolve, reject) => setTimeout(() => {
      try { this.startServer(); resolve(); } catch (e) { reject(e as Error); }
    }, downMs));
  }

  stop(): void {
    try { this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']); } catch { /* already down */ }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
