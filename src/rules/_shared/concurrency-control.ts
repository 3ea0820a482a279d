/**
 * Control-flow helpers for concurrency rules: loops and their exits, terminating statements,
 * channel capacities. Purely syntactic and intra-procedural; every helper is conservative in
 * the direction that avoids false positives (when unsure, a loop "can exit").
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, callArgs, enclosingDeclaredFunction, functionName, FUNCTION_TYPES, intValue, parameters, unparen } from '../../go/ast.js';
import { goVersionAtLeast, type RuleContext } from '../define-rule.js';
import { evalConst } from './const-eval.js';
import { assignedValuesOf, resolveBinding, usesOf } from './security-bindings.js';
import { isExitCall } from './exit-calls.js';

/** Statements that `break` (without label) leaves. */
const BREAKABLE = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/** The body block of a for statement. */
export function loopBody(loop: Node): Node | null {
  return loop.childForFieldName('body');
}

/** `for {}` or `for ;; {}` (with optional init/post): no condition, no range. */
export function isUnconditionalLoop(loop: Node): boolean {
  if (loop.type !== 'for_statement') return false;
  const body = loopBody(loop);
  for (const c of loop.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (body && c.startIndex === body.startIndex) continue;
    if (c.type === 'range_clause') return false;
    if (c.type === 'for_clause') {
      if (c.childForFieldName('condition')) return false;
      continue;
    }
    return false; // a bare condition
  }
  return true;
}

/** The range clause of a for statement, if any. */
export function rangeClause(loop: Node): Node | null {
  for (const c of loop.namedChildren) if (c?.type === 'range_clause') return c;
  return null;
}

/** The largest constant iteration bound counted as small (a handful of resources held at once). */
export const SMALL_LOOP_BOUND = 32;

/**
 * How a loop bounds the number of its iterations on purpose, or undefined: a counting loop to a small constant
 * (`for i := 0; i < 3; i++`, at most SMALL_LOOP_BOUND), or a loop that collects until it has as many as asked for
 * (`for len(ports) < count { …; ports = append(ports, p) }`: each iteration depends on what the earlier ones keep).
 * A range over a literal of at most SMALL_LOOP_BOUND elements (written in place, or bound once by `:=` in the same
 * function and never changed before the loop: `conns := map[string]*sql.DB{"rw": rw, "ro": ro}`) is bounded too.
 * Other range loops, endless loops and other conditions (`i < n`) give undefined.
 */
export function intendedLoopBound(ctx: RuleContext, loop: Node): string | undefined {
  if (loop.type !== 'for_statement') return undefined;
  const range = rangeClause(loop);
  if (range) return smallLiteralRange(ctx, loop, range);
  const body = loopBody(loop);
  const clause = loop.namedChildren.find((c) => c?.type === 'for_clause');
  const cond = unparen(clause ? clause.childForFieldName('condition') : loop.namedChildren.find((c) => !!c && c.type !== 'comment' && c.id !== body?.id));
  if (cond?.type !== 'binary_expression' || !body) return undefined;
  const op = cond.childForFieldName('operator')?.text;
  const upper = op === '<' || op === '<=';
  if (!upper && op !== '>' && op !== '>=') return undefined;
  const counter = unparen(cond.childForFieldName(upper ? 'left' : 'right'));
  const v = evalConst(ctx, cond.childForFieldName(upper ? 'right' : 'left'));
  if (v?.kind === 'int' && v.value <= SMALL_LOOP_BOUND) return `at most ${v.value} iterations`;
  // len(xs) < n, where the body appends to xs
  if (counter?.type !== 'call_expression' || unparen(counter.childForFieldName('function'))?.text !== 'len') return undefined;
  const coll = unparen(callArgs(counter)[0]);
  if (!coll) return undefined;
  const appends = body.descendantsOfType('call_expression').some((c) =>
    !!c && unparen(c.childForFieldName('function'))?.text === 'append' && unparen(callArgs(c)[0])?.text === coll.text);
  return appends ? `collects until len(${coll.text}) reaches its bound` : undefined;
}

/** `for … range <literal of at most SMALL_LOOP_BOUND elements>`, directly or through a local bound once to it. */
function smallLiteralRange(ctx: RuleContext, loop: Node, range: Node): string | undefined {
  let over = unparen(range.childForFieldName('right'));
  if (over?.type === 'identifier') over = literalBoundOnce(ctx, loop, over) ?? null;
  if (over?.type !== 'composite_literal') return undefined;
  const body = over.childForFieldName('body');
  const n = body?.namedChildren.filter((c) => !!c && c.type !== 'comment').length ?? Infinity;
  return n <= SMALL_LOOP_BOUND ? `ranges over a literal of ${n} element${n === 1 ? '' : 's'}` : undefined;
}

/**
 * The composite literal the local `ident` ranges over, when its `:=` declaration is its only assignment (shared
 * bindings: scopes, not names) and nothing touches it between there and the loop (no append, index write, call).
 */
function literalBoundOnce(ctx: RuleContext, loop: Node, ident: Node): Node | undefined {
  const b = resolveBinding(ident.text, ident, ctx.root);
  if (b.kind !== 'var' || b.decl?.type !== 'short_var_declaration') return undefined;
  const values = assignedValuesOf(b);
  const v = values.length === 1 ? unparen(values[0]!.value) : null;
  if (v?.type !== 'composite_literal') return undefined;
  return usesOf(b).some((u) => u.startIndex < loop.startIndex) ? undefined : v;
}

/** The label attached to a statement (`L: for ...`), if any. */
export function labelOf(stmt: Node): string | undefined {
  const p = stmt.parent;
  if (p?.type === 'labeled_statement') return p.childForFieldName('label')?.text ?? p.namedChild(0)?.text;
  return undefined;
}

/** Label name of a break/continue/goto statement, if written. */
export function jumpLabel(stmt: Node): string | undefined {
  for (const c of stmt.namedChildren) if (c?.type === 'label_name') return c.text;
  return undefined;
}

/** Whether the labelled statement named `label` lies inside `scope` (strictly below it). */
function labelDefinedWithin(scope: Node, label: string): boolean {
  for (const l of scope.descendantsOfType('labeled_statement')) {
    if (!l) continue;
    const name = l.childForFieldName('label')?.text ?? l.namedChild(0)?.text;
    if (name === label) return true;
  }
  return false;
}

/** Nodes of `types` inside `scope`, skipping nested function literals. */
export function descendantsNoFunc(scope: Node, types: string[]): Node[] {
  return scope.descendantsOfType(types).filter((n): n is Node => !!n && !insideFuncBelow(n, scope));
}

/** Whether a function node lies strictly between `n` and its ancestor `scope`. */
export function insideFuncBelow(n: Node, scope: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === scope.id) return false;
    if (FUNCTION_TYPES.has(p.type)) return true;
  }
  return false;
}

/** Whether a `break` statement (unlabelled or labelled) leaves `loop`. */
export function breakLeaves(brk: Node, loop: Node): boolean {
  const label = jumpLabel(brk);
  if (label) {
    // a labelled break leaves the loop unless the label is on a statement nested inside it
    const body = loopBody(loop);
    return !(body && labelDefinedWithin(body, label));
  }
  for (let p = brk.parent; p; p = p.parent) {
    if (p.id === loop.id) return true;
    if (BREAKABLE.has(p.type) || FUNCTION_TYPES.has(p.type)) return false;
  }
  return false;
}

/**
 * Whether control can leave `loop` other than by its condition: a return, a break leaving it,
 * a goto, or a call ending the goroutine/process, anywhere in its body (nested function
 * literals excluded). With `countExitCalls` false, panics and process exits do not count
 * (the caller asks whether the function can return normally).
 */
export function loopHasExit(loop: Node, countExitCalls = true): boolean {
  const body = loopBody(loop);
  if (!body) return true;
  for (const n of descendantsNoFunc(body, ['return_statement', 'break_statement', 'continue_statement', 'goto_statement', 'call_expression'])) {
    if (n.type === 'return_statement' || n.type === 'goto_statement') return true;
    if (n.type === 'break_statement' && breakLeaves(n, loop)) return true;
    // `continue outer` naming an enclosing loop leaves this one
    if (n.type === 'continue_statement' && leavesLoop(n, loop)) return true;
    if (countExitCalls && n.type === 'call_expression' && isExitCall(n)) return true;
  }
  return false;
}

/** Whether executing this statement leaves `loop` (return, break/continue out of it, goto, exit). */
export function leavesLoop(stmt: Node, loop: Node): boolean {
  switch (stmt.type) {
    case 'return_statement':
    case 'goto_statement':
      return true;
    case 'break_statement':
      return breakLeaves(stmt, loop);
    case 'continue_statement': {
      // an unlabelled continue, or one naming this loop or a loop nested in it, keeps iterating it
      const label = jumpLabel(stmt);
      if (!label || label === labelOf(loop)) return false;
      const body = loopBody(loop);
      return !(body && labelDefinedWithin(body, label));
    }
    case 'expression_statement': {
      const call = stmt.namedChild(0);
      return !!call && call.type === 'call_expression' && isExitCall(call);
    }
    case 'block': {
      const inner = stmt.namedChildren.find((c) => c?.type === 'statement_list');
      const last = inner?.namedChildren.filter((c) => c && c.type !== 'comment').at(-1);
      return !!last && leavesLoop(last, loop);
    }
    case 'if_statement': {
      const cons = stmt.childForFieldName('consequence');
      const alt = stmt.childForFieldName('alternative');
      return !!cons && !!alt && leavesLoop(cons, loop) && leavesLoop(alt, loop);
    }
    default:
      return false;
  }
}

/** Statements of a select/switch case body. */
export function caseStatements(clause: Node): Node[] {
  const out: Node[] = [];
  for (const c of clause.namedChildren) {
    if (!c) continue;
    if (c.type === 'statement_list') {
      for (const s of c.namedChildren) if (s && s.type !== 'comment') out.push(s);
    }
  }
  return out;
}

/** The cases (communication_case / default_case) of a select statement. */
export function selectCases(sel: Node): Node[] {
  return sel.namedChildren.filter((c): c is Node => !!c && (c.type === 'communication_case' || c.type === 'default_case'));
}

/**
 * Capacity of a `make(chan T[, n])` call: 0 when unbuffered, n when a literal, undefined when
 * not a channel make or the capacity is not a literal.
 */
export function chanMakeCapacity(call: Node | null | undefined): number | undefined {
  const c = unparen(call);
  if (!c || c.type !== 'call_expression') return undefined;
  const fn = unparen(c.childForFieldName('function'));
  if (!fn || fn.type !== 'identifier' || fn.text !== 'make') return undefined;
  const args = callArgs(c);
  if (!args[0] || args[0].type !== 'channel_type') return undefined;
  if (args.length === 1) return 0;
  return intValue(args[1]);
}

/**
 * The body of the function a `go` statement runs: the func literal, or a same-file
 * function (`go worker(...)`) or a uniquely named same-file method (`go s.loop()`).
 */
export function goTargetBody(ctx: RuleContext, goStmt: Node): { body: Node; fn: Node; literal: boolean } | undefined {
  const call = goStmt.namedChildren.find((c) => c && c.type === 'call_expression');
  if (!call) return undefined;
  const fn = unparen(call.childForFieldName('function'));
  if (!fn) return undefined;
  if (fn.type === 'func_literal') {
    const body = fn.childForFieldName('body');
    return body ? { body, fn, literal: true } : undefined;
  }
  let entry;
  if (fn.type === 'identifier') {
    if (ctx.isShadowed(fn.text, fn)) return undefined;
    entry = ctx.functions.func(fn.text);
  } else if (fn.type === 'selector_expression') {
    const method = ctx.resolveCall(call);
    if (!method?.recv) return undefined;
    const methods = ctx.functions.methods(method.name);
    if (methods.length === 1) entry = methods[0];
  }
  const body = entry?.node.childForFieldName('body');
  return entry && body ? { body, fn: entry.node, literal: false } : undefined;
}

/**
 * Whether the go statement starts a worker meant to live as long as the process: started from func init, from
 * func main of a main package, or inside a sync.Once callback.
 */
export function startedForProcessLifetime(ctx: RuleContext, stmt: Node): boolean {
  const starter = functionName(enclosingDeclaredFunction(stmt));
  return starter === 'init' || (ctx.file.isMain && starter === 'main') || startedOnce(stmt);
}

/** Whether the go statement runs inside a func literal passed to `x.Do(...)` (sync.Once): a singleton worker. */
function startedOnce(stmt: Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.type !== 'func_literal') continue;
    const args = p.parent;
    const call = args?.type === 'argument_list' ? args.parent : null;
    const fn = call?.type === 'call_expression' ? unparen(call.childForFieldName('function')) : null;
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Do') return true;
  }
  return false;
}

/** Whether a function literal declares its own `name` (a parameter, or a variable in its body): another variable than the outer one. */
export function funcLiteralDeclares(lit: Node, name: string): boolean {
  if (parameters(lit).some((p) => p.name === name)) return true;
  const body = lit.childForFieldName('body');
  return !!body && body.descendantsOfType(['short_var_declaration', 'var_spec', 'range_clause']).some((d) => !!d && assignedNames(d).some((n) => n.text === name));
}

/** Whether the file's Go version (1.23 or later) garbage-collects timers and tickers once unreferenced, stopped or not. */
export function timersCollectedUnreferenced(ctx: RuleContext): boolean {
  return goVersionAtLeast(ctx.file.goVersion, 1, 23);
}

