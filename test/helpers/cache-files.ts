/** Helpers of the result-cache tests (test/result-cache.test.ts, test/result-cache-inputs.test.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/report/model.js';

/** A new, empty cache directory. */
export function cacheDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'goready-cache-dir-'));
}

/** The report without what differs between any two runs (start time, duration). */
export function stable(r: Report): string {
  return JSON.stringify({ ...r, startedAt: '', durationMs: 0 });
}

function filesEndingWith(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Single entries (repo-level steps, facts, the stat index). */
export const allEntries = (dir: string) => filesEndingWith(dir, '.json');
/** Packs (the per-file results of an audit). */
export const allPacks = (dir: string) => filesEndingWith(dir, '.pack');
