/** Recognises *http.Client values and the calls that return an *http.Response, syntactically. */
import type { Node } from 'web-tree-sitter';
import { unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { exprDeclaredAs, isQualifiedType } from './declared-type.js';

/** Whether a type text is `http.Client` or `*http.Client` for a local name of net/http. */
export function isHTTPClientTypeText(ctx: RuleContext, type: string): boolean {
  return isQualifiedType(ctx, type, 'net/http', ['Client']);
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

/**
 * Whether receiver expression `recv` (of a `recv.Do(...)` call at `at`) is an http client:
 * `http.DefaultClient`, a parameter/local/package variable declared or initialised as one, or
 * a field whose every declaration in this file has type http.Client / *http.Client.
 */
export function isHTTPClientExpr(ctx: RuleContext, recv: Node, at: Node): boolean {
  return exprDeclaredAs(ctx, recv, at, {
    type: (t) => isHTTPClientTypeText(ctx, t),
    value: (e) => isHTTPClientValue(ctx, e),
  });
}

const PKG_FUNCS = ['Get', 'Post', 'Head', 'PostForm'];
const CLIENT_METHODS = new Set(['Do', 'Get', 'Post', 'Head', 'PostForm']);

/**
 * When `call` returns an *http.Response (http.Get/Post/Head/PostForm, or Do/Get/Post/Head/PostForm
 * on a recognised client), a short description of it (`http.Get`, `client.Do`); otherwise undefined.
 */
export function httpResponseCall(ctx: RuleContext, call: Node): string | undefined {
  if (ctx.isCallTo(call, 'net/http', ...PKG_FUNCS)) {
    return `http.${unparen(call.childForFieldName('function'))?.childForFieldName('field')?.text ?? 'Get'}`;
  }
  const fn = unparen(call.childForFieldName('function'));
  if (!fn || fn.type !== 'selector_expression') return undefined;
  const method = fn.childForFieldName('field')?.text;
  const recv = fn.childForFieldName('operand');
  if (!method || !CLIENT_METHODS.has(method) || !recv) return undefined;
  // http.Get is a package function, handled above; a package operand is never a client
  const op = unparen(recv);
  if (op?.type === 'identifier' && ctx.imports.pathOf(op.text) && !ctx.isShadowed(op.text, op)) return undefined;
  return isHTTPClientExpr(ctx, recv, call) ? `${recv.text}.${method}` : undefined;
}
