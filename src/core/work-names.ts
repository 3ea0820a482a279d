/**
 * Names that say a make target or a CI file is development work rather than a release: the one vocabulary of the
 * build facts (src/facts/makefile-builds.ts: which go builds ship; src/facts/go-env-settings.ts: which settings reach
 * a shipped build; src/facts/release-pipelines.ts: which CI files of other systems may hold release steps).
 */

/**
 * Words of development work in a make target's name: tests, benchmarks and fuzzing, linters and checks, formatting
 * and code generation, dependency and tool set-up, documentation, examples, local development and debug builds.
 */
const DEVELOPER_WORDS = [
  'tests?', 'unit', 'e2e', 'integration', 'acceptance', 'presubmit', 'bench(?:mark)?s?', 'fuzz', 'race', 'cover(?:age)?',
  'lint', 'vet', 'check', 'verify', 'validate', 'fmt', 'format', 'generate', 'gen', 'tidy', 'mocks?',
  'deps', 'tools?', 'bootstrap', 'docs?', 'examples?', 'demo', 'dev', 'debug',
];

/**
 * The words of a CI file named for a test job (`test-e2e.yml`, `integration-tests.yaml`, `lint.yml`,
 * `e2e/pipeline.yml`): fewer than for make targets, because a CI file named for development or documentation
 * (`dev.yml`, `docs.yml`, `nightly-dev.yml`) may well publish something, where a make target of that name is a
 * developer's local build.
 */
const TEST_JOB_WORDS = ['tests?', 'e2e', 'integration', 'lint', 'presubmit'];

/** A regular expression matching any of `words` as a whole part of a name (parts split by - _ . / :). */
const namePartOf = (words: readonly string[]) => new RegExp(`(?:^|[-_./:])(?:${words.join('|')})(?:[-_./:]|$)`, 'i');

const DEVELOPER_TARGET = namePartOf(DEVELOPER_WORDS);
const TEST_JOB_FILE = namePartOf(TEST_JOB_WORDS);

/** Whether a make target's name says it is development work (`test-e2e`, `lint`, `generate`, `dev-build`, `tools`). */
export function isDeveloperTarget(target: string): boolean {
  return DEVELOPER_TARGET.test(target);
}

/** Whether a CI file's path (relative to its CI folder, extension removed) says it is a test job. */
export function isTestJobFile(name: string): boolean {
  return TEST_JOB_FILE.test(name);
}
