/**
 * Matching module requirements against the vulnerability database, with three levels of
 * evidence: `module` (the version in use is in an affected range), `package` (an affected
 * package is imported by non-test code), `symbol` (an affected function or method is referenced).
 * Pure functions: the repo rule supplies requirements and evidence lookups.
 */
import { isLocalReplacement, type GoMod } from '../go/gomod.js';
import type { ResolvedRef } from '../facts/go-symbol-refs.js';
import type { GoSum } from '../facts/go-sum.js';
import { compareVersions, goVersionToSemver, inAnyRange, isValidVersion, smallestFixAbove, withV } from './go-version-order.js';
import type { OsvEntry, VulnDb } from './vulndb.js';

export type VulnLevel = 'module' | 'package' | 'symbol';
export const LEVEL_RANK: Record<VulnLevel, number> = { module: 0, package: 1, symbol: 2 };

export interface Requirement {
  /** Module path as the database knows it (the replacement for a replaced module). */
  path: string;
  /** Version in use, `v` prefixed (Go's own version in SemVer form for stdlib/toolchain). */
  version: string;
  /** Path prefix under which the code imports this module's packages (the original path when replaced). */
  importPath: string;
  /** Where the version comes from (relative file and 1-based line). */
  file: string;
  line: number;
  via: 'require' | 'replace' | 'go.sum' | 'go' | 'toolchain';
  indirect: boolean;
}

export interface AffectedPackage {
  /** Import path as written in the code (translated for replaced modules). */
  path: string;
  /** Affected symbols; undefined = the whole package. */
  symbols?: string[];
  /** Only these operating systems are affected (absent = all). */
  goos?: string[];
}

export interface ModuleVuln {
  entry: OsvEntry;
  req: Requirement;
  /** Smallest fixed version above the one in use (`v` prefixed), if any. */
  fixed?: string;
  packages: AffectedPackage[];
}

/**
 * Effective requirements of one go.mod: each `require`, redirected by a matching `replace`
 * (a replace with a version on the left applies only to that version; local directories are
 * skipped), plus — for modules whose go directive predates 1.17 (no complete module graph in
 * go.mod) — the highest version of each module that only go.sum pins.
 */
export function requirementsOf(mod: GoMod, goModFile: string, sum?: GoSum): Requirement[] {
  const out: Requirement[] = [];
  const required = new Set<string>();
  for (const r of mod.require) {
    required.add(r.path);
    const rep = mod.replace.find((x) => x.from.path === r.path && x.from.version === r.version)
      ?? mod.replace.find((x) => x.from.path === r.path && !x.from.version);
    if (rep) {
      if (!rep.to.version || isLocalReplacement(rep.to.path)) continue;
      out.push({ path: rep.to.path, version: rep.to.version, importPath: r.path, file: goModFile, line: rep.line, via: 'replace', indirect: r.indirect });
      continue;
    }
    if (!isValidVersion(r.version)) continue;
    out.push({ path: r.path, version: r.version, importPath: r.path, file: goModFile, line: r.line, via: 'require', indirect: r.indirect });
  }
  const goV = goVersionToSemver(mod.go);
  if (sum && (!goV || compareVersions(goV, 'v1.17.0') < 0)) {
    const best = new Map<string, { version: string; line: number }>();
    for (const l of sum.lines) {
      if (l.goModOnly || required.has(l.path) || l.path === mod.module || !isValidVersion(l.version)) continue;
      const cur = best.get(l.path);
      if (!cur || compareVersions(l.version, cur.version) > 0) best.set(l.path, { version: l.version, line: l.line });
    }
    for (const [p, b] of best) out.push({ path: p, version: b.version, importPath: p, file: sum.file, line: b.line, via: 'go.sum', indirect: true });
  }
  return out;
}

/** The Go toolchain a module declares: the `toolchain` line when present, else the `go` directive. */
export function goRequirement(mod: GoMod, goModFile: string): Requirement | undefined {
  const fromToolchain = mod.toolchain ? goVersionToSemver(mod.toolchain) : undefined;
  if (fromToolchain) return { path: 'stdlib', version: fromToolchain, importPath: '', file: goModFile, line: mod.toolchainLine ?? 1, via: 'toolchain', indirect: false };
  const fromGo = goVersionToSemver(mod.go);
  if (fromGo) return { path: 'stdlib', version: fromGo, importPath: '', file: goModFile, line: mod.goLine ?? 1, via: 'go', indirect: false };
  return undefined;
}

/** Vulnerabilities whose affected ranges contain the requirement's version. */
export function vulnsFor(db: VulnDb, req: Requirement): ModuleVuln[] {
  const out: ModuleVuln[] = [];
  for (const entry of db.entriesFor(req.path)) {
    const items = entry.affected.filter((a) => a.package.name === req.path);
    const hits = items.filter((a) => inAnyRange(req.version, a.ranges));
    if (!hits.length) continue;
    const fix = smallestFixAbove(req.version, items.flatMap((a) => a.ranges));
    const packages: AffectedPackage[] = [];
    for (const a of hits) {
      for (const imp of a.ecosystem_specific?.imports ?? []) {
        let p = imp.path;
        if (req.importPath && req.importPath !== req.path && (p === req.path || p.startsWith(`${req.path}/`))) p = req.importPath + p.slice(req.path.length);
        const prev = packages.find((x) => x.path === p);
        if (!prev) packages.push({ path: p, symbols: imp.symbols ? [...imp.symbols] : undefined, goos: imp.goos?.length ? [...imp.goos] : undefined });
        else if (prev.symbols) prev.symbols = imp.symbols ? [...new Set([...prev.symbols, ...imp.symbols])] : undefined;
      }
    }
    out.push({ entry, req, fixed: fix === undefined ? undefined : withV(fix), packages });
  }
  return out;
}

export interface Site { file: string; line: number; column: number }

export interface Evidence {
  level: VulnLevel;
  /** Strongest location: the first reference, else the first import, else the go.mod line. */
  at: Site;
  /** Human summary, e.g. "calls http2.ConfigureServer (main.go:12) and 2 more site(s)". */
  detail: string;
  /** The best symbol-level site was found by type inference (method call), not a qualified name. */
  inferred: boolean;
}

export interface EvidenceLookup {
  /** Import sites of a package in non-test files of the module. */
  importers(pkg: string): Site[];
  /** References to symbols of a package in non-test files of the module. */
  refs(pkg: string): ResolvedRef[];
}

const bySite = (a: Site, b: Site) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);

/** Finds the strongest evidence that a vulnerable module's affected code is used. */
export function evidenceFor(v: ModuleVuln, lookup: EvidenceLookup): Evidence {
  const symbolSites: (ResolvedRef & { pkg: string })[] = [];
  const importSites: (Site & { pkg: string })[] = [];
  const platforms = (pkg: string) => {
    const goos = v.packages.find((p) => p.path === pkg)?.goos;
    return goos ? `; affects ${goos.join('/')} builds only` : '';
  };
  for (const p of v.packages) {
    const imps = lookup.importers(p.path);
    if (!imps.length) continue;
    for (const s of imps) importSites.push({ ...s, pkg: p.path });
    const want = p.symbols ? new Set(p.symbols) : undefined;
    for (const r of lookup.refs(p.path)) if (!want || want.has(r.symbol)) symbolSites.push({ ...r, pkg: p.path });
  }
  const here: Site = { file: v.req.file, line: v.req.line, column: 1 };
  if (symbolSites.length) {
    // qualified references are stronger than inferred method calls
    symbolSites.sort((a, b) => (a.via === b.via ? 0 : a.via === 'qualified' ? -1 : 1) || bySite(a, b));
    const best = symbolSites[0]!;
    const more = symbolSites.length - 1;
    const name = `${best.pkg.slice(best.pkg.lastIndexOf('/') + 1)}.${best.symbol}`;
    return {
      level: 'symbol',
      at: { file: best.file, line: best.line, column: best.column },
      detail: `symbol level: ${name} is referenced at ${best.file}:${best.line}${more ? ` and ${more} more site(s)` : ''}${best.via === 'method' ? ' (method call on an inferred type)' : ''}${platforms(best.pkg)}`,
      inferred: best.via === 'method',
    };
  }
  if (importSites.length) {
    importSites.sort(bySite);
    const best = importSites[0]!;
    const files = new Set(importSites.map((s) => s.file)).size;
    const listed = v.packages.some((p) => p.symbols && p.symbols.length);
    return {
      level: 'package',
      at: { file: best.file, line: best.line, column: best.column },
      detail: `package level: ${best.pkg} is imported at ${best.file}:${best.line}${files > 1 ? ` and in ${files - 1} more file(s)` : ''}${listed ? ', no affected symbol referenced' : ''}${platforms(best.pkg)}`,
      inferred: false,
    };
  }
  const detail = v.packages.length
    ? `module level: ${v.req.via === 'go.sum' ? 'pinned in go.sum' : 'required'}, no affected package (${v.packages.slice(0, 3).map((p) => p.path).join(', ')}${v.packages.length > 3 ? ', …' : ''}) is imported by this module's own code (imports by other dependencies are not traced)`
    : `module level: ${v.req.via === 'go.sum' ? 'pinned in go.sum' : 'required'}; the advisory names no affected packages`;
  return { level: 'module', at: here, detail, inferred: false };
}

/** CVE/GHSA aliases of an entry, without duplicates (some entries list one twice). */
export function aliasesOf(e: OsvEntry): string[] {
  return [...new Set((e.aliases ?? []).filter((a) => a !== e.id))];
}

/** "GO-2024-2687 (CVE-2023-45288, GHSA-4v7x-pqxf-cx7m)" */
export function formatIds(e: OsvEntry): string {
  const aliases = aliasesOf(e);
  return aliases.length ? `${e.id} (${aliases.join(', ')})` : e.id;
}
