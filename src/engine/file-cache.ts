/**
 * Per-file analysis results in the result cache. A result is keyed by the file's content digest
 * and everything else its analysis reads: goready's build, the enabled file rules, the file's
 * path (role, test file), the module copy holding it (a go.mod replace: its role), its module (path, directory, Go version), the size limit and the
 * per-file time budget. Which
 * digest a file has now is known without reading it when its `lstat` matches the stat index of
 * the last run (like git's index); a file whose stat changed, or whose mtime was too close to the
 * moment it was read to rule out a later edit in the same tick ("racy"), is read and hashed again.
 * Files never seen before are not read here at all: their analysis hashes them.
 *
 * The results of one audit (one root, one build and rule set) are kept in one pack
 * (ResultCache.getPack): read at once, each entry checked on its own, written again when a result
 * was added or one in it went unused (a file changed or gone). An entry has three parts: the result
 * without its code facts, the code facts without call sites, and the call sites (most of the bytes);
 * the code facts stay JSON text until something reads them, the call sites until they are read in
 * turn (a warm run reads few: the repo-level work that uses them is mostly replayed from the cache). A fourth part
 * holds the file's upper-case words (AnalyzeResult.upperWords), also read only when asked.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ContainedReader } from '../core/safe-read.js';
import type { AnalyzeRequest, AnalyzeResult } from './analyze-file.js';
import { codeFactsDigestOf, codeFactsTexts, type FileCodeFacts } from '../facts/code-facts.js';
import type { FileCallSites } from '../go/call-sites.js';
import type { RepoGoFile } from '../facts/repo-facts.js';
import { buildFingerprint } from '../cache/fingerprint.js';
import { cacheKey, CACHE_FORMAT, MAX_ENTRY_BYTES, packEntry, type PackEntry, type ResultCache } from '../cache/result-cache.js';

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
  return r.relPath === rel && typeof r.contentHash === 'string' && !('codeFacts' in r) && !('upperWords' in r)
    && ['findings', 'facts', 'diagnostics', 'directives', 'applicable', 'ruleErrors'].every((k) => Array.isArray(r[k]));
}

function isCodeFacts(v: unknown): v is FileCodeFacts {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return Array.isArray(c.imports) && Array.isArray(c.handlers) && Array.isArray(c.listens) && typeof c.shutdown === 'boolean';
}

/** Replaces, in place, every string equal to `from` by `to` (a parsed JSON value: plain objects and arrays). */
function replaceStrings(v: unknown, from: string, to: string): unknown {
  if (v === from) return to;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x === from) v[i] = to;
      else if (x && typeof x === 'object') replaceStrings(x, from, to);
    }
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === from) o[k] = to;
      else if (x && typeof x === 'object') replaceStrings(x, from, to);
    }
  }
  return v;
}

function isCallSites(v: unknown): v is FileCallSites {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return Array.isArray(c.funcs) && Array.isArray(c.calls) && Array.isArray(c.escapes);
}

/** Parsed JSON of a pack part, or undefined (text that is not JSON of the expected shape can only come from a foreign writer: the entry's digests matched). */
function parsePart<T>(text: Buffer, shape: (v: unknown) => v is T): T | undefined {
  try {
    const v: unknown = JSON.parse(text.toString('utf8'));
    return shape(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Code facts kept as their JSON texts until read (codeFactsTexts): the call sites, most of the
 * bytes, are parsed only when read in turn. `digest`: codeFactsDigest of them (undefined: none).
 */
class LazyCode {
  private value: FileCodeFacts | undefined;
  private text: Buffer | undefined;

  constructor(text: Buffer, private readonly callSitesText: Buffer, readonly digest: string | undefined) {
    this.text = text.length ? text : undefined;
  }

  get(): FileCodeFacts | undefined {
    if (!this.text) return this.value;
    const code = parsePart(this.text, isCodeFacts);
    this.text = undefined;
    if (!code) return undefined;
    if (this.callSitesText.length) {
      const text = this.callSitesText;
      let callSites: FileCallSites | undefined;
      let parsed = false;
      Object.defineProperty(code, 'callSites', {
        get: () => {
          if (!parsed) { callSites = parsePart(text, isCallSites); parsed = true; }
          return callSites;
        },
        enumerable: true,
        configurable: true,
      });
    }
    return (this.value = code);
  }
}

/** Code facts of results answered from the cache, and the digests of fresh results' code facts as this run serialised them. */
const lazyCodes = new WeakMap<AnalyzeResult, LazyCode>();
const freshCodeDigests = new WeakMap<AnalyzeResult, string>();

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Gives a repository Go file the code facts of its analysis result without reading them (those of
 * a cached result are parsed when first read), and their digest when known (RepoFacts.goFactsDigest).
 */
export function attachCodeFacts(file: RepoGoFile, r: AnalyzeResult): RepoGoFile {
  const lazy = lazyCodes.get(r);
  if (lazy) {
    Object.defineProperty(file, 'code', { get: () => lazy.get(), enumerable: true, configurable: true });
    file.codeDigest = lazy.digest ?? null;
  } else {
    file.code = r.codeFacts;
    const d = freshCodeDigests.get(r);
    if (d !== undefined || r.codeFacts === undefined) file.codeDigest = d ?? null;
  }
  return file;
}

export class FileResultCache {
  private readonly index: Map<string, IndexEntry>;
  private readonly indexKey: string;
  private readonly packKey: string;
  private readonly rulesKey: string;
  private readonly stats = new Map<string, fs.Stats>();
  private readonly reader: ContainedReader;
  /** The pack as read (entries by key), and the entries of this run's results (hits and fresh results). */
  private readonly pack: Map<string, PackEntry>;
  /** The pack was absent, foreign, or had damaged entries: it is written again. */
  private readonly packDamaged: boolean;
  private readonly next = new Map<string, PackEntry>();
  private packChanged = false;
  private indexChanged = false;
  /** Files answered from the cache in this run. */
  hits = 0;

  /** `budgetMs`: the per-file budget (`--file-timeout`; undefined: the default), part of every key. */
  constructor(private readonly cache: ResultCache, private readonly root: string, ruleIds: readonly string[], budgetMs?: number) {
    this.rulesKey = cacheKey(buildFingerprint(), budgetMs, ...[...ruleIds].sort());
    this.indexKey = cacheKey(CACHE_FORMAT, 'stat-index', root);
    this.packKey = cacheKey(CACHE_FORMAT, 'file-pack', root, this.rulesKey);
    const stored = cache.get('index', this.indexKey) as { root?: string; entries?: Record<string, IndexEntry> } | undefined;
    this.index = new Map(stored && stored.root === root && stored.entries && typeof stored.entries === 'object' ? Object.entries(stored.entries) : []);
    this.reader = new ContainedReader(root);
    // without a stat index no file's digest is known without reading it: nothing in a pack could be found
    const rejected = cache.stats.rejected;
    const pack = this.index.size ? cache.getPack(this.packKey) : undefined;
    this.packDamaged = !pack || cache.stats.rejected > rejected;
    this.pack = pack ?? new Map();
  }

  private key(req: AnalyzeRequest, digest: string): string {
    return cacheKey('file', this.rulesKey, req.relPath, req.moduleDir, req.modulePath, req.goVersion, req.maxFileSize, digest,
      req.localCopy ? JSON.stringify(req.localCopy) : undefined, req.experiment ? JSON.stringify(req.experiment) : undefined);
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
    const digest = sha256(read.buf);
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
    const key = this.key(req, digest);
    const entry = this.pack.get(key);
    if (!entry) { this.cache.stats.misses++; return undefined; }
    const restored = this.restore(entry, req, digest);
    if (!restored) { this.cache.stats.rejected++; this.cache.stats.misses++; return undefined; }
    this.cache.stats.hits++;
    this.next.set(key, entry);
    this.hits++;
    return restored;
  }

  private restore(entry: PackEntry, req: AnalyzeRequest, digest: string): AnalyzeResult | undefined {
    if (entry.parts.length !== 4) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(entry.parts[0]!.toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isResult(v, req.relPath) || v.contentHash !== digest) return undefined;
    const restored = replaceStrings(v, ABS, req.absPath) as AnalyzeResult;
    restored.absPath = req.absPath;
    const [, code, callSites, words] = entry.parts as [Buffer, Buffer, Buffer, Buffer];
    let upperWords: string | undefined;
    Object.defineProperty(restored, 'upperWords', { get: () => (upperWords ??= words.toString('utf8')), enumerable: true, configurable: true });
    const lazy = new LazyCode(code, callSites, code.length ? codeFactsDigestOf(entry.digests[1]!, callSites.length ? entry.digests[2]! : '') : undefined);
    lazyCodes.set(restored, lazy);
    Object.defineProperty(restored, 'codeFacts', { get: () => lazy.get(), enumerable: true, configurable: true });
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
      const { codeFacts: _code, upperWords, ...rest } = r;
      const main = Buffer.from(JSON.stringify(rest, (_k, x: unknown) => (x === r.absPath ? ABS : x)), 'utf8');
      const [code, callSites] = (r.codeFacts === undefined ? ['', ''] : codeFactsTexts(r.codeFacts)).map((t) => Buffer.from(t, 'utf8')) as [Buffer, Buffer];
      const words = Buffer.from(upperWords ?? '', 'utf8');
      if (main.length + code.length + callSites.length + words.length > MAX_ENTRY_BYTES) continue;
      const entry = packEntry(this.key(req, r.contentHash!), [main, code, callSites, words]);
      if (r.codeFacts !== undefined) freshCodeDigests.set(r, codeFactsDigestOf(entry.digests[1]!, callSites.length ? entry.digests[2]! : ''));
      this.next.set(entry.key, entry);
      this.packChanged = true;
    }
  }

  /** Writes the stat index and the pack when they changed (files gone from the walk are dropped from both). */
  save(walked: readonly AnalyzeRequest[]): void {
    const keep = new Set(walked.map((r) => r.relPath));
    for (const rel of [...this.index.keys()]) if (!keep.has(rel)) { this.index.delete(rel); this.indexChanged = true; }
    if (this.indexChanged) this.cache.put('index', this.indexKey, { root: this.root, entries: Object.fromEntries(this.index) });
    // unchanged: the pack was sound, every entry of it was used and none was added
    if (this.next.size && (this.packChanged || this.packDamaged || this.pack.size !== this.next.size)) this.cache.putPack(this.packKey, this.next.values());
  }
}
