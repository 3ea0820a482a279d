/**
 * Makefiles read textually, enough to follow `make <target>` from a CI script to the commands
 * its recipe runs: variable assignments (all of them, conditionals ignored: every candidate value
 * is kept), rules (targets, prerequisites, target-specific variables, tab-indented recipe lines
 * with their line numbers), and `include`d files. No evaluation of functions or pattern rules.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import type { ScriptLine } from './ci-shell.js';

export interface MakeVar {
  op: string;
  value: string;
  file: string;
  line: number;
}

export interface MakeRule {
  file: string;
  line: number;
  prereqs: string[];
  recipe: ScriptLine[];
  /** Target-specific assignments (`test: FLAGS += -race`). */
  vars: { name: string; op: string; value: string }[];
}

export interface Makefile {
  /** Repo-relative path of the top file. */
  file: string;
  vars: Map<string, MakeVar[]>;
  rules: Map<string, MakeRule[]>;
  /** First ordinary target (make's default goal). */
  defaultGoal?: string;
  /** Repo-relative paths of the files read (top file and includes). */
  files: string[];
}

const ASSIGN_RE = /^(?:(?:override|export|private)\s+)*([A-Za-z0-9_.\-]+)\s*(\?=|::=|:::=|:=|\+=|!=|=)\s*(.*)$/s;
const CONDITIONAL_RE = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)\b/;
const INCLUDE_RE = /^\s*(-include|sinclude|include)\s+(.+)$/;

/** Default makefile names, in GNU make's order. */
export const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

function joinContinuations(lines: string[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let buf: { text: string; line: number } | undefined;
  lines.forEach((raw, i) => {
    const t = raw.replace(/\r$/, '');
    const cont = /\\$/.test(t);
    const piece = cont ? t.slice(0, -1) : t;
    if (buf) buf.text = `${buf.text.replace(/\s+$/, '')} ${piece.trimStart()}`;
    else buf = { text: piece, line: i + 1 };
    if (!cont) {
      out.push(buf);
      buf = undefined;
    }
  });
  if (buf) out.push(buf);
  return out;
}

function parseInto(mf: Makefile, repo: RepoFacts, rel: string, baseDir: string, depth: number): void {
  if (mf.files.includes(rel) || depth > 4) return;
  const { text } = repo.readText(rel);
  if (text === undefined) return;
  mf.files.push(rel);
  let current: MakeRule[] = [];
  let inDefine = false;
  for (const { text: l, line } of joinContinuations(text.split('\n'))) {
    if (inDefine) {
      if (/^\s*endef\b/.test(l)) inDefine = false;
      continue;
    }
    if (l.startsWith('\t')) {
      // a recipe line of the current rule(s)
      if (current.length && l.trim() && !/^\t\s*#/.test(l)) for (const r of current) r.recipe.push({ text: l.slice(1), line });
      continue;
    }
    if (!l.trim() || /^\s*#/.test(l)) continue;
    if (CONDITIONAL_RE.test(l)) continue; // conditionals do not end a recipe
    if (/^\s*define\b/.test(l)) {
      inDefine = true;
      continue;
    }
    const inc = INCLUDE_RE.exec(l);
    if (inc) {
      current = [];
      for (const f of inc[2]!.replace(/#.*$/, '').trim().split(/\s+/)) {
        if (!f || f.includes('$') || f.includes('*')) continue;
        parseInto(mf, repo, path.posix.normalize(path.posix.join(baseDir, f)), baseDir, depth + 1);
      }
      continue;
    }
    const stripped = l.replace(/\s#.*$/, '');
    const a = ASSIGN_RE.exec(stripped.trim());
    // an assignment unless a rule colon comes first (`a: b=c` is a target-specific assignment)
    const colon = stripped.search(/:(?!=)/);
    if (a && (colon === -1 || stripped.indexOf(a[2]!) < colon || a[2]!.startsWith(':'))) {
      const list = mf.vars.get(a[1]!) ?? [];
      list.push({ op: a[2]!, value: a[2] === '!=' ? '$MAKE_shell' : a[3]!.trim(), file: rel, line });
      mf.vars.set(a[1]!, list);
      current = [];
      continue;
    }
    const m = /^([^:#=\t][^:#=]*?)\s*(::?)(?!=)\s*(.*)$/.exec(stripped);
    if (!m) {
      current = [];
      continue;
    }
    const targets = m[1]!.trim().split(/\s+/);
    let rest = m[3]!;
    let inline: string | undefined;
    const semi = rest.indexOf(';');
    if (semi !== -1) {
      inline = rest.slice(semi + 1).trim();
      rest = rest.slice(0, semi);
    }
    const tv = ASSIGN_RE.exec(rest.trim());
    current = [];
    for (const t of targets) {
      if (!t || t.includes('%') || t.includes('$')) continue;
      if (tv) {
        // target-specific variable: attaches to the target, is not a rule with a recipe
        const rules = mf.rules.get(t) ?? [];
        rules.push({ file: rel, line, prereqs: [], recipe: [], vars: [{ name: tv[1]!, op: tv[2]!, value: tv[3]!.trim() }] });
        mf.rules.set(t, rules);
        continue;
      }
      const rule: MakeRule = { file: rel, line, prereqs: rest.replace(/\|/g, ' ').trim().split(/\s+/).filter((p) => p && !p.includes('%')), recipe: [], vars: [] };
      if (inline) rule.recipe.push({ text: inline, line });
      const rules = mf.rules.get(t) ?? [];
      rules.push(rule);
      mf.rules.set(t, rules);
      current.push(rule);
      if (mf.defaultGoal === undefined && !t.startsWith('.')) mf.defaultGoal = t;
    }
  }
}

/** Parses the makefile at `rel` (memoised per file). `undefined` when it cannot be read. */
export function readMakefile(repo: RepoFacts, rel: string): Makefile | undefined {
  return repo.memo(`makefile:${rel}`, () => {
    if (repo.readText(rel).text === undefined) return undefined;
    const mf: Makefile = { file: rel, vars: new Map(), rules: new Map(), files: [] };
    parseInto(mf, repo, rel, path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel), 0);
    return mf;
  });
}

/** The makefile make would read in `dir` (repo-relative, '' for the root), or with `-f name`. */
export function findMakefile(repo: RepoFacts, dir: string, name?: string): Makefile | undefined {
  const names = name ? [name] : MAKEFILE_NAMES;
  for (const n of names) {
    const rel = path.posix.normalize(dir ? `${dir}/${n}` : n);
    if (rel.startsWith('..')) return undefined;
    const mf = readMakefile(repo, rel);
    if (mf) return mf;
  }
  return undefined;
}

const MAKE_FUNCTIONS = new Set([
  'shell', 'filter', 'filter-out', 'addprefix', 'addsuffix', 'subst', 'patsubst', 'strip', 'findstring', 'sort', 'word',
  'words', 'wordlist', 'firstword', 'lastword', 'dir', 'notdir', 'suffix', 'basename', 'join', 'wildcard', 'realpath',
  'abspath', 'if', 'or', 'and', 'foreach', 'call', 'value', 'eval', 'origin', 'flavor', 'error', 'warning', 'info', 'file',
]);

/**
 * Expands make variable references in `text`. `lookup(name)` gives a value or undefined
 * (undefined variables expand to nothing, as in make). Function calls and automatic variables
 * become `$MAKE_<name>` words. `$$` becomes `$` (what the shell sees).
 */
export function expandMake(text: string, lookup: (name: string) => string | undefined, depth = 0): string {
  if (depth > 8) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '(' || n === '{') {
      const close = n === '(' ? ')' : '}';
      let level = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === n) level++;
        else if (text[j] === close && --level === 0) break;
      }
      const inner = text.slice(i + 2, j);
      i = j;
      const fn = /^([a-z-]+)[\s,]/.exec(inner);
      if (fn && MAKE_FUNCTIONS.has(fn[1]!)) {
        out += `$MAKE_${fn[1]}`;
        continue;
      }
      const name = inner.replace(/:.*$/, '').trim();
      if (name === 'MAKE') {
        out += 'make';
        continue;
      }
      if (/^[@<^*?+%|][DF]?$/.test(name)) {
        out += `$MAKE_auto`;
        continue;
      }
      const v = lookup(name);
      if (v !== undefined) out += expandMake(v, lookup, depth + 1);
      continue;
    }
    if (n !== undefined && /[@<^*?+%|]/.test(n)) {
      out += '$MAKE_auto';
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * The value of `name` seen from a rule: command-line variables win, then target-specific
 * ones, then every assignment in the makefile (joined, so that a value set only under some
 * condition still counts), then the environment.
 */
export function makeVarLookup(mf: Makefile, cmdline: Record<string, string>, targetVars: { name: string; op: string; value: string }[], env: Record<string, string>): (name: string) => string | undefined {
  return (name) => {
    if (Object.prototype.hasOwnProperty.call(cmdline, name)) return cmdline[name];
    const tv = targetVars.filter((v) => v.name === name);
    const defs = mf.vars.get(name) ?? [];
    const values = [...new Set([...defs.map((d) => d.value), ...tv.map((v) => v.value)])].filter((v) => v !== '');
    if (values.length) return values.join(' ');
    if (defs.length || tv.length) return '';
    if (Object.prototype.hasOwnProperty.call(env, name)) return env[name];
    return undefined;
  };
}
