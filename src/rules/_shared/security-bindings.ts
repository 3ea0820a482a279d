/**
 * Lexical binding resolution for identifiers, without type information: where is `name`
 * (seen at `at`) declared, with which declared type text, and which values are assigned to it?
 * Used by the injection / unsafe / config rules of the security and runtime dimensions.
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, assignedValues, contains, FUNCTION_TYPES } from '../../go/ast.js';
import { memoOnNode } from '../../go/tree-memo.js';

export type BindingKind = 'param' | 'receiver' | 'result' | 'var' | 'const' | 'range' | 'package-var' | 'package-const' | 'unknown';

export interface Binding {
  kind: BindingKind;
  name: string;
  /** Function whose scope declares it (locals, params); undefined for package level / unknown. */
  fn?: Node;
  /** Declaring statement (short_var_declaration, var_spec, const_spec, range_clause) when local/package. */
  decl?: Node;
  /** The identifier node in the declaration. */
  declName?: Node;
  /** Declared type text, when written (params, typed var specs). */
  typeText?: string;
}

const LOCAL_DECL_TYPES = ['short_var_declaration', 'var_spec', 'const_spec', 'range_clause'];
const SCOPE_TYPES = new Set([
  'block', 'for_statement', 'if_statement', 'expression_switch_statement', 'type_switch_statement',
  'select_statement', 'communication_case', 'expression_case', 'type_case', 'default_case',
  'func_literal', 'function_declaration', 'method_declaration',
]);

function paramBinding(fn: Node, name: string): Binding | undefined {
  const fields: [string, BindingKind][] = [['receiver', 'receiver'], ['parameters', 'param'], ['result', 'result']];
  for (const [field, kind] of fields) {
    const list = fn.childForFieldName(field);
    if (!list || list.type !== 'parameter_list') continue;
    for (const decl of list.namedChildren) {
      if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
      for (const n of decl.childrenForFieldName('name')) {
        if (n && n.text === name) {
          const t = decl.childForFieldName('type')?.text;
          return { kind, name, fn, declName: n, typeText: decl.type === 'variadic_parameter_declaration' ? `[]${t ?? ''}` : t };
        }
      }
    }
  }
  return undefined;
}

function declScope(decl: Node): Node | null {
  let scope: Node | null = decl.parent;
  while (scope && !SCOPE_TYPES.has(scope.type)) scope = scope.parent;
  return scope;
}

/** A function's local declarations by declared name (first matching name node), in source order; built once per function. */
function localDeclsByName(fn: Node): Map<string, { decl: Node; hit: Node }[]> {
  return memoOnNode(fn, 'localDeclsByName', () => {
    const m = new Map<string, { decl: Node; hit: Node }[]>();
    for (const decl of fn.descendantsOfType(LOCAL_DECL_TYPES)) {
      if (!decl) continue;
      if (decl.type === 'range_clause' && !decl.children.some((c) => c?.type === ':=')) continue;
      const seen = new Set<string>();
      for (const n of assignedNames(decl)) {
        if (seen.has(n.text)) continue;
        seen.add(n.text);
        let list = m.get(n.text);
        if (!list) m.set(n.text, (list = []));
        list.push({ decl, hit: n });
      }
    }
    return m;
  });
}

/** Package-level var/const specs by name (first declaration wins), built once per file. */
function packageDeclsByName(root: Node): Map<string, { spec: Node; hit: Node }> {
  return memoOnNode(root, 'packageDeclsByName', () => {
    const m = new Map<string, { spec: Node; hit: Node }>();
    for (const top of root.namedChildren) {
      if (!top) continue;
      if (top.type !== 'var_declaration' && top.type !== 'const_declaration') continue;
      for (const spec of top.descendantsOfType(['var_spec', 'const_spec'])) {
        if (!spec) continue;
        for (const hit of assignedNames(spec)) if (!m.has(hit.text)) m.set(hit.text, { spec, hit });
      }
    }
    return m;
  });
}

/** Resolves identifier `name` as seen at node `at` (lexically, innermost declaration wins). */
export function resolveBinding(name: string, at: Node, root: Node): Binding {
  for (let p = at.parent; p; p = p.parent) {
    if (!FUNCTION_TYPES.has(p.type)) continue;
    // locals declared inside this function level whose scope contains `at`
    let best: Binding | undefined;
    let bestStart = -1;
    for (const { decl, hit } of localDeclsByName(p).get(name) ?? []) {
      if (decl.startIndex > at.startIndex || decl.startIndex < bestStart) continue;
      // `x := x + 1` style: the declaration's own right side does not see the new x
      if (contains(decl, at) && decl.type !== 'range_clause') {
        const right = decl.childForFieldName(decl.type === 'short_var_declaration' ? 'right' : 'value');
        if (right && contains(right, at)) continue;
      }
      const scope = declScope(decl);
      if (!scope || !contains(scope, at)) continue;
      // the innermost enclosing function of the declaration must be p or inside p and contain at
      const kind: BindingKind = decl.type === 'const_spec' ? 'const' : decl.type === 'range_clause' ? 'range' : 'var';
      const typeText = decl.type === 'var_spec' || decl.type === 'const_spec' ? decl.childForFieldName('type')?.text : undefined;
      best = { kind, name, fn: p, decl, declName: hit, typeText };
      bestStart = decl.startIndex;
    }
    if (best) return best;
    const param = paramBinding(p, name);
    if (param) return param;
  }
  // package level
  const pkg = packageDeclsByName(root).get(name);
  if (pkg) {
    const { spec, hit } = pkg;
    return {
      kind: spec.type === 'const_spec' ? 'package-const' : 'package-var',
      name, decl: spec, declName: hit, typeText: spec.childForFieldName('type')?.text,
    };
  }
  return { kind: 'unknown', name };
}

function fileRoot(n: Node): Node {
  let r = n;
  while (r.parent) r = r.parent;
  return r;
}

/** Whether identifier `n` (a use or an assignment target) denotes binding `b` — not a shadowing namesake. */
export function denotes(b: Binding, n: Node): boolean {
  if (n.text !== b.name) return false;
  if (!b.declName) return true;
  if (n.id === b.declName.id) return true;
  const r = resolveBinding(b.name, n, fileRoot(n));
  return r.declName?.id === b.declName.id;
}

/**
 * Values assigned to a local or package variable: the declaration's value paired with the
 * name, plus every later `name = v` / `name op= v` that assigns this very variable (a shadowing
 * namesake in an inner scope is another variable) — in the declaring function, or anywhere in the
 * file for a package-level variable.
 * For multi-value assignments from one call (`a, err := f()`) the call is returned.
 * `op` is the assignment operator ('=' for declarations).
 */
export function assignedValuesOf(b: Binding): { value: Node; op: string; stmt: Node }[] {
  if (!b.declName) return assignedValuesUncached(b);
  return memoOnNode(b.declName, `assignedValuesOf:${b.fn?.id ?? ''}:${b.decl?.id ?? ''}`, () => assignedValuesUncached(b));
}

/** A function's assignment statements by assigned identifier name (with its position), in source order. */
function assignmentsByName(fn: Node): Map<string, { stmt: Node; idx: number; node: Node }[]> {
  return memoOnNode(fn, 'assignmentsByName', () => {
    const m = new Map<string, { stmt: Node; idx: number; node: Node }[]>();
    for (const stmt of fn.descendantsOfType('assignment_statement')) {
      if (!stmt) continue;
      const names = assignedNames(stmt);
      const seen = new Set<string>();
      names.forEach((n, idx) => {
        if (n.type !== 'identifier' || seen.has(n.text)) return;
        seen.add(n.text);
        let list = m.get(n.text);
        if (!list) m.set(n.text, (list = []));
        list.push({ stmt, idx, node: n });
      });
    }
    return m;
  });
}

function assignedValuesUncached(b: Binding): { value: Node; op: string; stmt: Node }[] {
  const out: { value: Node; op: string; stmt: Node }[] = [];
  const pick = (stmt: Node, targetIndex: number, op: string) => {
    const values = assignedValues(stmt);
    if (values.length === 1) out.push({ value: values[0]!, op, stmt });
    else if (values[targetIndex]) out.push({ value: values[targetIndex]!, op, stmt });
  };
  if (b.decl && (b.decl.type === 'short_var_declaration' || b.decl.type === 'var_spec' || b.decl.type === 'const_spec')) {
    const names = assignedNames(b.decl);
    const idx = names.findIndex((n) => n.text === b.name);
    if (idx >= 0) pick(b.decl, idx, '=');
  }
  if (!b.declName) return out;
  const pkgLevel = b.kind === 'package-var';
  const scope = b.fn ?? (pkgLevel ? fileRoot(b.declName) : undefined);
  if (!scope) return out;
  for (const { stmt, idx, node } of assignmentsByName(scope).get(b.name) ?? []) {
    if (!pkgLevel && stmt.startIndex < b.declName.startIndex) continue;
    if (!denotes(b, node)) continue;
    const op = stmt.childForFieldName('operator')?.text ?? '=';
    pick(stmt, idx, op);
  }
  return out;
}

/** Uses of a binding inside its function after its declaration (excluding the declaration; namesakes in inner scopes excluded). */
export function usesOf(b: Binding): Node[] {
  if (!b.fn || !b.declName) return [];
  const start = b.declName.endIndex;
  return (identifiersByName(b.fn).get(b.name) ?? []).filter((n) => n.startIndex >= start && denotes(b, n));
}

/** The identifiers of a scope (a function, a file's root) by name, in source order; built once per scope node. */
export function identifiersByName(scope: Node): Map<string, Node[]> {
  return memoOnNode(scope, 'identifiersByName', () => {
    const m = new Map<string, Node[]>();
    for (const n of scope.descendantsOfType('identifier')) {
      if (!n) continue;
      let list = m.get(n.text);
      if (!list) m.set(n.text, (list = []));
      list.push(n);
    }
    return m;
  });
}

const NUMERIC_TYPES = new Set([
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'bool', 'byte', 'rune', 'time.Duration', 'complex64', 'complex128',
]);

export function isNumericType(typeText: string | undefined): boolean {
  return !!typeText && NUMERIC_TYPES.has(typeText.replace(/\s+/g, ''));
}

/** The statement_list/block that directly holds `stmt` (through an expression/simple statement wrapper). */
function holdingBlock(stmt: Node): Node | null {
  let p: Node | null = stmt.parent;
  while (p && p.type !== 'block' && !FUNCTION_TYPES.has(p.type)) {
    if (p.type === 'if_statement' || p.type === 'for_statement' || p.type.endsWith('_case')) return p;
    p = p.parent;
  }
  return p;
}

function assignsPlainly(block: Node | null, name: string): boolean {
  if (!block) return false;
  for (const s of block.descendantsOfType('assignment_statement')) {
    if (!s || s.childForFieldName('operator')?.text !== '=') continue;
    if (assignedNames(s).some((n) => n.type === 'identifier' && n.text === name)) return true;
  }
  return false;
}

/** Whether the assignment `stmt` happens on every path reaching `use` (same block, or both arms of an if/else). */
export function unconditionalFor(stmt: Node, use: Node, name: string): boolean {
  const block = holdingBlock(stmt);
  if (!block) return false;
  if (block.type === 'block' && contains(block, use)) return true;
  if (FUNCTION_TYPES.has(block.type)) return true;
  // both arms of an if/else assign
  const ifs = block.type === 'block' ? block.parent : null;
  if (ifs?.type === 'if_statement') {
    const cons = ifs.childForFieldName('consequence');
    const alt = ifs.childForFieldName('alternative');
    if (cons && alt && assignsPlainly(cons, name) && assignsPlainly(alt, name)) {
      const outer = holdingBlock(ifs);
      return !!outer && (outer.type !== 'block' || contains(outer, use));
    }
  }
  return false;
}

function reachingValuesUnordered(b: Binding, use: Node, all: { value: Node; op: string; stmt: Node }[]): { value: Node; op: string; stmt: Node }[] {
  const before = all.filter((v) => v.stmt.startIndex < use.startIndex && !contains(v.stmt, use));
  if (!before.length) return all.filter((v) => !contains(v.stmt, use));
  const out: { value: Node; op: string; stmt: Node }[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const v = before[i]!;
    out.unshift(v);
    if (v.op !== '=' || mentions(v.value, b.name)) continue;
    if (v.stmt.id === b.decl?.id || unconditionalFor(v.stmt, use, b.name)) break;
  }
  return out;
}

/** At most this many assignments are followed back from one use of a variable. */
export const MAX_REACHING_VALUES = 256;

function mentions(value: Node, name: string): boolean {
  return memoOnNode(value, `mentions:${name}`, () => value.descendantsOfType('identifier').some((n) => n?.text === name) || value.text === name);
}

/**
 * Values of a variable that may reach `use`: assignments textually before it, walking back until a
 * plain (non self-referencing) assignment that happens on every path to `use`.
 */
export function reachingValues(b: Binding, use: Node): { value: Node; op: string; stmt: Node }[] {
  const all = assignedValuesOf(b);
  for (let i = 1; i < all.length; i++) {
    // a package variable assigned above its declaration: not in source order, take the plain walk
    if (all[i]!.stmt.startIndex < all[i - 1]!.stmt.startIndex) return reachingValuesUnordered(b, use, all);
  }
  // `all` is in source order: the assignments starting before `use` are a prefix (binary search)
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.stmt.startIndex < use.startIndex) lo = mid + 1;
    else hi = mid;
  }
  const before: { value: Node; op: string; stmt: Node }[] = [];
  // walked back from `use`; bounded so that a chain of thousands of `s = s + …` stays linear overall
  for (let i = lo - 1; i >= 0 && before.length < MAX_REACHING_VALUES; i--) {
    const v = all[i]!;
    if (v.stmt.endIndex > use.startIndex && contains(v.stmt, use)) continue;
    before.unshift(v);
    if (v.op === '=' && !mentions(v.value, b.name) && (v.stmt.id === b.decl?.id || unconditionalFor(v.stmt, use, b.name))) break;
    // over the bound: keep the declaration's value too (where a built string usually starts)
    if (before.length === MAX_REACHING_VALUES && i > 0 && all[0]!.stmt.id === b.decl?.id) before.unshift(all[0]!);
  }
  if (!before.length) return all.filter((v) => !contains(v.stmt, use));
  const out: { value: Node; op: string; stmt: Node }[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const v = before[i]!;
    out.unshift(v);
    if (v.op !== '=') continue;
    const selfRef = mentions(v.value, b.name);
    if (selfRef) continue;
    if (v.stmt.id === b.decl?.id || unconditionalFor(v.stmt, use, b.name)) break;
  }
  return out;
}
