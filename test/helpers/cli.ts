import { spawnSync } from 'node:child_process';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { projectRoot } from './paths.js';
import { ruleMetadata } from '../../src/rules/metadata.generated.js';

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Commands that audit: the ones whose rule set the test fixtures were written for. */
const AUDITING = new Set(['audit', 'baseline', 'ci']);

/**
 * The rules the blind-record gate moved off by default (their experimentalReason quotes the blind record) after the
 * fixtures were written for them on. From the generated metadata, as `goready rules` lists them: loading every rule
 * module (src/rules/registry.ts) would cost each test file that imports this helper ~0.2 s more.
 */
export const GATED = ruleMetadata.filter((m) => m.lifecycle === 'experimental' && /^Blind record/.test(m.experimentalReason ?? '')).map((m) => m.id);

/** The options by which a test chooses its rules itself (with or without `=value`). */
const CHOOSES_RULES = new Set(['--enable', '--disable', '--config', '-c']);

/**
 * An auditing command runs with the gated rules on, as when the fixtures were written, unless the test chooses its
 * rules itself (`--enable`, `--disable`, `--config` or `-c`), as a test of goready's default set does.
 */
export function withFixtureRules(args: string[]): string[] {
  if (!AUDITING.has(args[0] ?? '') || args.some((a) => CHOOSES_RULES.has(a.split('=')[0]!))) return args;
  return [...args, '--enable', GATED.join(',')];
}

/** Runs the real CLI (bin/goready.js) in a child process: for tests about the process itself (exit, signals, start-up, isolation). */
export function goready(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), ...withFixtureRules(args)], {
    cwd: opts.cwd ?? projectRoot,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * What a write to stdout/stderr goes to: the output of the in-process run whose async context
 * made it, or the real stream (the test runner's own output is never captured).
 */
const capture = new AsyncLocalStorage<{ stdout: string[]; stderr: string[] }>();
let patched = false;

function patchStreams(): void {
  if (patched) return;
  patched = true;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown) => {
      const sink = capture.getStore();
      if (!sink) return original(chunk, enc, cb);
      sink[name].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof enc === 'function' ? enc : cb;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as typeof stream.write;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process (`main(argv)`), with its standard output, standard error and exit
 * code captured: the same program without a process start and module loading per call. Calls run
 * one at a time (the working directory and the environment are the process's own, set per call
 * and restored). Use `goready` when the test is about the process.
 */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const run = async (): Promise<CliRun> => {
    patchStreams();
    const { main } = await import('../../src/cli/main.js');
    const env: Record<string, string> = { NO_COLOR: '1', ...opts.env };
    const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
    const cwd = process.cwd();
    const sink = { stdout: [] as string[], stderr: [] as string[] };
    Object.assign(process.env, env);
    process.chdir(opts.cwd ?? projectRoot);
    const exitCode = process.exitCode;
    try {
      const code = await capture.run(sink, () => main([process.execPath, path.join(projectRoot, 'bin', 'goready.js'), ...withFixtureRules(args)]));
      return { code, stdout: sink.stdout.join(''), stderr: sink.stderr.join('') };
    } catch (e) {
      // what bin/goready.js does with an escaped error
      return { code: 3, stdout: sink.stdout.join(''), stderr: `${sink.stderr.join('')}goready: internal error: ${(e as Error).stack ?? String(e)}\n` };
    } finally {
      process.chdir(cwd);
      for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      process.exitCode = exitCode;
    }
  };
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}

/**
 * The environment that makes a survey run its audits in this process (src/cli/fleet-commands.ts)
 * instead of child processes: for tests about what a survey records, not about its audit
 * processes (each child costs a Node.js start and a module load). Some survey tests keep the
 * child processes (survey.test.ts's first, audit-options.test.ts's --exclude, survey-resume.test.ts).
 */
export const SURVEY_IN_PROCESS: Record<string, string> = { GOREADY_TEST_SURVEY_IN_PROCESS: '1' };
