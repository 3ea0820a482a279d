/**
 * Dockerfile facts: every `Dockerfile*`, `*.dockerfile`, `Containerfile*` in the repository,
 * parsed with dockerfile-ast into build stages (FROM image/tag/digest/name, resolved through
 * global ARG defaults — or through the value the repository's build tooling passes for that ARG,
 * docker-build-args.ts, unset when that value is set outside), the final stage, ENV/ARG state, RUN lines with the `go build`/`go
 * install` and `make` invocations they contain, USER, EXPOSE, ADD (remote URLs, --checksum),
 * COPY --from, ADD/COPY --chmod, ENTRYPOINT/CMD, SHELL; whether an image is a Windows image (isWindowsStage).
 *
 * Each Dockerfile also gets a role from its path and name: production images versus test,
 * development, documentation and example images, which the build rules do not judge; a Dockerfile
 * that none of the repository's build tooling builds, a CI tool image (in a CI configuration folder, built only
 * by compose files), one the visible release path does not build, or one whose header says it is for local
 * development only is a development image (image-builds.ts). The role is the one place every image rule reads.
 * Malformed files (no FROM, unknown instructions) produce diagnostics, never exceptions.
 */
import type * as DockerfileAst from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import { lazyRequire } from '../core/lazy-require.js';
import { defineProvider, factInput, factKey, filesInput } from './fact-provider.js';
import { DOCKER_BUILD_ARGS, toolingFiles, passedArgValues } from './docker-build-args.js';
import type { RepoFacts } from './repo-facts.js';
import { findGoBuilds, makeInvocations, shellCommands, type GoBuildInvocation, type MakeInvocation } from './go-build-invocations.js';
import { isWindowsImage, parseImageRef, type ImageRef } from './image-ref.js';
import { pathRole, type CodeRole, type RepositoryLayout } from '../core/code-roles.js';
import { dockerfilesNotShipped } from './image-builds.js';
import { CI_FACTS } from './ci-config.js';
import { RELEASE_PIPELINES } from './release-pipelines.js';
import { GORELEASER_CONFIGS } from './goreleaser.js';
import { KO_CONFIGS } from './ko.js';
import { isDockerfilePath } from './dockerfile-path.js';
import type { Diagnostic } from '../core/types.js';
import { FileBudget, FileBudgetExceeded, fileBudgetMessage } from '../core/file-budget.js';

const dockerfileAst = lazyRequire<typeof DockerfileAst>('dockerfile-ast');

export interface DockerFrom {
  line: number;
  /** Image argument as written, e.g. `golang:${GO_VERSION}`. */
  raw: string;
  /** After substituting global ARG defaults. */
  resolved: string;
  /** Parsed reference (undefined when the FROM names an earlier stage or has no image). */
  ref?: ImageRef;
  /** True when a variable in the image name could not be resolved. */
  unresolvedName: boolean;
  /** True when a variable in the tag could not be resolved (the literal parts are kept). */
  unresolvedTag: boolean;
  /** Index of the earlier stage this FROM builds on. */
  stageRef?: number;
  platform?: string;
}

export type { MakeInvocation };

export interface DockerRun {
  line: number;
  endLine: number;
  /** Shell text (heredoc bodies and exec form included). */
  script: string;
  /** Environment visible to the RUN: inherited ENV, stage ARGs, `go env -w` settings. */
  env: Record<string, string>;
  /** Stages named in `--mount=...,from=<stage>`. */
  mountFrom: string[];
  goBuilds: GoBuildInvocation[];
  makes: MakeInvocation[];
}

export interface DockerStage {
  index: number;
  name?: string;
  from: DockerFrom;
  line: number;
  endLine: number;
  keywords: { keyword: string; line: number }[];
  /** ENV/ARG/go env -w state at the end of the stage (ENV and go env are inherited by child stages, ARG is not). */
  envOut: Record<string, string>;
  inheritableEnv: Record<string, string>;
  runs: DockerRun[];
  users: { value: string; resolved: string; line: number }[];
  exposes: { ports: string[]; line: number }[];
  adds: { sources: string[]; remote: string[]; checksum: boolean; chmod?: string; line: number }[];
  copies: { from?: string; fromStage?: number; sources: string[]; chmod?: string; line: number }[];
  envs: { name: string; value: string; line: number }[];
  args: { name: string; value?: string; line: number }[];
  /** LABEL key=value pairs, values as written (quotes removed). */
  labels: { name: string; value: string; line: number }[];
  entrypointLine?: number;
  cmdLine?: number;
  /** The program ENTRYPOINT (else CMD) starts: its first word as written (`python`, `/manager`, `node`). */
  entrypointProgram?: string;
  cmdProgram?: string;
  /** The words of ENTRYPOINT and CMD (exec form as listed, shell form split at blanks; at most 8). */
  entrypointWords?: string[];
  cmdWords?: string[];
  /** The words of the last SHELL instruction of the stage (exec form, as listed). */
  shell?: string[];
}

export type DockerfileRole = 'production' | 'test' | 'development' | 'documentation' | 'example' | 'third-party';

export interface DockerfileFacts {
  file: string;
  role: DockerfileRole;
  /** Why the role is not production (the path segment or name part that decided). */
  roleReason?: string;
  globalArgs: Record<string, string | undefined>;
  /**
   * Global ARGs the repository's build tooling passes (`--build-arg`, build-push-action's `build-args`, bake and
   * compose args): their value is the one literal value passed, or unset (set outside) — never the default.
   */
  passedArgs?: string[];
  stages: DockerStage[];
  /** Index of the final stage (the image `docker build` produces without --target). */
  final?: number;
}

/** Kept here as well for the modules that read it with the Dockerfile facts. */
export { isDockerfilePath };

const DOCKERFILE_ROLE: Record<CodeRole, DockerfileRole> = {
  production: 'production', test: 'test', 'test-support': 'test', tooling: 'development', docs: 'documentation', example: 'example',
  'third-party': 'third-party', unreachable: 'development',
};

/**
 * Classifies a Dockerfile with the one code-role model (src/core/code-roles.ts: folders, then name parts such as
 * Dockerfile.test or dev.Dockerfile): production unless the path says test, development, docs, example or third-party,
 * or the repository's layout (RepoFacts.layout) does: a Dockerfile of an archived release copy, of a module copy.
 */
export function dockerfileRole(rel: string, layout?: RepositoryLayout): { role: DockerfileRole; reason?: string } {
  const r = pathRole(rel, layout);
  return r.role === 'production' ? { role: 'production' } : { role: DOCKERFILE_ROLE[r.role], reason: r.reason };
}

/** Substitutes $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}; unknown variables stay as written. */
export function substituteVars(s: string, vars: Record<string, string | undefined>): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const value = s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, n1: string | undefined, op: string | undefined, word: string | undefined, n2: string | undefined) => {
    const name = (n1 ?? n2)!;
    const v = vars[name];
    const set = v !== undefined;
    const nonEmpty = set && v !== '';
    if (op === ':-') return nonEmpty ? v! : word ?? '';
    if (op === '-') return set ? v! : word ?? '';
    if (op === ':+') return nonEmpty ? word ?? '' : '';
    if (op === '+') return set ? word ?? '' : '';
    if (set) return v!;
    unresolved.push(name);
    return all;
  });
  return { value, unresolved };
}

function lineOf(ins: Instruction): number {
  return ins.getRange().start.line + 1;
}

function flagValue(ins: Instruction, name: string): string | undefined {
  const flags = (ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
  const f = flags.find((x) => x.getName().toLowerCase() === name);
  return f ? (f.getValue() ?? '') : undefined;
}

/** `{ chmod }` when ADD/COPY has --chmod (no key otherwise). */
function chmodFlag(ins: Instruction): { chmod?: string } {
  const v = flagValue(ins, 'chmod');
  return v === undefined ? {} : { chmod: v };
}

function allFlags(ins: Instruction): { name: string; value: string }[] {
  const flags = (ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
  return flags.map((f) => ({ name: f.getName().toLowerCase(), value: f.getValue() ?? '' }));
}

/** Key/value pairs of ENV / ARG (both `K=V` and legacy `K V`). */
function properties(ins: Instruction): { name: string; value?: string }[] {
  const x = ins as unknown as { getProperties?: () => { getName(): string; getValue(): string | null }[] };
  try {
    return (x.getProperties?.() ?? []).map((p) => ({ name: p.getName(), value: p.getValue() ?? undefined }));
  } catch {
    return [];
  }
}

/** The shell text a RUN executes: shell form, heredoc body or exec-form argv. */
export function runScript(argsContent: string): string {
  const t = argsContent.trim();
  if (t.startsWith('[')) {
    try {
      const argv = JSON.parse(t) as unknown;
      if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) {
        return (argv as string[]).map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      }
    } catch {
      /* not JSON: shell form starting with [ */
    }
  }
  const h = /^<<(-?)["']?(\w+)["']?[^\n]*\n/.exec(t);
  if (h) {
    const body = t.slice(h[0].length).split('\n');
    const end = body.findIndex((l) => (h[1] ? l.trim() : l) === h[2]);
    return (end === -1 ? body : body.slice(0, end)).join('\n');
  }
  return t;
}

/** The first word of an ENTRYPOINT / CMD (exec form or shell form); undefined when empty. */
export function commandProgram(argsContent: string): string | undefined {
  const word = /^\s*'?([^\s']+)/.exec(runScript(argsContent));
  return word?.[1];
}

/** The first words of an ENTRYPOINT / CMD: exec form as listed, shell form split at blanks (at most 8). */
export function commandWords(argsContent: string): string[] {
  const t = argsContent.trim();
  if (t.startsWith('[')) {
    try {
      const argv = JSON.parse(t) as unknown;
      if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) return (argv as string[]).slice(0, 8);
    } catch {
      /* not JSON: shell form starting with [ */
    }
  }
  return runScript(t).split(/\s+/).filter(Boolean).slice(0, 8);
}

/** Kept here as well for the modules that read it with the Dockerfile facts. */
export { makeInvocations };

/**
 * Parses one Dockerfile. Problems go to `diagnostics`; never throws. A file whose reading goes
 * over `budgetMs` (the per-file budget) is a `file-timeout` diagnostic and yields no stages.
 */
export function parseDockerfile(file: string, text: string, diagnostics: Diagnostic[] = [], budgetMs?: number,
  passed: ReadonlyMap<string, string | undefined> = new Map()): DockerfileFacts {
  const budget = new FileBudget(budgetMs);
  const own: Diagnostic[] = [];
  try {
    const facts = parseDockerfileWithin(file, text, own, budget, passed);
    for (const d of own) diagnostics.push(d);
    return facts;
  } catch (e) {
    if (!(e instanceof FileBudgetExceeded)) throw e;
    const { role, reason } = dockerfileRole(file);
    diagnostics.push({ level: 'warning', code: 'file-timeout', file, message: fileBudgetMessage('Dockerfile', e.budgetMs) });
    return { file, role, roleReason: reason, globalArgs: {}, stages: [] };
  }
}

function parseDockerfileWithin(file: string, text: string, diagnostics: Diagnostic[], budget: FileBudget,
  passed: ReadonlyMap<string, string | undefined>): DockerfileFacts {
  const { role, reason } = dockerfileRole(file);
  const facts: DockerfileFacts = { file, role, roleReason: reason, globalArgs: {}, stages: [] };
  /** Stage name (lower case) → the first stage of that name. */
  const stageByName = new Map<string, number>();
  let instructions: Instruction[];
  try {
    // A lone CR is not a line break for Docker (it splits on \n) nor for goready's line numbers;
    // dockerfile-ast counts it as one, which put findings on lines the file does not have.
    instructions = dockerfileAst().DockerfileParser.parse(text.replace(/\r(?!\n)/g, ' ')).getInstructions();
  } catch (e) {
    diagnostics.push({ level: 'warning', code: 'dockerfile-parse', file, message: `cannot parse Dockerfile: ${(e as Error).message}` });
    return facts;
  }
  const KNOWN = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
  let stage: DockerStage | undefined;
  let env: Record<string, string> = {};
  let inheritable: Record<string, string> = {};
  const closeStage = (endLine: number) => {
    if (!stage) return;
    stage.endLine = endLine;
    stage.envOut = env;
    stage.inheritableEnv = inheritable;
  };
  for (const ins of instructions) {
    budget.check();
    let keyword: string;
    let args: string;
    try {
      keyword = ins.getKeyword().toUpperCase();
      args = ins.getArgumentsContent() ?? '';
    } catch {
      continue;
    }
    const line = lineOf(ins);
    if (!KNOWN.has(keyword)) {
      diagnostics.push({ level: 'warning', code: 'dockerfile-unknown-instruction', file, line, message: `unknown instruction '${ins.getKeyword()}' (docker build would fail here); line ignored` });
      continue;
    }
    if (keyword === 'FROM') {
      closeStage(line - 1);
      const argWords = ins.getArguments().map((a) => a.getValue());
      const imageArg = argWords[0] ?? '';
      const asIdx = argWords.findIndex((w) => w.toLowerCase() === 'as');
      const name = asIdx > 0 ? argWords[asIdx + 1] : undefined;
      const sub = substituteVars(imageArg, facts.globalArgs);
      const from: DockerFrom = {
        line, raw: imageArg, resolved: sub.value, unresolvedName: false, unresolvedTag: false,
        platform: flagValue(ins, 'platform'),
      };
      if (!imageArg) {
        diagnostics.push({ level: 'warning', code: 'dockerfile-from-no-image', file, line, message: 'FROM without an image' });
        from.unresolvedName = true;
      } else {
        const ref = parseImageRef(sub.value);
        const stageIdx = stageByName.get(sub.value.toLowerCase());
        if (stageIdx !== undefined) from.stageRef = stageIdx;
        else if (ref) {
          from.ref = ref;
          from.unresolvedName = /\$/.test(ref.name);
          from.unresolvedTag = /\$/.test(ref.tag ?? '') || /\$/.test(ref.digest ?? '');
        }
      }
      const parent = from.stageRef !== undefined ? facts.stages[from.stageRef] : undefined;
      env = { ...(parent?.inheritableEnv ?? {}) };
      inheritable = { ...(parent?.inheritableEnv ?? {}) };
      stage = {
        index: facts.stages.length, name, from, line, endLine: line, keywords: [], envOut: {}, inheritableEnv: {},
        runs: [], users: [], exposes: [], adds: [], copies: [], envs: [], args: [], labels: [],
      };
      facts.stages.push(stage);
      if (name !== undefined && !stageByName.has(name.toLowerCase())) stageByName.set(name.toLowerCase(), stage.index);
      stage.keywords.push({ keyword, line });
      continue;
    }
    if (!stage) {
      if (keyword === 'ARG') {
        for (const p of properties(ins)) {
          if (passed.has(p.name)) {
            // the build passes it: the default is not what is built (blind sample of 2026-12-12: oauth2-proxy's
            // FROM ${RUNTIME_IMAGE} with ARG RUNTIME_IMAGE=placeholder, every make target passing the real image)
            facts.globalArgs[p.name] = passed.get(p.name);
            if (!(facts.passedArgs ??= []).includes(p.name)) facts.passedArgs.push(p.name);
            continue;
          }
          facts.globalArgs[p.name] = p.value !== undefined ? substituteVars(p.value, facts.globalArgs).value : undefined;
        }
      } else {
        diagnostics.push({ level: 'warning', code: 'dockerfile-before-from', file, line, message: `${keyword} before the first FROM (only ARG may precede FROM)` });
      }
      continue;
    }
    stage.keywords.push({ keyword, line });
    const endLine = ins.getRange().end.line + 1;
    switch (keyword) {
      case 'ENV':
        for (const p of properties(ins)) {
          const v = substituteVars(p.value ?? '', env).value;
          env[p.name] = v;
          inheritable[p.name] = v;
          stage.envs.push({ name: p.name, value: v, line });
        }
        break;
      case 'ARG':
        for (const p of properties(ins)) {
          const v = p.value !== undefined ? substituteVars(p.value, env).value : facts.globalArgs[p.name];
          if (v !== undefined && env[p.name] === undefined) env[p.name] = v;
          stage.args.push({ name: p.name, value: v, line });
        }
        break;
      case 'RUN': {
        const script = runScript(args);
        const mountFrom = allFlags(ins).filter((f) => f.name === 'mount').flatMap((f) => /(?:^|,)from=([^,]+)/.exec(f.value)?.[1] ?? []);
        // `go env -w K=V` persists in the image's go env file, like ENV for the go command
        for (const cmd of shellCommands(script)) {
          const w = cmd.map((x) => x.value);
          const gi = w.findIndex((x) => /(^|\/)go$/.test(x));
          if (gi !== -1 && w[gi + 1] === 'env' && w[gi + 2] === '-w') {
            for (const kv of w.slice(gi + 3)) {
              const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(kv);
              if (m) { env[m[1]!] = m[2]!; inheritable[m[1]!] = m[2]!; }
            }
          }
        }
        stage.runs.push({
          line, endLine, script, env: { ...env }, mountFrom,
          goBuilds: findGoBuilds(script, env),
          makes: makeInvocations(script, env),
        });
        break;
      }
      case 'LABEL':
        for (const p of properties(ins)) stage.labels.push({ name: p.name, value: p.value ?? '', line });
        break;
      case 'USER': {
        const raw = args.trim();
        stage.users.push({ value: raw, resolved: substituteVars(raw, env).value, line });
        break;
      }
      case 'EXPOSE':
        stage.exposes.push({ ports: ins.getArguments().map((a) => substituteVars(a.getValue(), env).value), line });
        break;
      case 'ADD': {
        const words = ins.getArguments().map((a) => a.getValue());
        const sources = words.slice(0, -1);
        stage.adds.push({
          sources,
          remote: sources.filter((s) => /^(https?|ftp):\/\//i.test(s) || /^git@/.test(s)),
          checksum: flagValue(ins, 'checksum') !== undefined,
          ...chmodFlag(ins),
          line,
        });
        break;
      }
      case 'COPY': {
        const from = flagValue(ins, 'from');
        const words = ins.getArguments().map((a) => a.getValue());
        let fromStage: number | undefined;
        if (from !== undefined) {
          const resolved = substituteVars(from, env).value;
          const idx = stageByName.get(resolved.toLowerCase());
          if (idx !== undefined) fromStage = idx;
          else if (/^\d+$/.test(resolved) && Number(resolved) < facts.stages.length) fromStage = Number(resolved);
        }
        stage.copies.push({ from, fromStage, sources: words.slice(0, -1), ...chmodFlag(ins), line });
        break;
      }
      case 'ENTRYPOINT': stage.entrypointLine = line; stage.entrypointProgram = commandProgram(args); stage.entrypointWords = commandWords(args); break;
      case 'CMD': stage.cmdLine = line; stage.cmdProgram = commandProgram(args); stage.cmdWords = commandWords(args); break;
      case 'SHELL': stage.shell = commandWords(args); break;
      default: break;
    }
  }
  closeStage(Number.MAX_SAFE_INTEGER);
  if (facts.stages.length === 0) {
    diagnostics.push({ level: 'warning', code: 'dockerfile-no-from', file, line: 1, message: 'no FROM instruction: not a buildable Dockerfile; not judged' });
  } else {
    facts.final = facts.stages.length - 1;
  }
  return facts;
}

/** Stage indexes from `i` up through the stages it is built FROM (i first). */
export function stageChain(df: DockerfileFacts, i: number): DockerStage[] {
  const out: DockerStage[] = [];
  const seen = new Set<number>();
  let cur: number | undefined = i;
  while (cur !== undefined && !seen.has(cur) && df.stages[cur]) {
    seen.add(cur);
    out.push(df.stages[cur]!);
    cur = df.stages[cur]!.from.stageRef;
  }
  return out;
}

/** The external image at the root of stage `i`'s chain (undefined when unresolvable). */
export function rootFrom(df: DockerfileFacts, i: number): DockerFrom | undefined {
  const chain = stageChain(df, i);
  return chain[chain.length - 1]?.from;
}

/** Stages whose output ends up in the final image: its chain plus stages copied or mounted from, transitively. */
export function stagesFeedingFinal(df: DockerfileFacts): Set<number> {
  const out = new Set<number>();
  if (df.final === undefined) return out;
  const todo = [df.final];
  while (todo.length) {
    const i = todo.pop()!;
    for (const s of stageChain(df, i)) {
      if (out.has(s.index)) continue;
      out.add(s.index);
      for (const c of s.copies) if (c.fromStage !== undefined) todo.push(c.fromStage);
      for (const r of s.runs) {
        for (const m of r.mountFrom) {
          const idx = df.stages.findIndex((x) => x.name?.toLowerCase() === m.toLowerCase());
          if (idx !== -1) todo.push(idx);
        }
      }
    }
  }
  return out;
}

/** True when the final image says what to run (ENTRYPOINT or CMD in its stage chain). */
export function isRunnable(df: DockerfileFacts, i: number): boolean {
  return stageChain(df, i).some((s) => s.entrypointLine !== undefined || s.cmdLine !== undefined);
}

/**
 * The command the image of stage `i` runs: the ENTRYPOINT in effect followed by the CMD in effect (a CMD set in a
 * parent stage is dropped by a later ENTRYPOINT, as docker does), or the CMD alone; undefined when neither is set.
 */
export function imageCommand(df: DockerfileFacts, i: number): string[] | undefined {
  const chain = stageChain(df, i);
  const ep = chain.findIndex((s) => s.entrypointLine !== undefined);
  const cmd = chain.findIndex((s) => s.cmdLine !== undefined);
  if (ep === -1) return cmd === -1 ? undefined : chain[cmd]!.cmdWords ?? [];
  const own = chain[ep]!.entrypointWords ?? [];
  return cmd !== -1 && cmd <= ep ? [...own, ...(chain[cmd]!.cmdWords ?? [])] : own;
}

/** A word naming a debug build: Dockerfile.dsym, a stage `debug-build`, LABEL description="... with debug symbols". */
const DEBUG_WORD = /^(?:debug|dbg|dsym|symbols?)$/i;
const DEBUG_TEXT = /\b(?:debug|dbg|dsym)\b|\bsymbols\b/i;

/**
 * Why a Dockerfile declares itself the debug variant of an image: a debug word in its file name (Dockerfile.dsym,
 * debug-symbols.Dockerfile), in the name of a stage whose output ends up in the final image, or in a LABEL of the
 * final image (variant=app-dsym, description="... with debug symbols"); undefined when none does.
 */
export function debugVariantReason(df: DockerfileFacts): string | undefined {
  const base = df.file.slice(df.file.lastIndexOf('/') + 1);
  const nameParts = base.replace(/^(docker|container)file/i, '').replace(/\.(docker|container)file$/i, '').split(/[._-]+/);
  if (nameParts.some((p) => DEBUG_WORD.test(p))) return `file ${base}`;
  if (df.final === undefined) return undefined;
  for (const i of stagesFeedingFinal(df)) {
    const name = df.stages[i]?.name;
    if (name && name.split(/[._-]+/).some((p) => DEBUG_WORD.test(p))) return `stage ${name}`;
  }
  for (const s of stageChain(df, df.final)) {
    const l = s.labels.find((x) => DEBUG_TEXT.test(x.name) || DEBUG_TEXT.test(x.value));
    if (l) return `LABEL ${l.name}=${l.value.slice(0, 60)}`;
  }
  return undefined;
}

/**
 * Whether the image of stage `i` is a Windows image: the external image at the root of its chain is a Windows base
 * (image-ref.ts isWindowsImage: nanoserver, servercore…), a FROM of the chain asks for a `windows/…` platform, or the
 * chain sets a Windows shell (SHELL ["powershell", …] / ["cmd", "/S", "/C"]) or a Windows account (USER ContainerUser,
 * ContainerAdministrator). Linux premises (uid 0, USER 65532, mode bits) do not hold for it.
 */
export function isWindowsStage(df: DockerfileFacts, i: number): boolean {
  const chain = stageChain(df, i);
  const root = chain[chain.length - 1]?.from;
  if (root?.ref && !root.unresolvedName && isWindowsImage(root.ref)) return true;
  return chain.some((s) => /^windows(\/|$)/i.test(s.from.platform ?? '')
    || /^(powershell|cmd)(\.exe)?$/i.test(s.shell?.[0] ?? '')
    || s.users.some((u) => /^container(user|administrator)$/i.test(u.resolved.trim())));
}

/** The last USER instruction in effect for stage `i` (own stage first, then parents). */
export function effectiveUser(df: DockerfileFacts, i: number): DockerStage['users'][number] | undefined {
  for (const s of stageChain(df, i)) {
    const u = s.users[s.users.length - 1];
    if (u) return u;
  }
  return undefined;
}

/** All Dockerfiles of the repository, parsed once per audit. */
export const DOCKERFILES = factKey<DockerfileFacts[]>('dockerfiles');

const dockerfileFiles = filesInput('Dockerfiles', (r) => isDockerfilePath(r));

/**
 * Parses every Dockerfile, its global ARGs set as the repository's build tooling passes them (docker-build-args.ts);
 * a production Dockerfile that no workflow, Makefile, script or release configuration builds is a developer's variant
 * (image-builds.ts; blind sample of 2026-12-11: matterbridge's tgs.Dockerfile and a stale docker/arm/Dockerfile), one
 * in a CI configuration folder built only by compose files is the CI's own tool image, one the visible release path
 * does not build (a compose-only local stack, an integration-test image) and, where that path is not visible, one
 * whose header says it is for local development only: all are development images, which no image rule judges.
 */
export const dockerfilesProvider = defineProvider({
  provides: DOCKERFILES,
  reads: [dockerfileFiles, toolingFiles, factInput(DOCKER_BUILD_ARGS), factInput(CI_FACTS), factInput(RELEASE_PIPELINES), factInput(GORELEASER_CONFIGS),
    factInput(KO_CONFIGS)],
  cacheable: true,
  compute: (repo) => {
    const parsed = repo.parseFiles(dockerfileFiles, 'Dockerfile', (rel, text) => ({ rel, text, facts: parseDockerfile(rel, text, repo.diagnostics, repo.fileBudgetMs) }));
    // the tooling's arguments matter only to a Dockerfile with global ARGs: read them (and parse again) only then;
    // the second parse finds the same problems (none depends on an ARG's value), already reported
    const passed = parsed.some((p) => Object.keys(p.facts.globalArgs).length) ? passedArgValues(repo.fact(DOCKER_BUILD_ARGS)) : new Map<string, string | undefined>();
    const all = parsed.map((p) => (Object.keys(p.facts.globalArgs).some((name) => passed.has(name)) ? parseDockerfile(p.rel, p.text, [], repo.fileBudgetMs, passed) : p.facts));
    // the repository's layout may say more than the path (an archived release's copy: documentation)
    const placed = all.map((d) => {
      if (d.role !== 'production') return d;
      const r = dockerfileRole(d.file, repo.layout);
      return r.role === 'production' ? d : { ...d, role: r.role, roleReason: r.reason };
    });
    const unbuilt = dockerfilesNotShipped(repo, placed.filter((d) => d.role === 'production').map((d) => d.file));
    return unbuilt.size ? placed.map((d) => (unbuilt.has(d.file) ? { ...d, role: 'development' as const, roleReason: unbuilt.get(d.file) } : d)) : placed;
  },
});

export function dockerfiles(repo: RepoFacts): DockerfileFacts[] {
  return repo.fact(DOCKERFILES);
}

/** A Go runtime (or other) variable set by ENV in the final image of a production Dockerfile. */
export interface ImageEnvDefault {
  name: string;
  file: string;
  line: number;
  value: string;
}

/**
 * The ENV defaults of the images the repository's production Dockerfiles build (the final stage
 * and the stages it is built FROM), one per variable name, the first Dockerfile's first: what a
 * container built from this repository starts with when its manifest does not set the variable.
 */
export const IMAGE_ENV_DEFAULTS = factKey<ImageEnvDefault[]>('dockerfiles:image-env');

export const imageEnvDefaultsProvider = defineProvider({
  provides: IMAGE_ENV_DEFAULTS,
  reads: [factInput(DOCKERFILES)],
  cacheable: true,
  compute: (repo) => {
    const out = new Map<string, ImageEnvDefault>();
    for (const df of repo.fact(DOCKERFILES)) {
      if (df.role !== 'production' || df.final === undefined) continue;
      for (const stage of stageChain(df, df.final)) for (const e of stage.envs) if (!out.has(e.name)) out.set(e.name, { name: e.name, file: df.file, line: e.line, value: e.value });
    }
    return [...out.values()];
  },
});
