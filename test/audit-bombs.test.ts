/**
 * A YAML alias bomb in a Kubernetes manifest and an exponential Makefile are diagnostics for
 * their files: the audit completes and keeps every other finding (including the healthy
 * documents of the bombed file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { parseConfigText } from '../src/config/config.js';

interface Report {
  findings: { ruleId: string; file: string; line: number; confidence: string }[];
  diagnostics: { code: string; file?: string; line?: number; message: string }[];
}

function aliasBomb(levels: number, width: number): string {
  const lines = [`a0: &a0 [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bomb}\nspec:\n  template:\n    spec:\n      containers: *a${levels}\n${lines.join('\n')}\n`;
}

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: healthy',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: example/app:1.0',
].join('\n');

test('audit: alias-bomb manifest and expansion-bomb Makefile become diagnostics, the other findings stay', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bombs-'));
  try {
    const w = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    w('go.mod', 'module example.com/bombs\n\ngo 1.22\n');
    // the ticker is not in start-up code (CON1001 skips tickers made once by main and what only main calls)
    w('main.go', 'package main\n\nimport "time"\n\nfunc main() {}\n\nvar _ = Poll\n\nfunc Poll() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n');
    w('deploy/app.yaml', `${DEPLOYMENT}\n---\n${aliasBomb(9, 10)}`);
    const names = 'ABCDEFGHIJKLMNOPQ'.split('');
    const mk = names.slice(0, 16).map((n, i) => `${n} = $(${names[i + 1]})$(${names[i + 1]})`);
    w('Makefile', [...mk, 'Q = -X main.v=1', 'build:', '\tgo build -ldflags "$(A)" -o bin/app .', ''].join('\n'));
    // RUN2001 and CON1001 are experimental (the blind-record gate): enabled, as the witnesses of the healthy document, the Go code and the Makefile (the release-build rules expand it)
    const r = await cli(['audit', dir, '--format', 'json', '--no-progress', '--enable', 'RUN2001,CON1001,BLD1003,BLD1005']);
    assert.notEqual(r.code, 3, r.stderr);
    const rep = JSON.parse(r.stdout) as Report;
    const diag = (code: string, file: string) => rep.diagnostics.find((d) => d.code === code && d.file?.endsWith(file));
    assert.match(diag('yaml-parse', 'deploy/app.yaml')?.message ?? '', /alias bomb/);
    assert.match(diag('makefile-expansion-budget', 'Makefile')?.message ?? '', /treated as unknown/);
    const rules = new Set(rep.findings.map((f) => `${f.ruleId} ${path.basename(f.file)}:${f.line}`));
    assert.ok(rules.has('RUN2001 app.yaml:9'), `healthy document still judged: ${[...rules].join(', ')}`);
    assert.ok(rep.findings.some((f) => f.file.endsWith('main.go')), 'Go findings still reported');
    assert.ok(!rep.findings.some((f) => f.file.endsWith('app.yaml') && f.line > 10), 'nothing judged inside the bomb document');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('config: a .goready.yaml alias bomb is a configuration error, not a crash', async () => {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const r = parseConfigText(`${lines.join('\n')}\ndisable: *a9\n`, '.goready.yaml');
  assert.equal(r.raw, undefined);
  assert.match(r.errors.join('\n'), /^\.goready\.yaml: YAML error: Excessive alias count/);
});
