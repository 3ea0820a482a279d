/** Helpers shared by the security rules: type references, struct literal fields, bindings, test-support files. */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, literalElements, outerParens, selectorPath, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';

/** True when the type node names `pkg.name` (alias-aware, not shadowed; also a dot-imported bare name). */
export function isTypeRef(ctx: RuleContext, typeNode: Node | null | undefined, pkg: string, name: string): boolean {
  let t = unparen(typeNode);
  if (!t) return false;
  if (t.type === 'pointer_type') t = t.namedChild(0);
  if (!t) return false;
  if (t.type === 'qualified_type') {
    const p = t.childForFieldName('package');
    const n = t.childForFieldName('name');
    return !!p && !!n && n.text === name && ctx.isPackageRef(p, pkg);
  }
  if (t.type === 'type_identifier') {
    return t.text === name && ctx.imports.isDotImported(pkg) && !declaresType(ctx.root, name);
  }
  return false;
}

function declaresType(root: Node, name: string): boolean {
  for (const d of root.namedChildren) {
    if (!d || d.type !== 'type_declaration') continue;
    for (const s of d.namedChildren) if (s?.childForFieldName('name')?.text === name) return true;
  }
  return false;
}

/** Whether a composite_literal builds a `pkg.name` value. */
export function compositeIs(ctx: RuleContext, composite: Node, pkg: string, name: string): boolean {
  return composite.type === 'composite_literal' && isTypeRef(ctx, composite.childForFieldName('type'), pkg, name);
}

/** Keyed fields of a struct literal: field name -> value node. */
export function keyedFields(composite: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const el of literalElements(composite)) if (el.key !== undefined) out.set(el.key, el.value);
  return out;
}

/** The expression a composite literal is the value of: `T{}` itself or `&T{}`. */
export function literalExpression(composite: Node): Node {
  let e = composite;
  if (e.parent?.type === 'unary_expression' && e.parent.child(0)?.type === '&') e = e.parent;
  e = outerParens(e);
  return e;
}

export type Binding =
  | { kind: 'var'; name: string; node: Node }
  | { kind: 'field'; name: string; path: string[]; node: Node }
  | { kind: 'key'; name: string; node: Node };

/**
 * Where the value of `expr` is bound: a variable (`x := e`, `var x = e`, `const x = e`), a field or
 * selector (`a.b = e`), a struct field key or map key in a composite literal (`{Key: e}`, `{"key": e}`),
 * or an index expression with a string key (`m["key"] = e`).
 */
export function bindingOf(expr: Node): Binding | undefined {
  const e = outerParens(expr);
  const p = e.parent;
  if (!p) return undefined;
  if (p.type === 'literal_element' && p.parent?.type === 'keyed_element') {
    const kv = p.parent;
    const keyEl = kv.childForFieldName('key') ?? kv.namedChild(0);
    if (!keyEl || keyEl.startIndex === p.startIndex) return undefined;
    const key = keyEl.type === 'literal_element' ? keyEl.namedChild(0) : keyEl;
    if (!key) return undefined;
    if (key.type === 'identifier' || key.type === 'field_identifier') return { kind: 'key', name: key.text, node: key };
    const s = stringLiteralValue(key);
    if (s !== undefined) return { kind: 'key', name: s, node: key };
    return undefined;
  }
  if (p.type !== 'expression_list') return undefined;
  const stmt = p.parent;
  if (!stmt) return undefined;
  const isSpec = stmt.type === 'var_spec' || stmt.type === 'const_spec';
  if (!isSpec && stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement') return undefined;
  const right = stmt.childForFieldName(isSpec ? 'value' : 'right');
  if (!right || right.startIndex !== p.startIndex) return undefined;
  const values = p.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  const idx = values.findIndex((v) => v.startIndex === e.startIndex && v.endIndex === e.endIndex);
  if (idx < 0) return undefined;
  let targets: Node[];
  if (isSpec) targets = stmt.childrenForFieldName('name').filter((n): n is Node => !!n);
  else targets = (stmt.childForFieldName('left')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  if (targets.length !== values.length) return undefined;
  const t = unparen(targets[idx]);
  if (!t) return undefined;
  if (t.type === 'identifier') return t.text === '_' ? undefined : { kind: 'var', name: t.text, node: t };
  if (t.type === 'selector_expression') {
    const path = selectorPath(t);
    const field = t.childForFieldName('field');
    if (path && field) return { kind: 'field', name: field.text, path, node: field };
    if (field) return { kind: 'field', name: field.text, path: [field.text], node: field };
    return undefined;
  }
  if (t.type === 'index_expression') {
    const s = stringLiteralValue(t.childForFieldName('index'));
    if (s !== undefined) return { kind: 'key', name: s, node: t };
  }
  return undefined;
}

/** The variable or field path an expression is assigned to (`cfg`, `s.tls.conf`): a var or field binding, not a key. */
export function bindingPath(b: Binding | undefined): string[] | undefined {
  if (!b || b.kind === 'key') return undefined;
  return b.kind === 'var' ? [b.name] : b.path;
}

function stringLiteralValue(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'interpreted_string_literal' || n.type === 'raw_string_literal') return n.text.slice(1, -1);
  return undefined;
}

/** Assignments `<path>.<field> = ...` (path given as selector parts, e.g. ['srv'] or ['s','srv']) inside `scope`. */
export function assignedFields(scope: Node, path: string[], fields: string[]): Set<string> {
  const out = new Set<string>();
  const want = path.join('.');
  for (const stmt of scope.descendantsOfType('assignment_statement')) {
    const left = stmt?.childForFieldName('left');
    if (!left) continue;
    for (const t of left.namedChildren) {
      const u = unparen(t);
      if (!u || u.type !== 'selector_expression') continue;
      const field = u.childForFieldName('field')?.text;
      if (!field || !fields.includes(field)) continue;
      const operand = selectorPath(u.childForFieldName('operand'));
      if (operand && operand.join('.') === want) out.add(field);
    }
  }
  return out;
}

/** The enclosing function node, or the root for package-level code. */
export function scopeOf(node: Node, root: Node): Node {
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.type)) return p;
  return root;
}

/**
 * The condition text of each `if` / `switch` guarding `node` within its function (innermost first):
 * the if condition when `node` lies in its consequence or else branch, the switch tag plus case
 * values when it lies in a case body.
 */
export function guardConditions(node: Node): string[] {
  const out: string[] = [];
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (FUNCTION_TYPES.has(p.type)) break;
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      if (cond && !(child.startIndex >= cond.startIndex && child.endIndex <= cond.endIndex)) out.push(cond.text);
    } else if (p.type === 'expression_case' || p.type === 'type_case' || p.type === 'communication_case' || p.type === 'default_case') {
      const sw = p.parent;
      const tag = sw?.childForFieldName('value')?.text ?? '';
      const vals = p.childForFieldName('value')?.text ?? '';
      out.push(`${tag} ${vals}`.trim() || 'case');
    }
  }
  return out;
}

/** Splits an identifier or key into lower-case words: `APIKeyFile` -> api key file, `db_pass-word` -> db pass word. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s.length) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Field assignments of one statement, paired with their values: `a.F, b.G = x, y` →
 * [{target: a.F, field: 'F', value: x}, …]. Multi-value forms (`a.F, err = f()`) have no pairing and give none.
 */
export function fieldAssignments(stmt: Node): { target: Node; field: string; value: Node }[] {
  const left = stmt.childForFieldName('left')?.namedChildren ?? [];
  const right = stmt.childForFieldName('right')?.namedChildren ?? [];
  if (left.length !== right.length) return [];
  const out: { target: Node; field: string; value: Node }[] = [];
  left.forEach((t, i) => {
    const l = unparen(t);
    const field = l?.type === 'selector_expression' ? l.childForFieldName('field')?.text : undefined;
    const value = right[i];
    if (l && field && value) out.push({ target: l, field, value });
  });
  return out;
}
