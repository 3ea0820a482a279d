import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalVersion, compareVersions, goVersionToSemver, inAnyRange, inRange, isIncompatible, isPseudoVersion,
  isValidVersion, parsePseudoVersion, parseVersion, semverToGoVersion, smallestFixAbove, type OsvRange,
} from '../src/supply/go-version-order.js';

const sorted = (vs: string[]) => [...vs].sort(compareVersions);

describe('Go version ordering', () => {
  test('the v prefix is optional and does not change the order', () => {
    assert.equal(compareVersions('v1.2.3', '1.2.3'), 0);
    assert.equal(compareVersions('1.2.3', 'v1.2.4'), -1);
    assert.equal(canonicalVersion('1.2.3'), 'v1.2.3');
  });

  test('numeric fields compare as numbers, not strings', () => {
    assert.equal(compareVersions('v1.10.0', 'v1.9.9'), 1);
    assert.equal(compareVersions('v2.0.0', 'v10.0.0'), -1);
    assert.equal(compareVersions('v0.0.10', 'v0.0.9'), 1);
    // arbitrarily large numbers (no float rounding)
    assert.equal(compareVersions('v1.2.12345678901234567890', 'v1.2.12345678901234567891'), -1);
  });

  test('pre-releases sort before their release and follow SemVer identifier rules', () => {
    assert.deepEqual(sorted(['v1.0.0', 'v1.0.0-rc.1', 'v1.0.0-beta.11', 'v1.0.0-beta.2', 'v1.0.0-beta', 'v1.0.0-alpha.beta', 'v1.0.0-alpha.1', 'v1.0.0-alpha']), [
      'v1.0.0-alpha', 'v1.0.0-alpha.1', 'v1.0.0-alpha.beta', 'v1.0.0-beta', 'v1.0.0-beta.2', 'v1.0.0-beta.11', 'v1.0.0-rc.1', 'v1.0.0',
    ]);
    // numeric identifiers sort before alphanumeric ones; ASCII order for the latter
    assert.equal(compareVersions('v1.0.0-1', 'v1.0.0-a'), -1);
    assert.equal(compareVersions('v1.0.0-Z', 'v1.0.0-a'), -1);
    assert.equal(compareVersions('v1.0.0-rc1', 'v1.0.0-rc10'), -1); // alphanumeric: compared as text
    assert.equal(compareVersions('v1.0.0-rc9', 'v1.0.0-rc10'), 1);
  });

  test('build metadata (+incompatible) is ignored by the order but kept in the canonical spelling', () => {
    assert.equal(compareVersions('v2.0.0+incompatible', 'v2.0.0'), 0);
    assert.equal(compareVersions('v20.10.7+incompatible', 'v20.10.11+incompatible'), -1);
    assert.equal(compareVersions('20.10.7+incompatible', 'v20.10.7+incompatible'), 0);
    assert.equal(canonicalVersion('10.0.3+incompatible'), 'v10.0.3+incompatible');
    assert.ok(isIncompatible('v2.3.1+incompatible'));
    assert.ok(!isIncompatible('v2.3.1'));
  });

  test('Go shorthands v1 and v1.2 mean v1.0.0 and v1.2.0 and cannot carry a pre-release', () => {
    assert.equal(compareVersions('v1', 'v1.0.0'), 0);
    assert.equal(compareVersions('v1.2', 'v1.2.0'), 0);
    assert.equal(compareVersions('v1.2', 'v1.2.1'), -1);
    assert.ok(!isValidVersion('v1.2-pre'));
    assert.ok(!isValidVersion('v1+meta'));
  });

  test('invalid versions are rejected and sort before valid ones', () => {
    for (const bad of ['', 'v', 'vx.y.z', 'v1.2.3.4', 'v01.2.3', 'v1.02.3', 'v1.2.3-', 'v1.2.3-01', 'v1.2.3+', 'v1.2.3-a..b', 'v1.2.3-é', 'latest', 'master']) {
      assert.ok(!isValidVersion(bad), `${bad} must be invalid`);
    }
    assert.ok(isValidVersion('v1.2.3-0a')); // alphanumeric identifier may start with 0
    assert.equal(compareVersions('garbage', 'v0.0.0'), -1);
    assert.equal(compareVersions('garbage', 'other'), 0);
  });

  test('pseudo-versions sort between their base and the next release', () => {
    const order = [
      'v0.0.0-20180101000000-aaaaaaaaaaaa', // no tag at all
      'v0.0.0-20190101000000-bbbbbbbbbbbb',
      'v0.0.1',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5', // commit after v1.2.3
      'v1.2.4-0.20200101000000-cccccccccccc',
      'v1.2.4',
      'v1.3.0-pre',
      'v1.3.0-pre.0.20200101000000-dddddddddddd', // commit after v1.3.0-pre
      'v1.3.0-pre.1',
      'v1.3.0',
    ];
    assert.deepEqual(sorted([...order].reverse()), order);
  });

  test('pseudo-version forms are recognised with their base, time and revision', () => {
    assert.deepEqual(
      { ...parsePseudoVersion('v0.0.0-20191109021931-daa7c04131f5'), time: undefined },
      { form: 'none', base: '', timestamp: '20191109021931', revision: 'daa7c04131f5', time: undefined },
    );
    const rel = parsePseudoVersion('v1.2.4-0.20191109021931-daa7c04131f5')!;
    assert.equal(rel.form, 'release');
    assert.equal(rel.base, 'v1.2.3');
    assert.equal(rel.time?.toISOString(), '2019-11-09T02:19:31.000Z');
    const pre = parsePseudoVersion('v1.2.3-rc.1.0.20191109021931-daa7c04131f5')!;
    assert.equal(pre.form, 'prerelease');
    assert.equal(pre.base, 'v1.2.3-rc.1');
    assert.ok(isPseudoVersion('v2.0.0-20191109021931-daa7c04131f5+incompatible'));
    // not pseudo-versions
    for (const v of ['v1.2.3', 'v1.2.3-rc.1', 'v1.2.3-20191109021931', 'v1.2.0-0.20191109021931-daa7c04131f5' /* patch 0 cannot follow a release */, 'v1.2.3-20191109021931-daa7c04131f5' /* no-tag form needs X.0.0 */, 'v1.2.3-1.20191109021931-abc']) {
      assert.ok(!isPseudoVersion(v), `${v} is not a pseudo-version`);
    }
  });

  test('Go toolchain versions map to SemVer like the vulnerability database does', () => {
    assert.equal(goVersionToSemver('1.22'), 'v1.22.0');
    assert.equal(goVersionToSemver('go1.22.3'), 'v1.22.3');
    assert.equal(goVersionToSemver('1.21rc2'), 'v1.21.0-rc.2');
    assert.equal(goVersionToSemver('go1.21beta1'), 'v1.21.0-beta.1');
    assert.equal(goVersionToSemver('go1.20'), 'v1.20.0');
    assert.equal(goVersionToSemver('local'), undefined);
    assert.equal(semverToGoVersion('1.22.4'), 'go1.22.4');
    assert.equal(semverToGoVersion('v1.21.0-rc.2'), 'go1.21rc2');
    // 1.22.0-0 (the database's "start of the 1.22 line") sorts before go1.22rc1
    assert.equal(compareVersions('1.22.0-0', goVersionToSemver('1.22rc1')!), -1);
  });
});

describe('OSV SEMVER ranges', () => {
  const r = (...events: OsvRange['events']): OsvRange => ({ type: 'SEMVER', events });

  test('introduced: 0 means every version up to the fix', () => {
    const range = r({ introduced: '0' }, { fixed: '1.4.1' });
    assert.ok(inRange('v0.0.0-20150101000000-abcdefabcdef', range));
    assert.ok(inRange('v1.4.0', range));
    assert.ok(inRange('v1.4.1-rc.1', range)); // a pre-release of the fix is still affected
    assert.ok(!inRange('v1.4.1', range));
    assert.ok(!inRange('v1.5.0', range));
  });

  test('versions in OSV come without the v; module versions with it', () => {
    const range = r({ introduced: '1.2.0' }, { fixed: '1.2.5' });
    assert.ok(!inRange('v1.1.9', range));
    assert.ok(inRange('v1.2.0', range));
    assert.ok(inRange('1.2.4', range));
    assert.ok(!inRange('v1.2.5', range));
  });

  test('several introduced/fixed pairs in one range (release branches)', () => {
    const range = r({ introduced: '0' }, { fixed: '1.21.11' }, { introduced: '1.22.0-0' }, { fixed: '1.22.4' });
    assert.ok(inRange('v1.21.10', range));
    assert.ok(!inRange('v1.21.11', range));
    assert.ok(!inRange('v1.21.99', range));
    assert.ok(inRange(goVersionToSemver('1.22rc1')!, range));
    assert.ok(inRange('v1.22.0', range));
    assert.ok(inRange('v1.22.3', range));
    assert.ok(!inRange('v1.22.4', range));
    assert.ok(!inRange('v1.23.0', range));
  });

  test('events need not be sorted', () => {
    const range = r({ fixed: '1.22.4' }, { introduced: '1.22.0-0' }, { fixed: '1.21.11' }, { introduced: '0' });
    assert.ok(inRange('v1.21.0', range));
    assert.ok(!inRange('v1.21.12', range));
    assert.ok(inRange('v1.22.1', range));
  });

  test('an open range (no fix) affects everything above introduced', () => {
    const range = r({ introduced: '2.0.0' });
    assert.ok(!inRange('v1.9.0', range));
    assert.ok(inRange('v2.0.0', range));
    assert.ok(inRange('v99.0.0', range));
    assert.equal(smallestFixAbove('v2.1.0', [range]), undefined);
  });

  test('last_affected includes that version, limit bounds the range', () => {
    assert.ok(inRange('v1.3.0', r({ introduced: '1.0.0' }, { last_affected: '1.3.0' })));
    assert.ok(!inRange('v1.3.1', r({ introduced: '1.0.0' }, { last_affected: '1.3.0' })));
    assert.ok(!inRange('v2.0.0', r({ introduced: '0' }, { limit: '2.0.0' })));
    assert.ok(inRange('v1.0.0', r({ introduced: '0' }, { limit: '2.0.0' })));
  });

  test('pseudo-versions inside ranges', () => {
    // fixed at a pseudo-version (common for x/ repositories before they were tagged)
    const range = r({ introduced: '0' }, { fixed: '0.0.0-20211209124913-491a49abca63' });
    assert.ok(inRange('v0.0.0-20210520170846-37e1c6afe023', range));
    assert.ok(!inRange('v0.0.0-20211209124913-491a49abca63', range));
    assert.ok(!inRange('v0.0.0-20220101000000-aaaaaaaaaaaa', range));
    assert.ok(!inRange('v0.1.0', range));
    // a pseudo-version based on the vulnerable release, before the fixed release
    const r2 = r({ introduced: '0' }, { fixed: '1.2.5' });
    assert.ok(inRange('v1.2.5-0.20230101000000-abcdefabcdef', r2));
    assert.ok(!inRange('v1.2.6-0.20230101000000-abcdefabcdef', r2));
  });

  test('+incompatible versions match ranges written with or without the metadata', () => {
    const range = r({ introduced: '0' }, { fixed: '20.10.11+incompatible' });
    assert.ok(inRange('v20.10.7+incompatible', range));
    assert.ok(!inRange('v20.10.11+incompatible', range));
    assert.ok(!inRange('v20.10.11', range));
  });

  test('multiple ranges are alternatives; unknown types never match', () => {
    const ranges = [r({ introduced: '0' }, { fixed: '1.0.5' }), r({ introduced: '1.1.0' }, { fixed: '1.1.2' })];
    assert.ok(inAnyRange('v1.0.0', ranges));
    assert.ok(!inAnyRange('v1.0.7', ranges));
    assert.ok(inAnyRange('v1.1.1', ranges));
    assert.ok(!inRange('v1.0.0', { type: 'GIT', events: [{ introduced: '0' }] }));
    assert.ok(!inRange('not-a-version', r({ introduced: '0' })));
  });

  test('malformed event versions are skipped, not trusted', () => {
    assert.ok(inRange('v1.0.0', r({ introduced: '0' }, { fixed: 'garbage' })));
  });

  test('smallest fix above the current version skips fixes that land in another affected range', () => {
    const ranges = [r({ introduced: '0' }, { fixed: '1.21.11' }, { introduced: '1.22.0-0' }, { fixed: '1.22.4' })];
    assert.equal(smallestFixAbove('v1.22.1', ranges), '1.22.4');
    assert.equal(smallestFixAbove('v1.21.3', ranges), '1.21.11');
    // 1.5.0 is a fix of the first range but is itself inside the second range
    const tricky = [r({ introduced: '0' }, { fixed: '1.5.0' }), r({ introduced: '1.5.0' }, { fixed: '1.6.1' })];
    assert.equal(smallestFixAbove('v1.4.0', tricky), '1.6.1');
    assert.equal(smallestFixAbove('v1.7.0', tricky), undefined);
  });
});

test('parseVersion exposes the parts', () => {
  assert.deepEqual(parseVersion('v1.2.3-rc.1+incompatible'), { major: '1', minor: '2', patch: '3', prerelease: ['rc', '1'], build: 'incompatible', short: false });
});
