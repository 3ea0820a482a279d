/**
 * Where the *http.Request handed to a client comes from, without type information: the method and the context it
 * was built with. Followed: http.NewRequest / NewRequestWithContext, req.WithContext(ctx) / req.Clone(ctx), a wrapper
 * taking both results of one of them (`must(http.NewRequest(…))`: the only thing such a call can pass on is the
 * request), and local variables (the values that can reach the use, the last one that is assigned on every path
 * first). Anything else (a parameter, a field, another constructor) is unknown.
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, callArgs, closest, contains, enclosingFunction, FUNCTION_TYPES, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { evalConst } from './const-eval.js';
import { openExits } from './must-reach.js';
import { denotes, reachingValues, resolveBinding, unconditionalFor, usesOf } from './security-bindings.js';
import type { Binding } from './security-bindings.js';

export interface RequestOrigin {
  /** The method argument of the constructor; null when unknown (`param.WithContext(ctx)`: only the context is known). */
  method: Node | null;
  /** The context argument the request ends up with; null for http.NewRequest (context.Background). */
  ctx: Node | null;
}

const MAX_DEPTH = 6;

/** Whether `req.Method = …` is assigned anywhere: the constructor's method is then not the one sent. */
function methodReassigned(b: Binding): boolean {
  return usesOf(b).some((u) => {
    const sel = u.parent;
    if (sel?.type !== 'selector_expression' || sel.childForFieldName('field')?.text !== 'Method') return false;
    const list = sel.parent;
    const stmt = list?.parent;
    return list?.type === 'expression_list' && stmt?.type === 'assignment_statement' && stmt.childForFieldName('left')?.id === list.id;
  });
}

function isConstructor(ctx: RuleContext, call: Node | null): boolean {
  return call?.type === 'call_expression' && ctx.isCallTo(call, 'net/http', 'NewRequest', 'NewRequestWithContext');
}

/** The origins of request expression `expr`, or undefined when one of them is unknown. */
export function requestOrigins(ctx: RuleContext, expr: Node | null | undefined, depth = 0): RequestOrigin[] | undefined {
  const e = unparen(expr);
  if (!e || depth > MAX_DEPTH) return undefined;
  if (e.type === 'identifier') {
    const b = resolveBinding(e.text, e, ctx.root);
    if (b.kind !== 'var' || methodReassigned(b)) return undefined;
    const values = reachingValues(b, e);
    if (!values.length) return undefined;
    const out: RequestOrigin[] = [];
    // from the nearest value back: an earlier value only matters through the later ones until one is assigned on every path
    for (let i = values.length - 1; i >= 0; i--) {
      const v = values[i]!;
      const o = requestOrigins(ctx, v.value, depth + 1);
      if (!o) return undefined;
      out.push(...o);
      if (v.op === '=' && (v.stmt.id === b.decl?.id || unconditionalFor(v.stmt, e, b.name))) break;
    }
    return out;
  }
  if (e.type !== 'call_expression') return undefined;
  const args = callArgs(e);
  if (ctx.isCallTo(e, 'net/http', 'NewRequest')) return args[0] ? [{ method: args[0], ctx: null }] : undefined;
  if (ctx.isCallTo(e, 'net/http', 'NewRequestWithContext')) return args[1] ? [{ method: args[1], ctx: args[0]! }] : undefined;
  const fn = unparen(e.childForFieldName('function'));
  if (fn?.type === 'selector_expression' && args.length === 1 && ['WithContext', 'Clone'].includes(fn.childForFieldName('field')?.text ?? '')) {
    const inner = requestOrigins(ctx, fn.childForFieldName('operand'), depth + 1) ?? [{ method: null, ctx: null }];
    return inner.map((o) => ({ method: o.method, ctx: args[0]! }));
  }
  // must(http.NewRequest(…)): a call taking both results of the constructor
  if (args.length === 1 && isConstructor(ctx, unparen(args[0]))) return requestOrigins(ctx, args[0], depth + 1);
  return undefined;
}

/**
 * Whether a method expression is HEAD: the string "HEAD" (through constants and variables assigned once),
 * http.MethodHead, or a constant of another package named HEAD or MethodHead (an HTTP-method constant set, whose value
 * a file-level rule cannot read).
 */
export function isHeadMethod(ctx: RuleContext, method: Node | null): boolean {
  const v = method ? evalConst(ctx, method) : undefined;
  if (v?.kind === 'string') return v.value === 'HEAD';
  return v?.kind === 'pkg-const' && (v.name === 'MethodHead' || v.name === 'HEAD');
}

const CANCEL_FUNCS = ['WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause'];

/** The statement holding `node` that a path analysis visits: in a block, or the init statement of an if/switch/for. */
export function simpleStatementOf(node: Node): Node | undefined {
  for (let p: Node | null = node; p?.parent; p = p.parent) {
    const up: Node = p.parent;
    if (up.type === 'block' || up.type === 'statement_list') return p;
    if (/^(if|expression_switch|type_switch)_statement$|^for_clause$/.test(up.type) && up.childForFieldName('initializer')?.id === p.id) return p;
    if (up.type === 'func_literal' || up.type === 'function_declaration' || up.type === 'method_declaration') return undefined;
  }
  return undefined;
}

/**
 * Whether context expression `c` (the context a request is built with) is cancelled by the time the function holding
 * `at` (the client call) returns: every value of `c` reaching its use comes from context.WithCancel/WithTimeout/
 * WithDeadline (…Cause) in a statement binding a cancel variable, and that very variable is deferred — `defer
 * cancel()` earlier in a block enclosing the client call, holding the same values, with no loop around the client call
 * in this function (a loop would pile up requests until the return) — or called on every path from the client call to
 * the function's exits.
 */
export function cancelledOnReturn(ctx: RuleContext, c: Node, at: Node): boolean {
  const e = unparen(c);
  if (e?.type !== 'identifier') return false;
  const b = resolveBinding(e.text, e, ctx.root);
  if (b.kind !== 'var') return false;
  const values = reachingValues(b, e);
  if (!values.length) return false;
  let cancel: Binding | undefined;
  const calls = new Set<number>();
  for (const v of values) {
    const call = unparen(v.value);
    if (call?.type !== 'call_expression' || !ctx.isCallTo(call, 'context', ...CANCEL_FUNCS)) return false;
    const names = assignedNames(v.stmt);
    const target = names[1];
    if (target?.type !== 'identifier' || target.text === '_' || names[0]?.text !== b.name) return false;
    const cb = resolveBinding(target.text, target, ctx.root);
    if (!cb.declName || (cancel && cancel.declName!.id !== cb.declName.id)) return false;
    cancel = cb;
    calls.add(call.id);
  }
  if (!cancel) return false;
  const fn = enclosingFunction(at);
  if (!fn) return false;
  const sameValues = (use: Node) => reachingValues(cancel!, use).every((v) => calls.has(unparen(v.value)?.id ?? -1));
  if (!closest(at, 'for_statement', FUNCTION_TYPES)) {
    for (const d of fn.descendantsOfType('defer_statement')) {
      if (!d || d.startIndex >= at.startIndex || enclosingFunction(d)?.id !== fn.id || !d.parent || !contains(d.parent, at)) continue;
      const call = unparen(d.namedChildren.find((n) => n?.type === 'call_expression') ?? null);
      const callee = unparen(call?.childForFieldName('function'));
      if (callee?.type === 'identifier' && callArgs(call!).length === 0 && denotes(cancel, callee) && sameValues(callee)) return true;
    }
  }
  const start = simpleStatementOf(at);
  if (!start) return false;
  const cb = cancel;
  const callsCancel = (n: Node) => n.descendantsOfType('call_expression').some((k) => {
    const callee = unparen(k?.childForFieldName('function'));
    return callee?.type === 'identifier' && denotes(cb, callee);
  });
  const r = openExits({ start, discharges: callsCancel, repeatLoops: true });
  return r.analysed && !r.fallsOffEnd && !r.restartsOpen && r.returns.length === 0;
}
