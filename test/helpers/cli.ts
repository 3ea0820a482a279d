import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './paths.js';

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Runs the real CLI (bin/goready.js) in a child process. */
export function goready(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), ...args], {
    cwd: opts.cwd ?? projectRoot,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
