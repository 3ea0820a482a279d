/**
 * The HTML report: escaping (static checks) and, in headless Chromium (Debian's `chromium` driven by
 * playwright-core), that the page loads with no console error and no network request, that the
 * filters narrow the findings list, and that a repository whose paths and strings carry
 * `<script>` and `"><img onerror=…>` runs nothing. A screenshot goes to test-artifacts/.
 *
 * The browser part is skipped, with a message, only when /usr/bin/chromium is absent and CI is
 * not set; in CI (CI=true) it must run.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { fixture, projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';
import { fullSuiteOnly } from './helpers/suite.js';
import { printHtml } from '../src/printers/html.js';
import { esc, jsonForScript } from '../src/printers/html-kit/safe-html.js';
import type { Report } from '../src/report/model.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP_REASON = `${CHROMIUM} not found (apt-get install chromium); the browser tests run, and must pass, when CI is set`;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync',
];
export const ARTIFACTS = path.join(projectRoot, 'test-artifacts');
const injection = fixture('injection');
const sample = fixture('sample');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-html-'));
async function htmlReport(repo: string, name: string, extra: string[] = []): Promise<string> {
  const out = path.join(work, `${name}.html`);
  const r = await cli(['audit', repo, '--no-config', '--quiet', '--format', `html=${out}`, ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

describe('HTML report: escaping', () => {
  test('esc and jsonForScript', async () => {
    assert.equal(esc(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const tricky = { s: '</script><!-- <script>\u2028\u2029 & >' };
    const j = String(jsonForScript(tricky));
    assert.doesNotMatch(j, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(j), tricky);
  });

  test('the injection fixture yields no markup of its own: only the two scripts of the report, no <img>, no resource loads', async () => {
    const html = fs.readFileSync(await htmlReport(injection, 'injection-static'), 'utf8');
    assert.equal((html.match(/<script/gi) ?? []).length, 2, 'exactly the data block and the report script');
    assert.equal((html.match(/<\/script/gi) ?? []).length, 2);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /[\u2028\u2029]/, 'the fixture has U+2028/U+2029 on a reported line: escaped in the JSON');
    assert.match(html, /separators: \\u2028 \\u2029 end/);
    assert.doesNotMatch(html, /<[a-z][^>]*\s(?:src|srcset|action|formaction|background|poster)\s*=/i, 'nothing is loaded');
    assert.doesNotMatch(html, /<link\b/i, 'no external stylesheet');
    // CSS can load only from <style> blocks and style attributes (rule examples may well say `http.ProxyURL(`).
    const css = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>|\sstyle\s*=\s*"([^"]*)"/gi)].map((m) => m[1] ?? m[2]).join('\n');
    assert.ok(css.length > 0, 'the report has its own stylesheet');
    assert.doesNotMatch(css, /@import|url\(/i, 'no external stylesheet or font');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    // the payload is there, as text
    assert.match(html, /example\.com\/&lt;script&gt;window\.__pwned=3/);
  });
});

describe('HTML report in headless Chromium', () => {
  const present = fs.existsSync(CHROMIUM);
  let ctx: BrowserContext | undefined;
  let userDataDir = '';
  const fast = fullSuiteOnly('browser tests of the HTML report');
  const skip = !!fast || (!present && !process.env.CI);
  const skipReason = fast || SKIP_REASON;
  if (skip) {
    // eslint-disable-next-line no-console
    console.log(`# SKIPPED: browser tests of the HTML report: ${skipReason}`);
  }

  before(async () => {
    if (skip) return;
    assert.ok(present, `CI is set but ${CHROMIUM} is missing: .ci/run must install Debian's chromium`);
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-chromium-'));
    ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    });
  });

  after(async () => {
    await ctx?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  interface Opened { page: Page; problems: string[]; dialogs: string[]; requests: string[] }
  async function open(file: string): Promise<Opened> {
    const page = await ctx!.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
    return { page, problems, dialogs, requests };
  }
  const shown = (page: Page) => page.locator('#f-list article.finding').count();

  test('sample report: loads with no console error or request; filters narrow the list; screenshot', { skip: skip && skipReason }, async (t) => {
    const { page, problems, requests } = await open(await htmlReport(sample, 'sample'));
    const all = await shown(page);
    assert.ok(all >= 3, `findings listed: ${all}`);
    assert.match(await page.locator('#f-count').textContent() ?? '', new RegExp(`^${all} of \\d+ findings$`));

    await page.selectOption('#f-dim', 'build');
    const build = await shown(page);
    assert.ok(build >= 1 && build < all, `dimension filter: ${build} of ${all}`);
    assert.deepEqual([...new Set(await page.locator('#f-list article').evaluateAll((a) => a.map((x) => x.getAttribute('data-dimension'))))], ['build']);

    await page.selectOption('#f-dim', '');
    await page.selectOption('#f-sev', 'medium');
    const medium = await shown(page);
    assert.ok(medium >= 1 && medium < all, `severity filter: ${medium}`);
    assert.deepEqual([...new Set(await page.locator('#f-list article').evaluateAll((a) => a.map((x) => x.getAttribute('data-severity'))))], ['medium']);

    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-rule', 'CON1001');
    const rule = await shown(page);
    assert.ok(rule >= 1 && rule < all, `rule filter: ${rule}`);
    await page.check('#f-hidden');
    assert.ok(await shown(page) > rule, 'show suppressed adds the suppressed findings');
    await page.uncheck('#f-hidden');
    await page.selectOption('#f-rule', '');
    // the two unsuppressed CON1001 findings are the only ones in internal/poll/ (tools/ does not ship: dropped)
    await page.fill('#f-text', 'internal/poll/');
    assert.equal(await shown(page), 2, 'text search');
    await page.fill('#f-text', '');
    assert.equal(await shown(page), all, 'clearing the filters restores the list');

    // the scorecard's "N finding(s)" link filters by dimension
    await page.click('#card-concurrency a[data-filter-dimension]');
    assert.equal(await page.inputValue('#f-dim'), 'concurrency');
    // source context with the finding's line highlighted
    assert.ok(await page.locator('#f-list pre.code .l.hit mark').count() >= 1);
    // a rule link opens its documentation
    await page.click('#f-list article a[href="#rule-CON1001"] >> nth=0');
    assert.equal(await page.locator('#rule-CON1001').evaluate((d) => (d as HTMLDetailsElement).open), true);

    await page.selectOption('#f-dim', '');
    await page.evaluate(() => window.scrollTo(0, 0));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'html-report-sample.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(fs.statSync(shot).size > 10_000);
    t.diagnostic(`screenshot: ${shot}`);
    console.log(`# screenshot of the HTML report: ${shot}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    await page.close();
  });

  test('docs/examples/report.html (showcase fixture) loads cleanly; screenshot', { skip: skip && skipReason }, async (t) => {
    const { page, problems, requests } = await open(path.join(projectRoot, 'docs', 'examples', 'report.html'));
    assert.ok(await shown(page) >= 5);
    assert.match(await page.locator('.gate.failed').textContent() ?? '', /security score \d+ is below its minimum 80/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'html-report-showcase.png');
    await page.screenshot({ path: shot, fullPage: true });
    t.diagnostic(`screenshot: ${shot}`);
    console.log(`# screenshot of the HTML report: ${shot}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    await page.close();
  });

  test('a large report renders in pages of 100 and stays responsive', { skip: skip && skipReason }, async () => {
    const base = JSON.parse((await cli(['audit', sample, '--no-config', '--format', 'json'])).stdout) as Report;
    const proto = base.findings.find((f) => !f.suppressed)!;
    const sevs = ['low', 'medium', 'high'] as const;
    base.findings = Array.from({ length: 3000 }, (_, i) => ({ ...proto, file: `pkg${i % 40}/f${i}.go`, line: 1 + (i % 300), severity: sevs[i % 3]!, suppressed: undefined }));
    const file = path.join(work, 'large.html');
    fs.writeFileSync(file, printHtml(base));
    const t0 = Date.now();
    const { page, problems } = await open(file);
    const ms = Date.now() - t0;
    assert.ok(ms < 10_000, `ready after ${ms} ms`);
    assert.equal(await shown(page), 100);
    assert.equal(await page.locator('#f-count').textContent(), '3000 of 3000 findings');
    await page.click('#f-more');
    assert.equal(await shown(page), 200);
    await page.selectOption('#f-sev', 'high');
    assert.equal(await page.locator('#f-count').textContent(), '1000 of 3000 findings');
    assert.equal(await shown(page), 100, 'a filter change starts again at the first page');
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const variant of ['as generated', 'without its Content-Security-Policy'] as const) {
    test(`injection fixture (${variant}): no script runs, no dialog, payloads shown as text`, { skip: skip && skipReason }, async (t) => {
      let file = await htmlReport(injection, 'injection');
      if (variant !== 'as generated') {
        // escaping alone must hold, without the CSP as a second line of defence
        const html = fs.readFileSync(file, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '');
        assert.doesNotMatch(html, /Content-Security-Policy/);
        file = path.join(work, 'injection-no-csp.html');
        fs.writeFileSync(file, html);
      }
      const { page, problems, dialogs, requests } = await open(file);
      await page.check('#f-hidden'); // suppressed findings too (their reason carries a payload)
      await page.locator('details.rule').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      for (const sel of ['#f-dim', '#f-rule']) {
        const values = await page.locator(`${sel} option`).evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
        for (const v of values) await page.selectOption(sel, v);
      }
      await page.selectOption('#f-dim', '');
      await page.selectOption('#f-rule', '');
      await page.waitForTimeout(200); // give any injected handler (img onerror) a chance to fire
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        imgs: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        text: document.body.textContent ?? '',
      }));
      assert.equal(state.pwned, undefined, 'an injected script ran');
      assert.deepEqual(dialogs, [], 'a dialog fired');
      assert.equal(state.imgs, 0);
      assert.equal(state.scripts, 2);
      assert.equal(state.handlers, 0, 'no element carries an on* attribute');
      assert.ok(await shown(page) >= 6);
      for (const payload of [
        '<script>window.__pwned=2;alert(2)</script>.go',
        '"><img src=x onerror=window.__pwned=1;alert(1)>/main.go',
        'example.com/<script>window.__pwned=3;alert(3)</script>"><img src=x onerror=window.__pwned=4>',
        '<script>window.__pwned=12;alert(12)</script>:4318',
        '"><script>window.__pwned=13;alert(13)</script>',
      ]) {
        assert.ok(state.text.includes(payload), `payload shown as text: ${payload}`);
      }
      assert.ok(state.text.includes('separators: \u2028 \u2029 end'), 'U+2028/U+2029 survive the embedded JSON');
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, []);
      if (variant === 'as generated') {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const shot = path.join(ARTIFACTS, 'html-report-injection.png');
        await page.locator('#findings').screenshot({ path: shot });
        t.diagnostic(`screenshot: ${shot}`);
      }
      await page.close();
    });
  }
});
