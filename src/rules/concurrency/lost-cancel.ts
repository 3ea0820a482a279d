import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignmentOf, FUNCTION_TYPES, unparen } from '../../go/ast.js';
import { directEscape } from '../_shared/value-flow.js';

const CANCEL_FUNCS = ['WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause'];
const SCOPE_TYPES = new Set([
  'block', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement',
  'expression_case', 'type_case', 'communication_case', 'default_case', 'func_literal',
]);

function outermostFunction(node: Node): Node | null {
  let out: Node | null = null;
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.type)) out = p;
  return out;
}

/** Whether `name` is a named result of a function enclosing `node` (a bare return hands it out). */
function isNamedResult(node: Node, name: string): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (!FUNCTION_TYPES.has(p.type)) continue;
    const result = p.childForFieldName('result');
    if (result?.type === 'parameter_list' && result.descendantsOfType('identifier').some((n) => n?.text === name)) return true;
  }
  return false;
}

/** Whether identifier `id` is only written (left side of = or :=, or a composite-literal key). */
function isWrite(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'expression_list') {
    const stmt = p.parent;
    if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration')) {
      const left = stmt.childForFieldName('left');
      return !!left && left.id === p.id && stmt.childForFieldName('operator')?.text !== '+=';
    }
  }
  if (p.type === 'var_spec') return p.childrenForFieldName('name').some((n) => n?.id === id.id);
  if (p.type === 'literal_element' && p.parent?.type === 'keyed_element') {
    const key = p.parent.childForFieldName('key');
    return !!key && key.id === p.id;
  }
  return false;
}

/**
 * Whether the cancel variable assigned at `target` is read afterwards: after the assignment in
 * its scope, inside any function literal (a closure sees the final value), or anywhere in a
 * loop that also contains the assignment (the next iteration reads it).
 */
function cancelIsUsed(target: Node, stmt: Node, declares: boolean): boolean {
  const name = target.text;
  let scope: Node | null = null;
  if (declares) {
    for (let p = stmt.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type) || FUNCTION_TYPES.has(p.type)) { scope = p; break; }
  } else {
    scope = outermostFunction(stmt);
  }
  if (!scope) return true;
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== name || id.id === target.id || isWrite(id)) continue;
    if (id.startIndex >= stmt.endIndex) return true;
    for (let p = id.parent; p && p.id !== scope.id; p = p.parent) {
      if (p.type === 'func_literal') return true;
      if (p.type === 'for_statement' && p.startIndex <= stmt.startIndex && p.endIndex >= stmt.endIndex) return true;
    }
  }
  return false;
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
  prefilter: ['context'],
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
