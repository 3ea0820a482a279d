/**
 * `npm run test:fast` runs the same test files with GOREADY_TEST_SUITE=fast: the parts that need
 * a browser, PostgreSQL, real Go builds or fuzzing skip themselves with this reason. `npm test`
 * (the README's test command, and what CI runs) runs everything.
 */
export const fastSuite = process.env.GOREADY_TEST_SUITE === 'fast';

/** A `skip` reason in the fast suite, `false` in the full one. */
export function fullSuiteOnly(what: string): string | false {
  return fastSuite ? `${what}: full suite only (npm test), skipped by npm run test:fast` : false;
}
