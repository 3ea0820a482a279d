import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goGenerateLines } from '../src/go/go-generate.js';
import { upperWordsOf } from '../src/engine/analyze-file.js';

test('goGenerateLines: line-start directives with their 1-based lines, as the text reads', () => {
  const text = 'package p\n\n//go:generate go run ./gen -out=x.go\nfunc f() {} //go:generate no\n\n//go:generate\tstringer -type=T\r\n';
  assert.deepEqual(goGenerateLines(text), [[3, 'go run ./gen -out=x.go'], [6, 'stringer -type=T']]);
  // after a byte-order mark the first line's directive is not at a line start
  assert.deepEqual(goGenerateLines('\ufeff//go:generate go run ./a\n//go:generate go run ./b\n'), [[2, 'go run ./b']]);
  assert.deepEqual(goGenerateLines('package p\n'), []);
});

test('upperWordsOf: an exported name is in the words iff in the text, whole-word matches keep their boundaries', () => {
  const text = 'package p\n// calls NewThing and xNewOther\nvar s = "Ünïcode_Name9"\nfunc run() { helper(); newThing() }\n';
  const words = upperWordsOf(text);
  for (const n of ['NewThing', 'NewOther', 'Name9', 'Ünïcode_Name9', 'Thing', 'Helper', 'New']) {
    assert.equal(words.includes(n), text.includes(n), n);
    const re = new RegExp(`\\b${n}\\b`);
    assert.equal(re.test(words), re.test(text), `${n} as a word`);
  }
  assert.ok(!words.includes('helper'));
});
