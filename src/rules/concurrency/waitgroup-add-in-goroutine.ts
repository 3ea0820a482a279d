import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { blockStatements, callArgs, FUNCTION_TYPES, parameterNames, parameters, selectorPath, unparen } from '../../go/ast.js';
import { funcLiteralDeclares, goTargetBody, insideFuncBelow } from '../_shared/concurrency-control.js';

/** `recv.method(...)` → receiver text, for a call statement (optionally deferred). */
function methodCall(call: Node | null | undefined, method: string): string | undefined {
  const c = unparen(call);
  if (!c || c.type !== 'call_expression') return undefined;
  const fn = unparen(c.childForFieldName('function'));
  if (!fn || fn.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== method) return undefined;
  const recv = unparen(fn.childForFieldName('operand'));
  if (!recv || (recv.type !== 'identifier' && recv.type !== 'selector_expression')) return undefined;
  return recv.text;
}

/** The call of an expression statement or defer statement. */
function stmtCall(stmt: Node): Node | undefined {
  if (stmt.type !== 'expression_statement' && stmt.type !== 'defer_statement') return undefined;
  const c = unparen(stmt.namedChild(0));
  return c?.type === 'call_expression' ? c : undefined;
}

/** Whether the goroutine body calls recv.Done(): as a statement, deferred, or in a deferred closure. */
function callsDone(body: Node, recv: string): boolean {
  for (const stmt of blockStatements(body)) {
    const call = stmtCall(stmt);
    if (!call) continue;
    if (methodCall(call, 'Done') === recv) return true;
    if (stmt.type === 'defer_statement') {
      const fn = unparen(call.childForFieldName('function'));
      if (fn?.type === 'func_literal') {
        for (const inner of fn.descendantsOfType('call_expression')) if (methodCall(inner, 'Done') === recv) return true;
      }
    }
  }
  return false;
}

/**
 * Whether the goroutine still holds its count at the statement at index `at`: no Done on recv runs before it,
 * and one runs after it (deferred anywhere in the body, or a later statement).
 */
function heldUntilAfter(body: Node, recv: string, at: number): boolean {
  let after = false;
  for (const [i, stmt] of blockStatements(body).entries()) {
    if (i < at && stmt.type !== 'defer_statement' && stmt.descendantsOfType('call_expression').some((c) => !!c && methodCall(c, 'Done') === recv && !insideFuncBelow(c, stmt))) return false;
    const call = stmtCall(stmt);
    if (!call) continue;
    if (stmt.type === 'defer_statement') {
      if (methodCall(call, 'Done') === recv) after = true;
      const fn = unparen(call.childForFieldName('function'));
      if (fn?.type === 'func_literal' && fn.descendantsOfType('call_expression').some((c) => methodCall(c, 'Done') === recv)) after = true;
    } else if (i > at && methodCall(call, 'Done') === recv) after = true;
  }
  return after;
}

/** `&x` → x. */
function addressed(node: Node | undefined): Node | null {
  const n = unparen(node);
  if (n?.type === 'unary_expression' && n.childForFieldName('operator')?.text === '&') return unparen(n.childForFieldName('operand'));
  return n;
}

/**
 * The WaitGroup of the goroutine, written as the starting function sees it: a parameter of the goroutine's
 * function becomes the argument of the go call (`&wg` → wg), a method's receiver becomes the call's operand,
 * a variable a func literal captures keeps its name. Undefined when it cannot be followed.
 */
function parentReceiver(goCall: Node, fn: Node, literal: boolean, recv: string): string | undefined {
  const path = recv.split('.').map((p) => p.trim());
  const [root, ...rest] = path;
  if (!root) return undefined;
  const params = parameterNames(fn);
  const at = params.indexOf(root);
  let base: string[] | undefined;
  if (at >= 0) {
    const args = callArgs(goCall);
    if (args.length !== params.length) return undefined; // variadic or spread call: not followed
    base = selectorPath(addressed(args[at]));
  } else if (!literal && fn.type === 'method_declaration') {
    // parameters() lists the receiver first; root is no parameter here, so a first entry that matches is the receiver
    if (parameters(fn)[0]?.name !== root) return undefined;
    const callee = unparen(goCall.childForFieldName('function'));
    base = callee?.type === 'selector_expression' ? selectorPath(addressed(callee.childForFieldName('operand') ?? undefined)) : undefined;
  } else if (literal && !funcLiteralDeclares(fn, root)) {
    base = [root];
  }
  return base ? [...base, ...rest].join('.') : undefined;
}

/** Whether `recv.Add(n)` (n not negative) runs as a statement before the go statement, in its block or an enclosing one of the same function. */
function addedBefore(goStmt: Node, recv: string): boolean {
  for (let n: Node | null = goStmt; n && !FUNCTION_TYPES.has(n.type); n = n.parent) {
    for (let s = n.previousNamedSibling; s; s = s.previousNamedSibling) {
      if (s.type !== 'expression_statement') continue;
      const call = stmtCall(s);
      if (call && sameRecv(methodCall(call, 'Add'), recv) && !negativeCount(call)) return true;
    }
  }
  return false;
}

function sameRecv(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\s+/g, '') === b;
}

function negativeCount(call: Node): boolean {
  const arg = call.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment');
  return !arg || (arg.type === 'unary_expression' && arg.childForFieldName('operator')?.text === '-');
}

export default defineRule({
  meta: {
    id: 'CON1006',
    name: 'waitgroup-add-in-goroutine',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 3 TP, 2 FP, 1 "nobody would act" of 6 judged — precision 60.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class before the rework: goroutines whose Add is balanced inside the goroutine on purpose (counted goroutines). Reworked before the 2026-12-16 sample (counted goroutines are not reported), so its record restarts at 2026-12-16: 2 TP and 1 duplicate since, too few to prove it; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'sync.WaitGroup.Add called inside the goroutine it counts',
    passCriterion: 'WaitGroup.Add runs before the goroutine it counts is started',
    rationale:
      'WaitGroup.Add must happen before the goroutine starts. When the goroutine calls Add itself, Wait can run ' +
      'first, see a zero counter and return while work is still in flight: shutdown closes channels or files the ' +
      'goroutine still uses, results are read before they are written, and Add after Wait may panic with ' +
      '"WaitGroup is reused before previous Wait has returned". The race is timing dependent and rarely shows in tests.',
    fix: { text: 'Call wg.Add(1) in the parent before the go statement and keep only defer wg.Done() inside the goroutine.', effort: 'low' },
    examples: [
      {
        bad:
          'package fan\n\nimport "sync"\n\nfunc Run(jobs []func()) {\n\tvar wg sync.WaitGroup\n\tfor _, j := range jobs {\n' +
          '\t\tgo func() {\n\t\t\twg.Add(1)\n\t\t\tdefer wg.Done()\n\t\t\tj()\n\t\t}()\n\t}\n\twg.Wait()\n}\n',
        good:
          'package fan\n\nimport "sync"\n\nfunc Run(jobs []func()) {\n\tvar wg sync.WaitGroup\n\tfor _, j := range jobs {\n' +
          '\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tj()\n\t\t}()\n\t}\n\twg.Wait()\n}\n',
      },
    ],
    messages: {
      addInside: '{{recv}}.Add is called inside the goroutine that {{recv}}.Done releases: Wait may return before this goroutine is counted',
    },
    sources: ['staticcheck:SA2000'],
    notes:
      'The goroutine is the func literal of a go statement, or a function/uniquely named method of the same file. ' +
      'Reported when a top-level statement of the goroutine body calls X.Add with a non-negative count, the body ' +
      'also calls X.Done (directly or deferred) on the same receiver, and the goroutine starts no goroutine of its ' +
      'own after the Add (an Add that counts a nested goroutine started later is correct). Not reported when the ' +
      'goroutine is itself counted on the same WaitGroup — the starting function calls Add on it (followed through ' +
      'parameters, the method receiver and captured variables) before the go statement — and the goroutine releases ' +
      'that count (deferred Done, or a Done after the Add) only after the Add: its held count keeps Wait from returning.',
  },
  prefilter: ['.Add('],
  prefilterAll: ['go ', '.Done()'],
  create(ctx) {
    return {
      go_statement(stmt) {
        const target = goTargetBody(ctx, stmt);
        if (!target) return;
        const stmts = blockStatements(target.body);
        for (const [i, s] of stmts.entries()) {
          if (s.type !== 'expression_statement') continue;
          const call = stmtCall(s);
          const recv = methodCall(call, 'Add');
          if (!call || !recv) continue;
          if (negativeCount(call)) continue;
          if (!callsDone(target.body, recv)) continue;
          // an Add followed by starting another goroutine counts that goroutine: correct usage
          const later = stmts.slice(i + 1);
          if (later.some((l) => l.type === 'go_statement' || l.descendantsOfType('go_statement').length > 0)) continue;
          // the goroutine is itself counted on the same WaitGroup (Add before the go statement) and releases that
          // count only after this Add: the counter cannot reach zero first, so Wait cannot return before the Add
          const goCall = stmt.namedChildren.find((c) => c && c.type === 'call_expression');
          const outer = goCall ? parentReceiver(goCall, target.fn, target.literal, recv) : undefined;
          if (outer && addedBefore(stmt, outer) && heldUntilAfter(target.body, recv, i)) continue;
          const node = target.literal ? call : stmt;
          ctx.report({ node, messageId: 'addInside', data: { recv } });
          return;
        }
      },
    };
  },
});
