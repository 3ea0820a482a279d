/**
 * The survey's git needs, on top of the one git wrapper (`../vcs/git.ts`, which neutralises the
 * audited repository's configuration): where a URL is cached, and a validated shallow fetch.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { checkoutInfo, fetchShallowInto, GitError } from '../vcs/git.js';
import { defaultName, invalidGitUrl } from './list.js';

export { checkoutInfo, GitError };

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
  await fetchShallowInto(dir, url, ref);
  return dir;
}
