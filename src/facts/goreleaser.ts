/**
 * GoReleaser facts: `.goreleaser.yml` / `.goreleaser.yaml` (and `.tmpl` variants whose
 * template directive lines are blanked before parsing): builds[] with their flags, ldflags,
 * gcflags, env (CGO_ENABLED), skip/builder; the top-level env; whether signs, binary_signs,
 * docker_signs, sboms and includes sections are present; dockers[] with their Dockerfile and build ids;
 * kos[] with their base image.
 * Every value keeps its line. A YAML error produces a diagnostic and no builds.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap } from './yaml-lib.js';
import { get, items, lineOf as lineIn, parseYamlDocument, strings as stringsIn } from './yaml-doc.js';
import { factKey, filesInput, parsedFilesProvider } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';

export interface YamlValue<T> {
  value: T;
  line: number;
}

export interface GoreleaserBuild {
  index: number;
  line: number;
  id?: string;
  skip: boolean;
  builder?: string;
  /** `flags:` entries (undefined when the key is absent). */
  flags?: YamlValue<string[]>;
  /** `ldflags:` entries (undefined = GoReleaser's default `-s -w -X main.version=...`). */
  ldflags?: YamlValue<string[]>;
  gcflags?: YamlValue<string[]>;
  env?: YamlValue<string[]>;
  tags?: YamlValue<string[]>;
  /** `main:` (the main package or file, relative to `dir`; GoReleaser's default is `.`). */
  main?: YamlValue<string>;
  /** `dir:` (the folder the build runs in; GoReleaser's default is the folder it runs in). */
  dir?: YamlValue<string>;
}

export interface GoreleaserFacts {
  file: string;
  /** False when the YAML could not be parsed (nothing else is filled). */
  parsed: boolean;
  builds: GoreleaserBuild[];
  /** Line of the `builds:` key (undefined when absent: GoReleaser then builds with defaults). */
  buildsLine?: number;
  globalEnv: string[];
  sections: Partial<Record<'signs' | 'binary_signs' | 'docker_signs' | 'sboms' | 'dockers' | 'dockers_v2' | 'kos' | 'includes', number>>;
  dockers: { line: number; dockerfile?: string; ids: string[] }[];
  /** `kos:` entries (images built with ko); `baseImage` undefined = GoReleaser's default, a non-root static image. */
  kos: { line: number; baseImage?: YamlValue<string> }[];
  /**
   * False when the config uploads no release artifacts: `release: disable: true` or `skip_upload: true`
   * and no other upload section (blobs, artifactories, uploads, publishers…).
   */
  uploadsArtifacts: boolean;
}

/** Sections that publish artifacts somewhere other than the release page. */
const OTHER_UPLOADS = ['blobs', 'artifactories', 'uploads', 'publishers', 'snapcrafts', 'chocolateys', 'cloudsmiths', 'fury', 'gemfury'];

/** Default ldflags GoReleaser applies when a build sets none. */
export const GORELEASER_DEFAULT_LDFLAGS = ['-s -w -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}} -X main.builtBy=goreleaser'];

export function isGoreleaserPath(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return /^\.?goreleaser([.-][\w-]+)?\.ya?ml(\.tmpl|\.tpl)?$/i.test(base);
}

/** Blanks lines that are only a template directive (`[[if .X]]`, `{{- end }}`), keeping line numbers. */
export function blankTemplateLines(text: string): string {
  return text
    .split('\n')
    .map((l) => (/^\s*(\[\[[^\]]*\]\]|\{\{[^}]*\}\})\s*$/.test(l) ? '' : l))
    .join('\n');
}



/** Parses one GoReleaser config. Never throws. */
export function parseGoreleaser(file: string, text: string, diagnostics: { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number }[] = [], budgetMs?: number): GoreleaserFacts {
  const facts: GoreleaserFacts = { file, parsed: false, builds: [], globalEnv: [], sections: {}, dockers: [], kos: [], uploadsArtifacts: true };
  const src = /\.(tmpl|tpl)$/i.test(file) ? blankTemplateLines(text) : text;
  const { d: doc, problem } = parseYamlDocument(file, src, { budgetMs });
  if (problem) {
    diagnostics.push({ level: 'warning', code: 'goreleaser-parse', file, line: problem.line, message: `GoReleaser config is not valid YAML (${problem.code === 'LIMIT' || problem.code === 'PARSER' ? problem.message : problem.code}); not judged` });
    return facts;
  }
  const root = doc?.doc.contents as YamlNode | null | undefined;
  if (!doc || !root || !isMap(root)) {
    diagnostics.push({ level: 'warning', code: 'goreleaser-parse', file, line: 1, message: 'GoReleaser config is not a YAML mapping; not judged' });
    return facts;
  }
  facts.parsed = true;
  const pairOf = (m: unknown, k: string) => get(doc, m, k);
  const strings = (n: unknown) => stringsIn(doc, n);
  const lineOf = (n: unknown): number => lineIn(doc, n);
  const val = (map: YamlNode, key: string): YamlValue<string[]> | undefined => {
    const p = pairOf(map, key);
    if (!p) return undefined;
    return { value: strings(p.value), line: lineOf(p.keyNode) };
  };
  const one = (map: YamlNode, key: string): YamlValue<string> | undefined => {
    const v = val(map, key);
    return v && v.value.length === 1 ? { value: v.value[0]!, line: v.line } : undefined;
  };
  facts.globalEnv = strings(pairOf(root, 'env')?.value);
  for (const key of ['signs', 'binary_signs', 'docker_signs', 'sboms', 'dockers', 'dockers_v2', 'kos', 'includes'] as const) {
    const p = pairOf(root, key);
    if (p) facts.sections[key] = lineOf(p.keyNode);
  }
  const builds = pairOf(root, 'builds');
  if (builds) {
    facts.buildsLine = lineOf(builds.keyNode);
    items(doc, builds.value).forEach((n, index) => {
        if (!isMap(n)) return;
        const skip = strings(pairOf(n, 'skip')?.value)[0] === 'true';
        facts.builds.push({
          index,
          line: lineOf(n),
          id: strings(pairOf(n, 'id')?.value)[0],
          skip,
          builder: strings(pairOf(n, 'builder')?.value)[0],
          flags: val(n, 'flags'),
          ldflags: val(n, 'ldflags'),
          gcflags: val(n, 'gcflags'),
          env: val(n, 'env'),
          tags: val(n, 'tags'),
          main: one(n, 'main'),
          dir: one(n, 'dir'),
        });
    });
  }
  for (const key of ['dockers', 'dockers_v2']) {
    const d = pairOf(root, key);
    if (!d) continue;
    for (const n of items(doc, d.value)) {
      if (!isMap(n)) continue;
      facts.dockers.push({ line: lineOf(n), dockerfile: strings(pairOf(n, 'dockerfile')?.value)[0], ids: strings(pairOf(n, 'ids')?.value) });
    }
  }
  const kos = pairOf(root, 'kos');
  for (const n of kos ? items(doc, kos.value) : []) {
    if (!isMap(n)) continue;
    const base = pairOf(n, 'base_image');
    const image = strings(base?.value)[0];
    facts.kos.push({ line: lineOf(n), baseImage: base && image !== undefined ? { value: image, line: lineOf(base.keyNode) } : undefined });
  }
  const release = pairOf(root, 'release')?.value;
  if (release && isMap(release)) {
    const on = (k: string) => /^true$/i.test(strings(pairOf(release, k)?.value)[0] ?? '');
    if ((on('disable') || on('skip_upload')) && !OTHER_UPLOADS.some((k) => pairOf(root, k))) facts.uploadsArtifacts = false;
  }
  return facts;
}

export const GORELEASER_CONFIGS = factKey<GoreleaserFacts[]>('goreleaser');

export const goreleaserProvider = parsedFilesProvider(GORELEASER_CONFIGS, filesInput('GoReleaser configs', (r) => isGoreleaserPath(r)), 'GoReleaser config',
  (repo, rel, text) => parseGoreleaser(rel, text, repo.diagnostics, repo.fileBudgetMs));

export function goreleaserConfigs(repo: RepoFacts): GoreleaserFacts[] {
  return repo.fact(GORELEASER_CONFIGS);
}
