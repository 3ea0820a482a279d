import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, blockStatements, closest, enclosingFunction, FUNCTION_TYPES, functionName, unparen } from '../../go/ast.js';
import { directEscape } from '../_shared/value-flow.js';
import { descendantsNoFunc, isUnconditionalLoop, loopBody, loopHasExit, rangeClause, timersCollectedUnreferenced } from '../_shared/concurrency-control.js';

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
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-24 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 1 FP, 3 "nobody would act" of 5 judged — precision 50.0 % < 90.0 %, "nobody would act" 60.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: tickers leaked by one-shot command-line programs (a load generator\'s workers, a CLI command polling for one pod) that end with the process — goready does not tell a CLI\'s packages from a service\'s —, and a `for range time.Tick` that never ends read as leaking. The rule returns to the default set when a fresh blind record clears the bar.',
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
      leak: 'time.Tick in {{func}}, a function that returns: the underlying ticker can never be stopped',
      loop: 'time.Tick evaluated inside a loop creates a new, unstoppable ticker on every iteration',
    },
    sources: ['staticcheck:SA1015'],
    notes:
      'Not reported for `return time.Tick(d)` wrappers (clock abstractions), in package main (except per-iteration calls inside a loop), in init functions, at package level, ' +
      'in test files, or in functions that can never return (no return statement and an endless final loop), where ' +
      'the ticker is meant to live as long as the process. Go-version aware: with a go directive >= 1.23 the runtime ' +
      'collects unreferenced tickers, so nothing is reported there; below 1.23 (or unknown) findings are medium.',
  },
  prefilter: ['Tick('],
  create(ctx): Visitors {
    // Since Go 1.23 an unreferenced timer or ticker is collected: the premise of the rule is gone (blind
    // samples of 2026-12-07/09: every finding at go >= 1.23 was judged "nobody would act").
    if (timersCollectedUnreferenced(ctx)) return {};
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'time', 'Tick')) return;
        const fn = enclosingFunction(call);
        if (!fn) return; // package-level variable: one ticker for the process
        if (inLoopBody(call)) {
          ctx.report({ node: call, messageId: 'loop' });
          return;
        }
        if (ctx.file.isMain) return;
        // `return time.Tick(d)`: a Tick-like wrapper (clock abstractions); the caller owns the channel
        if (directEscape(call) === 'returned') return;
        if (fn.type === 'function_declaration' && functionName(fn) === 'init') return;
        const body = fn.childForFieldName('body');
        if (!body || neverReturns(ctx, body)) return;
        const name = fn.type === 'func_literal' ? 'a function literal' : (functionName(fn) ?? 'a function');
        ctx.report({ node: call, messageId: 'leak', data: { func: name } });
      },
    };
  },
});
