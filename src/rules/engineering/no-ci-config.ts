import { defineRepoRule } from '../define-rule.js';
import { CI_FACTS, EXTERNAL_CI, ciFacts, externalCiSigns } from '../../facts/ci-config.js';
import { goSubject } from '../_shared/engineering-ci.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1003',
    name: 'no-ci-config',
    dimension: 'engineering',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-29',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 3 FP, 0 "nobody would act" of 4 judged — precision 25.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: CI systems the reader did not know (fixed after the 2026-12-18 sample) and CI configured outside the repository (a Prow instance whose jobs live in another repository, driving in-repository scripts). Reworked after the 2026-12-19 sample (signs of CI configured outside the repository — Prow OWNERS files, OpenShift CI\'s .ci-operator.yaml, Kokoro build configs — now count as CI), so its record restarts at 2026-12-21 (blindRecordFrom; the sample labelled 2026-12-20 was drawn before this rework) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-21): 0 TP, 1 FP (Codefresh pipelines in build/). Reworked after it (Codefresh pipelines count), so its record restarted at 2026-12-22. Its record since: 1 TP, 3 FP — all three FPs CI run from outside the repository that only its scripts show (a Prow job tagging images `pr_$PULL_NUMBER`, Makefiles reading OVH CDS\'s CDS_VERSION). Reworked after it (scripts and Makefiles reading the job environment one CI system sets count as a sign of that CI), so its record restarts at 2026-12-29 (blindRecordFrom).',
    title: 'No continuous-integration configuration in the repository',
    passCriterion: 'the repository configures continuous integration',
    rationale:
      'Without CI nothing checks that the main branch builds and passes its tests: a broken commit or a dependency bump ' +
      'that no longer compiles is found by the next person to release. CI is also where the race detector, linters and ' +
      'vulnerability scans run on every change instead of on someone\'s laptop, sometimes.',
    fix: {
      text: 'Add a CI pipeline that builds and tests every push and pull request, e.g. `.github/workflows/ci.yml` running `go vet ./...`, `go test -race ./...` and `govulncheck ./...`.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        bad: '# TODO: set up CI\n',
        good: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test -race ./...\n',
      },
    ],
    messages: {
      none: 'no CI pipeline found: no GitHub Actions workflow, GitLab CI, CircleCI or Drone job, and no Jenkins, Travis, Azure Pipelines, Buildkite... configuration',
    },
    sources: [],
    notes:
      'A workflow or pipeline file that defines no job (empty, commented out) does not count; one that cannot be parsed counts (with a diagnostic). Any CI system counts, even those goReady only detects (Jenkinsfile, .travis.yml, azure-pipelines.yml, bitbucket-pipelines.yml, .buildkite/, cloudbuild.yaml, Woodpecker, Semaphore, Cirrus, AppVeyor, TeamCity, Tekton (.tekton/), Agola (.agola/), in-repository Prow jobs (.prow.yaml), Zuul, SourceHut builds, AWS CodeBuild...). ' +
      'Committed files count even when a .gitignore pattern matches them (git tracks them; the index is read). ' +
      'CI configured outside the repository counts when the repository shows it: a root OWNERS (with approvers/reviewers) or OWNERS_ALIASES (with aliases) file in Prow\'s format — Prow\'s approve and lgtm plugins read them, so a Prow instance serves the repository and runs its jobs, defined in the instance\'s job configuration —, an OpenShift CI `.ci-operator.yaml` (build_root_image; the jobs are in openshift/release), Kokoro build configs (`.kokoro/*.cfg`), a shell script or Makefile of the repository (not vendored, third-party, test data or docs) that reads the job environment only one CI system sets — Prow\'s PULL_NUMBER, PULL_BASE_SHA or PROW_JOB_ID, OVH CDS\'s CDS_VERSION or CDS_WORKSPACE, Jenkins\' JENKINS_URL, TeamCity\'s TEAMCITY_VERSION, as `$VAR`, `${VAR}`, `$(VAR)` or `ifdef VAR` outside comments —, or a Codefresh pipeline file (`version: \'1.0\'` with `steps:` of Codefresh step types) at the root or one folder down, whose triggers are configured in Codefresh. The finding is then not reported rather than reported with a lower confidence: such a repository has CI, and what it lacks (jobs defined in the repository) is not what the rule is about. An OWNERS file in another format (a plain list of owners) is no sign. ' +
      'CI configured outside the repository with no such sign (a Jenkins server, an organisation-wide workflow) is invisible: suppress the finding with a reason.',
  },
  requires: [CI_FACTS, EXTERNAL_CI],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    ctx.applicable();
    // a CI system we do not read, a file we could not parse (benefit of the doubt), or a parsed file defining jobs
    if (ciFacts(repo).configs.some((c) => c.system === 'other' || !c.parsed || (c.jobs ?? 0) > 0)) return;
    // CI configured outside the repository (Prow's OWNERS files, OpenShift CI's .ci-operator.yaml, Kokoro build
    // configs): its jobs exist, elsewhere, and run the repository's scripts (blind sample of 2026-12-19: a KubeVirt
    // project on Prow reported as having no CI)
    if (externalCiSigns(repo).length) return;
    ctx.report({ file: subject.anchor, line: 1, messageId: 'none' });
  },
});
