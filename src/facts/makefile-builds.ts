/**
 * Makefile facts: variables (with conditional/target-specific flags), rules with their recipe
 * lines, `define` blocks, includes and exports, for every Makefile / GNUmakefile / Makefile.* /
 * *.mk. Recipes are expanded with the make variables of their directory to find `go build` /
 * `go install` commands and their flags.
 *
 * Make is not evaluated: expansion has two modes.
 *  - `union`: every value a variable is assigned anywhere (conditional branches, target-specific
 *    values, `$(if)` branches, `$(shell ...)` text) — used by rules that report a MISSING flag,
 *    so a flag that might be present is treated as present.
 *  - `strict`: only unconditional assignments; conditional ones and `$(if)`/`$(shell)` expand to
 *    nothing — used by rules that report a PRESENT flag, so a flag that is only sometimes
 *    present (`ifdef DEBUG`) is never reported.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import { findGoBuilds, producesArtifact, type GoBuildInvocation } from './go-build-invocations.js';
import { dirRole } from '../core/code-roles.js';

export interface MakeVar {
  name: string;
  op: string;
  value: string;
  file: string;
  line: number;
  /** Inside ifeq/ifdef/... or target-specific: not always in effect. */
  conditional: boolean;
  exported: boolean;
}

export interface MakeRecipeLine {
  text: string;
  line: number;
}

export interface MakeRule {
  targets: string[];
  prereqs: string[];
  file: string;
  line: number;
  recipe: MakeRecipeLine[];
}

export interface MakeDefine {
  name: string;
  file: string;
  line: number;
  body: MakeRecipeLine[];
}

export interface MakefileFacts {
  file: string;
  vars: MakeVar[];
  rules: MakeRule[];
  defines: MakeDefine[];
  includes: string[];
  exports: string[];
}

const MAKEFILE_NAME = /^(GNUmakefile|[Mm]akefile(\.[\w.-]+)?|[\w.-]+\.mk)$/;
const NOT_MAKEFILE = /\.(md|txt|bak|orig|json|ya?ml|sh|am|in)$/i;

export function isMakefilePath(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return MAKEFILE_NAME.test(base) && !NOT_MAKEFILE.test(base);
}

const ASSIGN = /^(?:(export|override|private)\s+)*([^\s:#=!?+]+)\s*(\?=|:::=|::=|:=|\+=|!=|=)\s*(.*)$/s;
const CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef)\b/;

/** Joins backslash-continued lines; returns logical lines with their first physical line number. */
function logicalLines(text: string): { text: string; line: number; raw: string }[] {
  const phys = text.split('\n');
  const out: { text: string; line: number; raw: string }[] = [];
  for (let i = 0; i < phys.length; i++) {
    const start = i;
    let cur = phys[i]!.replace(/\r$/, '');
    let raw = cur;
    while (/(^|[^\\])(\\\\)*\\$/.test(cur) && i + 1 < phys.length) {
      i++;
      const next = phys[i]!.replace(/\r$/, '');
      raw += `\n${next}`;
      cur = `${cur.slice(0, -1).replace(/\s+$/, '')} ${next.replace(/^\s+/, '')}`;
    }
    out.push({ text: cur, line: start + 1, raw });
  }
  return out;
}

function stripComment(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '#') { out += '#'; i++; continue; }
    if (s[i] === '#') break;
    out += s[i];
  }
  return out;
}

/** Parses one makefile. Never throws; unbalanced conditionals/defines produce diagnostics. */
export function parseMakefile(file: string, text: string, diagnostics: { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number }[] = []): MakefileFacts {
  const mf: MakefileFacts = { file, vars: [], rules: [], defines: [], includes: [], exports: [] };
  const lines = logicalLines(text);
  let depth = 0;
  let rule: MakeRule | undefined;
  let define: MakeDefine | undefined;
  let defineDepth = 0;
  for (const l of lines) {
    if (define) {
      const t = l.text.trim();
      if (/^define\b/.test(t)) defineDepth++;
      if (/^endef\b/.test(t)) {
        if (defineDepth === 0) {
          mf.defines.push(define);
          mf.vars.push({ name: define.name, op: '=', value: define.body.map((b) => b.text).join('\n'), file, line: define.line, conditional: depth > 0, exported: false });
          define = undefined;
          continue;
        }
        defineDepth--;
      }
      define.body.push({ text: l.raw, line: l.line });
      continue;
    }
    if (l.text.startsWith('\t') && rule) {
      const body = l.raw.replace(/^\t/, '');
      if (body.trim() && !body.trim().startsWith('#')) rule.recipe.push({ text: body, line: l.line });
      continue;
    }
    const t = stripComment(l.text).trim();
    if (!t) continue;
    if (CONDITIONAL.test(t)) { depth++; continue; }
    if (/^else\b/.test(t)) continue;
    if (/^endif\b/.test(t)) {
      if (depth === 0) diagnostics.push({ level: 'warning', code: 'makefile-unbalanced', file, line: l.line, message: 'endif without a matching if' });
      depth = Math.max(0, depth - 1);
      continue;
    }
    const def = /^(?:(?:export|override)\s+)*define\s+([^\s=:?+]+)/.exec(t);
    if (def) {
      define = { name: def[1]!, file, line: l.line, body: [] };
      defineDepth = 0;
      rule = undefined;
      continue;
    }
    const inc = /^-?(?:include|sinclude)\s+(.+)$/.exec(t);
    if (inc) {
      mf.includes.push(...inc[1]!.split(/\s+/).filter(Boolean));
      rule = undefined;
      continue;
    }
    const exp = /^export\s+([^=:+?!]+)$/.exec(t);
    if (exp) {
      mf.exports.push(...exp[1]!.split(/\s+/).filter(Boolean));
      rule = undefined;
      continue;
    }
    if (/^(unexport|vpath|\.RECIPEPREFIX)\b/.test(t)) continue;
    const a = ASSIGN.exec(t);
    if (a && !/:/.test(a[2]!)) {
      const exported = /^export\s/.test(t);
      mf.vars.push({ name: a[2]!, op: a[3]!, value: a[4]!.trim(), file, line: l.line, conditional: depth > 0, exported });
      if (exported) mf.exports.push(a[2]!);
      rule = undefined;
      continue;
    }
    // rule: targets : [prereqs] [; recipe]   or target-specific: targets : VAR = value
    const colon = /^([^:=]+?)\s*(::?|&:)(?!=)\s*(.*)$/s.exec(t);
    if (colon) {
      const targets = colon[1]!.split(/\s+/).filter(Boolean);
      const rest = colon[3]!;
      const ts = ASSIGN.exec(rest);
      if (ts && !/^[^=]*:/.test(rest.split('=')[0]!.replace(/[:?+!]$/, ''))) {
        mf.vars.push({ name: ts[2]!, op: ts[3]!, value: ts[4]!.trim(), file, line: l.line, conditional: true, exported: /^export\s/.test(rest) });
        // a target-specific variable line keeps the rule context of nothing
        rule = undefined;
        continue;
      }
      const semi = rest.indexOf(';');
      const prereqText = semi === -1 ? rest : rest.slice(0, semi);
      rule = { targets, prereqs: prereqText.split(/\s+/).filter((p) => p && p !== '|'), file, line: l.line, recipe: [] };
      if (semi !== -1 && rest.slice(semi + 1).trim()) rule.recipe.push({ text: rest.slice(semi + 1).trim(), line: l.line });
      mf.rules.push(rule);
      continue;
    }
    if (!/^(\$\(|\$\{)/.test(t)) {
      diagnostics.push({ level: 'info', code: 'makefile-unparsed-line', file, line: l.line, message: `makefile line not understood: ${t.slice(0, 60)}` });
    }
    rule = undefined;
  }
  if (define) diagnostics.push({ level: 'warning', code: 'makefile-unbalanced', file, line: define.line, message: `define ${define.name} without endef` });
  if (depth > 0) diagnostics.push({ level: 'warning', code: 'makefile-unbalanced', file, message: `${depth} conditional(s) without endif` });
  return mf;
}

/** The makefiles of one directory (plus the files they include), sharing one variable table. */
export class MakeProject {
  readonly vars = new Map<string, MakeVar[]>();
  readonly rules: MakeRule[] = [];
  readonly defines: MakeDefine[] = [];
  readonly exports = new Set<string>();

  constructor(readonly dir: string, readonly files: MakefileFacts[]) {
    for (const f of files) {
      for (const v of f.vars) {
        let list = this.vars.get(v.name);
        if (!list) this.vars.set(v.name, (list = []));
        list.push(v);
        if (v.exported) this.exports.add(v.name);
      }
      this.rules.push(...f.rules);
      this.defines.push(...f.defines);
      for (const e of f.exports) this.exports.add(e);
    }
  }

  /** Value of a variable in a mode; `undefined` when never assigned. */
  value(name: string, mode: 'union' | 'strict', overrides: Record<string, string> = {}): string | undefined {
    if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name];
    const list = this.vars.get(name);
    if (!list) return undefined;
    if (mode === 'union') {
      // every alternative that may carry flags or references, plus every append; plain words
      // (GOOS := linux in one branch, windows in another) keep one value so that shell
      // assignments like `GOOS=$(GOOS) go build` stay one word
      const alts = list.filter((v) => v.op !== '+=');
      const appends = list.filter((v) => v.op === '+=').map((v) => v.value);
      const flagish = alts.filter((v) => /(^|\s)-|\$/.test(v.value)).map((v) => v.value);
      const plain = [...alts].reverse().find((v) => !v.conditional) ?? alts[0];
      const picked = flagish.length ? flagish : plain ? [plain.value] : [];
      return [...picked, ...appends].join(' ');
    }
    if (list.some((v) => v.conditional && v.op !== '+=')) return '';
    let val = '';
    for (const v of list) {
      if (v.conditional) continue;
      if (v.op === '+=') val = val ? `${val} ${v.value}` : v.value;
      else if (v.op === '?=') { if (!val) val = v.value; }
      else if (v.op === '!=') val = '';
      else val = v.value;
    }
    return val;
  }

  /** Expands make references in `text`. `auto` supplies $@, $<, $^, $*. */
  expand(text: string, mode: 'union' | 'strict', ctx: { auto?: Record<string, string>; overrides?: Record<string, string>; open?: Set<string>; stack?: string[] } = {}, depth = 0): string {
    if (depth > 12) return '';
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c !== '$') { out += c; continue; }
      const n = text[i + 1];
      if (n === undefined) { out += c; continue; }
      if (n === '$') { out += '$'; i++; continue; }
      if (n === '(' || n === '{') {
        const close = n === '(' ? ')' : '}';
        let d = 0;
        let j = i + 1;
        for (; j < text.length; j++) {
          if (text[j] === n) d++;
          else if (text[j] === close) { d--; if (d === 0) break; }
        }
        const inner = text.slice(i + 2, j);
        out += this.reference(inner, mode, ctx, depth);
        i = j;
        continue;
      }
      // single-character variable: $@ $< $^ $* $X
      out += ctx.auto?.[n] ?? this.lookup(n, mode, ctx, depth);
      i++;
    }
    return out;
  }

  private lookup(name: string, mode: 'union' | 'strict', ctx: { auto?: Record<string, string>; overrides?: Record<string, string>; open?: Set<string>; stack?: string[] }, depth: number): string {
    if (ctx.auto && ctx.auto[name] !== undefined) return ctx.auto[name]!;
    if (ctx.stack?.includes(name)) return ''; // self reference (VERSION := $(if $(VERSION),...))
    const v = this.value(name, mode, ctx.overrides);
    if (v === undefined) {
      if (/^(GO|GOCMD|GO_CMD|GOBIN_CMD)$/.test(name)) return 'go';
      if (name === 'MAKE') return 'make';
      ctx.open?.add(name);
      return '';
    }
    return this.expand(v, mode, { ...ctx, stack: [...(ctx.stack ?? []), name] }, depth + 1);
  }

  private reference(inner: string, mode: 'union' | 'strict', ctx: { auto?: Record<string, string>; overrides?: Record<string, string>; open?: Set<string>; stack?: string[] }, depth: number): string {
    const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
    if (!fn) {
      // $(VAR:a=b) substitution reference: expand VAR and ignore the substitution
      const name = inner.split(':')[0]!;
      return this.lookup(this.expand(name, mode, ctx, depth + 1), mode, ctx, depth);
    }
    const [, name, argText] = fn;
    const args = splitArgs(argText!);
    const ex = (s: string) => this.expand(s, mode, ctx, depth + 1);
    switch (name) {
      case 'strip': case 'sort': case 'firstword': case 'lastword': case 'abspath': case 'realpath':
        return ex(argText!);
      case 'subst': case 'patsubst':
        return ex(args[2] ?? '');
      case 'filter': case 'filter-out': case 'addprefix': case 'addsuffix': case 'dir': case 'notdir': case 'word': case 'wordlist': case 'join':
        return ex(args[args.length - 1] ?? '');
      case 'if': case 'or': case 'and':
        return mode === 'union' ? args.slice(1).map(ex).join(' ') : '';
      case 'shell': {
        // not run: in union mode, what an `echo`/`printf` in the command prints, else a placeholder word
        if (mode !== 'union') return '';
        const body = ex(argText!);
        const echo = /(?:^|[;&|\s])(?:echo|printf)\s+(?:-[ne]+\s+)?([^;&|]*)/.exec(body);
        return echo ? echo[1]!.trim() : 'SHELL_OUTPUT';
      }
      case 'call': {
        const v = this.value(ex(args[0] ?? '').trim(), mode, ctx.overrides);
        return v === undefined ? '' : ex(v);
      }
      case 'value':
        return this.value(ex(args[0] ?? '').trim(), mode, ctx.overrides) ?? '';
      case 'foreach':
        return mode === 'union' ? ex(args[2] ?? '') : '';
      default:
        return mode === 'union' ? ex(argText!) : '';
    }
  }

  /** Rules whose target matches `target` (exact, else a % pattern). */
  rulesFor(target: string): MakeRule[] {
    const exact = this.rules.filter((r) => r.targets.includes(target));
    if (exact.length) return exact;
    return this.rules.filter((r) => r.targets.some((t) => t.includes('%') && new RegExp(`^${t.split('%').map(escapeRe).join('.*')}$`).test(target)));
  }

  /** The first ordinary target (make's default goal). */
  defaultGoal(): string | undefined {
    const dg = this.vars.get('.DEFAULT_GOAL');
    if (dg?.length) return dg[dg.length - 1]!.value.trim();
    return this.rules.find((r) => r.targets.some((t) => !t.startsWith('.') && !t.includes('%')))?.targets[0];
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits function arguments at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let d = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(' || c === '{') d++;
    else if (c === ')' || c === '}') d--;
    if (c === ',' && d === 0) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

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
}

const NON_RELEASE_TARGET = /(^|[-_./:])(tests?|e2e|integration|bench(mark)?s?|fuzz|lint|vet|check|verify|validate|dev|debug|race|cover(age)?|examples?|demo|tools?|mocks?|fmt|docs?|deps)([-_./:]|$)/i;
/** Package paths and makefile folders of code that does not ship (the code-role model: tests, examples, hack/, tools/, docs…). */
const nonShippedDir = (p: string): boolean => dirRole(p) !== 'production';

export interface ReleaseContext {
  /** Module paths of the repository: a package outside them is a third-party tool. */
  ownModules?: string[];
  /** Directories (relative, '' for the root) holding a main package. */
  mainDirs?: Set<string>;
}

/** Why a go build found in a makefile is not a release build (undefined when it is one). */
export function nonReleaseReason(b: { file: string; targets: string[]; union: GoBuildInvocation }, rc: ReleaseContext = {}): string | undefined {
  const dir = path.posix.dirname(b.file);
  if (nonShippedDir(dir)) return `makefile under ${dir}/`;
  const t = b.targets.find((x) => NON_RELEASE_TARGET.test(x));
  if (t && b.targets.every((x) => NON_RELEASE_TARGET.test(x))) return `target ${t}`;
  if (!producesArtifact(b.union)) return b.union.subcommand === 'install' ? 'tool install (pkg@version)' : 'compile check (no -o, several packages or ./...)';
  if (b.union.dir && nonShippedDir(b.union.dir)) return `go -C ${b.union.dir}`;
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
  const p = b.union.packages.find((x) => nonShippedDir(x));
  if (p) return `package ${p}`;
  if (b.union.output && nonShippedDir(b.union.output)) return `output ${b.union.output}`;
  return undefined;
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
): MakeGoBuild[] {
  let body = r.text.replace(/^[@+-]+/, '').replace(/^\s*[@+-]+/, '');
  // a `$(call DEFINE)` / `$(DEFINE)` runs the define body, whose lines are judged at their own line
  for (const d of proj.defines) body = body.replace(new RegExp(`\\$[({](?:call\\s+)?${escapeRe(d.name)}\\b[^)}]*[)}]`, 'g'), '');
  const auto = { '@': targets[0] ?? '', '<': prereqs[0] ?? '', '^': prereqs.join(' '), '*': '%', '?': prereqs.join(' ') };
  const open = new Set<string>();
  const union = proj.expand(body, 'union', { auto, overrides, open });
  if (!/\bgo(\s|$)|\bgo1\.\d+/.test(union)) return [];
  const strict = proj.expand(body, 'strict', { auto, overrides });
  const env: Record<string, string> = { ...baseEnv };
  for (const name of proj.exports) {
    const v = proj.value(name, 'union', overrides);
    if (v !== undefined) env[name] = proj.expand(v, 'union', { overrides });
  }
  const strictEnv: Record<string, string> = { ...baseEnv };
  for (const name of proj.exports) {
    const v = proj.value(name, 'strict', overrides);
    if (v) strictEnv[name] = proj.expand(v, 'strict', { overrides });
  }
  const ub = findGoBuilds(union.replace(/^[@+-]+/, ''), env);
  const sb = findGoBuilds(strict.replace(/^[@+-]+/, ''), strictEnv);
  return ub.map((u, i) => ({
    file, line: r.line, targets, union: u, strict: sb.length === ub.length ? sb[i] : undefined, openVars: [...open], command: union.trim(),
  }));
}

/** Every go build / go install in the project's recipes and define blocks. */
export function projectGoBuilds(proj: MakeProject): MakeGoBuild[] {
  const out: MakeGoBuild[] = [];
  for (const rule of proj.rules) {
    if (rule.targets.every((t) => t.startsWith('.'))) continue;
    for (const r of rule.recipe) out.push(...buildsOfLine(proj, rule.file, rule.targets, rule.prereqs, r));
  }
  for (const d of proj.defines) {
    const users = proj.rules.filter((r) => r.recipe.some((l) => new RegExp(`\\$[({](call\\s+)?${escapeRe(d.name)}\\b`).test(l.text)));
    const targets = users.length ? users.flatMap((u) => u.targets) : [`define ${d.name}`];
    const prereqs = users[0]?.prereqs ?? [];
    for (const r of d.body) out.push(...buildsOfLine(proj, d.file, targets, prereqs, r));
  }
  return out;
}

/**
 * The go builds `make <targets>` would run: the targets' recipes, their prerequisites and
 * `$(MAKE) x` sub-invocations, with command-line overrides applied (depth-limited).
 */
export function goBuildsForTargets(proj: MakeProject, targets: string[], overrides: Record<string, string> = {}, baseEnv: Record<string, string> = {}): MakeGoBuild[] {
  const out: MakeGoBuild[] = [];
  const seen = new Set<string>();
  const visit = (target: string, ov: Record<string, string>, depth: number) => {
    const key = `${target}\u0000${JSON.stringify(ov)}`;
    if (depth > 6 || seen.has(key)) return;
    seen.add(key);
    // variables set on the make command line are exported to the recipes' environment
    const env = { ...baseEnv, ...ov };
    for (const rule of proj.rulesFor(target)) {
      for (const p of rule.prereqs) visit(proj.expand(p, 'union', { overrides: ov }).trim(), ov, depth + 1);
      for (const r of rule.recipe) {
        const tgts = target === rule.targets[0] ? rule.targets : [target, ...rule.targets];
        const body = r.text;
        // $(call DEFINE) / $(DEFINE) in the recipe: the define body runs here
        for (const d of proj.defines) {
          if (new RegExp(`\\$[({](call\\s+)?${escapeRe(d.name)}\\b`).test(body)) {
            for (const dl of d.body) out.push(...buildsOfLine(proj, d.file, tgts, rule.prereqs, dl, ov, env));
          }
        }
        out.push(...buildsOfLine(proj, rule.file, tgts, rule.prereqs, r, ov, env));
        // $(MAKE) sub-invocations
        const expanded = proj.expand(body, 'union', { overrides: ov, auto: { '@': target } });
        const m = /(?:^|[\s;&|])(?:make|gmake)\s+([^;&|]*)/.exec(expanded);
        if (m) {
          const words = m[1]!.split(/\s+/).filter(Boolean);
          const sub: Record<string, string> = { ...ov };
          const subTargets: string[] = [];
          for (const w of words) {
            const kv = /^([A-Za-z_][\w.-]*)=(.*)$/.exec(w);
            if (kv) sub[kv[1]!] = kv[2]!.replace(/^["']|["']$/g, '');
            else if (!w.startsWith('-')) subTargets.push(w);
          }
          for (const t of subTargets.length ? subTargets : [proj.defaultGoal() ?? '']) if (t) visit(t, sub, depth + 1);
        }
      }
    }
  };
  for (const t of targets.length ? targets : [proj.defaultGoal() ?? '']) if (t) visit(t, overrides, 0);
  return out;
}

/** Make projects per directory (all makefiles of a folder plus their includes), parsed once. */
export function makeProjects(repo: RepoFacts): MakeProject[] {
  return repo.memo('makefiles', () => {
    const byDir = new Map<string, MakefileFacts[]>();
    const parsed = new Map<string, MakefileFacts>();
    const load = (rel: string): MakefileFacts | undefined => {
      if (parsed.has(rel)) return parsed.get(rel);
      const { text } = repo.readText(rel);
      if (text === undefined) return undefined;
      const mf = parseMakefile(rel, text, repo.diagnostics);
      parsed.set(rel, mf);
      return mf;
    };
    for (const rel of repo.filesWhere((r) => isMakefilePath(r))) {
      const mf = load(rel);
      if (!mf) continue;
      const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
      let list = byDir.get(dir);
      if (!list) byDir.set(dir, (list = []));
      list.push(mf);
    }
    const known = new Set(repo.otherFiles);
    const out: MakeProject[] = [];
    for (const [dir, files] of byDir) {
      const all = [...files];
      for (const f of files) {
        for (const inc of f.includes) {
          if (/[$*]/.test(inc)) continue;
          const rel = path.posix.normalize(dir ? `${dir}/${inc}` : inc);
          if (known.has(rel) && !all.some((x) => x.file === rel)) {
            const mf = load(rel);
            if (mf) all.push(mf);
          }
        }
      }
      out.push(new MakeProject(dir, all));
    }
    return out.sort((a, b) => a.dir.localeCompare(b.dir));
  });
}
