/**
 * Per-file analysis results in the result cache. A result is keyed by the file's content digest
 * and everything else its analysis reads: goready's build, the enabled file rules, the file's
 * path (role, test file), the module copy holding it (a go.mod replace: its role), its module (path, directory, Go version), the size limit and the
 * per-file time budget. Which
 * digest a file has now is known without reading it when its `lstat` matches the stat index of
 * the last run (like git's index); a file whose stat changed, or whose mtime was too close to the
 * moment it was read to rule out a later edit in the same tick ("racy"), is read and hashed again.
 * Files never seen before are not read here at all: their analysis hashes them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ContainedReader } from '../core/safe-read.js';
import type { AnalyzeRequest, AnalyzeResult } from './analyze-file.js';
import { buildFingerprint } from '../cache/fingerprint.js';
import { cacheKey, CACHE_FORMAT, type ResultCache } from '../cache/result-cache.js';

/** [size, mtimeMs, ctimeMs, ino, digest, racy] */
type IndexEntry = [number, number, number, number, string, 0 | 1];
const RACY_MS = 2000;
const ABS = '\u0000abs';

/** Results that depend on the clock or on a crash are never stored. */
function cacheable(r: AnalyzeResult): boolean {
  return !!r.contentHash && r.skipped === undefined
    && !r.diagnostics.some((d) => d.code === 'file-timeout' || d.code === 'internal-error');
}

function isResult(v: unknown, rel: string): v is AnalyzeResult {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return r.relPath === rel && typeof r.contentHash === 'string'
    && ['findings', 'facts', 'diagnostics', 'directives', 'applicable', 'ruleErrors'].every((k) => Array.isArray(r[k]));
}

export class FileResultCache {
  private readonly index: Map<string, IndexEntry>;
  private readonly indexKey: string;
  private readonly rulesKey: string;
  private readonly stats = new Map<string, fs.Stats>();
  private readonly reader: ContainedReader;
  private indexChanged = false;
  /** Files answered from the cache in this run. */
  hits = 0;

  /** `budgetMs`: the per-file budget (`--file-timeout`; undefined: the default), part of every key. */
  constructor(private readonly cache: ResultCache, private readonly root: string, ruleIds: readonly string[], budgetMs?: number) {
    this.rulesKey = cacheKey(buildFingerprint(), budgetMs, ...[...ruleIds].sort());
    this.indexKey = cacheKey(CACHE_FORMAT, 'stat-index', root);
    const stored = cache.get('index', this.indexKey) as { root?: string; entries?: Record<string, IndexEntry> } | undefined;
    this.index = new Map(stored && stored.root === root && stored.entries && typeof stored.entries === 'object' ? Object.entries(stored.entries) : []);
    this.reader = new ContainedReader(root);
  }

  private key(req: AnalyzeRequest, digest: string): string {
    return cacheKey('file', this.rulesKey, req.relPath, req.moduleDir, req.modulePath, req.goVersion, req.maxFileSize, digest,
      req.localCopy ? JSON.stringify(req.localCopy) : undefined);
  }

  /** The digest of the file's current content, when the index or a fresh read can tell it. */
  private digestOf(req: AnalyzeRequest): string | undefined {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(req.absPath);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined; // links and special files: analysed (and refused) as usual
    this.stats.set(req.absPath, st);
    const e = this.index.get(req.relPath);
    if (!e) return undefined; // never seen: its analysis will hash it
    if (!Array.isArray(e) || e.length !== 6 || typeof e[4] !== 'string') { this.index.delete(req.relPath); return undefined; }
    if (e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ctimeMs && e[3] === st.ino && !e[5]) return e[4];
    if (st.size > req.maxFileSize) return undefined;
    const read = this.reader.read(req.absPath, { maxBytes: req.maxFileSize });
    if (!read.ok) return undefined;
    const digest = createHash('sha256').update(read.buf).digest('hex');
    this.note(req.relPath, st, digest);
    return digest;
  }

  private note(rel: string, st: fs.Stats, digest: string): void {
    const racy: 0 | 1 = st.mtimeMs >= Date.now() - RACY_MS ? 1 : 0;
    const e = this.index.get(rel);
    if (e && e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ctimeMs && e[3] === st.ino && e[4] === digest && e[5] === racy) return;
    this.index.set(rel, [st.size, st.mtimeMs, st.ctimeMs, st.ino, digest, racy]);
    this.indexChanged = true;
  }

  /** The stored result of this file's current content, or undefined. */
  lookup(req: AnalyzeRequest): AnalyzeResult | undefined {
    const digest = this.digestOf(req);
    if (!digest) return undefined;
    const v = this.cache.get('file', this.key(req, digest));
    const restored = v && typeof v === 'object' ? (JSON.parse(JSON.stringify(v), (_k, x: unknown) => (x === ABS ? req.absPath : x)) as unknown) : undefined;
    if (!isResult(restored, req.relPath) || restored.contentHash !== digest) return undefined;
    restored.absPath = req.absPath;
    this.hits++;
    return restored;
  }

  /** Stores fresh results and notes their files' stat for the next run. */
  store(reqs: readonly AnalyzeRequest[], results: readonly AnalyzeResult[]): void {
    const byAbs = new Map(reqs.map((r) => [r.absPath, r]));
    for (const r of results) {
      const req = byAbs.get(r.absPath);
      if (!req || !cacheable(r)) continue;
      const st = this.stats.get(r.absPath);
      if (st && st.size === r.bytes) this.note(r.relPath, st, r.contentHash!);
      // the checkout's location is not part of a result: the same content elsewhere reuses it
      const portable = JSON.parse(JSON.stringify(r, (_k, x: unknown) => (x === r.absPath ? ABS : x))) as unknown;
      this.cache.put('file', this.key(req, r.contentHash!), portable);
    }
  }

  /** Writes the stat index when it changed (files gone from the walk are dropped from it). */
  save(walked: readonly AnalyzeRequest[]): void {
    const keep = new Set(walked.map((r) => r.relPath));
    for (const rel of [...this.index.keys()]) if (!keep.has(rel)) { this.index.delete(rel); this.indexChanged = true; }
    if (!this.indexChanged) return;
    this.cache.put('index', this.indexKey, { root: this.root, entries: Object.fromEntries(this.index) });
  }
}
