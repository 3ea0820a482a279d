/**
 * How the repository's own history updates its Go modules: the commits of the last 90 days that
 * changed a go.mod, counted as dependency updates when an update bot wrote them or their subject
 * says the dependencies were updated as a whole (`chore: upgrade dependencies`, `update deps`,
 * `build(deps): bump …`). A targeted fix (`upgrade x/crypto for CVE-…`, `bump deps with CVEs`) is a
 * reaction, not routine maintenance, and does not count.
 *
 * "Now" is the repository's newest commit, never the clock: an old checkout is judged as of its
 * own date. Read only when the audited root is itself a git work tree (its `.git` is there: a
 * directory inside someone else's repository is not judged by that repository's history), through
 * the one git wrapper (`../vcs/git.ts`: fixed arguments, the repository's configured programs and
 * hooks neutralised; nothing of the repository is executed). No git, no `.git`, a shallow clone or
 * any git error: no history (`available: false`), and the rules judge the files alone.
 *
 * The history is not part of the files' content, so the fact is not cacheable and reads as evidence
 * (a result that depends on it is not reused by the result cache).
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineAsyncProvider, evidenceInput, factKey, modulesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { runGit } from '../vcs/git.js';

export interface GoModUpdateCommit {
  commit: string;
  /** Committer date (ISO 8601). */
  date: string;
  author: string;
  subject: string;
}

export interface GoModHistory {
  available: boolean;
  /** Date of the newest commit ("now"). */
  now?: string;
  /** The window looked at, in days before `now`. */
  days: number;
  /** Dependency-update commits that changed a go.mod in the window, newest first. */
  updates: GoModUpdateCommit[];
}

export const HISTORY_DAYS = 90;
const MAX_MODULES = 50;

/** An update bot as author. */
const BOT_AUTHOR = /\[bot\]$|^(?:dependabot|renovate)\b|bot$/i;
/**
 * A subject that says the dependencies were updated as a whole (`upgrade dependencies`, `dependency
 * upgrades`, `go mod updates`); a scope prefix naming one package (`deps: bump go-fuse`) is a targeted bump.
 */
const GENERAL_UPDATE = /\b(?:update|upgrade|bump|refresh)(?:s|d|ed)?\b[^\n]{0,30}?\b(?:dependencies|dependency|deps|go modules|modules|go\.mod|libraries)\b|\b(?:dependenc(?:y|ies)|deps?|go\s?mod|modules?)`?\s+(?:update|upgrade|bump)s?\b/i;
/** A reaction to an advisory, not routine maintenance. */
const REACTIVE = /\bCVE-?|\bGHSA-|vulnerab|\bsecurity\b/i;

/** Whether a commit that changed a go.mod is a routine dependency update (bot-written or a general update). */
export function isRoutineUpdate(author: string, subject: string): boolean {
  if (BOT_AUTHOR.test(author)) return true;
  return GENERAL_UPDATE.test(subject) && !REACTIVE.test(subject);
}

export const GO_MOD_HISTORY = factKey<GoModHistory>('history:go-mod');

export const goModHistoryProvider = defineAsyncProvider({
  provides: GO_MOD_HISTORY,
  reads: [modulesInput, evidenceInput('git-history')],
  cacheable: false,
  computeAsync: async (repo): Promise<GoModHistory> => readHistory(repo),
});

async function readHistory(repo: RepoFacts): Promise<GoModHistory> {
  const none: GoModHistory = { available: false, days: HISTORY_DAYS, updates: [] };
  const root = repo.root;
  if (!fs.existsSync(path.join(root, '.git'))) return none;
  const mods = repo.modules.slice(0, MAX_MODULES).map((m) => (m.dir ? `${m.dir}/go.mod` : 'go.mod'));
  if (!mods.length) return none;
  const opts = { dir: root, timeoutMs: 30_000, maxBuffer: 4 * 1024 * 1024 };
  const shallow = await runGit(['rev-parse', '--is-shallow-repository'], opts);
  if (shallow.code !== 0 || shallow.stdout.trim() !== 'false') return none;
  const head = await runGit(['log', '-1', '--no-show-signature', '--format=%cI'], opts);
  const now = head.code === 0 ? head.stdout.trim() : '';
  const nowMs = Date.parse(now);
  if (!Number.isFinite(nowMs)) return none;
  const since = new Date(nowMs - HISTORY_DAYS * 86_400_000).toISOString();
  const log = await runGit(['log', '--no-merges', '--no-show-signature', '-n', '1000', `--since=${since}`, '--format=%H%x09%cI%x09%an%x09%s', '--', ...mods], opts);
  if (log.code !== 0) return none;
  const updates: GoModUpdateCommit[] = [];
  for (const line of log.stdout.split('\n')) {
    const [commit, date, author, ...rest] = line.split('\t');
    if (!commit || !date || author === undefined) continue;
    const subject = rest.join('\t');
    if (Date.parse(date) < nowMs - HISTORY_DAYS * 86_400_000) continue;
    if (isRoutineUpdate(author, subject)) updates.push({ commit, date, author, subject });
  }
  return { available: true, now, days: HISTORY_DAYS, updates };
}
