/** Bad input never crashes the tool: each case yields a clear diagnostic and the audit completes. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { analyzeFile } from '../src/engine/analyze-file.js';
import { getGoParser } from '../src/go/parser.js';
import { allRules, fileRulesOf } from '../src/rules/registry.js';

const LEAK = 'func Leak() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n';
let dir: string;

interface Diag { code: string; file?: string; message: string; level: string }
interface F { file: string; line: number; confidence: string; ruleId: string }

async function audit(root: string, extra: string[] = []) {
  const r = await cli(['audit', root, '--format', 'json', ...extra]);
  return { code: r.code, stderr: r.stderr, report: r.stdout ? (JSON.parse(r.stdout) as { findings: F[]; diagnostics: Diag[]; scores: { overall: number | null; dimensions: Record<string, { status: string }> }; rules: { id: string; lifecycle: string }[] }) : undefined };
}

describe('bad input', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bad-'));
    const w = (rel: string, data: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), data);
    };
    w('go.mod', 'module example.com/bad\n\ngo 1.21\n');
    w('ok.go', `package bad\n\nimport "time"\n\n${LEAK}`);
    w('nul.go', Buffer.concat([Buffer.from('package bad\n'), Buffer.from([0, 0, 0]), Buffer.from('\n')]));
    w('badutf8/x.go', Buffer.concat([Buffer.from('package badutf8\n\nimport "time"\n\n// \xff\xfe broken: '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`\n${LEAK}`)]));
    w('syntax/x.go', `package syntax\n\nimport "time"\n\nfunc Broken( {\n\n${LEAK}`);
    // 50 MB file: over the default 4 MiB limit
    const fd = fs.openSync(path.join(dir, 'huge.go'), 'w');
    fs.writeSync(fd, 'package bad\n');
    const chunk = Buffer.alloc(1024 * 1024, '/');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    fs.mkdirSync(path.join(dir, 'loop'));
    fs.symlinkSync('..', path.join(dir, 'loop', 'up'));
    fs.symlinkSync('b.go', path.join(dir, 'a.go'));
    fs.symlinkSync('a.go', path.join(dir, 'b.go'));
    fs.symlinkSync('missing.go', path.join(dir, 'broken.go'));
    w('sub/go.mod', 'module example.com/bad/sub\n\ngo 1.21 extra\nrequire (\n\texample.com/x\n');
    w('sub/s.go', 'package sub\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the audit completes, still reports real findings, and explains every skipped file', async () => {
    const { code, report } = await audit(dir, ['--no-config']);
    assert.equal(code, 0);
    assert.ok(report);
    const codes = (file: string) => report.diagnostics.filter((d) => d.file === file).map((d) => d.code);
    assert.ok(report.findings.some((f) => f.file === 'ok.go' && f.ruleId === 'CON1001'), 'finding in the healthy file');
    assert.deepEqual(codes('nul.go'), ['binary-file']);
    assert.deepEqual(codes('huge.go'), ['file-too-large']);
    assert.ok(codes('badutf8/x.go').includes('invalid-utf8'));
    assert.ok(codes('syntax/x.go').includes('syntax-error'));
    assert.ok(codes('a.go').includes('symlink-loop'));
    assert.ok(codes('broken.go').includes('broken-symlink'));
    assert.ok(report.diagnostics.some((d) => d.code === 'symlink-loop' && d.file === 'loop/up'), 'directory loop not followed');
    assert.ok(codes('sub/go.mod').includes('gomod-parse'));
  });

  test('findings in files with syntax errors or invalid UTF-8 are kept with lowered confidence', async () => {
    const { report } = await audit(dir, ['--no-config']);
    assert.ok(report);
    const syn = report.findings.find((f) => f.file === 'syntax/x.go');
    assert.ok(syn, 'syntax-error file still analysed');
    assert.equal(syn.confidence, 'medium');
    const utf = report.findings.find((f) => f.file === 'badutf8/x.go');
    assert.ok(utf, 'invalid UTF-8 file still analysed');
    assert.equal(utf.confidence, 'medium');
  });

  test('a malformed .goready.yaml: clear message, audit completes with defaults, exit 2', async () => {
    const cfg = path.join(dir, 'bad.yaml');
    fs.writeFileSync(cfg, 'rules:\n  disable: [CON1001\n  severity: {\n');
    const { code, stderr, report } = await audit(dir, ['--config', cfg]);
    assert.equal(code, 2);
    assert.match(stderr, /config error: .*bad\.yaml: YAML error/);
    assert.ok(report && report.rules.length > 0 && report.rules.every((r) => r.lifecycle === 'stable'), 'audit ran with defaults (the stable rules)');
  });

  test('a config that fails the schema names the key', async () => {
    const cfg = path.join(dir, 'schema.yaml');
    fs.writeFileSync(cfg, 'version: 1\nrulez: {}\nfail-on: severe\nrules:\n  disable: [NOPE1234]\n');
    const { code, stderr } = await audit(dir, ['--config', cfg]);
    assert.equal(code, 2);
    assert.match(stderr, /unknown key 'rulez'/);
    assert.match(stderr, /fail-on: must be one of info, low, medium, high, critical/);
  });

  test('a path that is not a Go repository: diagnostic, every dimension inconclusive, exit 0', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-empty-'));
    fs.writeFileSync(path.join(empty, 'README.md'), '# not go\n');
    const { code, report } = await audit(empty, ['--no-config']);
    assert.equal(code, 0);
    assert.ok(report);
    assert.ok(report.diagnostics.some((d) => d.code === 'no-go-files'));
    assert.equal(report.scores.overall, null);
    assert.ok(Object.values(report.scores.dimensions).every((d) => d.status === 'inconclusive'));
    fs.rmSync(empty, { recursive: true, force: true });
  });

  test('a file that cannot be read yields a diagnostic, not a crash', async () => {
    const parser = await getGoParser();
    const gone = path.join(dir, 'vanished.go');
    const res = analyzeFile(parser, fileRulesOf(allRules()), { absPath: gone, relPath: 'vanished.go', maxFileSize: 1 << 22 });
    assert.equal(res.skipped, 'unreadable');
    assert.match(res.diagnostics[0]!.message, /cannot read file \(ENOENT\)/);
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.go');
      fs.writeFileSync(locked, 'package bad\n');
      fs.chmodSync(locked, 0);
      const r = analyzeFile(parser, fileRulesOf(allRules()), { absPath: locked, relPath: 'locked.go', maxFileSize: 1 << 22 });
      assert.equal(r.skipped, 'unreadable');
      fs.chmodSync(locked, 0o644);
    }
  });
});
