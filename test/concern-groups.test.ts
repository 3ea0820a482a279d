import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupConcernFindings } from '../src/engine/concern-groups.js';
import type { Finding } from '../src/core/types.js';
import { cli } from './helpers/cli.js';
import { newFromRev } from '../src/pipeline/new-from-rev.js';
import type { PipelineState } from '../src/pipeline/types.js';

function finding(ruleId: string, file: string, line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, ruleName: 'x', dimension: 'build', severity: 'medium', confidence: 'high', message: `${file}:${line}`, file, line, column: 1, fix: '', ...extra };
}

test('one concern, one finding: the first reported place, the others as related places; other rules, keys and roles apart', () => {
  const findings = [
    finding('BLD1013', 'images/b/Dockerfile', 4, { concern: 'download:u' }),
    finding('BLD1013', 'images/a/Dockerfile', 9, { concern: 'download:u', severity: 'high' }),
    finding('BLD1013', 'images/c/Dockerfile', 2, { concern: 'download:u', related: [{ file: 'images/d/Dockerfile', line: 2 }] }),
    finding('BLD1013', 'images/a/Dockerfile', 12, { concern: 'download:v' }),
    finding('BLD1014', 'images/a/Dockerfile', 9, { concern: 'download:u' }),
    finding('BLD1013', 'test/e2e/Dockerfile', 3, { concern: 'download:u', role: 'test' }),
    finding('BLD1013', 'images/e/Dockerfile', 3),
  ];
  const out = groupConcernFindings(findings);
  assert.deepEqual(out.map((f) => `${f.ruleId} ${f.file}:${f.line}`), [
    'BLD1013 images/b/Dockerfile:4', 'BLD1013 images/a/Dockerfile:12', 'BLD1014 images/a/Dockerfile:9', 'BLD1013 test/e2e/Dockerfile:3', 'BLD1013 images/e/Dockerfile:3',
  ]);
  assert.deepEqual(out[0]!.related, [
    { file: 'images/a/Dockerfile', line: 9 }, { file: 'images/c/Dockerfile', line: 2 }, { file: 'images/d/Dockerfile', line: 2 },
  ]);
  assert.equal(out[0]!.severity, 'high', 'the group takes the highest severity of its places');
  assert.ok(out.every((f) => !('concern' in f)), 'the key is engine-internal');
  assert.equal(out[1]!.related, undefined);
});

const LEAK = [
  'package svc',                                                       // 1
  '',                                                                  // 2
  'import (',                                                          // 3
  '\t"context"',                                                       // 4
  '\t"errors"',                                                        // 5
  ')',                                                                 // 6
  '',                                                                  // 7
  'func Start(parent context.Context, a, b bool) error {',             // 8
  '\tctx, cancel := context.WithCancel(parent)%CALL%',                 // 9
  '\tif a {',                                                          // 10
  '\t\treturn errors.New("a")%RET%',                                   // 11
  '\t}',                                                               // 12
  '\tif b {',                                                          // 13
  '\t\treturn errors.New("b")',                                        // 14
  '\t}',                                                               // 15
  '\tcancel()',                                                        // 16
  '\treturn ctx.Err()',                                                // 17
  '}',                                                                 // 18
  '',
].join('\n');

async function audit(call: string, ret: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-concern-'));
  try {
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/svc\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'svc.go'), LEAK.replace('%CALL%', call).replace('%RET%', ret));
    const r = await cli(['audit', dir, '--no-config', '--no-cache', '--format', 'json', '-q', '--enable', 'CON1005']);
    return JSON.parse(r.stdout) as { findings: Finding[]; diagnostics: { code: string; line?: number }[] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a lost cancel is one finding at the assignment, every return that misses it a related place (JSON)', async () => {
  const r = await audit('', '');
  const lost = r.findings.filter((f) => f.ruleId === 'CON1005');
  assert.deepEqual(lost.map((f) => [f.line, f.related]), [[9, [{ file: 'svc.go', line: 11 }, { file: 'svc.go', line: 14 }]]]);
  assert.match(lost[0]!.message, /not used on all paths/);
});

test('suppression of a grouped concern: at its reported place; directives at its other places then count as used', async () => {
  const both = await audit(' // goready:ignore CON1005 -- stopped by the caller', ' // goready:ignore CON1005 -- stopped by the caller');
  const lost = both.findings.filter((f) => f.ruleId === 'CON1005');
  assert.equal(lost.length, 1);
  assert.ok(lost[0]!.suppressed);
  assert.deepEqual(both.diagnostics.filter((d) => d.code === 'unused-directive'), []);
  // a directive at one of the other places alone does not hide the concern (the other returns still miss the cancel)
  const one = await audit('', ' // goready:ignore CON1005 -- this path exits the process');
  const shown = one.findings.filter((f) => f.ruleId === 'CON1005');
  assert.equal(shown.length, 1);
  assert.ok(!shown[0]!.suppressed);
  assert.deepEqual(one.diagnostics.filter((d) => d.code === 'unused-directive').map((d) => d.line), [11]);
});

test('--new-from-rev keeps a grouped concern when any of its places changed', () => {
  const grouped = finding('CON1005', 'svc.go', 9, { related: [{ file: 'svc.go', line: 11 }, { file: 'svc.go', line: 14 }] });
  const other = finding('CON1005', 'svc.go', 30);
  const stats = { hiddenByRev: 0 };
  const out = newFromRev(new Map([['svc.go', new Set([14])]]), stats)({ findings: [grouped, other] } as unknown as PipelineState);
  assert.deepEqual(out.findings.map((f) => f.line), [9]);
  assert.equal(stats.hiddenByRev, 1);
});
