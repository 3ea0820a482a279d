/**
 * No program configured by the audited repository runs: a repository whose .git/config sets
 * core.fsmonitor, filter.<x>.clean/smudge/process, diff.<x>.textconv/command, diff.external,
 * log.showSignature with gpg.program and a hooks path — every one a script that records its call in
 * a marker file — and whose .gitattributes and .git/info/attributes route every file through those
 * drivers. A control run of plain git proves the traps fire; `goready survey` and `goready audit
 * --new-from-rev HEAD~1` (with a modified tracked file, so filters would be needed) must fire none.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './helpers/paths.js';
import { checkoutInfo } from '../src/vcs/git.js';
import { changedLinesSince } from '../src/vcs/git-diff.js';

const hasGit = spawnSync('git', ['--version']).status === 0 && process.platform !== 'win32';
const CLEAN_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };

describe('hostile git configuration', { skip: !hasGit && 'git not available' }, () => {
  let base: string;
  let repo: string;
  let marker: string;

  const g = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: CLEAN_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const fired = (): string => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-githostile-'));
    repo = path.join(base, 'repo');
    marker = path.join(base, 'PWNED');
    fs.mkdirSync(repo);
    const w = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true }); fs.writeFileSync(path.join(repo, rel), text); };
    w('go.mod', 'module example.com/h\n\ngo 1.22\n');
    w('main.go', 'package main\n\nfunc main() {}\n');
    w('svc/svc.go', 'package svc\n\nimport "time"\n\nfunc A() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n');
    w('.gitattributes', '* filter=x diff=x merge=x\n');
    g('init', '-q', '-b', 'main');
    g('add', '-A');
    g('commit', '-q', '-m', 'one');
    w('svc/svc.go', 'package svc\n\nimport "time"\n\nfunc A() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n\nfunc B() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n');
    g('add', '-A');
    g('commit', '-q', '-m', 'two');

    // the traps, installed after the commits
    const hook = path.join(base, 'hook.sh');
    fs.writeFileSync(hook, `#!/bin/sh\necho "ran: $*" >> '${marker}'\ncat\n`, { mode: 0o755 });
    fs.mkdirSync(path.join(base, 'hooks'));
    for (const h of ['post-checkout', 'post-index-change', 'pre-auto-gc', 'reference-transaction', 'fsmonitor-watchman']) fs.writeFileSync(path.join(base, 'hooks', h), `#!/bin/sh\necho "hook ${h}" >> '${marker}'\n`, { mode: 0o755 });
    fs.appendFileSync(path.join(repo, '.git', 'config'), [
      '[core]', `\tfsmonitor = ${hook} fsmonitor`, `\thooksPath = ${path.join(base, 'hooks')}`, '\tuntrackedCache = true',
      '[filter "x"]', `\tclean = ${hook} clean`, `\tsmudge = ${hook} smudge`, '\trequired = true',
      '[filter "y"]', `\tprocess = ${hook} process`,
      '[diff "x"]', `\ttextconv = ${hook} textconv`, `\tcommand = ${hook} command`,
      '[diff]', `\texternal = ${hook} external`,
      '[merge "x"]', `\tdriver = ${hook} merge`,
      '[log]', '\tshowSignature = true',
      '[gpg]', `\tprogram = ${hook}`,
      '',
    ].join('\n'));
    fs.mkdirSync(path.join(repo, '.git', 'info'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.git', 'info', 'attributes'), '*.go filter=x diff=x\ngo.mod filter=y\n');
    // a tracked file modified in the work tree (different size and mtime): git must hash it
    w('main.go', 'package main\n\n// changed\nfunc main() {}\n');
    fs.utimesSync(path.join(repo, 'go.mod'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
  });

  after(() => fs.rmSync(base, { recursive: true, force: true }));

  test('control: plain git in this repository runs the configured programs', () => {
    spawnSync('git', ['status', '--porcelain'], { cwd: repo, env: CLEAN_ENV });
    spawnSync('git', ['diff', 'HEAD~1'], { cwd: repo, env: CLEAN_ENV });
    const got = fired();
    assert.match(got, /ran: (fsmonitor|clean)/, `the traps fire for plain git: ${JSON.stringify(got)}`);
    assert.match(got, /ran: (external|textconv|command)/, `diff drivers fire for plain git: ${JSON.stringify(got)}`);
    fs.rmSync(marker, { force: true });
  });

  test('the git wrapper: status, log, diff and ls-files run none of them', async () => {
    fs.rmSync(marker, { force: true });
    const info = await checkoutInfo(repo);
    assert.match(info.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(info.dirty, true, 'the modified file is seen');
    const changed = await changedLinesSince(repo, 'HEAD~1');
    assert.ok(changed.has('svc/svc.go') && changed.has('main.go'), JSON.stringify([...changed.keys()]));
    assert.equal(fired(), '', 'no configured program ran');
  });

  test('goready survey and goready audit --new-from-rev HEAD~1 run none of them', () => {
    fs.rmSync(marker, { force: true });
    const list = path.join(base, 'list.txt');
    fs.writeFileSync(list, 'repo\n');
    const env = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: path.join(base, 'cache'), XDG_DATA_HOME: path.join(base, 'data') };
    const bin = path.join(projectRoot, 'bin', 'goready.js');
    const s = spawnSync(process.execPath, [bin, 'survey', list, '--db', path.join(base, 'h.db'), '--jobs', '1', '--quiet'], { cwd: base, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(s.status, 0, s.stderr);
    const a = spawnSync(process.execPath, [bin, 'audit', repo, '--new-from-rev', 'HEAD~1', '--format', 'json'], { cwd: base, env, encoding: 'utf8', timeout: 120_000 });
    assert.ok(a.status === 0 || a.status === 1, a.stderr);
    const report = JSON.parse(a.stdout) as { newFromRev?: { changedFiles: number } };
    assert.ok((report.newFromRev?.changedFiles ?? 0) >= 2, JSON.stringify(report.newFromRev));
    assert.equal(fired(), '', 'no configured program ran');
  });
});
