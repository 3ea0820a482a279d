/**
 * The Go vulnerability database, read offline in OSV format from a local directory. Two layouts:
 *
 * - a flat directory of entries, `GO-YYYY-NNNN.json` (as in golang/vulndb `data/osv`), all read
 *   and indexed by module path;
 * - the vuln.go.dev v1 layout: `index/db.json` ({modified}), `index/modules.json`
 *   ([{path, vulns: [{id, modified, fixed?}]}]), `ID/<id>.json` — entries are read lazily, only for
 *   the modules that are looked up.
 *
 * Every file may be plain or gzipped (`x.json.gz`). Broken files are skipped and listed in
 * `errors`; loading never throws for bad content (only `openVulnDb` for a missing directory).
 */
import fs from 'node:fs';
import { ContainedReader } from '../core/safe-read.js';
import path from 'node:path';
import zlib from 'node:zlib';
import type { OsvRange } from './go-version-order.js';

export interface OsvImport {
  path: string;
  /** Affected symbols: `Func` or `Type.Method`; absent means the whole package. */
  symbols?: string[];
  goos?: string[];
  goarch?: string[];
}

export interface OsvAffected {
  package: { name: string; ecosystem: string };
  ranges: OsvRange[];
  ecosystem_specific?: { imports?: OsvImport[] };
}

export interface OsvEntry {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  affected: OsvAffected[];
  database_specific?: { url?: string; review_status?: string };
}

export interface VulnDbInfo {
  /** Absolute path of the database directory. */
  path: string;
  layout: 'osv-dir' | 'v1';
  /** Number of entries (v1: listed in the index; osv-dir: loaded). */
  entries: number;
  /** Last modification of the database, when known (v1 `index/db.json`, else the newest entry `modified`; golang/vulndb `data/osv` files carry none). */
  modified?: string;
  /** Highest entry id, e.g. GO-2026-6249: a hint of freshness when dates are missing. */
  newestId?: string;
}

export interface VulnDb {
  info: VulnDbInfo;
  /** Entries affecting `modulePath` ('stdlib' and 'toolchain' for Go itself), withdrawn ones excluded. */
  entriesFor(modulePath: string): OsvEntry[];
  /** Module paths that have at least one entry. */
  modules(): Iterable<string>;
  /** Unreadable or malformed files (skipped). */
  readonly errors: string[];
}

const ENTRY_FILE = /^GO-\d{4}-\d{4,}\.json(\.gz)?$/;

/** Caps on one database file: 64 MiB as stored, 256 MiB once gunzipped (the real index is ~1 MiB). */
const MAX_DB_FILE_BYTES = 64 * 1024 * 1024;
const MAX_DB_GUNZIP_BYTES = 256 * 1024 * 1024;

/** Reads one database file: a regular file only (no FIFO, device or link out of the database), bounded. */
function readMaybeGz(file: string, dbRoot: string): string {
  const r = new ContainedReader(dbRoot, []).read(file, { maxBytes: MAX_DB_FILE_BYTES });
  if (!r.ok) throw Object.assign(new Error(r.message), { code: r.reason });
  const buf = r.buf;
  const gz = buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  return (gz ? zlib.gunzipSync(buf, { maxOutputLength: MAX_DB_GUNZIP_BYTES }) : buf).toString('utf8');
}

/** Reads `<base>` or `<base>.gz`, whichever exists; undefined when neither does. */
function readPlainOrGz(base: string, dbRoot: string): string | undefined {
  if (fs.existsSync(base)) return readMaybeGz(base, dbRoot);
  if (fs.existsSync(`${base}.gz`)) return readMaybeGz(`${base}.gz`, dbRoot);
  return undefined;
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

/** Validates the fields the matcher relies on; returns a problem or undefined. */
export function checkEntry(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return 'not a JSON object';
  const o = e as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id) return 'no id';
  if (!Array.isArray(o.affected)) return 'no affected list';
  for (const a of o.affected as unknown[]) {
    const aa = a as Record<string, unknown> | null;
    const pkg = aa?.package as Record<string, unknown> | undefined;
    if (!pkg || typeof pkg.name !== 'string') return 'affected[] without package.name';
    if (!Array.isArray(aa!.ranges)) return `affected ${pkg.name}: no ranges`;
    for (const r of aa!.ranges as unknown[]) {
      const rr = r as Record<string, unknown> | null;
      if (!rr || typeof rr.type !== 'string' || !Array.isArray(rr.events)) return `affected ${pkg.name}: malformed range`;
    }
    const imports = (aa!.ecosystem_specific as Record<string, unknown> | undefined)?.imports;
    if (imports !== undefined) {
      if (!Array.isArray(imports)) return `affected ${pkg.name}: imports is not a list`;
      for (const i of imports as unknown[]) {
        const ii = i as Record<string, unknown> | null;
        if (!ii || typeof ii.path !== 'string') return `affected ${pkg.name}: import without path`;
        if (ii.symbols !== undefined && !isStringArray(ii.symbols)) return `affected ${pkg.name}: symbols is not a list of strings`;
      }
    }
  }
  if (o.aliases !== undefined && !isStringArray(o.aliases)) return 'aliases is not a list of strings';
  return undefined;
}

function parseEntry(text: string, where: string, errors: string[]): OsvEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    errors.push(`${where}: invalid JSON (${(e as Error).message})`);
    return undefined;
  }
  const problem = checkEntry(data);
  if (problem) {
    errors.push(`${where}: ${problem}`);
    return undefined;
  }
  return data as OsvEntry;
}

function isRealDate(d: string | undefined): d is string {
  return !!d && !d.startsWith('0001-') && !Number.isNaN(Date.parse(d));
}

function newer(a: string | undefined, b: string | undefined): string | undefined {
  if (!isRealDate(b)) return a;
  if (!isRealDate(a)) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function idOrder(a: string, b: string): number {
  // GO-YYYY-NNNN: compare year then number
  const pa = /^GO-(\d+)-(\d+)$/.exec(a);
  const pb = /^GO-(\d+)-(\d+)$/.exec(b);
  if (pa && pb) return Number(pa[1]) - Number(pb[1]) || Number(pa[2]) - Number(pb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

class IndexedDb implements VulnDb {
  readonly errors: string[] = [];
  protected readonly byModule = new Map<string, OsvEntry[]>();
  constructor(readonly info: VulnDbInfo) {}

  add(e: OsvEntry): void {
    if (e.withdrawn) return;
    const seen = new Set<string>();
    for (const a of e.affected) {
      const name = a.package.name;
      if (a.package.ecosystem !== 'Go' || seen.has(name)) continue;
      seen.add(name);
      let list = this.byModule.get(name);
      if (!list) this.byModule.set(name, (list = []));
      list.push(e);
    }
  }

  entriesFor(modulePath: string): OsvEntry[] {
    return this.byModule.get(modulePath) ?? [];
  }

  modules(): Iterable<string> {
    return this.byModule.keys();
  }
}

function loadOsvDir(dir: string): VulnDb {
  const db = new IndexedDb({ path: dir, layout: 'osv-dir', entries: 0 });
  const names = fs.readdirSync(dir).filter((n) => ENTRY_FILE.test(n));
  for (const n of names) {
    let text: string;
    try {
      text = readMaybeGz(path.join(dir, n), dir);
    } catch (e) {
      db.errors.push(`${n}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const entry = parseEntry(text, n, db.errors);
    if (!entry) continue;
    db.info.entries++;
    db.info.modified = newer(db.info.modified, entry.modified);
    if (!db.info.newestId || idOrder(entry.id, db.info.newestId) > 0) db.info.newestId = entry.id;
    db.add(entry);
  }
  return db;
}

interface ModuleIndexItem { path: string; vulns: { id: string; modified?: string; fixed?: string }[] }

class V1Db implements VulnDb {
  readonly errors: string[] = [];
  private readonly index = new Map<string, string[]>();
  private readonly loaded = new Map<string, OsvEntry | null>();
  private readonly cache = new Map<string, OsvEntry[]>();
  readonly info: VulnDbInfo;

  constructor(dir: string) {
    this.info = { path: dir, layout: 'v1', entries: 0 };
    const dbText = this.read(path.join(dir, 'index', 'db.json'));
    if (dbText !== undefined) {
      try {
        const m = (JSON.parse(dbText) as { modified?: unknown }).modified;
        if (typeof m === 'string') this.info.modified = m;
      } catch (e) {
        this.errors.push(`index/db.json: invalid JSON (${(e as Error).message})`);
      }
    }
    const modText = this.read(path.join(dir, 'index', 'modules.json'));
    if (modText === undefined) {
      this.errors.push('index/modules.json: missing');
      return;
    }
    let items: unknown;
    try {
      items = JSON.parse(modText);
    } catch (e) {
      this.errors.push(`index/modules.json: invalid JSON (${(e as Error).message})`);
      return;
    }
    if (!Array.isArray(items)) {
      this.errors.push('index/modules.json: not a list');
      return;
    }
    const ids = new Set<string>();
    for (const it of items as ModuleIndexItem[]) {
      if (!it || typeof it.path !== 'string' || !Array.isArray(it.vulns)) continue;
      const list = it.vulns.map((v) => v?.id).filter((id): id is string => typeof id === 'string' && /^[\w.-]+$/.test(id));
      this.index.set(it.path, list);
      for (const id of list) ids.add(id);
    }
    this.info.entries = ids.size;
    for (const id of ids) if (!this.info.newestId || idOrder(id, this.info.newestId) > 0) this.info.newestId = id;
  }

  private read(base: string): string | undefined {
    try {
      return readPlainOrGz(base, this.info.path);
    } catch (e) {
      this.errors.push(`${path.relative(this.info.path, base)}: cannot read (${(e as Error).message})`);
      return undefined;
    }
  }

  private entry(id: string): OsvEntry | undefined {
    if (this.loaded.has(id)) return this.loaded.get(id) ?? undefined;
    const text = this.read(path.join(this.info.path, 'ID', `${id}.json`));
    let e: OsvEntry | undefined;
    if (text === undefined) this.errors.push(`ID/${id}.json: listed in index/modules.json but missing`);
    else e = parseEntry(text, `ID/${id}.json`, this.errors);
    this.loaded.set(id, e ?? null);
    return e;
  }

  entriesFor(modulePath: string): OsvEntry[] {
    const hit = this.cache.get(modulePath);
    if (hit) return hit;
    const ids = this.index.get(modulePath) ?? [];
    const out = ids.map((id) => this.entry(id)).filter((e): e is OsvEntry => !!e && !e.withdrawn && e.affected.some((a) => a.package.name === modulePath));
    this.cache.set(modulePath, out);
    return out;
  }

  modules(): Iterable<string> {
    return this.index.keys();
  }
}

/** Which layout a directory holds, or undefined when it is neither. */
export function detectLayout(dir: string): VulnDbInfo['layout'] | undefined {
  if (fs.existsSync(path.join(dir, 'index', 'modules.json')) || fs.existsSync(path.join(dir, 'index', 'modules.json.gz'))) return 'v1';
  try {
    if (fs.readdirSync(dir).some((n) => ENTRY_FILE.test(n))) return 'osv-dir';
  } catch {
    return undefined;
  }
  return undefined;
}

export class VulnDbError extends Error {}

/**
 * Opens a database directory (either layout). Throws VulnDbError when the directory is missing
 * or holds neither layout; bad entries are collected in `errors`.
 */
export function openVulnDb(dir: string): VulnDb {
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new VulnDbError(`vulnerability database ${abs}: no such directory`);
  }
  if (!st.isDirectory()) throw new VulnDbError(`vulnerability database ${abs}: not a directory`);
  const layout = detectLayout(abs);
  if (!layout) throw new VulnDbError(`vulnerability database ${abs}: neither GO-*.json entries nor index/modules.json (vuln.go.dev v1 layout) found`);
  return layout === 'v1' ? new V1Db(abs) : loadOsvDir(abs);
}

const dbCache = new Map<string, { db?: VulnDb; error?: string; stamp: number }>();

/** Directory modification stamp: a re-written database is read again in a long-lived process. */
function stampOf(dir: string): number {
  try {
    return fs.statSync(dir).mtimeMs;
  } catch {
    return -1;
  }
}

/** `openVulnDb` memoised per directory for the process (audits in tests and watch loops). Never throws. */
export function cachedVulnDb(dir: string): { db?: VulnDb; error?: string } {
  const abs = path.resolve(dir);
  const stamp = stampOf(abs);
  const hit = dbCache.get(abs);
  if (hit && hit.stamp === stamp) return hit;
  let res: { db?: VulnDb; error?: string; stamp: number };
  try {
    res = { db: openVulnDb(abs), stamp };
  } catch (e) {
    res = { error: (e as Error).message, stamp };
  }
  dbCache.set(abs, res);
  return res;
}

/** The URL of an entry's advisory page. */
export function advisoryUrl(e: OsvEntry): string {
  return e.database_specific?.url ?? `https://pkg.go.dev/vuln/${e.id}`;
}
