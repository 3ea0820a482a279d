import { defineRepoRule } from '../define-rule.js';
import { ciFacts } from '../../facts/ci-config.js';
import { blindSpots, goSubject, primaryTestRun, spotsNote, testRuns } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';

/** `-race` as an argument in a CI configuration: a word of its own (`tests.sh -race`, `GOFLAGS=-race`, "-race"). */
const RACE_ARG = /(?:^|[\s"'=])-race(?=[\s"',]|$)/m;

export default defineRepoRule({
  meta: {
    id: 'ENG1005',
    name: 'ci-tests-without-race',
    dimension: 'engineering',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 4 TP, 2 FP, 0 "nobody would act" of 6 judged — precision 66.7 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: go test run through Makefile variables or retry wrappers that do pass -race. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'CI runs go test but never with the race detector',
    passCriterion: 'CI runs the tests at least once with -race',
    rationale:
      'Data races are undefined behaviour in Go: torn maps ("concurrent map writes" crashes), lost updates, stale reads that ' +
      'only show under production load. The race detector finds them deterministically from tests that merely exercise the ' +
      'code concurrently, but only when some CI job runs `go test -race`; without it they are found by users.',
    fix: {
      text: 'Run the unit tests with `-race` in at least one CI job (`go test -race ./...`, or `GOFLAGS=-race`); keep a separate job without it if the race build is too slow for everything.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        bad: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test ./...\n',
        good: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test -race ./...\n',
      },
    ],
    messages: {
      norace: 'CI runs go test ({{cmd}}) but no go test in CI uses -race{{others}}{{note}}',
    },
    sources: [],
    notes:
      'One finding per repository, at the CI line that best stands for the unit tests (a `go test ./...`, not fuzz/benchmark/integration runs). ' +
      'A CI configuration that passes `-race` as an argument to anything it runs (`tests.sh -race`, a test runner\'s command) counts as race testing even when that run is not followed. ' +
      '`-race`/`--race` in the arguments, `GOFLAGS=-race` in the step/job/workflow env, in make command-line variables or Makefile variables ' +
      '(any assignment, conditionals included) all count. An unresolved variable that may carry flags (`$TESTFLAGS`, `${{ matrix.flags }}`) ' +
      'counts as a possible -race: no finding. gotestsum (after `--`) and ginkgo are read as go test. Shell-command inputs of actions and reusable ' +
      'workflows (`with: command: make cover`, `test-command: make test`) are read as commands the job runs.',
  },
  requires: [CI_FACTS],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    const ci = ciFacts(repo);
    const runs = testRuns(ci);
    if (!runs.length) return;
    ctx.applicable();
    if (runs.some((r) => r.race === 'yes' || r.race === 'unknown')) return;
    // a CI step that hands -race to a script or tool it runs (`tests.sh -race`, a test runner's command string):
    // race testing is intended even where the run itself is not followed (blind sample of 2026-12-12: buildkite-agent)
    if (ci.configs.some((c) => RACE_ARG.test(repo.readText(c.file).text ?? ''))) return;
    const primary = primaryTestRun(ci)!;
    const others = [...new Set(runs.filter((r) => r !== primary).map((r) => `${r.file}:${r.line}`))].filter((l) => l !== `${primary.file}:${primary.line}`);
    const spots = blindSpots(repo, ci);
    ctx.report({
      file: primary.file,
      line: primary.line,
      messageId: 'norace',
      confidence: spots.length ? 'medium' : undefined,
      data: {
        cmd: `${primary.text.length > 80 ? `${primary.text.slice(0, 77)}...` : primary.text}${primary.via.length ? ` via ${primary.via.join(' > ')}` : ''}`,
        others: others.length ? `; other go test runs without it: ${others.slice(0, 4).join(', ')}${others.length > 4 ? ', ...' : ''}` : '',
        note: spotsNote(spots),
      },
    });
  },
});
