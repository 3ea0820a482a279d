/**
 * The result cache: content-addressed entries on disk, one file each, so that a re-run reuses what
 * an earlier audit computed. Keys are SHA-256 digests of everything an entry depends on (see
 * `cacheKey`); the caller builds them. Every entry starts with a header naming the format, the
 * kind, the key and a digest of the body: an entry whose header or digest does not match (a torn
 * write, a foreign or corrupted file) is ignored, counted, and rewritten by the caller's next `put`.
 * The directory is bounded: when it grows over `maxBytes`, the least recently used entries (by
 * mtime, refreshed on use at most once a day) are deleted down to three quarters of the bound.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CACHE_FORMAT = 'goready-cache-1';
export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;
/** An entry larger than this is not written (a pathological file's result is cheaper to recompute than to keep). */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
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

export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0, rejected: 0, evicted: 0 };
  private written = 0;
  private disabled = false;

  constructor(readonly dir: string, readonly maxBytes: number = DEFAULT_CACHE_MAX_BYTES) {}

  private entryPath(kind: CacheKind, key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
  }

  /** The entry's value, or undefined when absent, unreadable, foreign or corrupt. */
  get(kind: CacheKind, key: string): unknown {
    if (this.disabled || !/^[0-9a-f]{64}$/.test(key)) return undefined;
    const file = this.entryPath(kind, key);
    let buf: Buffer;
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || st.size > MAX_ENTRY_BYTES + 256) { this.stats.rejected++; this.stats.misses++; return undefined; }
      buf = fs.readFileSync(file);
      if (Date.now() - st.mtimeMs > DAY_MS) {
        const now = new Date();
        try { fs.utimesSync(file, now, now); } catch { /* read-only cache: still usable */ }
      }
    } catch {
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
    if (this.disabled || !/^[0-9a-f]{64}$/.test(key)) return;
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    if (body.length > MAX_ENTRY_BYTES) return;
    const header = Buffer.from(`${CACHE_FORMAT} ${kind} ${key} ${createHash('sha256').update(body).digest('hex')}\n`, 'latin1');
    const file = this.entryPath(kind, key);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, Buffer.concat([header, body]), { mode: 0o600 });
      fs.renameSync(tmp, file);
      this.stats.writes++;
      this.written += header.length + body.length;
    } catch {
      try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
      // an unwritable cache (read-only, full disk) must not fail the audit: stop trying
      this.disabled = true;
    }
  }

  /**
   * Keeps the directory under its bound. The directory is measured only when this run wrote
   * something and the size noted by the last measurement plus what was written since could pass it.
   */
  finish(): void {
    if (!this.written) return;
    const noteFile = path.join(this.dir, 'size');
    let noted = 0;
    try { noted = Number(fs.readFileSync(noteFile, 'utf8')) || 0; } catch { /* first run */ }
    let total = noted + this.written;
    if (total > this.maxBytes) total = this.evict();
    try { fs.writeFileSync(noteFile, String(total)); } catch { /* read-only */ }
    this.written = 0;
  }

  /** Deletes least recently used entries until the directory holds at most 3/4 of the bound; returns the size left. */
  evict(): number {
    const entries: { file: string; size: number; mtime: number }[] = [];
    for (const kind of ['file', 'repo', 'index'] as const) {
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
