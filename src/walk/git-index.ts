/**
 * The paths git tracks in a work tree, read from its index file (`.git/index`, format versions 2 to
 * 4, SHA-1 or SHA-256 object names, sparse-index directory entries) without running git.
 *
 * .gitignore only hides untracked files: a committed file that a pattern matches (`.*` in a
 * .gitignore, with `.github/workflows/ci.yml` committed before or added with `git add -f`) is part
 * of the repository all the same. The walker asks this module so that such files are walked.
 *
 * Only the index of the audited root itself is read (a `.git` directory, or a `.git` file naming the
 * git directory of a linked worktree or submodule); an audited subdirectory of a larger checkout
 * keeps plain .gitignore semantics. Any unexpected content yields `undefined` (no tracked set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readRegularFile, type ContainedReader } from '../core/safe-read.js';

/** The byte cap on an index file (a 100 000-file repository has an index of about 10 MiB). */
export const MAX_GIT_INDEX_BYTES = 128 * 1024 * 1024;
/** The cap on index entries (the largest public monorepositories track a few hundred thousand files). */
export const MAX_GIT_INDEX_ENTRIES = 2_000_000;
/** The cap on one entry's name in bytes (git's own limit is the platform's PATH_MAX, 4096 on Linux). */
export const MAX_GIT_PATH_BYTES = 4096;
/**
 * The cap on the bytes of all names together, and on those of all directories holding them: version 4 names are
 * prefix-compressed, so a small hostile index could otherwise expand to gigabytes.
 */
export const MAX_GIT_NAME_BYTES = MAX_GIT_INDEX_BYTES;

export interface TrackedPaths {
  /** Whether git tracks the file (repository-relative, forward slashes). */
  file(rel: string): boolean;
  /** Whether the directory holds a tracked file at any depth. */
  dir(rel: string): boolean;
}

/** The tracked paths of the work tree rooted at `root`, or undefined when it has no readable index. */
export function trackedPaths(root: string, reader: ContainedReader): TrackedPaths | undefined {
  // the index is untrusted input: whatever goes wrong, the walk falls back to plain .gitignore semantics
  try {
    return readTracked(root, reader);
  } catch {
    return undefined;
  }
}

function readTracked(root: string, reader: ContainedReader): TrackedPaths | undefined {
  const dotGit = path.join(root, '.git');
  let gitDir: string;
  let buf: Buffer | undefined;
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dotGit);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) {
    gitDir = dotGit;
    const r = reader.read(path.join(gitDir, 'index'), { maxBytes: MAX_GIT_INDEX_BYTES });
    if (!r.ok) return undefined;
    buf = r.buf;
  } else if (st.isFile()) {
    // a linked worktree or a submodule: `gitdir: <path>`, relative to the work tree
    const r = reader.read(dotGit, { maxBytes: 4096 });
    if (!r.ok) return undefined;
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(r.buf.toString('utf8'));
    if (!m) return undefined;
    gitDir = path.resolve(root, m[1]!);
    const idx = readRegularFile(path.join(gitDir, 'index'), { maxBytes: MAX_GIT_INDEX_BYTES });
    if (!idx.ok) return undefined;
    buf = idx.buf;
  } else {
    return undefined;
  }
  const names = parseGitIndex(buf, hashSize(gitDir, gitDir === dotGit ? reader : undefined));
  return names ? trackedSet(names) : undefined;
}

/** 32 for a repository of SHA-256 objects (`extensions.objectformat = sha256`), else 20. */
function hashSize(gitDir: string, reader: ContainedReader | undefined): number {
  const cfg = path.join(gitDir, 'config');
  const r = reader ? reader.read(cfg, { maxBytes: 1 << 20 }) : readRegularFile(cfg, { maxBytes: 1 << 20 });
  return r.ok && /^\s*objectformat\s*=\s*sha256\s*$/im.test(r.buf.toString('utf8')) ? 32 : 20;
}

/**
 * The set view of index entry names; a sparse-index directory entry (`dir/`) tracks everything below it. Undefined
 * when the directories holding the names exceed MAX_GIT_NAME_BYTES together.
 */
export function trackedSet(names: readonly string[]): TrackedPaths | undefined {
  const files = new Set<string>();
  const dirs = new Set<string>();
  const sparse = new Set<string>();
  let dirBytes = 0;
  for (const n of names) {
    if (n.endsWith('/')) sparse.add(n);
    else files.add(n);
    // the enclosing directories, deepest first: once one is known its ancestors are too
    for (let i = n.endsWith('/') ? n.length - 1 : n.lastIndexOf('/'); i > 0; i = n.lastIndexOf('/', i - 1)) {
      const d = n.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
      dirBytes += d.length;
      if (dirBytes > MAX_GIT_NAME_BYTES) return undefined;
    }
  }
  // below a sparse directory: some ancestor of rel (with its slash) is a sparse entry
  const underSparse = (rel: string) => {
    if (!sparse.size) return false;
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) if (sparse.has(rel.slice(0, i + 1))) return true;
    return false;
  };
  return {
    file: (rel) => files.has(rel) || underSparse(rel),
    dir: (rel) => dirs.has(rel) || underSparse(`${rel}/`),
  };
}

/**
 * The entry names of a git index file, or undefined when it is not one. Layout: "DIRC", version,
 * entry count; each entry has 40 bytes of stat data, the object name, 16 bits of flags (12 bits of
 * name length), 16 more bits when the extended flag is set (version 3 and up), then the name:
 * NUL-terminated and padded to a multiple of 8 bytes (versions 2 and 3), or prefix-compressed
 * against the previous name (version 4: a varint of bytes to drop, then the NUL-terminated rest). Sizes are bounded
 * (MAX_GIT_INDEX_ENTRIES, MAX_GIT_PATH_BYTES, MAX_GIT_NAME_BYTES): past them the index is not read.
 */
export function parseGitIndex(buf: Buffer, hashBytes = 20): string[] | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buf.readUInt32BE(8);
  // an entry takes at least its stat data, object name, flags and a one-byte name with its terminator
  if (count > MAX_GIT_INDEX_ENTRIES || count > (buf.length - 12) / (40 + hashBytes + 4)) return undefined;
  let nameBytes = 0;
  const names: string[] = [];
  let prev: Buffer = Buffer.alloc(0);
  let off = 12;
  for (let i = 0; i < count; i++) {
    const start = off;
    const flagsAt = start + 40 + hashBytes;
    if (flagsAt + 2 > buf.length) return undefined;
    const flags = buf.readUInt16BE(flagsAt);
    let nameAt = flagsAt + 2;
    if (flags & 0x4000) {
      if (version < 3) return undefined;
      nameAt += 2;
    }
    let name: Buffer;
    if (version === 4) {
      let p = nameAt;
      if (p >= buf.length) return undefined;
      let b = buf[p++]!;
      let drop = b & 0x7f;
      while (b & 0x80) {
        if (p >= buf.length || drop > prev.length) return undefined;
        b = buf[p++]!;
        drop = ((drop + 1) << 7) | (b & 0x7f);
      }
      if (drop > prev.length) return undefined;
      const end = buf.indexOf(0, p);
      if (end === -1) return undefined;
      name = Buffer.concat([prev.subarray(0, prev.length - drop), buf.subarray(p, end)]);
      off = end + 1;
    } else {
      const end = buf.indexOf(0, nameAt);
      if (end === -1) return undefined;
      name = buf.subarray(nameAt, end);
      off = start + ((nameAt - start + name.length + 8) & ~7);
      if (off > buf.length) return undefined;
    }
    if (name.length === 0 || name.length > MAX_GIT_PATH_BYTES) return undefined;
    nameBytes += name.length;
    if (nameBytes > MAX_GIT_NAME_BYTES) return undefined;
    prev = name;
    names.push(name.toString('utf8'));
  }
  return names;
}
