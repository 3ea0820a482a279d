/**
 * The result cache's inputs and storage, on small repositories: what keys an entry (the configuration, the per-file
 * budget, a go.mod replace), damaged packs, the pack format, eviction, an unwritable directory. The cache over a
 * repository of every rule's testdata (warm runs, edits, damaged entries) is test/result-cache.test.ts: a file of its
 * own, the longest of the suite, run beside the others.
 */
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
import { allEntries, allPacks, cacheDir, stable } from './helpers/cache-files.js';

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
