import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAudit } from '../src/audit/run-audit.js';
import { loadConfig, type CliOverrides } from '../src/config/config.js';
import { runEngine } from '../src/engine/engine.js';
import { allRules } from '../src/rules/registry.js';
import { ResultCache, cacheKey, packEntry, parsePack, serializePack } from '../src/cache/result-cache.js';
import type { Report } from '../src/report/model.js';
import { projectRoot, fixture } from './helpers/paths.js';
import { tempRepo } from './helpers/temp-repo.js';
import { GATED } from './helpers/cli.js';

/**
 * A repository shaped like a real one: the showcase service at the root, and every rule's testdata
 * (hundreds of Go files, nested modules, Dockerfiles, manifests, Helm charts, CI, Makefiles) as
 * packages under pkg/ — enough files for the worker pool, and inputs for every repo rule. Audited with the defaults
 * and the rules the blind-record gate turned off (FIXTURE_CONFIG), whose results the cache holds as well.
 */
function realShapedRepo(): string {
  const dir = SHAPED_REPO;
  if (shapedMade) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(fixture('showcase'), dir, { recursive: true });
  fs.rmSync(path.join(dir, '.goready.yaml'));
  const rules = path.join(projectRoot, 'src', 'rules');
  for (const dim of fs.readdirSync(rules)) {
    const td = path.join(rules, dim, 'testdata');
    if (fs.existsSync(td)) fs.cpSync(td, path.join(dir, 'pkg', dim), { recursive: true });
  }
  shapedMade = true;
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Where realShapedRepo makes the repository, once for the tests of this file (a copy of ~1,800 files): always the same
 * path, so that its cold report is the same. A test that edits it puts back what it changed (editShaped), so that
 * the next one starts from the pristine repository again. Removed when the process exits.
 */
const SHAPED_REPO = path.join(os.tmpdir(), `goready-cache-shaped-${process.pid}`);
let shapedMade = false;

/**
 * Edits a file of the shaped repository (`text` of its old content) and records how to undo it: the returned
 * `restore` writes back every file edited through it (a file that did not exist is removed).
 */
function shapedEdits() {
  const saved = new Map<string, string | undefined>();
  return {
    edit(file: string, text: (old: string | undefined) => string): void {
      const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (!saved.has(file)) saved.set(file, old);
      fs.writeFileSync(file, text(old));
    },
    restore(): void {
      for (const [file, old] of saved) if (old === undefined) fs.rmSync(file, { force: true }); else fs.writeFileSync(file, old);
    },
  };
}
let shapedCold: Promise<Report> | undefined;

/** The cold report of a fresh realShapedRepo, computed once for the tests that start from one (each costs a full analysis). */
function pristineCold(): Promise<Report> {
  shapedCold ??= audit(SHAPED_REPO);
  return shapedCold;
}

let shapedFilled: Promise<{ report: Report; dir: string }> | undefined;

/**
 * A cache filled by one audit of a fresh realShapedRepo through the worker pool (jobs 2), and that
 * audit's report, made once: the tests that start from a filled cache copy its directory (a fill
 * costs a full analysis). Removed when the process exits.
 */
function pristineFilled(): Promise<{ report: Report; dir: string }> {
  shapedFilled ??= (async () => {
    const dir = cacheDir();
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return { report: await audit(SHAPED_REPO, new ResultCache(dir)), dir };
  })();
  return shapedFilled;
}

/** A new cache directory holding a copy of the pristine filled cache. */
async function filledCacheDir(): Promise<string> {
  const dir = cacheDir();
  fs.cpSync((await pristineFilled()).dir, dir, { recursive: true });
  return dir;
}

/** goready's defaults and the rules the fixtures were written for (test/helpers/cli.ts GATED), no .goready.yaml. */
const FIXTURE_CONFIG = { noConfig: true, cli: { enable: GATED } } as const;

function cacheDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'goready-cache-dir-'));
}

/**
 * An audit of `dir`. With a cache: through the worker pool (two workers: results cross the thread
 * boundary before they are stored). Without one, the reference run: in this thread (jobs 1, no
 * worker start-up, ~1.2 s of CPU less per run), so each cached run is also compared with the
 * in-process analysis. `jobs` overrides that where the pool is not what a test is about.
 */
async function audit(dir: string, cache?: ResultCache, jobs = cache ? 2 : 1): Promise<Report> {
  const { config } = loadConfig(dir, FIXTURE_CONFIG);
  const report = await runAudit({ target: dir, config, jobs, cache });
  return report;
}

/** The report without what differs between any two runs (start time, duration). */
function stable(r: Report): string {
  return JSON.stringify({ ...r, startedAt: '', durationMs: 0 });
}

function filesEndingWith(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Single entries (repo-level steps, facts, the stat index). */
const allEntries = (dir: string) => filesEndingWith(dir, '.json');
/** Packs (the per-file results of an audit). */
const allPacks = (dir: string) => filesEndingWith(dir, '.pack');

test('result cache: a warm run, a run after editing one Go file and one YAML file, all equal a cold run', async () => {
  const repo = realShapedRepo();
  const edits = shapedEdits();
  let dir = '';
  try {
    const cold = await pristineCold();
    assert.ok(cold.findings.length > 20, `the fixture has findings (${cold.findings.length})`);
    const first = (await pristineFilled()).report;
    assert.equal(stable(first), stable(cold), 'a run that fills the cache equals a run without one');
    dir = await filledCacheDir();

    const warmCache = new ResultCache(dir);
    const warm = await audit(repo, warmCache);
    assert.equal(stable(warm), stable(cold), 'a warm run equals the cold run');
    assert.ok(warmCache.stats.hits > 300, `entries reused (${warmCache.stats.hits})`);
    assert.equal(warmCache.stats.writes, 0, 'nothing rewritten when nothing changed');

    // one Go file changes: only it is analysed again, and the report is the cold report of the new content
    const main = path.join(repo, 'cmd', 'server', 'main.go');
    edits.edit(main, (old) => `${old}\nfunc added() { for { select {} } }\n`);
    const editCache = new ResultCache(dir);
    const e2 = await runEngine({ root: repo, rules: loadConfig(repo, FIXTURE_CONFIG).config.enabledRules, jobs: 2, cache: editCache });
    assert.equal(e2.cacheHits?.files, e2.files.length - 1, 'exactly one file analysed again');
    assert.equal(stable(await audit(repo, new ResultCache(dir))), stable(await audit(repo)), 'after a Go edit: cached = cold');

    // a manifest read by repo rules changes: the steps that read it run again
    const yaml = findFile(repo, (f) => /\.ya?ml$/.test(f) && fs.readFileSync(f, 'utf8').includes('kind: Deployment'));
    assert.ok(yaml, 'the fixture has a Deployment manifest');
    edits.edit(yaml, (old) => old!.replace(/kind: Deployment/, 'kind: Deployment\n# edited'));
    edits.edit(path.join(repo, 'Dockerfile'), () => 'FROM golang:1.22\nRUN go build -o /app ./cmd/server\nCMD ["/app"]\n');
    assert.equal(stable(await audit(repo, new ResultCache(dir))), stable(await audit(repo)), 'after YAML and Dockerfile edits: cached = cold');
  } finally {
    edits.restore();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});

function findFile(dir: string, pred: (f: string) => boolean): string | undefined {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const r = findFile(p, pred); if (r) return r; } else if (pred(p)) return p;
  }
  return undefined;
}

test('result cache: another configuration (Go version, excluded paths, enabled rules, testdata) never gets this one\'s results', async () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-cache-config-'));
  const dir = cacheDir();
  try {
    fs.cpSync(fixture('showcase'), repo, { recursive: true });
    fs.rmSync(path.join(repo, '.goready.yaml'), { force: true });
    // a few rules' testdata, each a reason for a configuration to change the findings (11 audits, each a full analysis
    // for the variants: the whole runtime and concurrency testdata cost ~4 CPU-s more for no other case): the Go version
    // (ticker and time.Tick leaks before Go 1.23), the excluded pkg/runtime, RUN2031 turned on
    for (const td of ['runtime/single-replica-without-pdb', 'runtime/extreme-gc-settings', 'concurrency/ticker-not-stopped', 'concurrency/time-tick-leak', 'concurrency/time-after-in-loop']) {
      const [dim, name] = td.split('/') as [string, string];
      fs.cpSync(path.join(projectRoot, 'src', 'rules', dim, 'testdata', name), path.join(repo, 'pkg', dim, name), { recursive: true });
    }
    fs.mkdirSync(path.join(repo, 'testdata'));
    fs.writeFileSync(path.join(repo, 'testdata', 'leak.go'), 'package testdata\n\nimport "time"\n\nfunc Leak() {\n\tfor {\n\t\tselect {\n\t\tcase <-time.After(time.Second):\n\t\t}\n\t}\n}\n');
    // in this thread: the worker pool with the cache is the first test's; here 11 audits would each start two workers
    const run = (cli: CliOverrides, cache?: ResultCache) => runAudit({ target: repo, config: loadConfig(repo, { noConfig: true, cli }).config, jobs: 1, cache });
    const cold = stable(await run({}));
    await run({}, new ResultCache(dir));
    for (const cli of [{ goVersion: '1.20' }, { exclude: ['pkg/runtime/**'] }, { enable: ['RUN2031'], disable: ['CON1003'] }, { includeTestdata: true }]) {
      const variantCold = stable(await run(cli));
      assert.notEqual(variantCold, cold, `${JSON.stringify(cli)} changes the report (else this case proves nothing)`);
      assert.equal(stable(await run(cli, new ResultCache(dir))), variantCold, `${JSON.stringify(cli)}: cached = cold`);
    }
    assert.equal(stable(await run({}, new ResultCache(dir))), cold, 'back to the first configuration: cached = cold');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('result cache: the per-file budget is an input; a run cut short by --file-timeout is neither stored for nor served to another budget', async () => {
  const { dir, cleanup } = tempRepo({
    'go.mod': 'module example.com/budget\n\ngo 1.22\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    // 1,200 instructions: far more than the budget's clock granularity (256 checks), and parsed in ~30 ms (12,000 took ~0.8 s per run)
    Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM build AS again\nCOPY --from=build /out/app /app\n'.repeat(300),
    Makefile: 'FLAGS ?= -race\n\ntest:\n\tgo test $(FLAGS) ./...\n\n'.repeat(4000),
  });
  const cdir = cacheDir();
  try {
    // every rule on: which rules read a Makefile per file changes with the default set
    const { config } = loadConfig(dir, { noConfig: true, cli: { enable: ['experimental'] } });
    const run = (fileTimeout: number | undefined, cache?: ResultCache) => runAudit({ target: dir, config: { ...config, fileTimeout }, jobs: 1, cache });
    const timeouts = (r: Report) => r.diagnostics.filter((d) => d.code === 'file-timeout').map((d) => d.file).sort();
    const cold = await run(undefined);
    assert.deepEqual(timeouts(cold), [], 'the default budget reads every file');
    const tiny = await run(0.000001, new ResultCache(cdir));
    assert.ok(timeouts(tiny).includes('Dockerfile') && timeouts(tiny).includes('Makefile'), JSON.stringify(timeouts(tiny)));
    assert.equal(stable(await run(undefined, new ResultCache(cdir))), stable(cold), 'after a run cut short: the default budget = cold');
    // the other way round: complete results of the default budget are not served to a run with a tiny one
    const again = await run(0.000001, new ResultCache(cdir));
    assert.ok(timeouts(again).includes('Dockerfile') && timeouts(again).includes('Makefile'), JSON.stringify(timeouts(again)));
  } finally {
    cleanup();
    fs.rmSync(cdir, { recursive: true, force: true });
  }
});

test('result cache: corrupt, truncated and foreign entries are ignored, counted and rewritten', async () => {
  const repo = realShapedRepo();
  let dir = '';
  // in this thread: the cache is read, checked and written in the main thread whatever the jobs
  // (src/engine/engine.ts), and the first test covers its results crossing the worker pool
  const audit1 = (cache?: ResultCache) => audit(repo, cache, 1);
  try {
    const cold = await pristineCold();
    // a copy of the cache the first test's pool run filled (the same entries a run in this thread writes)
    dir = await filledCacheDir();
    // the stat index stays intact: with it damaged too, every file is simply analysed again
    const entries = allEntries(dir).filter((f) => !f.includes(`${path.sep}index${path.sep}`));
    assert.ok(entries.length > 10, `repo-level entries (${entries.length})`);
    entries.forEach((f, i) => {
      const buf = fs.readFileSync(f);
      if (i % 3 === 0) fs.writeFileSync(f, buf.subarray(0, Math.floor(buf.length / 2))); // torn write
      else if (i % 3 === 1) { buf[buf.length - 2] ^= 0x20; fs.writeFileSync(f, buf); } // flipped bit in the body
      else fs.writeFileSync(f, `goready-cache-1 file ${'0'.repeat(64)} ${'0'.repeat(64)}\n{"findings":[]}`); // another entry's header
    });
    // the per-file results: one pack; a bit flipped in the result, the code facts or the call sites of each entry (where it has them)
    const [packFile, ...others] = allPacks(dir);
    assert.ok(packFile && !others.length, 'one pack');
    const buf = fs.readFileSync(packFile);
    const packKey = path.basename(packFile, '.pack');
    const read = parsePack(buf, packKey)!;
    assert.ok(read.entries.size > 300 && read.rejected === 0, `pack entries (${read.entries.size})`);
    let damaged = 0;
    [...read.entries.values()].forEach((e, i) => {
      const part = e.parts[i % 3]!;
      if (!part.length) return;
      buf[part.byteOffset - buf.byteOffset + Math.floor(part.length / 2)] ^= 0x01;
      damaged++;
    });
    fs.writeFileSync(packFile, buf);
    const c = new ResultCache(dir);
    assert.equal(stable(await audit1(c)), stable(cold), 'damaged entries never change the report');
    assert.ok(c.stats.rejected >= entries.length - 2 + damaged, `rejected ${c.stats.rejected} of ${entries.length} entries and ${damaged} pack entries`);
    assert.ok(c.stats.writes > 10, 'rewritten');
    const again = new ResultCache(dir);
    assert.equal(stable(await audit1(again)), stable(cold));
    assert.equal(again.stats.rejected, 0, 'the rewritten entries are valid');
    assert.ok(again.stats.hits >= read.entries.size, `the rewritten pack serves every file (${again.stats.hits})`);
    for (const f of [...allEntries(dir), ...allPacks(dir)]) fs.writeFileSync(f, 'garbage');
    const g = new ResultCache(dir);
    assert.equal(stable(await audit1(g)), stable(cold), 'a damaged stat index only costs a re-analysis');
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('result cache: a truncated, foreign or garbage pack of per-file results is never trusted, and is written again', async () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-cache-pack-'));
  const dir = cacheDir();
  try {
    // the pack does not depend on the rules: one rule over small files keeps the many runs cheap
    fs.writeFileSync(path.join(repo, 'go.mod'), 'module example.com/packs\n\ngo 1.22\n');
    for (let i = 0; i < 40; i++) {
      fs.mkdirSync(path.join(repo, `p${i}`));
      fs.writeFileSync(path.join(repo, `p${i}`, 'p.go'), `package p${i}\n\nimport "log"\n\nfunc Check(tag string) string {\n\tif tag == "" {\n\t\tlog.Fatal("empty tag ${i}")\n\t}\n\treturn tag\n}\n`);
    }
    const rules = allRules().filter((r) => r.meta.name === 'exit-in-library');
    const run = async (cache?: ResultCache) => {
      const r = await runEngine({ root: repo, rules, jobs: 1, cache });
      cache?.finish();
      return { files: r.cacheHits?.files, findings: JSON.stringify(r.findings), diagnostics: JSON.stringify(r.diagnostics) };
    };
    const cold = await run();
    assert.ok(JSON.parse(cold.findings).length === 40, 'a finding per file');
    await run(new ResultCache(dir));
    const total = (await run(new ResultCache(dir))).files!;
    assert.equal(total, 40, 'every file served from the pack');
    const [packFile] = allPacks(dir);
    const packKey = path.basename(packFile!, '.pack');
    const intact = fs.readFileSync(packFile!);
    const damages: [string, Buffer, (n: number) => boolean][] = [
      ['truncated in the middle', intact.subarray(0, Math.floor(intact.length / 2)), (n) => n > 0 && n < total],
      ['another pack\'s header', Buffer.concat([Buffer.from(`goready-cache-1 pack ${'0'.repeat(64)}`), intact.subarray(intact.indexOf(' ', 21 + 64))]), (n) => n === 0],
      ['an older format', Buffer.from(intact.toString('latin1').replace(/^goready-cache-1 /, 'goready-cache-0 '), 'latin1'), (n) => n === 0],
      ['an entry count larger than the pack', Buffer.from(intact.toString('latin1').replace(/^(\S+ pack \S+ )(\d+)/, (_m, h: string, n: string) => `${h}${Number(n) + 5}`), 'latin1'), (n) => n === total],
      ['a part length past the end', Buffer.from(intact.toString('latin1').replace(/^(.*\n[0-9a-f]{64} \d+ )\d+/, '$19999999999'), 'latin1'), (n) => n === 0],
      ['garbage', Buffer.from('garbage'), (n) => n === 0],
    ];
    assert.ok(parsePack(intact, packKey)?.entries.size === total, 'the intact pack holds every file');
    for (const [what, bytes, served] of damages) {
      fs.writeFileSync(packFile!, bytes);
      const c = new ResultCache(dir);
      const r = await run(c);
      assert.equal(r.findings, cold.findings, `${what}: findings = cold`);
      assert.equal(r.diagnostics, cold.diagnostics, `${what}: diagnostics = cold`);
      assert.ok(served(r.files!), `${what}: ${r.files} of ${total} files served`);
      assert.ok(c.stats.rejected > 0, `${what}: counted as rejected`);
      const after = parsePack(fs.readFileSync(packFile!), packKey);
      assert.equal(after?.entries.size, total, `${what}: written again whole`);
      assert.equal(after?.rejected, 0, `${what}: written again sound`);
    }
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('result cache: packs keep each entry\'s parts and digests, skip damaged entries and stay within their bound', () => {
  const key = cacheKey('pack', 1);
  const entries = Array.from({ length: 20 }, (_, i) => packEntry(cacheKey('entry', i), [Buffer.from(`{"i":${i}}`), Buffer.from(i % 2 ? 'x'.repeat(i) : '')]));
  const buf = serializePack(key, entries);
  const read = parsePack(buf, key)!;
  assert.equal(read.rejected, 0);
  assert.deepEqual([...read.entries.values()].map((e) => e.parts.map((p) => p.toString())), entries.map((e) => e.parts.map((p) => p.toString())));
  assert.equal(parsePack(buf, cacheKey('pack', 2)), undefined, 'another key: foreign');
  // a flipped byte in entry 3's first part: only it is lost
  const at = buf.indexOf('{"i":3}');
  const flipped = Buffer.from(buf);
  flipped[at + 5] = '7'.charCodeAt(0);
  const r2 = parsePack(flipped, key)!;
  assert.equal(r2.rejected, 1);
  assert.deepEqual([...r2.entries.keys()], entries.filter((_, i) => i !== 3).map((e) => e.key));
  // the bound: entries past it are left out
  const small = serializePack(key, entries, Math.floor(buf.length / 2));
  assert.ok(small.length <= Math.floor(buf.length / 2) + 100);
  const r3 = parsePack(small, key)!;
  assert.ok(r3.entries.size > 0 && r3.entries.size < 20 && r3.rejected === 0);
  // through the cache: a pack larger than the cache's share is not written whole
  const dir = cacheDir();
  try {
    const c = new ResultCache(dir, Math.floor(buf.length * 2));
    c.putPack(key, entries);
    assert.ok((c.getPack(key)?.size ?? 0) < 20, 'bounded by a quarter of the cache');
    c.finish();
    const big = new ResultCache(dir);
    big.putPack(key, entries);
    assert.equal(big.getPack(key)?.size, 20);
    big.finish();
    assert.ok(allPacks(dir).length === 1 && Number(fs.readFileSync(path.join(dir, 'size'), 'utf8')) >= buf.length, 'the pack counts in the size note (a replaced pack by how much it grew)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('result cache: eviction keeps the directory under its bound, least recently used first', () => {
  const dir = cacheDir();
  try {
    const bound = 64 * 1024;
    const c = new ResultCache(dir, bound);
    const keys: string[] = [];
    for (let i = 0; i < 200; i++) {
      const key = cacheKey('test', i);
      keys.push(key);
      c.put('file', key, { i, pad: 'x'.repeat(1000) });
      // older entries look older
      const f = path.join(dir, 'file', key.slice(0, 2), `${key}.json`);
      const t = new Date(Date.now() - (200 - i) * 60_000);
      fs.utimesSync(f, t, t);
    }
    c.finish();
    const size = allEntries(dir).reduce((n, f) => n + fs.statSync(f).size, 0);
    assert.ok(size <= bound, `size ${size} within the bound ${bound}`);
    assert.ok(c.stats.evicted > 100, `evicted ${c.stats.evicted}`);
    const reader = new ResultCache(dir, bound);
    assert.deepEqual(reader.get('file', keys[199]!), { i: 199, pad: 'x'.repeat(1000) }, 'the newest entry is kept');
    assert.equal(reader.get('file', keys[0]!), undefined, 'the oldest entry is gone');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('result cache: an unwritable directory does not fail the audit', async () => {
  const base = cacheDir();
  try {
    const blocked = path.join(base, 'file-not-dir');
    fs.writeFileSync(blocked, 'x');
    const { config } = loadConfig(fixture('showcase'), { noConfig: true });
    const r = await runAudit({ target: fixture('showcase'), config, jobs: 1, cache: new ResultCache(blocked) });
    const cold = await runAudit({ target: fixture('showcase'), config, jobs: 1 });
    assert.equal(stable(r), stable(cold));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('result cache: a module copy behind a go.mod replace is third-party in per-file analysis, and adding the replace is not answered from the cache', async () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-cache-copy-'));
  const dir = cacheDir();
  const leak = (pkg: string) => `package ${pkg}\n\nimport "log"\n\nfunc Resolve(tag string) string {\n\tif tag == "" {\n\t\tlog.Fatal("empty tag")\n\t}\n\treturn tag\n}\n`;
  try {
    fs.writeFileSync(path.join(repo, 'go.mod'), 'module github.com/acme/shop\n\ngo 1.22\n\nrequire github.com/other/kit v0.0.0-00010101000000-000000000000\n');
    fs.mkdirSync(path.join(repo, 'kit', 'loop'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'kit', 'go.mod'), 'module github.com/other/kit\n\ngo 1.22\n');
    fs.writeFileSync(path.join(repo, 'kit', 'loop', 'loop.go'), leak('loop'));
    const rules = allRules().filter((r) => r.meta.name === 'exit-in-library');
    const roles = async (cache?: ResultCache) => {
      const res = await runEngine({ root: repo, rules, jobs: 1, cache });
      const inKit = res.findings.filter((f) => f.file.includes(`${path.sep}kit${path.sep}loop${path.sep}`));
      assert.ok(inKit.length > 0, 'the copied file has findings');
      return [...new Set(inKit.map((f) => `${f.role} ${f.roleReason ?? ''}`.trim()))];
    };
    assert.deepEqual(await roles(new ResultCache(dir)), ['production'], 'without a replace the folder is a module of the repository');
    fs.appendFileSync(path.join(repo, 'go.mod'), '\nreplace github.com/other/kit => ./kit\n');
    const expected = ['third-party copy of github.com/other/kit (replace in go.mod)'];
    assert.deepEqual(await roles(), expected, 'cold');
    assert.deepEqual(await roles(new ResultCache(dir)), expected, 'cached: the replace is part of the file\'s key');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
