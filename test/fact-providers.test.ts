import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineAsyncProvider, defineProvider, evidenceInput, factInput, factKey, filesInput, ProviderRegistry, type FactProvider } from '../src/facts/fact-provider.js';
import { FACT_PROVIDERS } from '../src/facts/fact-providers.js';
import { DOCKERFILES } from '../src/facts/dockerfiles.js';
import { CI_FACTS } from '../src/facts/ci-config.js';
import { MAIN_PACKAGE_DIRS } from '../src/facts/code-summaries.js';
import { runEngine } from '../src/engine/engine.js';
import { ResultCache } from '../src/cache/result-cache.js';
import { allRules, factProviders } from '../src/rules/registry.js';
import { GOVULNCHECK_EVIDENCE } from '../src/supply/govulncheck-evidence.js';
import { RepoFacts, type FactStore, type StoredFact } from '../src/facts/repo-facts.js';
import { fixture, projectRoot } from './helpers/paths.js';
import { combineEvidence } from '../src/facts/fact-provider.js';
import { ARTIFACT_EVIDENCE } from '../src/artifact/evidence.js';
import { artifactJoinEvidence } from '../src/audit/artifact-join.js';
import { PROBE_EVIDENCE, runtimeEvidence } from '../src/probe/evidence.js';
import { tempRepo } from './helpers/temp-repo.js';

const p = (id: string, reads: string[]): FactProvider<unknown> =>
  defineProvider({ provides: factKey(id), reads: reads.map((r) => factInput(factKey(r))), cacheable: true, compute: () => id });

test('fact providers: a provider closing a dependency cycle is rejected at registration', () => {
  const reg = new ProviderRegistry([p('a', ['b']), p('b', ['c'])]);
  assert.throws(() => reg.register(p('c', ['a'])), /c closes a dependency cycle: c → a → b → c/);
  assert.equal(reg.has(factKey('c')), false, 'the rejected provider is not kept');
  assert.throws(() => reg.register(p('self', ['self'])), /cycle: self → self/);
  assert.throws(() => reg.register(p('a', [])), /registered twice/);
  reg.register(p('c', []));
  assert.deepEqual(reg.order([factKey('a')]).map((x) => x.provides.id), ['c', 'b', 'a']);
});

test('fact providers: the registries have no cycle and every read is registered', () => {
  for (const reg of [FACT_PROVIDERS, factProviders()]) {
    for (const prov of reg.all) assert.doesNotThrow(() => reg.order([prov.provides]), prov.provides.id);
  }
});

test('fact providers: govulncheck evidence is one provider keyed by the evidence file: editing it recomputes, editing a Dockerfile does not', () => {
  const stream = (osv: string) => JSON.stringify({ finding: { osv, trace: [{ module: 'golang.org/x/net', version: 'v0.1.0', package: 'golang.org/x/net/http2', function: 'ConfigureServer' }, { position: { filename: 'main.go', line: 3 } }] } });
  const { dir, cleanup } = tempRepo({ Dockerfile: 'FROM scratch\n', 'main.go': 'package main\n' });
  const evidence = path.join(dir, '..', `${path.basename(dir)}-govulncheck.json`);
  const entries = new Map<string, StoredFact>();
  const store: FactStore = { load: (id, k) => entries.get(`${id} ${k}`), save: (id, k, v) => { entries.set(`${id} ${k}`, JSON.parse(JSON.stringify(v)) as StoredFact); } };
  const fresh = () => {
    const repo = new RepoFacts(dir, [], ['Dockerfile'], []);
    repo.providers = factProviders();
    repo.factStore = store;
    repo.evidence = { govulncheck: evidence };
    return repo;
  };
  try {
    fs.writeFileSync(evidence, stream('GO-2024-0001'));
    let repo = fresh();
    assert.equal(repo.fact(GOVULNCHECK_EVIDENCE)?.confirmed[0]?.site?.file, 'main.go');
    repo.fact(DOCKERFILES);
    // the Dockerfile facts read the release path (CI, GoReleaser, ko, release pipelines): only these two matter here
    const mine = (r: RepoFacts) => r.factsComputed.filter((id) => id === GOVULNCHECK_EVIDENCE.id || id === DOCKERFILES.id);
    assert.deepEqual(mine(repo), [GOVULNCHECK_EVIDENCE.id, DOCKERFILES.id]);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nUSER 65532\n');
    repo = fresh();
    repo.fact(GOVULNCHECK_EVIDENCE);
    repo.fact(DOCKERFILES);
    assert.deepEqual(mine(repo), [DOCKERFILES.id], 'the evidence is reused after a Dockerfile edit');
    fs.writeFileSync(evidence, stream('GO-2024-0002'));
    repo = fresh();
    assert.equal(repo.fact(GOVULNCHECK_EVIDENCE)?.confirmed[0]?.osv, 'GO-2024-0002');
    repo.fact(DOCKERFILES);
    assert.deepEqual(repo.factsComputed, [GOVULNCHECK_EVIDENCE.id], 'only the evidence provider recomputes after the evidence changes');
  } finally {
    fs.rmSync(evidence, { force: true });
    cleanup();
  }
});

test('fact providers: a fact read through memoised work is read by whoever uses the memo, not only by the first', () => {
  const BASE = factKey<number>('base');
  const { repo, cleanup } = tempRepo({});
  try {
    repo.providers = new ProviderRegistry([defineProvider({ provides: BASE, reads: [], cacheable: true, compute: () => 1 })]);
    // as the engine runs each rule: tracked (src/engine/repo-steps.ts), under what it declared
    const viaMemo = () => repo.track(() => repo.memo('sum', () => repo.fact(BASE) + 1)).value;
    assert.equal(repo.declaring('rule A', [BASE], viaMemo), 2);
    assert.equal(repo.declaring('rule B', [], viaMemo), 2);
    assert.deepEqual([...repo.undeclared], ['rule B reads base'], 'the memo replayed for B does not hide its read');
  } finally {
    cleanup();
  }
});

test('fact providers: an asynchronous provider is resolved once before it is read, its failure kept; its evidence is keyed by content', async () => {
  const LIST = factKey<string[]>('evidence:list');
  const BROKEN = factKey<string>('evidence:broken');
  const DERIVED = factKey<number>('derived');
  const { repo, dir, cleanup } = tempRepo({});
  let runs = 0;
  try {
    const a = path.join(dir, '..', `${path.basename(dir)}-a.bin`);
    const b = path.join(dir, '..', `${path.basename(dir)}-b.bin`);
    fs.writeFileSync(a, 'a');
    fs.writeFileSync(b, 'b');
    const lister = defineAsyncProvider({
      provides: LIST, reads: [evidenceInput('list')], cacheable: true,
      computeAsync: async (r) => { runs++; await new Promise((res) => setTimeout(res, 1)); return r.evidenceSources('list').map((f) => fs.readFileSync(f, 'utf8')); },
    });
    repo.providers = new ProviderRegistry([
      lister,
      defineAsyncProvider({ provides: BROKEN, reads: [], cacheable: false, computeAsync: () => Promise.reject(new Error('unreadable')) }),
      defineProvider({ provides: DERIVED, reads: [factInput(LIST)], cacheable: true, compute: (r) => r.fact(LIST).length }),
    ]);
    repo.evidence = { list: { sources: [a, b] } };
    assert.throws(() => repo.fact(LIST), /computed asynchronously: resolve it first/);
    assert.equal(runs, 0, 'reading it unresolved does not start it');
    assert.equal(await repo.resolve(DERIVED), 2, 'resolving a fact resolves what it reads first');
    assert.deepEqual(repo.declaring('join', [LIST], () => repo.fact(LIST)), ['a', 'b']);
    assert.equal(runs, 1);
    await assert.rejects(repo.resolve(BROKEN), /unreadable/);
    assert.throws(() => repo.fact(BROKEN), /unreadable/, 'the failure is kept for whoever reads it');
    const before = repo.inputsKey(lister);
    const other = new RepoFacts(dir, [], [], []);
    other.providers = repo.providers;
    other.evidence = { list: { sources: [a, b] } };
    assert.equal(other.inputsKey(lister), before, 'same evidence, same key');
    fs.writeFileSync(b, 'B');
    const edited = new RepoFacts(dir, [], [], []);
    edited.providers = repo.providers;
    edited.evidence = { list: { sources: [a, b] } };
    assert.notEqual(edited.inputsKey(lister), before, 'an edited evidence file changes the key');
    assert.equal(repo.track(() => repo.fact(DERIVED)).deps.evidence, true, 'work reading a fact derived from evidence read the evidence (a repo step is then not stored)');
    const fresh = new RepoFacts(dir, [], [], []);
    fresh.providers = repo.providers;
    fresh.evidence = { list: { sources: [a, b] } };
    await fresh.resolve(LIST);
    assert.equal(fresh.track(() => fresh.fact(DERIVED)).deps.evidence, true, 'also when the derived fact is computed by that work');
    const live = (r: RepoFacts) => { r.providers = repo.providers; r.evidence = { list: 'http://127.0.0.1:6060/debug/pprof/' }; return r.inputsKey(lister); };
    assert.notEqual(live(new RepoFacts(dir, [], [], [])), live(new RepoFacts(dir, [], [], [])), 'a live service is different on every run');
    fs.rmSync(a);
    fs.rmSync(b);
  } finally {
    cleanup();
  }
});

test('fact providers: a fact is computed once, after what it reads, and undeclared reads are recorded', () => {
  const calls: string[] = [];
  const BASE = factKey<string[]>('base');
  const TOP = factKey<number>('top');
  const files = filesInput('text files', (r) => r.endsWith('.txt'));
  const reg = new ProviderRegistry([
    defineProvider({ provides: BASE, reads: [files], cacheable: true, compute: (repo) => { calls.push('base'); return repo.parseFiles(files, 'text', (rel) => rel); } }),
    defineProvider({ provides: TOP, reads: [factInput(BASE)], cacheable: true, compute: (repo) => { calls.push('top'); return repo.fact(BASE).length; } }),
  ]);
  const { repo, cleanup } = tempRepo({ 'a.txt': 'a', 'b.txt': 'b', 'c.md': 'c' });
  try {
    repo.providers = reg;
    for (const prov of reg.order([TOP])) repo.fact(prov.provides);
    assert.equal(repo.fact(TOP), 2);
    assert.deepEqual(calls, ['base', 'top']);
    assert.deepEqual([...repo.undeclared], []);
    repo.declaring('rule X', [BASE], () => repo.fact(TOP));
    assert.deepEqual([...repo.undeclared], ['rule X reads top']);
  } finally {
    cleanup();
  }
});

test('fact providers: every repo rule declares the facts it reads (all rules over every testdata)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-facts-req-'));
  try {
    fs.cpSync(fixture('showcase'), dir, { recursive: true });
    const rules = path.join(projectRoot, 'src', 'rules');
    for (const dim of fs.readdirSync(rules)) {
      const td = path.join(rules, dim, 'testdata');
      if (fs.existsSync(td)) fs.cpSync(td, path.join(dir, 'pkg', dim), { recursive: true });
    }
    // in this thread (jobs 1): the repo rules read their facts in the main thread whatever the jobs,
    // and two worker threads would only add their start-up (~1.2 s of CPU)
    const r = await runEngine({ root: dir, rules: allRules(), jobs: 1 });
    assert.deepEqual([...r.repo.undeclared].sort(), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fact providers: the cache keys each provider by its declared inputs — editing a Dockerfile recomputes only what reads Dockerfiles', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-facts-cache-'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-facts-cache-dir-'));
  try {
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/svc\n\ngo 1.22\n');
    fs.mkdirSync(path.join(dir, 'cmd', 'svc'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cmd', 'svc', 'main.go'), 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM golang:1.22 AS build\nRUN go build -o /svc ./cmd/svc\nFROM gcr.io/distroless/static\nCOPY --from=build /svc /svc\n');
    fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n');
    const run = async () => {
      const cache = new ResultCache(cacheDir);
      const r = await runEngine({ root: dir, rules: allRules(), jobs: 1, cache });
      cache.finish();
      return r;
    };
    const cold = await run();
    for (const k of [DOCKERFILES, CI_FACTS, MAIN_PACKAGE_DIRS]) assert.ok(cold.repo.factsComputed.includes(k.id), `cold run computes ${k.id}`);
    const warm = await run();
    const uncacheable = factProviders().all.filter((x) => !x.cacheable).map((x) => x.provides.id);
    assert.deepEqual(warm.repo.factsComputed.filter((id) => !uncacheable.includes(id)), [], 'a warm run computes no cacheable provider');
    assert.ok(warm.repo.factsReused.includes(DOCKERFILES.id) && warm.repo.factsReused.includes(CI_FACTS.id));

    fs.appendFileSync(path.join(dir, 'Dockerfile'), 'USER nonroot\n');
    const edited = await run();
    const computed = new Set(edited.repo.factsComputed);
    assert.ok(computed.has(DOCKERFILES.id), 'the Dockerfile provider recomputes');
    for (const id of computed) {
      if (uncacheable.includes(id)) continue;
      const prov = factProviders().all.find((x) => x.provides.id === id)!;
      const readsDockerfiles = (q: FactProvider<unknown>): boolean => q.reads.some((r) => (r.kind === 'files' && r.match('Dockerfile', 'Dockerfile'))
        || (r.kind === 'fact' && readsDockerfiles(factProviders().get(r.key))));
      assert.ok(readsDockerfiles(prov), `${id} recomputed although it does not read Dockerfiles`);
    }
    for (const k of [CI_FACTS, MAIN_PACKAGE_DIRS]) assert.ok(edited.repo.factsReused.includes(k.id), `${k.id} is taken from the cache`);
    assert.equal(JSON.stringify(edited.repo.fact(DOCKERFILES)).includes('nonroot'), true, 'the recomputed value sees the edit');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('fact providers: artifact and runtime evidence are one provider each, resolved by the engine for the joins that require them', async () => {
  const { dir, cleanup } = tempRepo({ 'go.mod': 'module example.com/x\n\ngo 1.22\n' });
  const notGo = path.join(dir, '..', `${path.basename(dir)}-artifact.bin`);
  const saved = path.join(dir, '..', `${path.basename(dir)}-run.json`);
  try {
    fs.writeFileSync(notGo, 'not an executable');
    fs.writeFileSync(saved, JSON.stringify({ schemaVersion: '1.1.0', tool: { name: 'goready', version: 't' }, target: { source: 'http://127.0.0.1:1/', kind: 'url' }, startedAt: '2026-01-01T00:00:00Z',
      samples: [0, 1].map((i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), goroutines: 3, sites: {} })), siteInfo: [] }));
    const r = await runEngine({ root: dir, rules: [], jobs: 1, evidence: combineEvidence([artifactJoinEvidence([notGo]), runtimeEvidence(saved, { durationMs: 1000, intervalMs: 1000 })]) });
    assert.deepEqual(r.repo.factsComputed.filter((id) => id.startsWith('evidence:')).sort(), [ARTIFACT_EVIDENCE.id, PROBE_EVIDENCE.id]);
    const artifacts = r.repo.declaring('artifact join', [ARTIFACT_EVIDENCE], () => r.repo.fact(ARTIFACT_EVIDENCE));
    assert.deepEqual(artifacts.map((a) => [a.given, a.opened.reads.length, a.opened.diagnostics[0]?.code]), [[notGo, 0, 'artifact-malformed']]);
    assert.equal(r.repo.declaring('runtime join', [PROBE_EVIDENCE], () => r.repo.fact(PROBE_EVIDENCE))?.run?.samples.length, 2);
    assert.deepEqual([...r.repo.undeclared], []);
    assert.deepEqual(r.repo.factsComputed.filter((id) => id.startsWith('evidence:')).length, 2, 'read after the engine, computed once');
  } finally {
    fs.rmSync(notGo, { force: true });
    fs.rmSync(saved, { force: true });
    cleanup();
  }
});
