/**
 * goready probe against real Go services (test/fixtures/probe): built once with the local Go
 * toolchain, started on 127.0.0.1 with a random port, driven with a fixed number of requests
 * between samples, probed. Skipped with a message when `go` is not installed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { collectLive, collectOffline } from '../src/probe/collect.js';
import { analyzeRun } from '../src/probe/analyze.js';
import { RepoIndex } from '../src/probe/locate.js';
import { staticFindingsOf } from '../src/probe/run-probe.js';
import { compareSides, loadSide } from '../src/probe/compare.js';
import { printComparison, printProbe } from '../src/probe/print.js';
import type { ProbeRun } from '../src/probe/model.js';
import type { Finding } from '../src/core/types.js';
import { fixture, projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';
import { fullSuiteOnly } from './helpers/suite.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const FIX = fixture('probe');
const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const skip = fullSuiteOnly('probe tests against real Go services (built with go)')
  || (hasGo ? false : 'the Go toolchain (`go`) is not installed: the probe tests against real Go services are skipped');
if (!hasGo) process.stderr.write(`probe-live: ${skip}\n`);

const SERVICES = ['leak-ticker', 'leak-ticker-fixed', 'blocked-send', 'blocked-send-fixed', 'exposed', 'heap-cache'];
const INTERVAL = 300;
const PER_SAMPLE = 5;

/** 1-based line of the first line of a fixture file containing `text`. */
function lineOf(rel: string, text: string): number {
  const i = fs.readFileSync(path.join(FIX, rel), 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${rel}`);
  return i + 1;
}

interface Service { base: string; proc: ChildProcess }

/** Starts a fixture service listening on `addr`; it is always reached through 127.0.0.1. */
async function start(bin: string, addr = '127.0.0.1:0'): Promise<Service> {
  const proc = spawn(bin, ['-addr', addr], { stdio: ['ignore', 'pipe', 'pipe'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`${bin} did not start: ${out}`)), 10_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on \S*:(\d+)\s/.exec(out);
      if (m) { clearTimeout(t); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(t); reject(new Error(`${bin} exited ${code}: ${out}`)); });
  });
  return { base, proc };
}

function stop(s: Service): Promise<void> {
  return new Promise((r) => {
    if (s.proc.exitCode !== null) return r();
    s.proc.once('exit', () => r());
    s.proc.kill('SIGTERM');
  });
}

async function hit(url: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await (await fetch(url)).arrayBuffer();
}

/** What the service must show before the next sample: `per` goroutines running `fn` (in `state` when given) left per request. */
interface Settled { fn: string; per: number; state?: string }

/** Goroutines of the service whose stack runs `fn`, in `state` when given (from a debug=2 dump). */
async function countRunning(base: string, fn: string, state?: string): Promise<number> {
  const dump = await (await fetch(`${base}/debug/pprof/goroutine?debug=2`)).text();
  const frame = new RegExp(`^${fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\(`, 'm');
  return dump.split(/\n\s*\n/).filter((g) => {
    const st = /^goroutine \d+[^[]*\[([^,\]]+)/.exec(g)?.[1];
    return st !== undefined && frame.test(g) && (state === undefined || st === state);
  }).length;
}

/**
 * Waits until the service shows `want` goroutines running `s.fn` (a service may still be starting
 * or ending goroutines when the response arrives; under load that takes long). Bounded by a
 * condition, not a time assertion: if it never settles, the caller's assertions report the counts.
 */
async function settle(base: string, s: Settled, want: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await countRunning(base, s.fn, s.state)) !== want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

/**
 * Probes `samples` times; PER_SAMPLE requests to `path` after each sample but the last, then waits
 * for the service to settle (`until`) so each sample sees the requests' full effect.
 */
async function probe(s: Service, reqPath: string, samples: number, until: Settled): Promise<ProbeRun> {
  return collectLive({
    url: `${s.base}/debug/pprof/`, durationMs: (samples - 1) * INTERVAL, intervalMs: INTERVAL,
    afterSample: async (n) => {
      if (n >= samples) return;
      await hit(`${s.base}${reqPath}`, PER_SAMPLE);
      await settle(s.base, until, until.per * n * PER_SAMPLE);
    },
  });
}

const TICKER_LEAK: Settled = { fn: 'main.poll', per: 1 };
const BLOCKED_SEND: Settled = { fn: 'main.lookup.func1', per: 1, state: 'chan send' };

describe('goready probe on real Go services', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-probe-live-'));
  const bins: Record<string, string> = {};
  let repo: RepoIndex;
  let statics: Finding[];
  const runs: Record<string, ProbeRun> = {};

  before(async () => {
    const env = { ...process.env, GOFLAGS: '', GOWORK: 'off', GOPROXY: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
    const b = spawnSync('go', ['build', '-o', `${tmp}/`, ...SERVICES.map((s) => `./${s}`)], { cwd: FIX, env, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    const t = spawnSync('go', ['build', '-trimpath', '-o', path.join(tmp, 'trimmed-leak-ticker'), './leak-ticker'], { cwd: FIX, env, encoding: 'utf8' });
    assert.equal(t.status, 0, t.stderr);
    for (const s of SERVICES) bins[s] = path.join(tmp, s);
    repo = new RepoIndex(FIX);
    statics = await staticFindingsOf(FIX);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('ticker leak per request: the creation site grows by one per request, located at the go statement, and confirms ticker-not-stopped', async () => {
    const s = await start(bins['leak-ticker']!);
    try {
      const run = await probe(s, '/watch', 4, TICKER_LEAK);
      runs.leakTicker = run;
      // saved profiles for the offline path, taken from the same service
      const saved = path.join(tmp, 'saved-leak');
      fs.mkdirSync(saved);
      // the test (never the probe) asks for a GC here: before the first GC the heap profile is empty
      for (const [name, q] of [['goroutine.pb.gz', 'goroutine'], ['goroutine-debug1.txt', 'goroutine?debug=1'], ['goroutine-debug2.txt', 'goroutine?debug=2'], ['heap.pb.gz', 'heap?gc=1']]) {
        fs.writeFileSync(path.join(saved, name!), Buffer.from(await (await fetch(`${s.base}/debug/pprof/${q}`)).arrayBuffer()));
      }
      const report = await analyzeRun(run, { repo, staticFindings: statics });
      const site = report.sites.find((x) => x.function === 'main.poll')!;
      assert.ok(site, JSON.stringify(report.sites.map((x) => x.key)));
      assert.deepEqual([site.start, site.end, site.peak], [0, 3 * PER_SAMPLE, 3 * PER_SAMPLE]);
      assert.equal(site.createdBy, 'main.handleWatch');
      assert.equal(site.leakSuspect, true);
      assert.ok(site.slope > 0);
      assert.equal(`${site.repoFile}:${site.repoLine}`, `leak-ticker/main.go:${lineOf('leak-ticker/main.go', 'go poll()')}`);
      const confirmed = report.findings.find((f) => f.ruleId === 'CON1001')!;
      assert.ok(confirmed, JSON.stringify(report.findings));
      assert.equal(confirmed.confirmedBy, 'runtime');
      assert.equal(`${confirmed.file}:${confirmed.line}`, `leak-ticker/main.go:${lineOf('leak-ticker/main.go', 'time.NewTicker')}`);
      assert.deepEqual([confirmed.runtime?.start, confirmed.runtime?.end, confirmed.runtime?.peak], [0, 15, 15]);
      assert.equal(report.findings.filter((f) => f.ruleId === 'CON9001').length, 0, 'a confirmed static finding carries the evidence');
      assert.match(printProbe(report, 'text'), /CON1001 ticker-not-stopped \[confirmed at runtime\]/);
      assert.match(printProbe(report, 'markdown'), /\*\*confirmed at runtime\*\*/);
      assert.match(printProbe(report, 'html'), /confirmed at runtime/);
      // offline: each saved goroutine format gives the same 15 goroutines running main.poll
      for (const f of ['goroutine.pb.gz', 'goroutine-debug1.txt', 'goroutine-debug2.txt']) {
        const off = collectOffline(path.join(saved, f));
        const n = Object.entries(off.samples[0]!.sites).filter(([k]) => k.startsWith('main.poll')).reduce((a, [, v]) => a + v, 0);
        assert.equal(n, 15, f);
      }
      const heapOnly = collectOffline(path.join(saved, 'heap.pb.gz'));
      // read from the heap profile; its value may be 0 here: a service this small can have no sampled live
      // allocation at the default MemProfileRate (the heap-cache test checks the figures)
      assert.equal(typeof heapOnly.samples[0]!.heapInuse, 'number', 'heap in use from the heap profile');
      const dirRun = collectOffline(saved);
      assert.ok(dirRun.samples.length >= 2 && dirRun.diagnostics.length === 0, JSON.stringify(dirRun.diagnostics));
    } finally {
      await stop(s);
    }
  });

  test('blocked send after a timeout: one goroutine stuck per request in "chan send", confirming goroutine-send-may-block', async () => {
    const s = await start(bins['blocked-send']!);
    try {
      const run = await probe(s, '/lookup', 4, BLOCKED_SEND);
      runs.blocked = run;
      const report = await analyzeRun(run, { repo, staticFindings: statics });
      const site = report.sites.find((x) => x.function === 'main.lookup.func1')!;
      assert.deepEqual([site.start, site.end, site.peak, site.leakSuspect], [0, 15, 15, true]);
      assert.equal(`${site.repoFile}:${site.repoLine}`, `blocked-send/main.go:${lineOf('blocked-send/main.go', 'go func() {')}`);
      const c = report.findings.find((f) => f.ruleId === 'CON1008')!;
      assert.equal(c?.confirmedBy, 'runtime');
      assert.equal(c.file, 'blocked-send/main.go');
      // the same goroutines, judged as long-blocked with a 0-minute threshold
      const b = await analyzeRun(run, { repo, staticFindings: statics, blockedMinutes: 0 });
      const blocked = b.findings.find((f) => f.ruleId === 'CON9002')!;
      assert.match(blocked.message, /15 goroutine\(s\) running main\.lookup\.func1 blocked in "chan send"/);
      assert.equal(blocked.severity, 'high');
      assert.deepEqual(blocked.runtime?.confirms, [`CON1008 blocked-send/main.go:${c.line}`]);
    } finally {
      await stop(s);
    }
  });

  test('fixed versions: no growth; probe compare gives the before/after table', async () => {
    for (const [name, p, fn] of [['leak-ticker-fixed', '/watch', 'main.poll'], ['blocked-send-fixed', '/lookup', 'main.lookup.func1']] as const) {
      const s = await start(bins[name]!);
      try {
        runs[name] = await probe(s, p, 4, { fn, per: 0 });
      } finally {
        await stop(s);
      }
      const report = await analyzeRun(runs[name]!, { repo, staticFindings: statics });
      assert.deepEqual(report.sites.filter((x) => x.leakSuspect), [], name);
      assert.equal(report.findings.filter((f) => f.confirmedBy === 'runtime').length, 0, name);
    }
    const side = (r: ProbeRun, n: string) => loadSide(JSON.stringify(r), n);
    const t = compareSides(side(runs.leakTicker!, 'before'), side(runs['leak-ticker-fixed']!, 'after'), { before: 'before', after: 'after' });
    const row = t.sites.find((x) => x.site === 'main.poll ← main.handleWatch')!;
    assert.deepEqual([row.peakBefore, row.peakAfter, row.peakChangePercent, row.endBefore, row.endAfter], [15, 0, -100, 15, 0]);
    assert.ok(t.total.peakAfter < t.total.peakBefore);
    const b = compareSides(side(runs.blocked!, 'before'), side(runs['blocked-send-fixed']!, 'after'), { before: 'before', after: 'after' });
    const brow = b.sites.find((x) => x.site === 'main.lookup.func1 ← main.lookup')!;
    assert.equal(brow.peakBefore, 15);
    assert.equal(brow.peakAfter, 0);
    assert.equal(brow.endAfter, 0);
    assert.match(printComparison(t, 'text'), /15\s+0\s+−100 %.*main\.poll ← main\.handleWatch/);
  });

  test('pprof, expvar and metrics endpoints: runtime settings read; exposure judged on the address (non-loopback simulated)', async () => {
    const s = await start(bins.exposed!);
    try {
      const run = await collectLive({ url: `${s.base}/debug/pprof/`, durationMs: INTERVAL, intervalMs: INTERVAL });
      assert.deepEqual(run.endpoints.map((e) => e.kind).sort(), ['expvar', 'metrics', 'pprof']);
      assert.equal(run.gauges.gogc, 100);
      assert.ok((run.gauges.gomaxprocs ?? 0) >= 1);
      assert.ok((run.gauges.gomemlimit ?? 0) > 2 ** 62, 'no GOMEMLIMIT set');
      assert.ok((run.samples[1]!.heapInuse ?? 0) > 0);
      const local = await analyzeRun(run, { repo, staticFindings: statics });
      assert.equal(local.findings.filter((f) => f.ruleId === 'SEC9001').length, 0, 'loopback: not exposed');
      // the same answers seen on a non-loopback address (the service binds all interfaces by default)
      const remote = await analyzeRun({ ...run, target: { ...run.target, source: run.target.source.replace('127.0.0.1', '10.0.0.7') } }, { repo, staticFindings: statics });
      const exp = remote.findings.find((f) => f.ruleId === 'SEC9001')!;
      assert.match(exp.message, /pprof \(\/debug\/pprof\/\).*answered without authentication on 10\.0\.0\.7/);
      assert.equal(exp.file, 'exposed/main.go');
      assert.equal(remote.findings.find((f) => f.ruleId === 'OBS1001')?.confirmedBy, 'runtime');
    } finally {
      await stop(s);
    }
  });

  test('exposure judged by the listening address: probed through 127.0.0.1, a service bound to all interfaces is exposed', { skip: process.platform === 'linux' ? false : 'the listening address is read from Linux socket tables' }, async () => {
    const all = await start(bins.exposed!, ':0');
    try {
      const run = await collectLive({ url: `${all.base}/debug/pprof/`, durationMs: 0, intervalMs: INTERVAL });
      const port = Number(new URL(all.base).port);
      assert.equal(run.listen?.port, port);
      assert.ok(run.listen!.addresses.some((a) => a === '::' || a === '0.0.0.0'), JSON.stringify(run.listen));
      const report = await analyzeRun(run, { repo, staticFindings: statics });
      const exp = report.findings.find((f) => f.ruleId === 'SEC9001')!;
      assert.ok(exp, JSON.stringify(report.findings.map((f) => f.ruleId)));
      assert.match(exp.message, new RegExp(`pprof \\(/debug/pprof/\\).*answered without authentication on \\S+:${port} \\(all interfaces\\): probed through 127\\.0\\.0\\.1:${port}, but the service listens on every interface`));
      assert.equal(report.findings.find((f) => f.ruleId === 'OBS1001')?.confirmedBy, 'runtime');
    } finally {
      await stop(all);
    }
    const local = await start(bins.exposed!);
    try {
      const run = await collectLive({ url: `${local.base}/debug/pprof/`, durationMs: 0, intervalMs: INTERVAL });
      assert.deepEqual(run.listen?.addresses, ['127.0.0.1']);
      const report = await analyzeRun(run, { repo, staticFindings: statics });
      assert.equal(report.findings.filter((f) => f.ruleId === 'SEC9001').length, 0);
    } finally {
      await stop(local);
    }
  });

  test('heap profile: the allocation site whose bytes in use grow is located in the code, and the heap-growth finding points at it', async () => {
    const s = await start(bins['heap-cache']!);
    const chunk = 4 << 20;
    const requests = 3 * PER_SAMPLE;
    const at = `heap-cache/main.go:${lineOf('heap-cache/main.go', 'make([]byte, 4<<20)')}`;
    try {
      const run = await collectLive({
        url: `${s.base}/debug/pprof/`, durationMs: 3 * INTERVAL, intervalMs: INTERVAL,
        afterSample: async (n) => { if (n < 4) await hit(`${s.base}/store`, PER_SAMPLE); },
      });
      assert.equal(run.heapProfiles?.length, 2, 'the first and the last heap profile are kept');
      const report = await analyzeRun(run, { repo, staticFindings: statics });
      const top = report.allocations![0]!;
      assert.equal(top.function, 'main.remember');
      assert.equal(`${top.repoFile}:${top.repoLine}`, at);
      // the 4 MiB buffers, plus the few hundred bytes of the cache slice that append grows in the same
      // function (how many of its old backing arrays are still live depends on GC timing)
      const near = (v: number, what: string) => assert.ok(v >= requests * chunk && v < requests * chunk + (64 << 10), `${what}: ${v}`);
      near(top.inuseEnd - top.inuseStart, 'bytes in use grew');
      near(top.allocatedBytes, 'bytes allocated');
      const grew = report.findings.find((f) => f.ruleId === 'RUN9001')!;
      assert.ok(grew, JSON.stringify(report.findings.map((f) => f.ruleId)));
      assert.equal(`${grew.file}:${grew.line}`, at);
      assert.match(grew.message, /most of it allocated at main\.remember \(heap-cache\/main\.go:\d+\): 0\.0 → 60\.0 MiB in use/);
      assert.match(printProbe(report, 'text'), /Allocation sites \(heap profile\)\n.*\n\s+60\.0 MiB\s+\+60\.0 MiB\s+60\.0 MiB .*main\.remember @ heap-cache\/main\.go:\d+/);
      assert.match(printProbe(report, 'markdown'), /\| main\.remember \| heap-cache\/main\.go:\d+ \| 60\.0 MiB \| \+60\.0 MiB \|/);
      // offline: a saved allocs profile (the same heap profile, another default sample index)
      const allocs = path.join(tmp, 'allocs.pb.gz');
      fs.writeFileSync(allocs, Buffer.from(await (await fetch(`${s.base}/debug/pprof/allocs`)).arrayBuffer()));
      const off = await analyzeRun(collectOffline(allocs), { repo, staticFindings: statics });
      const site = off.allocations!.find((a) => a.function === 'main.remember')!;
      assert.equal(`${site.repoFile}:${site.repoLine}`, at);
      near(site.allocatedBytes, 'one profile: bytes allocated since the process started');
      assert.equal(site.allocatedPerMinute, undefined);
    } finally {
      await stop(s);
    }
  });

  test('-trimpath builds: frames named by module path are mapped into the repository', async () => {
    const s = await start(path.join(tmp, 'trimmed-leak-ticker'));
    try {
      const run = await probe(s, '/watch', 2, TICKER_LEAK);
      const report = await analyzeRun(run, { repo, staticFindings: statics, leakThreshold: 5 });
      const site = report.sites.find((x) => x.function === 'main.poll')!;
      assert.equal(site.file, 'example.com/probefix/leak-ticker/main.go');
      assert.equal(`${site.repoFile}:${site.repoLine}`, `leak-ticker/main.go:${lineOf('leak-ticker/main.go', 'go poll()')}`);
    } finally {
      await stop(s);
    }
  });

  test('audit --probe: saved debug=2 dumps of a live service confirm the static finding in JSON, SARIF and HTML', async () => {
    const s = await start(bins['blocked-send']!);
    const dir = path.join(tmp, 'audit-probe');
    fs.mkdirSync(dir);
    try {
      const dump = async (name: string) => fs.writeFileSync(path.join(dir, name), Buffer.from(await (await fetch(`${s.base}/debug/pprof/goroutine?debug=2`)).arrayBuffer()));
      await dump('1-goroutine.txt');
      for (let i = 2; i <= 4; i++) {
        await hit(`${s.base}/lookup`, PER_SAMPLE);
        await settle(s.base, BLOCKED_SEND, (i - 1) * PER_SAMPLE);
        await dump(`${i}-goroutine.txt`);
      }
    } finally {
      await stop(s);
    }
    const sarif = path.join(tmp, 'a.sarif');
    const htmlFile = path.join(tmp, 'a.html');
    const r = await cli(['audit', FIX, '--probe', dir, '--enable', 'CON1008', '--format', 'json', '--format', `sarif=${sarif}`, '--format', `html=${htmlFile}`, '-q', '--no-config']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const rep = JSON.parse(r.stdout) as { probe: { confirmed: number; leakSuspects: number; samples: number }; findings: { ruleId: string; confirmedBy?: string; confidence: string; runtime?: { peak: number } }[] };
    assert.deepEqual([rep.probe.samples, rep.probe.leakSuspects, rep.probe.confirmed], [4, 1, 1]);
    const c = rep.findings.find((f) => f.ruleId === 'CON1008')!;
    assert.deepEqual([c.confirmedBy, c.confidence, c.runtime?.peak], ['runtime', 'high', 15]);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'report.schema.json'), 'utf8')));
    assert.ok(validate(rep), JSON.stringify(validate.errors, null, 2));
    const sr = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string; properties: { confirmedBy?: string } }[] }[] };
    assert.equal(sr.runs[0]!.results.find((x) => x.ruleId === 'CON1008')?.properties.confirmedBy, 'runtime');
    assert.match(fs.readFileSync(htmlFile, 'utf8'), /"confirmedBy":"runtime"/);
    const txt = await cli(['audit', FIX, '--probe', dir, '--enable', 'CON1008', '-q', '--no-config']);
    assert.match(txt.stdout, /CON1008 goroutine-send-may-block \[confirmed at runtime\]/);
    assert.match(txt.stdout, /Runtime evidence \(--probe .*\): 4 sample\(s\).*1 static finding\(s\) confirmed at runtime/);
  });

  test('CLI: probe --format json validates against schema/probe.schema.json; --save, offline re-analysis and compare', async () => {
    const s = await start(bins['blocked-send']!);
    try {
      await hit(`${s.base}/lookup`, 3);
      await settle(s.base, BLOCKED_SEND, 3);
      const save = path.join(tmp, 'cli-run.json');
      // the CLI runs in a child process: spawnSync would block this event loop, which is fine (the service is another process)
      const r = await cli(['probe', `${s.base}/debug/pprof/`, '--repo', FIX, '--duration', '600ms', '--interval', '300ms', '--format', 'json', '--save', save, '-q']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const doc = JSON.parse(r.stdout) as { samples: unknown[]; sites: { function: string; end: number }[]; goroutines: { end: number } };
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      ajv.addSchema(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'report.schema.json'), 'utf8')));
      const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'probe.schema.json'), 'utf8')));
      assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
      assert.equal(doc.samples.length, 3);
      assert.equal(doc.sites.find((x) => x.function === 'main.lookup.func1')?.end, 3);
      const again = await cli(['probe', save, '--format', 'json']);
      assert.equal(JSON.parse(again.stdout).goroutines.end, doc.goroutines.end);
      const cmp = await cli(['probe', 'compare', save, save, '--format', 'markdown']);
      assert.equal(cmp.code, 0, cmp.stderr);
      assert.match(cmp.stdout, /\| main\.lookup\.func1 ← main\.lookup .*\| 3 \| 3 \| 0 % \|/);
      const bad = await cli(['probe', 'http://127.0.0.1:1/debug/pprof/', '--duration', '1s']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /connection refused/);
    } finally {
      await stop(s);
    }
  });
});
