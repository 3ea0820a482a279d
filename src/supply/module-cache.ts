/**
 * Reads what the local Go module cache knows about a module without the network: the versions
 * downloaded and the go.mod of each (`$GOMODCACHE/cache/download/<escaped path>/@v/<v>.mod`),
 * whose `retract` directives say which versions the author withdrew.
 */
import fs from 'node:fs';
import { readRegularFile } from '../core/safe-read.js';
import os from 'node:os';
import path from 'node:path';
import { parseGoMod } from '../go/gomod.js';
import { compareVersions, isValidVersion } from './go-version-order.js';

/** The module cache directory: GOMODCACHE, else the first GOPATH entry's pkg/mod, else ~/go/pkg/mod. */
export function moduleCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GOMODCACHE) return path.resolve(env.GOMODCACHE);
  const gopath = env.GOPATH?.split(path.delimiter).find(Boolean);
  return path.join(gopath ? path.resolve(gopath) : path.join(os.homedir(), 'go'), 'pkg', 'mod');
}

/** Module path case-encoding of the module cache: each upper-case letter becomes '!' + lower case. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

export interface Retraction {
  low: string;
  high: string;
  rationale?: string;
  /** The version whose go.mod declares it. */
  declaredIn: string;
}

/** Retractions declared by the newest go.mod of `modulePath` present in the cache; undefined when the cache has none. */
export function cachedRetractions(cacheDir: string, modulePath: string): Retraction[] | undefined {
  const dir = path.join(cacheDir, 'cache', 'download', escapeModulePath(modulePath), '@v');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.mod'));
  } catch {
    return undefined;
  }
  const versions = names.map((n) => n.slice(0, -4)).filter(isValidVersion).sort(compareVersions);
  const newest = versions[versions.length - 1];
  if (!newest) return undefined;
  const r = readRegularFile(path.join(dir, `${newest}.mod`), { maxBytes: 4 * 1024 * 1024 });
  if (!r.ok) return undefined;
  const text = r.buf.toString('utf8');
  const out: Retraction[] = [];
  for (const r of parseGoMod(text).retract) {
    const v = r.versions.trim();
    const range = /^\[\s*([^,\s]+)\s*,\s*([^\]\s]+)\s*\]$/.exec(v);
    if (range) out.push({ low: range[1]!, high: range[2]!, rationale: r.rationale, declaredIn: newest });
    else if (isValidVersion(v)) out.push({ low: v, high: v, rationale: r.rationale, declaredIn: newest });
  }
  return out;
}

export function isRetracted(version: string, retractions: Retraction[]): Retraction | undefined {
  return retractions.find((r) => compareVersions(version, r.low) >= 0 && compareVersions(version, r.high) <= 0);
}
