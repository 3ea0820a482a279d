/** Recognises *http.Client values syntactically (params, locals, package vars, struct fields of one file). */
import type { Node } from 'web-tree-sitter';
import { assignedNames, assignedValues, parameters, unparen, FUNCTION_TYPES } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';

/** Whether a type text is `http.Client` or `*http.Client` for a local name of net/http. */
export function isHTTPClientTypeText(ctx: RuleContext, type: string): boolean {
  const m = /^\*?\s*([A-Za-z_]\w*)\.Client$/.exec(type.trim());
  return !!m && ctx.imports.pathOf(m[1]!) === 'net/http';
}

/** Whether an expression certainly evaluates to an http client: &http.Client{}, http.Client{}, http.DefaultClient. */
export function isHTTPClientValue(ctx: RuleContext, expr: Node | null | undefined): boolean {
  let e = unparen(expr);
  if (!e) return false;
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '&') e = unparen(e.childForFieldName('operand'));
  if (!e) return false;
  if (e.type === 'composite_literal') {
    const t = e.childForFieldName('type');
    return !!t && isHTTPClientTypeText(ctx, t.text);
  }
  if (e.type === 'selector_expression') {
    const op = unparen(e.childForFieldName('operand'));
    return e.childForFieldName('field')?.text === 'DefaultClient' && op?.type === 'identifier' && ctx.isPackageRef(op, 'net/http');
  }
  return false;
}

/** Type (or initial value) of variable `name` from a declaration node, judged as http client. */
function declaresClient(ctx: RuleContext, decl: Node, name: string): boolean | undefined {
  const names = assignedNames(decl);
  const i = names.findIndex((n) => n.text === name);
  if (i < 0) return undefined;
  if (decl.type === 'var_spec') {
    const t = decl.childForFieldName('type');
    if (t) return isHTTPClientTypeText(ctx, t.text);
  }
  const values = assignedValues(decl);
  return values.length === names.length ? isHTTPClientValue(ctx, values[i]) : false;
}

/**
 * Whether receiver expression `recv` (of a `recv.Do(...)` call at `at`) is an http client:
 * `http.DefaultClient`, a parameter/local/package variable declared or initialised as one, or
 * a field whose every declaration in this file has type http.Client / *http.Client.
 */
export function isHTTPClientExpr(ctx: RuleContext, recv: Node, at: Node): boolean {
  const r = unparen(recv);
  if (!r) return false;
  if (r.type === 'selector_expression') {
    if (isHTTPClientValue(ctx, r)) return true;
    const field = r.childForFieldName('field')?.text;
    if (!field) return false;
    let seen = false;
    for (const fd of ctx.root.descendantsOfType('field_declaration')) {
      if (!fd || !fd.childrenForFieldName('name').some((n) => n?.text === field)) continue;
      const t = fd.childForFieldName('type');
      if (!t || !isHTTPClientTypeText(ctx, t.text)) return false;
      seen = true;
    }
    return seen;
  }
  if (r.type !== 'identifier') return false;
  const name = r.text;
  // innermost declaration wins: walk enclosing functions outwards
  for (let p = at.parent; p; p = p.parent) {
    if (!FUNCTION_TYPES.has(p.type)) continue;
    let verdict: boolean | undefined;
    const body = p.childForFieldName('body');
    if (body) {
      for (const d of body.descendantsOfType(['short_var_declaration', 'var_spec'])) {
        if (!d || d.startIndex > at.startIndex) continue;
        const v = declaresClient(ctx, d, name);
        if (v !== undefined) verdict = v;
      }
    }
    if (verdict !== undefined) return verdict;
    const param = parameters(p).find((x) => x.name === name);
    if (param) return isHTTPClientTypeText(ctx, param.type);
  }
  for (const decl of ctx.root.namedChildren) {
    if (decl?.type !== 'var_declaration') continue;
    for (const spec of decl.descendantsOfType('var_spec')) {
      const v = spec && declaresClient(ctx, spec, name);
      if (v !== undefined && v !== null) return v;
    }
  }
  return false;
}
