/**
 * "Is this expression of type T?" without a type checker: an identifier is judged by its innermost
 * declaration (local var/:=, parameter, then package-level var of the file), a selector `x.f` by
 * every declaration of field `f` in the file. Conservative: unknown means no.
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, assignedValues, parameters, unparen, FUNCTION_TYPES } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';

export interface DeclaredTypeTest {
  /** Whether a written type (parameter, var, field) is T, e.g. `*sql.DB`. */
  type(text: string): boolean;
  /** Whether an initial value certainly has type T (`&http.Client{}`, the first result of `sql.Open(...)`). */
  value?(expr: Node): boolean;
}

/** Whether a type text is `pkg.Name` or `*pkg.Name` for a local name of import `pkgPath`, Name one of `names`. */
export function isQualifiedType(ctx: RuleContext, type: string, pkgPath: string, names: string[]): boolean {
  const m = /^\*?\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(type.trim());
  return !!m && names.includes(m[2]!) && ctx.imports.pathOf(m[1]!) === pkgPath;
}

/**
 * The written type of the first result of a call to a function declared in this file (`newClient()`,
 * `mkClient[http.Client]()`), with a type parameter in the result replaced by the call's type argument
 * (`func mk[T any]() *T` called as `mk[http.Client]()` gives `*http.Client`); undefined otherwise.
 */
export function localCallResultType(ctx: RuleContext, expr: Node): string | undefined {
  const call = unparen(expr);
  if (call?.type !== 'call_expression') return undefined;
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'identifier' || ctx.isShadowed(fn.text, call)) return undefined;
  const decl = ctx.functions.func(fn.text)?.node;
  const result = decl?.childForFieldName('result');
  if (!decl || !result) return undefined;
  let type = result.type === 'parameter_list'
    ? result.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type')?.text
    : result.text;
  if (!type) return undefined;
  const params = (decl.childForFieldName('type_parameters')?.namedChildren ?? [])
    .flatMap((p) => (p ? p.childrenForFieldName('name').map((n) => n?.text ?? '') : []));
  if (params.length) {
    const args = call.childForFieldName('type_arguments')?.namedChildren.map((a) => a?.text ?? '') ?? [];
    if (args.length !== params.length) return params.some((p) => new RegExp(`\\b${p}\\b`).test(type!)) ? undefined : type;
    const m = /^(\*?)\s*([A-Za-z_]\w*)$/.exec(type);
    const at = m ? params.indexOf(m[2]!) : -1;
    if (at >= 0) type = `${m![1]}${args[at]}`;
    else if (params.some((p) => new RegExp(`\\b${p}\\b`).test(type!))) return undefined;
  }
  return type;
}

/** Verdict of one declaration node for variable `name`: undefined when it does not declare it. */
function declares(ctx: RuleContext, decl: Node, name: string, test: DeclaredTypeTest): boolean | undefined {
  const names = assignedNames(decl);
  const i = names.findIndex((n) => n.text === name);
  if (i < 0) return undefined;
  if (decl.type === 'var_spec') {
    const t = decl.childForFieldName('type');
    if (t) return test.type(t.text);
  }
  const values = assignedValues(decl);
  const value = values.length === names.length ? values[i] : values.length === 1 && i === 0 ? values[0] : undefined;
  if (!value) return false;
  // `db, err := sql.Open(...)`: the first result of a tuple-returning call
  if (test.value?.(value)) return true;
  // `c := newClient()`: the declared result of a function of this file
  const t = localCallResultType(ctx, value);
  return t !== undefined && test.type(t);
}

/** Whether expression `expr` (used at `at`) is declared or initialised with type T (see the module comment). */
export function exprDeclaredAs(ctx: RuleContext, expr: Node, at: Node, test: DeclaredTypeTest): boolean {
  const r = unparen(expr);
  if (!r) return false;
  if (r.type === 'selector_expression') {
    if (test.value?.(r)) return true;
    const field = r.childForFieldName('field')?.text;
    if (!field) return false;
    let seen = false;
    for (const fd of ctx.root.descendantsOfType('field_declaration')) {
      if (!fd || !fd.childrenForFieldName('name').some((n) => n?.text === field)) continue;
      const t = fd.childForFieldName('type');
      if (!t || !test.type(t.text)) return false;
      seen = true;
    }
    return seen;
  }
  if (r.type !== 'identifier') return test.value?.(r) ?? false;
  const name = r.text;
  // innermost declaration wins: walk enclosing functions outwards
  for (let p = at.parent; p; p = p.parent) {
    if (!FUNCTION_TYPES.has(p.type)) continue;
    let verdict: boolean | undefined;
    const body = p.childForFieldName('body');
    if (body) {
      for (const d of body.descendantsOfType(['short_var_declaration', 'var_spec'])) {
        if (!d || d.startIndex > at.startIndex) continue;
        const v = declares(ctx, d, name, test);
        if (v !== undefined) verdict = v;
      }
    }
    if (verdict !== undefined) return verdict;
    const param = parameters(p).find((x) => x.name === name);
    if (param) return test.type(param.type);
  }
  for (const decl of ctx.root.namedChildren) {
    if (decl?.type !== 'var_declaration') continue;
    for (const spec of decl.descendantsOfType('var_spec')) {
      if (!spec) continue;
      const v = declares(ctx, spec, name, test);
      if (v !== undefined) return v;
    }
  }
  return false;
}
