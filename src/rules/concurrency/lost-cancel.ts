import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignmentOf, unparen } from '../../go/ast.js';
import { bindingScope, isNamedResult, readsAfter } from '../_shared/concurrency-vars.js';
import { directEscape } from '../_shared/value-flow.js';

const CANCEL_FUNCS = ['WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause'];
/** Whether the cancel variable assigned at `target` is read where it can observe the new value. */
function cancelIsUsed(target: Node, stmt: Node, declares: boolean): boolean {
  const scope = bindingScope(stmt, declares);
  if (!scope) return true;
  return readsAfter(scope, stmt, target.text, target).length > 0;
}

export default defineRule({
  meta: {
    id: 'CON1005',
    name: 'lost-cancel',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Cancel function of context.WithCancel/WithTimeout/WithDeadline is lost',
    rationale:
      'The cancel function releases the child context: it removes it from its parent and stops its timer. If it is ' +
      'discarded or never called, the child (and for WithTimeout/WithDeadline a runtime timer) lives until the parent ' +
      'is cancelled, which for a server-lifetime parent is forever: a per-request leak of memory and goroutines ' +
      'waiting on ctx.Done() that only shows up as slow growth in production.',
    fix: {
      text: 'Keep the cancel function and call it when the work is done, usually `ctx, cancel := context.WithTimeout(ctx, d)` followed by `defer cancel()`.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package api\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Fetch(ctx context.Context, get func(context.Context) error) error {\n' +
          '\tctx, _ = context.WithTimeout(ctx, time.Second)\n\treturn get(ctx)\n}\n',
        good:
          'package api\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Fetch(ctx context.Context, get func(context.Context) error) error {\n' +
          '\tctx, cancel := context.WithTimeout(ctx, time.Second)\n\tdefer cancel()\n\treturn get(ctx)\n}\n',
      },
    ],
    messages: {
      discarded: 'the cancel function returned by context.{{func}} is discarded: the context leaks until its parent is cancelled',
      unused: 'the cancel function {{name}} returned by context.{{func}} is never called afterwards: the context leaks until its parent is cancelled',
    },
    sources: ['govet:lostcancel'],
    notes:
      'Intra-procedural. A cancel variable that is called, deferred, returned, passed, stored or read in any way after ' +
      'the assignment (or inside a closure, or in the loop containing the assignment) counts as handled; named ' +
      'results, fields and package-level variables are assumed handled elsewhere. A reassignment such as ' +
      '`ctx, cancel = context.WithTimeout(...)` after an earlier `defer cancel()` is reported, since that defer ' +
      'captured the previous function value.',
  },
  prefilter: ['WithCancel', 'WithTimeout', 'WithDeadline'],
  create(ctx) {
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'context', ...CANCEL_FUNCS)) return;
        const fnName = unparen(call.childForFieldName('function'))?.childForFieldName('field')?.text ?? unparen(call.childForFieldName('function'))?.text ?? 'WithCancel';
        if (directEscape(call)) return;
        let e: Node = call;
        while (e.parent?.type === 'parenthesized_expression') e = e.parent;
        if (e.parent?.type === 'expression_statement') {
          ctx.report({ node: call, messageId: 'discarded', data: { func: fnName } });
          return;
        }
        const a = assignmentOf(call);
        if (!a || a.targets.length < 2) return;
        const target = a.targets[1]!;
        if (target.type !== 'identifier') return; // field, index: stored
        if (target.text === '_') {
          ctx.report({ node: call, messageId: 'discarded', data: { func: fnName } });
          return;
        }
        if (isNamedResult(call, target.text)) return;
        const declares = a.stmt.type === 'short_var_declaration' || a.stmt.type === 'var_spec';
        // `=` to a variable not declared in this function: a package-level variable
        if (!declares && !ctx.isShadowed(target.text, target)) return;
        if (cancelIsUsed(target, a.stmt, declares)) return;
        ctx.report({ node: call, messageId: 'unused', data: { name: target.text, func: fnName } });
      },
    };
  },
});
