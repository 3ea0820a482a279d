/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core, against
 * `goready serve` on a database built from fixture repositories. Pages render, the heatmap has one
 * row per repository, charts are drawn, a filter narrows the findings table, fleet → repo → finding
 * navigation works, and the console stays free of errors. Screenshots go to test-artifacts/browser/.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';
import { fullSuiteOnly } from './helpers/suite.js';
import { goRepo } from './helpers/fleet.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
const ARTIFACTS = path.join(projectRoot, 'test-artifacts', 'browser');

const available = fs.existsSync(CHROMIUM);
const skip = fullSuiteOnly('the dashboard in Chromium') || (!available && !process.env.CI
  ? `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser test (it is required when CI is set)`
  : false);

describe('dashboard in Chromium', { skip }, () => {
  let root: string;
  let server: ChildProcess | undefined;
  let base = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let profile = '';
  const problems: string[] = [];

  before(async () => {
    assert.ok(available, `${CHROMIUM} is missing (CI is set: .ci/run must install chromium)`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-browser-'));
    goRepo(path.join(root, 'api'), 4);
    goRepo(path.join(root, 'billing'), 1, { 'go.mod': 'module example.com/billing\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n' });
    goRepo(path.join(root, 'web'), 2);
    const list = path.join(root, 'fleet.txt');
    fs.writeFileSync(list, 'api\nbilling\nweb name=<b>web</b>\n');
    const db = path.join(root, 'g.db');
    const r = await cli(['survey', list, '--db', db, '--name', 'browser fleet', '-q']);
    assert.equal(r.code, 0, r.stderr);

    server = spawn(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`dashboard did not start: ${out}`)), 20_000);
      server!.stdout!.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) { clearTimeout(t); resolve(m[0]); }
      });
    });

    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  });

  after(async () => {
    await context?.close();
    server?.kill('SIGINT');
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  test('surveys list → fleet overview: heatmap with one row per repo, charts drawn', async () => {
    await page.goto(`${base}/`);
    assert.equal(await page.locator('#surveys tbody tr').count(), 1);
    await shot('1-surveys');
    await page.getByRole('link', { name: 'browser fleet' }).click();
    await page.waitForURL(/\/surveys\/1$/);
    assert.equal(await page.locator('#heatmap tbody tr').count(), 3);
    assert.deepEqual(await page.locator('#heatmap tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-repo'))), ['api', 'billing', '<b>web</b>']);
    assert.equal(await page.locator('#heatmap b').count(), 0, 'a repo name is text, never markup');
    await page.waitForFunction(() => {
      const C = (window as unknown as { Chart?: { getChart(c: Element): unknown } }).Chart;
      return !!C && ['chart-distribution', 'chart-top-rules', 'chart-trend'].every((id) => C.getChart(document.getElementById(id)!));
    });
    await shot('2-fleet');
  });

  test('fleet → repo → finding', async () => {
    await page.locator('#heatmap tbody tr[data-repo="api"] th a').click();
    await page.waitForURL(/\/repos\/\d+\?survey=1$/);
    assert.equal(await page.locator('h1').textContent(), 'api');
    assert.ok(await page.locator('#scorecard').isVisible());
    await page.waitForFunction(() => !!(window as unknown as { Chart?: { getChart(c: Element): unknown } }).Chart?.getChart(document.getElementById('chart-history')!));
    await shot('3-repo');
    await page.locator('#scorecard tbody tr').first().locator('a').click();
    await page.waitForURL(/\/findings\?audit=\d+$/);
    assert.equal(await page.locator('#findings-table tbody tr').count(), 4);
    await page.locator('#findings-table a.finding-link').first().click();
    await page.waitForURL(/\/findings\/\d+$/);
    assert.match((await page.locator('#finding-title').textContent()) ?? '', /CON1001 ticker-not-stopped/);
    assert.match((await page.locator('#finding-location').textContent()) ?? '', /^svc\/svc\.go:\d+:\d+$/);
    await shot('4-finding');
    await page.getByRole('link', { name: 'Rule CON1001 documentation' }).click();
    await page.waitForURL(/\/rules\/CON1001$/);
    assert.match((await page.locator('#rule-rationale').textContent()) ?? '', /ticker.{60,}/);
    await shot('5-rule');
  });

  test('a filter narrows the findings table', async () => {
    await page.goto(`${base}/findings?survey=1`);
    const all = await page.locator('#findings-table tbody tr').count();
    assert.equal(all, 8, '4 + 1 + 2 leaks, 1 missing go.sum');
    await Promise.all([page.waitForURL(/dimension=build/), page.locator('select[name="dimension"]').selectOption('build')]);
    assert.equal(await page.locator('#findings-table tbody tr').count(), 1);
    assert.match((await page.locator('#findings-count').textContent()) ?? '', /^1 finding$/);
    await shot('6-findings-filtered');
    await page.locator('select[name="dimension"]').selectOption('');
    await page.waitForURL((u) => !/dimension=build/.test(u.toString()));
    await page.locator('input[name="q"]').fill('t3');
    await Promise.all([page.waitForURL(/q=t3/), page.locator('#findings-filter button[type="submit"]').click()]);
    assert.equal(await page.locator('#findings-table tbody tr').count(), 1);
  });

  test('no console errors, failed requests or HTTP errors on any page', async () => {
    assert.deepEqual(problems, []);
    for (const f of ['1-surveys', '2-fleet', '3-repo', '4-finding', '5-rule', '6-findings-filtered']) assert.ok(fs.statSync(path.join(ARTIFACTS, `${f}.png`)).size > 5000, f);
  });
});
