/** Builds small Go repositories (real git repos) for the survey, report, dashboard and browser tests. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/** Commits everything in `dir` (initialising the repo when needed); returns the commit. */
export function commitAll(dir: string, message = 'change'): string {
  if (!fs.existsSync(path.join(dir, '.git'))) git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** A Go file with `n` leaked tickers (CON1001), named so that fingerprints differ. */
export function leaks(n: number, pkg = 'svc'): string {
  const funcs = Array.from({ length: n }, (_, i) => `
func Leak${i}(f func()) {
	t${i} := time.NewTicker(time.Second)
	for range t${i}.C {
		f()
	}
}
`).join('');
  return `package ${pkg}\n\nimport "time"\n${funcs}`;
}

export function goRepo(dir: string, leakCount: number, extra: Record<string, string> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  writeFiles(dir, {
    'go.mod': 'module example.com/svc\n\ngo 1.22\n',
    'svc/svc.go': leaks(leakCount),
    'main.go': 'package main\n\nfunc main() {}\n',
    // the fleet tests count ticker findings only (CON1001, experimental since the blind-record gate): every other dimension is off
    '.goready.yaml': 'version: 1\nrules:\n  disable: [build, observability, security, supply-chain, runtime, engineering]\n  enable: [BLD1002, CON1001]\n',
    ...extra,
  });
  return commitAll(dir, 'initial');
}
