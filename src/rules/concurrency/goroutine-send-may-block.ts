import type { Node } from 'web-tree-sitter';
import { commandLineCode } from '../../core/code-roles.js';
import { defineRule } from '../define-rule.js';
import { assignedNames, assignedValues, enclosingFunction, functionName, outerParens, unparen } from '../../go/ast.js';
import {
  caseStatements, chanMakeCapacity, descendantsNoFunc, funcLiteralDeclares, selectCases,
} from '../_shared/concurrency-control.js';
import { isExitCall } from '../_shared/exit-calls.js';

/** The most recent `name := make(chan T[, n])` (or var/=) before `before` in `fn`; its capacity. */
function channelCapacity(fn: Node, name: string, before: number): { capacity: number | undefined; decl: Node } | undefined {
  let found: { capacity: number | undefined; decl: Node } | undefined;
  for (const stmt of fn.descendantsOfType(['short_var_declaration', 'var_spec', 'assignment_statement'])) {
    if (!stmt || stmt.startIndex > before) continue;
    const names = assignedNames(stmt);
    const i = names.findIndex((n) => n.text === name);
    if (i < 0) continue;
    const values = assignedValues(stmt);
    const v = values.length === names.length ? values[i] : undefined;
    if (stmt.type === 'var_spec' && !v) {
      found = { capacity: undefined, decl: stmt }; // var ch chan T: nil or assigned later
      continue;
    }
    found = { capacity: chanMakeCapacity(v), decl: stmt };
  }
  return found;
}

/** Whether a select case body ends by leaving the function (return, panic, exit). */
function caseReturns(clause: Node): boolean {
  const last = caseStatements(clause).at(-1);
  if (!last) return false;
  if (last.type === 'return_statement') return true;
  if (last.type === 'expression_statement') {
    const c = unparen(last.namedChild(0));
    return !!c && c.type === 'call_expression' && isExitCall(c);
  }
  return false;
}

/** If `id` is the operand of `<-id` that is the communication of a select case, that case. */
function selectReceiveCase(id: Node): Node | null | undefined {
  const e = outerParens(id);
  const unary = e.parent;
  if (!unary || unary.type !== 'unary_expression' || unary.childForFieldName('operator')?.text !== '<-') return undefined;
  const u = outerParens(unary);
  const recv = u.parent;
  if (recv?.type === 'receive_statement' && recv.parent?.type === 'communication_case') return recv.parent;
  if (u.parent?.type === 'communication_case') return u.parent; // `case <-ch:` parsed as an expression
  return null; // a plain receive
}

export default defineRule({
  meta: {
    id: 'CON1008',
    name: 'goroutine-send-may-block',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 3 TP, 0 FP, 2 "nobody would act" of 5 judged — "nobody would act" 40.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: goroutines that can block only once, at process shutdown or at the end of a CLI command. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar. Its record through the draw of 2026-12-25: 3 TP, 1 FP, 7 DEB — the classes of that draw: library code whose only user is a one-shot process (a CNI plugin run per ADD/DEL) and a method nothing calls; goready does not know which functions are reached from which programs. Reworked after the draw of 2026-12-25 (code that only one-shot programs of the repository reach is not reported, src/facts/process-lifetime.ts), so its record restarts at 2026-12-30 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Goroutine sends on an unbuffered channel whose receiver may have given up',
    passCriterion: 'a goroutine sending a result can always complete its send (buffered channel or select on ctx.Done)',
    rationale:
      'A function that starts a goroutine to compute a result, then waits for it in a select with a timeout or ' +
      'ctx.Done() case, returns without receiving when the timeout wins. The goroutine then blocks forever on its ' +
      'send to the unbuffered channel: one leaked goroutine (and everything it references) per timed-out request, ' +
      'which under load grows until the process runs out of memory.',
    fix: {
      text: 'Make the channel buffered with capacity for every send (make(chan T, 1)) so the goroutine can always complete, or have the goroutine select on ctx.Done() as well when sending.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package fetch\n\nimport (\n\t"context"\n\t"errors"\n)\n\nfunc Get(ctx context.Context, get func() string) (string, error) {\n' +
          '\tch := make(chan string)\n\tgo func() {\n\t\tch <- get()\n\t}()\n\tselect {\n\tcase v := <-ch:\n\t\treturn v, nil\n' +
          '\tcase <-ctx.Done():\n\t\treturn "", errors.New("timeout")\n\t}\n}\n',
        good:
          'package fetch\n\nimport (\n\t"context"\n\t"errors"\n)\n\nfunc Get(ctx context.Context, get func() string) (string, error) {\n' +
          '\tch := make(chan string, 1)\n\tgo func() {\n\t\tch <- get()\n\t}()\n\tselect {\n\tcase v := <-ch:\n\t\treturn v, nil\n' +
          '\tcase <-ctx.Done():\n\t\treturn "", errors.New("timeout")\n\t}\n}\n',
      },
    ],
    messages: {
      mayBlock:
        'send on unbuffered channel {{name}} blocks forever once {{func}} has returned through its other select case (line {{line}}): the goroutine leaks',
    },
    sources: [],
    notes:
      'Reported only when the channel is made unbuffered in the same function, the send is a plain statement in a ' +
      'goroutine (func literal) started there, every receive of the channel in the function is a select case, and ' +
      'one of those selects has another case (timeout, ctx.Done(), default) that returns. Buffered channels, sends ' +
      'inside a select, channels that escape (passed, returned, stored, closed) and unconditional receives are not reported. ' +
      'Nor is one-shot command-line code (src/core/code-roles.ts commandLineCode: a CLI command file or folder that serves ' +
      'nothing): the goroutine it leaves blocked dies with the process a moment later (blind sample 2026-12-11, ' +
      'kubectl-argo-rollouts status: "nobody would act"). Nor is code that only one-shot programs of the repository reach ' +
      '(src/facts/process-lifetime.ts: every shipped package main whose in-repository imports reach the code serves nothing, ' +
      'runs no controller manager, informers or leader election, never blocks forever and does not wait on a channel in ' +
      'main): the process exits a moment after the goroutine blocks (the class of the blind draws of 2026-12-25 and ' +
      '2026-12-26: code of one-shot commands and plugins). A package that a long-running program of the repository imports ' +
      'too, or that no program of the repository reaches (a library), is judged as before. The reach is the import graph, ' +
      'not the call graph: a one-shot program whose imports reach a package that serves counts as long-running (the CNI ' +
      'plugins of the 2026-12-25 draw import a package with an HTTP listener, so their timeout wrappers stay reported).',
  },
  prefilter: ['chan'],
  prefilterAll: ['go ', 'select'],
  create(ctx) {
    const oneShot = !!commandLineCode(ctx.file.path, ctx.source);
    return {
      go_statement(goStmt) {
        if (oneShot) return;
        const call = goStmt.namedChildren.find((c) => c?.type === 'call_expression');
        const lit = unparen(call?.childForFieldName('function'));
        if (!lit || lit.type !== 'func_literal') return;
        const body = lit.childForFieldName('body');
        const fn = enclosingFunction(goStmt);
        if (!body || !fn) return;
        const seen = new Set<string>();
        for (const send of descendantsNoFunc(body, ['send_statement'])) {
          if (send.parent?.type === 'communication_case') continue; // send inside a select
          const chNode = unparen(send.childForFieldName('channel'));
          if (!chNode || chNode.type !== 'identifier' || seen.has(chNode.text)) continue;
          const name = chNode.text;
          seen.add(name);
          // the literal must not declare its own `name`
          if (funcLiteralDeclares(lit, name)) continue;
          const made = channelCapacity(fn, name, goStmt.startIndex);
          if (!made || made.capacity !== 0) continue;
          // every other use of the channel in the function must be a select-case receive
          let returningCase: Node | undefined;
          let ok = true;
          for (const id of fn.descendantsOfType('identifier')) {
            if (!id || id.text !== name || id.startIndex < made.decl.startIndex) continue;
            if (id.startIndex >= made.decl.startIndex && id.endIndex <= made.decl.endIndex) continue;
            if (id.startIndex >= lit.startIndex && id.endIndex <= lit.endIndex) {
              // inside the goroutine: sends are fine; anything else (close, pass on) is fine too
              continue;
            }
            const clause = selectReceiveCase(id);
            if (!clause) {
              ok = false; // plain receive, range, passed, stored, closed, re-assigned...
              break;
            }
            const sel = clause.parent;
            const other = sel?.type === 'select_statement'
              ? selectCases(sel).find((c) => c.id !== clause.id && caseReturns(c))
              : undefined;
            if (other) returningCase ??= other;
          }
          if (!ok || !returningCase) continue;
          const func = fn.type === 'func_literal' ? 'the enclosing function literal' : (functionName(fn) ?? 'the function');
          ctx.report({
            node: send,
            messageId: 'mayBlock',
            data: { name, func, line: returningCase.startPosition.row + 1 },
            oneShot: 'skip',
          });
        }
      },
    };
  },
});
