import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoMod } from '../src/go/gomod.js';
import { parseGoWork } from '../src/go/gowork.js';

test('go.mod: directives, blocks, comments, quoting, odd formatting', () => {
  const mod = parseGoMod([
    '// a comment',
    'module "example.com/m" // trailing',
    '',
    'go 1.22.3',
    'toolchain go1.23.1',
    'require example.com/a v1.2.3',
    'require (',
    '\texample.com/b v0.0.0-20240101000000-abcdefabcdef // indirect',
    '',
    '\t// comment inside',
    '\texample.com/c   v2.0.0+incompatible',
    ')',
    'replace example.com/a => ../a',
    'replace (',
    '\texample.com/b v0.1.0 => example.com/b2 v0.2.0',
    ')',
    'exclude example.com/c v2.0.1',
    'retract [v1.0.0, v1.0.5] // broken',
    'godebug default=go1.21',
  ].join('\n'));
  assert.equal(mod.module, 'example.com/m');
  assert.equal(mod.go, '1.22.3');
  assert.equal(mod.toolchain, 'go1.23.1');
  assert.deepEqual(mod.require.map((r) => [r.path, r.version, r.indirect, r.line]), [
    ['example.com/a', 'v1.2.3', false, 6],
    ['example.com/b', 'v0.0.0-20240101000000-abcdefabcdef', true, 8],
    ['example.com/c', 'v2.0.0+incompatible', false, 11],
  ]);
  assert.deepEqual(mod.replace.map((r) => [r.from.path, r.from.version, r.to.path, r.to.version]), [
    ['example.com/a', undefined, '../a', undefined],
    ['example.com/b', 'v0.1.0', 'example.com/b2', 'v0.2.0'],
  ]);
  assert.equal(mod.exclude[0]?.version, 'v2.0.1');
  assert.equal(mod.retract[0]?.rationale, 'broken');
  assert.deepEqual(mod.godebug, [{ key: 'default', value: 'go1.21', line: 19 }]);
  assert.deepEqual(mod.errors, []);
});

test('go.mod: malformed input yields errors, never throws', () => {
  const mod = parseGoMod('go 1.x\nrequire (\n\texample.com/a\nfrobnicate yes\n');
  assert.equal(mod.module, undefined);
  const msgs = mod.errors.map((e) => `${e.line}: ${e.message}`);
  assert.ok(msgs.some((m) => m.startsWith('1: invalid go version')), msgs.join('; '));
  assert.ok(msgs.some((m) => m.includes('expected 2 argument')), msgs.join('; '));
  assert.ok(msgs.some((m) => m.includes("unclosed 'require (' block")), msgs.join('; '));
  assert.ok(msgs.some((m) => m.includes('no module directive')));
  assert.doesNotThrow(() => parseGoMod('module "unterminated\nreplace => \n\u0000\u00ff'));
});

test('go.work: use (single and block, quoted), replace, go, toolchain; unknown directives are errors', () => {
  const work = parseGoWork([
    'go 1.23',
    'toolchain go1.23.4',
    'use ./app',
    'use (',
    '\t.',
    '\t"./lib with space" // comment',
    ')',
    'replace example.com/x => ../x',
    'replace example.com/y v1.0.0 => example.com/z v1.1.0',
    'require example.com/a v1.0.0',
    'use',
  ].join('\n'));
  assert.equal(work.go, '1.23');
  assert.equal(work.toolchain, 'go1.23.4');
  assert.deepEqual(work.use, [{ dir: './app', line: 3 }, { dir: '.', line: 5 }, { dir: './lib with space', line: 6 }]);
  assert.deepEqual(work.replace.map((r) => [r.from.path, r.from.version, r.to.path, r.to.version, r.line]), [
    ['example.com/x', undefined, '../x', undefined, 8],
    ['example.com/y', 'v1.0.0', 'example.com/z', 'v1.1.0', 9],
  ]);
  assert.deepEqual(work.errors.map((e) => e.line), [10, 11]);
  assert.doesNotThrow(() => parseGoWork('use (\n\t"unterminated\nreplace =>\n\u0000'));
});
