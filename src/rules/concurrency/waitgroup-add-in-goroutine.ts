import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { blockStatements, unparen } from '../../go/ast.js';
import { goTargetBody } from '../_shared/concurrency-control.js';

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

export default defineRule({
  meta: {
    id: 'CON1006',
    name: 'waitgroup-add-in-goroutine',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
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
      'own after the Add (an Add that counts a nested goroutine started later is correct).',
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
          const arg = call.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment');
          if (!arg || (arg.type === 'unary_expression' && arg.childForFieldName('operator')?.text === '-')) continue;
          if (!callsDone(target.body, recv)) continue;
          // an Add followed by starting another goroutine counts that goroutine: correct usage
          const later = stmts.slice(i + 1);
          if (later.some((l) => l.type === 'go_statement' || l.descendantsOfType('go_statement').length > 0)) continue;
          const node = target.literal ? call : stmt;
          ctx.report({ node, messageId: 'addInside', data: { recv } });
          return;
        }
      },
    };
  },
});
