/** SARIF (official schema + SARIF Multitool with GitHub rules), Markdown, JUnit and multi-format output. */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Ajv } from 'ajv';
import { fixture } from './helpers/paths.js';
import { cli, type CliRun } from './helpers/cli.js';
import { printMarkdown } from '../src/printers/markdown.js';
import { xmlEscape } from '../src/printers/junit.js';
import { esc } from '../src/printers/html-kit/safe-html.js';
import type { Report } from '../src/report/model.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const require = createRequire(import.meta.url);
const sample = fixture('sample');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'goready-print-'));
}

function multitool(): string | undefined {
  try {
    const p = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
    if (!fs.existsSync(p)) return undefined;
    fs.chmodSync(p, 0o755);
    return p;
  } catch {
    return undefined;
  }
}

function sarifSchemaPath(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'sarif-2.1.0.json');
  } catch {
    return undefined;
  }
}

describe('SARIF', () => {
  const dir = tmp();
  const out = path.join(dir, 'out.sarif');
  let run: CliRun;
  before(async () => { run = await cli(['audit', sample, '--no-config', '--format', `sarif=${out}`, '--quiet']); });

  test('is valid against the official SARIF 2.1.0 JSON schema', async (t) => {
    assert.equal(run.code, 0, run.stderr);
    const schemaFile = sarifSchemaPath();
    if (!schemaFile || !fs.existsSync(schemaFile)) return t.skip('SARIF schema (shipped with @microsoft/sarif-multitool-linux) not installed');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv as unknown as Ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    const ok: boolean = validate(doc);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const r = doc.runs[0];
    assert.ok(r.tool.driver.rules.every((x: { help?: { text: string; markdown: string } }) => x.help?.text && x.help.markdown));
    assert.ok(r.results.every((x: { ruleIndex: number; ruleId: string }) => r.tool.driver.rules[x.ruleIndex].id === x.ruleId));
    const sup = r.results.filter((x: { suppressions?: unknown[] }) => x.suppressions);
    assert.ok(sup.length >= 1);
    assert.deepEqual(sup[0].suppressions[0].kind, 'inSource');
  });

  test('passes SARIF Multitool validation with GitHub ingestion rules (no error, no warning)', async (t) => {
    const mt = multitool();
    if (!mt) return t.skip('SARIF Multitool binary not installed (npm package @microsoft/sarif-multitool-linux)');
    const log = path.join(dir, 'validation.sarif');
    // every rule but SARIF2006 (UrisShouldBeReachable): a note-level rule, whose results this test never counts, that
    // sends an HTTP GET to each rule's helpUri: without a network (CI sandboxes) each lookup waits on DNS timeouts, 16 s
    // for the report of the sample fixture, and with one the test would depend on a web site
    const config = path.join(dir, 'multitool.xml');
    fs.writeFileSync(config, '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n    <Property Key="RuleEnabled" Value="Disabled" />\n  </Properties>\n</Properties>\n');
    execFileSync(mt, ['validate', '--rule-kind', 'Gh;Sarif', '--config', config, '--output', log, out], { stdio: 'pipe', timeout: 120_000 });
    const results = JSON.parse(fs.readFileSync(log, 'utf8')).runs[0].results as { level?: string; ruleId: string; message: unknown }[];
    const problems = results.filter((x) => x.level === 'error' || x.level === 'warning' || x.level === undefined);
    assert.deepEqual(problems.map((p) => `${p.ruleId}: ${JSON.stringify(p.message)}`), []);
  });

  test('partialFingerprints survive code moving down the file', async () => {
    const repo = tmp();
    const src = 'package p\n\nimport "time"\n\nfunc Leak() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n';
    fs.writeFileSync(path.join(repo, 'go.mod'), 'module example.com/p\n\ngo 1.21\n');
    fs.writeFileSync(path.join(repo, 'p.go'), src);
    const fp = async () => {
      const r = await cli(['audit', repo, '--no-config', '--format', 'sarif']);
      const res = JSON.parse(r.stdout).runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'CON1001');
      return res.map((x: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }) => [x.partialFingerprints['goready/v1'], x.locations[0]!.physicalLocation.region.startLine]);
    };
    const before = await fp();
    fs.writeFileSync(path.join(repo, 'p.go'), src.replace('func Leak', '// a comment\n// another\n\nfunc Other() {}\n\nfunc Leak'));
    const after = await fp();
    assert.equal(before.length, 1);
    assert.equal(after[0][0], before[0][0], 'same fingerprint');
    assert.notEqual(after[0][1], before[0][1], 'different line');
    fs.rmSync(repo, { recursive: true, force: true });
  });
});

describe('Markdown and JUnit', () => {
  test('multi-format: one stdout format plus files; two stdout formats is a usage error', async () => {
    const dir = tmp();
    const r = await cli(['audit', sample, '--no-config', '--format', 'markdown', '--format', `junit=${path.join(dir, 'j.xml')}`, '--format', `json=${path.join(dir, 'r.json')}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^## goready: sample — \d+\/100, grade [A-F]/);
    assert.match(r.stdout, /\| concurrency & lifecycle \| \d+ \|/);
    const xml = fs.readFileSync(path.join(dir, 'j.xml'), 'utf8');
    assert.match(xml, /<testcase name="CON1001 ticker-not-stopped" classname="goready.concurrency">\n\s+<failure type="medium"/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')).tool.name, 'goready');
    assert.equal((await cli(['audit', sample, '--format', 'json', '--format', 'text'])).code, 2);
    assert.equal((await cli(['audit', sample, '--format', 'pdf'])).code, 2);
  });

  test('markdown stays under the comment limit and says how many were left out; repo strings are escaped', async () => {
    const finding = (i: number) => ({
      ruleId: 'SEC1001', ruleName: 'x', dimension: 'security' as const, severity: 'high' as const, confidence: 'high' as const,
      message: `secret <script>alert(${i})</script> | pipe [link](javascript:x)`, file: `a/${i}.go`, line: i + 1, column: 1, fix: 'f',
    });
    const dims = Object.fromEntries(['build', 'concurrency', 'observability', 'security', 'supply-chain', 'runtime', 'engineering'].map((d) => [d, { score: 50, status: 'risk', reason: 'r', findings: 1, suppressed: 0, penalty: 1, rulesRun: 1, rulesApplicable: 1 }]));
    const report = {
      tool: { name: 'goready', version: '0' }, target: { name: 'big', path: '.' }, rules: [], findings: Array.from({ length: 3000 }, (_, i) => finding(i)),
      scores: { overall: 50, grade: 'F', dimensions: dims, codeLines: 1 }, stats: { analysedFiles: 1, suppressed: 0 },
    } as unknown as Report;
    const md = printMarkdown(report);
    assert.ok(md.length <= 65_536, `${md.length}`);
    assert.match(md, /… and \d+ more findings not shown/);
    assert.doesNotMatch(md, /<script>/);
    assert.doesNotMatch(md, /\[link\]\(/);
  });

  test('markdown and HTML due diligence: each check with its pass criterion, findings and verdict', async () => {
    const dir = tmp();
    const r = await cli(['audit', sample, '--no-config', '--format', 'markdown', '--format', `html=${path.join(dir, 'r.html')}`, '--format', `json=${path.join(dir, 'r.json')}`]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as Report;
    const con1001 = json.rules.find((x) => x.id === 'CON1001')!;
    assert.match(con1001.passCriterion ?? '', /ticker/);
    assert.ok(json.rules.every((x) => (x.passCriterion ?? '').length >= 20), 'every enabled rule carries its pass criterion in the JSON report');
    assert.match(r.stdout, /<details><summary>Due diligence/);
    const row = r.stdout.split('\n').find((l) => l.includes('CON1001') && l.includes(con1001.passCriterion!));
    assert.ok(row, 'markdown row of CON1001 with its pass criterion');
    assert.match(row!, /\| \d+ \(`[^`]+:\d+`.*\| ⚠️ risk \|$/);
    const notJudged = json.rules.find((x) => !x.applicable && !json.findings.some((f) => f.ruleId === x.id));
    if (notJudged) assert.match(r.stdout, new RegExp(`${notJudged.id}\\]?\\(?[^|]*\\| [^|]+ \\| nothing to judge \\| ➖ not judged \\|`));
    const html = fs.readFileSync(path.join(dir, 'r.html'), 'utf8');
    assert.ok(html.includes(`<td>${esc(con1001.passCriterion!)} <span class="muted small">(medium)</span></td>`), 'HTML row shows the pass criterion');
  });

  test('xml escaping removes what XML cannot carry', async () => {
    assert.equal(xmlEscape('a<b & "c" \u0001'), 'a&lt;b &amp; &quot;c&quot; ');
  });
});
