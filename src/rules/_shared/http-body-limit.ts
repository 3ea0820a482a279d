/**
 * Whether a Go file limits incoming request bodies: a handler-level http.MaxBytesReader (it takes the
 * ResponseWriter: server side only), an http.MaxBytesHandler middleware, or a LimitReader over the Body of a value
 * that is not visibly an HTTP *response*. `io.LimitReader(resp.Body, n)` on what a client received (declared
 * *http.Response, or the result of a client call: Do, Get, Head, Post, PostForm, RoundTrip) limits nothing a
 * request sends, so it does not count. On request (bodyHelpers), a LimitReader over a parameter counts when a call of its function in the same
 * file passes it a request's Body (a helper buffering request bodies with a cap).
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, calleeName, enclosingDeclaredFunction, functionName, parameterNames, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { exprDeclaredAs, isQualifiedType } from './declared-type.js';

const SERVER_LIMIT = /\bMaxBytesReader\b|\bMaxBytesHandler\b/;
/** Text prefilter for a limit reader over some value's Body. */
const LIMIT_READER_OVER_BODY = /\bLimitReader\(\s*[\w.]+\.Body\b/;
/** Methods of HTTP clients that return a response (net/http, retryablehttp, resty-style wrappers). */
const CLIENT_CALLS = new Set(['Do', 'Get', 'Head', 'Post', 'PostForm', 'RoundTrip']);

function isClientCall(e: Node): boolean {
  const u = unparen(e);
  if (u?.type !== 'call_expression') return false;
  const fn = unparen(u.childForFieldName('function'));
  return fn?.type === 'selector_expression' && CLIENT_CALLS.has(fn.childForFieldName('field')?.text ?? '');
}

/** Whether `x` (the operand of `x.Body`) is visibly an HTTP response: declared *http.Response or returned by a client call. */
function isResponse(ctx: RuleContext, x: Node, at: Node): boolean {
  return exprDeclaredAs(ctx, x, at, { type: (t) => isQualifiedType(ctx, t, 'net/http', ['Response']), value: isClientCall });
}

/** `x.Body` where x is not visibly an HTTP response. */
function requestBodyExpr(ctx: RuleContext, e: Node | null | undefined, at: Node): boolean {
  const body = unparen(e);
  if (body?.type !== 'selector_expression' || body.childForFieldName('field')?.text !== 'Body') return false;
  const x = body.childForFieldName('operand');
  return !!x && !isResponse(ctx, x, at);
}

/**
 * `io.LimitReader(body, n)` where body is a parameter of the enclosing function and a call of that function in this
 * file hands it a request's Body (`r.Body = copyBody(r.Body, limit)`): a helper that buffers request bodies capped.
 */
function limitsBodyParameter(ctx: RuleContext, call: Node, arg: Node | null | undefined): boolean {
  const p = unparen(arg);
  if (p?.type !== 'identifier') return false;
  const fn = enclosingDeclaredFunction(call);
  const name = functionName(fn);
  if (!fn || !name) return false;
  const index = parameterNames(fn).indexOf(p.text);
  if (index < 0) return false;
  for (const c of ctx.root.descendantsOfType('call_expression')) {
    if (!c || calleeName(c) !== name || fn.startIndex <= c.startIndex && c.endIndex <= fn.endIndex) continue;
    if (requestBodyExpr(ctx, callArgs(c)[index], c)) return true;
  }
  return false;
}

/**
 * Whether the file limits request bodies; `bodyHelpers` also counts a LimitReader over a parameter fed a request's
 * Body (limitsBodyParameter; SEC1020 since the 2026-12-29 record).
 */
export function limitsRequestBody(ctx: RuleContext, opts: { bodyHelpers?: boolean } = {}): boolean {
  if (SERVER_LIMIT.test(ctx.source)) return true;
  const overBody = LIMIT_READER_OVER_BODY.test(ctx.source);
  if (!overBody && !(opts.bodyHelpers && /\bLimitReader\(/.test(ctx.source) && /\.Body\b/.test(ctx.source))) return false;
  for (const call of ctx.root.descendantsOfType('call_expression')) {
    const fn = unparen(call?.childForFieldName('function'));
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
    if (!call || name !== 'LimitReader') continue;
    const arg = callArgs(call)[0];
    if (requestBodyExpr(ctx, arg, call) || (opts.bodyHelpers && limitsBodyParameter(ctx, call, arg))) return true;
  }
  return false;
}
