/**
 * Just enough of a Nix flake, read as text, for CI that runs its checks through Nix
 * (`nix build .#checks.<system>.<name>`, `nix flake check`, `nix run .#lint`): where an attribute is
 * bound (`name = expr;`, also `a.b.name = expr;` and `"name" = expr;`), the expression up to its
 * `;`, the shell text of its strings (`''…''` and `"…"`, where a derivation's phases live) and the
 * names it refers to (`checks.goLint`, `mkLint`), which are looked up again among the bindings of the
 * flake's own .nix files. Nothing is evaluated: no imports resolved by value, no function applied;
 * a name defined outside the repository (a flake input's library) stays unresolved.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import type { ScriptLine } from './ci-shell.js';
import { escapeRe } from './makefile.js';

export interface NixBinding {
  name: string;
  file: string;
  /** 1-based line of the binding. */
  line: number;
  /** The expression text (after `=`, up to its `;`). */
  expr: string;
  /** Offset of `expr` in the file (for line numbers of its strings). */
  offset: number;
  fileText: string;
}

const MAX_NIX_FILES = 200;
const MAX_NIX_BYTES = 512 * 1024;
const MAX_FLAKE_BYTES = 2 * 1024 * 1024;

/** The .nix files of the flake in `dir` (flake.nix first), bounded; [] when there is no flake.nix. */
export function flakeFiles(repo: RepoFacts, dir: string): string[] {
  const flake = dir ? `${dir}/flake.nix` : 'flake.nix';
  if (!repo.otherFiles.includes(flake)) return [];
  const prefix = dir ? `${dir}/` : '';
  const others = repo.otherFiles.filter((f) => f !== flake && f.endsWith('.nix') && f.startsWith(prefix)).sort();
  // bounded in count and in bytes: each followed name is looked up in every file
  const out: string[] = [];
  let bytes = 0;
  for (const f of [flake, ...others].slice(0, MAX_NIX_FILES)) {
    const n = repo.readText(f).text?.length ?? 0;
    if (n > MAX_NIX_BYTES || bytes + n > MAX_FLAKE_BYTES) continue;
    bytes += n;
    out.push(f);
  }
  return out;
}

/**
 * Index just past the expression that starts at `from`: the `;` closing it at bracket depth 0, or
 * the bracket closing its enclosing set/list. Strings and comments are skipped.
 */
export function expressionEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e === -1 ? text.length : e + 1;
    } else if (c === '"') {
      i = stringEnd(text, i + 1, '"') - 1;
    } else if (c === "'" && text[i + 1] === "'") {
      i = stringEnd(text, i + 2, "''") - 1;
    } else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ';' && depth === 0) return i;
  }
  return text.length;
}

/** Index just past the closing delimiter of a string whose content starts at `from`. */
function stringEnd(text: string, from: number, close: '"' | "''"): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (close === '"') {
      if (c === '\\') i++;
      else if (c === '"') return i + 1;
    } else if (c === "'" && text[i + 1] === "'") {
      const n = text[i + 2];
      if (n === "'" || n === '$' || n === '\\') i += 2; // ''' ''$ ''\ are escapes
      else return i + 2;
    }
  }
  return text.length;
}

/** Bindings of `name` in `files` (`name =`, `x.name =`, `"name" =`, `name.x86_64-linux =`; not `==`). */
export function findBindings(repo: RepoFacts, files: string[], name: string): NixBinding[] {
  const re = new RegExp(`(^|[\\s{;.])"?${escapeRe(name)}"?(?:\\.[A-Za-z_"][\\w'"-]*)*\\s*=(?!=)`, 'g');
  const out: NixBinding[] = [];
  for (const file of files) {
    const text = repo.readText(file).text;
    if (text === undefined || text.length > MAX_NIX_BYTES || !text.includes(name)) continue;
    for (const m of text.matchAll(re)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (/^\s*#/.test(text.slice(lineStart, m.index + m[1]!.length))) continue;
      const start = m.index + m[0].length;
      const end = expressionEnd(text, start);
      out.push({ name, file, line: text.slice(0, m.index + m[1]!.length).split('\n').length, expr: text.slice(start, end), offset: start, fileText: text });
    }
  }
  return out;
}

/** The lines of the strings in a binding's expression, with their file line numbers (interpolations kept as text). */
export function bindingScript(b: NixBinding): ScriptLine[] {
  const out: ScriptLine[] = [];
  const { expr } = b;
  const lineAt = (i: number) => b.fileText.slice(0, b.offset + i).split('\n').length;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '#') {
      const nl = expr.indexOf('\n', i);
      i = nl === -1 ? expr.length : nl;
      continue;
    }
    const indented = c === "'" && expr[i + 1] === "'";
    if (c !== '"' && !indented) continue;
    const from = i + (indented ? 2 : 1);
    const end = stringEnd(expr, from, indented ? "''" : '"');
    const body = expr.slice(from, end - (indented ? 2 : 1)).replace(/''(['$\\])/g, '$1');
    const first = lineAt(from);
    body.split('\n').forEach((t, k) => out.push({ text: t, line: first + k }));
    i = end - 1;
  }
  return out;
}

const NIX_WORDS = new Set(['let', 'in', 'with', 'inherit', 'rec', 'if', 'then', 'else', 'import', 'true', 'false', 'null', 'or', 'assert', 'self', 'pkgs', 'lib', 'system', 'inputs', 'builtins']);

/** The names an expression refers to outside its strings: the last part of each dotted path (`checks.goLint` -> goLint). */
export function referencedNames(expr: string): { name: string; path: string }[] {
  const code = blankStrings(expr);
  const out = new Map<string, string>();
  for (const m of code.matchAll(/(?<![\w'-])([A-Za-z_][\w'-]*(?:\.[A-Za-z_][\w'-]*)*)(?!\s*=(?!=))/g)) {
    const p = m[1]!;
    const last = p.slice(p.lastIndexOf('.') + 1);
    if (NIX_WORDS.has(last) || out.has(last)) continue;
    out.set(last, p);
  }
  return [...out].map(([name, p]) => ({ name, path: p }));
}

/** The attribute names bound directly or nested in an expression (`golangci-lint = …;` inside `checks = { … }`). */
export function boundNames(expr: string): string[] {
  const code = blankStrings(expr);
  return [...code.matchAll(/(?:^|[\s{;])"?([A-Za-z_][\w'-]*)"?\s*=(?!=)/g)].map((m) => m[1]!);
}

function blankStrings(expr: string): string {
  let out = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '#') {
      const nl = expr.indexOf('\n', i);
      i = (nl === -1 ? expr.length : nl) - 1;
      continue;
    }
    const indented = c === "'" && expr[i + 1] === "'";
    if (c !== '"' && !indented) {
      out += c;
      continue;
    }
    const end = stringEnd(expr, i + (indented ? 2 : 1), indented ? "''" : '"');
    out += ' '.repeat(end - i);
    i = end - 1;
  }
  return out;
}

/** The directory a flake reference names, relative to the repository, when it is this repository (`.`, `./sub`, `path:.`). */
export function localFlakeDir(ref: string, cwd: string): string | undefined {
  const r = ref.replace(/^path:/, '').replace(/^git\+file:/, '');
  if (r === '' || r === '.') return cwd;
  if (!r.startsWith('./') && !r.startsWith('../')) return undefined;
  const j = path.posix.normalize(path.posix.join(cwd || '.', r));
  if (j.startsWith('..')) return undefined;
  return j === '.' ? '' : j.replace(/\/$/, '');
}
