/**
 * Lines changed since a git revision, for `--new-from-rev REV`. Runs git through `./git.ts`
 * (execFile, never a shell; the repository's configured programs neutralised): `git diff -U0 REV` for tracked files (working tree against
 * REV, so uncommitted edits count) plus `git ls-files --others --exclude-standard` for new,
 * untracked files (every line of them is new). Paths are relative to `dir` (`--relative`).
 */
import { GitError, runGit, type GitRun } from './git.js';

export { GitError };

/** file (relative to dir, forward slashes) → changed line numbers, or 'all'. */
export type ChangedLineMap = Map<string, Set<number> | 'all'>;

function git(dir: string, args: string[]): Promise<GitRun> {
  return runGit(args, { dir, maxBuffer: 512 * 1024 * 1024 });
}

/** Undoes git's C-style quoting of a path ("a\"b\303\251.go"): escapes and octal UTF-8 bytes. */
export function unquoteGitPath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[i + 1] ?? '';
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses `git diff -U0` output into the new side's added/changed line numbers per file. */
export function parseUnifiedDiff(text: string): ChangedLineMap {
  const out: ChangedLineMap = new Map();
  let current: Set<number> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).replace(/\t$/, '');
      if (target === '/dev/null') { current = undefined; continue; }
      const p = unquoteGitPath(target);
      const rel = p.startsWith('b/') ? p.slice(2) : p;
      current = new Set<number>();
      out.set(rel, current);
      continue;
    }
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let l = start; l < start + count; l++) current.add(l);
    }
  }
  return out;
}

/**
 * The lines changed in the working tree under `dir` since `rev`. Throws GitError with a message
 * fit for the user when git is missing, `dir` is not in a git work tree, or `rev` is unknown.
 */
export async function changedLinesSince(dir: string, rev: string): Promise<ChangedLineMap> {
  if (!rev || rev.startsWith('-')) throw new GitError(`--new-from-rev: '${rev}' is not a revision`);
  const inside = await git(dir, ['rev-parse', '--is-inside-work-tree']);
  if (inside.missing) throw new GitError('--new-from-rev needs git, and git was not found on PATH');
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') {
    throw new GitError(`--new-from-rev: ${dir} is not inside a git work tree (${inside.stderr.trim().split('\n')[0] || 'not a git repository'})`);
  }
  const verify = await git(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (verify.code !== 0) {
    const shallow = (await git(dir, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    throw new GitError(
      `--new-from-rev: revision '${rev}' not found in this repository` +
      (shallow ? ' (this is a shallow clone: fetch more history, e.g. `git fetch --deepen=50` or actions/checkout with fetch-depth: 0)' : ''),
    );
  }
  const sha = verify.stdout.trim();
  const diff = await git(dir, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all', '--relative', '-U0', '--src-prefix=a/', '--dst-prefix=b/', sha, '--']);
  if (diff.code !== 0) throw new GitError(`--new-from-rev: git diff ${rev} failed: ${diff.stderr.trim().split('\n')[0]}`);
  const changed = parseUnifiedDiff(diff.stdout);
  const untracked = await git(dir, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (untracked.code === 0) for (const f of untracked.stdout.split('\0')) if (f) changed.set(f, 'all');
  return changed;
}
