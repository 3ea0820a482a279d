/**
 * `goready vulndb update`: downloads the Go vulnerability database in the vuln.go.dev v1 layout
 * (index/db.json, index/modules.json, ID/<id>.json) into a local cache directory.
 *
 * Integrity: every entry must parse and pass the loader's checks, carry the id it was requested
 * under, carry the `modified` time the index lists for it, and affect the modules the index
 * lists it under; all listed ids must download. Anything else aborts the update and leaves the
 * previous cache untouched (the new copy is written aside and swapped in by rename). A stamp file
 * (goready-fetch.json) records the source, the database's last-modified time and the fetch time.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { checkEntry, type OsvEntry } from './vulndb.js';

export const DEFAULT_VULNDB_URL = 'https://vuln.go.dev';
export const FETCH_STAMP = 'goready-fetch.json';

export interface FetchStamp {
  source: string;
  /** index/db.json `modified`: when the database last changed. */
  modified: string;
  fetchedAt: string;
  entries: number;
}

export interface UpdateOptions {
  from?: string;
  dir: string;
  /** Download even when the cache already has this database version. */
  force?: boolean;
  concurrency?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface UpdateResult {
  status: 'updated' | 'up-to-date';
  dir: string;
  source: string;
  entries: number;
  modified: string;
  ms: number;
}

export class VulnDbUpdateError extends Error {}

/** Caps on one downloaded file: the real modules.json is ~1 MiB, an entry a few KiB. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_GUNZIPPED_BYTES = 256 * 1024 * 1024;

/** The response body, refused past MAX_RESPONSE_BYTES (read in chunks, never buffered whole first). */
async function readCapped(res: Response, url: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) throw new VulnDbUpdateError(`${url}: ${declared} bytes is over the ${MAX_RESPONSE_BYTES / 1048576} MiB limit`);
  if (!res.body) return Buffer.from(await res.arrayBuffer());
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new VulnDbUpdateError(`${url}: over the ${MAX_RESPONSE_BYTES / 1048576} MiB limit`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

async function getJson(url: string, opts: UpdateOptions): Promise<unknown> {
  const f = opts.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await f(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30000), headers: { 'accept-encoding': 'gzip' } });
  } catch (e) {
    throw new VulnDbUpdateError(`${url}: ${(e as Error).message}`);
  }
  if (res.status !== 200) throw new VulnDbUpdateError(`${url}: HTTP ${res.status}`);
  let buf = await readCapped(res, url);
  if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = zlib.gunzipSync(buf, { maxOutputLength: MAX_GUNZIPPED_BYTES });
    } catch (e) {
      throw new VulnDbUpdateError(`${url}: bad gzip data or over ${MAX_GUNZIPPED_BYTES / 1048576} MiB unpacked (${(e as Error).message})`);
    }
  }
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new VulnDbUpdateError(`${url}: invalid JSON (${(e as Error).message})`);
  }
}

export function readStamp(dir: string): FetchStamp | undefined {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, FETCH_STAMP), 'utf8')) as FetchStamp;
    return typeof s.modified === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

export async function updateVulnDb(opts: UpdateOptions): Promise<UpdateResult> {
  const t0 = performance.now();
  const source = (opts.from ?? DEFAULT_VULNDB_URL).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(source)) throw new VulnDbUpdateError(`--from ${source}: an http(s) URL is expected`);
  const dir = path.resolve(opts.dir);

  const db = (await getJson(`${source}/index/db.json`, opts)) as { modified?: unknown };
  if (!db || typeof db.modified !== 'string' || Number.isNaN(Date.parse(db.modified))) throw new VulnDbUpdateError(`${source}/index/db.json: no valid "modified" time`);
  const modified = db.modified;
  const old = readStamp(dir);
  if (!opts.force && old && old.source === source && old.modified === modified && fs.existsSync(path.join(dir, 'index', 'modules.json'))) {
    return { status: 'up-to-date', dir, source, entries: old.entries, modified, ms: performance.now() - t0 };
  }

  const modules = await getJson(`${source}/index/modules.json`, opts);
  if (!Array.isArray(modules)) throw new VulnDbUpdateError(`${source}/index/modules.json: not a list`);
  const expect = new Map<string, { modified?: string; modules: Set<string> }>();
  for (const m of modules as { path?: unknown; vulns?: unknown }[]) {
    if (!m || typeof m.path !== 'string' || !Array.isArray(m.vulns)) throw new VulnDbUpdateError(`${source}/index/modules.json: malformed module record`);
    for (const v of m.vulns as { id?: unknown; modified?: unknown }[]) {
      if (!v || typeof v.id !== 'string' || !/^[A-Za-z0-9][\w.-]*$/.test(v.id)) throw new VulnDbUpdateError(`${source}/index/modules.json: malformed id under ${m.path}`);
      const e = expect.get(v.id) ?? { modified: typeof v.modified === 'string' ? v.modified : undefined, modules: new Set<string>() };
      e.modules.add(m.path);
      expect.set(v.id, e);
    }
  }

  const entries = new Map<string, string>();
  const ids = [...expect.keys()];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < ids.length && !failed) {
      const id = ids[next++]!;
      let data: unknown;
      try {
        data = await getJson(`${source}/ID/${id}.json`, opts);
      } catch (e) {
        failed = true;
        throw e;
      }
      const problem = checkEntry(data);
      if (problem) { failed = true; throw new VulnDbUpdateError(`ID/${id}.json: ${problem}`); }
      const e = data as OsvEntry;
      const want = expect.get(id)!;
      const names = new Set(e.affected.map((a) => a.package.name));
      const bad = e.id !== id ? `holds entry ${e.id}`
        : want.modified && e.modified !== want.modified ? `modified ${e.modified} but the index says ${want.modified} (inconsistent mirror)`
          : [...want.modules].filter((m) => !names.has(m)).map((m) => `does not affect ${m}, which the index lists it under`)[0];
      if (bad) { failed = true; throw new VulnDbUpdateError(`ID/${id}.json: ${bad}`); }
      entries.set(id, JSON.stringify(e));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 16, ids.length)) }, worker));

  // write aside, then swap in
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'index'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'ID'));
  fs.writeFileSync(path.join(tmp, 'index', 'db.json'), JSON.stringify({ modified }));
  fs.writeFileSync(path.join(tmp, 'index', 'modules.json'), JSON.stringify(modules));
  for (const [id, text] of entries) fs.writeFileSync(path.join(tmp, 'ID', `${id}.json`), text);
  const stamp: FetchStamp = { source, modified, fetchedAt: new Date().toISOString(), entries: entries.size };
  fs.writeFileSync(path.join(tmp, FETCH_STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const prev = `${dir}.old-${process.pid}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, prev);
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    if (fs.existsSync(prev)) fs.renameSync(prev, dir);
    throw e;
  }
  fs.rmSync(prev, { recursive: true, force: true });
  return { status: 'updated', dir, source, entries: entries.size, modified, ms: performance.now() - t0 };
}
