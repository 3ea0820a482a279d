/**
 * The test runner behind `npm test` and `npm run test:fast`: every `dist/test/*.test.js` file
 * (helper modules are not test files). `--fast` sets GOREADY_TEST_SUITE=fast, so that the parts
 * needing a browser, PostgreSQL, real Go builds or fuzzing skip themselves
 * (test/helpers/suite.ts). Both suites run one file per core at a time (at least two: node's own
 * default, cores - 1, ran the full suite one file at a time on a 2-core machine), the files known
 * to take long first, so that the rest run beside them instead of after them. The files go to
 * node:test's run() (the command line, `node --test`, sorts them by name). Prints the wall time
 * at the end; `--timings` also each process's wall and CPU time and the longest tests.
 *
 * The files known to take long run each in a process of their own, as node:test runs every file;
 * the others (most of them short) run in a few processes, BUNDLES, each importing a share of them
 * (the tests of a file then run one after another, the files one after another): a process per
 * file cost each its start, its load of the rule modules (~0.35 s) and its own warm-up of the
 * analysis code, ~30 CPU-s in all, more than the tests themselves. `--isolate` runs every file in
 * its own process (to rule out that a bundled file is disturbed by another of its bundle).
 *
 *   npm test [-- --test-name-pattern=baseline]
 *   npm run test:fast [-- --timings]
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { projectRoot } from './gen-registry.js';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const isolate = args.includes('--isolate');
const timings = args.includes('--timings');
const testNamePatterns: string[] = [];
let only = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--fast' || a === '--isolate' || a === '--timings') continue;
  if (a === '--test-only') only = true;
  else if (a.startsWith('--test-name-pattern=')) testNamePatterns.push(a.slice('--test-name-pattern='.length));
  else if (a === '--test-name-pattern' && i + 1 < args.length) testNamePatterns.push(args[++i]!);
  else {
    process.stderr.write(`run-tests: unknown argument ${a} (known: --fast, --isolate, --timings, --test-name-pattern=<regexp>, --test-only)\n`);
    process.exit(2);
  }
}
const cores = os.availableParallelism?.() ?? os.cpus().length;
const dir = path.join(projectRoot(), 'dist', 'test');
/**
 * Files run each in a process of their own, started first, longest first: the longest (they run beside the bundles
 * instead of ending the run alone) and those that mostly wait (on their child processes, stopped workers, timeouts),
 * whose waits overlap the others' work. Every other file is bundled; a name that no longer exists is ignored.
 */
const LONG_FIRST = [
  'distributed-survey', 'result-cache', 'probe-live', 'html-report', 'scaling', 'fuzz', 'survey-resume', 'fuzz-watchdog',
  'store-contract', 'browser',
];
/** Of LONG_FIRST, the files long only for their full-suite parts (PostgreSQL, a browser, fuzzing, live probes): bundled in the fast suite. */
const LONG_IN_FULL_SUITE_ONLY = ['distributed-survey', 'probe-live', 'html-report', 'fuzz', 'store-contract', 'browser'];
const long = fast ? LONG_FIRST.filter((f) => !LONG_IN_FULL_SUITE_ONLY.includes(f)) : LONG_FIRST;
/**
 * Bundled files that take longer than most (CPU-s in the fast suite, their children's included, less a process start:
 * each file run alone, `/usr/bin/time`, 2026-12-08), to share them out evenly; the others count 0.3.
 */
const WEIGHT: Record<string, number> = {
  pool: 6.9, rules: 6.2, gating: 5.5, 'fact-providers': 4.9, survey: 3.9, 'fuzz-regressions': 3.3, printers: 3.1,
  'result-cache-inputs': 2.3, 'git-hostile': 2.2, containment: 2.1, 'audit-options': 2.1, startup: 1.6, dashboard: 1.4,
  cli: 1.4, 'call-sites': 1.4, 'supply-vulndb-update': 1.3, 'html-report': 1.3, 'fleet-report': 1.3, 'probe-parse': 1.2,
  'survey-probe': 1.1, 'go-mod-history': 1.0, 'bad-input': 1.0, 'supply-cli': 0.9, 'severity-by-context': 0.8,
  'gomod-robust': 0.8, 'facts-makefiles': 0.8, examples: 0.8, 'concern-groups': 0.8,
};
const BUNDLES = 4;
const name = (f: string) => f.replace(/\.test\.js$/, '');
const rank = (f: string) => { const i = long.indexOf(name(f)); return i < 0 ? long.length : i; };
const all = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort().sort((a, b) => rank(a) - rank(b));
const alone = isolate ? all : all.filter((f) => long.includes(name(f)));
const bundled = isolate ? [] : all.filter((f) => !long.includes(name(f)));
/** The bundled files shared out over BUNDLES lists, heaviest first to the lightest list. */
const shares: string[][] = Array.from({ length: Math.min(BUNDLES, bundled.length) }, () => []);
const load = shares.map(() => 0);
for (const f of [...bundled].sort((a, b) => (WEIGHT[name(b)] ?? 0.3) - (WEIGHT[name(a)] ?? 0.3))) {
  const i = load.indexOf(Math.min(...load));
  shares[i]!.push(f);
  load[i]! += WEIGHT[name(f)] ?? 0.3;
}
/** With --timings, each process says on exit how long it ran and its CPU time (all its threads, not its child processes), on its standard error. */
const CPU_NOTE = `process.on('exit', () => { const c = process.cpuUsage(); process.stderr.write('run-tests-cpu ' + (performance.now() / 1000).toFixed(1) + ' ' + ((c.user + c.system) / 1e6).toFixed(1) + '\\n'); });\n`;
const bundleDir = shares.length || timings ? fs.mkdtempSync(path.join(os.tmpdir(), 'goready-test-bundles-')) : undefined;
const bundleFile = (label: string, list: string[]) => {
  const file = path.join(bundleDir!, `${label}.test.mjs`);
  fs.writeFileSync(file, list.sort().map((f) => `import ${JSON.stringify(pathToFileURL(path.join(dir, f)).href)};\n`).join('') + (timings ? CPU_NOTE : ''));
  return file;
};
const bundles = shares.map((list, i) => bundleFile(`bundle-${i + 1}`, list));
for (const [i, list] of shares.entries()) process.stderr.write(`run-tests: bundle-${i + 1}: ${list.map(name).join(' ')}\n`);
/** The files run alone: with --timings, each through a module of its own that also notes its CPU time. */
const files = [...alone.map((f) => (timings ? bundleFile(name(f), [f]) : path.join(dir, f))), ...bundles];
process.chdir(projectRoot());
if (fast) process.env.GOREADY_TEST_SUITE = 'fast';
const t0 = performance.now();
let failed = false;
/**
 * One file per core (at least two). One more, so that a file waiting on its children or timeouts would not hold a
 * core's slot idle, was measured slower (2026-12-08, load ~25: 326 s wall against 274 s): the result-cache file, the
 * longest, then shared its core with two others and ended the run alone.
 */
const concurrency = Math.max(2, cores);
const stream = run({ files, concurrency, ...(testNamePatterns.length ? { testNamePatterns } : {}), ...(only ? { only } : {}) });
stream.on('test:fail', (t: { todo?: unknown }) => { if (!t.todo) failed = true; });
stream.compose(new spec()).pipe(process.stdout);
/** With --timings: each process's wall and CPU seconds, and the longest top-level tests, printed at the end. */
const cpuNotes: string[] = [];
const durations: [number, string][] = [];
if (timings) {
  stream.on('test:stderr', (d: { file?: string; message: string }) => {
    for (const m of d.message.matchAll(/^run-tests-cpu (\S+) (\S+)$/gm)) cpuNotes.push(`${path.basename(d.file ?? '?').replace(/\.test\.m?js$/, '')}: ${m[1]} s wall, ${m[2]} CPU-s`);
  });
  for (const ev of ['test:pass', 'test:fail'] as const) {
    stream.on(ev, (d: { nesting: number; name: string; details: { duration_ms: number } }) => { if (d.nesting === 0) durations.push([d.details.duration_ms, d.name]); });
  }
}
process.on('exit', () => {
  if (timings) {
    process.stderr.write(`run-tests: processes\n${cpuNotes.map((l) => `  ${l}\n`).join('')}run-tests: longest tests\n`);
    for (const [ms, n] of durations.sort((a, b) => b[0] - a[0]).slice(0, 25)) process.stderr.write(`  ${(ms / 1000).toFixed(1)} s  ${n.slice(0, 110)}\n`);
  }
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  const what = fast ? 'test:fast' : 'test';
  process.stderr.write(`${what}: ${all.length} files in ${files.length} processes, ${((performance.now() - t0) / 1000).toFixed(1)} s wall on ${cores} CPUs (load average ${os.loadavg()[0]!.toFixed(1)})\n`);
  if (failed) process.exitCode = 1;
});
