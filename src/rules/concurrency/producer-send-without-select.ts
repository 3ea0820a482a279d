import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignmentOf, closest, FUNCTION_TYPES, unparen } from '../../go/ast.js';
import { chanMakeCapacity, descendantsNoFunc, funcLiteralDeclares } from '../_shared/concurrency-control.js';
import { contextInScope } from '../_shared/context-scope.js';

/** Whether `fn` returns the local `name` itself (`return ch`, `return ch, nil`), outside nested function literals. */
function returnsName(fn: Node, name: string): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  return descendantsNoFunc(body, ['return_statement']).some((ret) => {
    const list = ret.namedChildren.find((c) => c?.type === 'expression_list');
    const values = list ? list.namedChildren : ret.namedChildren;
    return values.some((v) => unparen(v)?.type === 'identifier' && unparen(v)!.text === name);
  });
}

/** The capacity of the channel `name` made in `fn` (`name := make(chan T[, n])`): 0 unbuffered, n, or undefined. */
function madeHere(fn: Node, name: string): { cap: number | undefined } | undefined {
  for (const call of fn.descendantsOfType('call_expression')) {
    if (!call) continue;
    const fnName = unparen(call.childForFieldName('function'));
    if (fnName?.type !== 'identifier' || fnName.text !== 'make') continue;
    const a = assignmentOf(call);
    if (a?.stmt.type !== 'short_var_declaration' && a?.stmt.type !== 'var_spec') continue;
    if (a.targets[0]?.text !== name) continue;
    if (closest(call, FUNCTION_TYPES)?.id !== fn.id) continue;
    const cap = chanMakeCapacity(call);
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (args[0]?.type !== 'channel_type') return undefined;
    return { cap };
  }
  return undefined;
}

/** Whether the statements after `send` in its block are only close(...) calls and then a return: the send runs once. */
function lastSend(send: Node): boolean {
  for (let n = send.nextNamedSibling; n; n = n.nextNamedSibling) {
    if (n.type === 'comment') continue;
    if (n.type === 'return_statement') return true;
    const call = n.type === 'expression_statement' ? n.namedChild(0) : null;
    const fn = call?.type === 'call_expression' ? unparen(call.childForFieldName('function')) : null;
    if (fn?.type !== 'identifier' || fn.text !== 'close') return false;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'CON1020',
    name: 'producer-send-without-select',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Whether the caller can stop receiving is decided in another function: on 18 repositories 3 of 4 findings were ' +
      'real (a consumer that returns early or stops on cancellation), one producer fed a caller that always drains ' +
      'the channel.',
    title: 'Producer goroutine sends on a channel it hands to the caller without watching the context',
    rationale:
      'A function that starts a goroutine producing into a channel and returns that channel relies on the caller to ' +
      'drain it. A caller that stops reading (its ctx was cancelled, it returned early on an error, it took the first ' +
      'result only) leaves the producer blocked on `ch <- v` forever, with everything it holds: the connection it ' +
      'reads from, the rows it iterates, the buffers. The ctx the function received is exactly what tells the ' +
      'producer to stop, but a plain send cannot see it.',
    fix: {
      text: 'Send with `select { case ch <- v: case <-ctx.Done(): return }` so the producer stops when the caller gives up.',
      effort: 'low',
    },
    passCriterion: 'producer goroutines send on the channels they hand out with a select on ctx.Done()',
    examples: [
      {
        bad:
          'package feed\n\nimport "context"\n\nfunc Numbers(ctx context.Context, n int) <-chan int {\n\tch := make(chan int)\n' +
          '\tgo func() {\n\t\tdefer close(ch)\n\t\tfor i := 0; i < n; i++ {\n\t\t\tch <- i\n\t\t}\n\t}()\n\treturn ch\n}\n',
        good:
          'package feed\n\nimport "context"\n\nfunc Numbers(ctx context.Context, n int) <-chan int {\n\tch := make(chan int)\n' +
          '\tgo func() {\n\t\tdefer close(ch)\n\t\tfor i := 0; i < n; i++ {\n\t\t\tselect {\n\t\t\tcase ch <- i:\n' +
          '\t\t\tcase <-ctx.Done():\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}()\n\treturn ch\n}\n',
      },
    ],
    messages: {
      blockingSend:
        'goroutine sends on {{name}}, which the function returns to its caller, without a select on {{ctx}}.Done(): when the caller stops receiving, the goroutine blocks forever',
    },
    sources: [],
    notes:
      'Reported for a send statement in the func literal of a go statement when the channel is a local made with ' +
      'make(chan T) or make(chan T, n) in the function that starts the goroutine, that function returns it, and a ' +
      'named context.Context parameter (or an HTTP handler\'s request) is in scope. Sends that are a select case are ' +
      'fine. A buffered channel is reported only when the send runs in a loop and is not followed by a return (a ' +
      'single send fits the buffer); a ' +
      'capacity that is not a literal (make(chan T, len(items))) is assumed to fit every send.',
  },
  prefilter: ['go func'],
  prefilterAll: ['<-', 'make(chan'],
  create(ctx) {
    return {
      go_statement(stmt) {
        const call = stmt.namedChildren.find((c) => c?.type === 'call_expression');
        const lit = unparen(call?.childForFieldName('function'));
        const body = lit?.type === 'func_literal' ? lit.childForFieldName('body') : null;
        if (!body) return;
        const owner = closest(stmt, FUNCTION_TYPES);
        if (!owner) return;
        const inScope = contextInScope(ctx, stmt);
        if (!inScope) return;
        for (const send of descendantsNoFunc(body, ['send_statement'])) {
          if (send.parent?.type === 'communication_case') continue;
          const chan = unparen(send.childForFieldName('channel'));
          if (chan?.type !== 'identifier') continue;
          // the literal's own parameter or local of the same name is another channel
          if (funcLiteralDeclares(lit!, chan.text)) continue;
          const made = madeHere(owner, chan.text);
          if (!made || made.cap === undefined) continue;
          if (made.cap > 0 && (!closest(send, 'for_statement', FUNCTION_TYPES) || lastSend(send))) continue;
          if (!returnsName(owner, chan.text)) continue;
          ctx.report({ node: send, messageId: 'blockingSend', data: { name: chan.text, ctx: inScope.expr } });
          return;
        }
      },
    };
  },
});
