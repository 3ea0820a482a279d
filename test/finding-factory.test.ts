/** The one Finding factory (src/core/finding.ts): message, overrides, position defaults and field order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFinding, ruleFinding } from '../src/core/finding.js';
import { evidenceFinding } from '../src/core/evidence-check.js';
import { allRules } from '../src/rules/registry.js';

const meta = allRules().find((r) => Object.keys(r.meta.messages).length > 0 && /\{\{\s*\w+\s*\}\}/.test(Object.values(r.meta.messages)[0]!))!.meta;
const [messageId, template] = Object.entries(meta.messages)[0]!;
const placeholder = /\{\{\s*(\w+)\s*\}\}/.exec(template)![1]!;

test('ruleFinding fills the message, keeps the rule defaults unless the report overrides them', () => {
  const f = ruleFinding(meta, { messageId, data: { [placeholder]: 'XYZZY' } }, { file: '/r/a.go', line: 3 });
  assert.equal(f.ruleId, meta.id);
  assert.equal(f.ruleName, meta.name);
  assert.ok(f.message.includes('XYZZY') && !f.message.includes('{{'), f.message);
  assert.equal(f.severity, meta.severity);
  assert.equal(f.confidence, meta.confidence);
  assert.equal(f.fix, meta.fix.text);
  assert.equal(f.column, 1, 'column 1 when absent');
  assert.ok(!('endLine' in f) && !('endColumn' in f), 'no end position when absent');
  const o = ruleFinding(meta, { messageId: 'no-such-message', severity: 'info', confidence: 'low' }, { file: '/r/a.go', line: 3, column: 7, endLine: 4, endColumn: 2 });
  assert.equal(o.message, 'no-such-message', 'an unknown message id is shown as is');
  assert.deepEqual([o.severity, o.confidence, o.column, o.endLine, o.endColumn], ['info', 'low', 7, 4, 2]);
});

test('every producer gets the same field order (the JSON report prints findings in it); extras come last', () => {
  const head = ['ruleId', 'ruleName', 'dimension', 'severity', 'confidence', 'message', 'file', 'line', 'column'];
  const a = ruleFinding(meta, { messageId }, { file: 'f', line: 1, column: 2, endLine: 3, endColumn: 4 }, { snippet: 's', module: '' });
  assert.deepEqual(Object.keys(a), [...head, 'endLine', 'endColumn', 'fix', 'snippet', 'module']);
  const check = { id: 'X1', name: 'x', dimension: meta.dimension, severity: meta.severity, confidence: meta.confidence, title: 't', fix: 'do' };
  assert.deepEqual(Object.keys(evidenceFinding(check, 'bin/app', undefined, 'm', { module: '' })), [...head, 'fix', 'module']);
  assert.equal(evidenceFinding(check, 'bin/app', 0, 'm').line, 1, 'line 1 when the evidence has none');
  assert.deepEqual(Object.keys(makeFinding(check, 'm', { file: 'f', line: 2 })), [...head, 'fix']);
});
