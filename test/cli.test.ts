/** End-to-end tests of the CLI on the sample fixture repository: output, JSON schema, gates, exit codes. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
import { fixture, projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';

const sample = fixture('sample');

async function auditJson(args: string[] = [], root = sample) {
  const r = await cli(['audit', root, '--format', 'json', '--no-config', ...args]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { ...r, report: JSON.parse(r.stdout) as any };
}

describe('goready audit', () => {
  test('text output lists findings at file:line:col with rule id, message, fix and a scorecard', async () => {
    const r = await cli(['audit', sample, '--no-config']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /internal\/poll\/poll\.go:7:7\s+medium\s+CON1001 ticker-not-stopped\n\s+ticker t is never stopped\n\s+fix: Call t\.Stop\(\)/);
    assert.match(r.stdout, /Scorecard\n/);
    assert.match(r.stdout, /concurrency & lifecycle\s+\d+\s+(pass|risk)/);
    assert.match(r.stdout, /overall\s+\d+\s+grade [A-F]/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'NO_COLOR: no escape codes');
  });

  test('JSON output validates against schema/report.schema.json', async () => {
    const { report } = await auditJson();
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'report.schema.json'), 'utf8')));
    const valid: boolean = validate(report);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    assert.equal(report.schemaVersion, '1.5.0');
    assert.equal(report.tool.name, 'goready');
  });

  test('walker: vendor/, .gitignore\'d and generated files give no findings; nested module uses its own go directive', async () => {
    const { report } = await auditJson();
    const files = new Set(report.findings.map((f: { file: string }) => f.file));
    assert.ok(!files.has('vendor/example.com/dep/dep.go'));
    assert.ok(!files.has('ignored/ignored.go'));
    assert.ok(!files.has('gen/gen.go'));
    assert.ok(!files.has('tools/tools.go'), 'tools/ is developer tooling: not reported by default');
    const all = (await auditJson(['--include-non-shipped'])).report.findings as { file: string; ruleId: string }[];
    assert.ok(all.some((f) => f.file === 'tools/tools.go'), 'tools/ findings come back with --include-non-shipped');
    assert.ok(all.some((f) => f.ruleId === 'CON1001' && f.file === 'internal/poll/poll.go'), 'go 1.21 root module: local ticker reported');
    assert.ok(!all.some((f) => f.ruleId === 'CON1001' && f.file === 'tools/tools.go'), 'go 1.23 tools module: the same ticker is collected, not reported');
    assert.deepEqual(report.modules.map((m: { dir: string; go: string }) => [m.dir, m.go]), [['', '1.21'], ['tools', '1.23']]);
  });

  test('every JSON finding carries its code role; --include-non-shipped brings back code that does not ship, with the reason', async () => {
    const { report } = await auditJson();
    assert.ok(report.findings.length > 0);
    for (const f of report.findings) assert.equal(f.role, 'production', `${f.file}: only shipped code by default`);
    const note = report.diagnostics.find((d: { code: string }) => d.code === 'non-shipped-findings');
    assert.match(note?.message ?? '', /^\d+ finding\(s\) in code that does not ship were not reported \(.*\d+ tooling.*\); --include-non-shipped keeps them$/);
    const all = (await auditJson(['--include-non-shipped'])).report;
    const tools = all.findings.find((f: { file: string }) => f.file === 'tools/tools.go');
    assert.equal(tools?.role, 'tooling');
    assert.equal(tools?.roleReason, 'directory tools/');
    assert.ok(all.findings.length > report.findings.length);
    assert.equal(all.config.includeNonShipped, true);
    assert.equal(all.diagnostics.find((d: { code: string }) => d.code === 'non-shipped-findings'), undefined);
  });

  test('--include-vendor and --include-generated bring those findings back', async () => {
    const { report } = await auditJson(['--include-vendor', '--include-generated']);
    const files = new Set(report.findings.map((f: { file: string }) => f.file));
    assert.ok(files.has('vendor/example.com/dep/dep.go'));
    assert.ok(files.has('gen/gen.go'));
    assert.ok(report.findings.find((f: { file: string }) => f.file === 'gen/gen.go').generated);
  });

  test('suppressions are kept and marked; unused and reason-less directives are reported', async () => {
    const { report } = await auditJson();
    const poll = report.findings.filter((f: { file: string }) => f.file === 'internal/poll/poll.go');
    const byLine = new Map(poll.map((f: { line: number; suppressed: unknown }) => [f.line, f.suppressed]));
    assert.equal(byLine.get(7), false);
    assert.deepEqual(byLine.get(15), { kind: 'goready', reason: 'lives for the whole process' });
    assert.equal((byLine.get(24) as { kind: string }).kind, 'goready', 'directive above a func covers the function');
    assert.equal((byLine.get(32) as { kind: string }).kind, 'nolint');
    assert.equal(byLine.get(44), false, 'no reason: not suppressed');
    const codes = report.diagnostics.map((d: { code: string; line?: number }) => `${d.code}:${d.line}`);
    assert.ok(codes.includes('unused-directive:38'), codes.join());
    assert.ok(codes.includes('bad-directive:44'), codes.join());
  });

  test('--fail-on and --min-score gate with exit 1; below the gate exit 0', async () => {
    assert.equal((await cli(['audit', sample, '--no-config', '--fail-on', 'medium'])).code, 1);
    assert.equal((await cli(['audit', sample, '--no-config', '--fail-on', 'critical'])).code, 0);
    assert.equal((await cli(['audit', sample, '--no-config', '--min-score', '100'])).code, 1);
    assert.equal((await cli(['audit', sample, '--no-config', '--min-score', '0'])).code, 0);
  });

  test('--min-severity hides findings but does not change the score', async () => {
    const all = (await auditJson()).report;
    const high = (await auditJson(['--min-severity', 'critical'])).report;
    assert.equal(high.findings.length, 0);
    assert.ok(high.stats.hiddenBySeverity > 0);
    assert.deepEqual(high.scores, all.scores);
  });

  test('usage errors exit 2 with a clear message', async () => {
    const missing = await cli(['audit', path.join(sample, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory/);
    const file = await cli(['audit', path.join(sample, 'go.mod')]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /not a directory/);
    assert.equal((await cli(['audit', sample, '--fail-on', 'bogus'])).code, 2);
    assert.equal((await cli(['bogus-command'])).code, 2);
    assert.equal((await cli(['audit', sample, '--min-score', 'abc'])).code, 2);
  });

  test('--output writes the report to a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-out-'));
    const out = path.join(dir, 'r.json');
    const r = await cli(['audit', sample, '--no-config', '--format', 'json', '--output', out]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).tool.name, 'goready');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('goready rules / explain / init', () => {
  test('rules --format json gives every metadata field', async () => {
    const r = await cli(['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout);
    assert.ok(rules.length >= 1);
    for (const rule of rules) {
      for (const k of ['id', 'name', 'dimension', 'severity', 'confidence', 'rationale', 'fix', 'examples', 'messages', 'sources']) {
        assert.ok(k in rule, `${rule.id} lacks ${k}`);
      }
    }
  });

  test('explain works by id and by name; unknown rule exits 2', async () => {
    const byId = await cli(['explain', 'CON1001']);
    assert.equal(byId.code, 0);
    assert.match(byId.stdout, /CON1001 ticker-not-stopped/);
    assert.match(byId.stdout, /Why\n/);
    assert.match(byId.stdout, /Before/);
    assert.equal((await cli(['explain', 'ticker-not-stopped'])).stdout, byId.stdout);
    assert.equal((await cli(['explain', 'NOPE9999'])).code, 2);
  });

  test('init writes a starter config that validates, refuses to overwrite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-init-'));
    assert.equal((await cli(['init'], { cwd: dir })).code, 0);
    assert.ok(fs.existsSync(path.join(dir, '.goready.yaml')));
    assert.equal((await cli(['init'], { cwd: dir })).code, 2);
    fs.mkdirSync(path.join(dir, 'repo'));
    fs.writeFileSync(path.join(dir, 'repo', 'go.mod'), 'module x\n\ngo 1.22\n');
    const audit = await cli(['audit', path.join(dir, 'repo'), '--format', 'json']);
    assert.equal(audit.code, 0, audit.stderr);
    assert.match(JSON.parse(audit.stdout).config.path, /\.goready\.yaml$/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

test('a reader that closes the pipe early (`| head`) ends the process quietly, not with an unhandled EPIPE', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), 'rules', '--format', 'json'], {
    cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  // read one chunk, then close our end, as `head -c 1` does
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error'/, stderr);
  assert.equal(code, 0);
});
