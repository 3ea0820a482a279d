/**
 * The key of evidence given to the audit from outside the repository (an `evidence` input of a
 * fact provider, src/facts/fact-provider.ts): a file by its content and modification time (a
 * saved profile's time is its sample's time), a directory by the names, times and contents of
 * the files under it, a live service (an http(s) URL) as different on every run — runtime
 * evidence is never the same twice. Files are hashed in chunks: a built image may be gigabytes.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const CHUNK_BYTES = 1024 * 1024;
/** Entries of a directory of evidence hashed (saved profiles: a few hundred at most). */
const MAX_DIR_ENTRIES = 10_000;
const MAX_DIR_DEPTH = 8;

export function isLiveSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

function hashFile(file: string, h: Hash): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    for (let n = fs.readSync(fd, buf, 0, CHUNK_BYTES, null); n > 0; n = fs.readSync(fd, buf, 0, CHUNK_BYTES, null)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

function hashDir(dir: string, h: Hash, depth: number, budget: { left: number }): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (budget.left-- <= 0) {
      h.update('\0truncated');
      return;
    }
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (depth < MAX_DIR_DEPTH) {
        h.update(`dir:${e.name}\0`);
        hashDir(p, h, depth + 1, budget);
      }
    } else if (e.isFile()) {
      h.update(`file:${e.name}\0${fs.statSync(p).mtimeMs}\0`);
      hashFile(p, h);
    }
  }
}

/** The key of one evidence source; `liveNonce` is unique to the run. Never throws. */
export function evidenceSourceKey(source: string, liveNonce: string): string {
  if (isLiveSource(source)) return `live:${source}\0${liveNonce}`;
  const abs = path.resolve(source);
  try {
    const st = fs.statSync(abs);
    const h = createHash('sha256');
    if (st.isDirectory()) hashDir(abs, h, 0, { left: MAX_DIR_ENTRIES });
    else if (st.isFile()) {
      h.update(`${st.mtimeMs}\0`);
      hashFile(abs, h);
    } else return `${abs}\0special`;
    return `${abs}\0${h.digest('hex')}`;
  } catch (e) {
    return `${abs}\0error:${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
}
