import { defineRepoRule } from '../define-rule.js';
import { ciFacts } from '../../facts/ci-config.js';
import type { ActionRef, CiFacts } from '../../facts/ci-collector.js';
import { goSumOf } from '../../facts/go-sum.js';
import { absenceConfidence, blindSpots, spotsNote } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';

/** actions/setup-go restores the module cache by default from v4 on (`cache: true`); before, only when asked. */
function setupGoCaches(a: ActionRef): boolean {
  const cache = a.with?.cache?.trim().toLowerCase();
  if (cache === 'false') return false;
  if (cache === 'true') return true;
  // a commit SHA: the version is not visible; every release of the last years caches by default
  if (a.pinned) return true;
  const major = /^v(\d+)/.exec(a.ref ?? '')?.[1];
  return major !== undefined && Number(major) >= 4;
}

const MODCACHE_PATH = /pkg\/mod\b|GOMODCACHE|go-mod-cache|gomodcache/i;

/** A GitHub Actions step that restores the Go module cache, in a job that runs Go tooling. */
function cacheRestores(ci: CiFacts): ActionRef[] {
  const goJobs = new Set(ci.tools.filter((t) => t.system === 'github-actions').map((t) => `${t.file}\u0000${t.job ?? ''}`));
  return ci.actions.filter((a) => {
    if (!goJobs.has(`${a.file}\u0000${a.job ?? ''}`)) return false;
    const name = (a.repo ?? '').toLowerCase();
    const full = a.uses.replace(/@.*$/, '').toLowerCase();
    // setup-go keys its cache on go.sum: before the repository is checked out there is none and nothing is restored
    if (name === 'actions/setup-go') return setupGoCaches(a) && checkedOutBefore(ci, a);
    if (full === 'actions/cache' || full === 'actions/cache/restore') return MODCACHE_PATH.test(a.with?.path ?? '');
    return false;
  });
}

/** A checkout step (actions/checkout or an organisation's checkout action) earlier in the same job. */
function checkedOutBefore(ci: CiFacts, a: ActionRef): boolean {
  return ci.actions.some((o) => o.file === a.file && o.job === a.job && o.line < a.line && /(^|\/)checkout$/i.test(o.uses.replace(/@.*$/, '')));
}

export default defineRepoRule({
  meta: {
    id: 'SUP1011',
    name: 'ci-without-mod-verify',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Judged on 30 real repositories (snapshots of 2026-12-06): of 10 findings read, the claim held in 9 (a restored module ' +
      'cache, no go mod verify anywhere) but none is a change a reviewer would act on for its own sake — setup-go restores ' +
      'the build cache too, which go mod verify does not check — and 1 was wrong (setup-go before the checkout restores ' +
      'nothing; fixed). Go already checks every download against go.sum: a defence-in-depth check, off by default.',
    title: 'CI restores a cached module cache but never runs go mod verify',
    passCriterion: 'CI that reuses a restored Go module cache checks it with `go mod verify` before building',
    rationale:
      'The go command checks a module against go.sum when it downloads it, and every build checks the hash recorded in the ' +
      'cache against go.sum — but it does not re-hash the extracted source it compiles. A CI job that restores ~/go/pkg/mod ' +
      'from a shared cache (actions/setup-go caches it by default, actions/cache on the module path) therefore compiles ' +
      'whatever that cache holds; a poisoned cache entry (written by another workflow with access to the cache scope) ' +
      'goes unnoticed. `go mod verify` re-hashes the cached zips and extracted directories against the recorded hashes ' +
      'and fails the job when they were modified. It does not cover the build cache, so it narrows the gap rather than closing it.',
    fix: {
      text:
        'Run `go mod verify` after the cache is restored and before building or testing (one step in the job that restores ' +
        'it), or turn the module cache off (`cache: false` on actions/setup-go) for release workflows.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        extraFiles: {
          'go.mod': 'module example.com/app\n\ngo 1.24\n\nrequire golang.org/x/text v0.14.0\n',
          'go.sum': 'golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\ngolang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=\n',
          'main.go': 'package main\n\nfunc main() {}\n',
        },
        bad:
          'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n' +
          '      - uses: actions/setup-go@v5\n        with:\n          go-version-file: go.mod\n      - run: go test ./...\n',
        good:
          'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n' +
          '      - uses: actions/setup-go@v5\n        with:\n          go-version-file: go.mod\n      - run: go mod verify\n      - run: go test ./...\n',
      },
    ],
    messages: {
      noVerify:
        '{{uses}} restores the Go module cache here{{more}} and no CI job runs `go mod verify`: a modified cache entry would be compiled unchecked{{note}}',
    },
    sources: [],
    notes:
      'Read from GitHub Actions only (the cache steps of other CI systems are not matched): actions/setup-go v4 and later ' +
      '(cache on unless `cache: false`; v1-v3 only with `cache: true`; a SHA-pinned reference is assumed recent; only after a ' +
      'checkout step of the same job, since the cache is keyed on go.sum) and ' +
      'actions/cache or actions/cache/restore whose path covers pkg/mod or GOMODCACHE, in a job that runs Go tooling. ' +
      '`go mod verify` counts anywhere in the CI: in a workflow step, a make target or a script it runs. Only repositories ' +
      'whose production modules have a go.sum pinning module sources are judged. Without a restored cache `go mod verify` ' +
      'adds nothing (downloads are already checked against go.sum), so such CI is not reported.',
  },
  requires: [CI_FACTS],
  check(repo, ctx) {
    const sums = repo.modules.filter((m) => repo.dirRole(m.dir) === 'production' && (goSumOf(repo, m.dir)?.zips.size ?? 0) > 0);
    if (!sums.length) return;
    const ci = ciFacts(repo);
    const restores = cacheRestores(ci);
    if (!restores.length) return;
    ctx.applicable();
    if (ci.tools.some((t) => t.tool === 'go-mod-verify')) return;
    const first = restores[0]!;
    const spots = blindSpots(repo, ci);
    const more = restores.length > 1 ? ` (and in ${restores.length - 1} other step${restores.length > 2 ? 's' : ''})` : '';
    ctx.report({
      file: first.file,
      line: first.line,
      messageId: 'noVerify',
      confidence: absenceConfidence('medium', spots),
      data: { uses: first.uses, more, note: spotsNote(spots) },
    });
  },
});
