import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDirectives, extractHashDirectives } from '../src/engine/directives.js';
import { directiveMatches } from '../src/pipeline/inline-suppressions.js';
import type { RuleMeta } from '../src/core/types.js';

const meta = { id: 'SEC1002', name: 'tls-insecure-skip-verify', dimension: 'security', sources: ['gosec:G402'] } as RuleMeta;
const bodyclose = { id: 'CON1010', name: 'response-body-not-closed', dimension: 'concurrency', sources: ['golangci:bodyclose'] } as RuleMeta;
const sa = { id: 'CON1009', name: 'signal-notify-unbuffered', dimension: 'concurrency', sources: ['staticcheck:SA1017', 'govet:sigchanyzer'] } as RuleMeta;

test('directive kinds, targets, reasons and line ranges', () => {
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

test('peer directives map through rule sources', () => {
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

test('# directives in YAML, Dockerfiles and Makefiles', () => {
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
