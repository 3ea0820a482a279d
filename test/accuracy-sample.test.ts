import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSheet, drawSample, makeSheet, scoreMarkdown, scoreSheet, sheetMarkdown, type RepoFinding } from '../scripts/accuracy/blind-sample.js';

function population(): RepoFinding[] {
  const out: RepoFinding[] = [];
  for (const repo of ['a', 'b', 'c']) {
    for (let i = 0; i < 20; i++) out.push({ repo, ruleId: i % 4 === 0 ? 'R1' : `R${2 + (i % 3)}`, file: `f${i}.go`, line: i + 1, message: 'm' });
  }
  return out;
}

test('blind sample: same seed, same draw whatever the input order; another seed differs', () => {
  const p = population();
  const a = drawSample(p, 7, 6, 12);
  const b = drawSample([...p].reverse(), 7, 6, 12);
  assert.deepEqual(a, b);
  assert.notDeepEqual(drawSample(p, 8, 6, 12), a);
});

test('blind sample: at most cap per rule, at most size, fewer when the population runs out', () => {
  const p = population();
  const s = drawSample(p, 1, 2, 100);
  const per = new Map<string, number>();
  for (const f of s) per.set(f.ruleId, (per.get(f.ruleId) ?? 0) + 1);
  assert.deepEqual([...per.values()], [2, 2, 2, 2]);
  assert.equal(drawSample(p, 1, 6, 5).length, 5);
});

test('judged sheet: per-rule TP/FP/DEB, precision without DEB, DEB share of judged, unjudged kept apart', () => {
  const sheet = makeSheet(population(), [{ name: 'a', commit: 'abc', findings: 20 }], 3, 6, 10);
  const verdicts = ['TP', 'TP', 'FP', 'DEB', 'TP', 'TP', 'TP', 'TP', 'TP', null] as const;
  sheet.items.forEach((it, i) => { it.verdict = verdicts[i] ?? null; });
  const s = scoreSheet(checkSheet(JSON.parse(JSON.stringify(sheet))));
  assert.deepEqual([s.total.tp, s.total.fp, s.total.deb, s.total.unjudged], [7, 1, 1, 1]);
  assert.equal(s.precision, 7 / 8);
  assert.equal(s.debShare, 1 / 9);
  assert.equal(s.rules.reduce((n, r) => n + r.tp + r.fp + r.deb + r.unjudged, 0), 10);
  const md = scoreMarkdown(sheet);
  assert.match(md, /Precision TP\/\(TP\+FP\) = 87\.5 %; DEB share = 11\.1 %/);
  assert.match(md, /\| 3 \| FP \|/);
  assert.match(sheetMarkdown(sheet), /## 1\. R\d — [abc]\/f\d+\.go:\d+/);
});

test('judged sheet: a verdict outside TP/FP/DEB is refused', () => {
  const sheet = makeSheet(population(), [], 3, 6, 2);
  (sheet.items[0] as { verdict: unknown }).verdict = 'maybe';
  assert.throws(() => checkSheet(sheet), /verdict must be TP, FP, DEB or null/);
  assert.throws(() => checkSheet({}), /not a judging sheet/);
});
