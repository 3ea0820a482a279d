/**
 * Test facts per Go package (directory): how many non-test and _test.go files and lines, from the
 * walker's Go file list (vendor/ and testdata/ are already excluded). Generated files count
 * apart: they are neither code to test nor tests.
 */
import path from 'node:path';
import { defineProvider, factKey, goFilesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';

export interface GoPackageTests {
  /** Directory relative to the root ('' for the root). */
  dir: string;
  module?: string;
  /** Package clause of the non-test files (the first seen). */
  packageName?: string;
  codeFiles: number;
  codeLines: number;
  testFiles: number;
  testLines: number;
  generatedFiles: number;
  generatedLines: number;
  /** Largest non-generated, non-test file (for reporting). */
  largestFile?: { rel: string; lines: number };
  /** Import path (module path + directory), when the package is in a module. */
  importPath?: string;
  /** _test.go files of other packages that import this one (integration tests kept elsewhere). */
  testedFrom: string[];
}

export interface GoTestFacts {
  packages: GoPackageTests[];
  codeLines: number;
  testLines: number;
  testFiles: number;
  codeFiles: number;
}

const IGNORED_BY_GO = /(^|\/)(testdata|vendor|[_.][^/]*)\//;

export const GO_TESTS = factKey<GoTestFacts>('go-tests');

export const goTestFactsProvider = defineProvider({
  provides: GO_TESTS,
  reads: [goFilesInput],
  cacheable: true,
  compute: (repo): GoTestFacts => {
    const byDir = new Map<string, GoPackageTests>();
    const totals = { codeLines: 0, testLines: 0, testFiles: 0, codeFiles: 0 };
    for (const f of repo.goFiles) {
      // the go command ignores testdata/, vendor/ and _/. directories (the walker may have been told to keep them)
      if (IGNORED_BY_GO.test(f.rel)) continue;
      const d = path.posix.dirname(f.rel);
      const dir = d === '.' ? '' : d;
      let p = byDir.get(dir);
      if (!p) {
        p = { dir, module: f.module, codeFiles: 0, codeLines: 0, testFiles: 0, testLines: 0, generatedFiles: 0, generatedLines: 0, testedFrom: [] };
        const mod = f.module === undefined ? undefined : repo.modules.find((m) => m.dir === f.module);
        if (mod?.path) {
          const sub = mod.dir ? dir.slice(mod.dir.length + 1) : dir;
          p.importPath = dir === mod.dir ? mod.path : `${mod.path}/${sub}`;
        }
        byDir.set(dir, p);
      }
      if (f.generated) {
        p.generatedFiles++;
        p.generatedLines += f.lines;
      } else if (f.isTest) {
        p.testFiles++;
        p.testLines += f.lines;
        totals.testFiles++;
        totals.testLines += f.lines;
      } else {
        p.codeFiles++;
        p.codeLines += f.lines;
        totals.codeFiles++;
        totals.codeLines += f.lines;
        p.packageName ??= f.packageName;
        if (!p.largestFile || f.lines > p.largestFile.lines) p.largestFile = { rel: f.rel, lines: f.lines };
      }
      // a generated _test.go still proves a test exists
      if (f.generated && f.isTest) {
        p.testFiles++;
        totals.testFiles++;
      }
    }
    const byImport = new Map<string, GoPackageTests>();
    for (const p of byDir.values()) if (p.importPath) byImport.set(p.importPath, p);
    for (const f of repo.goFiles) {
      if (!f.isTest || IGNORED_BY_GO.test(f.rel)) continue;
      const d = path.posix.dirname(f.rel);
      for (const imp of f.code?.imports ?? []) {
        const p = byImport.get(imp);
        if (p && p.dir !== (d === '.' ? '' : d) && p.testedFrom.length < 5) p.testedFrom.push(f.rel);
      }
    }
    const packages = [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
    return { packages, ...totals };
  },
});

export function goTestFacts(repo: RepoFacts): GoTestFacts {
  return repo.fact(GO_TESTS);
}

export interface SourceStats {
  /** Lines that are neither blank nor comments. */
  sloc: number;
  /** Function and method declarations. */
  funcs: number;
}

/** Counts code lines and function declarations of Go source text (line-based, comments skipped). */
export function sourceStatsOf(text: string): SourceStats {
  let sloc = 0;
  let funcs = 0;
  let inBlock = false;
  for (const raw of text.split('\n')) {
    let l = raw.trim();
    if (inBlock) {
      const end = l.indexOf('*/');
      if (end === -1) continue;
      inBlock = false;
      l = l.slice(end + 2).trim();
    }
    if (l.startsWith('/*')) {
      const end = l.indexOf('*/', 2);
      if (end === -1) {
        inBlock = true;
        continue;
      }
      l = l.slice(end + 2).trim();
    }
    if (!l || l.startsWith('//')) continue;
    sloc++;
    if (/^func\s/.test(l)) funcs++;
  }
  return { sloc, funcs };
}

/** Code lines and functions of a package's non-test, non-generated files (reads them; memoised). */
export function packageSourceStats(repo: RepoFacts, dir: string): SourceStats {
  return repo.memo(`go-tests:stats:${dir}`, () => {
    const total: SourceStats = { sloc: 0, funcs: 0 };
    for (const f of repo.goFiles) {
      if (f.isTest || f.generated) continue;
      const d = path.posix.dirname(f.rel);
      if ((d === '.' ? '' : d) !== dir) continue;
      const s = sourceStatsOf(repo.readText(f.rel).text ?? '');
      total.sloc += s.sloc;
      total.funcs += s.funcs;
    }
    return total;
  });
}
