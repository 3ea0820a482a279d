import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directiveMatches, extractDirectives, extractHashDirectives } from '../src/core/suppression-directives.js';
import type { RuleMeta } from '../src/core/types.js';

const meta = { id: 'SEC1002', name: 'tls-insecure-skip-verify', dimension: 'security', sources: ['gosec:G402'] } as RuleMeta;
const bodyclose = { id: 'CON1010', name: 'response-body-not-closed', dimension: 'concurrency', sources: ['golangci:bodyclose'] } as RuleMeta;
const sa = { id: 'CON1009', name: 'signal-notify-unbuffered', dimension: 'concurrency', sources: ['staticcheck:SA1017', 'govet:sigchanyzer'] } as RuleMeta;

test('directive kinds, targets, reasons and line ranges', async () => {
  const src = [
    'package p',                                              // 1
    'x := 1 //goready:ignore SEC1002,CON1001 -- test only',   // 2
    '//goready:ignore tls-insecure-skip-verify -- legacy',   // 3
    'func f() {',                                             // 4
    '}',                                                      // 5
    'y := 2 //nolint:gosec,bodyclose // reason here',         // 6
    'z := 3 // #nosec G402 -- pinned cert',                   // 7
    '//lint:ignore SA1017 signal buffer not needed',          // 8
    'w := 4',                                                 // 9
    '//goready:file-ignore CON1010 -- generated-ish',         // 10
    'v := 5 //goready:ignore SEC1002',                        // 11
  ].join('\n');
  const ds = extractDirectives(src, (line) => (line === 4 ? 5 : undefined));
  const summary = ds.map((d) => [d.kind, d.line, d.targets.join(','), d.reason ?? '', d.fromLine, d.toLine, d.problem ?? '']);
  assert.deepEqual(summary, [
    ['goready', 2, 'SEC1002,CON1001', 'test only', 2, 2, ''],
    ['goready', 3, 'tls-insecure-skip-verify', 'legacy', 3, 5, ''],
    ['nolint', 6, 'gosec,bodyclose', 'reason here', 6, 6, ''],
    ['nosec', 7, 'G402', 'pinned cert', 7, 7, ''],
    ['lint-ignore', 8, 'SA1017', 'signal buffer not needed', 8, 9, ''],
    ['goready-file', 10, 'CON1010', 'generated-ish', 1, 11, ''],
    ['goready', 11, 'SEC1002', '', 11, 11, 'goready:ignore needs a reason after " -- "'],
  ]);
});

test('peer directives map through rule sources', async () => {
  const d = (src: string) => extractDirectives(src)[0]!;
  assert.ok(directiveMatches(d('a //nolint'), meta));
  assert.ok(directiveMatches(d('a //nolint:gosec'), meta));
  assert.ok(!directiveMatches(d('a //nolint:govet'), meta));
  assert.ok(directiveMatches(d('a //nolint:bodyclose'), bodyclose));
  assert.ok(directiveMatches(d('a //nolint:govet'), sa));
  assert.ok(directiveMatches(d('a // #nosec'), meta));
  assert.ok(directiveMatches(d('a // #nosec G402'), meta));
  assert.ok(!directiveMatches(d('a // #nosec G101'), meta));
  assert.ok(!directiveMatches(d('a // #nosec'), bodyclose), 'no gosec equivalent: #nosec does not apply');
  assert.ok(directiveMatches(d('a //lint:ignore SA1017 why'), sa));
  assert.ok(!directiveMatches(d('a //lint:ignore SA1015 why'), sa));
  assert.ok(directiveMatches(d('a //goready:ignore security -- whole dimension'), meta));
});

test('# directives in YAML, Dockerfiles and Makefiles', async () => {
  const yaml = [
    'jobs:',                                                        // 1
    '  fuzz:',                                                      // 2
    '    steps:',                                                   // 3
    '      # goready:ignore ENG1008 -- cifuzz cannot be pinned',    // 4
    '      #',                                                      // 5
    '      - uses: google/oss-fuzz/infra/cifuzz@master',            // 6
    '      - uses: x/y@v1 # goready:ignore action-not-pinned',      // 7
  ].join('\n');
  const ds = extractHashDirectives(yaml);
  assert.deepEqual(ds.map((d) => [d.kind, d.line, d.targets.join(), d.reason ?? '', d.fromLine, d.toLine, d.problem ?? '']), [
    ['goready', 4, 'ENG1008', 'cifuzz cannot be pinned', 4, 6, ''],
    ['goready', 7, 'action-not-pinned', '', 7, 7, 'goready:ignore needs a reason after " -- "'],
  ]);
  assert.deepEqual(extractHashDirectives('FROM x\n# goready:file-ignore BLD1005 -- base image is pinned by the platform\n').map((d) => [d.kind, d.fromLine, d.toLine]), [['goready-file', 1, 3]]);
});

test('hadolint ignore comments map through hadolint sources', async () => {
  const ds = extractHashDirectives('FROM golang:1.22 AS build\n# hadolint ignore=DL3007\nFROM alpine:latest\n');
  assert.deepEqual(ds.map((d) => [d.kind, d.targets.join(), d.fromLine, d.toLine]), [['hadolint', 'DL3007', 2, 3]]);
  const floating = { id: 'BLD1007', name: 'base-image-floating-tag', dimension: 'build', sources: ['hadolint:DL3006', 'hadolint:DL3007'] } as RuleMeta;
  assert.ok(directiveMatches(ds[0]!, floating));
  assert.ok(!directiveMatches(ds[0]!, meta));
});

test('a trailing directive covers the whole statement whose first line it ends; gosec:disable is gosec syntax', async () => {
  const src = [
    'package p',                                  // 1
    'var c = Config{ // #nosec G101',             // 2
    '\tPassword: "f62e5bcda4fae4f82370da0c",',    // 3
    '}',                                          // 4
    'var d = 1 //gosec:disable G402 -- pinned',   // 5
    'if x { // #nosec',                           // 6
    '\ty()',                                      // 7
    '}',                                          // 8
  ].join('\n');
  // what the engine derives from the tree: statements (not if/for blocks) starting on a line
  const stmtEnds = new Map([[2, 4], [3, 3], [5, 5], [7, 7]]);
  const ds = extractDirectives(src, undefined, (line) => stmtEnds.get(line));
  assert.deepEqual(ds.map((x) => [x.kind, x.targets.join(','), x.reason ?? '', x.fromLine, x.toLine]), [
    ['nosec', 'G101', '', 2, 4],
    ['nosec', 'G402', 'pinned', 5, 5],
    ['nosec', '', '', 6, 6],
  ]);
});

test('audit: a trailing #nosec on the first line of a multi-line literal suppresses the finding inside it', async () => {
  const { tempRepo } = await import('./helpers/temp-repo.js');
  const { cli } = await import('./helpers/cli.js');
  const secret = 'f62e5bcda4fae4f82370da0c6f20697b8f8447ef';
  const { dir, cleanup } = tempRepo({
    'go.mod': 'module example.com/s\n\ngo 1.24\n',
    'cfg.go': [
      'package s', '', 'type dbConfig struct{ Password string }', '',
      'var covered = dbConfig{ // #nosec G101 -- local stack fixture', `\tPassword: "${secret}",`, '}', '',
      'var reported = dbConfig{', `\tPassword: "${secret}",`, '}', '',
    ].join('\n'),
  });
  try {
    const r = await cli(['audit', dir, '--format', 'json', '--no-config', '-q', '--enable', 'SEC1001']);
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; suppressed?: object }[] }).findings
      .filter((f) => f.ruleId === 'SEC1001');
    assert.deepEqual(findings.map((f) => [f.line, !!f.suppressed]), [[6, true], [10, false]]);
  } finally {
    cleanup();
  }
});

test('a file whose only directive is //gosec:disable still has it', async () => {
  const ds = extractDirectives('package p\nvar s = &http.Server{ //gosec:disable G112 - internal only\n}\n');
  assert.deepEqual(ds.map((d) => [d.kind, d.targets.join(','), d.line]), [['nosec', 'G112', 2]]);
});
