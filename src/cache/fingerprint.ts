/**
 * The fingerprint of this goready build: its version, the cache format, and the size and mtime of
 * every compiled module and of the Go grammar. Any rebuild or upgrade changes it, so cached results
 * of other rule code are never reused. Reads only file metadata (a few ms).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot, toolVersion } from '../core/tool-package.js';
import { CACHE_FORMAT } from './result-cache.js';

let fingerprint: string | undefined;

function addTree(h: ReturnType<typeof createHash>, dir: string, rel: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) addTree(h, abs, `${rel}${e.name}/`);
    else if (e.name.endsWith('.js') || e.name.endsWith('.wasm') || e.name.endsWith('.json')) {
      try {
        const st = fs.statSync(abs);
        h.update(`${rel}${e.name}\0${st.size}\0${st.mtimeMs}\n`);
      } catch { /* gone */ }
    }
  }
}

export function buildFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256').update(`${CACHE_FORMAT}\0${toolVersion()}\0`);
  addTree(h, path.join(packageRoot, 'dist', 'src'), '');
  try {
    const grammar = createRequire(import.meta.url).resolve('tree-sitter-go/tree-sitter-go.wasm');
    const st = fs.statSync(grammar);
    h.update(`grammar\0${st.size}\0${st.mtimeMs}\n`);
  } catch { /* the analysis will fail loudly on its own */ }
  fingerprint = h.digest('hex');
  return fingerprint;
}
