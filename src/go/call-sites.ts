/**
 * The call sites of one Go file, summarised for the module call graph (src/facts/execution-frequency.ts):
 * each declared function with the line ranges where its code may run more than once per call (loop
 * bodies, function literals that are not invoked on the spot), each call of a function or method with
 * the declared function it is made from, and function values that escape (passed, stored or returned:
 * their callers are not visible).
 *
 * Command hooks of a command-line framework (cobra's Run/RunE/PreRun…, urfave/cli's Action/Before/After) run at
 * most once per process: the framework runs the one command the arguments select, once. A function literal or
 * named function set as a hook counts as called where it is set, once per run of the function setting it; set in
 * a package-level command value, it counts as called from an init function (the synthetic function 'init' spans
 * the literal), as package-level values are initialised once.
 */
import { Query, type Language, type Node } from 'web-tree-sitter';
import { unparen } from './ast.js';
import type { ImportTable } from './imports.js';

/** A callee: a function of this package (`name`), of an imported package (`pkg` + `name`) or a method (`method`). */
export interface CalleeRef {
  name: string;
  pkg?: string;
  method?: boolean;
}

export interface CallSite extends CalleeRef {
  /** The declared function the call is made from ('T.m' for methods), absent at package level. */
  from?: string;
  /** The call may run several times per run of `from` (in a loop, or in a function literal not invoked on the spot). */
  repeated?: boolean;
  /** The call runs when the operator sends a non-terminating signal (a `case syscall.SIGUSR1:`). */
  onSignal?: boolean;
}

/** The key call sites give a declared function or method: 'f' for a function, '.m' for a method. */
export function declaredFunctionKey(decl: Node): string | undefined {
  const name = decl.childForFieldName('name')?.text;
  if (!name) return undefined;
  return decl.type === 'method_declaration' ? `.${name}` : name;
}

export interface DeclaredFunction {
  /** 'f' for a function, '.m' for a method (declaredFunctionKey). */
  key: string;
  start: number;
  end: number;
  /** 1-based line ranges inside the function that may run several times per call. */
  repeated: [number, number][];
  /** 1-based line ranges that run on a non-terminating signal. */
  onSignal: [number, number][];
}

export interface FileCallSites {
  funcs: DeclaredFunction[];
  calls: CallSite[];
  escapes: CalleeRef[];
}

/** Signals an operator sends to ask for a dump, a reload or a status line: the code they trigger runs on demand. */
const OPERATOR_SIGNALS = new Set(['SIGUSR1', 'SIGUSR2', 'SIGHUP', 'SIGINFO']);

/** The callee a call's function expression (or an escaping value) names, if it is a plain or qualified name. */
function calleeOf(expr: Node | null, imports: ImportTable): CalleeRef | undefined {
  const e = unparen(expr);
  if (!e) return undefined;
  if (e.type === 'identifier') return { name: e.text };
  if (e.type !== 'selector_expression') return undefined;
  const name = e.childForFieldName('field')?.text;
  const operand = unparen(e.childForFieldName('operand'));
  if (!name || !operand) return undefined;
  const pkg = operand.type === 'identifier' ? imports.pathOf(operand.text) : undefined;
  return pkg ? { name, pkg } : { name, method: true };
}

/** A function literal run on the spot: `func(){...}()`, also under `go` and `defer`. */
function invokedOnTheSpot(lit: Node): boolean {
  let p = lit.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p?.type === 'call_expression' && unparen(p.childForFieldName('function'))?.id === lit.id;
}

/** A `case` clause whose values are all operator signals (syscall.SIGUSR1, unix.SIGHUP). */
function operatorSignalCase(n: Node): boolean {
  if (n.type !== 'expression_case') return false;
  const values = n.childForFieldName('value')?.namedChildren.filter((c): c is Node => !!c) ?? [];
  return values.length > 0 && values.every((v) => {
    const name = v.type === 'selector_expression' ? v.childForFieldName('field')?.text : v.text;
    return !!name && OPERATOR_SIGNALS.has(name);
  });
}

/** Command-line frameworks whose command hooks run at most once per process. */
const CLI_FRAMEWORK = /^(?:github\.com\/spf13\/cobra|github\.com\/urfave\/cli(?:\/v\d+)?|gopkg\.in\/urfave\/cli\.v\d+)$/;
const CLI_HOOKS = new Set([
  'Action', 'Before', 'After',
  'Run', 'RunE', 'PreRun', 'PreRunE', 'PersistentPreRun', 'PersistentPreRunE', 'PostRun', 'PostRunE', 'PersistentPostRun', 'PersistentPostRunE',
]);

/** Whether a type expression names a type of a command-line framework (`cobra.Command`, `[]*cli.Command`, `cli.App`). */
function cliType(type: Node | null, imports: ImportTable): boolean {
  if (!type) return false;
  const named = type.type === 'qualified_type' ? [type] : type.descendantsOfType('qualified_type');
  return named.some((q) => {
    const pkg = q?.childForFieldName('package')?.text;
    return !!pkg && CLI_FRAMEWORK.test(imports.pathOf(pkg) ?? '');
  });
}

/**
 * Whether a value is set as a command hook: the value of a Run/RunE/Action… key of a composite literal of a
 * command-line framework type (`&cobra.Command{RunE: v}`, also an element of `[]*cli.Command{{Action: v}}`),
 * or assigned to such a field (`app.Action = v`); asked only in files importing a command-line framework.
 */
function cliHookValue(v: Node, imports: ImportTable): boolean {
  const p = v.parent;
  if (p?.type === 'literal_element') {
    const kv = p.parent;
    if (kv?.type !== 'keyed_element' || kv.childForFieldName('value')?.id !== p.id) return false;
    if (!CLI_HOOKS.has(kv.childForFieldName('key')?.text ?? '')) return false;
    let lit: Node | null = kv.parent;
    while (lit && lit.type !== 'composite_literal' && (lit.type === 'literal_value' || lit.type === 'literal_element' || lit.type === 'keyed_element')) lit = lit.parent;
    return lit?.type === 'composite_literal' && cliType(lit.childForFieldName('type'), imports);
  }
  if (p?.type !== 'expression_list' || p.parent?.type !== 'assignment_statement') return false;
  const assign = p.parent;
  if (assign.childForFieldName('right')?.id !== p.id || assign.childForFieldName('operator')?.text !== '=') return false;
  const i = p.namedChildren.findIndex((c) => c?.id === v.id);
  const target = assign.childForFieldName('left')?.namedChildren[i];
  return target?.type === 'selector_expression' && CLI_HOOKS.has(target.childForFieldName('field')?.text ?? '');
}

/**
 * The first of each set of equal entries, in order. The call graph reads calls and escapes as sets (a callee's
 * sites must all be once-only; an escaped name is in a set), and the main thread keeps every production file's
 * call sites: on containerd with vendor/, 294k calls and 574k escapes were 160k and 133k distinct ones.
 */
function distinct<T extends CalleeRef>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    // what JSON.stringify tells apart (entries are built with their keys in one order), without serialising: names and
    // function keys are identifiers (no NUL), a package path is quoted
    const s = c as Partial<CallSite>;
    const k = `${c.name}\0${c.pkg === undefined ? '' : JSON.stringify(c.pkg)}\0${c.method ? 1 : ''}\0${s.from ?? ''}\0${s.repeated ? 1 : ''}\0${s.onSignal ? 1 : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Positions where a name is used as a value, not called: arguments, assigned values, composite elements, returns. */
const VALUE_PARENTS = new Set(['argument_list', 'expression_list', 'literal_element', 'keyed_element', 'return_statement']);

/** The context a node's children are visited in: its type (their parent's), function, loop and signal flags. */
interface Context { type: string; fn: DeclaredFunction | undefined; rep: boolean; sig: boolean }

/**
 * The node types the call sites are read from in a file without command hooks or syntax errors (scannedCallSites):
 * a caller that walks the tree anyway can collect them in the same walk (src/go/node-memo.ts answers the query).
 */
export const CALL_SITE_TYPES = ['call_expression', 'for_statement', 'func_literal', 'expression_case'];

/**
 * Names and selectors in value positions: the identifier and selector children of VALUE_PARENTS. The grammar gives
 * keyed_element only literal_element children and return_statement an expression_list (a query naming an identifier
 * child of either is rejected as impossible), so three parents remain. Matched inside the WebAssembly module: only the
 * values become JavaScript nodes, not every parent and each of its children.
 */
const VALUE_QUERY = `
(argument_list [(identifier) (selector_expression)] @value)
(expression_list [(identifier) (selector_expression)] @value)
(literal_element [(identifier) (selector_expression)] @value)`;
const valueQueries = new WeakMap<Language, Query>();

function valuesOf(root: Node): Node[] {
  const lang = root.tree.language;
  let q = valueQueries.get(lang);
  if (!q) valueQueries.set(lang, (q = new Query(lang, VALUE_QUERY)));
  return q.captures(root).map((c) => c.node);
}

export function extractCallSites(root: Node, imports: ImportTable): FileCallSites {
  const cliFile = imports.specs.some((s) => CLI_FRAMEWORK.test(s.path));
  // command hooks need each value's parent, a tree with errors may hold a declaration in an ERROR node or a zero-width
  // node on a boundary: both keep the walk of every node; the rest (nearly every file) needs only the nodes that matter
  return cliFile || root.hasError ? walkedCallSites(root, imports, cliFile) : scannedCallSites(root, imports);
}

/** A range of code whose calls have the same enclosing function and base frequency: a function body, a package-level declaration. */
interface Region { start: number; end: number; fn: DeclaredFunction | undefined; rep: boolean }

/** The region holding the offset `at` (regions are sorted and disjoint). */
function regionAt(regions: readonly Region[], at: number): Region | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid]!;
    if (at < r.start) hi = mid - 1;
    else if (at >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** A loop, a function literal or a signal case: what it changes for the nodes before `end`. */
interface Scope { end: number; rep: boolean; sig: boolean }

/**
 * The call sites of a tree without errors and without command hooks, equal to walkedCallSites' (same entries, same
 * order): one query for the nodes that matter (calls, loops, function literals, case clauses) in
 * document order, each placed by position in its top-level declaration and inside the loops and literals around it
 * (syntax nodes nest: a node lies inside a scope exactly when it starts before the scope's end). The values in value
 * positions come from a query (valuesOf) and need only their declaration. Walking every node with a cursor cost several
 * WebAssembly calls per node, a quarter of the CPU time of a cold audit of containerd with vendor/.
 */
function scannedCallSites(root: Node, imports: ImportTable): FileCallSites {
  const out: FileCallSites = { funcs: [], calls: [], escapes: [] };
  const regions: Region[] = [];
  for (const decl of root.namedChildren) {
    if (!decl) continue;
    if (decl.type === 'function_declaration' || decl.type === 'method_declaration') {
      const name = decl.childForFieldName('name')?.text;
      const body = decl.childForFieldName('body');
      if (!name || !body) continue;
      const fn: DeclaredFunction = { key: declaredFunctionKey(decl)!, start: decl.startPosition.row + 1, end: decl.endPosition.row + 1, repeated: [], onSignal: [] };
      out.funcs.push(fn);
      regions.push({ start: body.startIndex, end: body.endIndex, fn, rep: false });
    } else {
      // package-level values (var handlers = map[string]func(){...}) escape too
      regions.push({ start: decl.startIndex, end: decl.endIndex, fn: undefined, rep: true });
    }
  }
  // the walk took function bodies first, then package-level declarations: each list is kept in that order
  const calls: CallSite[][] = [[], []];
  const escapes: { at: number; callee: CalleeRef }[][] = [[], []];
  const scopes: Scope[] = [];
  let ri = 0;
  let region: Region | undefined;
  for (const n of root.descendantsOfType(CALL_SITE_TYPES)) {
    if (!n) continue;
    const at = n.startIndex;
    while (ri < regions.length && regions[ri]!.end <= at) ri++;
    const r = regions[ri];
    // a function's signature, a declaration without a body: not walked
    if (!r || at < r.start) continue;
    if (r !== region) { region = r; scopes.length = 0; }
    while (scopes.length && scopes[scopes.length - 1]!.end <= at) scopes.pop();
    const top = scopes[scopes.length - 1];
    const rep = top ? top.rep : r.rep;
    const sig = top ? top.sig : false;
    const fn = r.fn;
    const part = fn ? 0 : 1;
    const type = n.type;
    if (type === 'call_expression') {
      const callee = calleeOf(n.childForFieldName('function'), imports);
      if (callee) calls[part]!.push({ ...callee, from: fn?.key, ...(rep ? { repeated: true } : {}), ...(sig ? { onSignal: true } : {}) });
    } else if (type === 'for_statement' || type === 'func_literal') {
      if (type === 'func_literal' && invokedOnTheSpot(n)) continue;
      scopes.push({ end: n.endIndex, rep: true, sig });
      fn?.repeated.push([n.startPosition.row + 1, n.endPosition.row + 1]);
    } else if (type === 'expression_case') {
      if (!operatorSignalCase(n)) continue;
      scopes.push({ end: n.endIndex, rep, sig: true });
      fn?.onSignal.push([n.startPosition.row + 1, n.endPosition.row + 1]);
    }
  }
  // values escape from walked code only (not from a signature); where they are is all that matters
  for (const v of valuesOf(root)) {
    const at = v.startIndex;
    const r = regionAt(regions, at);
    if (!r) continue;
    const callee = calleeOf(v, imports);
    if (callee) escapes[r.fn ? 0 : 1]!.push({ at, callee });
  }
  // document order, as the walk met them (two values never start at one place: one would hold the other's parent)
  out.calls = distinct(calls.flat());
  out.escapes = distinct(escapes.flatMap((list) => list.sort((a, b) => a.at - b.at).map((e) => e.callee)));
  return out;
}

/**
 * The call sites read by visiting every node with a tree cursor (files with command hooks or syntax errors); exported
 * for the test that holds scannedCallSites to the same answers.
 */
export function walkedCallSites(root: Node, imports: ImportTable, cliFile: boolean): FileCallSites {
  const out: FileCallSites = { funcs: [], calls: [], escapes: [] };
  // One cursor walks every subtree: a node object is made only for the few nodes a question is asked about
  // (calls, values in value positions, function literals, case clauses). Walking namedChildren made one for every
  // node of the file, each with its memo (src/go/node-memo.ts): on a 1.6 MB generated file, 260 MB of garbage.
  const cursor = root.walk();
  try {
    for (const decl of root.namedChildren) {
      if (!decl || (decl.type !== 'function_declaration' && decl.type !== 'method_declaration')) continue;
      const name = decl.childForFieldName('name')?.text;
      const body = decl.childForFieldName('body');
      if (!name || !body) continue;
      const fn: DeclaredFunction = { key: declaredFunctionKey(decl)!, start: decl.startPosition.row + 1, end: decl.endPosition.row + 1, repeated: [], onSignal: [] };
      out.funcs.push(fn);
      cursor.reset(body);
      walk(decl.type, fn, false, false);
    }
    // package-level values (var handlers = map[string]func(){...}) escape too
    for (const decl of root.namedChildren) {
      if (!decl || decl.type === 'function_declaration' || decl.type === 'method_declaration') continue;
      cursor.reset(decl);
      walk(root.type, undefined, true, false);
    }
  } finally {
    cursor.delete();
  }
  out.calls = distinct(out.calls);
  out.escapes = distinct(out.escapes);
  return out;

  /**
   * Visits the (named) node at the cursor and its named descendants, depth-first with an explicit stack (a 4,000-term
   * string concatenation is a tree 4,000 levels deep: recursion would overflow the call stack); the cursor is back on
   * that node after.
   */
  function walk(parentType: string, fn: DeclaredFunction | undefined, repeated: boolean, onSignal: boolean): void {
    const stack: Context[] = [visit(parentType, fn, repeated, onSignal)];
    if (!cursor.gotoFirstChild()) return;
    for (;;) {
      if (cursor.nodeIsNamed) {
        const top = stack[stack.length - 1]!;
        const c = visit(top.type, top.fn, top.rep, top.sig);
        if (cursor.gotoFirstChild()) {
          stack.push(c);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        stack.pop();
        if (!stack.length) return;
      }
    }
  }

  /** What the node at the cursor records, and the context its children are visited in. */
  function visit(parentType: string, given: DeclaredFunction | undefined, repeated: boolean, onSignal: boolean): Context {
    let fn = given;
    const type = cursor.nodeType;
    let node: Node | undefined;
    const current = (): Node => (node ??= cursor.currentNode);
    let rep = repeated;
    let sig = onSignal;
    // a hook value sits in a composite literal's element or on the right of an assignment
    const hook = cliFile && (type === 'func_literal' || type === 'identifier' || type === 'selector_expression')
      && (parentType === 'literal_element' || parentType === 'expression_list') && cliHookValue(current(), imports);
    if (hook && !fn) {
      // a hook of a package-level command value: called once, from a synthetic init function spanning it
      fn = { key: 'init', start: cursor.startPosition.row + 1, end: cursor.endPosition.row + 1, repeated: [], onSignal: [] };
      out.funcs.push(fn);
      rep = false;
      sig = false;
    }
    if (type === 'for_statement' || (type === 'func_literal' && !invokedOnTheSpot(current()) && !hook)) {
      rep = true;
      fn?.repeated.push([cursor.startPosition.row + 1, cursor.endPosition.row + 1]);
    }
    if (type === 'expression_case' && operatorSignalCase(current())) {
      sig = true;
      fn?.onSignal.push([cursor.startPosition.row + 1, cursor.endPosition.row + 1]);
    }
    if (type === 'call_expression') {
      const callee = calleeOf(current().childForFieldName('function'), imports);
      if (callee) out.calls.push({ ...callee, from: fn?.key, ...(rep ? { repeated: true } : {}), ...(sig ? { onSignal: true } : {}) });
    } else if ((type === 'identifier' || type === 'selector_expression') && VALUE_PARENTS.has(parentType)) {
      const callee = calleeOf(current(), imports);
      // a named function set as a command hook is called (once) where it is set; any other value escapes
      if (callee && hook) out.calls.push({ ...callee, from: fn?.key, ...(rep ? { repeated: true } : {}), ...(sig ? { onSignal: true } : {}) });
      else if (callee) out.escapes.push(callee);
    }
    return { type, fn, rep, sig };
  }
}
