import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import type { Severity } from '../../core/types.js';
import { FUNCTION_TYPES, assignmentOf, callArgs, outerParens, parameters, unparen } from '../../go/ast.js';
import { isQualifiedType } from '../_shared/declared-type.js';
import { bindingScope, isNamedResult, readsAfter } from '../_shared/concurrency-vars.js';
import { directEscape } from '../_shared/value-flow.js';
import { openExits } from '../_shared/must-reach.js';
import { denotes, resolveBinding } from '../_shared/security-bindings.js';
import { durationNanos } from '../_shared/runtime-go-values.js';

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

/** Timeouts up to this long, written as constants, bound what a lost cancel holds (a timer and the child context). */
const SHORT_TIMEOUT_NS = 5 * 60e9;

/**
 * How long the child context can outlive a lost cancel, when that is evidently short: a WithTimeout of a constant
 * timeout of at most five minutes (or a WithDeadline of time.Now().Add(that)) releases itself when the timer fires;
 * a child of `r.Context()`, the request of an HTTP handler, is cancelled with the request when the handler returns.
 */
function shortLived(ctx: RuleContext, call: Node, fnName: string): string | undefined {
  const args = callArgs(call);
  const parent = unparen(args[0] ?? null);
  if (/^With(Timeout|Deadline)(Cause)?$/.test(fnName)) {
    let d: Node | null | undefined = unparen(args[1] ?? null);
    if (fnName.startsWith('WithDeadline')) {
      // time.Now().Add(d)
      const f = d?.type === 'call_expression' ? unparen(d.childForFieldName('function')) : undefined;
      const now = f?.type === 'selector_expression' && f.childForFieldName('field')?.text === 'Add' && /^\w+\.Now\(\)$/.test(f.childForFieldName('operand')?.text ?? '');
      d = now ? callArgs(d!)[0] : undefined;
    }
    // a constant (unit × unit products are far beyond the bound)
    const ns = durationNanos(ctx, d);
    if (d && ns !== undefined && ns <= SHORT_TIMEOUT_NS) return `its ${d.text} timeout expires or its parent is cancelled`;
  }
  // r.Context() of a *http.Request parameter r of the enclosing function
  const pf = parent?.type === 'call_expression' ? unparen(parent.childForFieldName('function')) : undefined;
  const recv = pf?.type === 'selector_expression' && pf.childForFieldName('field')?.text === 'Context' && callArgs(parent!).length === 0 ? unparen(pf.childForFieldName('operand')) : undefined;
  if (recv?.type === 'identifier') {
    for (let fn = call.parent; fn; fn = fn.parent) {
      if (!FUNCTION_TYPES.has(fn.type)) continue;
      const param = parameters(fn).find((x) => x.name === recv.text);
      if (!param) continue;
      if (param.type.trim().startsWith('*') && isQualifiedType(ctx, param.type, 'net/http', ['Request'])) return `the request ends: its parent ${recv.text}.Context() is cancelled when the handler returns`;
      break;
    }
  }
  return undefined;
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
    blindRecordFrom: '2026-12-21',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-17 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 1 FP, 4 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: one finding per return for the same context (duplicates) and start-up paths that end the process on error. The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-17 sample (one finding per context at its WithCancel/WithTimeout assignment, every return reached without the cancel a related place), so its record restarts at 2026-12-18 (blindRecordFrom). ' +
      'Its fresh record since (the samples of 2026-12-18 and 2026-12-19): 0 TP, 3 FP, 5 DEB — DEB: discarded cancels of short constant timeouts, request-scoped contexts, one-shot start-up and shutdown paths; FP: a cancel stored in a struct literal, a loop over time.Tick that never ends, a parent the caller cancels. Reworked after the 2026-12-19 sample (a lost cancel whose child is short-lived — a constant timeout of at most five minutes, or a child of an HTTP handler\'s r.Context() — or that runs once per process is reported at low severity, its message saying how long the context lasts; a `for range time.Tick(…)` loop never ends, so no exit lies after it), so its record restarts at 2026-12-21 (blindRecordFrom; the sample labelled 2026-12-20 was drawn before this rework) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Cancel function of context.WithCancel/WithTimeout/WithDeadline is lost',
    passCriterion: 'every cancel returned by context.WithCancel/WithTimeout/WithDeadline is called on every path',
    rationale:
      'The cancel function releases the child context: it removes it from its parent and stops its timer. If it is ' +
      'discarded or never called, the child (and for WithTimeout/WithDeadline a runtime timer) lives until the parent ' +
      'is cancelled (a WithTimeout/WithDeadline child: until its deadline), which for a server-lifetime parent is forever: a per-request leak of memory and goroutines ' +
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
      discarded: 'the cancel function returned by context.{{func}} is discarded: the context leaks until {{until}}',
      unused: 'the cancel function {{name}} returned by context.{{func}} is never called afterwards: the context leaks until {{until}}',
      notAllPaths: 'the {{name}} function returned by context.{{func}} is not used on all paths (possible context leak until {{until}}): call it on every path, usually with `defer {{name}}()` right after',
      exitWithout: 'this {{exit}} may be reached without using the {{name}} var defined on line {{line}}: the context leaks until {{until}}',
    },
    sources: ['govet:lostcancel'],
    notes:
      'Paths, as go vet\'s lostcancel: when the cancel variable is declared by the statement (or assigned to a local ' +
      'nothing referred to before), every path from there to a return or to the end of the function must refer to it ' +
      '(call, defer, pass, store); otherwise one finding is reported at the assignment, with each exit reached without ' +
      'it as a related place (go vet reports the assignment and each such exit). Terminators ' +
      '(panic, os.Exit, log.Fatal*, t.FailNow) end a path; switch/select cases, fallthrough, loops with break and ' +
      'continue are followed (a `for range time.Tick(…)` loop never ends: its channel is never closed); goto ends the analysis of that path (no report); main() of package main is exempt. ' +
      'Intra-procedural. A cancel variable that is called, deferred, returned, passed, stored or read in any way after ' +
      'the assignment (or inside a closure, or in the loop containing the assignment) counts as handled; named ' +
      'results, fields and package-level variables are assumed handled elsewhere. A reassignment such as ' +
      '`ctx, cancel = context.WithTimeout(...)` after an earlier `defer cancel()` is reported, since that defer ' +
      'captured the previous function value. Every case go vet reports stays reported, but the message says how long the ' +
      'context lasts and the severity follows it: a WithTimeout (or Cause) of a constant timeout of at most five minutes ' +
      '(`10*time.Second`, time.Minute) or a WithDeadline of time.Now().Add(such a constant) releases itself when the timer ' +
      'fires, and a child of `r.Context()`, with r the *http.Request parameter of the enclosing handler, is cancelled with ' +
      'the request when the handler returns: both are reported at low severity. So is a lost cancel in code that runs once ' +
      'per process (start-up or shutdown functions only main calls, src/facts/execution-frequency.ts). A parent passed in ' +
      'as a parameter is not followed to its callers (a caller that cancels it is not seen).',
  },
  prefilter: ['WithCancel', 'WithTimeout', 'WithDeadline'],
  create(ctx) {
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'context', ...CANCEL_FUNCS)) return;
        const fnName = unparen(call.childForFieldName('function'))?.childForFieldName('field')?.text ?? unparen(call.childForFieldName('function'))?.text ?? 'WithCancel';
        if (directEscape(call)) return;
        // what a lost cancel holds, and for how long: short-lived children are reported low, and so is code that runs
        // once per process (src/facts/execution-frequency.ts); go vet reports them all
        const bounded = shortLived(ctx, call, fnName);
        const until = bounded ?? 'its parent is cancelled';
        const severity: Severity | undefined = bounded ? 'low' : undefined;
        const report = (r: Parameters<typeof ctx.report>[0]) => ctx.report({ ...r, ...(severity ? { severity } : {}), onceOnly: 'low' });
        const e = outerParens(call);
        if (e.parent?.type === 'expression_statement') {
          report({ node: call, messageId: 'discarded', data: { func: fnName, until } });
          return;
        }
        const a = assignmentOf(call);
        if (!a || a.targets.length < 2) return;
        const target = a.targets[1]!;
        if (target.type !== 'identifier') return; // field, index: stored
        if (target.text === '_') {
          report({ node: call, messageId: 'discarded', data: { func: fnName, until } });
          return;
        }
        if (isNamedResult(call, target.text)) return;
        const declares = a.stmt.type === 'short_var_declaration' || a.stmt.type === 'var_spec';
        // `=` to a variable not declared in this function: a package-level variable
        if (!declares && !ctx.isShadowed(target.text, target)) return;
        if (!cancelIsUsed(target, a.stmt, declares)) {
          report({ node: call, messageId: 'unused', data: { name: target.text, func: fnName, until } });
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
        const data = { name: target.text, func: fnName, line: call.startPosition.row + 1, until };
        // one finding per cancel variable, at the assignment (go vet's first diagnostic), every exit reached without
        // it listed as a related place (src/engine/concern-groups.ts)
        const concern = `cancel@${call.startIndex}`;
        report({ node: call, messageId: 'notAllPaths', data, concern });
        for (const ret of r.returns) report({ node: ret, messageId: 'exitWithout', data: { ...data, exit: 'return statement' }, concern });
        if (r.fallsOffEnd) {
          let fn: Node | null = start.parent;
          while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
          const close = fn?.childForFieldName('body')?.lastChild;
          if (close) report({ node: close, messageId: 'exitWithout', data: { ...data, exit: 'end of function' }, concern });
        }
      },
    };
  },
});
