/**
 * Go builds in Makefiles: the `go build` / `go install` commands of recipes and `define`
 * blocks, expanded with the project's variables in both modes of `MakeProject.expand` (union:
 * a flag that may be present counts; strict: only flags always present), and the builds that
 * `make <targets>` would run. The Makefiles themselves are read by `makefile.ts`.
 */
import path from 'node:path';
import { findGoBuilds, makeInvocations, producesArtifact, type GoBuildInvocation } from './go-build-invocations.js';
import { escapeRe, MAKE_FUNCTIONS, splitArgs, type MakeProject, type MakeRecipeLine, type MakeRule } from './makefile.js';
import { dirRole, type RepositoryLayout } from '../core/code-roles.js';
import { isDeveloperTarget } from '../core/work-names.js';

export interface MakeGoBuild {
  file: string;
  line: number;
  /** Targets of the rule whose recipe runs the command (or `define NAME`). */
  targets: string[];
  /** Flags read with the union expansion (anything possibly present counts as present). */
  union: GoBuildInvocation;
  /** Flags read with the strict expansion (only unconditional values); undefined when it does not line up. */
  strict?: GoBuildInvocation;
  /** Make variables the command uses that no makefile of the directory assigns (supplied by the caller or empty). */
  openVars: string[];
  /** The expanded (union) command text. */
  command: string;
  /** Position of the build among the go commands of its line (0 for the first). */
  index?: number;
}

/** Package paths and makefile folders of code that does not ship (the code-role model: tests, examples, hack/, tools/, docs…). */
const nonShippedDir = (p: string, layout?: RepositoryLayout): boolean => dirRole(p, layout) !== 'production';

export interface ReleaseContext {
  /** Module paths of the repository: a package outside them is a third-party tool. */
  ownModules?: string[];
  /** Directories (relative, '' for the root) holding a main package. */
  mainDirs?: Set<string>;
  /** The repository's layout (RepoFacts.layout): the roles of the folders it names. */
  layout?: RepositoryLayout;
}

/** Why a go build found in a makefile is not a release build (undefined when it is one). */
export function nonReleaseReason(b: { file: string; targets: string[]; union: GoBuildInvocation }, rc: ReleaseContext = {}): string | undefined {
  const dir = path.posix.dirname(b.file);
  if (nonShippedDir(dir, rc.layout)) return `makefile under ${dir}/`;
  const t = b.targets.find((x) => isDeveloperTarget(x));
  if (t && b.targets.every((x) => isDeveloperTarget(x))) return `target ${t}`;
  if (!producesArtifact(b.union)) return b.union.subcommand === 'install' ? 'tool install (pkg@version)' : 'compile check (no -o, several packages or ./...)';
  if (b.union.dir && nonShippedDir(b.union.dir, rc.layout)) return `go -C ${b.union.dir}`;
  const pkgs = b.union.packages;
  if (pkgs.length && pkgs.every((p) => p.includes('SHELL_OUTPUT'))) return 'packages computed by $(shell)';
  if (rc.ownModules?.length) {
    const remote = pkgs.find((p) => /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(p) && !rc.ownModules!.some((m) => p === m || p.startsWith(`${m}/`)));
    if (remote) return `third-party package ${remote}`;
  }
  if (rc.mainDirs && b.union.output === undefined && b.union.subcommand === 'build' && pkgs.every((p) => p === '.' || p === './')) {
    // `go build` of the current directory without -o: an artifact only if it is a main package
    const base = dir === '.' ? '' : dir;
    const d = path.posix.normalize(b.union.dir ? path.posix.join(base, b.union.dir) : base || '.');
    const rel = d === '.' ? '' : d;
    if (!/\$|SHELL_OUTPUT/.test(rel) && !rc.mainDirs.has(rel)) return 'compile check (current directory is not a main package)';
  }
  if (b.union.race) return '-race build';
  if (b.union.cover) return '-cover build';
  const p = b.union.packages.find((x) => nonShippedDir(x, rc.layout));
  if (p) return `package ${p}`;
  if (b.union.output && nonShippedDir(b.union.output, rc.layout)) return `output ${b.union.output}`;
  return undefined;
}

/** Development, testing or debugging, not followed by "and release" / "or production" (a target for both is a release target). */
const DEV_PURPOSE = String.raw`(?:local )?(?:dev(?:elopment)?|testing|debugging)\b(?!,? *(?:and|or|&|\/) *(?:for )?(?:the )?(?:release|prod))`;
/**
 * A comment that says the target is for a developer's machine, not the release: "for local use", "for your local OS",
 * "dev docker builds", "use this for development", "meant for local testing", "for debugging purposes", or that it is an
 * alternative to the release tool ("if you don't want to install GoReleaser", "instead of using GoReleaser").
 */
export const LOCAL_USE = new RegExp([
  String.raw`\bfor (?:your |the )?local (?:use|dev(?:elopment)?|testing|os|machine|builds?)\b`,
  String.raw`\blocal (?:use|dev(?:elopment)?) only\b`,
  String.raw`\bdev(?:elopment)? (?:docker )?builds?\b`,
  String.raw`\b(?:use (?:this|it|that)|meant|intended|only|just|purely|solely)(?: \w+){0,2} for ${DEV_PURPOSE}`,
  String.raw`\bfor ${DEV_PURPOSE} *(?:purposes|use|only)\b`,
  String.raw`\b(?:don'?t|do not) (?:want|need|have) to (?:install|use|run) goreleaser\b|\binstead of (?:installing |using |running )?goreleaser\b`,
].join('|'), 'i');

/**
 * The comment that marks the make rule running the recipe line `recipeLine` (1-based) of `text` as
 * for local use: a `## help` text on the rule line, comment lines of the recipe before the command, or the
 * comment block right above the rule. Undefined when there is none.
 */
export function localUseComment(text: string, recipeLine: number): string | undefined {
  const lines = text.split('\n');
  const comments: string[] = [];
  let i = recipeLine - 2;
  for (; i >= 0 && /^\t/.test(lines[i]!); i--) {
    const c = /^\t\s*@?#\s*(.*)$/.exec(lines[i]!);
    if (c) comments.push(c[1]!);
  }
  if (i < 0 || !/^[^\s#][^=]*:/.test(lines[i]!)) return undefined;
  const help = /##\s*(.*)$/.exec(lines[i]!);
  if (help) comments.push(help[1]!);
  for (let j = i - 1; j >= 0 && /^#/.test(lines[j]!); j--) comments.push(lines[j]!.replace(/^#+\s*/, ''));
  return comments.find((c) => LOCAL_USE.test(c));
}

/** A `define` block a text runs: its name and, for a direct `$(call NAME,a,b)`, the argument texts (unexpanded). */
export interface DefineCall {
  name: string;
  args?: string[];
}

/** The inner texts of the `$(…)` / `${…}` references of a text, at every nesting level (`$$` is no reference). */
function references(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$') continue;
    const open = text[i + 1];
    if (open === '$') { i++; continue; }
    if (open !== '(' && open !== '{') continue;
    const close = open === '(' ? ')' : '}';
    let d = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === open) d++;
      else if (text[j] === close && --d === 0) break;
    }
    out.push(text.slice(i + 2, j));
    i++; // the references nested inside are found as the scan goes on
  }
  return out;
}

/** A computed name (`build-$(OS)`) as a pattern: its references stand for any characters. */
function computedName(name: string): RegExp {
  return new RegExp(`^${name.split(/\$[({][^)}]*[)}]|\$./).map(escapeRe).join('.*')}$`);
}

interface DefineIndex {
  names: Set<string>;
  /** The define blocks a variable's values run (transitively), per variable name. */
  viaVar: Map<string, DefineCall[]>;
  /** The define blocks a define's body runs (transitively), per define name. */
  viaDefine: Map<string, DefineCall[]>;
}
const defineIndexMemo = new WeakMap<MakeProject, DefineIndex>();
function defineIndex(proj: MakeProject): DefineIndex {
  let idx = defineIndexMemo.get(proj);
  if (!idx) defineIndexMemo.set(proj, (idx = { names: new Set(proj.defines.map((d) => d.name)), viaVar: new Map(), viaDefine: new Map() }));
  return idx;
}

/**
 * The define blocks a text runs, by exact name (`$(call go-build-spo,x)` runs go-build-spo, never a define named
 * go-build): its `$(call NAME,…)` and `$(NAME)` references, those of the variables it reads (a recursively expanded
 * `BUILD = $(call go-build,x)` runs go-build where `$(BUILD)` is expanded) and of the define bodies it runs, at any
 * depth. A computed name (`$(call build-$(OS))`) runs every define it may name. Only direct calls carry their
 * arguments; calls through a variable or another define are taken without them.
 */
export function defineCalls(proj: MakeProject, text: string): DefineCall[] {
  if (!proj.defines.length) return [];
  return callsIn(proj, defineIndex(proj), text, new Set(), true);
}

function callsIn(proj: MakeProject, idx: DefineIndex, text: string, visiting: Set<string>, direct: boolean): DefineCall[] {
  const out: DefineCall[] = [];
  const add = (name: string, args: string[] | undefined) => {
    out.push(direct && args ? { name, args } : { name });
    out.push(...transitive(proj, idx, `define ${name}`, visiting));
  };
  for (const inner of references(text)) {
    let name: string;
    let args: string[] | undefined;
    const call = /^call\s+([\s\S]*)$/.exec(inner);
    if (call) {
      const parts = splitArgs(call[1]!);
      name = parts[0]!.trim();
      args = parts.slice(1);
    } else {
      const fn = /^([a-z-]+)\s/.exec(inner);
      if (fn && MAKE_FUNCTIONS.has(fn[1]!)) continue; // a function: the references in it are scanned on their own
      name = inner.split(':')[0]!.trim();
    }
    if (!name || /^\d+$/.test(name)) continue;
    if (name.includes('$')) {
      const re = computedName(name);
      for (const d of idx.names) if (re.test(d)) add(d, args);
      continue;
    }
    if (idx.names.has(name)) add(name, args);
    else if (proj.vars.has(name)) out.push(...transitive(proj, idx, name, visiting));
  }
  return out;
}

/** The define blocks a variable (`NAME`) or a define body (`define NAME`) runs, memoised; loops stop. */
function transitive(proj: MakeProject, idx: DefineIndex, key: string, visiting: Set<string>): DefineCall[] {
  const isDefine = key.startsWith('define ');
  const memo = isDefine ? idx.viaDefine : idx.viaVar;
  const name = isDefine ? key.slice('define '.length) : key;
  const known = memo.get(name);
  if (known) return known;
  if (visiting.has(key)) return [];
  visiting.add(key);
  const texts = isDefine ? proj.defines.filter((d) => d.name === name).flatMap((d) => d.body.map((b) => b.text)) : (proj.vars.get(name) ?? []).map((v) => v.value);
  const calls = uniqueCalls(texts.flatMap((t) => callsIn(proj, idx, t, visiting, false)));
  visiting.delete(key);
  memo.set(name, calls);
  return calls;
}

function uniqueCalls(calls: DefineCall[]): DefineCall[] {
  const seen = new Map<string, DefineCall>();
  for (const c of calls) {
    const k = `${c.name}\u0000${c.args ? JSON.stringify(c.args) : ''}`;
    if (!seen.has(k)) seen.set(k, c);
  }
  return [...seen.values()];
}

/** The define names: their references expand to nothing where a recipe line is read (each body is judged at its own lines). */
function defineNames(proj: MakeProject): ReadonlySet<string> {
  return defineIndex(proj).names;
}

/** The environment make exports to recipes (both modes), once per project and command line. */
const exportedEnvMemo = new WeakMap<MakeProject, Map<string, { union: Record<string, string>; strict: Record<string, string> }>>();
function exportedEnv(proj: MakeProject, overrides: Record<string, string>): { union: Record<string, string>; strict: Record<string, string> } {
  let byOverrides = exportedEnvMemo.get(proj);
  if (!byOverrides) exportedEnvMemo.set(proj, (byOverrides = new Map()));
  const key = JSON.stringify(overrides);
  const hit = byOverrides.get(key);
  if (hit) return hit;
  const union: Record<string, string> = {};
  const strict: Record<string, string> = {};
  for (const name of proj.exports) {
    const v = proj.value(name, 'union', overrides);
    if (v !== undefined) union[name] = proj.expand(v, 'union', { overrides });
  }
  for (const name of proj.exports) {
    const v = proj.value(name, 'strict', overrides);
    if (v) strict[name] = proj.expand(v, 'strict', { overrides });
  }
  const out = { union, strict };
  byOverrides.set(key, out);
  return out;
}

/** Go builds in a recipe line, expanded in both modes. */
function buildsOfLine(
  proj: MakeProject,
  file: string,
  targets: string[],
  prereqs: string[],
  r: MakeRecipeLine,
  overrides: Record<string, string> = {},
  baseEnv: Record<string, string> = {},
  /** Environment that may be in effect (what the callers of the target pass): read in the union expansion only. */
  mayEnv: Record<string, string> = {},
  /** For a line of a define body: the call that runs it (its arguments bind `$(1)`…). */
  call?: DefineCall,
): MakeGoBuild[] {
  const body = r.text.replace(/^[@+-]+/, '').replace(/^\s*[@+-]+/, '');
  // a `$(call DEFINE)` / `$(DEFINE)` — in the line or in a variable it reads — runs the define body, whose lines are
  // judged at their own line (with the call's arguments)
  const opaque = proj.defines.length ? defineNames(proj) : undefined;
  const bound = call ? { name: call.name, args: call.args ?? [] } : undefined;
  const auto = { '@': targets[0] ?? '', '<': prereqs[0] ?? '', '^': prereqs.join(' '), '*': '%', '?': prereqs.join(' ') };
  const open = new Set<string>();
  // make reads its environment as variables: a variable no makefile assigns takes the value the run is started with
  const unionEnv = { ...mayEnv, ...baseEnv };
  const union = proj.expand(body, 'union', { auto, overrides, open, env: unionEnv, opaque, call: bound });
  if (!/\bgo(\s|$)|\bgo1\.\d+/.test(union)) return [];
  const strict = proj.expand(body, 'strict', { auto, overrides, env: baseEnv, opaque, call: bound });
  const exported = exportedEnv(proj, overrides);
  const env: Record<string, string> = { ...unionEnv, ...exported.union };
  const strictEnv: Record<string, string> = { ...baseEnv, ...exported.strict };
  const ub = findGoBuilds(union.replace(/^[@+-]+/, ''), env);
  const sb = findGoBuilds(strict.replace(/^[@+-]+/, ''), strictEnv);
  return ub.map((u, i) => ({
    file, line: r.line, targets, union: u, strict: sb.length === ub.length ? sb[i] : undefined, openVars: [...open], command: union.trim(), index: i,
  }));
}

/** Every go build / go install in the project's recipes and define blocks. */
export function projectGoBuilds(proj: MakeProject): MakeGoBuild[] {
  const out: MakeGoBuild[] = [];
  for (const rule of proj.rules) {
    if (rule.targets.every((t) => t.startsWith('.'))) continue;
    const callers = callerEnv(proj, rule.targets);
    for (const r of rule.recipe) out.push(...buildsOfLine(proj, rule.file, rule.targets, rule.prereqs, r, {}, {}, callers));
  }
  // the calls of each define block (by the recipes, directly or through variables and other defines), in one pass
  // over the recipes: each body line is read once per call, with that caller's targets and the call's arguments
  const callsOf = new Map<string, { rule: MakeRule; call: DefineCall }[]>();
  if (proj.defines.length) {
    for (const rule of proj.rules) {
      if (rule.targets.every((t) => t.startsWith('.'))) continue;
      for (const call of uniqueCalls(rule.recipe.flatMap((l) => defineCalls(proj, l.text)))) {
        let list = callsOf.get(call.name);
        if (!list) callsOf.set(call.name, (list = []));
        list.push({ rule, call });
      }
    }
  }
  for (const d of proj.defines) {
    const calls = callsOf.get(d.name) ?? [];
    if (!calls.length) {
      for (const r of d.body) out.push(...buildsOfLine(proj, d.file, [`define ${d.name}`], [], r));
      continue;
    }
    for (const { rule, call } of calls) {
      const callers = callerEnv(proj, rule.targets);
      for (const r of d.body) out.push(...buildsOfLine(proj, d.file, rule.targets, rule.prereqs, r, {}, {}, callers, call));
    }
  }
  return out;
}

/** A recipe that may run make (`make`, `$(MAKE)`, `${MAKE}`), read before expanding it. */
const RUNS_MAKE = /(?:^|[\s;&|(])(?:g?make|\$[({]MAKE[)}])(?:\s|$)/m;

/** `.ONESHELL:` — make runs each recipe as one shell script, so an `export` on one line holds for the next ones. */
function oneShell(proj: MakeProject): boolean {
  return proj.rules.some((r) => r.targets.includes('.ONESHELL'));
}

/**
 * The shell scripts of a rule's recipe, each with the recipe line it ends at: one per line, or with `.ONESHELL` the
 * lines up to each one (the shell state of the earlier lines holds). Prefixes (@, -, +) are dropped.
 */
function recipeScripts(proj: MakeProject, rule: MakeRule): { line: MakeRecipeLine; script: string }[] {
  const strip = (t: string) => t.replace(/^[@+-]+/, '').replace(/^\s*[@+-]+/, '');
  if (!oneShell(proj)) return rule.recipe.map((line) => ({ line, script: strip(line.text) }));
  return rule.recipe.map((line, i) => ({ line, script: rule.recipe.slice(0, i + 1).map((l) => strip(l.text)).join('\n') }));
}

/** The sub-make runs a recipe script makes (expanded), each with its shell environment and command-line variables; runs in another folder or makefile left out. */
function subMakes(proj: MakeProject, rule: MakeRule, script: string, target: string, overrides: Record<string, string>, env: Record<string, string>): { targets: string[]; vars: Record<string, string>; env: Record<string, string> }[] {
  if (!RUNS_MAKE.test(script)) return [];
  const expanded = proj.expand(script, 'union', { overrides, env, auto: { '@': target } });
  return makeInvocations(expanded).filter((m) => m.dir === undefined && m.file === undefined)
    .map((m) => ({ targets: m.targets.length ? m.targets : [proj.defaultGoal() ?? ''].filter(Boolean), vars: m.vars, env: m.env }));
}

const callerEnvMemo = new WeakMap<MakeProject, Map<string, Map<string, Set<string>>>>();
/** Rounds of passing an environment down a chain of sub-makes (`release` → `$(MAKE) build` → `$(MAKE) build-base`). */
const CALLER_ROUNDS = 4;

/**
 * The environment the recipes of `targets` may run with when another target of the project runs them through a
 * sub-make: what its shell exports before `$(MAKE) x` (`export LDFLAGS=-s -w` — on the same line, or on an earlier one
 * with `.ONESHELL`), inline assignments and the variables set on that make command line, passed down chains of
 * sub-makes (bounded). Each variable gets every value some caller passes (joined: the union expansion's reading); test,
 * debug and race targets are not callers here.
 * Make reads it only for variables no makefile assigns; a target also run directly keeps its own reading.
 */
export function callerEnv(proj: MakeProject, targets: string[]): Record<string, string> {
  let memo = callerEnvMemo.get(proj);
  if (!memo) {
    const byTarget = new Map<string, Map<string, Set<string>>>();
    memo = byTarget;
    callerEnvMemo.set(proj, byTarget);
    const calls: { from: string[]; to: string[]; env: Record<string, string> }[] = [];
    for (const rule of proj.rules) {
      // what a test, debug or race target passes (`build-race: export GCFLAGS=-race; $(MAKE) build-base`) says nothing
      // of the release build: read, it would make that build a -race build
      if (rule.targets.every((t) => t.startsWith('.') || isDeveloperTarget(t))) continue;
      for (const { script } of recipeScripts(proj, rule)) {
        for (const m of subMakes(proj, rule, script, rule.targets[0] ?? '', {}, {})) calls.push({ from: rule.targets, to: m.targets, env: { ...m.env, ...m.vars } });
      }
    }
    const add = (t: string, name: string, value: string): boolean => {
      let vars = byTarget.get(t);
      if (!vars) byTarget.set(t, (vars = new Map()));
      let values = vars.get(name);
      if (!values) vars.set(name, (values = new Set()));
      if (values.has(value) || values.size >= 8) return false;
      values.add(value);
      return true;
    };
    for (let round = 0; round < CALLER_ROUNDS && calls.length; round++) {
      let changed = false;
      for (const c of calls) {
        const inherited = c.from.flatMap((f) => [...(byTarget.get(f) ?? new Map<string, Set<string>>())].flatMap(([n, vs]) => [...vs].map((v) => [n, v] as const)));
        for (const t of c.to) {
          for (const [n, v] of Object.entries(c.env)) changed = add(t, n, v) || changed;
          for (const [n, v] of inherited) changed = add(t, n, v) || changed;
        }
      }
      if (!changed) break;
    }
  }
  const out: Record<string, string> = {};
  for (const t of targets) {
    for (const [n, vs] of memo.get(t) ?? []) out[n] = [...new Set([...(out[n] ? [out[n]!] : []), ...vs])].join(' ');
  }
  return out;
}

/** A recipe line `make <targets>` runs: the rule, the targets it is made for, and the command line and environment. */
interface ReachedLine {
  rule: MakeRule;
  targets: string[];
  /** The file of the line (the rule's, or a define's whose body the recipe runs). */
  file: string;
  line: MakeRecipeLine;
  overrides: Record<string, string>;
  env: Record<string, string>;
  /** For a line of a define body: the call that runs it. */
  call?: DefineCall;
}

/**
 * Walks the recipe lines `make <targets>` would run: the targets' recipes (and the `define` bodies they call), their
 * prerequisites and `$(MAKE) x` sub-invocations, with command-line overrides applied (depth-limited).
 */
function walkTargets(proj: MakeProject, targets: string[], overrides: Record<string, string>, baseEnv: Record<string, string>, onLine: (l: ReachedLine) => void): void {
  const seen = new Set<string>();
  const visit = (target: string, ov: Record<string, string>, runEnv: Record<string, string>, depth: number) => {
    const key = `${target}\u0000${JSON.stringify(ov)}\u0000${JSON.stringify(runEnv)}`;
    if (depth > 6 || seen.has(key)) return;
    seen.add(key);
    // variables set on the make command line are exported to the recipes' environment
    const env = { ...runEnv, ...ov };
    for (const rule of proj.rulesFor(target)) {
      // prerequisites are made by the same make run: same command line, same environment
      for (const p of rule.prereqs) visit(proj.expand(p, 'union', { overrides: ov, env: runEnv }).trim(), ov, runEnv, depth + 1);
      const tgts = target === rule.targets[0] ? rule.targets : [target, ...rule.targets];
      for (const { line: r, script } of recipeScripts(proj, rule)) {
        // $(call DEFINE) / $(DEFINE) in the recipe (or in a variable it reads): the define body runs here
        for (const call of uniqueCalls(defineCalls(proj, r.text))) {
          for (const d of proj.defines) {
            if (d.name === call.name) for (const dl of d.body) onLine({ rule, targets: tgts, file: d.file, line: dl, overrides: ov, env, call });
          }
        }
        onLine({ rule, targets: tgts, file: rule.file, line: r, overrides: ov, env });
        // $(MAKE) sub-invocations: command-line variables pass on (MAKEFLAGS), and so does the environment, with what
        // the recipe's shell exports before the run (with .ONESHELL, on earlier lines too)
        if (!RUNS_MAKE.test(r.text)) continue;
        for (const m of subMakes(proj, rule, script, target, ov, runEnv)) {
          const sub = { ...ov, ...m.vars };
          const subEnv = { ...runEnv, ...m.env };
          for (const v of Object.keys(m.vars)) delete subEnv[v];
          for (const t of m.targets) visit(t, sub, subEnv, depth + 1);
        }
      }
    }
  };
  for (const t of targets.length ? targets : [proj.defaultGoal() ?? '']) if (t) visit(t, overrides, baseEnv, 0);
}

/**
 * The go builds `make <targets>` would run: the targets' recipes, their prerequisites and
 * `$(MAKE) x` sub-invocations, with command-line overrides applied (depth-limited).
 */
export function goBuildsForTargets(proj: MakeProject, targets: string[], overrides: Record<string, string> = {}, baseEnv: Record<string, string> = {}): MakeGoBuild[] {
  const out: MakeGoBuild[] = [];
  walkTargets(proj, targets, overrides, baseEnv, (l) => out.push(...buildsOfLine(proj, l.file, l.targets, l.rule.prereqs, l.line, l.overrides, l.env, {}, l.call)));
  return out;
}

/** The commands (expanded, union reading) `make <targets>` would run, each with its file and line. */
export function commandsForTargets(proj: MakeProject, targets: string[], overrides: Record<string, string> = {}): { file: string; line: number; command: string }[] {
  const out: { file: string; line: number; command: string }[] = [];
  walkTargets(proj, targets, overrides, {}, (l) => {
    const body = l.line.text.replace(/^[@+-]+/, '').replace(/^\s*[@+-]+/, '');
    const auto = { '@': l.targets[0] ?? '', '<': l.rule.prereqs[0] ?? '', '^': l.rule.prereqs.join(' '), '*': '%', '?': l.rule.prereqs.join(' ') };
    out.push({ file: l.file, line: l.line.line, command: proj.expand(body, 'union', { auto, overrides: l.overrides, env: l.env, call: l.call && { name: l.call.name, args: l.call.args ?? [] } }) });
  });
  return out;
}
