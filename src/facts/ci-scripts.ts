/**
 * Finds Go tooling in CI script text and follows what the script delegates to: `make <target>`
 * (the Makefile's recipe and prerequisites, textually, variables expanded) and repository shell
 * scripts (`./hack/test.sh`). Bounded: a few levels deep, each make target or script once per
 * variable set, and a global line budget.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import {
  type RecognisedTool,
  type ScriptLine,
  type SimpleCommand,
  TOOL_PROGRAMS,
  logicalLines,
  nestedScript,
  recogniseCommand,
  replaceExpressions,
  simpleCommands,
} from './ci-shell.js';
import { makefileAt, type ExpandContext, type MakeProject } from './makefile.js';
import { bindingScript, boundNames, findBindings, flakeFiles, localFlakeDir, referencedNames, type NixBinding } from './nix-flake.js';

/** A `make` invocation: the Makefile (repo-relative), make's working directory, the targets and command-line variables. */
export interface MakeRun {
  makefile: string;
  dir: string;
  targets: string[];
  vars: Record<string, string>;
  /** A target was computed (`make image-$IMAGE`, a matrix value): `targets` lists only the literal ones. */
  computedTargets?: true;
}

export interface ToolHit extends RecognisedTool {
  /** Line of the command in the analysed text (for a followed make target: the `make` line). */
  line: number;
  /** The command that runs the tool (innermost, expanded). */
  text: string;
  /** Followed locations, outermost first: `Makefile:212`, `hack/test.sh:40`. */
  via: string[];
  /** For tool 'make': what the run makes. */
  make?: MakeRun;
  /** For tool 'docker-build': the image build the command runs. */
  image?: ImageBuildRun;
}

/**
 * An image build a command runs (`docker build`, `docker buildx build`, `podman build`, `buildah bud`, `docker buildx
 * bake`). Paths are repository-relative and may hold unresolved variables (`docker/$NAME/Dockerfile`): they match
 * what the variable can stand for.
 */
export interface ImageBuildRun {
  /** The Dockerfile built (`-f`, else `<context>/Dockerfile`); '*' when it cannot be told (`-f -`). */
  dockerfile?: string;
  /** The build context, for a build whose Dockerfile is the context's default. */
  context?: string;
  /** For bake: the definition files (`-f`, else the defaults in the working directory) and the targets named. */
  bake?: { files: string[]; dir: string; targets: string[] };
}

/** `docker build` / `buildx build` options that take a value (the word after them is not the context). */
const BUILD_VALUED = new Set(['-f', '--file', '-t', '--tag', '--build-arg', '--platform', '--target', '--label', '--secret', '--ssh',
  '--cache-from', '--cache-to', '-o', '--output', '--iidfile', '--metadata-file', '--progress', '--builder', '--network', '--add-host',
  '--build-context', '--shm-size', '--ulimit', '--annotation', '--attest', '--allow', '--cgroup-parent', '--isolation', '-m', '--memory',
  '--memory-swap', '--cpu-shares', '-c', '--cpuset-cpus', '--cpuset-mems', '--cpu-period', '--cpu-quota', '--security-opt', '--sbom',
  '--provenance', '--call', '--format', '--layers', '--jobs', '--tls-verify', '--authfile', '--creds', '--arch', '--os', '--variant',
  '--manifest', '--volume', '-v', '--set', '--env', '--from', '--userns', '--ignorefile', '--stage']);
/** Options that take no value even where a word follows. */
const BUILD_BOOLEAN = new Set(['--push', '--load', '--pull', '--no-cache', '-q', '--quiet', '--rm', '--force-rm', '--squash', '--compress',
  '--print', '--check', '--debug', '--no-cache-filter', '--disable-content-trust']);

/** The image build a simple command runs, or undefined when it runs none. */
export function imageBuildOf(cmd: SimpleCommand, cwd: string): ImageBuildRun | undefined {
  const a = cmd.args;
  let i = 0;
  if (cmd.name === 'docker' || cmd.name === 'podman' || cmd.name === 'nerdctl') {
    while (i < a.length && a[i]!.startsWith('-')) i += /^--?(?:context|host|H|config|log-level|l)$/.test(a[i]!) ? 2 : 1;
    if (a[i] === 'buildx' || a[i] === 'image' || a[i] === 'builder') i++;
    if (a[i] === 'bake') return bakeOf(a.slice(i + 1), cwd);
    if (a[i] !== 'build') return undefined;
  } else if (cmd.name === 'buildah') {
    if (a[i] !== 'bud' && a[i] !== 'build' && a[i] !== 'build-using-dockerfile') return undefined;
  } else if (cmd.name === 'docker-buildx' && a[0] === 'bake') return bakeOf(a.slice(1), cwd);
  else return undefined;
  let file: string | undefined;
  let context: string | undefined;
  for (let k = i + 1; k < a.length; k++) {
    const w = a[k]!;
    if (w === '-f' || w === '--file') { file = a[++k]; continue; }
    if (/^(?:-f|--file=)./.test(w)) { file = w.replace(/^(?:--file=|-f)/, ''); continue; }
    if (w.startsWith('-')) {
      if (!w.includes('=') && BUILD_VALUED.has(w) && !BUILD_BOOLEAN.has(w)) k++;
      continue;
    }
    context ??= w;
  }
  if (context === undefined || /^(?:https?:\/\/|git@|github\.com\/)|\.git(?:#|$)/.test(context)) return undefined;
  const ctx = context === '-' ? undefined : joinPath(cwd, context);
  if (file === '-') return { dockerfile: '*' };
  if (file !== undefined) {
    const f = joinPath(cwd, file);
    return f === undefined ? { dockerfile: '*' } : { dockerfile: f };
  }
  if (ctx === undefined) return { dockerfile: '*' };
  return { dockerfile: ctx ? `${ctx}/Dockerfile` : 'Dockerfile', context: ctx };
}

/** `docker buildx bake [-f file]... [target]...`: the definition files and targets. */
function bakeOf(args: string[], cwd: string): ImageBuildRun {
  const files: string[] = [];
  const targets: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const w = args[k]!;
    if (w === '-f' || w === '--file') { const f = joinPath(cwd, args[++k] ?? ''); if (f !== undefined) files.push(f); continue; }
    if (w.startsWith('--file=')) { const f = joinPath(cwd, w.slice(7)); if (f !== undefined) files.push(f); continue; }
    if (w.startsWith('-')) {
      if (!w.includes('=') && /^(?:--set|--progress|--builder|--metadata-file|--call|--allow|--provenance|--sbom)$/.test(w)) k++;
      continue;
    }
    targets.push(w);
  }
  return { bake: { files, dir: cwd, targets } };
}

/** A path written in a script, joined to the working directory (variables kept); undefined outside the repository. */
function joinPath(cwd: string, p: string): string | undefined {
  const q = p.replace(/^["']|["']$/g, '');
  if (q.startsWith('~')) return undefined;
  if (/^\$[{(]?[A-Za-z_]\w*[})]?$/.test(q)) return '*';
  const j = path.posix.normalize(q.startsWith('/') ? q.slice(1) : path.posix.join(cwd || '.', q));
  if (j.startsWith('..')) return undefined;
  return j === '.' ? '' : j.replace(/\/$/, '');
}

export interface ScriptScope {
  /** Variables in effect (CI env, then script assignments). */
  env: Record<string, string>;
  /** Repo-relative working directory ('' for the root). */
  cwd: string;
  depth?: number;
  /** Shell functions defined by files the script sourced (`source ./scripts/build.sh`), by name. */
  functions?: Map<string, ShellFunction>;
}

/** A shell function's body as written in its file. */
interface ShellFunction {
  file: string;
  body: ScriptLine[];
}

/** `name() {`, `function name {`, `function name() {` opening a function definition on its own line. */
const FUNCTION_START = /^\s*(?:function\s+([A-Za-z_][\w-]*)\s*(?:\(\s*\))?|([A-Za-z_][\w-]*)\s*\(\s*\))\s*\{?\s*$/;

/** The function definitions of a shell file (bodies up to the closing brace at the definition's indent). */
export function shellFunctions(file: string, text: string): Map<string, ShellFunction> {
  const out = new Map<string, ShellFunction>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = FUNCTION_START.exec(lines[i]!);
    if (!m) continue;
    const indent = lines[i]!.length - lines[i]!.trimStart().length;
    const body: ScriptLine[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (/^\s*\}\s*(?:#.*)?$/.test(l) && l.length - l.trimStart().length <= indent) break;
      if (/^\s*\{\s*$/.test(l) && !body.length) continue;
      body.push({ text: l, line: j + 1 });
    }
    out.set((m[1] ?? m[2])!, { file, body });
    i = j;
  }
  return out;
}

const MAX_DEPTH = 3;
const LINE_BUDGET = 50_000;
const INTERPRETERS = /^(python[0-9.]*|ruby|perl|node)$/;
const MESSAGE_CALL = /\b(print|println|printf|puts|echo|say|log|debug|info|warn|warning|error|fatal|exception|format)\s*\(?\s*[frbu]?$/i;
const PROGRAM_EXT = /\.(py|rb|pl|js|mjs)$/;

/**
 * Command-like string literals of one line of a program: each quoted string, and a run of quoted words
 * separated by commas (an argv list: `["go", "test", "./..."]`) joined by spaces.
 */
export function commandLiterals(line: string): string[] {
  const quoted = [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)]
    .map((m) => ({ text: m[1] ?? m[2] ?? '', start: m.index, end: m.index + m[0].length }))
    // messages are not commands: print("go test runs in CI"), logging.info('...')
    .filter((q) => !MESSAGE_CALL.test(line.slice(0, q.start)));
  const out = quoted.map((q) => q.text);
  let run: string[] = [];
  for (let i = 0; i < quoted.length; i++) {
    run.push(quoted[i]!.text);
    const next = quoted[i + 1];
    if (!next || !/^\s*,\s*$/.test(line.slice(quoted[i]!.end, next.start))) {
      if (run.length > 1) out.push(run.join(' '));
      run = [];
    }
  }
  return out.filter((t) => /\S/.test(t));
}

const SILENT = new Set(['echo', 'printf', 'cat', 'grep', 'sed', 'awk', 'test', '[', 'true', 'false', 'exit', 'return', 'local', 'declare', 'set', 'unset', 'shift', 'read']);

function substVars(word: string, env: Record<string, string>): string {
  return word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return Object.prototype.hasOwnProperty.call(env, name) ? env[name]! : m;
  });
}

function joinDir(cwd: string, p: string): string | undefined {
  if (p.includes('$') || p.startsWith('~')) return undefined;
  const j = path.posix.normalize(p.startsWith('/') ? p.slice(1) : path.posix.join(cwd || '.', p));
  if (j.startsWith('..')) return undefined;
  return j === '.' ? '' : j.replace(/\/$/, '');
}

/** Automatic variables are unknown words in a CI view of a recipe. */
const AUTO_PLACEHOLDERS: Record<string, string> = Object.fromEntries(
  ['@', '<', '^', '*', '?', '+', '%', '|'].flatMap((v) => [[v, '$MAKE_auto'], [`${v}D`, '$MAKE_auto'], [`${v}F`, '$MAKE_auto']]),
);

export class ScriptAnalyzer {
  /** What could not be followed (includes of a followed Makefile that were not resolved). */
  readonly notFollowed: { file: string; line: number; reason: string }[] = [];
  private linesSeen = 0;
  /** Results of followed make targets and scripts; `null` while in progress (a cycle yields nothing). */
  private readonly followed = new Map<string, ToolHit[] | null>();

  private memo(key: string, compute: () => ToolHit[]): ToolHit[] {
    if (this.followed.has(key)) return this.followed.get(key) ?? [];
    this.followed.set(key, null);
    const out = compute();
    this.followed.set(key, out);
    return out;
  }

  constructor(private readonly repo: RepoFacts) {}

  /** Tool hits in `lines` (raw script lines with their file line numbers). */
  analyze(lines: ScriptLine[], scope: ScriptScope): ToolHit[] {
    const depth = scope.depth ?? 0;
    const env = { ...scope.env };
    let cwd = scope.cwd;
    const functions = new Map(scope.functions ?? []);
    const hits: ToolHit[] = [];
    for (const l of logicalLines(lines.map((x) => ({ text: replaceExpressions(x.text, env), line: x.line })))) {
      if (++this.linesSeen > LINE_BUDGET) break;
      for (let cmd of simpleCommands(l)) {
        if (!cmd.program) {
          Object.assign(env, cmd.assigns);
          continue;
        }
        cmd = { ...cmd, program: substVars(cmd.program, env), args: cmd.args.map((a) => substVars(a, env)) };
        if (cmd.name === 'export' || cmd.name === 'readonly') {
          for (const a of cmd.args) {
            const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(a);
            if (m) env[m[1]!] = m[2]!;
          }
          continue;
        }
        if (cmd.name === 'cd' || cmd.name === 'pushd') {
          const target = cmd.args.find((a) => !a.startsWith('-'));
          cwd = target === undefined ? '' : (joinDir(cwd, target) ?? scope.cwd);
          continue;
        }
        if ((cmd.name === 'source' || cmd.name === '.') && cmd.args.length) {
          for (const [name, fn] of this.sourcedFunctions(cmd.args[0]!, cwd, depth)) functions.set(name, fn);
          continue;
        }
        const fn = functions.get(cmd.name);
        if (fn && depth < MAX_DEPTH + 1) {
          const inner = this.analyze(fn.body, { env: { ...env, ...cmd.assigns }, cwd, depth: depth + 1, functions });
          hits.push(...inner.map((h) => ({ ...h, line: cmd.line, via: [`${fn.file}:${h.line}`, ...h.via] })));
          continue;
        }
        hits.push(...this.command(cmd, { env, cwd, depth, functions }));
      }
    }
    return hits;
  }

  /**
   * The functions a sourced shell file defines, with those of the files it sources in turn. A path
   * that starts with an unknown variable (`"$GITHUB_WORKSPACE"/scripts/x.sh`, `$SCRIPT_DIR/x.sh`) is
   * looked up from the working directory and the root.
   */
  private sourcedFunctions(arg: string, cwd: string, depth: number, seen = new Set<string>()): Map<string, ShellFunction> {
    const out = new Map<string, ShellFunction>();
    const p = arg.replace(/^["']|["']$/g, '').replace(/^["']?\$(?:\{\w+\}|\w+)["']?\//, '');
    if (!p || p.includes('$') || depth > MAX_DEPTH) return out;
    for (const base of [cwd, '']) {
      const rel = joinDir(base, p);
      if (rel === undefined || seen.has(rel)) continue;
      const text = this.repo.readText(rel).text;
      if (text === undefined) continue;
      seen.add(rel);
      for (const l of text.split('\n')) {
        const m = /^\s*(?:source|\.)\s+(\S+)\s*$/.exec(l);
        if (m) for (const [n, f] of this.sourcedFunctions(m[1]!, path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel), depth + 1, seen)) out.set(n, f);
      }
      for (const [n, f] of shellFunctions(rel, text)) out.set(n, f);
      return out;
    }
    return out;
  }

  private command(cmd0: SimpleCommand, scope: Required<ScriptScope>): ToolHit[] {
    const image = imageBuildOf(cmd0, scope.cwd);
    if (image) return [{ tool: 'docker-build', line: cmd0.line, text: cmd0.text.replace(/\s+/g, ' '), via: [], image }];
    const nested = nestedScript(cmd0, (n) => TOOL_PROGRAMS.has(n));
    if (nested !== undefined) {
      if (scope.depth >= MAX_DEPTH + 1) return [];
      const env = { ...scope.env, ...cmd0.assigns };
      return this.analyze([{ text: nested, line: cmd0.line }], { env, cwd: scope.cwd, depth: scope.depth + 1 }).map((h) => ({ ...h, line: cmd0.line }));
    }
    let cmd = cmd0;
    const scopedEnv = { ...scope.env, ...cmd.assigns };
    const rec = recogniseCommand(cmd, scopedEnv);
    if (rec) return [{ ...rec, line: cmd.line, text: cmd.text.replace(/\s+/g, ' '), via: [] }];
    if (cmd.name === 'make' || cmd.name === 'gmake') return this.make(cmd, scope);
    if (cmd.name === 'nix') return this.nix(cmd, scope);
    const script = this.scriptPath(cmd, scope.cwd);
    if (script) return this.script(script, cmd, scope);
    const program = this.programPath(cmd, scope.cwd);
    if (program) return this.program(program, cmd);
    // wrappers defined by the script itself (`run go test ./...`, `retry 3 make test`)
    if (!SILENT.has(cmd.name) && !/^(log|info|warn|err|debug|fatal)/i.test(cmd.name)) {
      const i = cmd.args.findIndex((a) => TOOL_PROGRAMS.has(a));
      if (i !== -1 && i <= 2) {
        cmd = { ...cmd, program: cmd.args[i]!, name: cmd.args[i]!, args: cmd.args.slice(i + 1) };
        const inner = recogniseCommand(cmd, scopedEnv);
        if (inner) return [{ ...inner, line: cmd.line, text: cmd.text.replace(/\s+/g, ' '), via: [] }];
        if (cmd.name === 'make' || cmd.name === 'gmake') return this.make(cmd, scope);
      }
    }
    return [];
  }

  private scriptPath(cmd: SimpleCommand, cwd: string): string | undefined {
    let p = cmd.program;
    if (/^(ba|z|da)?sh$/.test(cmd.name)) {
      const first = cmd.args.find((a) => !a.startsWith('-'));
      if (!first || cmd.args.includes('-c')) return undefined;
      p = first;
    } else if (!p.includes('/') && !/\.(sh|bash)$/.test(p)) return undefined;
    if (!/\.(sh|bash)$/.test(p) && !p.includes('/')) return undefined;
    for (const base of [cwd, '']) {
      const rel = joinDir(base, p);
      if (rel === undefined) continue;
      const t = this.repo.readText(rel).text;
      if (t === undefined) continue;
      if (/\.(sh|bash)$/.test(rel) || /^#!.*\b(ba|z|da)?sh\b/.test(t)) return rel;
    }
    return undefined;
  }

  /**
   * A repository program in another language (`./build.py --test`, `python3 tools/ci.py`, `node x.js`,
   * `go run ./ci`... not: go run of a package): its file, when it exists.
   */
  private programPath(cmd: SimpleCommand, cwd: string): string | undefined {
    let p = cmd.program;
    if (INTERPRETERS.test(cmd.name)) {
      const first = cmd.args.find((a) => !a.startsWith('-'));
      if (!first || cmd.args.includes('-c') || cmd.args.includes('-e')) return undefined;
      p = first;
    } else if (!p.includes('/')) return undefined;
    if (!PROGRAM_EXT.test(p) && !INTERPRETERS.test(cmd.name)) {
      // an extension-less executable: only with an interpreter line that is not a shell
      for (const base of [cwd, '']) {
        const rel = joinDir(base, p);
        const t = rel === undefined ? undefined : this.repo.readText(rel).text;
        if (rel !== undefined && t !== undefined && /^#!.*\b(python[0-9.]*|ruby|perl|node)\b/.test(t)) return rel;
      }
      return undefined;
    }
    for (const base of [cwd, '']) {
      const rel = joinDir(base, p);
      if (rel !== undefined && this.repo.readText(rel).text !== undefined) return rel;
    }
    return undefined;
  }

  /**
   * A program's tool commands are not followed as code: the commands written in its string literals
   * (`"go test --failfast"`, `["go", "test", "./..."]`) are taken as what it may run. Flags it adds
   * conditionally are not seen, so a test run's race state is unknown unless the literal has -race;
   * the program is recorded as not fully followed.
   */
  private program(rel: string, cmd: SimpleCommand): ToolHit[] {
    const hits = this.memo(`prog:${rel}`, () => {
      const text = this.repo.readText(rel).text ?? '';
      const out: ToolHit[] = [];
      text.split('\n').forEach((lineText, i) => {
        if (++this.linesSeen > LINE_BUDGET) return;
        for (const literal of commandLiterals(lineText)) {
          for (const c of simpleCommands({ text: literal, line: i + 1 })) {
            const rec = recogniseCommand(c, {});
            if (!rec) continue;
            out.push({ ...rec, ...(rec.race === 'no' ? { race: 'unknown' as const } : {}), line: i + 1, text: literal, via: [] });
          }
        }
      });
      this.notFollowed.push({ file: rel, line: 1, reason: `program ${rel} read for the commands in its strings only` });
      return out.map((h) => ({ ...h, via: [`${rel}:${h.line}`] }));
    });
    return hits.map((h) => ({ ...h, line: cmd.line }));
  }

  private script(rel: string, cmd: SimpleCommand, scope: Required<ScriptScope>): ToolHit[] {
    if (scope.depth >= MAX_DEPTH) return [];
    const env = { ...scope.env, ...cmd.assigns };
    const key = `sh:${rel}#${scope.cwd}#${JSON.stringify(env)}`;
    const hits = this.memo(key, () => {
      const text = this.repo.readText(rel).text ?? '';
      const lines = text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
      return this.analyze(lines, { env, cwd: scope.cwd, depth: scope.depth + 1 }).map((h) => ({ ...h, via: [`${rel}:${h.line}`, ...h.via] }));
    });
    return hits.map((h) => ({ ...h, line: cmd.line }));
  }

  /**
   * `nix develop|shell … --command <cmd>` runs <cmd>; `nix build|run <flake>#<attr>` and `nix flake check`
   * run what the flake's attribute (or every check) defines: a check named after a tool
   * (`checks.<system>.golangci-lint`), and the commands in the strings of its definition and of the
   * local definitions it refers to (see nix-flake.ts). `nix run nixpkgs#<tool> -- args` runs the tool.
   */
  private nix(cmd: SimpleCommand, scope: Required<ScriptScope>): ToolHit[] {
    if (scope.depth >= MAX_DEPTH) return [];
    const words: string[] = [];
    let after: string[] = [];
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i]!;
      if (a === '--') { after = cmd.args.slice(i + 1); break; }
      if ((a === '-c' || a === '--command') && (words[0] === 'develop' || words[0] === 'shell')) {
        const rest = cmd.args.slice(i + 1).map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' ');
        return this.analyze([{ text: rest, line: cmd.line }], { ...scope, env: { ...scope.env, ...cmd.assigns }, depth: scope.depth + 1 }).map((h) => ({ ...h, line: cmd.line }));
      }
      if (NIX_VALUED2.has(a)) i += 2;
      else if (NIX_VALUED1.has(a)) i += 1;
      else if (!a.startsWith('-')) words.push(a);
    }
    const [sub, ...rest] = words;
    let targets: { ref: string; attr: string | undefined }[] = [];
    if (sub === 'build' || sub === 'run') {
      const installables = sub === 'run' ? rest.slice(0, 1) : rest;
      targets = installables.filter((w) => w.includes('#')).map((w) => ({ ref: w.slice(0, w.indexOf('#')), attr: w.slice(w.indexOf('#') + 1) }));
    } else if (sub === 'flake' && rest[0] === 'check') targets = [{ ref: rest[1] ?? '.', attr: undefined }];
    const out: ToolHit[] = [];
    for (const t of targets) {
      const name = t.attr?.replace(/"/g, '').split('.').pop();
      const dir = localFlakeDir(t.ref, scope.cwd);
      if (dir === undefined) {
        // a package of another flake run as a program: `nix run nixpkgs#golangci-lint -- run ./...`
        if (sub !== 'run' || !name) continue;
        const rec = recogniseCommand({ program: name, name, args: after, assigns: {}, line: cmd.line, text: cmd.text }, { ...scope.env, ...cmd.assigns });
        if (rec) out.push({ ...rec, line: cmd.line, text: cmd.text.replace(/\s+/g, ' '), via: [] });
        continue;
      }
      const isCheck = t.attr === undefined || /^("?checks"?)\./.test(t.attr);
      out.push(...this.memo(`nix:${dir}#${t.attr ?? '(checks)'}`, () => this.flakeAttr(dir, name, isCheck, cmd.line)).map((h) => ({ ...h, line: cmd.line })));
    }
    return out;
  }

  /**
   * Tools a flake attribute runs (`name` undefined: every check, for `nix flake check`). A check (not a
   * package: `.#golangci-lint` builds the linter) counts by its name as well.
   */
  private flakeAttr(dir: string, name: string | undefined, isCheck: boolean, line: number): ToolHit[] {
    const files = flakeFiles(this.repo, dir);
    if (!files.length) return [];
    const roots = name === undefined ? findBindings(this.repo, files.slice(0, 1), 'checks') : findBindings(this.repo, files, name);
    const out: ToolHit[] = [];
    const named = name === undefined ? roots.flatMap((b) => boundNames(b.expr).map((n) => ({ n, b }))) : roots.map((b) => ({ n: name, b }));
    for (const { n, b } of isCheck ? named : []) {
      const tool = toolOfCheckName(n);
      if (tool) out.push({ tool, line, text: `flake check ${n}`, via: [`${b.file}:${b.line}`] });
    }
    const seen = new Set<string>();
    let budget = 60;
    const unresolved: string[] = [];
    const follow = (b: NixBinding, via: string[], depth: number): void => {
      const key = `${b.file}:${b.line}`;
      if (seen.has(key) || budget-- <= 0) return;
      seen.add(key);
      const here = [...via, key];
      for (const h of this.analyze(bindingScript(b), { env: {}, cwd: dir, depth: MAX_DEPTH - 1 })) out.push({ ...h, via: [...here.slice(0, -1), `${b.file}:${h.line}`, ...h.via] });
      if (depth >= 3) return;
      for (const r of referencedNames(b.expr)) {
        const defs = findBindings(this.repo, files, r.name).filter((d) => `${d.file}:${d.line}` !== key);
        if (isCheck && !defs.length && r.path.includes('.') && LINTISH.test(r.name)) unresolved.push(r.path);
        for (const d of defs) follow(d, here, depth + 1);
      }
    };
    for (const b of roots) follow(b, [], 0);
    if (!out.length) {
      const what = name === undefined ? 'nix flake check' : `flake attribute ${name}`;
      if (!roots.length && name !== undefined && isCheck) this.notFollowed.push({ file: files[0]!, line: 1, reason: `${what} (not defined in the repository's .nix files)` });
      else if (unresolved.length) this.notFollowed.push({ file: roots[0]!.file, line: roots[0]!.line, reason: `${what} calls ${[...new Set(unresolved)].slice(0, 3).join(', ')} (defined outside the repository)` });
    }
    return out;
  }

  private make(cmd: SimpleCommand, scope: Required<ScriptScope>): ToolHit[] {
    if (scope.depth >= MAX_DEPTH) return [];
    let dir = scope.cwd;
    let file: string | undefined;
    const cmdline: Record<string, string> = {};
    const targets: string[] = [];
    let computed = false;
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i]!;
      if (a === '-C' || a === '--directory') {
        const d = joinDir(dir, cmd.args[++i] ?? '');
        if (d === undefined) return [];
        dir = d;
      } else if (a.startsWith('-C') && a.length > 2) {
        const d = joinDir(dir, a.slice(2));
        if (d === undefined) return [];
        dir = d;
      } else if (a === '-f' || a === '--file' || a === '--makefile') file = cmd.args[++i];
      else if (a.startsWith('--directory=')) {
        const d = joinDir(dir, a.slice('--directory='.length));
        if (d === undefined) return [];
        dir = d;
      } else if (a.startsWith('--file=') || a.startsWith('--makefile=')) file = a.slice(a.indexOf('=') + 1);
      else if (a === '-j' || a === '-l' || a === '-o' || a === '-W') {
        if (/^\d+$/.test(cmd.args[i + 1] ?? '') || a === '-o' || a === '-W') i++;
      } else if (a.startsWith('-')) continue;
      else if (/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(a)) cmdline[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
      else if (!a.includes('$')) targets.push(a);
      else computed = true;
    }
    let mf: MakeProject | undefined;
    if (file) {
      const rel = joinDir(dir, file);
      if (rel === undefined) return [];
      mf = makefileAt(this.repo, path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel), path.posix.basename(rel));
    } else mf = makefileAt(this.repo, dir);
    if (!mf) return [];
    for (const u of mf.unresolved) {
      if (u.optional && /\.d$/.test(u.spec)) continue;
      this.notFollowed.push({ file: u.file, line: u.line, reason: `make ${u.optional ? '-include' : 'include'} ${u.spec} (${u.reason})` });
    }
    const goal = mf.defaultGoal();
    if (!targets.length && goal && !computed) targets.push(goal); // `make $(X)` does not run the default goal
    const env = { ...scope.env, ...cmd.assigns };
    const out: ToolHit[] = [{ tool: 'make', line: cmd.line, text: cmd.text.replace(/\s+/g, ' '), via: [], make: { makefile: mf.paths[0]!, dir, targets: [...targets], vars: { ...cmdline }, ...(computed ? { computedTargets: true as const } : {}) } }];
    for (const t of targets) out.push(...this.target(mf, t, cmdline, env, dir, scope.depth + 1, 0));
    return out.map((h) => ({ ...h, line: cmd.line }));
  }

  private target(mf: MakeProject, target: string, cmdline: Record<string, string>, env: Record<string, string>, dir: string, depth: number, prereqDepth: number): ToolHit[] {
    const key = `mk:${mf.paths[0]}#${target}#${dir}#${JSON.stringify(cmdline)}#${JSON.stringify(env)}`;
    return this.memo(key, () => this.targetUncached(mf, target, cmdline, env, dir, depth, prereqDepth));
  }

  private targetUncached(mf: MakeProject, target: string, cmdline: Record<string, string>, env: Record<string, string>, dir: string, depth: number, prereqDepth: number): ToolHit[] {
    const rules = mf.rulesFor(target);
    // union expansion: a flag set in any branch, `$(if)` or `$(filter)` counts; `$(shell)` and
    // automatic variables stay unknown words
    const ctx: ExpandContext = { overrides: cmdline, env, targets: [target], shellPlaceholder: '$MAKE_shell', auto: AUTO_PLACEHOLDERS };
    const recipeEnv = { ...env };
    const goflags = mf.value('GOFLAGS', 'union', cmdline, { env, targets: [target] });
    if (goflags !== undefined) recipeEnv.GOFLAGS = mf.expand(goflags, 'union', ctx);
    const out: ToolHit[] = [];
    for (const r of rules) {
      // a pattern rule (`%: common-%`, Prometheus' Makefile.common) matched `target`: its prerequisites name the stem
      const stem = patternStem(r.targets, target);
      if (prereqDepth < 4) {
        for (const p of r.prereqs) {
          const raw = mf.expand(p, 'union', ctx).trim();
          const pe = stem === undefined ? raw : raw.replace('%', stem);
          if (pe && !pe.includes('$') && !/\s/.test(pe) && mf.rulesFor(pe).length > 0) out.push(...this.target(mf, pe, cmdline, env, dir, depth, prereqDepth + 1));
        }
      }
      if (!r.recipe.length) continue;
      const expanded = r.recipe.map((l) => ({ text: mf.expand(l.text.replace(/\s*\\\n\s*/g, ' ').replace(/^[\s@+-]+/, ''), 'union', ctx), line: l.line }));
      for (const h of this.analyze(expanded, { env: recipeEnv, cwd: dir, depth })) {
        out.push({ ...h, via: [`${r.file}:${h.line}`, ...h.via] });
      }
    }
    return out;
  }
}

/** nix options that take one or two values. */
const NIX_VALUED1 = new Set(['-o', '--out-link', '--profile', '--system', '-j', '--max-jobs', '--cores', '-I', '--include', '--log-format', '--store', '--eval-store', '--reference-lock-file', '--output-lock-file', '--inputs-from', '-f', '--file', '--builders', '--expr', '--update-input', '--keep-env-var', '--unset-env-var']);
const NIX_VALUED2 = new Set(['--option', '--arg', '--argstr', '--override-input', '--override-flake', '--set-env-var']);
/** A referenced name that may define a lint check, worth saying it was not followed. */
const LINTISH = /lint|vet|staticcheck/i;

/** The tool a flake check is named after (`golangci-lint`, `staticcheck`, `go-vet`, `govulncheck`). */
export function toolOfCheckName(name: string): RecognisedTool['tool'] | undefined {
  if (/golangci/i.test(name)) return 'golangci-lint';
  if (/staticcheck/i.test(name)) return 'staticcheck';
  if (/govulncheck/i.test(name)) return 'govulncheck';
  if (/^(go-?)?vet$/i.test(name)) return 'go-vet';
  return undefined;
}

/** The stem `%` stands for when one of a rule's pattern targets matches `target` (undefined for an explicit rule). */
function patternStem(targets: string[], target: string): string | undefined {
  if (targets.includes(target)) return undefined;
  for (const t of targets) {
    const i = t.indexOf('%');
    if (i < 0) continue;
    const pre = t.slice(0, i);
    const post = t.slice(i + 1);
    if (target.length >= pre.length + post.length && target.startsWith(pre) && target.endsWith(post)) return target.slice(pre.length, target.length - post.length);
  }
  return undefined;
}
