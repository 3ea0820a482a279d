/**
 * go.sum facts: `<module> <version>[/go.mod] <algo>:<hash>` per line. A line without `/go.mod`
 * pins the module's source archive (the build needs it); a `/go.mod` line pins only its go.mod
 * (needed to load the module graph). Malformed lines are collected, never thrown.
 */
import type { RepoFacts } from './repo-facts.js';

export interface GoSumLine {
  path: string;
  version: string;
  /** true for `<version>/go.mod` lines (only the go.mod file is pinned). */
  goModOnly: boolean;
  hash: string;
  line: number;
}

export interface GoSum {
  /** go.sum path relative to the root. */
  file: string;
  lines: GoSumLine[];
  errors: { line: number; message: string }[];
  /** `path@version` keys of lines pinning the source archive. */
  zips: Set<string>;
  /** `path@version` keys of `/go.mod` lines. */
  mods: Set<string>;
}

export function parseGoSum(text: string, file = 'go.sum'): GoSum {
  const sum: GoSum = { file, lines: [], errors: [], zips: new Set(), mods: new Set() };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const f = line.split(/\s+/);
    if (f.length !== 3) {
      sum.errors.push({ line: i + 1, message: `expected "<module> <version> <hash>", got ${f.length} field(s)` });
      return;
    }
    const [p, v, hash] = f as [string, string, string];
    if (!/^[a-z0-9]+:[A-Za-z0-9+/=]+$/i.test(hash)) {
      sum.errors.push({ line: i + 1, message: `malformed hash '${hash.slice(0, 40)}'` });
      return;
    }
    const goModOnly = v.endsWith('/go.mod');
    const version = goModOnly ? v.slice(0, -'/go.mod'.length) : v;
    sum.lines.push({ path: p, version, goModOnly, hash, line: i + 1 });
    (goModOnly ? sum.mods : sum.zips).add(`${p}@${version}`);
  });
  return sum;
}

/** The go.sum next to the go.mod of module directory `dir` ('' = root), parsed once; undefined when absent or unreadable. */
export function goSumOf(repo: RepoFacts, dir: string): GoSum | undefined {
  return repo.memo(`go.sum:${dir}`, () => {
    const rel = dir ? `${dir}/go.sum` : 'go.sum';
    const m = repo.modules.find((x) => x.dir === dir);
    if (!m?.hasGoSum) return undefined;
    const { text, error } = repo.readText(rel);
    if (text === undefined) {
      repo.diagnostics.push({ level: 'warning', code: 'gosum-unreadable', file: rel, message: `go.sum: ${error ?? 'cannot read'}` });
      return undefined;
    }
    const sum = parseGoSum(text, rel);
    for (const e of sum.errors.slice(0, 5)) repo.diagnostics.push({ level: 'warning', code: 'gosum-parse', file: rel, line: e.line, message: `go.sum: ${e.message}` });
    return sum;
  });
}
