import type { Node } from 'web-tree-sitter';
import { defineRule, goVersionAtLeast } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, blockStatements, closest, enclosingFunction, FUNCTION_TYPES, functionName, unparen } from '../../go/ast.js';
import { directEscape } from '../_shared/value-flow.js';
import { descendantsNoFunc, isUnconditionalLoop, loopBody, loopHasExit, rangeClause } from '../_shared/concurrency-control.js';

/** Whether the time.Tick call runs once per iteration of a loop of its own function. */
function inLoopBody(call: Node): boolean {
  const loop = closest(call, 'for_statement', FUNCTION_TYPES);
  if (!loop) return false;
  const body = loopBody(loop);
  return !!body && call.startIndex >= body.startIndex && call.endIndex <= body.endIndex;
}

/**
 * Whether the function body can never return normally: no return statement, and its last
 * statement is an endless loop (`for {}` without exit, or a range over a time.Tick channel,
 * which is never closed). Such functions (long-lived workers) need the ticker forever.
 */
function neverReturns(ctx: RuleContext, body: Node): boolean {
  if (descendantsNoFunc(body, ['return_statement']).length > 0) return false;
  const last = blockStatements(body).at(-1);
  const loop = last?.type === 'labeled_statement' ? last.namedChildren.find((c) => c?.type === 'for_statement') : last;
  if (!loop || loop.type !== 'for_statement') return false;
  if (loopHasExit(loop, false)) return false;
  if (isUnconditionalLoop(loop)) return true;
  const range = rangeClause(loop);
  const right = unparen(range?.childForFieldName('right'));
  if (right?.type === 'call_expression' && ctx.isCallTo(right, 'time', 'Tick')) return true;
  if (right?.type === 'identifier') {
    // tick := time.Tick(d); for range tick {}
    for (const decl of body.descendantsOfType(['short_var_declaration', 'var_spec', 'assignment_statement'])) {
      if (!decl) continue;
      const names = assignedNames(decl);
      const values = assignedValues(decl);
      const i = names.findIndex((n) => n.text === right.text);
      const v = i >= 0 && values.length === names.length ? unparen(values[i]) : null;
      if (v?.type === 'call_expression' && ctx.isCallTo(v, 'time', 'Tick')) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'CON1002',
    name: 'time-tick-leak',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'time.Tick used in a function that returns (the ticker can never be stopped)',
    passCriterion: 'time.Tick is used only in goroutines that live as long as the process',
    rationale:
      'time.Tick returns only the channel of a Ticker, so the Ticker can never be stopped. Before Go 1.23 it is never ' +
      'garbage collected either: every call from a function that returns (a request handler, a retry helper, a ' +
      'component started and stopped repeatedly) leaks a runtime timer that keeps firing for the life of the process, ' +
      'and a time.Tick evaluated inside a loop leaks one ticker per iteration.',
    fix: {
      text: 'Use t := time.NewTicker(d) with defer t.Stop() and read from t.C; keep time.Tick for main packages and functions that never return.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package poll\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Poll(ctx context.Context, f func()) {\n\ttick := time.Tick(time.Second)\n' +
          '\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\tcase <-tick:\n\t\t\tf()\n\t\t}\n\t}\n}\n',
        good:
          'package poll\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Poll(ctx context.Context, f func()) {\n\tt := time.NewTicker(time.Second)\n' +
          '\tdefer t.Stop()\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\tcase <-t.C:\n\t\t\tf()\n\t\t}\n\t}\n}\n',
      },
    ],
    messages: {
      leak: 'time.Tick in {{func}}, a function that returns: the underlying ticker can never be stopped{{gc}}',
      loop: 'time.Tick evaluated inside a loop creates a new, unstoppable ticker on every iteration{{gc}}',
    },
    sources: ['staticcheck:SA1015'],
    notes:
      'Not reported for `return time.Tick(d)` wrappers (clock abstractions), in package main (except per-iteration calls inside a loop), in init functions, at package level, ' +
      'in test files, or in functions that can never return (no return statement and an endless final loop), where ' +
      'the ticker is meant to live as long as the process. Go-version aware: with a go directive >= 1.23 the runtime ' +
      'collects unreferenced tickers, so findings drop to info severity; below 1.23 (or unknown) they are medium.',
  },
  prefilter: ['Tick('],
  create(ctx) {
    const modern = goVersionAtLeast(ctx.file.goVersion, 1, 23);
    const severity = modern ? 'info' : 'medium';
    const gc = modern ? ' (since Go 1.23 it is collected once unreferenced)' : '';
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'time', 'Tick')) return;
        const fn = enclosingFunction(call);
        if (!fn) return; // package-level variable: one ticker for the process
        if (inLoopBody(call)) {
          ctx.report({ node: call, messageId: 'loop', data: { gc }, severity });
          return;
        }
        if (ctx.file.isMain) return;
        // `return time.Tick(d)`: a Tick-like wrapper (clock abstractions); the caller owns the channel
        if (directEscape(call) === 'returned') return;
        if (fn.type === 'function_declaration' && functionName(fn) === 'init') return;
        const body = fn.childForFieldName('body');
        if (!body || neverReturns(ctx, body)) return;
        const name = fn.type === 'func_literal' ? 'a function literal' : (functionName(fn) ?? 'a function');
        ctx.report({ node: call, messageId: 'leak', data: { func: name, gc }, severity });
      },
    };
  },
});
