/**
 * Survey throughput: runs `goready survey <list> --force --new` into a scratch database and reports
 * wall time, repos/min, and peak memory of the whole process tree (the coordinator plus its audit
 * processes, sampled from /proc every 100 ms; Linux only).
 *
 *   node dist/scripts/survey-bench.js <list file or directory> [--jobs N]
 *
 * Distributed (PostgreSQL store and queue): enqueues the list (`survey --no-work --detach`), then
 * starts N `goready worker --exit-when-idle` processes and times them until the queue is empty;
 * reports repos/min, CPU per repository, rows written per second and database growth per audit.
 *
 *   node dist/scripts/survey-bench.js <list or directory> --db postgres://… --workers N
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function tree(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch { /* gone */ }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

/** Runs goready under bash so that `times` reports the CPU of the process and all it waited for. */
function timed(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; out: string; err: string; cpu: number }> } {
  const script = 'node "$@"; rc=$?; times >&2; exit $rc';
  const child = spawn('bash', ['-c', script, 'bench', path.join(root, 'bin', 'goready.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const done = new Promise<{ code: number | null; out: string; err: string; cpu: number }>((resolve) => child.on('exit', (code) => {
    const t = /\n?(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(err.trim());
    resolve({ code, out, err, cpu: t ? Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4]) : NaN });
  }));
  return { child, done };
}

async function distributed(list: string, url: string, workers: number): Promise<void> {
  const { redactSecrets } = await import('../src/store/db-url.js');
  const { default: pg } = await import('pg');
  const stats = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const r = await c.query(`SELECT pg_database_size(current_database())::bigint AS bytes,
        (SELECT COUNT(*) FROM audits)::bigint AS audits, (SELECT COUNT(*) FROM findings)::bigint AS findings`);
      const row = r.rows[0] as { bytes: string; audits: string; findings: string };
      return { bytes: Number(row.bytes), audits: Number(row.audits), findings: Number(row.findings) };
    } finally {
      await c.end();
    }
  };
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const enq = timed(['survey', list, '--db', url, '--new', '--force', '--no-work', '--detach', '-q']);
  const e = await enq.done;
  if (e.code !== 0) throw new Error(`enqueueing failed: ${redactSecrets(e.err)}`);
  const surveyId = Number(/survey #(\d+)/.exec(e.out)?.[1]);
  const before = await stats();
  const t0 = performance.now();
  const runs = Array.from({ length: workers }, () => timed(['worker', '--db', url, '--concurrency', '1', '--exit-when-idle', '-q']));
  const results = await Promise.all(runs.map((r) => r.done));
  const secs = (performance.now() - t0) / 1000;
  for (const r of results) if (r.code !== 0) throw new Error(`a worker exited ${r.code}: ${redactSecrets(r.err)}`);
  const after = await stats();
  const rep = timed(['report', '--db', url, '--survey', String(surveyId), '--format', 'json']);
  const report = JSON.parse((await rep.done).out) as { repos: { name: string; status: string; scores: { codeLines: number } | null }[] };
  const done = report.repos.filter((r) => r.status === 'done');
  const cpu = results.reduce((t, r) => t + r.cpu, 0);
  const audits = after.audits - before.audits;
  const rows = audits + (after.findings - before.findings) + done.length;
  const kloc = done.reduce((n, r) => n + (r.scores?.codeLines ?? 0), 0) / 1000;
  process.stdout.write([
    `database: ${redactSecrets(url)}, survey #${surveyId} (enqueued in ${(e.cpu).toFixed(1)} s CPU)`,
    `repos: ${done.length}/${report.repos.length} (${done.map((r) => r.name).join(', ')})`,
    `workers: ${workers} × 1 audit at a time, on ${os.availableParallelism()} cores; load average before: ${load}`,
    `wall: ${secs.toFixed(1)} s  →  ${(done.length / (secs / 60)).toFixed(1)} repos/min, ${(kloc / secs).toFixed(0)} KLOC/s (${kloc.toFixed(0)} KLOC)`,
    `CPU (user+sys, workers and their audit processes): ${cpu.toFixed(1)} s  →  ${(cpu / Math.max(1, done.length)).toFixed(2)} s per repo`,
    `store: ${rows} rows (${audits} audits, ${after.findings - before.findings} findings, entries) in ${secs.toFixed(1)} s  →  ${(rows / secs).toFixed(0)} rows/s`,
    `database growth: ${((after.bytes - before.bytes) / 1024 / 1024).toFixed(1)} MB  →  ${audits ? ((after.bytes - before.bytes) / audits * 1000 / 1024 / 1024).toFixed(0) : '—'} MB per 1,000 audits`,
  ].join('\n') + '\n');
  // The store's own write rate, apart from the audits: synthetic audits of 1,000 findings each
  // recorded one after the other through the same path (one transaction per audit).
  const { writeSyntheticFleet } = await import('./synthetic-fleet.js');
  const s0 = await stats();
  const w0 = performance.now();
  await writeSyntheticFleet(url, { repos: 20, perRepo: 1000, seed: Date.now() % 1_000_000 });
  const ws = (performance.now() - w0) / 1000;
  const s1 = await stats();
  const written = s1.findings - s0.findings + (s1.audits - s0.audits);
  process.stdout.write(`store write rate (one writer, 20 audits × 1,000 findings): ${(written / ws).toFixed(0)} rows/s, ` +
    `${((s1.bytes - s0.bytes) / 1024 / 1024 / ((s1.findings - s0.findings) / 1000)).toFixed(2)} MB per 1,000 findings\n`);
}

async function main() {
  const args = process.argv.slice(2);
  const dbIdx = args.indexOf('--db');
  if (dbIdx >= 0) {
    const wIdx = args.indexOf('--workers');
    const values = new Set([dbIdx + 1, ...(wIdx >= 0 ? [wIdx + 1] : [])]);
    const list = args.find((a, i) => !a.startsWith('-') && !values.has(i));
    const workers = wIdx >= 0 ? Number(args[wIdx + 1]) : 1;
    if (!list || !args[dbIdx + 1] || !(workers >= 1)) {
      process.stderr.write('usage: node dist/scripts/survey-bench.js <list|dir> --db postgres://… [--workers N]\n');
      process.exit(2);
    }
    await distributed(list, args[dbIdx + 1]!, workers);
    return;
  }
  const list = args.find((a) => !a.startsWith('-'));
  if (!list) {
    process.stderr.write('usage: node dist/scripts/survey-bench.js <list|dir> [--jobs N]\n');
    process.exit(2);
  }
  const jobsIdx = args.indexOf('--jobs');
  const jobs = jobsIdx >= 0 ? args[jobsIdx + 1]! : String(os.availableParallelism());
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bench-')), 'bench.db');
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const t0 = performance.now();
  // bash's `times` reports the CPU time of everything it waited for (the survey and its audit
  // processes): on a shared machine CPU time is steadier than wall time.
  const script = 'node "$@"; rc=$?; times >&2; exit $rc';
  const child = spawn('bash', ['-c', script, 'bench', path.join(root, 'bin', 'goready.js'), 'survey', list, '--db', db, '--jobs', jobs, '--force', '--new', '--format', 'json', '-q'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  let peakTree = 0;
  let peakOne = 0;
  const sample = () => {
    const pids = tree(child.pid!);
    const rss = pids.map(rssKb);
    peakTree = Math.max(peakTree, rss.reduce((a, b) => a + b, 0));
    peakOne = Math.max(peakOne, ...rss);
  };
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const secs = (performance.now() - t0) / 1000;
  if (code !== 0 && code !== 1) throw new Error(`survey exited ${code}: ${err}`);
  const t = /\n?(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(err.trim());
  const cpu = t ? Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4]) : NaN;
  const report = JSON.parse(out) as { repos: { name: string; status: string; scores: { codeLines: number } | null; findingCounts: { total: number } }[] };
  const done = report.repos.filter((r) => r.status === 'done');
  const kloc = done.reduce((n, r) => n + (r.scores?.codeLines ?? 0), 0) / 1000;
  process.stdout.write([
    `repos: ${done.length}/${report.repos.length} (${done.map((r) => r.name).join(', ')})`,
    `jobs: ${jobs} on ${os.availableParallelism()} cores`,
    `wall: ${secs.toFixed(1)} s  →  ${(done.length / (secs / 60)).toFixed(1)} repos/min, ${(kloc / secs).toFixed(0)} KLOC/s (${kloc.toFixed(0)} KLOC of non-test code)`,
    `CPU (user+sys, all processes): ${cpu.toFixed(1)} s  →  ${(done.length / (cpu / 60)).toFixed(1)} repos per CPU-minute; load average before: ${load}`,
    `peak RSS, whole process tree: ${(peakTree / 1024).toFixed(0)} MB; largest single process: ${(peakOne / 1024).toFixed(0)} MB`,
    `findings: ${done.reduce((n, r) => n + r.findingCounts.total, 0)}`,
    `database: ${(fs.statSync(db).size / 1024 / 1024).toFixed(1)} MB (${db})`,
  ].join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
