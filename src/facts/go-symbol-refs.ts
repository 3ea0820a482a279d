/**
 * Per-file references to imported symbols, read from the token stream (no parse tree needed, so
 * it can be computed on demand in the main thread for the few files that import a package of
 * interest, e.g. one named by a vulnerability entry):
 *
 * - qualified references `pkg.Name` where `pkg` is an import's local name (function calls, types,
 *   function values);
 * - `Type.Method` references inferred syntactically: a name bound to a type from an import
 *   (`var r *mux.Router`, parameters and struct fields `r *mux.Router`, `r := mux.NewRouter()`
 *   — the `NewT` constructor convention —, `r := &mux.Router{...}`, `s.r = mux.NewRouter()`,
 *   `{r: mux.NewRouter()}`) and later called as `r.Method(...)` or `s.r.Method(...)`; chained
 *   `mux.NewRouter().Method(...)` and `mux.Router{...}.Method(...)`.
 *
 * Bindings are by name, not by scope: a name bound in one file of a package also resolves calls
 * in its sibling files (see `resolveSymbolRefs`). It is evidence, not proof — a call graph
 * (govulncheck) is the proof.
 */
import { defaultPackageName } from '../go/imports.js';
import type { RepoFacts } from './repo-facts.js';

type TokKind = 'id' | 'str' | 'num' | 'op' | ';';
interface Tok { k: TokKind; v: string; line: number; col: number }

const OPS3 = ['...', '<<=', '>>=', '&^='];
const OPS2 = [':=', '==', '!=', '<=', '>=', '&&', '||', '<-', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '&^'];
const ID_START = /[\p{L}_]/u;
const ID_PART = /[\p{L}\p{Nd}_]/u;

/** Go tokens with automatic semicolons at line ends; comments dropped; strings keep their (unquoted) value. */
export function tokenizeGo(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = src.length;
  const semiAtNewline = () => {
    const last = out[out.length - 1];
    if (!last) return;
    if (last.k === 'id' || last.k === 'str' || last.k === 'num' || (last.k === 'op' && (last.v === ')' || last.v === ']' || last.v === '}' || last.v === '++' || last.v === '--'))) {
      out.push({ k: ';', v: '\n', line, col: i - lineStart + 1 });
    }
  };
  const newline = () => {
    semiAtNewline();
    line++;
    lineStart = i + 1;
  };
  while (i < n) {
    const c = src[i]!;
    if (c === '\n') { newline(); i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\uFEFF') { i++; continue; }
    const col = i - lineStart + 1;
    if (c === '/' && src[i + 1] === '/') {
      const j = src.indexOf('\n', i);
      i = j === -1 ? n : j;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const j = src.indexOf('*/', i + 2);
      const end = j === -1 ? n : j + 2;
      let hadNewline = false;
      for (let k = i; k < end; k++) {
        if (src[k] === '\n') {
          if (!hadNewline) semiAtNewline();
          hadNewline = true;
          line++;
          lineStart = k + 1;
        }
      }
      i = end;
      continue;
    }
    if (c === '"' || c === '\'') {
      let j = i + 1;
      let s = '';
      while (j < n && src[j] !== c && src[j] !== '\n') {
        if (src[j] === '\\' && j + 1 < n) { s += src[j + 1]; j += 2; } else { s += src[j]; j++; }
      }
      out.push({ k: c === '"' ? 'str' : 'num', v: s, line, col });
      i = j < n && src[j] === c ? j + 1 : j;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      const end = j === -1 ? n : j;
      out.push({ k: 'str', v: src.slice(i + 1, end), line, col });
      for (let k = i + 1; k < end; k++) if (src[k] === '\n') { line++; lineStart = k + 1; }
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j]!)) {
        if ((src[j] === 'e' || src[j] === 'E' || src[j] === 'p' || src[j] === 'P') && (src[j + 1] === '+' || src[j + 1] === '-')) j++;
        j++;
      }
      out.push({ k: 'num', v: src.slice(i, j), line, col });
      i = j;
      continue;
    }
    if (ID_START.test(c)) {
      let j = i + 1;
      while (j < n && ID_PART.test(src[j]!)) j++;
      out.push({ k: 'id', v: src.slice(i, j), line, col });
      i = j;
      continue;
    }
    const op = OPS3.find((o) => src.startsWith(o, i)) ?? OPS2.find((o) => src.startsWith(o, i)) ?? c;
    out.push({ k: op === ';' ? ';' : 'op', v: op, line, col });
    i += op.length;
  }
  semiAtNewline();
  return out;
}

export interface SymbolImport { path: string; local: string; line: number; column: number }
export interface SymbolRef { pkg: string; name: string; line: number; column: number }
export interface TypeBinding { name: string; pkg: string; type: string }
export interface MethodCall {
  method: string;
  line: number;
  column: number;
  /** Receiver name (last identifier before `.method`), when the receiver is a name or a field. */
  recv?: string;
  /** Receiver type, when known from a chained constructor or literal. */
  pkg?: string;
  type?: string;
}

export interface FileSymbolFacts {
  imports: SymbolImport[];
  /** Qualified references `local.Name` to an import (exported names only). */
  refs: SymbolRef[];
  bindings: TypeBinding[];
  /** `x.M(...)` calls whose receiver is not a package name. */
  calls: MethodCall[];
}

const exported = (s: string) => /^\p{Lu}/u.test(s);

/** The type a qualified call or literal `pkg.Name` followed by `next` produces, if guessable. */
function producedType(name: string, next: string | undefined): string | undefined {
  if (next === '{') return exported(name) ? name : undefined;
  if (next === '(' && name.length > 3 && name.startsWith('New') && exported(name.slice(3))) return name.slice(3);
  return undefined;
}

export function goSymbolFacts(source: string): FileSymbolFacts {
  const toks = tokenizeGo(source);
  const imports: SymbolImport[] = [];
  // import declarations (they come first; stop at the first other top-level keyword)
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'id') continue;
    if (t.v === 'func' || t.v === 'var' || t.v === 'const' || t.v === 'type') break;
    if (t.v !== 'import') continue;
    const spec = (j: number): number => {
      let name: string | undefined;
      const a = toks[j];
      if (a && (a.k === 'id' || (a.k === 'op' && a.v === '.'))) { name = a.v; j++; }
      const p = toks[j];
      if (p && p.k === 'str') {
        imports.push({ path: p.v, local: name ?? defaultPackageName(p.v), line: (a ?? p).line, column: (a ?? p).col });
        j++;
      }
      return j;
    };
    if (toks[i + 1]?.v === '(') {
      let j = i + 2;
      while (j < toks.length && toks[j]!.v !== ')') {
        if (toks[j]!.k === ';') { j++; continue; }
        const next = spec(j);
        j = next === j ? j + 1 : next;
      }
      i = j;
    } else {
      i = spec(i + 1) - 1;
    }
  }
  const byLocal = new Map<string, string>();
  for (const im of imports) if (im.local !== '.' && im.local !== '_') byLocal.set(im.local, im.path);

  // matching brackets, for chained calls
  const match = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const v = toks[i]!.k === 'op' ? toks[i]!.v : '';
    if (v === '(' || v === '{' || v === '[') stack.push(i);
    else if (v === ')' || v === '}' || v === ']') {
      const o = stack.pop();
      if (o !== undefined) { match[i] = o; match[o] = i; }
    }
  }

  const refs: SymbolRef[] = [];
  const bindings: TypeBinding[] = [];
  const calls: MethodCall[] = [];
  const isOp = (i: number, ...vs: string[]) => { const t = toks[i]; return !!t && (t.k === ';' ? vs.includes(';') : t.k === 'op' && vs.includes(t.v)); };
  const isId = (i: number) => toks[i]?.k === 'id';
  const bind = (nameIdx: number, pkg: string, type: string) => {
    const nt = toks[nameIdx];
    if (nt?.k === 'id' && nt.v !== '_') bindings.push({ name: nt.v, pkg, type });
  };

  for (let i = 0; i + 2 < toks.length; i++) {
    if (!isId(i) || !isOp(i + 1, '.') || !isId(i + 2)) continue;
    const x = toks[i]!;
    const sel = toks[i + 2]!;
    const afterSel = toks[i + 3];
    const qualified = !isOp(i - 1, '.') && byLocal.has(x.v);
    if (qualified) {
      const pkg = byLocal.get(x.v)!;
      if (exported(sel.v)) refs.push({ pkg, name: sel.v, line: x.line, column: x.col });
      // declared type: NAME [*] pkg.T  after ( , ; { var
      let j = i - 1;
      if (isOp(j, '*')) j--;
      if (isId(j) && (isOp(j - 1, '(', ',', ';', '{') || toks[j - 1]?.v === 'var' || j === 0) && exported(sel.v)
        && (!afterSel || isOp(i + 3, ';', ',', ')', '=', '}', ']'))) {
        bind(j, pkg, sel.v);
      }
      // NAME := [&] pkg.NewT(...) / pkg.T{...};  s.f = ...;  {f: ...}
      const produced = producedType(sel.v, afterSel?.v);
      if (produced) {
        let k = i - 1;
        if (isOp(k, '&')) k--;
        if (isOp(k, ':=', '=', ':')) {
          // first name of a `a, b :=` list
          let nameIdx = k - 1;
          while (isOp(nameIdx - 1, ',') && isId(nameIdx - 2)) nameIdx -= 2;
          if (isId(nameIdx)) bind(nameIdx, pkg, produced);
        }
      }
      continue;
    }
    // method call x.M( on a non-package receiver
    if (afterSel?.v === '(' && afterSel.k === 'op') {
      calls.push({ method: sel.v, recv: x.v, line: sel.line, column: sel.col });
    }
  }
  // chained: pkg.NewT(...).M(  /  pkg.T{...}.M(
  for (let i = 1; i + 2 < toks.length; i++) {
    if (!isOp(i, '.') || !isId(i + 1) || !isOp(i + 2, '(') || !isOp(i - 1, ')', '}')) continue;
    const open = match[i - 1]!;
    if (open < 3 || !isId(open - 1) || !isOp(open - 2, '.') || !isId(open - 3) || isOp(open - 4, '.')) continue;
    const pkg = byLocal.get(toks[open - 3]!.v);
    if (!pkg) continue;
    const type = producedType(toks[open - 1]!.v, toks[open]!.v);
    if (type) calls.push({ method: toks[i + 1]!.v, pkg, type, line: toks[i + 1]!.line, column: toks[i + 1]!.col });
  }
  return { imports, refs, bindings, calls };
}

export interface ResolvedRef {
  file: string;
  /** `Func` or `Type.Method`. */
  symbol: string;
  line: number;
  column: number;
  /** How it was found: a qualified name, or a method call on an inferred type. */
  via: 'qualified' | 'method';
}

/**
 * Resolves references of the files of one package directory: qualified names directly, method
 * calls through the name bindings of the same file first, then of the sibling files.
 * Returns references by import path.
 */
export function resolveSymbolRefs(files: { rel: string; facts: FileSymbolFacts }[]): Map<string, ResolvedRef[]> {
  const out = new Map<string, ResolvedRef[]>();
  const add = (pkg: string, r: ResolvedRef) => {
    let l = out.get(pkg);
    if (!l) out.set(pkg, (l = []));
    l.push(r);
  };
  const dirBindings = new Map<string, TypeBinding[]>();
  for (const f of files) for (const b of f.facts.bindings) {
    const l = dirBindings.get(b.name) ?? [];
    if (!l.some((x) => x.pkg === b.pkg && x.type === b.type)) l.push(b);
    dirBindings.set(b.name, l);
  }
  for (const f of files) {
    for (const r of f.facts.refs) add(r.pkg, { file: f.rel, symbol: r.name, line: r.line, column: r.column, via: 'qualified' });
    const local = new Map<string, TypeBinding[]>();
    for (const b of f.facts.bindings) {
      const l = local.get(b.name) ?? [];
      if (!l.some((x) => x.pkg === b.pkg && x.type === b.type)) l.push(b);
      local.set(b.name, l);
    }
    for (const c of f.facts.calls) {
      if (c.pkg && c.type) {
        add(c.pkg, { file: f.rel, symbol: `${c.type}.${c.method}`, line: c.line, column: c.column, via: 'method' });
        continue;
      }
      if (!c.recv) continue;
      for (const b of local.get(c.recv) ?? dirBindings.get(c.recv) ?? []) {
        add(b.pkg, { file: f.rel, symbol: `${b.type}.${c.method}`, line: c.line, column: c.column, via: 'method' });
      }
    }
  }
  return out;
}

/** Symbol facts of one Go file of the repository (read on demand, memoised); undefined when unreadable. */
export function fileSymbolFacts(repo: RepoFacts, rel: string): FileSymbolFacts | undefined {
  return repo.memo(`symbols:${rel}`, () => {
    const { text } = repo.readText(rel);
    return text === undefined ? undefined : goSymbolFacts(text);
  });
}
