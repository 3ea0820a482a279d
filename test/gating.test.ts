/** Baselines, --new-from-rev, per-dimension gates, and exit codes that do not depend on the output format. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Ajv } from 'ajv';
import { fixture, projectRoot } from './helpers/paths.js';
import { cli, withFixtureRules } from './helpers/cli.js';
import { parseUnifiedDiff, unquoteGitPath } from '../src/vcs/git-diff.js';
import { applyBaseline, buildBaseline, emptyBaselineSummary, parseBaseline } from '../src/pipeline/baseline.js';
import type { Finding } from '../src/core/types.js';
import type { PipelineState } from '../src/pipeline/types.js';
import { allRules } from '../src/rules/registry.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const require = createRequire(import.meta.url);
const sample = fixture('sample');

/** Only CON1001 (ticker-not-stopped) runs in the temp repositories, whatever rules are added later. */
// CON1001 alone (experimental since the blind-record gate: enabled; enable wins over disable)
const ONLY_TICKER = ['--disable', allRules().map((r) => r.meta.id).filter((id) => id !== 'CON1001').join(','), '--enable', 'CON1001'];

const LEAK = (name: string) => `func ${name}(f func()) {\n\tt := time.NewTicker(time.Second)\n\tfor range t.C {\n\t\tf()\n\t}\n}\n`;

function tmpRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-gate-'));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/g\n\ngo 1.22\n');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(dir: string, args: string[]): Promise<{ code: number | null; stderr: string; report: any }> {
  const r = await cli(['audit', dir, '--no-config', ...ONLY_TICKER, '--format', 'json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) };
}

const finding = (file: string, line: number, ruleId = 'CON1001', extra: Partial<Finding> = {}): Finding => ({
  ruleId, ruleName: 'x', dimension: 'concurrency', severity: 'medium', confidence: 'high', message: 'm', file, line, column: 1, fix: 'f', ...extra,
});

describe('baseline', () => {
  test('unit: counts per file and rule; covered / new / increased; fixed', async () => {
    const b = buildBaseline([finding('a.go', 3), finding('a.go', 9), finding('b.go', 1, 'SEC1001'), finding('a.go', 4, 'CON1001', { suppressed: { kind: 'goready' } })]);
    assert.deepEqual(b, { version: 1, tool: 'goready', files: { 'a.go': { CON1001: 2 }, 'b.go': { SEC1001: 1 } } });
    const summary = emptyBaselineSummary();
    const state = { findings: [finding('a.go', 30), finding('a.go', 40), finding('a.go', 50), finding('c.go', 1)] } as unknown as PipelineState;
    const out = applyBaseline(b, summary)(state);
    assert.deepEqual(out.findings.map((f) => f.baseline), ['increased', 'increased', 'increased', 'new']);
    assert.deepEqual(summary.increasedGroups, [{ file: 'a.go', ruleId: 'CON1001', baseline: 2, current: 3 }]);
    assert.equal(summary.fixed, 1, 'b.go SEC1001 is gone');
    assert.throws(() => parseBaseline('{"version":1,"tool":"goready","files":{"a.go":{"X":-1}}}', 'f'), /non-negative integer/);
    assert.throws(() => parseBaseline('[]', 'f'), /not a goready baseline/);
  });

  test('moved code stays hidden; a new finding shows; gates ignore covered findings; SARIF marks them', async () => {
    const body = (fns: string[]) => `package p\n\nimport "time"\n\n${fns.join('\n')}`;
    const repo = tmpRepo({ 'p/p.go': body([LEAK('A'), LEAK('B')]) });
    const baselineFile = path.join(repo, 'goready-baseline.json');
    const w = await cli(['baseline', 'write', repo, '--no-config', ...ONLY_TICKER, '--output', baselineFile]);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /baseline of 2 finding\(s\) in 1 file\(s\) written/);
    assert.deepEqual(JSON.parse(fs.readFileSync(baselineFile, 'utf8')).files, { 'p/p.go': { CON1001: 2 } });

    // code moves: new lines above, functions swapped
    fs.writeFileSync(path.join(repo, 'p/p.go'), body(['// moved around\n', 'func Other() {}\n', LEAK('B'), LEAK('A')]));
    const moved = await json(repo, ['--baseline', baselineFile, '--fail-on', 'low']);
    assert.equal(moved.code, 0, 'covered findings do not fail the gate');
    assert.deepEqual(moved.report.findings.map((f: Finding) => f.baseline), ['covered', 'covered']);
    assert.equal(moved.report.baseline.covered, 2);
    const text = await cli(['audit', repo, '--no-config', ...ONLY_TICKER, '--baseline', baselineFile]);
    assert.match(text.stdout, /No findings\./);
    assert.match(text.stdout, /Not shown: 2 covered by the baseline/);

    // a new finding in the same file (count 2 -> 3) and one in a new file
    fs.writeFileSync(path.join(repo, 'p/p.go'), body([LEAK('B'), LEAK('A'), LEAK('C')]));
    fs.writeFileSync(path.join(repo, 'p/q.go'), body([LEAK('Q')]));
    const grown = await json(repo, ['--baseline', baselineFile, '--fail-on', 'low']);
    assert.equal(grown.code, 1);
    assert.deepEqual(grown.report.findings.map((f: Finding) => `${f.file}:${f.baseline}`), ['p/p.go:increased', 'p/p.go:increased', 'p/p.go:increased', 'p/q.go:new']);
    assert.deepEqual(grown.report.baseline.increasedGroups, [{ file: 'p/p.go', ruleId: 'CON1001', baseline: 2, current: 3 }]);
    const grownText = await cli(['audit', repo, '--no-config', ...ONLY_TICKER, '--baseline', baselineFile]);
    assert.match(grownText.stdout, /p\/q\.go:6:7 .*\[new\]/);
    assert.match(grownText.stdout, /p\/p\.go CON1001: 2 → 3/);

    // SARIF: covered results carry an external suppression and baselineState; the document stays valid
    fs.writeFileSync(path.join(repo, 'p/p.go'), body([LEAK('A'), LEAK('B')]));
    const sarif = JSON.parse((await cli(['audit', repo, '--no-config', ...ONLY_TICKER, '--baseline', baselineFile, '--format', 'sarif'])).stdout);
    const results = sarif.runs[0].results as { baselineState: string; suppressions?: { kind: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.deepEqual(results.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.baselineState, r.suppressions?.[0]?.kind]),
      [['p/p.go', 'unchanged', 'external'], ['p/p.go', 'unchanged', 'external'], ['p/q.go', 'new', undefined]]);
    const schemaFile = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'sarif-2.1.0.json');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv as unknown as Ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    fs.rmSync(repo, { recursive: true, force: true });
  });

  test('a missing or malformed baseline is a usage error (exit 2)', async () => {
    const missing = await cli(['audit', sample, '--no-config', '--baseline', path.join(os.tmpdir(), 'nope-baseline.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--baseline .*cannot read/);
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bl-')), 'b.json');
    fs.writeFileSync(bad, '{"findings": []}');
    const r = await cli(['audit', sample, '--no-config', '--baseline', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a goready baseline/);
  });
});

describe('--new-from-rev', () => {
  const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: GIT_ENV, stdio: 'pipe' }).toString();

  test('unit: hunk parsing and quoted paths', async () => {
    const diff = [
      'diff --git a/x.go b/x.go', '--- a/x.go', '+++ b/x.go', '@@ -3,0 +4,2 @@', '+a', '+b', '@@ -10 +12 @@', '-c', '+d', '@@ -20,2 +21,0 @@',
      'diff --git "a/we\\"ird \\303\\251.go" "b/we\\"ird \\303\\251.go"', '--- "a/we\\"ird \\303\\251.go"', '+++ "b/we\\"ird \\303\\251.go"', '@@ -1 +1 @@',
      '--- a/gone.go', '+++ /dev/null', '@@ -1,3 +0,0 @@',
    ].join('\n');
    const m = parseUnifiedDiff(diff);
    assert.deepEqual([...m.keys()], ['x.go', 'we"ird é.go']);
    assert.deepEqual([...(m.get('x.go') as Set<number>)], [4, 5, 12]);
    assert.equal(unquoteGitPath('"a\\tb\\\\c"'), 'a\tb\\c');
    assert.equal(unquoteGitPath('plain.go'), 'plain.go');
  });

  test('keeps only findings on lines changed since REV (uncommitted and untracked included); quoted paths', async () => {
    const repo = tmpRepo({ 'p/p.go': `package p\n\nimport "time"\n\n${LEAK('Old')}` });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    assert.equal((await json(repo, ['--new-from-rev', 'HEAD'])).report.findings.length, 0, 'nothing changed');
    // a new function appended (uncommitted) and an untracked file with an awkward name
    fs.appendFileSync(path.join(repo, 'p/p.go'), `\n${LEAK('New')}`);
    fs.writeFileSync(path.join(repo, 'p/we"ird <x>.go'), `package p\n\nimport "time"\n\n${LEAK('Untracked')}`);
    const r = await json(repo, ['--new-from-rev', 'HEAD', '--fail-on', 'low']);
    assert.deepEqual(r.report.findings.map((f: Finding) => `${f.file}:${f.line}`), ['p/p.go:13', 'p/we"ird <x>.go:6']);
    assert.equal(r.report.stats.hiddenByRev, 1);
    assert.deepEqual(r.report.newFromRev, { rev: 'HEAD', changedFiles: 2 });
    assert.equal(r.code, 1, 'the gate sees the new findings');
    // committed: same answer from HEAD~1, and the tracked quoted path goes through git diff now
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'two');
    assert.deepEqual((await json(repo, ['--new-from-rev', 'HEAD~1'])).report.findings.map((f: Finding) => `${f.file}:${f.line}`), ['p/p.go:13', 'p/we"ird <x>.go:6']);
    assert.equal((await json(repo, ['--new-from-rev', 'HEAD', '--fail-on', 'low'])).code, 0, 'nothing new since HEAD: gate passes');
    const text = await cli(['audit', repo, '--no-config', ...ONLY_TICKER, '--new-from-rev', 'HEAD~1']);
    assert.match(text.stdout, /1 not on lines changed since HEAD~1/);

    // a shallow clone: REV present works, REV absent is a clear error
    const shallow = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow], { env: GIT_ENV, stdio: 'pipe' });
    assert.equal((await json(shallow, ['--new-from-rev', 'HEAD'])).report.findings.length, 0);
    const missing = await cli(['audit', shallow, '--no-config', '--new-from-rev', 'HEAD~1']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /revision 'HEAD~1' not found .*shallow clone/);
    fs.rmSync(shallow, { recursive: true, force: true });
    fs.rmSync(repo, { recursive: true, force: true });
  });

  test('not a git repository, unknown revision, option-like revision: exit 2 with a clear message', async () => {
    const plain = tmpRepo({ 'a.go': 'package a\n' });
    const r = await cli(['audit', plain, '--no-config', '--new-from-rev', 'HEAD']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not inside a git work tree/);
    git(plain, 'init', '-q');
    const unknown = await cli(['audit', plain, '--no-config', '--new-from-rev', 'no-such-branch']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /revision 'no-such-branch' not found/);
    const opt = await cli(['audit', plain, '--no-config', '--new-from-rev=--output=/tmp/x']);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /is not a revision/);
    fs.rmSync(plain, { recursive: true, force: true });
  });
});

describe('gates', () => {
  const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'html'];
  /**
   * The exit code of one audit per format, run in-process (the exit code is main's), and the exit code of a real
   * process for one of the formats (a different one each call), which must be the same.
   */
  let processFormat = 0;
  const codes = async (args: string[]) => {
    const argv = (f: string) => ['audit', ...args, '--quiet', '--jobs', '1', '--format', f];
    const f = FORMATS[processFormat++ % FORMATS.length]!;
    const real = new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), ...withFixtureRules(argv(f))], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, () => resolve(child.exitCode));
    });
    const inProcess: (number | null)[] = [];
    for (const format of FORMATS) inProcess.push((await cli(argv(format))).code);
    assert.equal(await real, inProcess[FORMATS.indexOf(f)], `the process's exit code (--format ${f}) is main's`);
    return inProcess;
  };

  test('min-dimension-scores in .goready.yaml: below the minimum, or inconclusive, fails; the exit code is the same for every format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-dim-'));
    fs.cpSync(sample, path.join(dir, 'repo'), { recursive: true });
    const repo = path.join(dir, 'repo');
    // the repository's own config, named explicitly: its rules are the test's (CON1001 and ENG1003 are experimental by the blind-record gate)
    const cfg = path.join(repo, '.goready.yaml');
    fs.writeFileSync(cfg, 'version: 1\nrules: {enable: [CON1001]}\nmin-dimension-scores:\n  concurrency: 90\n');
    assert.deepEqual(await codes([repo, '--config', cfg]), FORMATS.map(() => 1));
    const j = JSON.parse((await cli(['audit', repo, '--config', cfg, '--format', 'json'])).stdout);
    assert.match(j.gate.reasons.join(), /concurrency score \d+ is below its minimum 90/);
    fs.writeFileSync(cfg, 'version: 1\nrules: {enable: [CON1001, ENG1003]}\nmin-dimension-scores: {concurrency: 10, engineering: 10}\n');
    assert.deepEqual(await codes([repo, '--config', cfg]), FORMATS.map(() => 0));
    fs.writeFileSync(cfg, 'version: 1\nrules: {enable: [CON1001]}\nmin-dimension-scores: {security: 10}\n');
    const inconclusive = await cli(['audit', repo, '--config', cfg]);
    assert.equal(inconclusive.code, 1);
    assert.match(inconclusive.stdout, /security is inconclusive .*: its minimum score 10 is not met/);
    fs.writeFileSync(cfg, 'version: 1\nrules: {enable: [CON1001]}\nmin-dimension-scores: {bogus: 10}\n');
    assert.equal((await cli(['audit', repo, '--config', cfg])).code, 2);
    fs.writeFileSync(cfg, 'version: 1\nrules: {enable: [CON1001]}\nmin-dimension-scores: {security: 101}\n');
    assert.equal((await cli(['audit', repo, '--config', cfg])).code, 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--fail-on / --min-score / --min-dimension-score give the same exit code whatever the format', async () => {
    assert.deepEqual(await codes([sample, '--no-config', '--fail-on', 'medium']), FORMATS.map(() => 1));
    assert.deepEqual(await codes([sample, '--no-config', '--fail-on', 'critical']), FORMATS.map(() => 0));
    assert.deepEqual(await codes([sample, '--no-config', '--min-dimension-score', 'concurrency=90']), FORMATS.map(() => 1));
    // several formats in one run: same code again
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-multi-'));
    const multi = await cli(['audit', sample, '--no-config', '--fail-on', 'medium', '--format', 'text', '--format', `sarif=${path.join(dir, 'o.sarif')}`, '--format', `html=${path.join(dir, 'o.html')}`]);
    assert.equal(multi.code, 1);
    assert.equal((await cli(['audit', sample, '--no-config', '--min-dimension-score', 'nope=3'])).code, 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('hiding findings (--min-severity) never makes a gate pass', async () => {
    assert.equal((await cli(['audit', sample, '--no-config', '--fail-on', 'medium', '--min-severity', 'critical'])).code, 1);
  });
});
