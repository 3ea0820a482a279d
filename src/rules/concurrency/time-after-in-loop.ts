import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { closest, FUNCTION_TYPES, outerParens } from '../../go/ast.js';
import { caseStatements, leavesLoop, loopBody, selectCases, timersCollectedUnreferenced } from '../_shared/concurrency-control.js';

/** The select case whose communication is `<-call` (or `v := <-call`), if any. */
function selectCaseOf(call: Node): Node | null {
  const e = outerParens(call);
  const unary = e.parent;
  if (!unary || unary.type !== 'unary_expression' || unary.childForFieldName('operator')?.text !== '<-') return null;
  const recv = unary.parent;
  if (!recv || recv.type !== 'receive_statement') return null;
  const clause = recv.parent;
  if (!clause || clause.type !== 'communication_case') return null;
  const comm = clause.childForFieldName('communication');
  return comm && comm.id === recv.id ? clause : null;
}

const CANCEL_NAME = /(done|stop|quit|clos|shutdown|exit|cancel|term|die)/i;

/**
 * Whether a case receives from a cancellation channel (`<-ctx.Done()`, `<-s.stopc`, `<-done`):
 * once closed it wins every time, so the loop is ending, not accumulating timers.
 */
function isCancellationCase(clause: Node): boolean {
  if (clause.type !== 'communication_case') return false;
  const comm = clause.childForFieldName('communication');
  if (!comm || comm.type !== 'receive_statement') return false;
  const right = comm.childForFieldName('right');
  if (!right || right.type !== 'unary_expression') return false;
  let ch = right.childForFieldName('operand');
  while (ch && ch.type === 'parenthesized_expression') ch = ch.namedChild(0);
  if (!ch) return false;
  if (ch.type === 'call_expression') {
    const fn = ch.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
    return name === 'Done';
  }
  const last = ch.type === 'selector_expression' ? ch.childForFieldName('field')?.text : ch.type === 'identifier' ? ch.text : undefined;
  return !!last && CANCEL_NAME.test(last);
}

export default defineRule({
  meta: {
    id: 'CON1003',
    name: 'time-after-in-loop',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-09 to 2026-12-12: 0 true positives and 4 "nobody would act" in 4 draws. Since Go 1.23 unfired timers are collected (the rule is silent there); below it, the timers a loop leaves behind die after their duration, and in every case judged the loop ran a bounded number of times or the duration was short, so the memory held was negligible.',
    title: 'time.After in a select inside a loop allocates a timer per iteration',
    passCriterion: 'select loops reuse one timer (time.NewTimer + Reset) instead of time.After per iteration',
    rationale:
      'Each evaluation of time.After creates a timer that lives until it fires. In a select inside a loop where ' +
      'another case usually wins (a message channel, a default), every iteration leaves one pending timer behind: ' +
      'with a five-minute idle timeout and thousands of messages per second that is millions of live timers and ' +
      'steadily growing memory. Before Go 1.23 such timers are not collected until they fire.',
    fix: {
      text: 'Create one time.NewTimer (or time.NewTicker) before the loop, Reset it per iteration and Stop it on exit; or compute a deadline once and use a context with timeout.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package worker\n\nimport "time"\n\nfunc Consume(msgs <-chan string, handle func(string)) {\n\tfor {\n\t\tselect {\n' +
          '\t\tcase m := <-msgs:\n\t\t\thandle(m)\n\t\tcase <-time.After(5 * time.Minute):\n\t\t\treturn\n\t\t}\n\t}\n}\n',
        good:
          'package worker\n\nimport "time"\n\nfunc Consume(msgs <-chan string, handle func(string)) {\n' +
          '\tidle := time.NewTimer(5 * time.Minute)\n\tdefer idle.Stop()\n\tfor {\n\t\tselect {\n\t\tcase m := <-msgs:\n' +
          '\t\t\thandle(m)\n\t\t\tidle.Reset(5 * time.Minute)\n\t\tcase <-idle.C:\n\t\t\treturn\n\t\t}\n\t}\n}\n',
      },
    ],
    messages: {
      perIteration:
        'time.After in a select inside a loop: each iteration where another case wins leaves a timer pending until it fires',
    },
    sources: [],
    notes:
      'Only reported when another case of the select (or its default) keeps the loop running; when every other ' +
      'case returns or breaks out, at most one timer is pending and nothing accumulates (the usual backoff/retry ' +
      'shape), and cases receiving from a cancellation channel (ctx.Done(), done, stop...) count as leaving. Go-version aware: with a go directive >= 1.23 unreferenced timers are collected, so nothing is ' +
      'reported there; below 1.23 (or unknown) findings are medium.',
  },
  prefilter: ['After('],
  prefilterAll: ['select'],
  create(ctx): Visitors {
    // Since Go 1.23 an unreferenced timer or ticker is collected: the premise of the rule is gone (blind
    // samples of 2026-12-07/09: every finding at go >= 1.23 was judged "nobody would act").
    if (timersCollectedUnreferenced(ctx)) return {};
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'time', 'After')) return;
        const clause = selectCaseOf(call);
        const sel = clause?.parent;
        if (!clause || !sel || sel.type !== 'select_statement') return;
        const loop = closest(sel, 'for_statement', FUNCTION_TYPES);
        const body = loop && loopBody(loop);
        if (!loop || !body || sel.startIndex < body.startIndex) return;
        const others = selectCases(sel).filter((c) => c.id !== clause.id && !isCancellationCase(c));
        const keepsLooping = others.some((c) => {
          const stmts = caseStatements(c);
          const last = stmts.at(-1);
          return !last || !leavesLoop(last, loop);
        });
        if (!keepsLooping) return;
        ctx.report({ node: call, messageId: 'perIteration' });
      },
    };
  },
});
