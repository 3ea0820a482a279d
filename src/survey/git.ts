/**
 * The few git operations a survey needs, through `execFile` with argument arrays (never a shell):
 * a shallow fetch of one ref into a cache directory, and the commit/dirty state of a checkout.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CheckoutInfo } from '../store/record.js';
import { defaultName, invalidGitUrl } from './list.js';

export class GitError extends Error {}

const GIT_ENV = {
  GIT_TERMINAL_PROMPT: '0',          // never wait for a password on a terminal
  GIT_ALLOW_PROTOCOL: 'https:ssh:file', // transports git may use, even through submodules or redirects
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GCM_INTERACTIVE: 'never',
};

export function git(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, {
      cwd: opts.cwd,
      env: { ...process.env, ...GIT_ENV },
      timeout: opts.timeoutMs ?? 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
      windowsHide: true,
    }, (err, stdout, stderr) => {
      if (err) {
        const msg = String(stderr || err.message).trim().split('\n').slice(-3).join(' | ');
        reject(new GitError(`git ${args[0] === '-C' ? args[2] : args[0]}: ${msg}`));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

/** The cache directory of one URL: a readable name plus a hash of the full URL. */
export function cachePathFor(cacheRoot: string, url: string): string {
  const safe = defaultName(url).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'repo';
  return path.join(cacheRoot, `${safe}-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`);
}

/**
 * Brings `ref` (default: the remote's HEAD) of `url` into the cache with depth 1 and checks it out
 * detached, discarding anything left in the work tree. Returns the checkout directory.
 */
export async function fetchShallow(url: string, ref: string | null | undefined, cacheRoot: string): Promise<string> {
  const why = invalidGitUrl(url);
  if (why) throw new GitError(`refusing git URL ${JSON.stringify(url)}: ${why}`);
  if (ref && ref.startsWith('-')) throw new GitError(`refusing ref ${JSON.stringify(ref)}`);
  const dir = cachePathFor(cacheRoot, url);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.mkdirSync(dir, { recursive: true });
    await git(['init', '-q', '--', dir]);
  }
  await git(['-C', dir, 'fetch', '-q', '--depth', '1', '--no-tags', '--', url, ref || 'HEAD']);
  await git(['-C', dir, '-c', 'advice.detachedHead=false', 'checkout', '-q', '--force', '--detach', 'FETCH_HEAD']);
  await git(['-C', dir, 'clean', '-q', '-f', '-d', '-x']);
  return dir;
}

/**
 * Commit, commit date and dirtiness of a directory. A directory inside a larger work tree gets the
 * enclosing commit, and is dirty only when something under it changed. Outside git: all null.
 */
export async function checkoutInfo(dir: string, ref: string | null = null): Promise<CheckoutInfo> {
  try {
    const out = (await git(['-C', dir, 'log', '-1', '--format=%H %cI'])).trim();
    const [commit, date] = out.split(' ');
    if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return { commit: null, commitDate: null, ref, dirty: false };
    const status = await git(['-C', dir, 'status', '--porcelain', '--', '.']);
    return { commit, commitDate: date ?? null, ref, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, commitDate: null, ref, dirty: false };
  }
}
