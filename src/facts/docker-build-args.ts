/**
 * The Docker build arguments the repository's own tooling passes (image-builds.ts names the files: CI
 * configurations, Makefiles, scripts, bake and compose files): `--build-arg NAME=value` (or `--build-arg
 * NAME`, taken from the environment) on a docker/podman/buildah command line, the `build-args:` input of
 * docker/build-push-action (a block scalar, a list or one line), the `args` of a bake target (HCL or JSON) and
 * of a compose service's `build:`.
 *
 * A value is kept when it is a literal; one written with a variable (`$(GO_VERSION)`, `${{ env.X }}`,
 * `{{ .Tag }}`) or taken from the environment is set outside the repository's text (no value).
 * Which Dockerfile an invocation builds is not traced: an argument passed anywhere counts for every
 * Dockerfile that declares it (blind sample of 2026-12-12: oauth2-proxy's Makefile passes BUILD_IMAGE and
 * RUNTIME_IMAGE, postgres-operator's workflows BASE_IMAGE).
 */
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import { isToolingFile } from './image-builds.js';

export interface PassedBuildArg {
  file: string;
  line: number;
  name: string;
  /** The literal value passed; absent when it is set outside the repository's text (a variable, the environment). */
  value?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A value written with a variable of some tool (shell, make, Actions expressions, templates). */
const VARIABLE_VALUE = /\$|\{\{|%\{/;
/** At most this many build arguments per file (bounds what a hostile file can make the facts carry). */
const MAX_PER_FILE = 500;

function unquote(s: string): string {
  const t = s.trim();
  return /^(["']).*\1$/s.test(t) && t.length >= 2 ? t.slice(1, -1) : t;
}

function arg(file: string, line: number, name: string, value: string | undefined): PassedBuildArg | undefined {
  if (!NAME.test(name)) return undefined;
  const v = value === undefined ? undefined : unquote(value);
  return v === undefined || VARIABLE_VALUE.test(v) ? { file, line, name } : { file, line, name, value: v };
}

/** `NAME=value` (or a bare `NAME`, from the environment) as written in a build-arg list. */
function assignment(file: string, line: number, text: string): PassedBuildArg | undefined {
  const t = unquote(text.replace(/^-\s+/, '').trim());
  if (!t || t.startsWith('#')) return undefined;
  const eq = t.indexOf('=');
  return eq === -1 ? arg(file, line, t, undefined) : arg(file, line, t.slice(0, eq).trim(), t.slice(eq + 1));
}

function indentOf(s: string): number {
  return /^\s*/.exec(s)![0].length;
}

/** The lines of a YAML key's value: the rest of its line and the more-indented lines below it. */
function yamlValueLines(lines: string[], i: number, key: RegExp): { text: string; line: number }[] {
  const m = key.exec(lines[i]!)!;
  const rest = lines[i]!.slice(m.index + m[0].length).replace(/\s+#.*$/, '').trim();
  if (rest && !/^[|>][-+]?\d*$/.test(rest)) return rest.split(/,|\\n/).map((t) => ({ text: t, line: i + 1 }));
  const base = indentOf(lines[i]!);
  const out: { text: string; line: number }[] = [];
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j]!;
    if (!l.trim()) continue;
    if (indentOf(l) <= base && !(l.trimStart().startsWith('- ') && indentOf(l) === base && !rest)) break;
    out.push({ text: l.trim(), line: j + 1 });
  }
  return out;
}

/** The build arguments one tooling file passes. */
export function buildArgsIn(file: string, text: string): PassedBuildArg[] {
  const out: PassedBuildArg[] = [];
  const push = (a: PassedBuildArg | undefined) => { if (a && out.length < MAX_PER_FILE) out.push(a); };
  const lines = text.split('\n');
  const compose = /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/.test(file);
  const bakeJson = /(?:^|\/)docker-bake[^/]*\.json$/.test(file);
  for (let i = 0; i < lines.length && out.length < MAX_PER_FILE; i++) {
    const l = lines[i]!;
    // --build-arg NAME=value, --build-arg=NAME=value, --build-arg "NAME=value", --build-arg NAME
    for (const m of l.matchAll(/--build-arg(?:=|\s+)("[^"]*"|'[^']*'|[^\s;&|)]+)/g)) push(assignment(file, i + 1, m[1]!));
    if (/^\s*-?\s*build-args\s*:/.test(l)) {
      for (const v of yamlValueLines(lines, i, /build-args\s*:/)) push(assignment(file, v.line, v.text));
    }
    if (compose && /^\s*args\s*:/.test(l) && i > 0 && lines.slice(Math.max(0, i - 20), i).some((p) => /^\s*build\s*:/.test(p))) {
      for (const v of yamlValueLines(lines, i, /args\s*:/)) {
        const kv = /^([A-Za-z_]\w*)\s*:\s*(.*)$/.exec(v.text.replace(/^-\s+/, ''));
        push(kv ? arg(file, v.line, kv[1]!, kv[2]!.replace(/\s+#.*$/, '')) : assignment(file, v.line, v.text));
      }
    }
    // bake HCL: args = { NAME = "value" } (one line or a block)
    if (/\.hcl$/.test(file) && /^\s*args\s*=\s*\{/.test(l)) {
      for (let j = i; j < lines.length && j < i + 200; j++) {
        const body = j === i ? lines[j]!.slice(lines[j]!.indexOf('{') + 1) : lines[j]!;
        for (const kv of body.matchAll(/([A-Za-z_]\w*)\s*=\s*("[^"]*"|[^\s,}]+)/g)) push(arg(file, j + 1, kv[1]!, kv[2]!));
        if (body.includes('}')) break;
      }
    }
    // bake JSON: "args": { "NAME": "value" }
    if (bakeJson && /"args"\s*:\s*\{/.test(l)) {
      for (let j = i; j < lines.length && j < i + 200; j++) {
        const body = j === i ? lines[j]!.slice(lines[j]!.search(/"args"\s*:\s*\{/)).replace(/^"args"\s*:\s*\{/, '') : lines[j]!;
        for (const kv of body.matchAll(/"([A-Za-z_]\w*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) push(arg(file, j + 1, kv[1]!, kv[2]!));
        if (body.includes('}')) break;
      }
    }
  }
  return out;
}

/** Every build argument the repository's tooling passes. */
export const DOCKER_BUILD_ARGS = factKey<PassedBuildArg[]>('docker-build-args');

/** Workflows, Makefiles, scripts, GoReleaser/bake/compose/Cloud Build/Skaffold/Tekton files: what builds images. */
export const toolingFiles = filesInput('build tooling files', (rel) => isToolingFile(rel));

export const dockerBuildArgsProvider = defineProvider({
  provides: DOCKER_BUILD_ARGS,
  reads: [toolingFiles],
  cacheable: true,
  compute: (repo) => repo.parseFiles(toolingFiles, 'build tooling file', (rel, text) => buildArgsIn(rel, text)).flat(),
});

/**
 * What the tooling sets each passed argument to: the one literal value every invocation passes, or undefined
 * (set outside: a variable, the environment, or different values in different builds).
 */
export function passedArgValues(args: readonly PassedBuildArg[]): Map<string, string | undefined> {
  const values = new Map<string, Set<string | undefined>>();
  for (const a of args) {
    let s = values.get(a.name);
    if (!s) values.set(a.name, (s = new Set()));
    s.add(a.value);
  }
  return new Map([...values].map(([name, s]) => [name, s.size === 1 ? [...s][0] : undefined]));
}
