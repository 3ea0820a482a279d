/**
 * The one Makefile reader: a textual parser (variables, rules, recipes, `define` blocks,
 * includes, exports, target-specific variables) and `MakeProject`, the files make reads
 * together, with bounded variable expansion. Make is never run and `$(shell …)` never executed.
 *
 * Includes (`include`, `-include`, `sinclude`) are resolved only to files the walker accepted in
 * the repository (looked up in its file list, never opened by a path taken from the Makefile);
 * an include that cannot be resolved (missing, computed at run time, outside the repository)
 * is recorded in `MakeProject.unresolved` so that callers lower confidence instead of reporting
 * an absence. Included text is read at the point of the include (GNU make's order).
 *
 * Expansion has two modes:
 *  - `union`: every value a variable is assigned anywhere (conditional branches, target-specific
 *    values, both `$(if)` branches, what an `echo` in `$(shell …)` prints) — for rules that report
 *    a MISSING flag: a flag that might be present counts as present.
 *  - `strict`: only unconditional assignments; conditional ones, `$(if)`, `$(shell)` expand to
 *    nothing — for rules that report a PRESENT flag.
 * Expansion is bounded per project (steps and output length) and memoised per variable; a
 * variable whose value exceeds the budget is unknown (a diagnostic, and it is listed in `open`).
 */
import path from 'node:path';
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { FileBudget, FileBudgetExceeded, fileBudgetMessage } from '../core/file-budget.js';

export interface MakeVar {
  name: string;
  /** `=`, `:=`, `::=`, `:::=`, `?=`, `+=`, `!=`. */
  op: string;
  value: string;
  file: string;
  line: number;
  /** Inside ifeq/ifdef/... or target-specific: not always in effect. */
  conditional: boolean;
  exported: boolean;
  override: boolean;
  /** Set for a target-specific assignment (`test: FLAGS += -race`): the targets it applies to. */
  targets?: string[];
}

export interface MakeRecipeLine {
  /** The recipe text as written (a backslash-newline continuation is kept, as make passes it to the shell). */
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

export interface MakeInclude {
  /** The words after `include`, unexpanded. */
  spec: string;
  file: string;
  line: number;
  /** `-include` / `sinclude`: make ignores a missing file. */
  optional: boolean;
}

export interface MakefileFacts {
  file: string;
  vars: MakeVar[];
  rules: MakeRule[];
  defines: MakeDefine[];
  includes: MakeInclude[];
  exports: string[];
}

export interface UnresolvedInclude {
  file: string;
  line: number;
  spec: string;
  optional: boolean;
  reason: 'missing' | 'computed' | 'outside the repository' | 'too many includes';
}

type Diagnostic = { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number };

/** Default makefile names, in GNU make's order. */
export const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

const MAKEFILE_NAME = /^(GNUmakefile|[Mm]akefile(\.[\w.-]+)?|[\w.-]+\.mk)$/;
const NOT_MAKEFILE = /\.(md|txt|bak|orig|json|ya?ml|sh|am|in)$/i;

export function isMakefilePath(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return MAKEFILE_NAME.test(base) && !NOT_MAKEFILE.test(base);
}

/** Bounds of expansion, per project. */
export const MAKE_LIMITS = {
  /** `$` references and function calls expanded in one top-level expansion. */
  stepsPerExpansion: 20_000,
  /** Total references expanded in a project (after this, every expansion is unknown). */
  stepsPerProject: 1_000_000,
  /** Length of one expanded value. */
  maxOutput: 64 * 1024,
  /** Characters produced by all top-level expansions of a project (after this, every expansion is unknown). */
  maxProjectOutput: 2 * 1024 * 1024,
  /** Include lines followed per file (a file of thousands of include lines is not read further). */
  maxIncludeLines: 256,
  /** Files read for one project through includes. */
  maxFiles: 64,
  /** Include nesting. */
  maxIncludeDepth: 8,
};

// ------------------------------------------------------------------------------------- parsing

const ASSIGN = /^((?:(?:export|override|private)\s+)*)([^\s:#=!?+]+)\s*(\?=|:::=|::=|:=|\+=|!=|=)\s*(.*)$/s;
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

/**
 * Parses one makefile. Never throws; unbalanced conditionals/defines produce diagnostics. A file
 * whose reading goes over `budgetMs` (the per-file budget) is a `file-timeout` diagnostic and
 * reads as empty.
 */
export function parseMakefile(file: string, text: string, diagnostics: Diagnostic[] = [], budgetMs?: number): MakefileFacts {
  const own: Diagnostic[] = [];
  try {
    const mf = parseWithin(file, text, own, new FileBudget(budgetMs));
    for (const d of own) diagnostics.push(d);
    return mf;
  } catch (e) {
    if (!(e instanceof FileBudgetExceeded)) throw e;
    diagnostics.push({ level: 'warning', code: 'file-timeout', file, message: fileBudgetMessage('makefile', e.budgetMs) });
    return { file, vars: [], rules: [], defines: [], includes: [], exports: [] };
  }
}

function parseWithin(file: string, text: string, diagnostics: Diagnostic[], budget: FileBudget): MakefileFacts {
  const mf: MakefileFacts = { file, vars: [], rules: [], defines: [], includes: [], exports: [] };
  let depth = 0;
  let rule: MakeRule | undefined;
  let define: MakeDefine | undefined;
  let defineDepth = 0;
  for (const l of logicalLines(text)) {
    budget.check();
    if (define) {
      const t = l.text.trim();
      if (/^define\b/.test(t)) defineDepth++;
      if (/^endef\b/.test(t)) {
        if (defineDepth === 0) {
          mf.defines.push(define);
          mf.vars.push({ name: define.name, op: '=', value: define.body.map((b) => b.text).join('\n'), file, line: define.line, conditional: depth > 0, exported: false, override: false });
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
    const inc = /^(-include|sinclude|include)\s+(.+)$/.exec(t);
    if (inc) {
      mf.includes.push({ spec: inc[2]!.trim(), file, line: l.line, optional: inc[1] !== 'include' });
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
      const exported = /\bexport\s/.test(a[1]!);
      mf.vars.push({ name: a[2]!, op: a[3]!, value: a[4]!.trim(), file, line: l.line, conditional: depth > 0, exported, override: /\boverride\s/.test(a[1]!) });
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
        mf.vars.push({
          name: ts[2]!, op: ts[3]!, value: ts[4]!.trim(), file, line: l.line, conditional: true,
          exported: /\bexport\s/.test(ts[1]!), override: /\boverride\s/.test(ts[1]!), targets,
        });
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

// ----------------------------------------------------------------------------------- expansion

export type ExpandMode = 'union' | 'strict';

export interface ExpandContext {
  /** Automatic variables ($@, $<, $^, $*, $?). */
  auto?: Record<string, string>;
  /** Command-line variables (`make X=1`): they win over every assignment but `override`. */
  overrides?: Record<string, string>;
  /** The environment: used for variables the makefiles never set, and against `?=`. */
  env?: Record<string, string>;
  /** The targets being made: their target-specific variables apply (all of them when unset). */
  targets?: string[];
  /** Collects variables that have no value (never assigned, or over the budget). */
  open?: Set<string>;
  /** What an unknown `$(shell …)` expands to in union mode (default `SHELL_OUTPUT`). */
  shellPlaceholder?: string;
  /**
   * Names whose references (`$(NAME)`, `$(call NAME,…)`) expand to nothing at any depth: the `define` blocks whose
   * bodies are judged at their own lines (makefile-builds.ts).
   */
  opaque?: ReadonlySet<string>;
  /**
   * The `$(call NAME,args…)` whose function body the text is (a line of a `define` judged at its own line for one
   * call site): `$(0)` is NAME, `$(1)`… the arguments, expanded in the same context before they are bound.
   */
  call?: { name: string; args: string[] };
}

interface RunState {
  ctx: ExpandContext;
  mode: ExpandMode;
  key: string;
  steps: number;
  stack: string[];
  /** The arguments of the `$(call …)`s being expanded, innermost last: `$(0)` is the function's name, `$(1)`… its arguments. */
  calls: string[][];
}

class BudgetExceeded extends Error {}

/** Nested `$(call …)`s expanded (make has no bound; a function calling itself would not end). */
const MAX_CALL_DEPTH = 16;

/** Function names make knows (others are variable names with spaces, which make rejects). */
export const MAKE_FUNCTIONS = new Set([
  'shell', 'filter', 'filter-out', 'addprefix', 'addsuffix', 'subst', 'patsubst', 'strip', 'findstring', 'sort', 'word',
  'words', 'wordlist', 'firstword', 'lastword', 'dir', 'notdir', 'suffix', 'basename', 'join', 'wildcard', 'realpath',
  'abspath', 'if', 'or', 'and', 'foreach', 'call', 'value', 'eval', 'origin', 'flavor', 'error', 'warning', 'info', 'file',
  'let', 'intcmp', 'guile',
]);

/** The makefiles make reads together (one or more entry files plus their includes), one variable table. */
export class MakeProject {
  readonly vars = new Map<string, MakeVar[]>();
  readonly rules: MakeRule[] = [];
  readonly defines: MakeDefine[] = [];
  readonly exports = new Set<string>();
  /** Repo-relative paths of the files read, in reading order, each once. */
  readonly paths: string[];
  /** Includes that could not be followed: what they define is not seen. */
  readonly unresolved: UnresolvedInclude[] = [];
  private readonly memo = new Map<string, string | null>();
  /** Memo keys of values that contain a variable over the budget (they are partly unknown). */
  private readonly tainted = new Set<string>();
  private blown = 0;
  private projectSteps = 0;
  private projectOutput = 0;
  /** Exact target name → rules (rulesFor), built on first use. */
  private byTarget: Map<string, MakeRule[]> | undefined;
  private impure = 0;
  private readonly reported = new Set<string>();

  /**
   * `files` in reading order: a file's text before an include line, the included file, then
   * the rest (see `loadProject`); `diagnostics` receives expansion-budget diagnostics.
   */
  constructor(readonly dir: string, readonly files: MakefileFacts[], private readonly diagnostics: Diagnostic[] = [], unresolved: UnresolvedInclude[] = []) {
    this.unresolved.push(...unresolved);
    this.paths = [...new Set(files.map((f) => f.file))];
    for (const f of files) {
      for (const v of f.vars) {
        let list = this.vars.get(v.name);
        if (!list) this.vars.set(v.name, (list = []));
        list.push(v);
        if (v.exported) this.exports.add(v.name);
      }
      for (const r of f.rules) this.rules.push(r);
      for (const d of f.defines) this.defines.push(d);
      for (const e of f.exports) this.exports.add(e);
    }
  }

  /** Assignments of `name` that apply to `targets` (every one when `targets` is undefined). */
  assignments(name: string, targets?: string[]): MakeVar[] {
    const list = this.vars.get(name) ?? [];
    return targets ? list.filter((v) => !v.targets || v.targets.some((t) => targets.includes(t))) : list;
  }

  /** Unexpanded value of a variable in a mode; `undefined` when never assigned. */
  value(name: string, mode: ExpandMode, overrides: Record<string, string> = {}, opts: { env?: Record<string, string>; targets?: string[] } = {}): string | undefined {
    const all = this.assignments(name, opts.targets);
    const forced = all.filter((v) => v.override);
    if (Object.prototype.hasOwnProperty.call(overrides, name) && !forced.length) return overrides[name];
    const list = forced.length ? forced : all;
    if (!list.length) return opts.env && Object.prototype.hasOwnProperty.call(opts.env, name) ? opts.env[name] : undefined;
    // `?=` only assigns when the variable is not already set (by the environment here)
    const envValue = opts.env && Object.prototype.hasOwnProperty.call(opts.env, name) && list.every((v) => v.op === '?=' || v.op === '+=') ? opts.env[name] : undefined;
    if (mode === 'union') {
      // every alternative that may carry flags or references, plus every append; plain words
      // (GOOS := linux in one branch, windows in another) keep one value so that shell
      // assignments like `GOOS=$(GOOS) go build` stay one word
      const alts = list.filter((v) => v.op !== '+=' && !(envValue !== undefined && v.op === '?='));
      const appends = list.filter((v) => v.op === '+=').map((v) => v.value);
      const flagish = alts.filter((v) => /(^|\s)-|\$/.test(v.value)).map((v) => v.value);
      const plain = [...alts].reverse().find((v) => !v.conditional) ?? alts[0];
      const picked = flagish.length ? flagish : plain ? [plain.value] : envValue !== undefined ? [envValue] : [];
      // a value repeated (the same block pasted many times) counts once: union mode asks what may
      // be present, and repeats made expansion grow with the square of the file
      return [...new Set([...picked, ...appends])].join(' ');
    }
    if (list.some((v) => v.conditional && v.op !== '+=')) return '';
    let val = envValue ?? '';
    for (const v of list) {
      if (v.conditional) continue;
      if (v.op === '+=') val = val ? `${val} ${v.value}` : v.value;
      else if (v.op === '?=') { if (!val) val = v.value; }
      else if (v.op === '!=') val = '';
      else val = v.value;
    }
    return val;
  }

  /** Expands make references in `text`. Never throws; bounded (see MAKE_LIMITS). */
  expand(text: string, mode: ExpandMode, ctx: ExpandContext = {}): string {
    const key = `${mode}\u0000${JSON.stringify(ctx.overrides ?? {})}\u0000${JSON.stringify(ctx.env ?? {})}\u0000${ctx.targets?.join(' ') ?? '*'}\u0000${ctx.shellPlaceholder ?? ''}\u0000${ctx.opaque ? opaqueKey(ctx.opaque) : ''}`;
    const st: RunState = { ctx, mode, key, steps: 0, stack: [], calls: [] };
    try {
      if (this.projectOutput > MAKE_LIMITS.maxProjectOutput) throw new BudgetExceeded('the project');
      // the arguments of the call whose body this is, expanded before they are bound (make's order)
      if (ctx.call) st.calls.push([ctx.call.name, ...ctx.call.args.map((a) => this.run(a, st, 1))]);
      const out = this.run(text, st, 0);
      this.projectOutput += out.length;
      return out;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      // an expansion over its own bound did that much work: it counts against the project's
      this.projectOutput += MAKE_LIMITS.maxOutput;
      this.budgetDiagnostic(e.message);
      return '';
    }
  }

  private budgetDiagnostic(what: string): void {
    if (this.reported.has(what) || this.reported.size > 5) return;
    this.reported.add(what);
    const f = this.files[0];
    this.diagnostics.push({
      level: 'warning', code: 'makefile-expansion-budget', file: f?.file,
      message: what === 'the project'
        ? `make expansion exceeds the budget of the project (${MAKE_LIMITS.maxProjectOutput} characters expanded); further values are treated as unknown`
        : `make expansion of ${what} exceeds the budget (${MAKE_LIMITS.stepsPerExpansion} steps or ${MAKE_LIMITS.maxOutput} characters); its value is treated as unknown`,
    });
  }

  private step(st: RunState): void {
    if (++st.steps > MAKE_LIMITS.stepsPerExpansion || ++this.projectSteps > MAKE_LIMITS.stepsPerProject) throw new BudgetExceeded('a value');
  }

  private run(text: string, st: RunState, depth: number): string {
    if (depth > 40) return '';
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c !== '$') { out += c; continue; }
      const n = text[i + 1];
      if (n === undefined) { out += c; continue; }
      if (n === '$') { out += '$'; i++; continue; }
      this.step(st);
      if (n === '(' || n === '{') {
        const close = n === '(' ? ')' : '}';
        let d = 0;
        let j = i + 1;
        for (; j < text.length; j++) {
          if (text[j] === n) d++;
          else if (text[j] === close) { d--; if (d === 0) break; }
        }
        out += this.reference(text.slice(i + 2, j), st, depth);
        i = j;
      } else {
        // single-character variable: $@ $< $^ $* $X
        out += st.ctx.auto?.[n] ?? this.lookup(n, st, depth);
        i++;
      }
      if (out.length > MAKE_LIMITS.maxOutput) throw new BudgetExceeded('a value');
    }
    return out;
  }

  private lookup(name: string, st: RunState, depth: number): string {
    const { ctx } = st;
    if (ctx.auto && ctx.auto[name] !== undefined) {
      this.impure++;
      return ctx.auto[name]!;
    }
    if (/^\d+$/.test(name)) {
      // `$(1)` in the body of a `$(call f,…)` — or in a variable that body reads, as make binds them for the whole
      // expansion: its argument. A value that reads one depends on the call, so it is never memoised.
      this.impure++;
      if (st.calls.length) return st.calls[st.calls.length - 1]![Number(name)] ?? '';
    }
    if (ctx.opaque?.has(name)) return '';
    if (st.stack.includes(name)) {
      // self reference (VERSION := $(if $(VERSION),...)) or a loop: nothing
      this.impure++;
      return '';
    }
    const key = `${name}\u0000${st.key}`;
    const known = this.memo.get(key);
    if (known === null) {
      ctx.open?.add(name);
      return '';
    }
    if (known !== undefined) {
      if (this.tainted.has(key)) ctx.open?.add(name);
      return known;
    }
    const v = this.value(name, st.mode, ctx.overrides, { env: ctx.env, targets: ctx.targets });
    if (v === undefined) {
      if (/^(GO|GOCMD|GO_CMD|GOBIN_CMD)$/.test(name)) return 'go';
      if (name === 'MAKE') return 'make';
      ctx.open?.add(name);
      return '';
    }
    const impureBefore = this.impure;
    const blownBefore = this.blown;
    st.stack.push(name);
    let out: string;
    try {
      out = this.run(v, st, depth + 1);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      // the variable is unknown; the rest of the text still expands (with a fresh allowance)
      this.memo.set(key, null);
      this.blown++;
      ctx.open?.add(name);
      this.budgetDiagnostic(`$(${name})`);
      if (this.projectSteps > MAKE_LIMITS.stepsPerProject) throw e;
      st.steps = 0;
      return '';
    } finally {
      st.stack.pop();
    }
    if (this.blown !== blownBefore) {
      // a variable inside this one is unknown: so is this one, in part
      ctx.open?.add(name);
      this.tainted.add(key);
    }
    if (this.impure === impureBefore) this.memo.set(key, out);
    return out;
  }

  private reference(inner: string, st: RunState, depth: number): string {
    const { mode, ctx } = st;
    const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
    if (!fn || !MAKE_FUNCTIONS.has(fn[1]!)) {
      // $(VAR) or $(VAR:a=b) substitution reference: expand VAR and ignore the substitution
      const name = inner.split(':')[0]!;
      return this.lookup(this.run(name, st, depth + 1).trim(), st, depth);
    }
    const [, name, argText] = fn;
    const args = splitArgs(argText!);
    const ex = (s: string) => this.run(s, st, depth + 1);
    switch (name) {
      case 'strip': case 'sort': case 'abspath': case 'realpath':
        return ex(argText!);
      case 'firstword': case 'lastword': {
        const w = words(ex(argText!));
        return (name === 'firstword' ? w[0] : w[w.length - 1]) ?? '';
      }
      case 'dir':
        return words(ex(argText!)).map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './')).join(' ');
      case 'notdir':
        return words(ex(argText!)).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' ');
      case 'addprefix': case 'addsuffix': {
        const fix = ex(args[0] ?? '').trim();
        return words(ex(args.slice(1).join(','))).map((w) => (name === 'addprefix' ? fix + w : w + fix)).join(' ');
      }
      case 'subst': case 'patsubst':
        return ex(args[2] ?? '');
      case 'filter': case 'filter-out': case 'word': case 'wordlist': case 'join':
        return ex(args[args.length - 1] ?? '');
      case 'if': case 'or': case 'and':
        return mode === 'union' ? args.slice(1).map(ex).join(' ') : '';
      case 'shell': {
        // not run: in union mode, what an `echo`/`printf` in the command prints, else a placeholder word
        if (mode !== 'union') return '';
        const body = ex(argText!);
        const echo = /(?:^|[;&|\s])(?:echo|printf)\s+(?:-[ne]+\s+)?([^;&|]*)/.exec(body);
        return echo ? echo[1]!.trim() : (ctx.shellPlaceholder ?? 'SHELL_OUTPUT');
      }
      case 'call': {
        // the arguments are expanded first, then bound to $(1), $(2)… while the function's value expands (nested
        // calls bounded: a function that calls itself stops there)
        const fname = ex(args[0] ?? '').trim();
        if (ctx.opaque?.has(fname)) return '';
        const v = this.value(fname, mode, ctx.overrides, { env: ctx.env, targets: ctx.targets });
        if (v === undefined || st.calls.length >= MAX_CALL_DEPTH) return '';
        st.calls.push([fname, ...args.slice(1).map(ex)]);
        try {
          return ex(v);
        } finally {
          st.calls.pop();
        }
      }
      case 'value':
        return this.value(ex(args[0] ?? '').trim(), mode, ctx.overrides, { env: ctx.env, targets: ctx.targets }) ?? '';
      case 'foreach':
        return mode === 'union' ? ex(args[2] ?? '') : '';
      default:
        return mode === 'union' ? ex(argText!) : '';
    }
  }

  /** Rules whose target matches `target` (exact, else a % pattern). */
  rulesFor(target: string): MakeRule[] {
    if (!this.byTarget) {
      this.byTarget = new Map();
      for (const r of this.rules) {
        for (const t of new Set(r.targets)) {
          let list = this.byTarget.get(t);
          if (!list) this.byTarget.set(t, (list = []));
          list.push(r);
        }
      }
    }
    const exact = this.byTarget.get(target);
    if (exact?.length) return exact;
    // a target written with variables (`bin/$(BINARY):`) is the file its expansion names (`make bin/app`, or the
    // default goal's prerequisite `bin/$(BINARY)` expanded)
    const computed = this.computedTargets().get(target);
    if (computed?.length) return computed;
    return this.rules.filter((r) => r.targets.some((t) => t.includes('%') && new RegExp(`^${t.split('%').map(escapeRe).join('.*')}$`).test(target)));
  }

  private byComputedTarget: Map<string, MakeRule[]> | undefined;
  /** The rules whose targets are written with variables, by each expansion of those targets (union and strict). */
  private computedTargets(): Map<string, MakeRule[]> {
    if (!this.byComputedTarget) {
      this.byComputedTarget = new Map();
      for (const r of this.rules) {
        for (const t of new Set(r.targets)) {
          if (!t.includes('$')) continue;
          for (const mode of ['union', 'strict'] as const) {
            const e = this.expand(t, mode).trim();
            if (!e || /\s|\$|SHELL_OUTPUT/.test(e)) continue;
            let list = this.byComputedTarget.get(e);
            if (!list) this.byComputedTarget.set(e, (list = []));
            if (!list.includes(r)) list.push(r);
          }
        }
      }
    }
    return this.byComputedTarget;
  }

  /** make's default goal: `.DEFAULT_GOAL`, else the first ordinary target. */
  defaultGoal(): string | undefined {
    const dg = this.vars.get('.DEFAULT_GOAL');
    if (dg?.length) return dg[dg.length - 1]!.value.trim();
    return this.rules.find((r) => r.targets.some((t) => !t.startsWith('.') && !t.includes('%') && !t.includes('$')))?.targets[0];
  }
}

const opaqueKeys = new WeakMap<ReadonlySet<string>, string>();
/** The memo key part of an opaque set (computed once per set). */
function opaqueKey(names: ReadonlySet<string>): string {
  let k = opaqueKeys.get(names);
  if (k === undefined) opaqueKeys.set(names, (k = [...names].sort().join(' ')));
  return k;
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits function arguments at top-level commas. */
export function splitArgs(s: string): string[] {
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

// ------------------------------------------------------------------------------- repository

/** The files the walker accepted: the only files an include may resolve to. */
function knownFiles(repo: RepoFacts): Set<string> {
  return repo.memo('makefile-known-files', () => new Set(repo.otherFiles));
}

/** One makefile parsed once per audit (diagnostics once). */
function parsedFile(repo: RepoFacts, rel: string): MakefileFacts | undefined {
  return repo.memo(`makefile:${rel}`, () => {
    const { text } = repo.readText(rel);
    return text === undefined ? undefined : parseMakefile(rel, text, repo.diagnostics, repo.fileBudgetMs);
  });
}

function globRe(glob: string): RegExp {
  return new RegExp(`^${glob.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : escapeRe(c))).join('')}$`);
}

/**
 * Reads `entries` (repo-relative) and the files they include, in make's order, into one project.
 * Include paths are relative to `dir` (make's working directory) and looked up in the
 * repository's file list only.
 */
export function loadProject(repo: RepoFacts, dir: string, entries: string[], known: Set<string> = knownFiles(repo)): MakeProject {
  const files: MakefileFacts[] = [];
  const seen = new Set<string>();
  const unresolved: UnresolvedInclude[] = [];
  const visit = (rel: string, depth: number): void => {
    if (seen.has(rel)) return;
    const mf = parsedFile(repo, rel);
    if (!mf) return;
    seen.add(rel);
    // the file's own content up to each include, then the included files, then the rest
    // (each list is in line order: one sweep per list, not a filter per include)
    let cut = 0;
    const at = { vars: 0, rules: 0, defines: 0 };
    const upTo = <T extends { line: number }>(list: T[], k: keyof typeof at, end: number): T[] => {
      const from = at[k];
      while (at[k] < list.length && list[at[k]]!.line < end) at[k]++;
      return list.slice(from, at[k]);
    };
    const slice = (end: number): MakefileFacts => {
      const part = { file: mf.file, vars: upTo(mf.vars, 'vars', end), rules: upTo(mf.rules, 'rules', end), defines: upTo(mf.defines, 'defines', end), includes: [], exports: cut === 0 ? mf.exports : [] };
      cut = end;
      return part;
    };
    for (const [n, inc] of mf.includes.entries()) {
      if (n >= MAKE_LIMITS.maxIncludeLines) {
        unresolved.push({ file: inc.file, line: inc.line, spec: inc.spec, optional: inc.optional, reason: 'too many includes' });
        continue;
      }
      files.push(slice(inc.line));
      for (const word of includeWords(inc, files, dir)) {
        const u = (reason: UnresolvedInclude['reason']) => unresolved.push({ file: inc.file, line: inc.line, spec: word, optional: inc.optional, reason });
        if (word.includes('$') || word.includes('SHELL_OUTPUT')) { u('computed'); continue; }
        if (word.startsWith('/')) { u('outside the repository'); continue; }
        // relative to make's directory; a folder of .mk fragments is also read on its own, so
        // the including file's folder and the repository root are tried after it
        const cands = [...new Set([dir, path.posix.dirname(inc.file), ''].map((base) => path.posix.normalize(path.posix.join(base || '.', word))))];
        if (cands[0]!.startsWith('..')) { u('outside the repository'); continue; }
        const inRepo = cands.filter((c) => !c.startsWith('..'));
        const glob = /[*?[]/.test(word);
        const hit = inRepo.find((c) => (glob ? [...known].some((f) => globRe(c).test(f)) : known.has(c))) ?? inRepo[0]!;
        const targets = glob ? [...known].filter((f) => globRe(hit).test(f)).sort() : known.has(hit) ? [hit] : [];
        if (!targets.length) { if (!glob) u('missing'); continue; }
        for (const t of targets) {
          if (depth >= MAKE_LIMITS.maxIncludeDepth || seen.size >= MAKE_LIMITS.maxFiles) { u('too many includes'); break; }
          visit(t, depth + 1);
        }
      }
    }
    files.push(slice(Number.MAX_SAFE_INTEGER));
  };
  for (const e of entries) visit(e, 0);
  const proj = new MakeProject(dir, files, repo.diagnostics, unresolved);
  for (const u of unresolved) {
    if (u.optional && /\.d$/.test(u.spec)) continue;
    // once per include line, whichever project reads it first
    repo.memo(`makefile-unresolved:${u.file}:${u.line}:${u.spec}`, () => repo.diagnostics.push({
      level: 'info', code: 'makefile-include-unresolved', file: u.file, line: u.line,
      message: `make ${u.optional ? '-include' : 'include'} ${u.spec} not followed (${u.reason}): variables and targets it defines are not seen`,
    }));
  }
  return proj;
}

/** The words of an include line, expanded with what has been read so far (strict, then union). */
function includeWords(inc: MakeInclude, sofar: MakefileFacts[], dir: string): string[] {
  if (!inc.spec.includes('$')) return inc.spec.split(/\s+/).filter(Boolean);
  const scratch = new MakeProject(dir, sofar);
  // make's own variables: the makefiles read so far (as make names them, from its directory)
  const rel = (f: string) => (dir && f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : f);
  const env = { CURDIR: dir || '.', MAKEFILE_LIST: [...new Set([...sofar.map((f) => f.file), inc.file])].map(rel).join(' ') };
  let text = scratch.expand(inc.spec, 'strict', { env });
  if (!text.trim()) text = scratch.expand(inc.spec, 'union', { env, shellPlaceholder: '$(shell)' });
  // an include whose variable has no value stays computed
  const open = new Set<string>();
  scratch.expand(inc.spec, 'union', { open, env });
  if (open.size || !text.trim()) return [inc.spec];
  return text.split(/\s+/).filter(Boolean);
}

/** Make projects per directory (all makefiles of a folder plus their includes), parsed once. */
export const MAKE_PROJECTS = factKey<MakeProject[]>('makefiles');

export const makeProjectsProvider = defineProvider({
  provides: MAKE_PROJECTS,
  reads: [filesInput('Makefiles', (r) => isMakefilePath(r))],
  cacheable: true,
  compute: (repo): MakeProject[] => {
    const byDir = new Map<string, string[]>();
    for (const rel of repo.filesWhere((r) => isMakefilePath(r))) {
      const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
      let list = byDir.get(dir);
      if (!list) byDir.set(dir, (list = []));
      list.push(rel);
    }
    const known = knownFiles(repo);
    const out: MakeProject[] = [];
    for (const [dir, entries] of byDir) {
      const p = loadProject(repo, dir, entries, known);
      if (p.files.length) out.push(p);
    }
    return out.sort((a, b) => a.dir.localeCompare(b.dir));
  },
});

export function makeProjects(repo: RepoFacts): MakeProject[] {
  return repo.fact(MAKE_PROJECTS);
}

/** What `make` reads in `dir` (repo-relative, '' for the root), or with `-f name`: the makefile and its includes. */
export function makefileAt(repo: RepoFacts, dir: string, name?: string): MakeProject | undefined {
  const known = knownFiles(repo);
  for (const n of name ? [name] : MAKEFILE_NAMES) {
    const rel = path.posix.normalize(dir ? `${dir}/${n}` : n);
    if (rel.startsWith('..') || !known.has(rel)) continue;
    return repo.memo(`makefile-project:${rel}`, () => loadProject(repo, dir, [rel], known));
  }
  return undefined;
}
