/**
 * The one way goready runs git. Always `execFile` with an argument array (never a shell), and with
 * the audited repository's configuration neutralised, because a repository under audit is
 * untrusted and its `.git/config` and `.gitattributes` can name programs for git to run:
 *
 * - `core.fsmonitor` (run by status, diff and ls-files to learn what changed): forced `false`;
 * - clean/smudge/process filter drivers (`filter.<x>.*`, run when git hashes a work-tree file,
 *   e.g. in status and diff against the work tree): every driver the configuration defines is
 *   listed (`git config --list --name-only`, which runs nothing) and emptied, `required` off;
 * - diff drivers (`diff.<x>.command`, `diff.<x>.textconv`, `diff.external`): `--no-ext-diff
 *   --no-textconv` on every diff, and each configured driver emptied as well;
 * - hooks: `core.hooksPath=/dev/null`; `log.showSignature=false` (gpg.program);
 *   `submodule.recurse=false` and `--ignore-submodules` (a submodule's own config is not seen);
 * - system and global configuration are not read (`GIT_CONFIG_NOSYSTEM=1`,
 *   `GIT_CONFIG_GLOBAL=/dev/null`, `GIT_ATTR_NOSYSTEM=1`), inherited `GIT_*` variables are dropped
 *   (`GIT_EXTERNAL_DIFF`, `GIT_CONFIG_PARAMETERS`, `GIT_DIR`…), and overrides are passed through
 *   `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` so that no driver name can be
 *   misparsed; `--no-optional-locks` semantics (`GIT_OPTIONAL_LOCKS=0`): status writes nothing.
 * The user's own `safe.directory` entries are carried over (they live in the global config).
 *
 * Fetching for a survey (`network: true`) keeps the user's global configuration (credential
 * helpers, proxies) since it runs in a repository goready itself created, but still disables
 * hooks and fsmonitor.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class GitError extends Error {}

export interface GitRun { code: number; stdout: string; stderr: string; missing?: boolean }

export interface GitOptions {
  /** Directory git runs in (`-C`); configuration there is treated as hostile. */
  dir?: string;
  timeoutMs?: number;
  maxBuffer?: number;
  /** A fetch from a remote: keep the user's global configuration (credentials), see above. */
  network?: boolean;
}

const MAX_DRIVER_OVERRIDES = 4000;

/** Overrides that do not depend on the repository. */
const FIXED: [string, string][] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', os.devNull],
  ['core.untrackedCache', 'false'],
  ['core.quotePath', 'false'],
  ['log.showSignature', 'false'],
  ['submodule.recurse', 'false'],
  ['diff.noprefix', 'false'],
  ['advice.detachedHead', 'false'],
];

const NETWORK_ENV = {
  GIT_TERMINAL_PROMPT: '0',             // never wait for a password on a terminal
  GIT_ALLOW_PROTOCOL: 'https:ssh:file', // transports git may use, even through submodules or redirects
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GCM_INTERACTIVE: 'never',
};

/** The environment for git: inherited GIT_* dropped, system/global configuration off. */
function baseEnv(network: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (network ? !/^GIT_(CONFIG|EXTERNAL_DIFF|DIR$|WORK_TREE$|INDEX_FILE$|OPTIONAL_LOCKS$)/.test(k) : !k.startsWith('GIT_')) env[k] = v;
  }
  Object.assign(env, NETWORK_ENV, { GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' });
  if (!network) Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_ATTR_NOSYSTEM: '1' });
  return env;
}

let safeDirs: string[] | undefined;
/** The user's `safe.directory` entries (global config), read once, so neutralising it changes no ownership decision. */
function userSafeDirectories(): string[] {
  if (safeDirs) return safeDirs;
  try {
    const out = execFileSync('git', ['config', '--global', '--get-all', 'safe.directory'], { cwd: os.tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    safeDirs = out.split('\n').filter(Boolean);
  } catch {
    safeDirs = [];
  }
  return safeDirs;
}

function spawnGit(args: string[], env: NodeJS.ProcessEnv, opts: GitOptions): Promise<GitRun> {
  return new Promise((resolve) => {
    // the fixed overrides also as -c, for a git older than 2.31 (no GIT_CONFIG_COUNT)
    const dashC = FIXED.flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    execFile('git', [...(opts.dir ? ['-C', opts.dir] : []), ...dashC, ...args], {
      env, timeout: opts.timeoutMs ?? 10 * 60_000, maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true,
    }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (e && e.code === 'ENOENT') return resolve({ code: 127, stdout: '', stderr: '', missing: true });
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout: String(stdout), stderr: String(stderr || (e && !stdout ? e.message : '')) });
    });
  });
}

/** `filter.<x>.*` and `diff.<x>.*` drivers defined anywhere in the configuration git would read in `dir`. */
async function driverOverrides(env: NodeJS.ProcessEnv, opts: GitOptions): Promise<[string, string][]> {
  const r = await spawnGit(['config', '--null', '--list', '--name-only'], env, { ...opts, timeoutMs: 30_000, maxBuffer: 8 * 1024 * 1024 });
  if (r.code !== 0) return [];
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const key of r.stdout.split('\0')) {
    const m = /^(filter|diff|merge)\.(.+)\.([^.]+)$/s.exec(key);
    if (!m) continue;
    const [, section, name] = m as unknown as [string, string, string];
    const id = `${section}\0${name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (section === 'filter') out.push([`filter.${name}.process`, ''], [`filter.${name}.clean`, ''], [`filter.${name}.smudge`, ''], [`filter.${name}.required`, 'false']);
    else if (section === 'diff') out.push([`diff.${name}.command`, ''], [`diff.${name}.textconv`, '']);
    else out.push([`merge.${name}.driver`, '']);
  }
  return out;
}

/**
 * Runs git with the repository's configuration neutralised (see the module comment). Never throws;
 * `missing` when git is not installed.
 */
export async function runGit(args: string[], opts: GitOptions = {}): Promise<GitRun> {
  const network = !!opts.network;
  const env = baseEnv(network);
  const overrides: [string, string][] = [...FIXED];
  if (!network) {
    for (const d of userSafeDirectories()) overrides.push(['safe.directory', d]);
    const probeEnv = withOverrides(env, overrides);
    const drivers = await driverOverrides(probeEnv, opts);
    // thousands of drivers would overflow the environment: refuse rather than run git half-neutralised
    if (drivers.length > MAX_DRIVER_OVERRIDES) return { code: 1, stdout: '', stderr: `the repository's git configuration defines too many filter/diff/merge drivers (${drivers.length} overrides needed): git not run` };
    overrides.push(...drivers);
  }
  return spawnGit(args, withOverrides(env, overrides), opts);
}

function withOverrides(env: NodeJS.ProcessEnv, kv: [string, string][]): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, GIT_CONFIG_COUNT: String(kv.length) };
  kv.forEach(([k, v], i) => { out[`GIT_CONFIG_KEY_${i}`] = k; out[`GIT_CONFIG_VALUE_${i}`] = v; });
  return out;
}

/** `runGit`, resolving to stdout, rejecting with a GitError carrying git's last lines of stderr. */
export async function git(args: string[], opts: GitOptions = {}): Promise<string> {
  const r = await runGit(args, opts);
  if (r.missing) throw new GitError('git was not found on PATH');
  if (r.code !== 0) {
    const msg = r.stderr.trim().split('\n').slice(-3).join(' | ');
    throw new GitError(`git ${args[0]}: ${msg}`);
  }
  return r.stdout;
}

/**
 * Brings `ref` (default: the remote's HEAD) of `url` into directory `dir` (created and initialised
 * when needed) with depth 1 and checks it out detached, discarding anything left in the work tree.
 * The caller has validated `url`.
 */
export async function fetchShallowInto(dir: string, url: string, ref: string | null | undefined): Promise<void> {
  if (ref && ref.startsWith('-')) throw new GitError(`refusing ref ${JSON.stringify(ref)}`);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.mkdirSync(dir, { recursive: true });
    await git(['init', '-q', '--', dir], { network: true });
  }
  await git(['fetch', '-q', '--depth', '1', '--no-tags', '--', url, ref || 'HEAD'], { dir, network: true });
  await git(['checkout', '-q', '--force', '--detach', 'FETCH_HEAD'], { dir, network: true });
  await git(['clean', '-q', '-f', '-d', '-x'], { dir, network: true });
}

export interface CheckoutState { commit: string | null; commitDate: string | null; ref: string | null; dirty: boolean }

/**
 * Commit, commit date and dirtiness of a directory. A directory inside a larger work tree gets the
 * enclosing commit, and is dirty only when something under it changed. Outside git: all null.
 */
export async function checkoutInfo(dir: string, ref: string | null = null): Promise<CheckoutState> {
  try {
    const out = (await git(['log', '-1', '--no-show-signature', '--format=%H %cI'], { dir })).trim();
    const [commit, date] = out.split(' ');
    if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return { commit: null, commitDate: null, ref, dirty: false };
    const status = await git(['status', '--porcelain', '--ignore-submodules=all', '--', '.'], { dir });
    return { commit, commitDate: date ?? null, ref, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, commitDate: null, ref, dirty: false };
  }
}
