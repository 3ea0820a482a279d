/** The dashboard's routes in-process (Hono app.request) and the `goready serve` command over HTTP. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../src/serve/app.js';
import { startDashboard } from '../src/serve/server.js';
import { SqliteStore } from '../src/store/store.js';
import { projectRoot } from './helpers/paths.js';
import { cli, SURVEY_IN_PROCESS } from './helpers/cli.js';
import { goRepo } from './helpers/fleet.js';

const EVIL = '<img/src=x/onerror=alert(1)>"\'';

describe('dashboard', () => {
  let root: string;
  let db: string;
  let store: SqliteStore;
  let app: Hono;
  const get = async (url: string, init?: RequestInit) => {
    const res = await app.request(url, init);
    return { status: res.status, text: await res.text(), headers: res.headers };
  };

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-dash-'));
    db = path.join(root, 'g.db');
    goRepo(path.join(root, 'one'), 3, { 'go.sum': '' });
    goRepo(path.join(root, 'two'), 1, { 'go.mod': 'module example.com/two\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n' });
    const list = path.join(root, 'list.txt');
    fs.writeFileSync(list, `one\ntwo name=${EVIL.replace(/\s/g, '')}\n`);
    const r = await cli(['survey', list, '--db', db, '-q'], { env: SURVEY_IN_PROCESS });
    assert.equal(r.code, 0, r.stderr);
    store = SqliteStore.open(db, { readonly: true });
    app = createApp(store, { allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] });
  });
  after(async () => await store.close());

  test('every page renders with security headers; the repo name is escaped everywhere', async () => {
    const repoId = (await store.entries(1))[1]!.repoId;
    const fid = (await store.findingsPage({ auditIds: [(await store.entries(1))[0]!.auditId!], limit: 10 })).rows[0]!.id;
    for (const url of ['/', '/surveys/1', '/surveys/1?compare=1', `/repos/${repoId}?survey=1`, '/findings?survey=1', `/findings?audit=${(await store.entries(1))[1]!.auditId}`, `/findings/${fid}`, '/rules', '/rules/CON1001', '/rules/ticker-not-stopped']) {
      const r = await get(`http://127.0.0.1${url}`);
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/, url);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(!r.text.includes('<img/src=x'), `${url}: raw markup from a repo name`);
      assert.doesNotMatch(r.text, /<script>(?!\s*$)|<script(?! (src="\/static\/|type="application\/json" id="chart-data"))/, `${url}: only our own scripts`);
    }
    const fleet = (await get('http://127.0.0.1/surveys/1')).text;
    assert.ok(fleet.includes('&lt;img/src=x/onerror=alert(1)&gt;&quot;&#39;'));
    assert.equal(fleet.match(/<tr data-repo=/g)?.length, 2, 'one heatmap row per repo');
    const json = /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(fleet)![1]!;
    assert.ok(!json.includes('<'), 'chart data cannot close its script element');
    assert.equal(JSON.parse(json).charts.length, 3);
  });

  test('filters narrow the findings table', async () => {
    const count = async (q: string) => Number(/<p id="findings-count">(\d+) finding/.exec((await get(`http://127.0.0.1/findings?survey=1${q}`)).text)![1]);
    const all = await count('');
    assert.equal(all, 5, '3 + 1 leaks + missing go.sum of repo two');
    assert.equal(await count('&dimension=concurrency'), 4);
    assert.equal(await count('&dimension=build'), 1);
    assert.equal(await count('&severity=high'), 1);
    assert.equal(await count(`&repo=${(await store.entries(1))[0]!.repoId}`), 3);
    assert.equal(await count('&rule=CON1001&q=t2'), 1);
    assert.equal(await count('&dimension=bogus'), all, 'unknown values are ignored');
    const echo = (await get('http://127.0.0.1/findings?survey=1&q=%22%3E%3Cscript%3E')).text;
    assert.ok(echo.includes('value="&quot;&gt;&lt;script&gt;"'), 'the query is echoed escaped');
  });

  test('read-only, unknown ids, DNS-rebinding guard, static assets served locally', async () => {
    assert.equal((await get('http://127.0.0.1/', { method: 'POST' })).status, 405);
    assert.equal((await get('http://127.0.0.1/surveys/1', { method: 'DELETE' })).status, 405);
    for (const u of ['/surveys/99', '/surveys/abc', '/repos/99', '/findings/99', '/rules/NOPE', '/findings', '/nope']) assert.equal((await get(`http://127.0.0.1${u}`)).status, 404, u);
    assert.equal((await get('http://evil.example/')).status, 421);
    assert.equal((await get('http://localhost:7420/')).status, 200);
    const chart = await get('http://127.0.0.1/static/chart.umd.min.js');
    assert.equal(chart.status, 200);
    assert.match(chart.headers.get('content-type') ?? '', /javascript/);
    assert.ok(chart.text.length > 100_000 && chart.text.includes('Chart'));
    assert.equal((await get('http://127.0.0.1/static/dashboard.css')).status, 200);
    const api = await get('http://127.0.0.1/api/surveys/1/report.json');
    assert.equal(JSON.parse(api.text).repos.length, 2);
  });

  test('startDashboard binds 127.0.0.1 by default', async () => {
    const d = await startDashboard({ store, port: 0 });
    try {
      assert.equal(d.host, '127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${d.port}/`);
      assert.equal(res.status, 200);
    } finally {
      await d.close();
    }
  });

  test('goready serve says where it listens and that it is local only; stops on SIGINT', async () => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
      child.stdout.on('data', (d) => { out += d; if (/Ctrl-C/.test(out)) { clearTimeout(t); resolve(); } });
    });
    assert.match(out, /goready dashboard: http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(out, /bound to 127\.0\.0\.1: reachable from this machine only/);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    assert.equal((await fetch(url)).status, 200);
    const code = await new Promise<number | null>((resolve) => { child.on('exit', (c) => resolve(c)); child.kill('SIGINT'); });
    assert.equal(code, 0);
  });
});
