/**
 * The result cache over a repository of every rule's testdata: a warm run, edits, damaged entries, each compared with
 * a cold run. The cache's inputs and storage on small repositories are test/result-cache-inputs.test.ts (bundled with
 * the short files: this file is the longest of the suite and runs in a process of its own).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAudit } from '../src/audit/run-audit.js';
import { loadConfig } from '../src/config/config.js';
import { runEngine } from '../src/engine/engine.js';
import { ResultCache, parsePack } from '../src/cache/result-cache.js';
import type { Report } from '../src/report/model.js';
import { projectRoot, fixture } from './helpers/paths.js';
import { allEntries, allPacks, cacheDir, stable } from './helpers/cache-files.js';
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
