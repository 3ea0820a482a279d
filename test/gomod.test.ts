import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoMod } from '../src/go/gomod.js';

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
