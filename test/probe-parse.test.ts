/** goready probe: decoders, judging logic, safety (no Go toolchain needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { Profile, StringTable, ValueType, Sample, Location, Line, Function as PFunction } from 'pprof-format';
import { parseDebug1, parseDebug2 } from '../src/probe/goroutine-text.js';
import { countSites } from '../src/probe/sites.js';
import { decodeProfile, goroutinesFromProto, gunzipCapped, heapFromProto, ProfileError } from '../src/probe/pprof-proto.js';
import { gaugesFromPrometheus } from '../src/probe/prometheus.js';
import { gaugesFromExpvar } from '../src/probe/expvar.js';
import { analyzeRun, isMonotonicGrowth, judgeExposure, judgeGcSettings, slope } from '../src/probe/analyze.js';
import { collectLive, collectOffline, ProbeInputError } from '../src/probe/collect.js';
import { safeGet } from '../src/probe/http-get.js';
import { isLoopbackHost } from '../src/core/loopback.js';
import { listeningAddresses, listeningIn } from '../src/probe/listen-address.js';
import { RepoIndex, isStdFunction } from '../src/probe/locate.js';
import { compareSides, loadSide } from '../src/probe/compare.js';
import { printComparison, printProbe } from '../src/probe/print.js';
import type { ProbeRun } from '../src/probe/model.js';
import type { Finding } from '../src/core/types.js';

const DEBUG2 = `goroutine 1 [IO wait, 50 minutes]:
internal/poll.runtime_pollWait(0x7f, 0x72)
	/usr/local/go/src/runtime/netpoll.go:351 +0x85
main.main()
	/build/src/svc/main.go:30 +0x36

goroutine 41 [chan send, 42 minutes]:
main.lookup.func1()
	/build/src/svc/main.go:24 +0x1d
created by main.lookup in goroutine 40
	/build/src/svc/main.go:23 +0x66

goroutine 42 [chan send, 43 minutes]:
main.lookup.func1()
	/build/src/svc/main.go:24 +0x1d
created by main.lookup in goroutine 39
	/build/src/svc/main.go:23 +0x66

goroutine 7 [select, locked to thread]:
example.com/svc/internal/w.(*Worker).run(0xc000100000, {0x1, 0x2})
	/build/src/svc/internal/w/w.go:12 +0x99
created by example.com/svc/internal/w.Start in goroutine 1
	/build/src/svc/internal/w/w.go:8 +0x2a
`;

const DEBUG1 = `goroutine profile: total 5
3 @ 0x489ace 0x41a5ae 0x4911c1
#	0x6744e4	main.poll+0x64	example.com/probefix/leak-ticker/main.go:19

2 @ 0x448cb1 0x4911c1
#	0x655ab0	net/http.(*conn).serve+0xb0	/usr/local/go/src/net/http/server.go:2067
`;

test('debug=2 dumps: wait reason, minutes, frames without arguments, created-by with file:line', () => {
  const s = parseDebug2(DEBUG2);
  assert.equal(s.total, 4);
  const send = s.groups.filter((g) => g.state === 'chan send');
  assert.deepEqual(send.map((g) => g.waitMinutes), [42, 43]);
  assert.deepEqual(send[0]!.createdBy, { function: 'main.lookup', file: '/build/src/svc/main.go', line: 23 });
  assert.deepEqual(send[0]!.frames[0], { function: 'main.lookup.func1', file: '/build/src/svc/main.go', line: 24 });
  const w = s.groups.find((g) => g.state === 'select')!;
  assert.equal(w.frames[0]!.function, 'example.com/svc/internal/w.(*Worker).run');
  assert.equal(w.waitMinutes, undefined);
  assert.equal(s.groups[0]!.state, 'IO wait');
});

test('debug=1 dumps: groups with counts and symbolised frames', () => {
  const s = parseDebug1(DEBUG1);
  assert.equal(s.total, 5);
  assert.deepEqual(s.groups.map((g) => g.count), [3, 2]);
  assert.deepEqual(s.groups[0]!.frames[0], { function: 'main.poll', file: 'example.com/probefix/leak-ticker/main.go', line: 19 });
});

test('malformed goroutine text yields no groups, never an exception', () => {
  for (const t of ['', 'goroutine x [', 'goroutine 1 [running]:\n\n\n', '\u0000\u0001 garbage\ncreated by', 'goroutine profile: total 9\n7 @ 0x1\n# bad']) {
    assert.doesNotThrow(() => { parseDebug2(t); parseDebug1(t); });
  }
  assert.equal(parseDebug1('goroutine profile: total 9\n7 @ 0x1\n# bad').groups.length, 0);
});

/** A goroutine profile built with pprof-format's encoder (count per stack, leaf first). */
function goroutineProto(stacks: { count: number; frames: [string, string, number][] }[], extraSamples = 0): Buffer {
  const st = new StringTable();
  const fns: PFunction[] = [];
  const locs: Location[] = [];
  const samples: Sample[] = [];
  for (const s of stacks) {
    const ids = s.frames.map(([name, file, line]) => {
      const fid = fns.length + 1;
      fns.push(new PFunction({ id: fid, name: st.dedup(name), filename: st.dedup(file) }));
      const lid = locs.length + 1;
      locs.push(new Location({ id: lid, line: [new Line({ functionId: fid, line })] }));
      return lid;
    });
    samples.push(new Sample({ locationId: ids, value: [s.count] }));
  }
  for (let i = 0; i < extraSamples; i++) samples.push(new Sample({ locationId: [], value: [1] }));
  const p = new Profile({ sampleType: [new ValueType({ type: st.dedup('goroutine'), unit: st.dedup('count') })], sample: samples, location: locs, function: fns, stringTable: st });
  return zlib.gzipSync(Buffer.from(p.encode()));
}

test('protobuf goroutine profiles decode through pprof-format; counts and entry frames per stack', () => {
  const buf = goroutineProto([
    { count: 7, frames: [['runtime.gopark', '/usr/local/go/src/runtime/proc.go', 462], ['main.poll', '/build/svc/main.go', 19]] },
    { count: 1, frames: [['main.main', '/build/svc/main.go', 30]] },
  ]);
  const snap = goroutinesFromProto(decodeProfile(buf));
  assert.equal(snap.total, 8);
  assert.equal(snap.groups[0]!.count, 7);
  assert.equal(snap.groups[0]!.frames.at(-1)!.function, 'main.poll');
  assert.throws(() => heapFromProto(decodeProfile(buf)), /not a heap profile/);
});

test('hostile profiles: gzip bombs, huge sample counts, truncated and garbage data are errors, not crashes', () => {
  const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024));
  assert.throws(() => gunzipCapped(bomb, 1024 * 1024), (e: Error) => e instanceof ProfileError && /exceeds 1048576 bytes/.test(e.message));
  assert.throws(() => decodeProfile(bomb, { maxInflatedBytes: 1024 * 1024, maxProfileSamples: 10 }), ProfileError);
  const many = goroutineProto([{ count: 1, frames: [['main.x', 'x.go', 1]] }], 50);
  assert.throws(() => decodeProfile(many, { maxInflatedBytes: 1 << 20, maxProfileSamples: 20 }), /51 samples, more than the 20/);
  const good = goroutineProto([{ count: 2, frames: [['main.x', 'x.go', 1]] }]);
  assert.throws(() => decodeProfile(good.subarray(0, good.length - 9)), ProfileError);
  assert.throws(() => decodeProfile(Buffer.from([0x1f, 0x8b, 1, 2, 3])), ProfileError);
  const raw = zlib.gunzipSync(good);
  // cut in the middle: the decoder itself accepts it, the reference check does not
  assert.throws(() => decodeProfile(raw.subarray(0, Math.floor(raw.length / 2))), /truncated or inconsistent profile/);
});

test('Prometheus exposition (client_golang Go collector names) → gauges', () => {
  const text = `# HELP go_goroutines Number of goroutines.
# TYPE go_goroutines gauge
go_goroutines 42
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0.5"} 0.0001
go_gc_duration_seconds_sum 0.01
go_gc_duration_seconds_count 17
# TYPE go_memstats_heap_inuse_bytes gauge
go_memstats_heap_inuse_bytes 4.194304e+06
# TYPE go_gc_gogc_percent gauge
go_gc_gogc_percent 50
# TYPE go_gc_gomemlimit_bytes gauge
go_gc_gomemlimit_bytes 9.223372036854776e+18
# TYPE go_sched_gomaxprocs_threads gauge
go_sched_gomaxprocs_threads 2
`;
  const g = gaugesFromPrometheus(text);
  assert.equal(g.isGo, true);
  assert.deepEqual({ ...g }, { isGo: true, goroutines: 42, heapInuse: 4194304, gcCycles: 17, gogc: 50, gomemlimit: 9.223372036854776e18, gomaxprocs: 2 });
  assert.equal(gaugesFromPrometheus('http_requests_total 3\n').isGo, false);
});

test('expvar memstats → gauges; JSON without memstats is not Go', () => {
  const g = gaugesFromExpvar(JSON.stringify({ cmdline: ['x'], memstats: { HeapInuse: 1000, HeapAlloc: 900, NumGC: 4, GCCPUFraction: 0.01 } }));
  assert.deepEqual(g, { isGo: true, heapInuse: 1000, heapAlloc: 900, gcCycles: 4, gcCpuFraction: 0.01 });
  assert.equal(gaugesFromExpvar('{"a":1}').isGo, false);
  assert.throws(() => gaugesFromExpvar('<html>'), /not expvar JSON/);
});

test('slope, monotonic growth, GC settings judged as RUN1002 judges them', () => {
  assert.equal(slope([0, 1, 2, 3], [0, 5, 10, 15]), 5);
  assert.equal(slope([0, 1], [3, 3]), 0);
  assert.equal(isMonotonicGrowth([0, 5, 5, 9]), true);
  assert.equal(isMonotonicGrowth([0, 5, 4, 9]), false);
  assert.equal(isMonotonicGrowth([3, 3, 3]), false);
  assert.match(judgeGcSettings({ gogc: -1, gomemlimit: 2 ** 63 })[0]!, /GOGC is off and no GOMEMLIMIT/);
  assert.deepEqual(judgeGcSettings({ gogc: -1, gomemlimit: 512 * 1024 * 1024 }), []);
  assert.match(judgeGcSettings({ gogc: 10 })[0]!, /GOGC=10/);
  assert.match(judgeGcSettings({ gogc: 2000, gomemlimit: 2 ** 63 })[0]!, /GOGC=2000 with no GOMEMLIMIT/);
  assert.deepEqual(judgeGcSettings({ gogc: 100, gomemlimit: 2 ** 63 }), []);
  assert.match(judgeGcSettings({ gogc: 100, gomemlimit: 8 * 1024 * 1024 })[0]!, /below 16 MiB/);
});

test('exposure: an endpoint answering on a non-loopback address is a finding that confirms the static pprof-exposed one', async () => {
  assert.equal(isLoopbackHost('127.0.0.1'), true);
  assert.equal(isLoopbackHost('[::1]'), true);
  assert.equal(isLoopbackHost('localhost'), true);
  assert.equal(isLoopbackHost('10.1.2.3'), false);
  assert.equal(isLoopbackHost('0.0.0.0'), false);
  const endpoints: ProbeRun['endpoints'] = [{ path: '/debug/pprof/', status: 200, kind: 'pprof' }, { path: '/debug/vars', status: 200, kind: 'expvar' }];
  assert.deepEqual(judgeExposure('http://127.0.0.1:6060/debug/pprof/', endpoints), []);
  assert.deepEqual(judgeExposure('http://10.1.2.3:6060/debug/pprof/', endpoints).map((e) => e.kind), ['pprof', 'expvar']);
  const run = (source: string): ProbeRun => ({ schemaVersion: '1.0.0', tool: { name: 'goready', version: 't' }, target: { source, kind: 'url' }, startedAt: new Date().toISOString(), samples: [{ at: new Date().toISOString(), sites: {}, goroutines: 3 }], siteInfo: [], blocked: [], gauges: {}, endpoints, diagnostics: [] });
  const staticOne: Finding = { ruleId: 'OBS1001', ruleName: 'pprof-exposed', dimension: 'observability', severity: 'high', confidence: 'medium', message: 'pprof on the default mux', file: 'cmd/main.go', line: 12, column: 2, fix: '' };
  const r = await analyzeRun(run('http://10.1.2.3:6060/debug/pprof/'), { staticFindings: [staticOne] });
  const exp = r.findings.find((f) => f.ruleId === 'SEC9001')!;
  assert.equal(exp.severity, 'high');
  assert.equal(exp.message, 'pprof (/debug/pprof/), expvar (/debug/vars) answered without authentication on 10.1.2.3, a non-loopback address');
  assert.equal(`${exp.file}:${exp.line}`, 'cmd/main.go:12');
  assert.deepEqual(exp.runtime?.confirms, ['OBS1001 cmd/main.go:12']);
  const conf = r.findings.find((f) => f.ruleId === 'OBS1001')!;
  assert.equal(conf.confirmedBy, 'runtime');
  assert.equal(conf.confidence, 'high');
  const local = await analyzeRun(run('http://127.0.0.1:6060/debug/pprof/'), { staticFindings: [staticOne] });
  assert.deepEqual(local.findings, []);
});

test('listening address: the kernel socket tables say whether a port probed through loopback listens on every interface', () => {
  const head = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const tail = ' 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0';
  const tcp = `${head}   0: 0100007F:1F90 00000000:0000 0A${tail}\n   1: 00000000:17AC 00000000:0000 0A${tail}\n   2: 0100007F:17AC 0100007F:C350 01${tail}\n   3: 0700000A:0BB8 00000000:0000 0A${tail}\n`;
  const tcp6 = `${head}   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A${tail}\n   1: 00000000000000000000000001000000:1F92 00000000000000000000000000000000:0000 0A${tail}\n   2: 0000000000000000FFFF00000100007F:1F93 00000000000000000000000000000000:0000 0A${tail}\n`;
  assert.deepEqual(listeningIn(tcp, 8080), ['127.0.0.1']);
  assert.deepEqual(listeningIn(tcp, 6060), ['0.0.0.0'], 'an established connection on the port is not a listener');
  assert.deepEqual(listeningIn(tcp, 3000), ['10.0.0.7']);
  assert.deepEqual(listeningIn(tcp6, 8081), ['::']);
  assert.deepEqual(listeningIn(tcp6, 8082), ['::1']);
  assert.deepEqual(listeningIn(tcp6, 8083), ['::ffff:127.0.0.1']);
  assert.deepEqual(listeningIn('garbage\n  0: zz:qq 0A\n\u0000', 80), []);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-listen-'));
  try {
    fs.writeFileSync(path.join(dir, 'tcp'), tcp);
    fs.writeFileSync(path.join(dir, 'tcp6'), tcp6);
    assert.deepEqual(listeningAddresses(6060, [path.join(dir, 'tcp'), path.join(dir, 'tcp6')]), ['0.0.0.0']);
    assert.equal(listeningAddresses(6060, [path.join(dir, 'missing')]), undefined, 'unreadable tables: unknown, not "nowhere"');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const endpoints: ProbeRun['endpoints'] = [{ path: '/debug/pprof/', status: 200, kind: 'pprof' }];
  const url = 'http://127.0.0.1:6060/debug/pprof/';
  assert.deepEqual(judgeExposure(url, endpoints, { port: 6060, addresses: ['127.0.0.1'] }), []);
  assert.deepEqual(judgeExposure(url, endpoints, { port: 6060, addresses: ['::1', '127.0.0.1'] }), []);
  const all = judgeExposure(url, endpoints, { port: 6060, addresses: ['::'] });
  assert.equal(all.length, 1);
  assert.equal(all[0]!.where, '[::]:6060 (all interfaces): probed through 127.0.0.1:6060, but the service listens on every interface');
  assert.match(judgeExposure(url, endpoints, { port: 6060, addresses: ['127.0.0.1', '10.0.0.7'] })[0]!.where, /^10\.0\.0\.7:6060: probed through .* on a non-loopback address$/);
});

test('long-blocked goroutines from a debug=2 dump: offline, with the stack mapped into the repository by path suffix', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-probe-'));
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(path.join(repo, 'svc'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'go.mod'), 'module example.com/x\n\ngo 1.22\n');
  fs.writeFileSync(path.join(repo, 'svc', 'main.go'), `package main\n\n${'// pad\n'.repeat(18)}func lookup() {\n\tch := make(chan int)\n\tgo func() {\n\t\tch <- 1\n\t}()\n}\n\nfunc main() {}\n`);
  fs.writeFileSync(path.join(dir, 'goroutines.txt'), DEBUG2);
  const run = collectOffline(path.join(dir, 'goroutines.txt'));
  assert.equal(run.samples.length, 1);
  const idx = new RepoIndex(repo);
  assert.equal(idx.mapFile('/build/src/svc/main.go'), 'svc/main.go');
  assert.equal(idx.mapFile('example.com/x/svc/main.go'), 'svc/main.go');
  assert.equal(idx.mapFile('/root/go/pkg/mod/example.com/dep@v1.0.0/svc/main.go'), undefined);
  assert.equal(isStdFunction('net/http.(*conn).serve'), true);
  assert.equal(isStdFunction('main.lookup.func1'), false);
  assert.equal(isStdFunction('example.com/x/svc.Run'), false);
  const staticOne: Finding = { ruleId: 'CON1008', ruleName: 'goroutine-send-may-block', dimension: 'concurrency', severity: 'high', confidence: 'high', message: 'send may block', file: 'svc/main.go', line: 23, column: 3, fix: '' };
  const r = await analyzeRun(run, { repo: idx, staticFindings: [staticOne], blockedMinutes: 10 });
  assert.equal(r.blocked.length, 1, 'IO wait and select without minutes are not reported');
  assert.deepEqual([r.blocked[0]!.count, r.blocked[0]!.state, r.blocked[0]!.minutes], [2, 'chan send', 43]);
  const b = r.findings.find((f) => f.ruleId === 'CON9002')!;
  assert.equal(`${b.file}:${b.line}`, 'svc/main.go:23');
  assert.equal(b.severity, 'high');
  assert.deepEqual(b.runtime?.confirms, ['CON1008 svc/main.go:23']);
  assert.equal(r.findings.find((f) => f.ruleId === 'CON1008')?.confirmedBy, 'runtime');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('offline directory with hostile files: each is a diagnostic, the readable ones are analysed; nothing readable is an input error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-probe-'));
  fs.writeFileSync(path.join(dir, '1-bomb.pb.gz'), zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024, 7)));
  fs.writeFileSync(path.join(dir, '2-garbage.pb.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]));
  fs.writeFileSync(path.join(dir, '3-page.html'), '<html><body>hello</body></html>');
  const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-probe-'));
  fs.cpSync(dir, bad, { recursive: true });
  assert.throws(() => collectOffline(bad), (e: Error) => e instanceof ProbeInputError && /no readable profile/.test(e.message));
  fs.writeFileSync(path.join(dir, '4-goroutine.pb.gz'), goroutineProto([{ count: 4, frames: [['main.poll', '/b/main.go', 19]] }]));
  const run = collectOffline(dir);
  assert.equal(run.samples.length, 1);
  assert.equal(run.samples[0]!.goroutines, 4);
  assert.equal(run.diagnostics.length, 3);
  for (const d of [dir, bad]) fs.rmSync(d, { recursive: true, force: true });
});

async function server(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }) };
}

test('safety: only GET to the given origin, redirects elsewhere refused, size capped, timeouts, clear errors for non-Go endpoints', async () => {
  const methods: string[] = [];
  const paths: string[] = [];
  const srv = await server((req, res) => {
    methods.push(req.method ?? '');
    paths.push(req.url ?? '');
    if (req.url === '/away') { res.writeHead(302, { location: 'http://127.0.0.2:9/x' }); res.end(); return; }
    if (req.url === '/big') { res.writeHead(200); res.end(Buffer.alloc(4096)); return; }
    if (req.url === '/slow') { setTimeout(() => res.end('late'), 2000); return; }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>not go</html>');
  });
  try {
    const origin = new URL(srv.url).origin;
    await assert.rejects(safeGet(new URL('/away', srv.url), origin), /redirects to http:\/\/127\.0\.0\.2:9: not followed/);
    await assert.rejects(safeGet(new URL('/big', srv.url), origin, { maxBytes: 1000 }), /exceeds the 1000-byte limit/);
    await assert.rejects(safeGet(new URL('/slow', srv.url), origin, { timeoutMs: 200 }), /no answer within 200 ms/);
    await assert.rejects(safeGet(new URL('http://127.0.0.2:1/'), origin), /only talks to/);
    await assert.rejects(collectLive({ url: `${srv.url}/debug/pprof/`, durationMs: 100, intervalMs: 50 }), (e: Error) => e instanceof ProbeInputError && /no Go pprof, Prometheus metrics or expvar endpoint answered/.test(e.message) && /not a Go pprof endpoint/.test(e.message));
    assert.ok(methods.every((m) => m === 'GET'));
    assert.ok(paths.every((p) => !/gc=1/.test(p)), 'never asks the target to run a GC');
  } finally {
    await srv.close();
  }
  const closed = await server(() => undefined);
  const dead = closed.url;
  await closed.close();
  await assert.rejects(collectLive({ url: `${dead}/debug/pprof/`, durationMs: 100, intervalMs: 50 }), (e: Error) => e instanceof ProbeInputError && /connection refused/.test(e.message));
  await assert.rejects(collectLive({ url: 'ftp://x/', durationMs: 1, intervalMs: 1 }), /only http and https/);
});

test('compare: per creation site peak and end with % change, in every format; bad input is an error', () => {
  // the fix moved the go statement (line 10 → 14): sites still line up by function
  const mk = (counts: number[], fn: string, line: number): string => JSON.stringify({
    schemaVersion: '1.0.0', tool: { name: 'goready', version: 't' }, target: { source: 'x', kind: 'url' }, startedAt: '2026-01-01T00:00:00Z',
    samples: counts.map((c, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), goroutines: c + 4, sites: { [`${fn} ← main.h @ /a/${fn}.go:${line}`]: c, 'main.main @ /a/m.go': 1 } })),
    siteInfo: [{ key: `${fn} ← main.h @ /a/${fn}.go:${line}`, function: fn, createdBy: 'main.h', file: `/a/${fn}.go`, line, stack: [] }, { key: 'main.main @ /a/m.go', function: 'main.main', file: '/a/m.go', line: 3, stack: [] }],
    blocked: [], gauges: {}, endpoints: [], diagnostics: [],
  });
  const before = loadSide(mk([0, 600, 1248], 'main.poll', 10), 'before.json');
  const after = loadSide(mk([0, 50, 96], 'main.poll', 14), 'after.json');
  const cmp = compareSides(before, after, { before: 'before.json', after: 'after.json' });
  const row = cmp.sites.find((s) => s.site === 'main.poll ← main.h')!;
  assert.ok(row, JSON.stringify(cmp.sites));
  assert.deepEqual([row.peakBefore, row.peakAfter, row.peakChangePercent], [1248, 96, -92.3]);
  assert.deepEqual([cmp.total.peakBefore, cmp.total.peakAfter], [1252, 100]);
  assert.match(printComparison(cmp, 'text'), /1248\s+96\s+−92\.3 %.*main\.poll ← main\.h/);
  assert.match(printComparison(cmp, 'markdown'), /\| main\.poll ← main\.h .* \| 1248 \| 96 \| −92\.3 % \|/);
  assert.match(printComparison(cmp, 'html'), /<td class="n">−92\.3 %<\/td>/);
  assert.equal(JSON.parse(printComparison(cmp, 'json')).sites[0].peakChangePercent, -92.3);
  assert.throws(() => loadSide('{"x":1}', 'x.json'), /neither a saved probe run/);
  assert.throws(() => loadSide('not json', 'x.json'), /not JSON/);
});

test('probe printers escape what comes from the target', async () => {
  const evil = '<script>alert(1)</script>';
  const run: ProbeRun = { schemaVersion: '1.0.0', tool: { name: 'goready', version: 't' }, target: { source: evil, kind: 'directory' }, startedAt: '2026-01-01T00:00:00Z',
    samples: [0, 20].map((c, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), goroutines: c, sites: { [`${evil} @ x`]: c } })),
    siteInfo: [{ key: `${evil} @ x`, function: evil, file: `/a/${evil}.go`, line: 1, stack: [] }], blocked: [], gauges: {}, endpoints: [], diagnostics: [] };
  const r = await analyzeRun(run);
  assert.equal(r.findings[0]?.ruleId, 'CON9001');
  assert.equal(r.findings[0]?.message, `Goroutines running ${evil}, grew from 0 to 20 (peak 20, +20/min) over 2 samples in 1.0 min (site not found in the repository); no static finding explains it`);
  const h = printProbe(r, 'html');
  assert.ok(!h.includes('<script>'), 'no raw script tag');
  assert.ok(h.includes('&lt;script&gt;'));
  assert.ok(!printProbe(r, 'markdown').includes('<script>'));
});

test('audit --probe scoring: a confirmed finding weighs at high confidence, an unexplained runtime leak is added and costs its severity', async () => {
  const { loadConfig } = await import('../src/config/config.js');
  const { runAudit } = await import('../src/audit/run-audit.js');
  const { mergeProbeIntoReport } = await import('../src/probe/merge-audit.js');
  const { fixture } = await import('./helpers/paths.js');
  const target = fixture('probe');
  // CON1001 is experimental since the blind-record gate: enabled, as a user would
  const config = loadConfig(target, { noConfig: true, cli: { enable: ['CON1001'] } }).config;
  const report = await runAudit({ target, config, contextLines: 0 });
  const ticker = report.findings.find((f) => f.ruleId === 'CON1001')!;
  const lowered = { ...report, findings: report.findings.map((f) => (f === ticker ? { ...f, confidence: 'low' as const } : f)) };
  const before = lowered.scores.dimensions.concurrency;
  const leak: Finding = { ruleId: 'CON9001', ruleName: 'runtime-goroutine-leak', dimension: 'concurrency', severity: 'high', confidence: 'high', message: 'grew', file: 'leak-ticker/main.go', line: 25, column: 1, fix: 'x', runtime: { site: 's', start: 0, end: 15, peak: 15 } };
  const probe = { schemaVersion: '1.0.0', tool: { name: 'goready' as const, version: 't' }, target: { source: 'http://127.0.0.1:1/', kind: 'url' as const }, startedAt: '', samples: [], goroutines: { start: 0, end: 15, peak: 15 }, sites: [], blocked: [], diagnostics: [],
    findings: [{ ...ticker, confidence: 'high' as const, confirmedBy: 'runtime' as const, runtime: { site: 's', start: 0, end: 15, peak: 15 } }, leak] };
  const merged = mergeProbeIntoReport(lowered, probe, { ...config, failOn: 'high' });
  const t = merged.findings.find((f) => f.ruleId === 'CON1001')!;
  assert.deepEqual([t.confidence, t.confirmedBy], ['high', 'runtime']);
  assert.ok(merged.findings.some((f) => f.ruleId === 'CON9001'));
  assert.ok(merged.rules.some((r) => r.id === 'CON9001'), 'the runtime rule is described (SARIF ruleIndex)');
  const after = merged.scores.dimensions.concurrency;
  // the audit scored CON1001 at high confidence (3); lowered to low it would weigh 0.9, confirmed it weighs 3 again;
  // the added high-severity leak costs 8
  assert.equal(Math.round((after.penalty - before.penalty) * 10) / 10, 8);
  assert.ok(after.score! < before.score!);
  assert.deepEqual(merged.probe && [merged.probe.confirmed, merged.probe.added], [1, 1]);
  const gated = mergeProbeIntoReport({ ...lowered, gate: { failOn: 'high', failed: false, reasons: [] } }, probe, { ...config, failOn: 'high' });
  assert.deepEqual(gated.gate?.reasons, ['1 runtime finding(s) at or above severity high']);
});

test('audit --probe: the audit\'s config holds for runtime findings (a disabled rule adds nothing, a severity override applies)', async () => {
  const { loadConfig, resolveConfig } = await import('../src/config/config.js');
  const { runAudit } = await import('../src/audit/run-audit.js');
  const { auditWithRuntimeEvidence } = await import('../src/probe/run-probe.js');
  const { fixture } = await import('./helpers/paths.js');
  const target = fixture('probe');
  const MiB = 1024 * 1024;
  // a saved run whose heap grows (RUN9001), with GC pressure (RUN9002) and GOGC off without GOMEMLIMIT (RUN9003)
  const run: ProbeRun = { schemaVersion: '1.0.0', tool: { name: 'goready', version: 't' }, target: { source: 'http://127.0.0.1:6060/debug/pprof/', kind: 'url' }, startedAt: '2026-01-01T00:00:00Z',
    samples: [40, 60, 90, 120].map((m, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), goroutines: 5, heapInuse: m * MiB, gcCycles: i * 1000, gcCpuFraction: 0.2, sites: {} })),
    siteInfo: [], blocked: [], gauges: { gogc: -1, gcCpuFraction: 0.2 }, endpoints: [], diagnostics: [] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-probe-config-'));
  try {
    const saved = path.join(dir, 'run.json');
    fs.writeFileSync(saved, JSON.stringify(run));
    const probeWith = async (config: ReturnType<typeof resolveConfig>) => {
      const report = await runAudit({ target, config, contextLines: 0 });
      const r = await auditWithRuntimeEvidence(report, target, saved, config, { durationMs: 1000, intervalMs: 1000 });
      assert.equal(r.error, undefined);
      return r.report;
    };
    const plain = await probeWith(loadConfig(target, { noConfig: true }).config);
    const sev = (rep: typeof plain, id: string) => rep.findings.filter((f) => f.ruleId === id).map((f) => f.severity);
    assert.deepEqual([sev(plain, 'RUN9001'), sev(plain, 'RUN9002'), sev(plain, 'RUN9003')], [['medium'], ['medium'], ['medium']]);
    const errors: string[] = [];
    const configured = await probeWith(resolveConfig({ rules: { severity: { 'runtime-heap-growth': 'critical' } } }, undefined, { disable: ['runtime-gc-settings'] }, errors));
    assert.deepEqual(errors, []);
    assert.deepEqual(sev(configured, 'RUN9003'), [], 'a disabled rule adds no runtime finding');
    assert.ok(!configured.rules.some((r) => r.id === 'RUN9003'), 'nor its rule description');
    assert.deepEqual(sev(configured, 'RUN9001'), ['critical'], 'the severity override applies');
    assert.equal(configured.rules.find((r) => r.id === 'RUN9001')?.severity, 'critical');
    assert.deepEqual(sev(configured, 'RUN9002'), ['medium'], 'other rules as they were');
    assert.equal(configured.probe?.added, 2);
    const { CRITICAL_CAP } = await import('../src/scoring/policy.js');
    assert.ok(configured.scores.dimensions.runtime.score! <= CRITICAL_CAP, 'the score counts the overridden severity (a critical finding caps it)');
    assert.ok(plain.scores.dimensions.runtime.score! > CRITICAL_CAP);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('heap growth, GC pressure and GC settings from sampled gauges become runtime findings', async () => {
  const MiB = 1024 * 1024;
  const heap = [40, 60, 90, 120].map((m) => m * MiB);
  const run: ProbeRun = { schemaVersion: '1.0.0', tool: { name: 'goready', version: 't' }, target: { source: 'http://127.0.0.1:6060/debug/pprof/', kind: 'url' }, startedAt: '2026-01-01T00:00:00Z',
    samples: heap.map((h, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), goroutines: 5, heapInuse: h, gcCycles: i * 1000, gcCpuFraction: 0.2, sites: {} })),
    siteInfo: [], blocked: [], gauges: { gogc: -1, gomemlimit: 2 ** 63, gcCpuFraction: 0.2, gomaxprocs: 2 }, endpoints: [], diagnostics: [] };
  const r = await analyzeRun(run);
  assert.deepEqual(r.heap, { start: 40 * MiB, end: 120 * MiB, peak: 120 * MiB, growthPercent: 200 });
  assert.equal(r.gc?.cyclesPerMinute, 1000);
  assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['RUN9001', 'RUN9002', 'RUN9003']);
  assert.match(r.findings.find((f) => f.ruleId === 'RUN9003')!.message, /GOGC is off and no GOMEMLIMIT/);
  // messages are the rules' templates, filled (ruleMessage): every variant, no placeholder left
  assert.equal(r.findings.find((f) => f.ruleId === 'RUN9001')!.message, 'Heap in use grew 200 % (40.0 → 120.0 MiB, peak 120.0 MiB) over 4 samples');
  assert.equal(r.findings.find((f) => f.ruleId === 'RUN9002')!.message, 'The garbage collector used 20.0 % of CPU since start, ran 1000 cycles/min');
  const cpuOnly = await analyzeRun({ ...run, target: { ...run.target, kind: 'directory' } });
  assert.equal(cpuOnly.findings.find((f) => f.ruleId === 'RUN9002')!.message, 'The garbage collector used 20.0 % of CPU since start');
  assert.deepEqual(judgeGcSettings({ gogc: 2000 }), ['GOGC=2000 with no GOMEMLIMIT: the heap may grow to 21x the live data before a collection']);
  assert.deepEqual(judgeGcSettings({ gogc: 100, gomemlimit: 8 * MiB }), ['GOMEMLIMIT=8.0 MiB: below 16 MiB the collector thrashes']);
  for (const f of r.findings) assert.doesNotMatch(f.message, /\{\{/);
  // a flat heap, calm GC and sane settings: nothing
  const calm = await analyzeRun({ ...run, samples: run.samples.map((s) => ({ ...s, heapInuse: 40 * MiB, gcCycles: 1, gcCpuFraction: 0.01 })), gauges: { gogc: 100, gcCpuFraction: 0.01 } });
  assert.deepEqual(calm.findings, []);
});

test('a goroutine that has not started yet (only runtime.goexit) is named after its creator', () => {
  const snap = parseDebug2('goroutine 9 [runnable]:\nruntime.goexit({})\n\t/usr/local/go/src/runtime/asm_amd64.s:1700 +0x1\ncreated by main.start in goroutine 1\n\t/b/main.go:7 +0x2\n');
  const [key] = Object.keys(countSites(snap).sites);
  assert.equal(key, 'main.start ← main.start @ /b/main.go:7');
});

test('a debug=2 dump over the size cap: the probe samples debug=1 instead, and says so', async () => {
  let n = 0;
  const big = `goroutine 1 [running]:\nmain.main()\n\t/b/main.go:3 +0x1\n\n${'goroutine 2 [select]:\nmain.w()\n\t/b/main.go:9 +0x1\n\n'.repeat(200)}`;
  const srv = await server((req, res) => {
    if (req.url === '/debug/pprof/goroutine?debug=2') { res.end(big); return; }
    if (req.url === '/debug/pprof/goroutine?debug=1') { n++; res.end(`goroutine profile: total ${200 + n}\n${200 + n} @ 0x1\n#\t0x1\tmain.w+0x1\t/b/main.go:9\n`); return; }
    res.writeHead(404);
    res.end();
  });
  try {
    const run = await collectLive({ url: `${srv.url}/debug/pprof/`, durationMs: 100, intervalMs: 50, maxBytes: 2000 });
    assert.ok(run.diagnostics.some((d) => d.code === 'probe-grouped-profile'));
    assert.deepEqual(run.samples.map((s) => s.sites['main.w @ /b/main.go']), [201, 202, 203]);
  } finally {
    await srv.close();
  }
});

test('a saved run that is not one, or holds non-numbers, is an input error', async () => {
  const { parseSavedRun } = await import('../src/probe/run-probe.js');
  const ok = { schemaVersion: '1.0.0', samples: [{ at: '2026-01-01T00:00:00Z', sites: { a: 1 } }], siteInfo: [{ key: 'a', function: 'main.a', file: 'a.go', line: 1, stack: [] }] };
  assert.equal(parseSavedRun(JSON.stringify(ok), 'ok.json').samples.length, 1);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, samples: [{ at: 'x', sites: { a: '1e9' } }] }), 'x.json'), /not a number/);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, schemaVersion: '2.0.0' }), 'x.json'), /not readable/);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, siteInfo: [{ key: 1 }] }), 'x.json'), /malformed site/);
  assert.throws(() => parseSavedRun('[]', 'x.json'), /not a saved probe run/);
  // heap profiles and listening addresses (schema 1.1.0) are checked too
  const site = { key: 'k', function: 'main.f', file: 'f.go', line: 3, stack: [{ function: 'main.f', file: 'f.go', line: 3 }], inuseBytes: 10, allocBytes: 20 };
  const heap = { at: '2026-01-01T00:00:00Z', inuseBytes: 10, allocBytes: 20, sites: [site] };
  assert.equal(parseSavedRun(JSON.stringify({ ...ok, heapProfiles: [heap, heap], listen: { port: 6060, addresses: ['::'] } }), 'ok.json').heapProfiles?.length, 2);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, heapProfiles: [heap, heap, heap] }), 'x.json'), /malformed heap profiles/);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, heapProfiles: [{ ...heap, sites: [{ ...site, inuseBytes: -1 }] }] }), 'x.json'), /malformed heap profiles/);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, heapProfiles: [{ ...heap, sites: [{ ...site, stack: 'x' }] }] }), 'x.json'), /malformed heap profiles/);
  assert.throws(() => parseSavedRun(JSON.stringify({ ...ok, listen: { port: 1, addresses: [7] } }), 'x.json'), /malformed listening addresses/);
});
