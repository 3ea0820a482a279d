/**
 * CI configuration facts: which CI systems a repository configures, the Go tooling its jobs run
 * (directly, through `make` targets or repository scripts) at the exact CI line, and the
 * GitHub Actions it references (`uses:`, pinned or not).
 *
 * `CI_SYSTEMS` is the one definition of what a CI configuration file is: the CI facts, the Go
 * environment settings (go-env-settings) and the release pipelines (release-pipelines) all ask it.
 * Read: GitHub Actions (also Gitea/Forgejo, same format) with the composite actions they use,
 * GitLab CI, CircleCI, Drone, Buildkite — one reader module each (ci-github-actions, ci-gitlab,
 * ci-circleci, ci-drone, ci-buildkite). The other systems are detected, not read. Anything not followed (remote includes,
 * orbs, remote reusable workflows) is recorded in `partial` so rules can tell "absent" from "not
 * visible"; parse errors become diagnostics.
 *
 * To add a CI system: one entry in `CI_SYSTEMS` (with a reader when it is read; its id then goes
 * into `CiSystem`).
 */
import { defineProvider, factKey, filesInput, modulesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import type { CodeRole } from '../core/code-roles.js';
import { CiCollector, type CiFacts, type CiSystem } from './ci-collector.js';
import { readGithubActions } from './ci-github-actions.js';
import { readGitlabCi } from './ci-gitlab.js';
import { readCircleci } from './ci-circleci.js';
import { readDrone } from './ci-drone.js';
import { readBuildkite } from './ci-buildkite.js';

export interface CiSystemEntry {
  system: CiSystem;
  /** Human name (recorded for systems that are detected but not read). */
  name: string;
  /** Repository-relative paths of the system's configuration files (entry points and the files they include). */
  files: RegExp;
  /** Reads the system's files (given in walk order); without one the system is detected, not read. */
  read?: (c: CiCollector, files: string[]) => void;
}

export const CI_SYSTEMS: readonly CiSystemEntry[] = [
  // workflows (not in subdirectories: those do not run) and composite actions
  { system: 'github-actions', name: 'GitHub Actions', files: /^\.(?:github|gitea|forgejo)\/(?:workflows\/[^/]+|actions\/.+\/action)\.ya?ml$/, read: readGithubActions },
  { system: 'gitlab-ci', name: 'GitLab CI', files: /^\.gitlab-ci\.ya?ml$|^\.gitlab\/.+\.ya?ml$/, read: readGitlabCi },
  { system: 'circleci', name: 'CircleCI', files: /^\.circleci\/config\.ya?ml$/, read: readCircleci },
  { system: 'drone', name: 'Drone', files: /^\.drone\.ya?ml$/, read: readDrone },
  // pipelines (pipeline*.yml or a top-level steps:); other YAML files there are recorded as detected, not read
  { system: 'buildkite', name: 'Buildkite', files: /^\.buildkite\/.+\.ya?ml$/, read: readBuildkite },
  // Buildkite's other pipeline locations (JSON, or at the root), detected only
  { system: 'other', name: 'Buildkite', files: /^\.buildkite\/.+\.json$|^\.?buildkite\.(?:ya?ml|json)$/ },
  { system: 'other', name: 'Drone', files: /^\.drone\.(?:jsonnet|star)$/ },
  { system: 'other', name: 'Jenkins', files: /^Jenkinsfile[\w.-]*$/ },
  { system: 'other', name: 'Travis CI', files: /^\.travis\.ya?ml$/ },
  { system: 'other', name: 'Azure Pipelines', files: /^\.?azure-pipelines[\w.-]*\.ya?ml$|^\.azure-pipelines\/.+\.ya?ml$/ },
  { system: 'other', name: 'Bitbucket Pipelines', files: /^bitbucket-pipelines\.ya?ml$/ },
  { system: 'other', name: 'Cirrus CI', files: /^\.cirrus\.(?:ya?ml|star)$/ },
  { system: 'other', name: 'AppVeyor', files: /^\.?appveyor\.ya?ml$/ },
  { system: 'other', name: 'Woodpecker', files: /^\.woodpecker(?:\.ya?ml|\/.+\.ya?ml)$/ },
  { system: 'other', name: 'Semaphore', files: /^\.semaphore\/.+\.ya?ml$/ },
  { system: 'other', name: 'Codefresh', files: /^codefresh\.ya?ml$/ },
  { system: 'other', name: 'TeamCity', files: /^\.teamcity\/.+/ },
  { system: 'other', name: 'Google Cloud Build', files: /^cloudbuild\.ya?ml$/ },
  { system: 'other', name: 'Tekton', files: /^\.tekton\/.+\.ya?ml$/ },
  // Agola: .agola/config.{yml,yaml,json,jsonnet}
  { system: 'other', name: 'Agola', files: /^\.agola\/config\.(?:ya?ml|json|jsonnet)$/ },
  // Prow jobs kept in the repository (inrepoconfig): .prow.yaml or .prow/*.yaml
  { system: 'other', name: 'Prow', files: /^\.prow(?:\.ya?ml|\/.+\.ya?ml)$/ },
  { system: 'other', name: 'Zuul', files: /^\.?zuul\.ya?ml$|^\.?zuul\.d\/.+\.ya?ml$/ },
  { system: 'other', name: 'SourceHut builds', files: /^\.build\.ya?ml$|^\.builds\/[^/]+\.ya?ml$/ },
  { system: 'other', name: 'AWS CodeBuild', files: /^buildspec\.ya?ml$/ },
  { system: 'other', name: 'Taskcluster', files: /^\.taskcluster\.ya?ml$/ },
];

/** The CI system whose configuration the repository-relative path is, if any. */
export function ciSystemOf(rel: string): CiSystemEntry | undefined {
  return CI_SYSTEMS.find((s) => s.files.test(rel));
}

/** GitHub-style CI files (GitHub, Gitea, Forgejo) that are workflows, not actions. */
export function isWorkflowPath(rel: string): boolean {
  return ciSystemOf(rel)?.system === 'github-actions' && /^\.[^/]+\/workflows\//.test(rel);
}

/** Whether the repository-relative path is a CI configuration file (of any system, read or not). */
export function isCiConfigPath(rel: string): boolean {
  return ciSystemOf(rel) !== undefined;
}

/** CI facts of the repository (memoised). Diagnostics go to `repo.diagnostics`. */
export const CI_FACTS = factKey<CiFacts>('ci');

export const ciFactsProvider = defineProvider({
  provides: CI_FACTS,
  reads: [filesInput('CI configs', (r) => isCiConfigPath(r)), modulesInput],
  cacheable: true,
  compute: (repo): CiFacts => collect(repo),
});

export function ciFacts(repo: RepoFacts): CiFacts {
  return repo.fact(CI_FACTS);
}

function collect(repo: RepoFacts): CiFacts {
  const c = new CiCollector(repo);
  const files = repo.otherFiles;
  for (const s of CI_SYSTEMS) if (s.read) s.read(c, files.filter((f) => s.files.test(f)));
  for (const f of files) {
    const s = ciSystemOf(f);
    if (s && !s.read) c.facts.configs.push({ file: f, system: s.system, name: s.name, parsed: false });
  }
  // Makefile includes the followed `make` targets could not resolve: tools may run there
  for (const n of c.analyzer.notFollowed) c.partial(n.file, n.line, n.reason);
  return c.facts;
}

/**
 * A sign that the repository's CI is configured outside it: the jobs live in another repository or on a server, and
 * the repository holds only what they read (blind sample of 2026-12-19: a KubeVirt project whose Prow jobs live in the
 * organisation's infrastructure repository and run the repository's automation/ scripts).
 */
export interface ExternalCiSign {
  file: string;
  line: number;
  /** The CI system the sign belongs to. */
  system: string;
  /** What the file is, for messages and notes. */
  what: string;
}

/**
 * Files that show CI configured elsewhere, each with a test of its content (a file of the same name in another format
 * says nothing):
 * - `OWNERS` / `OWNERS_ALIASES` at the root in Prow's format (`approvers:`/`reviewers:`, `aliases:`): read by Prow's
 *   approve and lgtm plugins, so a Prow instance serves the repository, and Prow runs its jobs (defined in the
 *   instance's job configuration, usually another repository). Plain lists of owners (other tools' OWNERS) do not count.
 * - `.ci-operator.yaml` at the root (`build_root_image:`): OpenShift CI's ci-operator reads it; the jobs are in the
 *   openshift/release repository.
 * - `.kokoro/` build configs (`*.cfg`): Kokoro jobs are defined on Google's internal CI, the repository holds the
 *   build configs and scripts they run.
 * - a Codefresh pipeline file (`version: '1.0'`, `steps:` of Codefresh step types) at the root or one folder down.
 * - a script or Makefile of the repository that reads the job environment only one CI system sets (Prow's
 *   PULL_NUMBER/PULL_BASE_SHA/PROW_JOB_ID, OVH CDS's CDS_VERSION…, Jenkins' JENKINS_URL, TeamCity's TEAMCITY_VERSION):
 *   the system runs it, with the jobs defined on its side.
 */
/** YAML files at the root or one folder down (Codefresh pipelines are referenced by path from Codefresh triggers). */
const CODEFRESH_FILE = /^(?:[^/]+\/)?[^/]+\.ya?ml$/;
const CODEFRESH_PIPELINE = /^version:\s*['"]?1\.0['"]?\s*$(?=[\s\S]*^steps:\s*$)(?=[\s\S]*^\s+type:\s*['"]?(?:git-clone|freestyle|build|push|composition|launch-composition|helm|deploy)\b)/m;

/**
 * Shell scripts and Makefiles (not test fixtures under testdata/). Only the repository's own count: the shared role
 * model leaves out third-party copies, documentation and examples (SCRIPT_NOT_OWN), while hack/ tooling and test/
 * suites — what a CI job runs — stay. A sign is a reference to a CI system's job variable: `$VAR`, `${VAR}`, `$(VAR)`
 * (make) or `ifdef VAR`; the name in prose or on a comment line does not count.
 */
const SCRIPT_FILE = /^(?!(?:.*\/)?testdata\/)(?:.*\/)?(?:[^/]+\.(?:sh|bash|mk)|Makefile|GNUmakefile|makefile)$/;
const SCRIPT_NOT_OWN: ReadonlySet<CodeRole> = new Set<CodeRole>(['third-party', 'docs', 'example']);
const jobEnv = (names: string): RegExp => new RegExp(`^(?!\\s*#).*?(?:\\$\\{?|\\$\\(|\\bifn?def\\s+)(?:${names})\\b`, 'm');
const PROW_JOB_ENV = jobEnv('PROW_JOB_ID|PULL_NUMBER|PULL_BASE_SHA|PULL_PULL_SHA|PULL_BASE_REF');
const CDS_JOB_ENV = jobEnv('CDS_VERSION|CDS_WORKSPACE|CDS_PROJECT_KEY|CDS_WORKFLOW|CDS_RUN|CDS_BUILD_[A-Z_]+');
const JENKINS_JOB_ENV = jobEnv('JENKINS_URL|JENKINS_HOME');
const TEAMCITY_JOB_ENV = jobEnv('TEAMCITY_VERSION');

const EXTERNAL_CI_SIGNS: readonly { files: RegExp; content: RegExp; system: string; what: string }[] = [
  { files: /^OWNERS$/, content: /^\s*(?:approvers|reviewers|required_reviewers)\s*:/m, system: 'Prow', what: 'a Prow OWNERS file (read by the approve and lgtm plugins)' },
  { files: /^OWNERS_ALIASES$/, content: /^aliases\s*:/m, system: 'Prow', what: 'a Prow OWNERS_ALIASES file' },
  { files: /^\.ci-operator\.ya?ml$/, content: /^\s*build_root_image\s*:/m, system: 'OpenShift CI', what: 'an OpenShift CI ci-operator file' },
  { files: /^\.kokoro\/.+\.cfg$/, content: /^\s*(?:build_file|env_vars|action|before_action)\s*[:{]/m, system: 'Kokoro', what: 'a Kokoro build config' },
  // a Codefresh pipeline: `version: '1.0'` and steps of Codefresh's step types; its triggers live in Codefresh, and the
  // file can sit anywhere (build/ci.yml; blind sample of 2026-12-21)
  { files: CODEFRESH_FILE, content: CODEFRESH_PIPELINE, system: 'Codefresh', what: 'a Codefresh pipeline (its triggers are configured in Codefresh)' },
  // the repository's own scripts reading the job environment only a CI system sets: the system runs them, with jobs
  // defined on its side (blind samples of 2026-12-22/23: hack/build-image.sh tagging images `pr_$PULL_NUMBER` for Prow
  // jobs defined in another repository; Makefiles reading CDS_VERSION for OVH CDS workflows)
  { files: SCRIPT_FILE, content: PROW_JOB_ENV, system: 'Prow', what: 'a script reading the job environment Prow sets (PULL_NUMBER, PULL_BASE_SHA, PROW_JOB_ID)' },
  { files: SCRIPT_FILE, content: CDS_JOB_ENV, system: 'CDS', what: 'a script reading the job environment OVH CDS sets (CDS_VERSION, CDS_WORKSPACE, …)' },
  { files: SCRIPT_FILE, content: JENKINS_JOB_ENV, system: 'Jenkins', what: 'a script reading the job environment Jenkins sets (JENKINS_URL, JENKINS_HOME)' },
  { files: SCRIPT_FILE, content: TEAMCITY_JOB_ENV, system: 'TeamCity', what: 'a script reading the job environment TeamCity sets (TEAMCITY_VERSION)' },
];

function isExternalCiSignPath(rel: string): boolean {
  return EXTERNAL_CI_SIGNS.some((s) => s.files.test(rel));
}

/** Signs of CI configured outside the repository (see EXTERNAL_CI_SIGNS), first file of each system. */
export const EXTERNAL_CI = factKey<ExternalCiSign[]>('ci:external');

const EXTERNAL_CI_FILES = filesInput('files of CI configured elsewhere (OWNERS, .ci-operator.yaml, .kokoro/, Codefresh pipelines, scripts reading CI job variables)', (r) => isExternalCiSignPath(r));

export const externalCiProvider = defineProvider({
  provides: EXTERNAL_CI,
  reads: [EXTERNAL_CI_FILES],
  cacheable: true,
  compute: (repo): ExternalCiSign[] => {
    const out: ExternalCiSign[] = [];
    // the declared input's files: adding an unrelated file does not invalidate the cached fact
    for (const rel of repo.filesOf(EXTERNAL_CI_FILES).sort()) {
      const signs = EXTERNAL_CI_SIGNS.filter((s) => s.files.test(rel) && !out.some((o) => o.system === s.system)
        && (s.files !== SCRIPT_FILE || !SCRIPT_NOT_OWN.has(repo.roleOf(rel))));
      if (!signs.length) continue;
      const text = repo.readText(rel).text ?? '';
      for (const sign of signs) {
        const m = sign.content.exec(text);
        if (!m) continue;
        out.push({ file: rel, line: text.slice(0, m.index + m[0].length - m[0].trimStart().length).split('\n').length, system: sign.system, what: sign.what });
      }
    }
    return out;
  },
});

export function externalCiSigns(repo: RepoFacts): ExternalCiSign[] {
  return repo.fact(EXTERNAL_CI);
}

/** GitHub-style workflow files seen (parsed or not). */
export function hasGithubWorkflows(ci: CiFacts): boolean {
  return ci.configs.some((c) => c.system === 'github-actions');
}
