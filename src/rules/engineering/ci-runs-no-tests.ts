import { defineRepoRule } from '../define-rule.js';
import { ciFacts } from '../../facts/ci-config.js';
import { blindSpots, goSubject, spotsNote, testRuns } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1004',
    name: 'ci-runs-no-tests',
    dimension: 'engineering',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'stable',
    title: 'CI is configured but never runs the Go tests',
    passCriterion: 'CI runs the Go tests (go test, gotestsum or ginkgo)',
    rationale:
      'A pipeline that builds images, lints docs or releases but never runs `go test` gives a green check on changes that ' +
      'break behaviour: the tests exist but only run when someone remembers to. Regressions then surface in production ' +
      'or in the next release candidate instead of on the pull request that caused them.',
    fix: {
      text: 'Add a job that runs `go test -race ./...` (directly or through a `make test` target) on every push and pull request.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        bad: 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go build ./...\n',
        good: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test -race ./...\n',
      },
    ],
    messages: {
      none: 'the CI configuration ({{files}}) never runs go test (directly, via make or via repository scripts){{prow}}{{note}}',
    },
    sources: [],
    notes:
      'goReady reads GitHub Actions (and the composite actions and local scripts they call), GitLab CI, CircleCI and Drone, and follows `make <target>` ' +
      'into the Makefile and `./script.sh` into the script. Confidence drops to low when part of the CI is not visible (other CI systems, remote ' +
      'includes, orbs, reusable workflows of other repositories) or when a root OWNERS file suggests Prow, whose jobs live outside the repository.',
  },
  requires: [CI_FACTS],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    const ci = ciFacts(repo);
    const parsed = ci.configs.filter((c) => c.parsed);
    if (!parsed.length) return;
    ctx.applicable();
    if (testRuns(ci).length) return;
    const spots = blindSpots(repo, ci);
    const prow = repo.otherFiles.includes('OWNERS');
    const files = [...new Set(parsed.map((c) => c.file))];
    ctx.report({
      file: subject.anchor,
      line: 1,
      messageId: 'none',
      confidence: spots.length || prow ? 'low' : undefined,
      data: {
        files: files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', '),
        prow: prow ? ' (a root OWNERS file suggests Prow, whose jobs are configured outside this repository)' : '',
        note: spotsNote(spots),
      },
    });
  },
});
