/**
 * What a path is for, judged from its directory names: production code, or code that does not
 * ship (examples, test support, developer tooling). Rules use it to stay quiet on code that is
 * not deployed; scoring weighs findings there like findings in tests.
 */

export type CodeRole = 'production' | 'example' | 'test-support' | 'tooling';

const EXAMPLE = /^(?:_?examples?|demos?|samples?|tutorials?)$/i;
const TEST_SUPPORT = /^(?:testdata|tests?|testutils?|testing|testhelpers?|testserver|e2e|integration|interop|fixtures?|mocks?|fakes?|benchmarks?)$/i;
const TOOLING = /^(?:hack|tools|scripts)$/i;

/** Role of a repository-relative path (forward slashes) from its directory segments. */
export function codeRole(rel: string): CodeRole {
  const dirs = rel.split('/').slice(0, -1);
  if (dirs.some((d) => EXAMPLE.test(d))) return 'example';
  if (dirs.some((d) => TEST_SUPPORT.test(d))) return 'test-support';
  if (dirs.some((d) => TOOLING.test(d))) return 'tooling';
  return 'production';
}

export function isShippedCode(rel: string): boolean {
  return codeRole(rel) === 'production';
}
