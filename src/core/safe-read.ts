/**
 * The one way goready reads a file of the audited repository. The repository is untrusted, so a
 * read:
 * - resolves links (realpath) and refuses a target outside the audited root (and outside the few
 *   directories goready itself owns: module cache, vulnerability database), so a link to
 *   `~/.ssh/id_rsa` or `/proc/self/environ` is never opened and its content never reaches a report;
 * - accepts only regular files: `stat` before opening, `O_NONBLOCK` so a FIFO cannot block the
 *   open, `fstat` after opening (no FIFOs, sockets, devices such as /dev/zero);
 * - reads at most `maxBytes` (+1 to detect more); a larger file is refused, whatever `stat` said.
 * Errors are returned, never thrown; their messages name the file by its own path only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SafeReadError = 'outside-root' | 'not-regular' | 'too-large' | 'missing' | 'link-loop' | 'unreadable';

export type SafeRead =
  | { ok: true; buf: Buffer; real: string }
  | { ok: false; reason: SafeReadError; message: string };

export interface SafeReadOptions {
  /** Upper bound on the bytes read; a larger file is refused with 'too-large'. */
  maxBytes: number;
}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function mib(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Directories goready owns and may read through a repository link: the Go module cache and the
 * vulnerability database caches. (The survey's clone cache is deliberately not one of them: one
 * cloned repository must not reach another.)
 */
export function ownedDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const gopath = env.GOPATH?.split(path.delimiter).find(Boolean);
  const modCache = env.GOMODCACHE ? path.resolve(env.GOMODCACHE) : path.join(gopath ? path.resolve(gopath) : path.join(os.homedir(), 'go'), 'pkg', 'mod');
  const cache = env.GOREADY_CACHE ? path.resolve(env.GOREADY_CACHE) : path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'goready');
  return [modCache, path.join(cache, 'vulndb'), path.join(cache, 'vulndb-url')];
}

/**
 * Reads a regular file at `abs` with a byte cap, without following it anywhere: no containment
 * check (for files the user named on the command line), but the same special-file and size rules.
 */
export function readRegularFile(abs: string, opts: SafeReadOptions): SafeRead {
  return openAndRead(abs, opts);
}

function errnoResult(e: unknown, what: string): SafeRead {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: `cannot read ${what} (${code})` };
  if (code === 'ELOOP') return { ok: false, reason: 'link-loop', message: 'symlink loop: not followed' };
  return { ok: false, reason: 'unreadable', message: `cannot read ${what} (${code ?? (e as Error).message})` };
}

function openAndRead(real: string, opts: SafeReadOptions, flags = 0): SafeRead {
  let st: fs.Stats;
  try {
    st = fs.statSync(real);
  } catch (e) {
    return errnoResult(e, 'file');
  }
  if (!st.isFile()) return { ok: false, reason: 'not-regular', message: `not a regular file (${kindOf(st)}): not read` };
  if (st.size > opts.maxBytes) return { ok: false, reason: 'too-large', message: `${mib(st.size)} is over the ${mib(opts.maxBytes)} limit: not read` };
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | O_NONBLOCK | flags);
  } catch (e) {
    return errnoResult(e, 'file');
  }
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) return { ok: false, reason: 'not-regular', message: `not a regular file (${kindOf(fst)}): not read` };
    const cap = opts.maxBytes + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(cap - total, 1 << 20);
      if (want <= 0) break;
      const b = Buffer.allocUnsafe(want);
      const n = fs.readSync(fd, b, 0, want, null);
      if (n <= 0) break;
      chunks.push(n === want ? b : b.subarray(0, n));
      total += n;
    }
    if (total > opts.maxBytes) return { ok: false, reason: 'too-large', message: `over the ${mib(opts.maxBytes)} limit: not read` };
    return { ok: true, buf: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), real };
  } catch (e) {
    return errnoResult(e, 'file');
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Reads files of one audited root: see the module comment. Resolved paths are cached. */
export class ContainedReader {
  readonly root: string;
  private readonly realRoots: string[];

  /** `root` is the audited directory; `extra` directories goready owns (see `ownedDirs`) may also be reached. */
  constructor(root: string, extra: string[] = ownedDirs()) {
    this.root = path.resolve(root);
    const real = (p: string) => { try { return fs.realpathSync.native(p); } catch { return undefined; } };
    this.realRoots = [real(this.root) ?? this.root, ...extra.map(real).filter((p): p is string => !!p)];
  }

  /** The real path of `abs` when it exists and resolves inside the root (or a directory goready owns). */
  resolve(abs: string): { real: string } | { ok: false; reason: SafeReadError; message: string } {
    const full = path.resolve(this.root, abs);
    if (!inside(this.root, full)) return { ok: false, reason: 'outside-root', message: 'path leaves the audited root: not read' };
    let real: string;
    try {
      real = fs.realpathSync.native(full);
    } catch (e) {
      const r = errnoResult(e, 'file') as { ok: false; reason: SafeReadError; message: string };
      if (r.reason === 'missing' && isLink(full)) return { ...r, message: 'broken symlink: not read' };
      return r;
    }
    if (!this.realRoots.some((r) => inside(r, real))) {
      return { ok: false, reason: 'outside-root', message: 'symlink to a target outside the audited root: not followed' };
    }
    return { real };
  }

  /** Whether `abs` resolves to something inside the root (no read). */
  contains(abs: string): boolean {
    return 'real' in this.resolve(abs);
  }

  /** Reads `abs` (absolute, or relative to the root) under the rules above. */
  read(abs: string, opts: SafeReadOptions): SafeRead {
    const r = this.resolve(abs);
    if (!('real' in r)) return r;
    return openAndRead(r.real, opts, O_NOFOLLOW);
  }
}

function isLink(p: string): boolean {
  try { return fs.lstatSync(p).isSymbolicLink(); } catch { return false; }
}
