/**
 * The part of the code-role model that is finer than a file: a function nothing shipped runs. A finding inside a
 * top-level function that no shipped code reaches takes a non-shipped role (src/core/code-roles.ts): `test-support`
 * when tests use it (a helper kept in a production file, called only from _test.go files), `unreachable` when nothing
 * does (a function kept for a later refactoring, whose only caller is itself never called).
 *
 * Decided from the token stream of the package's files, only for packages holding a finding, and conservatively:
 * - only plain functions (never methods: an interface may call them), never `init`, `main`, nor a function named in a
 *   `//export` or `//go:linkname` directive, nor any function of a package with assembly files (.s);
 * - an unexported function, or an exported one of a `package main` or of an `internal/` package that no file outside
 *   its package names (a substring match over every other non-test Go file of the repository);
 * - every occurrence of the name as an identifier in a non-test file of the package (any role, generated files and
 *   files excluded by a build constraint too) is a reference: a call, a value passed as a callback or registered as a
 *   handler, a method value, a shadowing local. A reference outside the package's plain functions (package-level
 *   values, methods) or in a function that is not judged makes the function reachable; so does a reference from a
 *   reachable function (a least fixed point from those roots);
 * - judged only in modules holding a package main (a module without one is a library whose importers this
 *   repository may not show; the same gate as the execution-frequency call graph).
 */
import path from 'node:path';
import { tokenizeGo } from '../facts/go-symbol-refs.js';
import type { RoleResult } from '../core/code-roles.js';

type Tok = ReturnType<typeof tokenizeGo>[number];

export interface ReachFile {
  rel: string;
  packageName?: string;
  isTest: boolean;
  /** The module folder ('' for the root), when the file is in a module. */
  module?: string;
  role: string;
  /** The file's AnalyzeResult.upperWords, when known (else the file is read when they are needed). */
  upperWords?: () => string | undefined;
}

/** A top-level function or method declaration: its name, whether a method, and the tokens and lines it spans. */
interface FuncDecl { name: string; method: boolean; nameTok: number; start: number; end: number; startLine: number; endLine: number }

/** Top-level `func` declarations with a body. */
function topLevelFuncs(toks: Tok[]): FuncDecl[] {
  const out: FuncDecl[] = [];
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === 'op' && (t.v === '{' || t.v === '(' || t.v === '[')) { depth++; continue; }
    if (t.k === 'op' && (t.v === '}' || t.v === ')' || t.v === ']')) { depth--; continue; }
    if (depth !== 0 || t.k !== 'id' || t.v !== 'func') continue;
    let j = i + 1;
    let method = false;
    if (toks[j]?.v === '(') {
      method = true;
      for (let d = 0; j < toks.length; j++) {
        if (toks[j]!.v === '(') d++;
        else if (toks[j]!.v === ')' && --d === 0) break;
      }
      j++;
    }
    const nameTok = j;
    if (toks[nameTok]?.k !== 'id') continue;
    // the body: the first `{` at depth 0 after the signature, before the declaration ends (`;` at depth 0)
    let d = 0;
    let open = -1;
    for (let k = nameTok + 1; k < toks.length; k++) {
      const u = toks[k]!;
      if (u.k === ';' && d === 0) break;
      if (u.k !== 'op') continue;
      if (u.v === '(' || u.v === '[') d++;
      else if (u.v === ')' || u.v === ']') d--;
      else if (u.v === '{' && d === 0 && !isTypeBrace(toks, k)) { open = k; break; }
      else if (u.v === '{') d++;
      else if (u.v === '}') d--;
    }
    if (open < 0) continue;
    let end = open;
    for (let dd = 0; end < toks.length; end++) {
      const u = toks[end]!;
      if (u.k !== 'op') continue;
      if (u.v === '{' || u.v === '(' || u.v === '[') dd++;
      else if ((u.v === '}' || u.v === ')' || u.v === ']') && --dd === 0) break;
    }
    out.push({ name: toks[nameTok]!.v, method, nameTok, start: i, end, startLine: t.line, endLine: toks[Math.min(end, toks.length - 1)]!.line });
    i = end;
  }
  return out;
}

/** A `{` that opens a struct or interface type in a signature (`func f() struct{ x int } {`), not the body. */
function isTypeBrace(toks: Tok[], k: number): boolean {
  const p = toks[k - 1];
  return p?.k === 'id' && (p.v === 'struct' || p.v === 'interface');
}

const EXPORTED = /^\p{Lu}/u;
const DIRECTIVE = /^\/\/(?:export|go:linkname)\s+(\w+)/gm;

/** Whether a function may be judged: a plain function of a kind no other package can call unseen. */
function judgeable(f: FuncDecl, packageName: string, dir: string): boolean {
  if (f.method || f.name === '_' || f.name === 'init' || (f.name === 'main' && packageName === 'main')) return false;
  if (!EXPORTED.test(f.name)) return true;
  return packageName === 'main' || dir.split('/').includes('internal');
}

/** What the role of a finding's function is, when that function is not reachable. */
export interface UnreachableFunction extends RoleResult {
  /** 1-based lines of the function. */
  startLine: number;
  endLine: number;
}

/**
 * The functions holding findings that nothing shipped runs: for each file of `lines` (repository-relative path →
 * the lines of its findings), the unreachable functions that hold one of those lines. `files` are every Go file of
 * the repository; `otherFiles` the non-Go files (assembly files make their package's functions not judged);
 * `read` gives a file's text.
 */
export function unreachableFunctions(
  files: readonly ReachFile[], otherFiles: readonly string[], lines: ReadonlyMap<string, readonly number[]>,
  read: (rel: string) => string | undefined,
): Map<string, UnreachableFunction[]> {
  const out = new Map<string, UnreachableFunction[]>();
  const dirOf = (rel: string) => path.posix.dirname(rel);
  const modulesWithMain = new Set(files.filter((f) => !f.isTest && f.packageName === 'main').map((f) => f.module ?? ''));
  const asmDirs = new Set(otherFiles.filter((f) => /\.s$/i.test(f)).map(dirOf));
  const byRel = new Map(files.map((f) => [f.rel, f]));
  const tokens = new Map<string, { toks: Tok[]; funcs: FuncDecl[]; text: string } | undefined>();
  const scan = (rel: string) => {
    if (!tokens.has(rel)) {
      const text = read(rel);
      if (text === undefined) tokens.set(rel, undefined);
      else {
        const toks = tokenizeGo(text);
        tokens.set(rel, { toks, funcs: topLevelFuncs(toks), text });
      }
    }
    return tokens.get(rel);
  };
  // the packages to judge: those holding a finding inside a judgeable function
  const packages = new Set<string>();
  for (const [rel, ls] of lines) {
    const f = byRel.get(rel);
    if (!f || f.isTest || f.role !== 'production' || !f.packageName || !modulesWithMain.has(f.module ?? '') || asmDirs.has(dirOf(rel))) continue;
    const s = scan(rel);
    if (!s) continue;
    if (ls.some((l) => s.funcs.some((fn) => fn.startLine <= l && l <= fn.endLine && judgeable(fn, f.packageName!, dirOf(rel))))) {
      packages.add(`${dirOf(rel)}\u0000${f.packageName}`);
    }
  }
  if (!packages.size) return out;
  const byPackage = new Map<string, ReachFile[]>();
  for (const f of files) {
    const k = `${dirOf(f.rel)}\u0000${f.packageName ?? ''}`;
    if (!packages.has(k) || f.isTest) continue;
    let l = byPackage.get(k);
    if (!l) byPackage.set(k, (l = []));
    l.push(f);
  }
  // other files are read when asked and not kept (a repository's every Go file may be read once per package judged)
  const textOf = (rel: string) => tokens.get(rel)?.text ?? read(rel);
  for (const [k, pkgFiles] of byPackage) {
    const [dir, packageName] = k.split('\u0000') as [string, string];
    const ROOT = '\u0000root';
    const judged = new Set<string>();
    const notJudged = new Set<string>();
    const edges = new Map<string, Set<string>>();
    const edge = (from: string, to: string) => {
      let s = edges.get(from);
      if (!s) edges.set(from, (s = new Set()));
      s.add(to);
    };
    let unreadable = false;
    for (const f of pkgFiles) {
      const s = scan(f.rel);
      if (!s) { unreadable = true; break; }
      for (const m of s.text.matchAll(DIRECTIVE)) notJudged.add(m[1]!);
      for (const fn of s.funcs) (judgeable(fn, packageName, dir) ? judged : notJudged).add(fn.name);
    }
    if (unreadable) continue;
    for (const n of notJudged) judged.delete(n);
    if (!judged.size) continue;
    for (const f of pkgFiles) {
      const { toks, funcs } = scan(f.rel)!;
      let fi = 0;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        if (t.k !== 'id' || !judged.has(t.v) || toks[i - 1]?.v === '.') continue;
        while (fi < funcs.length && funcs[fi]!.end < i) fi++;
        const fn = funcs[fi] && funcs[fi]!.start <= i ? funcs[fi]! : undefined;
        if (fn && fn.nameTok === i) continue; // the declaration itself
        edge(fn && !fn.method && judged.has(fn.name) ? fn.name : ROOT, t.v);
      }
    }
    // exported names another package of the repository names (a substring anywhere in its non-test Go code) are roots
    const exported = [...judged].filter((n) => EXPORTED.test(n) && packageName !== 'main');
    if (exported.length) {
      for (const o of files) {
        if (o.isTest || (dirOf(o.rel) === dir && o.packageName === packageName)) continue;
        // an exported name is made of identifier characters and holds an upper-case letter: it is in the text iff it
        // is in one of the text's words holding one
        const text = o.upperWords?.() ?? textOf(o.rel);
        if (text !== undefined) for (const n of exported) if (text.includes(n)) edge(ROOT, n);
      }
    }
    const reached = new Set<string>();
    const queue = [ROOT];
    while (queue.length) {
      const from = queue.pop()!;
      for (const to of edges.get(from) ?? []) if (!reached.has(to)) { reached.add(to); queue.push(to); }
    }
    const dead = [...judged].filter((n) => !reached.has(n));
    if (!dead.length) continue;
    // used by tests: named in a _test.go file of the folder, or (exported) in any test file of the repository
    const testUsed = new Set<string>();
    const anyExported = dead.some((n) => EXPORTED.test(n));
    for (const o of files) {
      const here = dirOf(o.rel) === dir;
      if (!o.isTest || (!here && !anyExported)) continue;
      const asked = dead.filter((n) => here || EXPORTED.test(n));
      // exported names: a whole-word match in the words keeps its boundaries (a character outside a word is not one)
      const words = asked.every((n) => EXPORTED.test(n)) ? o.upperWords?.() : undefined;
      const text = words ?? textOf(o.rel);
      if (text !== undefined) for (const n of asked) if (new RegExp(`\\b${n}\\b`).test(text)) testUsed.add(n);
    }
    for (const f of pkgFiles) {
      const want = lines.get(f.rel);
      if (!want) continue;
      const { funcs } = scan(f.rel)!;
      for (const fn of funcs) {
        if (fn.method || !dead.includes(fn.name) || !want.some((l) => fn.startLine <= l && l <= fn.endLine)) continue;
        const tests = testUsed.has(fn.name);
        let l = out.get(f.rel);
        if (!l) out.set(f.rel, (l = []));
        l.push({
          role: tests ? 'test-support' : 'unreachable', signal: 'references', startLine: fn.startLine, endLine: fn.endLine,
          reason: tests ? `function ${fn.name} is called only from tests` : `function ${fn.name} is called by nothing that ships`,
        });
      }
    }
  }
  return out;
}
