/**
 * The test runner behind `npm test` and `npm run test:fast`: every `dist/test/*.test.js` file
 * (helper modules are not test files). `--fast` sets GOREADY_TEST_SUITE=fast, so that the parts
 * needing a browser, PostgreSQL, real Go builds or fuzzing skip themselves
 * (test/helpers/suite.ts). Both suites run one file per core at a time (at least two: node's own
 * default, cores - 1, ran the full suite one file at a time on a 2-core machine), the files known
 * to take long first, so that the rest run beside them instead of after them. The files go to
 * node:test's run() (the command line, `node --test`, sorts them by name). Prints the wall time
 * at the end.
 *
 *   npm test [-- --test-name-pattern=baseline]
 *   npm run test:fast
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { projectRoot } from './gen-registry.js';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const testNamePatterns: string[] = [];
let only = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--fast') continue;
  if (a === '--test-only') only = true;
  else if (a.startsWith('--test-name-pattern=')) testNamePatterns.push(a.slice('--test-name-pattern='.length));
  else if (a === '--test-name-pattern' && i + 1 < args.length) testNamePatterns.push(args[++i]!);
  else {
    process.stderr.write(`run-tests: unknown argument ${a} (known: --fast, --test-name-pattern=<regexp>, --test-only)\n`);
    process.exit(2);
  }
}
const cores = os.availableParallelism?.() ?? os.cpus().length;
const dir = path.join(projectRoot(), 'dist', 'test');
/**
 * Files whose wall time is long (waits on processes, PostgreSQL, a browser, timeouts, or much CPU),
 * longest first: started first, they run beside the many short files instead of ending the run
 * alone. A file missing here only starts later; a name that no longer exists is ignored.
 */
const LONG_FIRST = [
  'distributed-survey', 'result-cache', 'probe-live', 'html-report', 'printers', 'fact-providers', 'rules', 'scaling',
  'fuzz', 'fuzz-watchdog', 'store-contract', 'gating', 'survey', 'survey-resume', 'browser', 'pool', 'fuzz-regressions',
];
const rank = (f: string) => { const i = LONG_FIRST.indexOf(f.replace(/\.test\.js$/, '')); return i < 0 ? LONG_FIRST.length : i; };
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()
  .sort((a, b) => rank(a) - rank(b)).map((f) => path.join(dir, f));
process.chdir(projectRoot());
if (fast) process.env.GOREADY_TEST_SUITE = 'fast';
const t0 = performance.now();
let failed = false;
const stream = run({ files, concurrency: Math.max(2, cores), ...(testNamePatterns.length ? { testNamePatterns } : {}), ...(only ? { only } : {}) });
stream.on('test:fail', (t: { todo?: unknown }) => { if (!t.todo) failed = true; });
stream.compose(new spec()).pipe(process.stdout);
process.on('exit', () => {
  const what = fast ? 'test:fast' : 'test';
  process.stderr.write(`${what}: ${files.length} files, ${((performance.now() - t0) / 1000).toFixed(1)} s wall on ${cores} CPUs (load average ${os.loadavg()[0]!.toFixed(1)})\n`);
  if (failed) process.exitCode = 1;
});
