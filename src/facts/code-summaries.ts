/**
 * Repo-level facts of the Go code, gathered from the per-file code facts (src/facts/code-facts.ts)
 * the engine collects while analysing each file: HTTP handler paths, listen addresses, and the
 * directories holding a package main. Each is one provider reading only the Go files' facts (the
 * names of images built from this repository also read the modules and the root's name).
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import { defineProvider, factInput, factKey, goFilesInput, modulesInput } from './fact-provider.js';
import { packageImportPath } from '../core/module-owner.js';

export const HANDLER_PATHS = factKey<{ file: string; path: string; line: number }[]>('code:handlers');
export const LISTEN_ADDRESSES = factKey<{ file: string; addr: string; line: number; via: string }[]>('code:listens');
export const MAIN_PACKAGE_DIRS = factKey<string[]>('code:mains');
export const SHIPPED_MAIN_PACKAGE_DIRS = factKey<string[]>('code:shipped-mains');
/** Repository / module / main-package names (lower case) an image built from this repository would carry. */
export const OWN_IMAGE_NAMES = factKey<string[]>('code:own-image-names');

/**
 * The module's request builders by import path and name (`example.com/app/util/request.New`): functions that build an
 * outgoing HTTP request from their parameters (src/go/request-builders.ts), in production files.
 */
type ModuleFunctions = Record<string, { params: number[]; variadic: boolean }>;
/** Also the module's request-body carriers (`MarshalJSON(data any) io.Reader`: the result is computed from the parameters). */
export const REQUEST_BUILDERS = factKey<{ builders: ModuleFunctions; carriers: ModuleFunctions }>('code:request-builders');

function requestBuilders(repo: RepoFacts): { builders: ModuleFunctions; carriers: ModuleFunctions } {
  const builders: ModuleFunctions = {};
  const carriers: ModuleFunctions = {};
  for (const f of repo.goFiles) {
    if (f.isTest || (!f.code?.requestBuilders?.length && !f.code?.requestCarriers?.length)) continue;
    const mod = repo.modules.find((m) => m.dir === (f.module ?? ''));
    const dir = path.posix.dirname(f.rel);
    const importPath = mod?.path ? packageImportPath(mod.path, mod.dir, dir === '.' ? '' : dir) : undefined;
    if (!importPath) continue;
    for (const b of f.code.requestBuilders ?? []) builders[`${importPath}.${b.name}`] = { params: b.params, variadic: b.variadic };
    for (const b of f.code.requestCarriers ?? []) carriers[`${importPath}.${b.name}`] = { params: b.params, variadic: b.variadic };
  }
  return { builders, carriers };
}

export const GENERIC_DIRS = new Set(['main', 'cmd', 'app', 'server', 'client', 'tools', 'tool', 'test', 'tests', 'example', 'examples', 'hack', 'scripts', 'internal', 'src', '.']);

function ownImageNames(repo: RepoFacts): string[] {
  const names = new Set<string>();
  const add = (s: string | undefined) => { if (s && !GENERIC_DIRS.has(s.toLowerCase())) names.add(s.toLowerCase()); };
  add(path.basename(repo.root));
  for (const m of repo.modules) {
    const segs = (m.path ?? '').split('/').filter((s) => !/^v\d+$/.test(s));
    if (segs.length > 1) add(segs[segs.length - 1]);
  }
  for (const d of repo.fact(MAIN_PACKAGE_DIRS)) add(path.posix.basename(d));
  return [...names];
}

const mainDirs = (repo: RepoFacts, shippedOnly: boolean): string[] => [...new Set(repo.goFiles
  .filter((f) => f.packageName === 'main' && !f.isTest && (!shippedOnly || (f.role ?? 'production') === 'production'))
  .map((f) => path.posix.dirname(f.rel)))].sort();

export const codeSummaryProviders = [
  defineProvider({
    provides: HANDLER_PATHS,
    reads: [goFilesInput],
    cacheable: true,
    compute: (repo) => repo.goFiles.filter((f) => !f.isTest).flatMap((f) => (f.code?.handlers ?? []).map((h) => ({ file: f.rel, ...h }))),
  }),
  defineProvider({
    provides: LISTEN_ADDRESSES,
    reads: [goFilesInput],
    cacheable: true,
    compute: (repo) => repo.goFiles.filter((f) => !f.isTest).flatMap((f) => (f.code?.listens ?? []).map((l) => ({ file: f.rel, ...l }))),
  }),
  defineProvider({ provides: MAIN_PACKAGE_DIRS, reads: [goFilesInput], cacheable: true, compute: (repo) => mainDirs(repo, false) }),
  defineProvider({ provides: SHIPPED_MAIN_PACKAGE_DIRS, reads: [goFilesInput], cacheable: true, compute: (repo) => mainDirs(repo, true) }),
  defineProvider({ provides: REQUEST_BUILDERS, reads: [goFilesInput, modulesInput], cacheable: true, compute: requestBuilders }),
  defineProvider({ provides: OWN_IMAGE_NAMES, reads: [modulesInput, factInput(MAIN_PACKAGE_DIRS)], cacheable: true, compute: ownImageNames }),
];
