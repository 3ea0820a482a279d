/** `goready survey`: list parsing, URL validation, shallow clones from a local bare repo, reuse, --force, failures. */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invalidGitUrl, listDirectory, parseList, ListError } from '../src/survey/list.js';
import { cachePathFor, checkoutInfo, fetchShallow } from '../src/survey/git.js';
import { SqliteStore } from '../src/store/store.js';
import { cli, SURVEY_IN_PROCESS } from './helpers/cli.js';
import { createSurveyProgress, formatDuration } from '../src/cli/survey-progress.js';
import type { EntryRow, SurveyRow } from '../src/store/store.js';
import { commitAll, git, goRepo, writeFiles, leaks } from './helpers/fleet.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'goready-survey-'));

describe('survey list', () => {
  test('git URLs: https, ssh and file only; no option injection, no credentials, no odd hosts', async () => {
    for (const ok of ['https://github.com/a/b.git', 'ssh://git@github.com/a/b', 'file:///srv/git/b.git']) assert.equal(invalidGitUrl(ok), undefined, ok);
    const bad: [string, RegExp][] = [
      ['-uhttps://x/y', /must not start/],
      ['http://github.com/a/b', /scheme http is not allowed/],
      ['git://github.com/a/b', /scheme git is not allowed/],
      ['ext::sh -c touch% /tmp/pwned', /spaces|not a valid/],
      ['https://user:secret@github.com/a/b', /password/],
      ['ssh://-oProxyCommand=x/a', /host must not start|no host|not a valid/],
      ['https://github.com/', /no repository path/],
      ['file://remote-host/x.git', /must be local/],
      ['https://github.com/a/b\nx', /control|spaces/],
    ];
    for (const [url, why] of bad) assert.match(invalidGitUrl(url) ?? 'accepted', why, url);
  });

  test('a list file: paths relative to the list, URLs, name= and ref=, comments; every error reported with its line', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'one'));
    fs.mkdirSync(path.join(dir, 'two'));
    const entries = parseList([
      '# services', 'one', '  two name=second   # trailing comment', '', 'https://example.com/org/svc.git ref=v1.2.0', 'ssh://git@example.com/org/other name=o',
    ].join('\n'), dir);
    assert.deepEqual(entries.map((e) => [e.name, e.kind, e.ref]), [['one', 'path', null], ['second', 'path', null], ['svc', 'git', 'v1.2.0'], ['o', 'git', null]]);
    assert.equal(entries[0]!.location, path.join(dir, 'one'));
    assert.throws(() => parseList(['one', 'missing', 'git@github.com:a/b.git', 'http://x/y', 'one', 'two name=one', 'two ref=main', 'two color=red'].join('\n'), dir, 'l.txt'), (e: Error) => {
      assert.ok(e instanceof ListError);
      assert.match(e.message, /l\.txt:2: .*missing: no such directory/);
      assert.match(e.message, /l\.txt:3: .*ssh:\/\/user@host\/path/);
      assert.match(e.message, /l\.txt:4: .*scheme http/);
      assert.match(e.message, /l\.txt:5: .*already listed on line 1/);
      assert.match(e.message, /l\.txt:6: name 'one' already used on line 1/);
      assert.match(e.message, /l\.txt:7: ref= needs a git URL/);
      assert.match(e.message, /l\.txt:8: unexpected 'color=red'/);
      return true;
    });
    assert.throws(() => parseList('# nothing\n', dir), /no repositories listed/);
  });

  test('a directory: its non-hidden child directories, sorted', async () => {
    const dir = tmp();
    for (const d of ['b', 'a', '.hidden']) fs.mkdirSync(path.join(dir, d));
    fs.writeFileSync(path.join(dir, 'file.txt'), '');
    assert.deepEqual(listDirectory(dir).map((e) => e.name), ['a', 'b']);
  });
});

describe('git checkout', () => {
  test('shallow fetch of a file:// bare repository (HEAD, a tag), refreshed on the next survey', async () => {
    const dir = tmp();
    const work = path.join(dir, 'work');
    const c1 = goRepo(work, 1);
    git(work, 'tag', 'v1');
    writeFiles(work, { 'svc/svc.go': leaks(2) });
    const c2 = commitAll(work, 'two');
    const bare = path.join(dir, 'svc.git');
    git(dir, 'clone', '-q', '--bare', work, bare);
    const url = `file://${bare}`;
    const cache = path.join(dir, 'cache');
    const head = await fetchShallow(url, null, cache);
    assert.equal(head, cachePathFor(cache, url));
    assert.equal((await checkoutInfo(head)).commit, c2);
    assert.equal(git(head, 'rev-list', '--count', 'HEAD'), '1', 'depth 1');
    const tagged = await fetchShallow(url, 'v1', cache);
    assert.equal((await checkoutInfo(tagged)).commit, c1);
    assert.equal(fs.readFileSync(path.join(tagged, 'svc', 'svc.go'), 'utf8'), leaks(1), 'work tree is the tagged one');
    await assert.rejects(fetchShallow(url, 'no-such-ref', cache), /git fetch/);
    await assert.rejects(fetchShallow('http://example.com/x.git', null, cache), /refusing git URL/);
    await assert.rejects(fetchShallow(url, '--upload-pack=touch', cache), /refusing ref/);
  });

  test('commit info: clean, dirty, and outside git', async () => {
    const dir = tmp();
    const c = goRepo(dir, 1);
    assert.deepEqual(await checkoutInfo(dir), { commit: c, commitDate: (await checkoutInfo(dir)).commitDate, ref: null, dirty: false });
    fs.writeFileSync(path.join(dir, 'svc', 'new.go'), 'package svc\n');
    assert.equal((await checkoutInfo(dir)).dirty, true);
    const plain = tmp();
    assert.equal((await checkoutInfo(plain)).commit, null);
  });
});

describe('goready survey', () => {
  let root: string;
  let db: string;
  let list: string;
  let bare: string;
  before(() => {
    root = tmp();
    db = path.join(root, 'g.db');
    goRepo(path.join(root, 'repos', 'alpha'), 1);
    goRepo(path.join(root, 'repos', 'beta'), 3);
    const remote = path.join(root, 'remote');
    goRepo(remote, 2);
    git(remote, 'tag', 'v1.0.0');
    bare = path.join(root, 'gamma.git');
    git(root, 'clone', '-q', '--bare', remote, bare);
    list = path.join(root, 'list.txt');
    fs.writeFileSync(list, `repos/alpha\nrepos/beta name=beta-svc\nfile://${bare} ref=v1.0.0 name=gamma\n`);
  });

  test('audits every repo into the database; JSON has repos[] with name, path, commit, scores, findingCounts', async () => {
    const r = await cli(['survey', list, '--db', db, '--jobs', '2', '--format', 'json', '--cache-dir', path.join(root, 'cache')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /created database .*g\.db/);
    const rep = JSON.parse(r.stdout);
    assert.deepEqual(rep.repos.map((x: { name: string }) => x.name), ['alpha', 'beta-svc', 'gamma']);
    const beta = rep.repos[1];
    assert.equal(beta.path, path.join(root, 'repos', 'beta'));
    assert.match(beta.commit, /^[0-9a-f]{40}$/);
    assert.equal(beta.findingCounts.byDimension.concurrency, 3);
    assert.equal(beta.findingCounts.bySeverity.medium, 3);
    assert.equal(typeof beta.scores.overall, 'number');
    assert.equal(beta.scores.dimensions.concurrency.status, 'risk');
    assert.equal(rep.repos[2].path, `file://${bare}`);
    assert.equal(rep.repos[2].findingCounts.total, 2);
    assert.equal(rep.topRules[0].ruleId, 'CON1001');
    assert.equal(rep.topRules[0].repos, 3);
  });

  test('running it again makes a new survey that reuses the unchanged commits; --force audits again', async () => {
    const r = await cli(['survey', list, '--db', db, '--cache-dir', path.join(root, 'cache')], { env: SURVEY_IN_PROCESS });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /survey #2 .*3 unchanged commits reused/);
    const store = SqliteStore.open(db, { readonly: true });
    assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM audits').get() as { n: number }).n, 3, 'no new audits');
    await store.close();
    const f = await cli(['survey', list, '--db', db, '--force', '--cache-dir', path.join(root, 'cache')], { env: SURVEY_IN_PROCESS });
    assert.equal(f.code, 0, f.stderr);
    assert.match(f.stdout, /3 audited, 0 unchanged/);
  });

  test('a changed commit is audited again', async () => {
    const alpha = path.join(root, 'repos', 'alpha');
    writeFiles(alpha, { 'svc/svc.go': leaks(0) });
    commitAll(alpha, 'fix leak');
    const r = await cli(['survey', list, '--db', db, '--cache-dir', path.join(root, 'cache'), '--format', 'json'], { env: SURVEY_IN_PROCESS });
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.repos[0].findingCounts.total, 0);
  });

  test('a repo that cannot be fetched fails alone (exit 1); the others are recorded', async () => {
    const l = path.join(root, 'list-bad.txt');
    fs.writeFileSync(l, `repos/alpha\nfile://${root}/missing.git\n`);
    const r = await cli(['survey', l, '--db', db, '--cache-dir', path.join(root, 'cache')], { env: SURVEY_IN_PROCESS });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /missing\s+FAILED: git fetch/);
    assert.match(r.stdout, /alpha\s+[0-9a-f]{12}/);
  });

  test('a directory of repositories; usage errors exit 2', async () => {
    const r = await cli(['survey', path.join(root, 'repos'), '--db', db, '--format', 'json'], { env: SURVEY_IN_PROCESS });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).repos.map((x: { name: string }) => x.name), ['alpha', 'beta']);
    const bad = path.join(root, 'bad.txt');
    fs.writeFileSync(bad, 'http://example.com/x.git\n');
    const u = await cli(['survey', bad, '--db', db], { env: SURVEY_IN_PROCESS });
    assert.equal(u.code, 2);
    assert.match(u.stderr, /bad\.txt:1: git URL "http:\/\/example\.com\/x\.git" scheme http is not allowed/);
    assert.equal((await cli(['survey', path.join(root, 'nope.txt'), '--db', db], { env: SURVEY_IN_PROCESS })).code, 2);
    assert.equal((await cli(['survey', list, '--db', db, '--jobs', '0'], { env: SURVEY_IN_PROCESS })).code, 2);
  });
});

describe('survey progress and default database', () => {
  test('on a terminal: repos done/total, the repos being audited, an ETA; elsewhere one line per repo', async () => {
    let out = '';
    const tty = { isTTY: true, columns: 0, write: (t: string) => { out += t; return true; } } as unknown as NodeJS.WriteStream;
    const p = createSurveyProgress('tty', tty);
    const survey = { id: 3, name: 'q3', total: 4, done: 1 } as SurveyRow;
    const entry = (name: string) => ({ name } as EntryRow);
    p.event({ type: 'start', survey, resumed: true, toRun: 3, total: 4, alreadyDone: 1 });
    p.event({ type: 'job-start', entry: entry('api') });
    p.event({ type: 'job-start', entry: entry('web') });
    assert.match(out, /\[#####-+\] 1\/4 repos · auditing api, web/);
    p.event({ type: 'job-done', entry: entry('api'), status: 'audited', auditId: 1, ms: 1500 }, 'score 90 A');
    p.done();
    assert.match(out, /survey #3 "q3": 4 repos, resuming \(1 already done\)/);
    assert.match(out, /\[2\/4\] api: audited · score 90 A \(2s\)/);
    assert.match(out, /2\/4 repos · auditing web · ETA \d+s/);
    let lines = '';
    const pipe = { isTTY: false, write: (t: string) => { lines += t; return true; } } as unknown as NodeJS.WriteStream;
    const q = createSurveyProgress('lines', pipe);
    q.event({ type: 'start', survey, resumed: false, toRun: 4, total: 4, alreadyDone: 0 });
    q.event({ type: 'job-start', entry: entry('api') });
    q.event({ type: 'job-done', entry: entry('api'), status: 'failed', error: 'git fetch: nope', ms: 10 });
    assert.doesNotMatch(lines, /\x1b|\r/);
    assert.match(lines, /\[1\/4\] api: FAILED: git fetch: nope/);
    assert.equal(formatDuration(3_725_000), '1h02m');
  });

  test('without --db the database goes to the user data directory, announced when created', async () => {
    const home = tmp();
    const repo = path.join(home, 'r');
    goRepo(repo, 1);
    const env = { XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache') };
    const r = await cli(['survey', home, '-q'], { env: { ...env, ...SURVEY_IN_PROCESS } });
    assert.equal(r.code, 0, r.stderr);
    const file = path.join(home, 'data', 'goready', 'goready.db');
    assert.ok(fs.existsSync(file));
    assert.match(r.stderr, new RegExp(`created database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(default; --db FILE to use another\\)`));
    const again = await cli(['report', '--list'], { env });
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stderr, /created database/);
    assert.match(again.stdout, /#1 /);
  });
});
