/**
 * The test runner behind `npm test` and `npm run test:fast`: every `dist/test/*.test.js` file
 * (helper modules are not test files). `--fast` sets GOREADY_TEST_SUITE=fast, so that the parts
 * needing a browser, PostgreSQL, real Go builds or fuzzing skip themselves
 * (test/helpers/suite.ts), and runs one file per core at a time. Prints the wall time at the end.
 *
 *   npm test [-- --test-name-pattern=baseline]
 *   npm run test:fast
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './gen-registry.js';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const passThrough = args.filter((a) => a !== '--fast');
const cores = os.availableParallelism?.() ?? os.cpus().length;
const dir = path.join('dist', 'test');
const files = fs.readdirSync(path.join(projectRoot(), dir)).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(dir, f));
const t0 = performance.now();
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...(fast ? [`--test-concurrency=${Math.max(2, cores)}`] : []), ...passThrough, ...files], {
  cwd: projectRoot(), stdio: 'inherit', env: fast ? { ...process.env, GOREADY_TEST_SUITE: 'fast' } : process.env,
});
child.on('close', (code, signal) => {
  const what = fast ? 'test:fast' : 'test';
  process.stderr.write(`${what}: ${files.length} files, ${((performance.now() - t0) / 1000).toFixed(1)} s wall on ${cores} CPUs (load average ${os.loadavg()[0]!.toFixed(1)})\n`);
  process.exitCode = code ?? (signal ? 1 : 0);
});
