/**
 * The repository's package import graph, from the per-file imports of the code facts (src/facts/code-facts.ts): for
 * each package folder, the folders of the repository's packages its non-test files import. With the main package
 * folders it tells which programs of the repository a package is part of (`programsReaching`) and what a program
 * links (`packagesReached`), across the repository's modules (a main package importing another module of the
 * repository reaches that module's packages). Files excluded by a build constraint count as imported: the graph may
 * hold an edge a given build does not, never miss one a build has.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import { defineProvider, factKey, goFilesInput, modulesInput } from './fact-provider.js';
import { packageImportPath } from '../core/module-owner.js';

export interface PackageNode {
  /** The module folder of the package ('' for the root); absent outside any module. */
  module?: string;
  /** Folders of the repository's packages this one imports (non-test files). */
  imports: string[];
}

/** Package folder ('.' for the root) → its module and the repository packages it imports. */
export const PACKAGE_IMPORTS = factKey<Record<string, PackageNode>>('code:package-imports');

const dirOf = (rel: string): string => path.posix.dirname(rel);

export function packageImports(repo: RepoFacts): Record<string, PackageNode> {
  const files = repo.goFiles.filter((f) => !f.isTest);
  const modulePath = new Map(repo.modules.map((m) => [m.dir, m.path]));
  const folderOf = new Map<string, string>();
  const out: Record<string, PackageNode> = {};
  for (const f of files) {
    const dir = dirOf(f.rel);
    if (!out[dir]) out[dir] = f.module === undefined ? { imports: [] } : { module: f.module, imports: [] };
    const mp = f.module === undefined ? undefined : modulePath.get(f.module);
    const ip = mp ? packageImportPath(mp, f.module!, dir === '.' ? '' : dir) : undefined;
    if (ip) folderOf.set(ip, dir);
  }
  const edges = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = dirOf(f.rel);
    for (const imp of f.code?.imports ?? []) {
      const to = folderOf.get(imp);
      if (to === undefined || to === dir) continue;
      let s = edges.get(dir);
      if (!s) edges.set(dir, (s = new Set()));
      s.add(to);
    }
  }
  for (const [dir, s] of edges) out[dir]!.imports = [...s].sort();
  return out;
}

/** The package folders a package (or several) reaches through its imports, itself included. */
export function packagesReached(graph: Readonly<Record<string, PackageNode>>, from: string | Iterable<string>): Set<string> {
  const seen = new Set(typeof from === 'string' ? [from] : from);
  const queue = [...seen];
  while (queue.length) {
    for (const to of graph[queue.pop()!]?.imports ?? []) if (!seen.has(to)) { seen.add(to); queue.push(to); }
  }
  return seen;
}

/** The reverse edges of a graph (folder → the folders importing it), built once per graph: asked once per provider set-up. */
const IMPORTERS = new WeakMap<object, Map<string, string[]>>();
function importersOf(graph: Readonly<Record<string, PackageNode>>): Map<string, string[]> {
  let importers = IMPORTERS.get(graph);
  if (importers) return importers;
  importers = new Map();
  for (const [from, node] of Object.entries(graph)) {
    for (const to of node.imports) {
      let l = importers.get(to);
      if (!l) importers.set(to, (l = []));
      l.push(from);
    }
  }
  IMPORTERS.set(graph, importers);
  return importers;
}

/** The main package folders among `mains` whose program links the package in folder `dir`. */
export function programsReaching(graph: Readonly<Record<string, PackageNode>>, mains: readonly string[], dir: string): string[] {
  const importers = importersOf(graph);
  const seen = new Set([dir]);
  const queue = [dir];
  while (queue.length) {
    for (const from of importers.get(queue.pop()!) ?? []) if (!seen.has(from)) { seen.add(from); queue.push(from); }
  }
  return mains.filter((m) => seen.has(m));
}

export const packageImportsProvider = defineProvider({
  provides: PACKAGE_IMPORTS, reads: [goFilesInput, modulesInput], cacheable: true, compute: packageImports,
});
