import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GO_RELEASES, GO_RELEASES_UPDATED, isUnsupportedGo, parseGoLine, releaseOf, supportWindow } from '../src/facts/go-releases.js';

const day = (s: string) => new Date(`${s}T12:00:00Z`);

test('go releases: the table is ordered, dated and marks unconfirmed releases', () => {
  for (let i = 1; i < GO_RELEASES.length; i++) {
    assert.equal(GO_RELEASES[i]!.minor, GO_RELEASES[i - 1]!.minor + 1);
    assert.ok(GO_RELEASES[i]!.date > GO_RELEASES[i - 1]!.date, `1.${GO_RELEASES[i]!.minor} after 1.${GO_RELEASES[i - 1]!.minor}`);
  }
  assert.equal(releaseOf(25).date, '2025-08-12');
  assert.equal(releaseOf(25).expected, undefined);
  assert.equal(releaseOf(26).expected, true);
  assert.match(GO_RELEASES_UPDATED, /^\d{4}-\d{2}-\d{2}$/);
});

test('go releases: the support window is the two newest shipped releases', () => {
  const w = supportWindow(day('2026-11-29'));
  assert.equal(w.newest.minor, 27);
  assert.equal(w.oldest.minor, 26);
  assert.equal(w.uncertain, false);
  assert.equal(w.extrapolated, false);
  // the day before 1.25 shipped, 1.24 and 1.23 were supported
  const before = supportWindow(day('2025-08-11'));
  assert.deepEqual([before.newest.minor, before.oldest.minor], [24, 23]);
  const after = supportWindow(day('2025-09-01'));
  assert.deepEqual([after.newest.minor, after.oldest.minor], [25, 24]);
  assert.equal(after.uncertain, false);
});

test('go releases: near an expected date the window is uncertain; past the table it is extrapolated', () => {
  assert.equal(supportWindow(day('2026-08-20')).uncertain, true);
  assert.equal(supportWindow(day('2026-07-20')).uncertain, true); // 1.27 may ship early
  assert.equal(releaseOf(28).date, '2027-02-11');
  assert.equal(releaseOf(29).date, '2027-08-11');
  assert.equal(releaseOf(28).expected, true);
  const far = supportWindow(day('2028-03-01'));
  assert.deepEqual([far.newest.minor, far.oldest.minor], [30, 29]);
  assert.equal(far.extrapolated, true);
});

test('go releases: parsing and judging go lines', () => {
  assert.deepEqual(parseGoLine('1.22'), [1, 22]);
  assert.deepEqual(parseGoLine('1.22.3'), [1, 22]);
  assert.deepEqual(parseGoLine('1.23rc1'), [1, 23]);
  assert.deepEqual(parseGoLine('go1.24.2'), [1, 24]);
  assert.equal(parseGoLine('banana'), undefined);
  assert.equal(parseGoLine(undefined), undefined);
  const w = supportWindow(day('2026-11-29'));
  assert.equal(isUnsupportedGo('1.25.10', w), true);
  assert.equal(isUnsupportedGo('1.26', w), false);
  assert.equal(isUnsupportedGo('go1.27.1', w), false);
  assert.equal(isUnsupportedGo('1.99', w), false);
  assert.equal(isUnsupportedGo('nope', w), undefined);
});
