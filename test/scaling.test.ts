/**
 * Pathological input: deep nesting is given up with a diagnostic (never a crash), and a file whose
 * analysis overruns its time budget is reported while the rest of the audit completes — both the
 * cooperative stop (between rule calls) and the hard one (a worker thread terminated); a file whose analysis
 * exhausts a worker's heap is reported the same way.
 * Results are asserted, not times (timings belong to `npm run bench:scaling`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { runAudit } from '../src/audit/run-audit.js';
import { analyzeAll } from '../src/engine/pool.js';
import type { FileRule } from '../src/rules/define-rule.js';
import { allRules, fileRulesOf } from '../src/rules/registry.js';
import { bracketNestingDepth, MAX_NESTING_DEPTH } from '../src/go/nesting.js';
import { walkRepo } from '../src/walk/walker.js';
import { tempRepo } from './helpers/temp-repo.js';
import { projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';

const GO_MOD = 'module example.com/deep\n\ngo 1.22\n';
/** A file the time-after-in-loop rule (CON1003, experimental: enabled here) flags: proves the rest of the audit still ran. */
const NORMAL = 'package main\n\nimport "time"\n\n// referenced: functions nothing references are unreachable code, not reported\nvar _ = poll\n\nfunc poll(ch chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(time.Second):\n\t\t}\n\t}\n}\n';
const nested = (n: number, open: string, inner: string, close: string) => `${open.repeat(n)}${inner}${close.repeat(n)}`;

async function audit(files: Record<string, string>) {
  const { dir, cleanup } = tempRepo({ 'go.mod': GO_MOD, 'normal.go': NORMAL, ...files });
  try {
    const { config } = loadConfig(dir, { noConfig: true, cli: { enable: ['CON1003'] } });
    return await runAudit({ target: dir, config });
  } finally {
    cleanup();
  }
}

test('bracket nesting is measured outside comments and literals', async () => {
  assert.equal(bracketNestingDepth('func f() { g(a[1]) }'), 3);
  assert.equal(bracketNestingDepth('// ((((((\n/* {{{{ */ x := "((((" + `[[[[` + \'(\'\nf()'), 1);
  assert.equal(bracketNestingDepth('s := "a\\"((("; f()'), 1);
  assert.equal(bracketNestingDepth('('.repeat(1000), 10), 11, 'stops counting above the cap');
});

for (const [kind, open, inner, close] of [
  ['for loops', 'for {\n', 'select { case <-time.After(time.Second): }\n', '}\n'],
  ['function literals', 'go func() {\n', 'select { case <-time.After(time.Second): }\n', '}()\n'],
  ['if statements', 'if x != "" {\n', 'select { case <-time.After(time.Second): }\n', '}\n'],
] as const) {
  test(`a file nested 10,000 levels deep (${kind}) is given up with a diagnostic; the rest of the audit completes`, async () => {
    const deep = `package main\n\nimport "time"\n\nvar x = ""\n\nfunc main() {\n_ = time.Now\n${nested(10_000, open, inner, close)}}\n`;
    const report = await audit({ 'deep.go': deep });
    const d = report.diagnostics.find((x) => x.code === 'nesting-too-deep');
    assert.ok(d, `diagnostics: ${report.diagnostics.map((x) => x.code).join(', ')}`);
    assert.match(d.file ?? '', /deep\.go$/);
    assert.match(d.message, /nesting deeper than 256/);
    assert.ok(report.findings.some((f) => f.ruleId === 'CON1003' && f.file === 'normal.go'), 'the normal file was analysed');
    assert.ok(!report.findings.some((f) => f.file === 'deep.go'));
    assert.ok(!report.diagnostics.some((x) => x.code === 'rule-error' || x.code === 'internal-error'));
  });
}

test('the depth cap: just under it the file is analysed, just over it is not', async () => {
  const body = (n: number) => `package main\n\nimport "time"\n\nvar _ = f\n\nfunc f(ch chan int) {\n${nested(n, '_ = func() {\n', 'for {\nselect {\ncase <-ch:\ncase <-time.After(time.Second):\n}\n}\n', '}\n')}}\n`;
  const under = await audit({ 'deep.go': body(MAX_NESTING_DEPTH - 4) });
  assert.ok(!under.diagnostics.some((x) => x.code === 'nesting-too-deep'));
  assert.ok(under.findings.some((f) => f.ruleId === 'CON1003' && f.file === 'deep.go'), 'analysed under the cap');
  const over = await audit({ 'deep.go': body(MAX_NESTING_DEPTH + 1) });
  assert.ok(over.diagnostics.some((x) => x.code === 'nesting-too-deep' && /deep\.go$/.test(x.file ?? '')));
  assert.ok(!over.findings.some((f) => f.file === 'deep.go'));
});

test('10,000 nested parentheses and a 4,000-term string concatenation complete without a crash', async () => {
  const terms = Array.from({ length: 4000 }, (_, i) => (i % 2 ? `r.FormValue("p${i}")` : `" AND c${i} = "`));
  const report = await audit({
    'parens.go': `package main\n\nimport "time"\n\nvar _ = f\n\nfunc f(ch chan int, x int) int {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(time.Second):\n\t\t\treturn ${nested(10_000, '(', 'x', ')')}\n\t\t}\n\t}\n}\n`,
    'concat.go': `package main\n\nimport (\n\t"database/sql"\n\t"net/http"\n)\n\nvar _ = h\n\nfunc h(db *sql.DB, r *http.Request) {\n\tq := "SELECT * FROM t WHERE a = " + ${terms.join(' +\n\t\t')}\n\tdb.Query(q)\n}\n`,
  });
  assert.ok(report.diagnostics.some((x) => x.code === 'nesting-too-deep' && /parens\.go$/.test(x.file ?? '')));
  assert.ok(!report.diagnostics.some((x) => x.code === 'rule-error' || x.code === 'internal-error'), report.diagnostics.map((x) => x.message).join('\n'));
  assert.equal(report.stats.parsedFiles, 2, 'normal.go and the long concatenation were parsed and analysed');
  assert.ok(report.findings.some((f) => f.ruleId === 'CON1003' && f.file === 'normal.go'));
});

// ---------------------------------------------------------------- per-file time budget

const base = fileRulesOf(allRules()).find((r) => r.meta.id === 'CON1003')!;
/** A rule that takes `ms` per identifier in files marking themselves SLOWMARK. */
const slowRule = (ms: number): FileRule => ({
  ...base,
  meta: { ...base.meta, id: 'TEST9999', name: 'test-slow' },
  prefilter: ['SLOWMARK'], prefilterAll: undefined, prefilterRegex: undefined,
  create: (ctx) => ({
    identifier: (n) => {
      const until = performance.now() + ms;
      while (performance.now() < until) { /* busy */ }
      if (n.text === 'SLOWMARK') ctx.report({ node: n, messageId: Object.keys(base.meta.messages)[0]! });
    },
  }),
});

test('a file over its budget is stopped between rule calls and reported; the other files keep their findings', async () => {
  // ~150 identifiers of 2 ms each: ~0.3 s of rule work, three times the budget below (and as much busy CPU in the generous run)
  const ids = Array.from({ length: 150 }, (_, i) => `v${i}`).join(', ');
  const { dir, cleanup } = tempRepo({ 'normal.go': NORMAL, 'slow.go': `package main\n\nvar SLOWMARK, ${ids} int\n` });
  try {
    const reqs = ['normal.go', 'slow.go'].map((rel) => ({ absPath: path.join(dir, rel), relPath: rel, maxFileSize: 1 << 22 }));
    const rules = [...fileRulesOf(allRules()), slowRule(2)];
    const res = await analyzeAll(rules, reqs, { jobs: 1, fileBudgetMs: 100 });
    const slow = res.find((r) => r.relPath === 'slow.go')!;
    assert.deepEqual(slow.diagnostics.map((d) => d.code), ['file-timeout']);
    assert.deepEqual(slow.findings, []);
    assert.ok(res.find((r) => r.relPath === 'normal.go')!.findings.some((f) => f.ruleId === 'CON1003'));
    // the same file within a generous budget: analysed to the end, the slow rule's finding kept
    const generous = await analyzeAll(rules, reqs, { jobs: 1, fileBudgetMs: 60_000 });
    const ok = generous.find((r) => r.relPath === 'slow.go')!;
    assert.deepEqual(ok.diagnostics, []);
    assert.ok(ok.findings.some((f) => f.ruleId === 'TEST9999'));
  } finally {
    cleanup();
  }
});

test('a worker stuck on one file is terminated at the hard budget; its batch is re-queued and nothing else is lost', async () => {
  // one dimension's testdata: enough files for batches of 8 on two workers (the whole src/rules, ~500 files analysed
  // twice, cost ~3 CPU-s more and tested nothing else; every rule's results crossing the pool: pool.test.ts)
  const root = path.join(projectRoot, 'src', 'rules', 'concurrency', 'testdata');
  const rules = fileRulesOf(allRules());
  const reqs = walkRepo(root, { skipDirs: ['node_modules'] }).goFiles.map((f) => ({ absPath: f.abs, relPath: f.rel, maxFileSize: 1 << 22, goVersion: '1.21' }));
  assert.ok(reqs.length > 50, `${reqs.length} files`);
  const stuck = reqs[3]!; // early in the first batch: the rest of that batch must be re-queued
  const summary = (rs: Awaited<ReturnType<typeof analyzeAll>>) => rs.filter((r) => r.relPath !== stuck.relPath).map((r) => `${r.relPath}:${r.findings.map((f) => `${f.ruleId}@${f.line}`).join(',')}`);
  const single = await analyzeAll(rules, reqs, { jobs: 1 });
  assert.ok(single.filter((r) => r.findings.length).length > 20, 'files with findings, to be lost or not');
  process.env.GOREADY_TEST_SPIN_FILE = stuck.relPath; // workers copy the environment when they start
  let pooled;
  try {
    // a generous soft budget (this machine may be loaded), a short hard one: only the stuck file hits it (it loops, never
    // returning, until its worker is terminated: the hard budget plus up to a quarter of it for the watchdog to see it)
    pooled = await analyzeAll(rules, reqs, { jobs: 2, inProcessBelow: 0, fileBudgetMs: 60_000, hardBudgetMs: 2000, stallMs: 30_000 });
  } finally {
    delete process.env.GOREADY_TEST_SPIN_FILE;
  }
  assert.equal(pooled.length, reqs.length);
  const r = pooled.find((x) => x.relPath === stuck.relPath)!;
  assert.equal(r.skipped, 'timeout');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['file-timeout']);
  assert.match(r.diagnostics[0]!.message, /worker thread was terminated/);
  assert.ok(!pooled.some((x) => x !== r && x.diagnostics.some((d) => d.code === 'file-timeout')));
  assert.deepEqual(summary(pooled), summary(single));
});

test('a file whose analysis exhausts the worker heap is reported; the rest of its batch is analysed by a fresh worker', async () => {
  // ~1 MB of functions (the limit on a file is 4 MiB): far more heap than 24 MiB to analyse, while a worker starts in it
  // (it loads the parser and every rule; 12 MiB is too little for that on Node 20)
  const fn = (i: number) => `func f${i}(ch chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\tcase <-time.After(time.Second):\n\t\t}\n\t}\n}\n`;
  const big = `package main\n\nimport "time"\n\n${Array.from({ length: 10_000 }, (_, i) => fn(i)).join('')}`;
  const { dir, cleanup } = tempRepo({ 'big.go': big, 'normal.go': NORMAL });
  try {
    // one batch, the big file first: normal.go is the rest of the batch the dead worker had in hand
    const reqs = ['big.go', 'normal.go'].map((rel) => ({ absPath: path.join(dir, rel), relPath: rel, maxFileSize: 1 << 22, goVersion: '1.21' }));
    const res = await analyzeAll(fileRulesOf(allRules()), reqs, { jobs: 2, inProcessBelow: 0, workerHeapMb: 24, stallMs: 60_000 });
    assert.deepEqual(res.map((r) => r.relPath), ['big.go', 'normal.go']);
    const r = res[0]!;
    assert.equal(r.skipped, 'out-of-memory');
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['file-out-of-memory']);
    assert.match(r.diagnostics[0]!.message, /big\.go ran out of memory \(worker heap limit 24 MiB\)/);
    assert.deepEqual(res[1]!.diagnostics, []);
    assert.ok(res[1]!.findings.some((f) => f.ruleId === 'CON1003'));
  } finally {
    cleanup();
  }
});

test('directories nested deeper than the walk depth limit are reported, not walked; shallower files are found', async () => {
  const deepRel = `${Array.from({ length: 300 }, () => 'd').join('/')}/deep.go`;
  const { dir, cleanup } = tempRepo({ 'go.mod': GO_MOD, 'd/d/shallow.go': 'package d\n', [deepRel]: 'package d\n' });
  try {
    const walk = walkRepo(dir);
    assert.deepEqual(walk.goFiles.map((f) => f.rel), ['d/d/shallow.go']);
    const d = walk.diagnostics.filter((x) => x.code === 'walk-depth-limit');
    assert.equal(d.length, 1);
    assert.match(d[0]!.message, /deeper than 256 levels/);
  } finally {
    cleanup();
  }
});

test('--file-timeout reaches the analysis: a tiny budget times files out, a bad value is a usage error', async () => {
  const fixture = path.join(projectRoot, 'test', 'fixtures', 'showcase');
  const r = await cli(['audit', fixture, '--no-config', '--format', 'json', '--file-timeout', '0.001', '--jobs', '1']);
  const report = JSON.parse(r.stdout) as { diagnostics: { code: string; message: string }[] };
  const timeouts = report.diagnostics.filter((d) => d.code === 'file-timeout');
  assert.ok(timeouts.length > 0, `diagnostics: ${report.diagnostics.map((d) => d.code).join(', ')}`);
  assert.match(timeouts[0]!.message, /per-file budget of 0\.001 s/);
  assert.equal((await cli(['audit', fixture, '--file-timeout', 'soon'])).code, 2);
});

test('--file-timeout reaches the fact readers: Dockerfile, Makefile and Kubernetes YAML over a tiny budget are file diagnostics, the audit completes', async () => {
  const { dir, cleanup } = tempRepo({
    'go.mod': GO_MOD,
    'normal.go': NORMAL,
    // 1,200 instructions: far more than the budget's clock granularity (256 checks), and parsed in ~30 ms (12,000 took ~0.8 s)
    Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM build AS again\nCOPY --from=build /out/app /app\n'.repeat(300),
    Makefile: 'FLAGS ?= -race\n\ntest:\n\tgo test $(FLAGS) ./...\n\n'.repeat(4000),
    'deploy/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n'.repeat(3000),
  });
  try {
    const r = await cli(['audit', dir, '--no-config', '--format', 'json', '--file-timeout', '0.001', '--jobs', '1']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr.slice(0, 300));
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; file?: string; message: string }[] };
    const over = report.diagnostics.filter((d) => /per-file budget of 0\.001 s/.test(d.message));
    for (const f of ['Dockerfile', 'Makefile', 'deploy/app.yaml']) {
      assert.ok(over.some((d) => d.file?.endsWith(f)), `${f}: ${JSON.stringify(report.diagnostics.map((d) => [d.code, d.file]))}`);
    }
    // with the default budget the same files are read
    const normal = JSON.parse((await cli(['audit', dir, '--no-config', '--format', 'json', '--jobs', '1'])).stdout) as typeof report;
    assert.ok(!normal.diagnostics.some((d) => /per-file budget/.test(d.message)), JSON.stringify(normal.diagnostics).slice(0, 500));
  } finally {
    cleanup();
  }
});
