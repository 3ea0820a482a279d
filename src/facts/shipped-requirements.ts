/**
 * Which go.mod requirements ship: the one model the go.mod requirement rules ask (SUP1002 replace-local-or-fork,
 * SUP1003, SUP1004, SUP1006, SUP1012) before judging a requirement by what it would do to the shipped build.
 *
 * For each module of the repository: the packages that ship are the module's packages holding a file whose code role
 * (src/core/code-roles.ts) is production, and every repository package they import, directly or not, across the
 * repository's modules (src/facts/package-imports.ts; a shipped package importing a test-support folder ships it).
 * Their non-test files ship, except those no normal build compiles (a `//go:build tools`, `ignore`, `e2e`…
 * constraint; a name starting with `_` or `.`). Each import path of a shipped file is mapped to the requirement that
 * provides it: the longest module-path prefix among the module's go.mod requirements (the left side of a `replace`
 * is the required path, so a replaced requirement is matched by the path the code imports), the module itself and the
 * repository's other modules.
 *
 * `requirementShipping` then says, as far as the repository shows:
 * - `yes`: a shipped file imports a package of it;
 * - `no`: a direct requirement only code that does not ship imports (tests, test support, tools), or any requirement
 *   of a module whose shipped files import no required module at all (a tools module: its `// indirect` requirements
 *   serve dependencies that do not ship either);
 * - `unknown` otherwise: an `// indirect` requirement (needed by other dependencies, which may ship), a direct one
 *   nothing in the module imports, a module whose shipped files' imports are not all known (a file the analysis
 *   skipped), or a module without Go files in the audited tree.
 * A dependency of a shipped dependency is not seen (that needs the dependencies' own sources): a direct requirement
 * that only tests import may still be linked through another module.
 *
 * `replaceInBuildList` says whether a `replace` can apply at all: the go command ignores a replace whose module is
 * not in the build list (neither required in go.mod nor listed in go.sum).
 */
import path from 'node:path';
import type { RepoFacts, RepoGoFile, RepoModule } from './repo-facts.js';
import type { ModReplace, ModRequire } from '../go/gomod.js';
import { defineProvider, factInput, factKey, goFilesInput, modulesInput } from './fact-provider.js';
import { PACKAGE_IMPORTS, packagesReached, type PackageNode } from './package-imports.js';
import { classifyFile } from '../core/code-roles.js';
import { goSumOf } from './go-sum.js';
import { workSumOf, workspaceOf } from './go-work.js';

export interface RequirementUse {
  /** A shipped Go file importing a package of the requirement (the first found). */
  shippedBy?: string;
  /** A Go file of the module that does not ship importing it (a test, test support, a tool; the first found). */
  usedBy?: string;
}

export interface ModuleShipping {
  /** Go files of the module in the audited tree (any role). */
  goFiles: number;
  /** Go files that ship in the module's build (its own and those of the repository packages they import). */
  shippedFiles: number;
  /** false when a shipped file's imports are unknown (the analysis skipped it): then nothing is said to not ship. */
  complete: boolean;
  /** A shipped file imports a non-standard package that no requirement, the module or another repository module provides. */
  unresolved: boolean;
  /** By required module path (the go.mod `require` path): who imports it. Requirements nobody imports are absent. */
  requires: Record<string, RequirementUse>;
}

/** Module folder ('' for the root) → what of its requirements ships. */
export const SHIPPED_REQUIREMENTS = factKey<Record<string, ModuleShipping>>('gomod:shipped-requirements');

const dirOf = (rel: string): string => path.posix.dirname(rel);

/** A path of the standard library (or cgo's "C"): its first element has no dot. */
const standardLibrary = (imp: string): boolean => !imp.split('/')[0]!.includes('.');

/**
 * Whether a non-production file of a shipped package is left out of the build: a build constraint requiring a
 * non-release tag, or a name the go command ignores. Other roles given by name (mock_client.go, testing.go in a shipped
 * package, a fixtures file, a local copy of another module) are compiled with the package. The build constraint is
 * the file's role signal, read once with the file (RepoGoFile.roleSignal); only a file the analysis did not read (too
 * large, not decodable) is read here.
 */
function excludedFromBuild(repo: RepoFacts, f: RepoGoFile): boolean {
  const base = path.posix.basename(f.rel);
  if (/^[_.]/.test(base)) return true;
  const byName = classifyFile({ path: f.rel, packageName: f.packageName });
  if (byName.role !== 'production') return false;
  if (f.roleSignal !== undefined) return f.roleSignal === 'build-constraint';
  const source = repo.readText(f.rel).text;
  if (source === undefined) return false;
  return classifyFile({ path: f.rel, packageName: f.packageName, source }).signal === 'build-constraint';
}

export function shippedRequirements(repo: RepoFacts): Record<string, ModuleShipping> {
  const graph: Readonly<Record<string, PackageNode>> = repo.fact(PACKAGE_IMPORTS);
  const byDir = new Map<string, RepoGoFile[]>();
  for (const f of repo.goFiles) {
    const d = dirOf(f.rel);
    let l = byDir.get(d);
    if (!l) byDir.set(d, (l = []));
    l.push(f);
  }
  const shippedRole = (f: RepoGoFile) => !f.isTest && (f.role ?? 'production') === 'production';
  const repoModulePaths = new Set(repo.modules.flatMap((m) => (m.path ? [m.path] : [])));
  const excluded = new Map<string, boolean>();
  const isExcluded = (f: RepoGoFile): boolean => {
    let e = excluded.get(f.rel);
    if (e === undefined) excluded.set(f.rel, (e = excludedFromBuild(repo, f)));
    return e;
  };
  const out: Record<string, ModuleShipping> = {};
  for (const m of repo.modules) {
    const own = repo.goFiles.filter((f) => f.module === m.dir);
    const ms: ModuleShipping = { goFiles: own.length, shippedFiles: 0, complete: true, unresolved: false, requires: {} };
    out[m.dir] = ms;
    // the module path each import resolves to: its requirements, itself, the repository's modules (longest prefix)
    const required = new Set(m.mod.require.map((r) => r.path));
    const known = new Set([...required, ...repoModulePaths]);
    const provider = (imp: string): string | undefined => {
      for (let p = imp; ; p = p.slice(0, p.lastIndexOf('/'))) {
        if (known.has(p)) return p;
        if (!p.includes('/')) return undefined;
      }
    };
    // the shipped packages: the module's packages with a production file and every repository package they import
    const reached = packagesReached(graph, own.filter(shippedRole).map((f) => dirOf(f.rel)));
    const shipped = new Set<RepoGoFile>();
    for (const d of reached) {
      for (const f of byDir.get(d) ?? []) {
        if (f.isTest || (!shippedRole(f) && isExcluded(f))) continue;
        shipped.add(f);
      }
    }
    ms.shippedFiles = shipped.size;
    for (const f of shipped) {
      const imports = f.code?.imports;
      if (!imports) { ms.complete = false; continue; }
      for (const imp of imports) {
        const p = provider(imp);
        if (p === undefined) {
          if (!standardLibrary(imp)) ms.unresolved = true;
          continue;
        }
        if (!required.has(p)) continue;
        const use = (ms.requires[p] ??= {});
        use.shippedBy ??= f.rel;
      }
    }
    for (const f of own) {
      if (shipped.has(f)) continue;
      for (const imp of f.code?.imports ?? []) {
        const p = provider(imp);
        if (p === undefined || !required.has(p)) continue;
        const use = (ms.requires[p] ??= {});
        use.usedBy ??= f.rel;
      }
    }
  }
  return out;
}

export const shippedRequirementsProvider = defineProvider({
  provides: SHIPPED_REQUIREMENTS, reads: [goFilesInput, modulesInput, factInput(PACKAGE_IMPORTS)], cacheable: true, compute: shippedRequirements,
});

export interface Shipping {
  ships: 'yes' | 'no' | 'unknown';
  /** Why, for messages and notes: the file that ships it, or what uses it instead. */
  reason: string;
}

/** Whether requirement `r` of module `m` ships in the module's build, as far as the repository shows. */
export function requirementShipping(model: Readonly<Record<string, ModuleShipping>>, m: RepoModule, r: Pick<ModRequire, 'path' | 'indirect'>): Shipping {
  const ms = model[m.dir];
  if (!ms || !ms.goFiles) return { ships: 'unknown', reason: 'the module has no Go files in the audited tree' };
  const use = ms.requires[r.path];
  if (use?.shippedBy) return { ships: 'yes', reason: `imported by ${use.shippedBy}` };
  if (!ms.complete) return { ships: 'unknown', reason: 'the imports of some shipped files are unknown' };
  const noneShips = !ms.unresolved && !Object.values(ms.requires).some((u) => u.shippedBy);
  if (noneShips) {
    return { ships: 'no', reason: ms.shippedFiles ? 'no shipped Go file of the module imports a required module' : 'the module has no Go file that ships' };
  }
  if (!r.indirect && use?.usedBy) return { ships: 'no', reason: `imported only by code that does not ship (${use.usedBy})` };
  return { ships: 'unknown', reason: r.indirect ? 'an indirect requirement (needed by other dependencies)' : 'nothing in the module imports it' };
}

/** The SHIPPED_REQUIREMENTS model's answer for requirement `r` of `m` (`repo.fact` of a rule that requires the key). */
export function requirementShips(repo: RepoFacts, m: RepoModule, r: Pick<ModRequire, 'path' | 'indirect'>): Shipping {
  return requirementShipping(repo.fact(SHIPPED_REQUIREMENTS), m, r);
}

/**
 * Whether the module a `replace` names can be in module `m`'s build list: true when it is required (in go.mod, or in
 * the go.mod of a module of the same go.work workspace) or listed in go.sum (or go.work.sum), or when that cannot be
 * told (a module with requirements but no go.sum); false when it is in none of them: the go command ignores the replace.
 */
export function replaceInBuildList(repo: RepoFacts, m: RepoModule, rep: ModReplace): boolean {
  const from = rep.from.path;
  const w = workspaceOf(repo, m);
  const mods = w ? repo.modules.filter((x) => w.useDirs.has(x.dir)) : [m];
  if (w && mods.some((x) => x.path === from)) return true;
  for (const x of mods) {
    if (x.mod.require.some((r) => r.path === from)) return true;
    if (!x.hasGoSum) {
      if (x.mod.require.length) return true;
      continue;
    }
    const sum = goSumOf(repo, x.dir);
    if (!sum || sum.lines.some((l) => l.path === from)) return true;
  }
  if (w && workSumOf(repo, w)?.lines.some((l) => l.path === from)) return true;
  return false;
}
