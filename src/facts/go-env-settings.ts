/**
 * Go module-fetch settings the repository's build and CI set: GOSUMDB, GONOSUMDB, GOINSECURE,
 * GOPROXY, GONOPROXY, GOPRIVATE and GOFLAGS, wherever a build reads them — CI configs (env maps
 * and scripts), Dockerfiles (ENV, ARG defaults, RUN lines, `go env -w`), Makefiles (exported
 * variables and recipe lines), shell scripts, GoReleaser/ko `env` lists and `.envrc`.
 *
 * Deliberately line-based: an assignment is `NAME=value`, `NAME: value` (YAML), `ENV NAME value`
 * (Dockerfile), `export NAME := value` (make). References (`$GOPROXY`, `${{ env.GOPROXY }}`) are not
 * settings; `${NAME:-default}` yields its default; other unresolved values are skipped. Comment
 * lines are ignored. Files that do not ship (docs, examples, tests, third-party copies) are not read.
 */
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { roleOfPath, type CodeRole } from '../core/code-roles.js';
import { isDeveloperTarget } from '../core/work-names.js';
import { isDockerfilePath } from './dockerfiles.js';
import { isMakefilePath, makeProjects } from './makefile.js';
import { isGoreleaserPath } from './goreleaser.js';
import { isKoConfigPath } from './ko.js';
import { isCiConfigPath } from './ci-config.js';
import { releasePathFiles } from './release-pipelines.js';

const GO_FETCH_VARS = ['GOSUMDB', 'GONOSUMDB', 'GOINSECURE', 'GOPROXY', 'GONOPROXY', 'GOPRIVATE', 'GOFLAGS'] as const;
export type GoFetchVar = (typeof GO_FETCH_VARS)[number];

export type GoEnvSource = 'ci' | 'dockerfile' | 'makefile' | 'script' | 'release-config' | 'env-file';

export interface GoEnvSetting {
  file: string;
  line: number;
  column: number;
  name: GoFetchVar;
  /** Value as the go command sees it (quotes removed; `${X:-d}` → d). */
  value: string;
  source: GoEnvSource;
  /** True when the value is a shell default (`${GOPROXY:-direct}`): the environment may override it. */
  fallback: boolean;
}

const SCRIPT_FILE = /\.(?:sh|bash)$/;
const ENV_FILE = /(?:^|\/)\.envrc$/;

function sourceOf(rel: string): GoEnvSource | undefined {
  if (isCiConfigPath(rel)) return 'ci';
  if (isDockerfilePath(rel)) return 'dockerfile';
  if (isMakefilePath(rel)) return 'makefile';
  if (isGoreleaserPath(rel) || isKoConfigPath(rel)) return 'release-config';
  if (SCRIPT_FILE.test(rel)) return 'script';
  if (ENV_FILE.test(rel)) return 'env-file';
  return undefined;
}

/** CI configs and build scripts ship nothing but decide how shipped code is built: only docs, examples, tests and third-party copies are skipped. */
function judged(role: CodeRole): boolean {
  return role === 'production' || role === 'tooling';
}

const NAMES = GO_FETCH_VARS.join('|');
/** Cheap test before the line scan: the text names one of the variables at all. */
const MENTIONS_NAME = new RegExp(NAMES);
/**
 * NAME, then `=`, `:=`, `?=`, `::=`, `: ` (YAML) or whitespace (Dockerfile `ENV NAME value`), then the value.
 * Not preceded by `$`, `{`, `.` or a word character (so `$GOPROXY`, `env.GOPROXY`, `MY_GOPROXY` are not settings).
 */
const SETTING = new RegExp(`(?<![\\w$.{])(${NAMES})(?![\\w])(\\s*(?:::=|:=|\\?=|\\+=|=)\\s*|:\\s+|\\s+)`, 'g');

/** The value word starting at `s` (quoted or bare), without the quotes; undefined when empty. */
function valueWord(s: string): string | undefined {
  const q = s[0];
  if (q === '"' || q === "'") {
    const end = s.indexOf(q, 1);
    return end === -1 ? undefined : s.slice(1, end);
  }
  const m = /^(\$\{[^}]*\}|[^\s;'"`)&|]+)/.exec(s);
  return m?.[1];
}

/** Resolves `${X:-default}` / `${X-default}` to its default; other references are unresolved. */
function resolve(v: string): { value: string; fallback: boolean } | undefined {
  const d = /^\$\{[A-Za-z_]\w*:?-([^}]*)\}$/.exec(v);
  if (d) return { value: d[1]!.replace(/^["']|["']$/g, ''), fallback: true };
  if (v.includes('$') || v.includes('{{')) return undefined;
  return { value: v, fallback: false };
}

/** Makefile variables reach the go command only when exported or set on the recipe's command line. */
function makeExported(text: string, name: string): boolean {
  return new RegExp(`^\\s*(?:export\\s*$|\\.EXPORT_ALL_VARIABLES\\s*:|export\\s+(?:[\\w ]*\\s)?${name}(?:\\s|$))`, 'm').test(text);
}

/** Settings in one file's text. */
function goEnvSettingsIn(file: string, text: string, source: GoEnvSource): GoEnvSetting[] {
  const out: GoEnvSetting[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.length > 4000 || !MENTIONS_NAME.test(raw)) continue;
    if (/^\s*(?:#|\/\/)/.test(raw)) continue;
    SETTING.lastIndex = 0;
    for (let m = SETTING.exec(raw); m; m = SETTING.exec(raw)) {
      const name = m[1] as GoFetchVar;
      const sep = m[2]!;
      const before = raw.slice(0, m.index);
      // `NAME value` (whitespace only) is an assignment only after Dockerfile ENV/ARG
      if (!/[=:]/.test(sep) && !(source === 'dockerfile' && /^\s*(?:ENV|ARG)\s+$/i.test(before))) continue;
      // a YAML `NAME:` mapping key or `- NAME=value` item; shell `NAME=value`; make `NAME := value`
      if (sep.trim() === ':' && source !== 'ci' && source !== 'release-config') continue;
      const word = valueWord(raw.slice(m.index + m[0].length));
      if (word === undefined) continue;
      const r = resolve(word);
      if (!r || r.value === '') continue;
      if (source === 'makefile' && !/^\t/.test(raw) && !/^\s*export\s/.test(raw) && !makeExported(text, name)) continue;
      out.push({ file, line: i + 1, column: m.index + 1, name, value: r.value, source, fallback: r.fallback });
    }
  }
  return out;
}

/** Every Go module-fetch setting in the repository's CI, container, make, script and release files (memoised; unreadable files are skipped, their readers report them). */
export const GO_ENV_SETTINGS = factKey<GoEnvSetting[]>('go-env-settings');

export const goEnvSettingsProvider = defineProvider({
  provides: GO_ENV_SETTINGS,
  reads: [filesInput('CI, container, make, script and release files', (r) => sourceOf(r) !== undefined && judged(roleOfPath(r)))],
  cacheable: true,
  compute: (repo): GoEnvSetting[] =>
    repo.filesWhere((rel) => sourceOf(rel) !== undefined && judged(repo.roleOf(rel))).flatMap((rel) => {
      const { text } = repo.readText(rel);
      return text !== undefined && MENTIONS_NAME.test(text) ? goEnvSettingsIn(rel, text, sourceOf(rel)!) : [];
    }),
});

export function goEnvSettings(repo: RepoFacts): GoEnvSetting[] {
  return repo.fact(GO_ENV_SETTINGS);
}

/** Per Makefile, the targets of the rule each recipe line (continuations included) belongs to, from the parsed projects. */
function recipeTargets(repo: RepoFacts): Map<string, Map<number, string[]>> {
  return repo.memo('go-env-settings:recipe-targets', () => {
    const out = new Map<string, Map<number, string[]>>();
    for (const p of makeProjects(repo)) {
      for (const f of p.files) {
        let byLine = out.get(f.file);
        for (const r of f.rules) {
          for (const l of r.recipe) {
            if (!byLine) out.set(f.file, (byLine = new Map()));
            const n = l.text.split('\n').length;
            for (let k = 0; k < n; k++) byLine.set(l.line + k, r.targets);
          }
        }
      }
    }
    return out;
  });
}

/**
 * Whether a setting can reach what the repository ships. A CI setting off the release path does not: where release
 * workflows are visible (src/facts/release-pipelines.ts: the release workflows and the local workflows and actions they
 * call), a setting in another CI file (a test, lint or coverage workflow) builds nothing that is published (blind sample
 * of 2026-12-19: GOSUMDB=off in the pull-request and coverage workflows of a project whose release workflows verify
 * checksums). Where no release path is visible, or it cannot be followed, every CI file counts. A Makefile recipe of
 * a test, lint, format, generate or development target does not reach it either. The rules reading it
 * require RELEASE_PIPELINES, CI_FACTS and MAKE_PROJECTS.
 */
export function reachesShippedBuild(repo: RepoFacts, s: GoEnvSetting): boolean {
  // a recipe of a test, lint, format, generate or development target builds nothing that ships (blind sample of
  // 2026-12-22: GOPROXY=direct on the test, lint and dev targets of a project whose release targets set nothing)
  if (s.source === 'makefile') {
    const targets = recipeTargets(repo).get(s.file)?.get(s.line);
    if (targets?.length && targets.every((t) => isDeveloperTarget(t))) return false;
  }
  if (s.source !== 'ci') return true;
  const release = releasePathFiles(repo);
  return !release?.size || release.has(s.file);
}

/** Where a setting acts, for messages: ' in CI', ' in the image build', or nothing. */
export function placeOf(s: GoEnvSetting): string {
  return s.source === 'ci' ? ' in CI' : s.source === 'dockerfile' ? ' in the image build' : '';
}

/** Where a finding about a setting goes; a value that is only a shell default (`${GOSUMDB:-off}`) is medium confidence. */
export function findingAt(s: GoEnvSetting): { file: string; line: number; column: number; confidence: 'medium' | undefined } {
  return { file: s.file, line: s.line, column: s.column, confidence: s.fallback ? 'medium' : undefined };
}

/** Public code hosts: a GOPRIVATE/GONOSUMDB/GONOPROXY pattern naming one of them (or all hosts) covers everyone's modules. */
const PUBLIC_HOSTS = new Set([
  'github.com', 'gitlab.com', 'bitbucket.org', 'golang.org', 'golang.org/x', 'go.googlesource.com', 'gopkg.in', 'k8s.io', 'sigs.k8s.io',
  'google.golang.org', 'go.opentelemetry.io', 'cloud.google.com', 'go.uber.org', 'codeberg.org', 'gitea.com',
]);

/**
 * Entries of a comma-separated module path pattern list that match every module of a public host
 * (`github.com`, `github.com/*`, `*`, `*.com`): the glob matches path prefixes element by element.
 */
export function broadPublicPatterns(list: string): string[] {
  return list.split(',').map((p) => p.trim()).filter((p) => {
    if (!p) return false;
    const parts = p.replace(/\/+$/, '').split('/');
    if (parts.every((x) => x === '*')) return true;
    if (/^\*(\.[a-z]+)?$/i.test(parts[0]!) && parts.slice(1).every((x) => x === '*')) return true;
    const host = parts[0]!.toLowerCase();
    const rest = parts.slice(1);
    if (!PUBLIC_HOSTS.has(host) && !(host === 'golang.org' && rest[0] === 'x')) return false;
    const significant = host === 'golang.org' && rest[0] === 'x' ? rest.slice(1) : rest;
    return significant.every((x) => x === '*');
  });
}
