/**
 * The result cache: content-addressed entries on disk, one file each, so that a re-run reuses what
 * an earlier audit computed. Keys are SHA-256 digests of everything an entry depends on (see
 * `cacheKey`); the caller builds them. Every entry starts with a header naming the format, the
 * kind, the key and a digest of the body: an entry whose header or digest does not match (a torn
 * write, a foreign or corrupted file) is ignored, counted, and rewritten by the caller's next `put`.
 * The directory is bounded: when it grows over `maxBytes`, the least recently used entries (by
 * mtime, refreshed on use at most once a day) are deleted down to three quarters of the bound.
 *
 * A pack (`getPack`, `putPack`) holds many entries in one file, read with one system call instead
 * of one per entry (the per-file results of an audit: thousands of small entries). Each entry in it
 * is still checked on its own (its parts' lengths and digests): a damaged entry is ignored and
 * counted, the others are used; a pack whose header does not match (another format, kind or key)
 * is ignored whole. The caller writes the pack again when anything in it was unusable.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CACHE_FORMAT = 'goready-cache-1';
export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;
/** An entry larger than this is not written (a pathological file's result is cheaper to recompute than to keep). */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
/** A pack never holds more than this share of the cache's bound (entries past it are left out). */
export const PACK_SHARE = 0.25;
const KEY_RE = /^[0-9a-f]{64}$/;
const DAY_MS = 86_400_000;

/** `$GOREADY_CACHE/results`, else `$XDG_CACHE_HOME/goready/results`, else `~/.cache/goready/results`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GOREADY_CACHE) return path.join(path.resolve(env.GOREADY_CACHE), 'results');
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'goready', 'results');
}

/** SHA-256 of the parts, separated so that ('ab','c') and ('a','bc') differ. */
export function cacheKey(...parts: (string | number | undefined)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p === undefined ? '\u0001' : `\u0002${String(p)}`).update('\u0000');
  return h.digest('hex');
}

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** Entries found with a bad header or digest (ignored, then rewritten). */
  rejected: number;
  evicted: number;
}

export type CacheKind = 'file' | 'repo' | 'index';
const KINDS = ['file', 'repo', 'index', 'pack'] as const;

/** One entry of a pack: its key and its parts (each stored with its length and SHA-256 digest). */
export interface PackEntry {
  key: string;
  parts: Buffer[];
  /** The parts' digests (hex), as checked when the pack was read or computed when the entry was made. */
  digests: string[];
}

/** A pack entry of these parts, with their digests. */
export function packEntry(key: string, parts: Buffer[]): PackEntry {
  return { key, parts, digests: parts.map((p) => createHash('sha256').update(p).digest('hex')) };
}

const MAX_PARTS = 16;

/**
 * The entries of a pack file's bytes. Whole-pack header: `<format> pack <key> <count>`; then per
 * entry a line `<key> <n> <len1> <digest1> … <lenN> <digestN>` and the parts' bytes. An entry whose
 * digest does not match is skipped (counted in `rejected`); a framing error (a length past the end,
 * a malformed line) ends the reading there, the entries before it are kept.
 */
export function parsePack(buf: Buffer, key: string): { entries: Map<string, PackEntry>; rejected: number } | undefined {
  const entries = new Map<string, PackEntry>();
  let nl = buf.indexOf(10);
  const header = nl > 0 && nl < 256 ? buf.toString('latin1', 0, nl).split(' ') : [];
  if (header.length !== 4 || header[0] !== CACHE_FORMAT || header[1] !== 'pack' || header[2] !== key || !/^\d{1,9}$/.test(header[3]!)) return undefined;
  const count = Number(header[3]);
  let rejected = 0;
  let at = nl + 1;
  for (let i = 0; i < count; i++) {
    nl = buf.indexOf(10, at);
    if (nl < 0 || nl - at > 70 + MAX_PARTS * 76) return { entries, rejected: rejected + count - i };
    const f = buf.toString('latin1', at, nl).split(' ');
    const n = Number(f[1]);
    if (!KEY_RE.test(f[0] ?? '') || !Number.isInteger(n) || n < 1 || n > MAX_PARTS || f.length !== 2 + 2 * n) return { entries, rejected: rejected + count - i };
    at = nl + 1;
    const parts: Buffer[] = [];
    const digests: string[] = [];
    let ok = true;
    for (let j = 0; j < n; j++) {
      const len = Number(f[2 + 2 * j]);
      const digest = f[3 + 2 * j]!;
      if (!/^\d{1,10}$/.test(f[2 + 2 * j]!) || at + len > buf.length || !KEY_RE.test(digest)) return { entries, rejected: rejected + count - i };
      const part = buf.subarray(at, at + len);
      at += len;
      if (ok && createHash('sha256').update(part).digest('hex') !== digest) ok = false;
      parts.push(part);
      digests.push(digest);
    }
    if (ok && !entries.has(f[0]!)) entries.set(f[0]!, { key: f[0]!, parts, digests });
    else rejected++;
  }
  if (at !== buf.length) rejected++; // trailing bytes: a foreign or damaged tail (the entries read are checked)
  return { entries, rejected };
}

/** The bytes of a pack of these entries (those past `maxBytes` left out). */
export function serializePack(key: string, entries: Iterable<PackEntry>, maxBytes = Infinity): Buffer {
  const chunks: Buffer[] = [];
  let size = 0;
  let count = 0;
  for (const e of entries) {
    if (!KEY_RE.test(e.key) || !e.parts.length || e.parts.length > MAX_PARTS) continue;
    const line = Buffer.from(`${e.key} ${e.parts.length} ${e.parts.map((p, j) => `${p.length} ${e.digests[j]}`).join(' ')}\n`, 'latin1');
    const bytes = line.length + e.parts.reduce((n, p) => n + p.length, 0);
    if (size + bytes > maxBytes) continue;
    size += bytes;
    count++;
    chunks.push(line, ...e.parts);
  }
  return Buffer.concat([Buffer.from(`${CACHE_FORMAT} pack ${key} ${count}\n`, 'latin1'), ...chunks]);
}

export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0, rejected: 0, evicted: 0 };
  /** Bytes this run added to the directory (a replaced file counts by how much it grew). */
  private written = 0;
  private wroteAny = false;
  private disabled = false;

  constructor(readonly dir: string, readonly maxBytes: number = DEFAULT_CACHE_MAX_BYTES) {}

  private entryPath(kind: CacheKind | 'pack', key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.${kind === 'pack' ? 'pack' : 'json'}`);
  }

  /** Reads a file of the cache (refreshing its use time at most once a day); undefined when absent or not a regular file of a sane size. */
  private readEntry(file: string, maxBytes: number): Buffer | undefined {
    let buf: Buffer;
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || st.size > maxBytes) { this.stats.rejected++; return undefined; }
      buf = fs.readFileSync(file);
      if (Date.now() - st.mtimeMs > DAY_MS) {
        const now = new Date();
        try { fs.utimesSync(file, now, now); } catch { /* read-only cache: still usable */ }
      }
    } catch {
      return undefined;
    }
    return buf;
  }

  /** The largest pack this cache writes. */
  get maxPackBytes(): number {
    return Math.floor(this.maxBytes * PACK_SHARE);
  }

  /**
   * The usable entries of the pack `key` (by entry key), or undefined when it is absent or foreign.
   * Each entry found damaged counts as rejected.
   */
  getPack(key: string): Map<string, PackEntry> | undefined {
    if (this.disabled || !KEY_RE.test(key)) return undefined;
    const buf = this.readEntry(this.entryPath('pack', key), this.maxPackBytes + 4096);
    if (!buf) return undefined;
    const read = parsePack(buf, key);
    if (!read) { this.stats.rejected++; return undefined; }
    this.stats.rejected += read.rejected;
    return read.entries;
  }

  /** Writes the pack `key` (replacing the previous one; entries past the pack bound are left out). */
  putPack(key: string, entries: Iterable<PackEntry>): void {
    if (this.disabled || !KEY_RE.test(key)) return;
    this.writeEntry(this.entryPath('pack', key), serializePack(key, entries, this.maxPackBytes));
  }

  /** Writes a file of the cache through a temporary file and a rename; counts what it adds to the directory. */
  private writeEntry(file: string, data: Buffer): void {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      let before = 0;
      try { before = fs.lstatSync(file).size; } catch { /* new */ }
      fs.writeFileSync(tmp, data, { mode: 0o600 });
      fs.renameSync(tmp, file);
      this.stats.writes++;
      this.written += Math.max(0, data.length - before);
      this.wroteAny = true;
    } catch {
      try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
      // an unwritable cache (read-only, full disk) must not fail the audit: stop trying
      this.disabled = true;
    }
  }

  /** The entry's value, or undefined when absent, unreadable, foreign or corrupt. */
  get(kind: CacheKind, key: string): unknown {
    if (this.disabled || !KEY_RE.test(key)) return undefined;
    const buf = this.readEntry(this.entryPath(kind, key), MAX_ENTRY_BYTES + 256);
    if (!buf) {
      this.stats.misses++;
      return undefined;
    }
    const nl = buf.indexOf(10);
    const header = nl > 0 ? buf.subarray(0, nl).toString('latin1').split(' ') : [];
    const body = nl > 0 ? buf.subarray(nl + 1) : Buffer.alloc(0);
    if (header.length !== 4 || header[0] !== CACHE_FORMAT || header[1] !== kind || header[2] !== key
      || header[3] !== createHash('sha256').update(body).digest('hex')) {
      this.stats.rejected++;
      this.stats.misses++;
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(body.toString('utf8'));
      this.stats.hits++;
      return value;
    } catch {
      this.stats.rejected++;
      this.stats.misses++;
      return undefined;
    }
  }

  /** Stores a value (written to a temporary file, then renamed: readers never see half an entry). */
  put(kind: CacheKind, key: string, value: unknown): void {
    if (this.disabled || !KEY_RE.test(key)) return;
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    if (body.length > MAX_ENTRY_BYTES) return;
    const header = Buffer.from(`${CACHE_FORMAT} ${kind} ${key} ${createHash('sha256').update(body).digest('hex')}\n`, 'latin1');
    this.writeEntry(this.entryPath(kind, key), Buffer.concat([header, body]));
  }

  /**
   * Keeps the directory under its bound. The directory is measured only when this run wrote
   * something and the size noted by the last measurement plus what was written since could pass it.
   */
  finish(): void {
    if (!this.wroteAny) return;
    const noteFile = path.join(this.dir, 'size');
    let noted = 0;
    try { noted = Number(fs.readFileSync(noteFile, 'utf8')) || 0; } catch { /* first run */ }
    let total = noted + this.written;
    if (total > this.maxBytes) total = this.evict();
    try { fs.writeFileSync(noteFile, String(total)); } catch { /* read-only */ }
    this.written = 0;
    this.wroteAny = false;
  }

  /** Deletes least recently used entries until the directory holds at most 3/4 of the bound; returns the size left. */
  evict(): number {
    const entries: { file: string; size: number; mtime: number }[] = [];
    for (const kind of KINDS) {
      const kindDir = path.join(this.dir, kind);
      let shards: string[] = [];
      try { shards = fs.readdirSync(kindDir); } catch { continue; }
      for (const shard of shards) {
        const d = path.join(kindDir, shard);
        let names: string[] = [];
        try { names = fs.readdirSync(d); } catch { continue; }
        for (const n of names) {
          const file = path.join(d, n);
          try {
            const st = fs.lstatSync(file);
            if (st.isFile()) entries.push({ file, size: st.size, mtime: st.mtimeMs });
          } catch { /* removed meanwhile */ }
        }
      }
    }
    let total = entries.reduce((n, e) => n + e.size, 0);
    if (total <= this.maxBytes) return total;
    const target = Math.floor(this.maxBytes * 0.75);
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const e of entries) {
      if (total <= target) break;
      try { fs.rmSync(e.file, { force: true }); total -= e.size; this.stats.evicted++; } catch { /* keep counting */ }
    }
    return total;
  }
}
