/**
 * Survey throughput: runs `goready survey <list> --force --new` into a scratch database and reports
 * wall time, repos/min, and peak memory of the whole process tree (the coordinator plus its audit
 * processes, sampled from /proc every 100 ms; Linux only).
 *
 *   node dist/scripts/survey-bench.js <list file or directory> [--jobs N]
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

async function main() {
  const args = process.argv.slice(2);
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
