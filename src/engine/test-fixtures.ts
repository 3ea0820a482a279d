/**
 * The one role of the code-role model that needs the other files of the repository (src/core/code-roles.ts
 * FIXTURE_FILE): a fixtures file outside a fixtures/ folder (`internal/entity/auth_session_fixtures.go`) is test
 * support when nothing that ships uses what it declares. Decided from the token stream of the package's files and of
 * the files importing it, after every file was read; only a repository with such files pays for it.
 *
 * A reference to an exported top-level name of fixture file F counts for production unless it is in a file that does not ship
 * (tests, test support), in a test set-up function (testSetUpName: ResetTestFixtures, InitTestDb), or in another
 * fixture file that is test support itself (a fixed point: fixtures.go's CreateTestFixtures calling
 * CreateSessionFixtures). A fixture file production code uses (CreateDefaultFixtures from InitDb) stays production,
 * and so does every fixture file it reaches outside test set-up.
 */
import path from 'node:path';
import { FIXTURE_FILE, testFixtureRole, testSetUpName, type CodeRole, type RoleResult } from '../core/code-roles.js';
import { tokenizeGo } from '../facts/go-symbol-refs.js';
import { packageImportPath } from '../core/module-owner.js';

export interface FixtureScanFile {
  rel: string;
  packageName?: string;
  isTest: boolean;
  generated: boolean;
  role: CodeRole;
  /** The module folder ('' for the root) and path. */
  moduleDir?: string;
  modulePath?: string;
  /** Import paths, when known without reading the file (asked only of files that may import a fixtures package). */
  imports?: () => readonly string[] | undefined;
}

type Tok = ReturnType<typeof tokenizeGo>[number];

/** Bounds: a repository with more fixture files or referencing files than this is left as it is. */
const MAX_FIXTURE_FILES = 400;
const MAX_SCANNED_FILES = 20000;

/** Top-level names a file declares (functions, vars, consts, types; not methods). */
function declaredNames(toks: Tok[]): Set<string> {
  const out = new Set<string>();
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === 'op' && (t.v === '{' || t.v === '(' || t.v === '[')) { depth++; continue; }
    if (t.k === 'op' && (t.v === '}' || t.v === ')' || t.v === ']')) { depth--; continue; }
    if (depth !== 0 || t.k !== 'id') continue;
    if (t.v === 'func') {
      const n = toks[i + 1];
      if (n?.k === 'id') out.add(n.v);
      continue;
    }
    if (t.v !== 'var' && t.v !== 'const' && t.v !== 'type') continue;
    const n = toks[i + 1];
    if (n?.k === 'id') {
      out.add(n.v);
      for (let j = i + 2; toks[j]?.v === ',' && toks[j + 1]?.k === 'id'; j += 2) out.add(toks[j + 1]!.v);
    } else if (n?.v === '(') {
      // a group: the first names of each line
      let d = 0;
      let lineStart = true;
      for (let j = i + 1; j < toks.length; j++) {
        const u = toks[j]!;
        if (u.k === 'op' && (u.v === '(' || u.v === '{' || u.v === '[')) { d++; lineStart = d === 1; continue; }
        if (u.k === 'op' && (u.v === ')' || u.v === '}' || u.v === ']')) { d--; if (d === 0) break; continue; }
        if (u.k === ';') { lineStart = d === 1; continue; }
        if (lineStart && d === 1 && u.k === 'id') {
          out.add(u.v);
          let k = j + 1;
          while (toks[k]?.v === ',' && toks[k + 1]?.k === 'id') { out.add(toks[k + 1]!.v); k += 2; }
        }
        lineStart = false;
      }
    }
  }
  return out;
}

/** For each token, the name of the top-level function it is in ('' outside functions). */
function enclosingFunctions(toks: Tok[]): string[] {
  const out: string[] = new Array(toks.length).fill('');
  let depth = 0;
  let current = '';
  let pending: string | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (depth === 0 && t.k === 'id' && t.v === 'func') {
      // func Name(…) or func (recv) Name(…)
      let j = i + 1;
      if (toks[j]?.v === '(') {
        let d = 0;
        for (; j < toks.length; j++) {
          if (toks[j]!.v === '(') d++;
          else if (toks[j]!.v === ')' && --d === 0) break;
        }
        j++;
      }
      pending = toks[j]?.k === 'id' ? toks[j]!.v : undefined;
    }
    if (t.k === 'op' && (t.v === '{' || t.v === '(' || t.v === '[')) {
      if (depth === 0 && t.v === '{' && pending !== undefined) { current = pending; pending = undefined; }
      depth++;
    } else if (t.k === 'op' && (t.v === '}' || t.v === ')' || t.v === ']')) {
      depth--;
      if (depth === 0 && t.v === '}') current = '';
    } else if (depth === 0 && t.k === ';') {
      // a declaration without a body
      pending = undefined;
    }
    out[i] = current;
  }
  return out;
}

interface Ref { from: string; fn: string }

/**
 * The fixture files of the repository that only tests and test set-up use, with their role (test-support, signal
 * `references`). `readFile` returns a file's text (undefined when it cannot be read).
 */
export function testOnlyFixtures(files: readonly FixtureScanFile[], readFile: (rel: string) => string | undefined): Map<string, RoleResult> {
  const out = new Map<string, RoleResult>();
  const candidates = files.filter((f) => !f.isTest && !f.generated && f.role === 'production' && FIXTURE_FILE.test(path.posix.basename(f.rel)));
  if (!candidates.length || candidates.length > MAX_FIXTURE_FILES) return out;
  const dirOf = (rel: string) => path.posix.dirname(rel);
  const tokens = new Map<string, Tok[] | undefined>();
  const toksOf = (rel: string) => {
    if (!tokens.has(rel)) {
      const text = readFile(rel);
      tokens.set(rel, text === undefined ? undefined : tokenizeGo(text));
    }
    return tokens.get(rel);
  };
  // declarations of each fixture file, by package folder
  const declared = new Map<string, Set<string>>();
  for (const c of candidates) {
    const toks = toksOf(c.rel);
    if (toks) declared.set(c.rel, declaredNames(toks));
  }
  const isCandidate = new Set(declared.keys());
  const refs = new Map<string, Ref[]>([...isCandidate].map((r) => [r, []]));
  const prodRef = new Set<string>();
  const byPkg = new Map<string, FixtureScanFile[]>();
  for (const c of candidates) {
    if (!isCandidate.has(c.rel)) continue;
    const k = `${dirOf(c.rel)}\u0000${c.packageName ?? ''}`;
    let l = byPkg.get(k);
    if (!l) byPkg.set(k, (l = []));
    l.push(c);
  }
  let scanned = 0;
  for (const [k, fixtures] of byPkg) {
    const [dir, pkgName] = k.split('\u0000') as [string, string];
    const sample = fixtures[0]!;
    const importPath = sample.modulePath ? packageImportPath(sample.modulePath, sample.moduleDir ?? '', dir === '.' ? '' : dir) : undefined;
    const names = new Map<string, string>();
    // exported names: an unexported one (`var date = …`) is matched by every local of that name in the package's files
    for (const f of fixtures) for (const n of declared.get(f.rel) ?? []) if (/^\p{Lu}/u.test(n) && !names.has(n)) names.set(n, f.rel);
    if (!names.size) continue;
    const nameRe = new RegExp(`\\b(?:${[...names.keys()].join('|')})\\b`);
    for (const f of files) {
      if (f.isTest || f.generated) continue;
      const samePkg = dirOf(f.rel) === dir && (f.packageName ?? '') === pkgName;
      // each file is read at most once here: for its imports when they are not known, then for its names
      let text: string | undefined;
      let haveText = false;
      if (!samePkg) {
        if (!importPath) continue;
        const imports = f.imports?.();
        if (!imports) { text = readFile(f.rel); haveText = true; }
        if (!(imports ? imports.includes(importPath) : (text ?? '').includes(`"${importPath}"`))) continue;
      }
      if (++scanned > MAX_SCANNED_FILES) return new Map();
      // a file tokenized already (a fixture file, one scanned for another package) needs no text: a name its tokens
      // hold is one the text matches
      if (!tokens.has(f.rel)) {
        if (!haveText) text = readFile(f.rel);
        if (text === undefined || !nameRe.test(text)) continue;
        tokens.set(f.rel, tokenizeGo(text));
      }
      const toks = tokens.get(f.rel);
      if (!toks) continue;
      const fns = enclosingFunctions(toks);
      // the name an importer knows the package by: its alias, else the package name
      let local = pkgName;
      if (!samePkg) {
        const at = toks.findIndex((t) => t.k === 'str' && t.v === importPath);
        const alias = at > 0 ? toks[at - 1] : undefined;
        if (alias && ((alias.k === 'id' && alias.v !== 'import') || alias.v === '.') && alias.line === toks[at]!.line) local = alias.v;
        if (local === '_') continue;
      }
      // a dot import uses the names unqualified, like the package itself
      const unqualified = samePkg || local === '.';
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        if (t.k !== 'id') continue;
        const owner = names.get(t.v);
        if (!owner || owner === f.rel) continue;
        const prev = toks[i - 1];
        // the package's own name, or `pkg.Name` from an importer; a field or method of that name is not it
        if (unqualified ? prev?.v === '.' : !(prev?.v === '.' && toks[i - 2]?.k === 'id' && toks[i - 2]!.v === local && toks[i - 3]?.v !== '.')) continue;
        const fn = fns[i]!;
        if (f.role !== 'production' || (fn && testSetUpName(fn))) continue;
        if (isCandidate.has(f.rel)) refs.get(owner)!.push({ from: f.rel, fn });
        else prodRef.add(owner);
      }
    }
  }
  // fixed point: a fixture file production code reaches (outside test set-up) is production
  const production = new Set(prodRef);
  for (let changed = true; changed;) {
    changed = false;
    for (const [file, list] of refs) {
      if (production.has(file)) continue;
      if (list.some((r) => production.has(r.from))) { production.add(file); changed = true; }
    }
  }
  for (const file of isCandidate) {
    if (!production.has(file)) out.set(file, testFixtureRole('fixtures used only by tests and test set-up'));
  }
  return out;
}
