import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignedNames, assignedValues, callArgs, enclosingDeclaredFunction, enclosingFunction, literalElements, unparen } from '../../go/ast.js';
import { chanMakeCapacity } from '../_shared/concurrency-control.js';

/**
 * The value last assigned to `name` before `before` within `scope` (var, :=, =), or
 * undefined when none is found. `null` means declared without a value.
 */
function lastAssigned(scope: Node, name: string, before: number): Node | null | undefined {
  let found: Node | null | undefined;
  for (const stmt of scope.descendantsOfType(['short_var_declaration', 'var_spec', 'assignment_statement'])) {
    if (!stmt || stmt.startIndex > before) continue;
    const names = assignedNames(stmt);
    const i = names.findIndex((n) => n.text === name);
    if (i < 0) continue;
    const values = assignedValues(stmt);
    found = values.length === names.length ? (values[i] ?? null) : null;
  }
  return found;
}

/** Package-level `var name = make(...)` in this file. */
function packageVarValue(root: Node, name: string): Node | null | undefined {
  for (const decl of root.namedChildren) {
    if (!decl || decl.type !== 'var_declaration') continue;
    for (const spec of decl.descendantsOfType('var_spec')) {
      if (!spec) continue;
      const names = assignedNames(spec);
      const i = names.findIndex((n) => n.text === name);
      if (i < 0) continue;
      const values = assignedValues(spec);
      return values.length === names.length ? (values[i] ?? null) : null;
    }
  }
  return undefined;
}

/**
 * For a field channel `x.sigCh`, the values assigned to field `sigCh` anywhere in the file
 * (`x.sigCh = make(...)`, `T{sigCh: make(...)}`); all must be unbuffered makes to report.
 */
function fieldValues(root: Node, field: string): Node[] {
  const out: Node[] = [];
  for (const stmt of root.descendantsOfType('assignment_statement')) {
    if (!stmt) continue;
    const left = stmt.childForFieldName('left')?.namedChildren ?? [];
    const values = assignedValues(stmt);
    left.forEach((l, i) => {
      if (l?.type === 'selector_expression' && l.childForFieldName('field')?.text === field && values[i]) out.push(values[i]!);
    });
  }
  for (const lit of root.descendantsOfType('composite_literal')) {
    if (!lit) continue;
    for (const el of literalElements(lit)) if (el.key === field) out.push(el.value);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'CON1009',
    name: 'signal-notify-unbuffered',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 0 FP, 5 "nobody would act" of 7 judged — "nobody would act" 71.4 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: a main function that blocks on the channel right after Notify, where a signal is lost only in a window of a few instructions (go vet reports it, and the rule keeps its recall on vet\'s and staticcheck\'s samples); the second Notify call on one channel was judged a duplicate, but go vet reports each call. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'signal.Notify with an unbuffered channel',
    passCriterion: 'signal.Notify always receives a buffered channel',
    rationale:
      'The signal package never blocks when delivering: if the channel has no free buffer slot at the instant a ' +
      'signal arrives, the signal is dropped. With an unbuffered channel a SIGTERM that arrives while the receiver ' +
      'is not parked on it (still starting up, busy handling a previous signal) is lost, so the process ignores its ' +
      'orchestrator\'s shutdown request and is killed without graceful shutdown.',
    fix: { text: 'Create the channel with a buffer: make(chan os.Signal, 1) (one slot per signal you need to observe).', effort: 'low' },
    examples: [
      {
        bad:
          'package main\n\nimport (\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n\tsig := make(chan os.Signal)\n' +
          '\tsignal.Notify(sig, syscall.SIGTERM, os.Interrupt)\n\t<-sig\n}\n',
        good:
          'package main\n\nimport (\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n\tsig := make(chan os.Signal, 1)\n' +
          '\tsignal.Notify(sig, syscall.SIGTERM, os.Interrupt)\n\t<-sig\n}\n',
      },
    ],
    messages: {
      unbuffered: 'signal.Notify with unbuffered channel {{name}}: a signal arriving while nobody is receiving is dropped',
    },
    sources: ['staticcheck:SA1017', 'govet:sigchanyzer'],
    notes:
      'The channel is traced to its make() in the same function (last assignment before the call), a package-level ' +
      'var of the same file, or, for a struct field, every assignment of that field in the file. A capacity given by ' +
      'a non-literal expression is assumed to be buffered.',
  },
  prefilter: ['Notify'],
  create(ctx) {
    // Only a file that mentions Notify other than as a call can bind it to a variable: without this test every call
    // of a local function searched its function's assignments (quadratic: a 10 s budget spent on one large vendored
    // interpreter in containerd's tree, on every run since a timed-out file is not cached).
    const notifyAsValue = /\bNotify\b(?!\s*\()/.test(ctx.root.text);
    /** `f := signal.Notify; f(c, …)`: a local function value bound to signal.Notify. */
    const isNotifyValue = (call: Node): boolean => {
      if (!notifyAsValue) return false;
      const fn = unparen(call.childForFieldName('function'));
      if (fn?.type !== 'identifier') return false;
      const scope = enclosingFunction(call);
      const v = unparen(scope ? lastAssigned(scope, fn.text, call.startIndex) : undefined);
      const op = v?.type === 'selector_expression' ? unparen(v.childForFieldName('operand')) : undefined;
      return !!op && op.type === 'identifier' && v!.childForFieldName('field')?.text === 'Notify' && ctx.isPackageRef(op, 'os/signal');
    };
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'os/signal', 'Notify') && !isNotifyValue(call)) return;
        const arg = unparen(callArgs(call)[0]);
        if (!arg) return;
        const name = arg.text;
        let values: (Node | null | undefined)[] = [];
        // an inline make(...) is received by nobody: pointless rather than a lost signal (as go vet)
        if (arg.type === 'identifier') {
          const fn = enclosingDeclaredFunction(call) ?? enclosingFunction(call);
          const local = fn ? lastAssigned(fn, arg.text, call.startIndex) : undefined;
          if (local !== undefined) values = [local];
          else if (!fn || !ctx.isShadowed(arg.text, arg)) values = [packageVarValue(ctx.root, arg.text)];
        } else if (arg.type === 'selector_expression') {
          const field = arg.childForFieldName('field')?.text;
          if (field) values = fieldValues(ctx.root, field);
        }
        if (values.length === 0) return;
        if (!values.every((v) => chanMakeCapacity(v) === 0)) return;
        ctx.report({ node: call, messageId: 'unbuffered', data: { name } });
      },
    };
  },
});
