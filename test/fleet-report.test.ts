/** `goready report` (json, markdown, html) and `goready diff` on surveys built from fixture repos. */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, SURVEY_IN_PROCESS } from './helpers/cli.js';
import { commitAll, goRepo, leaks, writeFiles } from './helpers/fleet.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'goready-report-'));
const EVIL = '<script>alert(1)</script>';

describe('goready report and diff', () => {
  let root: string;
  let db: string;
  before(async () => {
    root = tmp();
    db = path.join(root, 'g.db');
    goRepo(path.join(root, 'api'), 4);
    goRepo(path.join(root, 'web'), 1);
    goRepo(path.join(root, 'a&b<i>'), 2);
    const list = path.join(root, 'list.txt');
    fs.writeFileSync(list, `api\nweb name=${EVIL}\na&b<i>\n`);
    assert.equal((await cli(['survey', list, '--db', db, '--name', 'Q1', '-q'], { env: SURVEY_IN_PROCESS })).code, 0);
    // remediation: api fixes two leaks; web gets a new one
    writeFiles(path.join(root, 'api'), { 'svc/svc.go': leaks(2) });
    commitAll(path.join(root, 'api'), 'fix');
    writeFiles(path.join(root, 'web'), { 'svc/more.go': leaks(1, 'svc').replace(/Leak0/g, 'More0').replace(/t0/g, 'm0') });
    commitAll(path.join(root, 'web'), 'more');
    assert.equal((await cli(['survey', list, '--db', db, '--name', 'Q2', '-q'], { env: SURVEY_IN_PROCESS })).code, 0);
  });

  test('json: repos[] with scores and findingCounts, comparison "before | after | change", trends over both surveys', async () => {
    const r = await cli(['report', '--db', db, '--survey', '2', '--compare', '1', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.kind, 'goready-fleet-report');
    assert.equal(rep.survey.name, 'Q2');
    assert.deepEqual(rep.repos.map((x: { name: string }) => x.name), ['api', EVIL, 'a&b<i>']);
    for (const x of rep.repos) {
      assert.deepEqual(Object.keys(x.scores).sort(), ['codeLines', 'dimensions', 'grade', 'overall']);
      assert.ok('concurrency' in x.findingCounts.byDimension && 'critical' in x.findingCounts.bySeverity);
    }
    const rows = Object.fromEntries(rep.comparison.rows.map((x: { name: string }) => [x.name, x]));
    assert.deepEqual([rows.api.before, rows.api.after, rows.api.change], [4, 2, -2]);
    assert.deepEqual([rows[EVIL].before, rows[EVIL].after, rows[EVIL].change], [1, 2, 1]);
    assert.equal(rep.comparison.totalBefore, 7);
    assert.equal(rep.comparison.totalAfter, 6);
    assert.deepEqual(rep.trends.map((t: { name: string }) => t.name), ['Q1', 'Q2']);
    assert.equal(rep.trends[1].findings, 6);
    assert.equal(rep.worstRepos[0].name, EVIL, 'highest penalty per line first');
    assert.equal(rep.topRules[0].ruleId, 'CON1001');
    assert.equal(rep.topRules[0].repos, 3);
    assert.equal(rep.dimensions.concurrency.scored, 3);
    assert.equal(rep.dimensions.concurrency.histogram.reduce((a: number, b: number) => a + b, 0), 3);
  });

  test('html: self-contained, every repo string escaped, heatmap has one row per repo', async () => {
    const out = path.join(root, 'fleet.html');
    const r = await cli(['report', '--db', db, '--compare', '1', '--format', 'html', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    const page = fs.readFileSync(out, 'utf8');
    assert.doesNotMatch(page, /<script/i, 'no script at all');
    assert.doesNotMatch(page, /(src|href)="(https?:)?\/\//i, 'no external resource');
    assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
    assert.ok(!page.includes(EVIL) && page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.includes('a&b<i>') && page.includes('a&amp;b&lt;i&gt;'));
    assert.equal(page.match(/<tr data-repo=/g)?.length, 3);
    for (const h of ['Dimension × repository', 'Score distribution per dimension', 'Top rules by repositories affected', 'Worst repositories', 'Before / after', 'Trends']) assert.ok(page.includes(h), h);
    assert.match(page, /<svg [^>]*aria-label="score distribution per dimension"/);
  });

  test('markdown: tables with escaped names; defaults to the latest survey', async () => {
    const r = await cli(['report', '--db', db, '--compare', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# goready fleet report: Q2/);
    assert.match(r.stdout, /\| \\<script\\>alert\(1\)\\<\/script\\> \| 1 \| 2 \| \+1 \|/);
    assert.match(r.stdout, /\| api \| 4 \| 2 \| -2 \|/);
    assert.doesNotMatch(r.stdout, /<script>/);
  });

  test('report --list; unknown survey is a usage error', async () => {
    assert.match((await cli(['report', '--db', db, '--list'])).stdout, /#2 .* 3\/3 done +Q2\n#1 .*Q1/);
    const r = await cli(['report', '--db', db, '--survey', '9']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no survey #9/);
    assert.equal((await cli(['report', '--db', path.join(root, 'none.db')])).code, 2);
  });

  test('diff of two surveys and of two audits: new, fixed, unchanged by fingerprint', async () => {
    const s = await cli(['diff', 's1', 's2', '--db', db, '--format', 'json']);
    assert.equal(s.code, 0, s.stderr);
    const d = JSON.parse(s.stdout);
    const by = Object.fromEntries(d.repos.map((x: { name: string }) => [x.name, x]));
    assert.deepEqual([by.api.new.length, by.api.fixed.length, by.api.unchanged], [0, 2, 2]);
    assert.deepEqual([by[EVIL].new.length, by[EVIL].fixed.length, by[EVIL].unchanged], [1, 0, 1]);
    assert.equal(by[EVIL].new[0].file, 'svc/more.go');
    assert.deepEqual(d.totals, { new: 1, fixed: 2, unchanged: 5 });
    const ids = (n: string) => [by[n].from.auditId, by[n].to.auditId];
    const [a1, a2] = ids('api');
    const t = await cli(['diff', String(a1), String(a2), '--db', db]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /- svc\/svc\.go:\d+ +medium +CON1001 ticker-not-stopped: ticker t2 is never stopped/);
    assert.match(t.stdout, /0 new, 2 fixed, 2 unchanged/);
    const md = await cli(['diff', '--surveys', '1', '2', '--db', db, '--format', 'md']);
    assert.match(md.stdout, /\*\*1 new, 2 fixed, 5 unchanged\*\*/);
    assert.equal((await cli(['diff', 's1', '3', '--db', db])).code, 2, 'one survey and one audit');
    assert.equal((await cli(['diff', 'x', '3', '--db', db])).code, 2);
  });
});
