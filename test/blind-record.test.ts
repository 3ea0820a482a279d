import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { blindRecord, gate, offendsGate, parseSampleDoc, readBlindSamples, RECORD_MARKER, recordFromOf } from '../scripts/accuracy/blind-record.js';
import { scoreMarkdown, type Sheet } from '../scripts/accuracy/blind-sample.js';
import { allRules } from '../src/rules/registry.js';
import { GATED } from './helpers/cli.js';

const doc = (rows: string[]) => [
  '# a sample', '', '| rule | TP | FP | DEB | unjudged | precision |', '|---|---:|---:|---:|---:|---:|', '| XXX9999 | 9 | 9 | 9 | 0 | 50 % |', '',
  'text', '<!-- blind-record: as judged -->', '| rule | TP | FP | DEB | unjudged | precision |', '|---|---:|---:|---:|---:|---:|', ...rows, '',
  '| rule | TP | FP | DEB | what |', '| YYY0001 | 5 | 5 | 5 | later table |'].join('\n');

test('only the marked table counts, and samples add up per rule', () => {
  const one = doc(['| SEC1001 | 2 | 1 | 0 | 0 | 66.7 % |', '| **total** | 2 | 1 | 0 | 0 | 66.7 % |']);
  assert.deepEqual([...parseSampleDoc(one)], [['SEC1001', { TP: 2, FP: 1, DEB: 0 }]]);
  assert.equal(parseSampleDoc('| SEC1001 | 2 | 1 | 0 | 0 | x |').size, 0, 'no marker, no record');
  const rec = blindRecord(new Map([['b', one], ['a', doc(['| SEC1001 | 3 | 0 | 1 | 0 | 100 % |', '| CON1001 | 0 | 0 | 0 | 1 | — |'])]]));
  assert.deepEqual(rec.get('SEC1001'), { ruleId: 'SEC1001', TP: 5, FP: 1, DEB: 1, samples: ['a', 'b'] });
  assert.deepEqual(rec.get('CON1001')?.samples, [], 'a rule with nothing judged is in no sample');
  const since = blindRecord(new Map([['blind-sample-2026-12-01.md', one], ['blind-sample-2026-12-02.md', one]]), new Map([['SEC1001', '2026-12-02']]));
  assert.deepEqual(since.get('SEC1001'), { ruleId: 'SEC1001', TP: 2, FP: 1, DEB: 0, samples: ['2026-12-02'] }, 'a reworked rule counts the samples from its rework on');
});

test('the marked table is the one accuracy:sample --judged prints: what it writes is what the record reads', () => {
  const item = (n: number, ruleId: string, verdict: Sheet['items'][number]['verdict']) => ({ n, repo: 'r', ruleId, file: 'a.go', line: n, message: 'm', verdict, class: '', note: '' });
  const sheet: Sheet = { seed: 1, cap: 6, size: 5, repos: [], population: 5, items: [item(1, 'SEC1001', 'TP'), item(2, 'SEC1001', 'FP'), item(3, 'SEC1001', 'DEB'), item(4, 'CON1001', 'TP'), item(5, 'CON1001', null)] };
  assert.deepEqual([...parseSampleDoc(`${RECORD_MARKER} -->\n${scoreMarkdown(sheet)}`)], [['CON1001', { TP: 1, FP: 0, DEB: 0 }], ['SEC1001', { TP: 1, FP: 1, DEB: 1 }]]);
});

test('the gate: precision, the share nobody acts on, and too little evidence', () => {
  assert.equal(gate({ TP: 9, FP: 1, DEB: 0 }).verdict, 'holds');
  assert.equal(gate({ TP: 8, FP: 1, DEB: 0 }).verdict, 'fails', '88.9 % precision');
  assert.equal(gate({ TP: 6, FP: 0, DEB: 3 }).verdict, 'holds', 'a third nobody acts on is the limit');
  assert.equal(gate({ TP: 6, FP: 0, DEB: 4 }).verdict, 'fails');
  assert.equal(gate({ TP: 1, FP: 1, DEB: 0 }).verdict, 'too few');
  assert.equal(gate({ TP: 0, FP: 1, DEB: 2 }).verdict, 'fails', 'three judged and none acted on');
  assert.equal(gate({ TP: 2, FP: 0, DEB: 0 }, true).verdict, 'unproven', 'a reworked rule with too few judged since stays off');
  assert.equal(gate({ TP: 5, FP: 0, DEB: 0 }, true).verdict, 'holds');
});

test('every rule on by default clears the gate on the project\'s own blind samples', () => {
  const docs = readBlindSamples(path.resolve('docs/accuracy'));
  const from = recordFromOf(allRules());
  const rec = blindRecord(docs, from);
  assert.ok(rec.size > 30, 'the sample documents are read');
  const verdict = (id: string) => gate(rec.get(id) ?? { TP: 0, FP: 0, DEB: 0 }, from.has(id));
  const failing = allRules().filter((r) => r.meta.lifecycle === 'stable' && offendsGate(verdict(r.meta.id).verdict))
    .map((r) => `${r.meta.id} ${verdict(r.meta.id).why}`);
  assert.deepEqual(failing, []);
  for (const r of allRules().filter((r) => r.meta.lifecycle === 'experimental')) assert.ok(r.meta.experimentalReason, `${r.meta.id} says why it is experimental`);
});

test('a rule whose experimentalReason quotes the blind record (GATED, test/helpers/cli.ts) is one the gate keeps off', () => {
  const docs = readBlindSamples(path.resolve('docs/accuracy'));
  const from = recordFromOf(allRules());
  const rec = blindRecord(docs, from);
  assert.ok(GATED.length > 0);
  const cleared = GATED.filter((id) => !offendsGate(gate(rec.get(id) ?? { TP: 0, FP: 0, DEB: 0 }, from.has(id)).verdict));
  assert.deepEqual(cleared, [], 'clears the gate: back on by default, with its experimentalReason gone');
});
