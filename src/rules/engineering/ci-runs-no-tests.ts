import { defineRepoRule } from '../define-rule.js';
import { ciFacts } from '../../facts/ci-config.js';
import { blindSpots, goSubject, spotsNote, testRuns } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';
import { ScriptAnalyzer } from '../../facts/ci-scripts.js';
import { makefileAt } from '../../facts/makefile.js';
import type { RepoFacts } from '../../facts/repo-facts.js';

/** Unit-test targets of a Prow-tested repository (test, test-unit, unit-test, tests): not e2e, integration… */
const UNIT_TEST_TARGET = /^(?:test|tests|unit|test[-_]unit|unit[-_]tests?|test[-_]go|go[-_]test)$/;

/**
 * The root Makefile's unit-test target that runs go test, when the repository has a root OWNERS file:
 * Kubernetes-style projects run it from Prow jobs kept in another repository (kubernetes/test-infra).
 */
function prowTestTarget(repo: RepoFacts): string | undefined {
  if (!repo.otherFiles.includes('OWNERS')) return undefined;
  const mf = makefileAt(repo, '');
  if (!mf) return undefined;
  const analyzer = new ScriptAnalyzer(repo);
  const targets = [...new Set(mf.rules.flatMap((r) => r.targets))].filter((t) => UNIT_TEST_TARGET.test(t));
  return targets.find((t) => analyzer.analyze([{ text: `make ${t}`, line: 1 }], { env: {}, cwd: '' }).some((h) => h.tool === 'go-test' && !h.compileOnly));
}

export default defineRepoRule({
  meta: {
    id: 'ENG1004',
    name: 'ci-runs-no-tests',
    dimension: 'engineering',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-09 to 2026-12-12: 0 true positives, 5 false and 1 "nobody would act" in 6 draws. Every false positive was a test run the checkout shows only indirectly (a make target behind an action input, a reusable workflow of another repository, Buildkite or Prow configuration, a script of a sourced shell file); each class was followed since, but the claim is an absence, and the evidence of a test run often lives outside the repository.',
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
      'goReady reads GitHub Actions (and the composite actions and local scripts they call), GitLab CI, CircleCI, Drone and Buildkite, and follows `make <target>` ' +
      'into the Makefile and `./script.sh` into the script. Confidence drops to low when part of the CI is not visible (other CI systems, remote ' +
      'includes, orbs, reusable workflows of other repositories) or when a root OWNERS file suggests Prow, whose jobs live outside the repository. ' +
      'With a root OWNERS file and a root Makefile unit-test target (test, test-unit, unit-test…) that runs go test, nothing is reported: ' +
      'Prow jobs kept in another repository run that target (blind sample of 2026-12-11: descheduler, judged "nobody would act"). ' +
      'Functions of a sourced shell file are followed when the script calls them (`source ./scripts/build.sh; unit`). ' +
      'The shell-command inputs of an action or a reusable workflow (`with: command: make cover` for a retry action, `test-command: make test` ' +
      'for a shared workflow; inputs named command, run, script, cmd or ending in -command/-script) count as commands the job runs ' +
      '(blind sample of 2026-12-12: pomerium, smallstep/certificates).',
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
    // Prow runs `make <test target>` from job definitions outside the repository (blind sample of 2026-12-11:
    // descheduler's test-unit, judged "nobody would act")
    if (prowTestTarget(repo)) return;
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
