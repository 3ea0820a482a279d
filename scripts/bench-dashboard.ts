/**
 * Dashboard load benchmark: a temporary database of synthetic findings (default 200 repositories
 * × 250 = 50,000, written through the store's record path), `goready serve` on 127.0.0.1 and a
 * random port in a child process, then N concurrent clients (default 20) sending a bounded number
 * of requests per page type — listing, filtering, text search — and the latency table.
 *
 *   npm run bench:dashboard [-- --repos 200 --per-repo 250 --clients 20 --requests 400 --seconds 60 --db FILE]
 *
 * Only 127.0.0.1 is ever contacted. Each page type stops at --requests or --seconds, whichever first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIMENSIONS, SEVERITIES } from '../src/core/types.js';
import { rng } from './prng.js';
import { SYNTHETIC_WORDS, syntheticRules, writeSyntheticFleet } from './synthetic-fleet.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1 || v > 1_000_000) throw new Error(`--${name} wants a positive integer`);
  return v;
}
function strArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function startServer(db: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'goready.js'), 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m && /Ctrl-C/.test(out)) { clearTimeout(t); resolve(m[0]); }
    });
    child.on('exit', (c) => reject(new Error(`server exited (${c}): ${out}`)));
  });
  return { child, base };
}

/** CPU time (user + system, ms) the server process has used so far; Linux /proc, else NaN. */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface PageType { name: string; urls: string[] }

async function load(base: string, page: PageType, clients: number, maxRequests: number, maxSeconds: number): Promise<{ n: number; times: number[]; errors: number }> {
  const times: number[] = [];
  let issued = 0;
  let errors = 0;
  const deadline = Date.now() + maxSeconds * 1000;
  const worker = async () => {
    while (issued < maxRequests && Date.now() < deadline) {
      const url = page.urls[issued++ % page.urls.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(base + url);
        const text = await res.text();
        if (res.status !== 200 || !text.includes('id="findings-count"')) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return { n: times.length, times: times.sort((a, b) => a - b), errors };
}

/** The page types and their URLs (200 each), filters and words drawn from `r`. */
function pageTypes(r: () => number, rules: readonly { id: string }[], repoIds: number[]): PageType[] {
  const any = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const n = 200;
  return [
    { name: 'list (survey, all findings)', urls: Array.from({ length: n }, (_, i) => (i % 4 === 3 ? '/findings?survey=1&suppressed=1' : '/findings?survey=1')) },
    {
      name: 'filter (dimension/severity/rule/repo)',
      urls: Array.from({ length: n }, (_, i) => {
        switch (i % 5) {
          case 0: return `/findings?survey=1&dimension=${any(DIMENSIONS)}`;
          case 1: return `/findings?survey=1&severity=${any(SEVERITIES)}`;
          case 2: return `/findings?survey=1&rule=${encodeURIComponent(any(rules).id)}`;
          case 3: return `/findings?survey=1&repo=${any(repoIds)}`;
          default: return `/findings?survey=1&dimension=${any(DIMENSIONS)}&severity=${any(['high', 'medium', 'low'])}`;
        }
      }),
    },
    {
      name: 'text search (q=)',
      urls: Array.from({ length: n }, (_, i) => {
        switch (i % 4) {
          case 0: return `/findings?survey=1&q=${any(SYNTHETIC_WORDS)}`;
          case 1: return `/findings?survey=1&q=${encodeURIComponent(`${any(['cmd', 'internal', 'pkg', 'auth'])}/${any(SYNTHETIC_WORDS)}`)}`;
          case 2: return `/findings?survey=1&q=${any(SYNTHETIC_WORDS)}&dimension=${any(DIMENSIONS)}`;
          default: return `/findings?survey=1&q=${encodeURIComponent(`${any(SYNTHETIC_WORDS)} ${any(SYNTHETIC_WORDS)}`)}`;
        }
      }),
    },
  ];
}

async function main() {
  const repos = arg('repos', 200);
  const perRepo = arg('per-repo', 250);
  const clients = arg('clients', 20);
  const requests = arg('requests', 400);
  const seconds = arg('seconds', 60);
  const given = strArg('db');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bench-dash-'));
  const db = given ? path.resolve(given) : path.join(dir, 'bench.db');
  if (!given || !fs.existsSync(db)) {
    const t0 = performance.now();
    const f = await writeSyntheticFleet(db, { repos, perRepo, onRepo: (n) => { if (n % 50 === 0) process.stderr.write(`  ${n}/${repos} repositories recorded\n`); } });
    process.stderr.write(`database: ${f.findings} findings in ${f.repos} repositories, written in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(fs.statSync(db).size / 1e6).toFixed(1)} MB\n`);
  }
  const { child, base } = await startServer(db);
  try {
    const rules = syntheticRules();
    const repoIds = (await (await fetch(`${base}/api/surveys/1/report.json`)).json() as { repos: { repoId: number }[] }).repos.map((x) => x.repoId);
    const pages = pageTypes(rng(42), rules, repoIds);
    // Warm-up at the same concurrency on other filters and words (another seed): the server's code is
    // compiled and its connections open, but the measured filters' counts are not pre-computed.
    const warm = pageTypes(rng(7), rules, repoIds);
    for (const p of warm) await load(base, p, clients, clients * 5, seconds);
    const rows: string[] = [];
    for (const p of pages) {
      const cpu0 = cpuMs(child.pid);
      const res = await load(base, p, clients, requests, seconds);
      const cpu = (cpuMs(child.pid) - cpu0) / res.n;
      const f = (x: number) => x.toFixed(0).padStart(6);
      rows.push(`| ${p.name} | ${res.n} | ${f(pct(res.times, 50))} | ${f(pct(res.times, 95))} | ${f(pct(res.times, 99))} | ${f(res.times[res.times.length - 1]!)} | ${Number.isNaN(cpu) ? '—' : cpu.toFixed(1)} | ${res.errors} |`);
      process.stderr.write(`  ${p.name}: ${res.n} requests\n`);
    }
    process.stdout.write(`\n${repos * perRepo} findings, ${clients} concurrent clients (after a warm-up of ${clients * 5} requests per page type on other filters), Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}\n\n`);
    process.stdout.write('| page | requests | median ms | p95 ms | p99 ms | max ms | server CPU ms/request | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|\n');
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    if (!given) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
