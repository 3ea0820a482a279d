/** Small, allocation-light helpers over tree-sitter-go nodes, shared by rules. */
import type { Node } from 'web-tree-sitter';

export type { Node };

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);
export const LOOP_TYPES = new Set(['for_statement']);

/** Value of a Go string literal node (interpreted or raw); undefined for anything else. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'raw_string_literal') {
    const t = node.text;
    return t.slice(1, t.length - 1);
  }
  if (node.type === 'interpreted_string_literal') {
    const t = node.text.slice(1, -1);
    return t.replace(/\\(["\\nrt'])/g, (_m, c: string) =>
      c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
    );
  }
  return undefined;
}

export function isStringLiteral(node: Node | null | undefined): boolean {
  return !!node && (node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal');
}

/** The outermost parenthesized expression around `node` (`node` itself when it is not parenthesized): where its value goes. */
export function outerParens(node: Node): Node {
  let e = node;
  while (e.parent?.type === 'parenthesized_expression') e = e.parent;
  return e;
}

/** Strips parentheses around an expression. */
export function unparen(node: Node | null | undefined): Node | null {
  let n = node ?? null;
  while (n && n.type === 'parenthesized_expression') n = n.namedChild(0);
  return n;
}

export function ancestors(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Nearest ancestor whose type is in `types`, stopping (returning null) at any type in `stopAt`. */
export function closest(node: Node, types: Set<string> | string, stopAt?: Set<string>): Node | null {
  const match = typeof types === 'string' ? (t: string) => t === types : (t: string) => types.has(t);
  for (let p = node.parent; p; p = p.parent) {
    if (match(p.type)) return p;
    if (stopAt?.has(p.type)) return null;
  }
  return null;
}

/** The function (declaration, method or literal) lexically containing `node`. */
export function enclosingFunction(node: Node): Node | null {
  return closest(node, FUNCTION_TYPES);
}

/** The outermost named function declaration/method containing `node` (skipping literals). */
export function enclosingDeclaredFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  }
  return null;
}

export function functionName(fn: Node | null): string | undefined {
  if (!fn) return undefined;
  return fn.childForFieldName('name')?.text;
}

/** True when `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/** Arguments of a call_expression (named children of its argument_list). */
export function callArgs(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  return args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
}

/** For `a.b.c`, returns ['a','b','c']; for an identifier ['x']; otherwise undefined. */
export function selectorPath(node: Node | null): string[] | undefined {
  const n = unparen(node);
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'field_identifier' || n.type === 'package_identifier' || n.type === 'type_identifier') return [n.text];
  if (n.type === 'selector_expression') {
    const left = selectorPath(n.childForFieldName('operand'));
    const field = n.childForFieldName('field');
    if (!left || !field) return undefined;
    return [...left, field.text];
  }
  if (n.type === 'qualified_type') {
    const pkg = n.childForFieldName('package');
    const name = n.childForFieldName('name');
    if (!pkg || !name) return undefined;
    return [pkg.text, name.text];
  }
  return undefined;
}

/** Named statements of a block (tree-sitter-go 0.25 wraps them in a statement_list). */
export function blockStatements(block: Node | null): Node[] {
  if (!block) return [];
  const out: Node[] = [];
  for (const c of block.namedChildren) {
    if (!c) continue;
    if (c.type === 'statement_list') {
      for (const s of c.namedChildren) if (s && s.type !== 'comment') out.push(s);
    } else if (c.type !== 'comment') out.push(c);
  }
  return out;
}

/** Left-hand identifiers of a short var declaration / assignment / var spec. */
export function assignedNames(stmt: Node): Node[] {
  if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement') {
    const left = stmt.childForFieldName('left');
    return left ? left.namedChildren.filter((n): n is Node => !!n) : [];
  }
  if (stmt.type === 'var_spec' || stmt.type === 'const_spec') {
    return stmt.childrenForFieldName('name').filter((n): n is Node => !!n);
  }
  if (stmt.type === 'range_clause') {
    const left = stmt.childForFieldName('left');
    return left ? left.namedChildren.filter((n): n is Node => !!n) : [];
  }
  return [];
}

/** Right-hand expressions of a short var declaration / assignment / var spec. */
export function assignedValues(stmt: Node): Node[] {
  const right = stmt.childForFieldName(stmt.type === 'var_spec' || stmt.type === 'const_spec' ? 'value' : 'right');
  return right ? right.namedChildren.filter((n): n is Node => !!n) : [];
}

/**
 * If `expr` is the (single-valued) right side of a declaration/assignment, returns the
 * statement and the left-hand node paired with it, for `x := expr` and `a, b := f()`.
 */
export function assignmentOf(expr: Node): { stmt: Node; targets: Node[] } | null {
  const e = outerParens(expr);
  const list = e.parent;
  if (!list || list.type !== 'expression_list') return null;
  const stmt = list.parent;
  if (!stmt) return null;
  if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement' || stmt.type === 'var_spec') {
    const values = assignedValues(stmt);
    const names = assignedNames(stmt);
    if (values.length === 1) return { stmt, targets: names };
    const idx = values.findIndex((v) => sameNode(v, e));
    return { stmt, targets: idx >= 0 && names[idx] ? [names[idx]!] : [] };
  }
  return null;
}

/** Identifiers named `name` within `scope`, excluding field selectors (x.name). */
export function identifierUses(scope: Node, name: string): Node[] {
  return scope
    .descendantsOfType('identifier')
    .filter((n): n is Node => !!n && n.text === name);
}

/** Whether a node is the operand of a `defer` statement (possibly through a func literal). */
export function isDeferred(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'defer_statement') return true;
    if (FUNCTION_TYPES.has(p.type) && p.type !== 'func_literal') return false;
  }
  return false;
}

/** Parameter names of a function node, with their type text. */
export function parameters(fn: Node): { name: string; type: string }[] {
  const out: { name: string; type: string }[] = [];
  const lists = [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')];
  for (const list of lists) {
    if (!list) continue;
    for (const decl of list.namedChildren) {
      if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
      const type = decl.childForFieldName('type')?.text ?? '';
      for (const n of decl.childrenForFieldName('name')) if (n) out.push({ name: n.text, type });
    }
  }
  return out;
}

/**
 * Names of a function's own parameters (not its receiver), in order, '_' for an unnamed one: the index a caller's
 * arguments are matched with (`func f(a, b T)` counts two).
 */
export function parameterNames(fn: Node): string[] {
  const out: string[] = [];
  for (const decl of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
    const names = decl.childrenForFieldName('name').filter((n): n is Node => !!n);
    if (!names.length) out.push('_');
    for (const n of names) out.push(n.text);
  }
  return out;
}

/** Position helpers (1-based line and column, as reported). */
export function pos(node: Node): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Whether the subtree has a syntax error (ERROR or MISSING node). */
export function hasSyntaxError(node: Node): boolean {
  return node.hasError;
}

/** Integer value of an int literal (decimal, hex, octal, binary, with underscores). */
export function intValue(node: Node | null | undefined): number | undefined {
  const n = unparen(node);
  if (!n || n.type !== 'int_literal') return undefined;
  const t = n.text.replace(/_/g, '');
  let v: number;
  if (/^0[xX]/.test(t)) v = parseInt(t.slice(2), 16);
  else if (/^0[bB]/.test(t)) v = parseInt(t.slice(2), 2);
  else if (/^0[oO]/.test(t)) v = parseInt(t.slice(2), 8);
  else if (/^0\d/.test(t)) v = parseInt(t.slice(1), 8);
  else v = parseInt(t, 10);
  return Number.isFinite(v) ? v : undefined;
}

/** Elements of a composite literal body as {key, value} (key undefined for positional). */
export function literalElements(composite: Node): { key?: string; keyNode?: Node; value: Node }[] {
  const body = composite.childForFieldName('body');
  if (!body) return [];
  const out: { key?: string; keyNode?: Node; value: Node }[] = [];
  for (const el of body.namedChildren) {
    if (!el) continue;
    if (el.type === 'keyed_element') {
      const k = el.childForFieldName('key') ?? el.namedChild(0);
      const v = el.childForFieldName('value') ?? el.namedChild(1);
      const keyInner = k && k.type === 'literal_element' ? k.namedChild(0) : k;
      const valInner = v && v.type === 'literal_element' ? v.namedChild(0) : v;
      if (valInner) out.push({ key: keyInner?.text, keyNode: keyInner ?? undefined, value: valInner });
    } else if (el.type === 'literal_element') {
      const v = el.namedChild(0);
      if (v) out.push({ value: v });
    } else if (el.type !== 'comment') {
      out.push({ value: el });
    }
  }
  return out;
}

/** The called name of a call_expression: `Name` for `x.Name(...)` and `Name(...)`; cheap pre-check before resolving. */
export function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'selector_expression') return fn.childForFieldName('field')?.text;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'parenthesized_expression') return calleeName({ childForFieldName: () => unparen(fn) } as unknown as Node);
  return undefined;
}
