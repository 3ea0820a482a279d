/**
 * Walks a repository: honours .gitignore files (nested ones too, via the `ignore` package) for
 * the files git does not track (a committed file is part of the repository whatever .gitignore
 * says: the root's git index is read, see git-index.ts),
 * skips vendor/, testdata/, node_modules/, .git/ by default, follows symlinked directories
 * once (never into a loop) and only when they stay inside the root, and lists Go files and go.mod
 * files. Links whose target leaves the root are reported by their own path and never followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Diagnostic } from '../core/types.js';
import { ContainedReader, type SafeReadError } from '../core/safe-read.js';
import { trackedPaths } from './git-index.js';

export const DEFAULT_SKIP_DIRS = ['vendor', 'testdata', 'node_modules', '.git'];

export interface WalkOptions {
  /** Directory names skipped anywhere below the root. */
  skipDirs?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Extra ignore patterns (gitignore syntax, relative to the root). */
  exclude?: string[];
  /** Upper bound on directories visited, a guard against pathological trees. */
  maxDirs?: number;
  /** Directories nested deeper than this below the root are not walked (default 256). */
  maxDepth?: number;
  /** Reader bound to the root (links leaving it are refused); one is made when absent. */
  reader?: ContainedReader;
}

/** The byte cap on a .gitignore file. */
export const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** The diagnostic code for a refused read. */
export function diagnosticCodeFor(reason: SafeReadError): string {
  switch (reason) {
    case 'outside-root': return 'link-outside-root';
    case 'not-regular': return 'special-file';
    case 'too-large': return 'file-too-large';
    case 'link-loop': return 'symlink-loop';
    default: return 'unreadable-file';
  }
}

/** Real repositories stay far below this; each level costs path handling proportional to its depth. */
export const DEFAULT_MAX_DIR_DEPTH = 256;

export interface WalkedFile {
  abs: string;
  /** Relative to the root, forward slashes. */
  rel: string;
}

export interface WalkResult {
  root: string;
  goFiles: WalkedFile[];
  /** go.mod files found (relative dirs, '' for the root). */
  goModDirs: string[];
  /** Every other regular file (for repo-level facts). */
  otherFiles: WalkedFile[];
  diagnostics: Diagnostic[];
  dirsVisited: number;
}

interface IgnoreLayer {
  base: string; // relative dir of the .gitignore, '' for root
  ig: Ignore;
}

function toRel(p: string): string {
  return p.split(path.sep).join('/');
}

export function walkRepo(root: string, opts: WalkOptions = {}): WalkResult {
  const skip = new Set(opts.skipDirs ?? DEFAULT_SKIP_DIRS);
  const useGitignore = opts.gitignore ?? true;
  const maxDirs = opts.maxDirs ?? 500_000;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DIR_DEPTH;
  const result: WalkResult = { root, goFiles: [], goModDirs: [], otherFiles: [], diagnostics: [], dirsVisited: 0 };
  const extra = opts.exclude?.length ? ignore().add(opts.exclude) : undefined;
  const seenReal = new Set<string>();
  const reader = opts.reader ?? new ContainedReader(root);

  // .gitignore hides untracked files only: what the index lists (or a directory holding some of it) is walked. The
  // index is read the first time a .gitignore rule matches (a repository whose rules match nothing never reads it).
  let tracked: ReturnType<typeof trackedPaths> | null = useGitignore ? null : undefined;
  const isTracked = (rel: string, isDir: boolean): boolean => {
    if (tracked === null) tracked = trackedPaths(root, reader);
    return !!tracked && (isDir ? tracked.dir(rel) : tracked.file(rel));
  };
  const ignored = (rel: string, isDir: boolean, layers: IgnoreLayer[]): boolean => {
    const probe = isDir ? `${rel}/` : rel;
    if (extra && extra.ignores(probe)) return true;
    for (const layer of layers) {
      const sub = layer.base ? probe.slice(layer.base.length + 1) : probe;
      if (sub && layer.ig.ignores(sub)) return !isTracked(rel, isDir);
    }
    return false;
  };

  const visit = (absDir: string, relDir: string, layers: IgnoreLayer[], depth = 0): void => {
    if (result.dirsVisited >= maxDirs) return;
    if (depth > maxDepth) {
      result.diagnostics.push({ level: 'warning', code: 'walk-depth-limit', file: absDir, message: `directories nested deeper than ${maxDepth} levels: not walked further` });
      return;
    }
    const resolved = reader.resolve(absDir);
    if (!('real' in resolved)) {
      result.diagnostics.push({ level: 'warning', code: resolved.reason === 'outside-root' ? 'link-outside-root' : 'unreadable-dir', file: absDir,
        message: resolved.reason === 'outside-root' ? 'directory link to a target outside the audited root: not walked' : `cannot resolve directory (${resolved.message})` });
      return;
    }
    const real = resolved.real;
    if (seenReal.has(real)) {
      result.diagnostics.push({ level: 'info', code: 'symlink-loop', file: absDir, message: 'directory already visited through another path (symlink loop or duplicate link): not walked again' });
      return;
    }
    seenReal.add(real);
    result.dirsVisited++;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch (e) {
      result.diagnostics.push({ level: 'warning', code: 'unreadable-dir', file: absDir, message: `cannot read directory (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    let here = layers;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const file = path.join(absDir, '.gitignore');
      const r = reader.read(file, { maxBytes: MAX_GITIGNORE_BYTES });
      if (r.ok) here = [...layers, { base: relDir, ig: ignore().add(r.buf.toString('utf8')) }];
      else result.diagnostics.push({ level: 'warning', code: diagnosticCodeFor(r.reason), file, message: `.gitignore not read: ${r.message}` });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const abs = path.join(absDir, ent.name);
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        const target = reader.resolve(abs);
        if (!('real' in target) && target.reason === 'outside-root') {
          result.diagnostics.push({ level: 'warning', code: 'link-outside-root', file: abs, message: 'symlink to a target outside the audited root: not followed' });
          continue;
        }
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          result.diagnostics.push({
            level: 'warning', code: code === 'ELOOP' ? 'symlink-loop' : 'broken-symlink', file: abs,
            message: code === 'ELOOP' ? 'symlink loop: not followed' : `broken symlink (${code}): skipped`,
          });
          continue;
        }
      }
      if (isDir) {
        if (skip.has(ent.name)) continue;
        if (ignored(rel, true, here)) continue;
        visit(abs, rel, here, depth + 1);
      } else if (isFile) {
        if (ignored(rel, false, here)) continue;
        const file = { abs, rel: toRel(rel) };
        if (ent.name.endsWith('.go')) result.goFiles.push(file);
        else {
          if (ent.name === 'go.mod') result.goModDirs.push(toRel(relDir));
          result.otherFiles.push(file);
        }
      }
    }
  };

  visit(root, '', []);
  if (result.dirsVisited >= maxDirs) {
    result.diagnostics.push({ level: 'warning', code: 'walk-limit', message: `stopped after ${maxDirs} directories` });
  }
  return result;
}

/** Assigns a relative file path to the deepest module directory containing it. */
export function moduleFor(rel: string, moduleDirs: string[]): string | undefined {
  let best: string | undefined;
  for (const d of moduleDirs) {
    if (d === '' || rel === d || rel.startsWith(`${d}/`)) {
      if (best === undefined || d.length > best.length) best = d;
    }
  }
  return best;
}
