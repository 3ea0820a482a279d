/**
 * ENG1010 and the repository's own history (facts/go-mod-history.ts): regular whole-dependency
 * updates of go.mod in the 90 days before the newest commit mean the modules are proposed for
 * update by hand (no finding); targeted fixes for an advisory, updates older than the window, a
 * shallow clone or a root that is not itself a git work tree leave the finding. "Now" is the newest
 * commit: the fixtures are dated years back, so the wall clock would see no recent commit at all.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEngine } from '../src/engine/engine.js';
import { selectRules } from '../src/rules/registry.js';
import { isRoutineUpdate } from '../src/facts/go-mod-history.js';

const hasGit = spawnSync('git', ['--version']).status === 0 && process.platform !== 'win32';
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'm', GIT_AUTHOR_EMAIL: 'm@example.com', GIT_COMMITTER_NAME: 'm', GIT_COMMITTER_EMAIL: 'm@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-gomodhist-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));

/** A repository whose go.mod is changed by one commit per (date, subject), then a last unrelated commit at `last`. */
function repoWith(name: string, commits: [string, string][], last: string): string {
  const dir = path.join(base, name);
  fs.mkdirSync(dir);
  const g = (date: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.21\n\nrequire example.com/lib v1.0.0\n');
  g('2019-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
  g('2019-01-01T00:00:00Z', 'add', '-A');
  g('2019-01-01T00:00:00Z', 'commit', '-q', '-m', 'initial');
  commits.forEach(([date, subject], i) => {
    fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/app\n\ngo 1.21\n\nrequire example.com/lib v1.${i + 1}.0\n`);
    g(date, 'commit', '-q', '-am', subject);
  });
  fs.writeFileSync(path.join(dir, 'README.md'), 'app\n');
  g(last, 'add', '-A');
  g(last, 'commit', '-q', '-m', 'docs');
  return dir;
}

async function eng1010(dir: string): Promise<string[]> {
  const res = await runEngine({ root: dir, rules: selectRules('ENG1010'), includeVendor: false, settings: {} });
  return res.findings.filter((f) => f.ruleId === 'ENG1010').map((f) => f.message);
}

describe('ENG1010 and the go.mod history', { skip: !hasGit && 'git not available' }, () => {
  const regular: [string, string][] = [['2020-03-02T10:00:00Z', 'chore: upgrade dependencies'], ['2020-04-01T10:00:00Z', 'update deps'], ['2020-05-04T10:00:00Z', 'chore: dependency upgrades']];

  test('regular whole-dependency updates in the 90 days before the newest commit: no finding', async () => {
    assert.deepEqual(await eng1010(repoWith('regular', regular, '2020-05-20T10:00:00Z')), []);
  });

  test('the same updates more than 90 days before the newest commit: reported', async () => {
    assert.equal((await eng1010(repoWith('stale', regular, '2020-11-01T10:00:00Z'))).length, 1);
  });

  test('targeted fixes for advisories and one-package bumps: reported', async () => {
    const reactive: [string, string][] = [['2020-03-02T10:00:00Z', 'bump deps with CVEs'], ['2020-04-01T10:00:00Z', 'deps: bump example.com/lib to v1.2.0'], ['2020-05-04T10:00:00Z', 'fix: upgrade x/crypto for GHSA-xxxx']];
    assert.equal((await eng1010(repoWith('reactive', reactive, '2020-05-20T10:00:00Z'))).length, 1);
  });

  test('a shallow clone shows no history: reported', async () => {
    const src = repoWith('origin', regular, '2020-05-20T10:00:00Z');
    const dst = path.join(base, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${src}`, dst], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal((await eng1010(dst)).length, 1);
  });

  test('a directory inside a work tree is not judged by the enclosing history: reported', async () => {
    const dir = repoWith('outer', regular, '2020-05-20T10:00:00Z');
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'go.mod'), 'module example.com/sub\n\ngo 1.21\n');
    fs.writeFileSync(path.join(sub, 'main.go'), 'package main\n\nfunc main() {}\n');
    assert.equal((await eng1010(sub)).length, 1);
  });

  test('what counts as a routine update', () => {
    assert.ok(isRoutineUpdate('dependabot[bot]', 'Bump example.com/lib from 1.0.0 to 1.1.0'));
    assert.ok(isRoutineUpdate('m', 'flake, go.mod: refresh dependencies'));
    assert.ok(isRoutineUpdate('m', 'Upgrade all deps and use Go 1.26.1'));
    assert.ok(!isRoutineUpdate('m', 'update deps to resolve CVEs'));
    assert.ok(!isRoutineUpdate('m', 'go.mod: add example.com/newdep'));
    assert.ok(!isRoutineUpdate('m', 'languages: update enry'));
  });
});
