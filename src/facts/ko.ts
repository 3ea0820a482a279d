/**
 * ko facts: `.ko.yaml` / `.ko.yml` — defaultBaseImage, baseImageOverrides, builds[] with
 * flags, ldflags and env, each with its line. ko builds with -trimpath and CGO_ENABLED=0 by
 * default and defaults to a non-root static base image. A YAML error produces a diagnostic.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar } from './yaml-lib.js';
import { deref, get, items, lineOf as lineIn, parseYamlDocument, strings as stringsIn } from './yaml-doc.js';
import { factKey, filesInput, parsedFilesProvider } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import type { YamlValue } from './goreleaser.js';

export interface KoBuild {
  line: number;
  id?: string;
  main?: string;
  flags?: YamlValue<string[]>;
  ldflags?: YamlValue<string[]>;
  env?: YamlValue<string[]>;
}

export interface KoFacts {
  file: string;
  parsed: boolean;
  defaultBaseImage?: YamlValue<string>;
  baseImageOverrides: { importPath: string; image: string; line: number }[];
  builds: KoBuild[];
}

export function isKoConfigPath(rel: string): boolean {
  return /(^|\/)\.ko\.ya?ml$/.test(rel);
}



export function parseKoConfig(file: string, text: string, diagnostics: { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number }[] = [], budgetMs?: number): KoFacts {
  const facts: KoFacts = { file, parsed: false, baseImageOverrides: [], builds: [] };
  const { d: doc, problem } = parseYamlDocument(file, text, { budgetMs });
  if (problem) {
    diagnostics.push({ level: 'warning', code: 'ko-parse', file, line: problem.line, message: `ko config is not valid YAML (${problem.code === 'LIMIT' || problem.code === 'PARSER' ? problem.message : problem.code}); not judged` });
    return facts;
  }
  const root = doc?.doc.contents as YamlNode | null | undefined;
  if (!doc || !root || !isMap(root)) {
    if (root) diagnostics.push({ level: 'warning', code: 'ko-parse', file, line: 1, message: 'ko config is not a YAML mapping; not judged' });
    return facts;
  }
  facts.parsed = true;
  const pairOf = (m: unknown, k: string) => get(doc, m, k);
  const strings = (n: unknown) => stringsIn(doc, n);
  const lineOf = (n: unknown): number => lineIn(doc, n);
  const base = pairOf(root, 'defaultBaseImage');
  const baseVal = strings(base?.value)[0];
  if (base && baseVal) facts.defaultBaseImage = { value: baseVal, line: lineOf(base.written) };
  const ov = pairOf(root, 'baseImageOverrides');
  const ovMap = ov ? deref(doc, ov.value) : undefined;
  if (ovMap && isMap(ovMap)) {
    for (const p of ovMap.items) {
      const img = strings(p.value)[0];
      if (isScalar(p.key) && img) facts.baseImageOverrides.push({ importPath: String(p.key.value), image: img, line: lineOf(p.value) });
    }
  }
  const builds = pairOf(root, 'builds');
  if (builds) {
    for (const n of items(doc, builds.value)) {
      if (!isMap(n)) continue;
      const v = (k: string): YamlValue<string[]> | undefined => {
        const p = pairOf(n, k);
        return p ? { value: strings(p.value), line: lineOf(p.keyNode) } : undefined;
      };
      facts.builds.push({ line: lineOf(n), id: strings(pairOf(n, 'id')?.value)[0], main: strings(pairOf(n, 'main')?.value)[0], flags: v('flags'), ldflags: v('ldflags'), env: v('env') });
    }
  }
  return facts;
}

export const KO_CONFIGS = factKey<KoFacts[]>('ko');

export const koProvider = parsedFilesProvider(KO_CONFIGS, filesInput('ko configs', (r) => isKoConfigPath(r)), 'ko config',
  (repo, rel, text) => parseKoConfig(rel, text, repo.diagnostics, repo.fileBudgetMs));

export function koConfigs(repo: RepoFacts): KoFacts[] {
  return repo.fact(KO_CONFIGS);
}
