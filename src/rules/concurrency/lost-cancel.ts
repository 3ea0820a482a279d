import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignmentOf, outerParens, unparen } from '../../go/ast.js';
import { bindingScope, isNamedResult, readsAfter } from '../_shared/concurrency-vars.js';
import { directEscape } from '../_shared/value-flow.js';
import { openExits } from '../_shared/must-reach.js';
import { denotes, resolveBinding } from '../_shared/security-bindings.js';

const CANCEL_FUNCS = ['WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause'];
/** Whether the cancel variable assigned at `target` is read where it can observe the new value. */
function cancelIsUsed(target: Node, stmt: Node, declares: boolean): boolean {
  const scope = bindingScope(stmt, declares);
  if (!scope) return true;
  return readsAfter(scope, stmt, target.text, target).length > 0;
}

/** The statement holding an assignment (a var_spec's var_declaration). */
function statementOf(stmt: Node): Node {
  let s = stmt;
  while (s.parent && (s.type === 'var_spec' || s.parent.type === 'var_spec_list' || s.parent.type === 'var_declaration')) s = s.parent;
  return s;
}

/**
 * `cancel = …` to a local variable of this function that nothing referred to before (other than its
 * declaration): as good as a declaration. Earlier references (a deferred closure, a call at the top
 * of a loop) may well handle the value, so those assignments are not judged path by path.
 */
function freshLocalAssignment(root: Node, target: Node, stmt: Node): boolean {
  const b = resolveBinding(target.text, target, root);
  if (b.kind !== 'var' || !b.fn || !b.declName) return false;
  let fn: Node | null = stmt.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  if (fn?.id !== b.fn.id) return false;
  return !b.fn.descendantsOfType('identifier').some((id) => !!id && id.text === target.text
    && id.startIndex < stmt.startIndex && id.id !== b.declName!.id && denotes(b, id));
}

/** Inside `func main()` of package main, where returning ends the process. */
function inMain(n: Node): boolean {
  let fn: Node | null = n.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  if (fn?.type !== 'function_declaration' || fn.childForFieldName('name')?.text !== 'main') return false;
  let root: Node = fn;
  while (root.parent) root = root.parent;
  return root.namedChildren.some((c) => c?.type === 'package_clause' && / main$/.test(c.text.trim()));
}

/** Whether `n` refers to the cancel variable (any reference counts as handling it, as in go vet). */
function refersTo(n: Node, name: string, def: Node): boolean {
  if (!n.text.includes(name)) return false;
  return n.descendantsOfType('identifier').some((id) => !!id && id.text === name && id.id !== def.id
    && !(id.parent?.type === 'selector_expression' && id.parent.childForFieldName('field')?.id === id.id));
}

export default defineRule({
  meta: {
    id: 'CON1005',
    name: 'lost-cancel',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-18',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-17 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 1 FP, 4 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: one finding per return for the same context (duplicates) and start-up paths that end the process on error. The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-17 sample (one finding per context at its WithCancel/WithTimeout assignment, every return reached without the cancel a related place), so its record restarts at 2026-12-18 (blindRecordFrom).',
    title: 'Cancel function of context.WithCancel/WithTimeout/WithDeadline is lost',
    passCriterion: 'every cancel returned by context.WithCancel/WithTimeout/WithDeadline is called on every path',
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
      notAllPaths: 'the {{name}} function returned by context.{{func}} is not used on all paths (possible context leak): call it on every path, usually with `defer {{name}}()` right after',
      exitWithout: 'this {{exit}} may be reached without using the {{name}} var defined on line {{line}}: the context leaks until its parent is cancelled',
    },
    sources: ['govet:lostcancel'],
    notes:
      'Paths, as go vet\'s lostcancel: when the cancel variable is declared by the statement (or assigned to a local ' +
      'nothing referred to before), every path from there to a return or to the end of the function must refer to it ' +
      '(call, defer, pass, store); otherwise one finding is reported at the assignment, with each exit reached without ' +
      'it as a related place (go vet reports the assignment and each such exit). Terminators ' +
      '(panic, os.Exit, log.Fatal*, t.FailNow) end a path; switch/select cases, fallthrough, loops with break and ' +
      'continue are followed; goto ends the analysis of that path (no report); main() of package main is exempt. ' +
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
        const e = outerParens(call);
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
        if (!cancelIsUsed(target, a.stmt, declares)) {
          ctx.report({ node: call, messageId: 'unused', data: { name: target.text, func: fnName } });
          return;
        }
        // used somewhere: on every path from here to an exit? Only for a variable this statement declares
        // (an assignment to an existing variable may be handled by an earlier defer or closure), outside
        // if/switch headers (scoped to that statement), and not in package main's main (the process exits).
        if ((!declares && !freshLocalAssignment(ctx.root, target, a.stmt)) || inMain(call)) return;
        const start = statementOf(a.stmt);
        if (start.parent && /^(if|expression_switch|type_switch|for)_statement$|^for_clause$/.test(start.parent.type)) return;
        const r = openExits({ start, discharges: (n) => refersTo(n, target.text, target) });
        if (!r.analysed || (!r.returns.length && !r.fallsOffEnd)) return;
        const data = { name: target.text, func: fnName, line: call.startPosition.row + 1 };
        // one finding per cancel variable, at the assignment (go vet's first diagnostic), every exit reached without
        // it listed as a related place (src/engine/concern-groups.ts)
        const concern = `cancel@${call.startIndex}`;
        ctx.report({ node: call, messageId: 'notAllPaths', data, concern });
        for (const ret of r.returns) ctx.report({ node: ret, messageId: 'exitWithout', data: { ...data, exit: 'return statement' }, concern });
        if (r.fallsOffEnd) {
          let fn: Node | null = start.parent;
          while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
          const close = fn?.childForFieldName('body')?.lastChild;
          if (close) ctx.report({ node: close, messageId: 'exitWithout', data: { ...data, exit: 'end of function' }, concern });
        }
      },
    };
  },
});
