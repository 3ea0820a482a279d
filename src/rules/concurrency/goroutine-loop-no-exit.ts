import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignedNames, assignedValues, blockStatements, calleeName, enclosingDeclaredFunction, enclosingFunction, functionName, unparen } from '../../go/ast.js';
import { descendantsNoFunc, goTargetBody, isUnconditionalLoop, loopBody, loopHasExit, startedForProcessLifetime } from '../_shared/concurrency-control.js';
import { stopMechanismInScope } from '../_shared/stop-mechanism.js';

/** Calls that wait for the next input: a read that fails at once and forever when its source is gone. */
const READ_CALL = /^(?:Read|Recv|Receive|Accept|Next|Poll|Fetch|Consume|Pop|Dequeue|Get(?:Events?|Messages?|Updates?))/;
/** Calls that wait or back off (a retry loop, not a spin). */
const WAIT_CALL = /Sleep|Wait|Backoff|After|Tick|Delay|Retry/;

/** Calls that stop a source: after them every read fails at once. */
const CLOSE_CALL = /^(?:Close|Shutdown|Stop)/;

/**
 * Whether the Accept call's listener belongs to the goroutine alone: a variable declared in the function holding
 * the go statement (or in the goroutine's own function), whose every use is a method call other than Close, or a
 * `defer x.Close()` of the goroutine itself; it is not passed, stored, returned or closed by anyone else. Only a
 * Close makes Accept fail for good (a peer can end a connection's reads, never a listener's accepts), and that Close
 * runs when the goroutine returns: the loop never sees it.
 */
function listenerOwnedByGoroutine(call: Node, target: { body: Node; fn: Node; literal: boolean }): boolean {
  const callee = unparen(call.childForFieldName('function'));
  if (callee?.type !== 'selector_expression' || !/^Accept/.test(callee.childForFieldName('field')?.text ?? '')) return false;
  const recv = unparen(callee.childForFieldName('operand'));
  if (recv?.type !== 'identifier') return false;
  const name = recv.text;
  const scope = target.literal ? enclosingDeclaredFunction(target.fn) ?? enclosingFunction(target.fn) : target.fn;
  const body = scope?.childForFieldName('body');
  if (!scope || !body) return false;
  const declared = body.descendantsOfType(['short_var_declaration', 'var_spec']).some((d) => !!d && assignedNames(d).some((n) => n.text === name));
  if (!declared) return false;
  return scope.descendantsOfType('identifier').every((id) => {
    if (!id || id.text !== name) return true;
    const p = id.parent;
    if (p?.type === 'expression_list' && (p.parent?.type === 'short_var_declaration' || p.parent?.type === 'assignment_statement') && p.parent.childForFieldName('left')?.id === p.id) {
      return p.parent.type === 'short_var_declaration';
    }
    if (p?.type === 'var_spec') return true;
    if (p?.type === 'parameter_declaration') return false;
    if (p?.type !== 'selector_expression' || p.childForFieldName('operand')?.id !== id.id || p.parent?.type !== 'call_expression') return false;
    if (!CLOSE_CALL.test(p.childForFieldName('field')?.text ?? '')) return true;
    // x.Close() only as a defer of the goroutine itself
    return p.parent.parent?.type === 'defer_statement' && enclosingFunction(p.parent.parent)?.id === target.fn.id;
  });
}

/**
 * The read call of the loop's first statement (`msg, err := sub.Read()`) when its error is checked by a later
 * `if err != nil` of the loop body that neither leaves the loop nor waits, and nothing else in the loop body waits
 * (no sleep, receive or select): once the source fails for good, the loop spins on the error.
 */
function spinsOnReadError(loop: Node, target: { body: Node; fn: Node; literal: boolean }): Node | undefined {
  const stmts = blockStatements(loopBody(loop));
  const first = stmts[0];
  if (!first || (first.type !== 'short_var_declaration' && first.type !== 'assignment_statement')) return undefined;
  const call = unparen(assignedValues(first)[0]);
  if (call?.type !== 'call_expression' || !READ_CALL.test(calleeName(call) ?? '')) return undefined;
  const err = assignedNames(first).map((n) => n.text).find((n) => /^err$|Err$/.test(n));
  if (!err) return undefined;
  const check = stmts.slice(1).find((s) => s.type === 'if_statement' && s.childForFieldName('condition')?.text.replace(/\s+/g, '') === `${err}!=nil`);
  if (!check) return undefined;
  const waits = descendantsNoFunc(loopBody(loop)!, ['call_expression', 'unary_expression', 'select_statement', 'receive_statement']).some((n) => {
    if (n.type === 'select_statement') return true;
    if (n.type === 'unary_expression') return n.child(0)?.type === '<-';
    if (n.type === 'receive_statement') return true;
    return n.id !== call.id && WAIT_CALL.test(calleeName(n) ?? '');
  });
  return waits || listenerOwnedByGoroutine(call, target) ? undefined : call;
}

export default defineRule({
  meta: {
    id: 'CON1004',
    name: 'goroutine-loop-no-exit',
    dimension: 'concurrency',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-15',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 3 FP, 9 "nobody would act" of 14 judged — precision 40.0 % < 90.0 %, "nobody would act" 64.3 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: receive and watchdog loops meant to live as long as the process (nothing ever asks them to stop) and Accept loops whose listener only the goroutine closes. Reworked after the 2026-12-13 sample (loops started by start-up code (including cobra/urfave hooks) and Accept loops on a listener only the goroutine holds are not reported), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 1 TP, 1 FP, 4 DEB — precision 50.0 % < 90.0 %, "nobody would act" 66.7 % > 33.3 %.',
    title: 'Goroutine runs an endless for loop that ignores its stop signal or spins on a read error',
    passCriterion: 'a background goroutine returns when the context, stop channel or Close of its owner says so, and stops reading when its source fails',
    rationale:
      'A goroutine whose `for {}` loop has no return, no break and no cancellation case cannot be stopped. That ' +
      'matters where a way to stop it exists and the loop ignores it: the function starting it has a context (its ' +
      'own, or an HTTP request\'s: one goroutine per request or per start that outlives the caller), a stop channel, ' +
      'or belongs to a component whose Close/Stop does something; closing the component or cancelling the context then ' +
      'leaks the goroutine and everything it references, and graceful shutdown cannot wait for it. Worse, when such a ' +
      'loop reads from a connection or subscription and only logs the read error, a source that has failed for good ' +
      'makes it spin: every iteration fails at once, burning a CPU and flooding the log.',
    fix: {
      text: 'Give the loop a way out: select on ctx.Done() (or the done channel Close closes) and return; return (or back off and reconnect) when the read fails instead of continuing.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package cache\n\nimport (\n\t"context"\n\t"time"\n)\n\ntype Cache struct{ items map[string]string }\n\n' +
          'func New(ctx context.Context) *Cache {\n\tc := &Cache{items: map[string]string{}}\n\tgo func() {\n\t\tfor {\n\t\t\ttime.Sleep(time.Minute)\n' +
          '\t\t\tc.items = map[string]string{}\n\t\t}\n\t}()\n\treturn c\n}\n',
        good:
          'package cache\n\nimport (\n\t"context"\n\t"time"\n)\n\ntype Cache struct{ items map[string]string }\n\n' +
          'func New(ctx context.Context) *Cache {\n\tc := &Cache{items: map[string]string{}}\n\tgo func() {\n' +
          '\t\tt := time.NewTicker(time.Minute)\n\t\tdefer t.Stop()\n\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n' +
          '\t\t\t\treturn\n\t\t\tcase <-t.C:\n\t\t\t\tc.items = map[string]string{}\n\t\t\t}\n\t\t}\n\t}()\n\treturn c\n}\n',
      },
    ],
    messages: {
      noExit: 'goroutine{{target}} runs an endless for loop (line {{loopLine}}) with no return, break or cancellation although {{stop}} is in scope: it outlives its owner and can never be stopped',
      spin: 'goroutine{{target}} runs an endless for loop (line {{loopLine}}) that only logs the error of {{read}} (line {{readLine}}) and reads again: once the source fails for good the loop spins',
    },
    sources: [],
    notes:
      'The goroutine body is the func literal of the go statement, or a function/uniquely named method declared in ' +
      'the same file. A loop counts as exitable when its body (outside nested function literals) has a return, a ' +
      'break or labelled break leaving it, a goto, or a call that ends the goroutine or process (panic, os.Exit, ' +
      'log.Fatal, runtime.Goexit). Loops with a condition and `for range ch` loops are never reported. An endless loop ' +
      'is reported when (a) its first statement is a read (Read*, Recv*, Receive*, Accept*, Next*, Poll*, Fetch*, ' +
      'GetEvents…) whose error is checked by an `if err != nil` that neither leaves nor waits, and nothing in the loop ' +
      'sleeps, backs off, receives or selects (severity medium: a spin; not for an Accept on a listener only the ' +
      'goroutine holds — declared in the starting function or the goroutine, used only by method calls, closed by ' +
      'nothing but the goroutine\'s own defer: only a Close makes Accept fail for good, and none can run under the ' +
      'loop; blind sample: juicefs cmd/passfd.go, judged wrong; a connection\'s reads stay reported, its peer can end ' +
      'them for good), or (b) a stop mechanism is in scope and the loop ' +
      'ignores it: a context.Context or *http.Request parameter of an enclosing function or of the goroutine\'s function, ' +
      'a done/stop/quit channel parameter, or, for a method, a context, cancel function or stop channel field of its ' +
      'receiver struct or a Close/Stop/Shutdown/Disconnect method of the receiver that does more than return nil ' +
      '(same-file declarations). Case (b) is not reported for goroutines started from func main or init, inside a ' +
      'sync.Once Do callback, or by code that runs once per process at start-up (src/facts/execution-frequency.ts: ' +
      'functions only main and init call, outside loops, directly or as the Run/RunE/Action hooks of cobra and ' +
      'urfave/cli commands; not code run per operator signal, which starts another goroutine each time): such a ' +
      'goroutine lives as long as the process (blind sample: cri-o\'s seccomp-notifier and SIGHUP reload watchers, ' +
      'started from server.New, which the daemon\'s command action calls once, judged "nobody would act"). A component without any stop mechanism lives as long as the process (blind sample ' +
      '2026-12-11: five matterbridge bridge loops whose Disconnect is a no-op, judged "nobody would act"); its loop is ' +
      'not reported unless it spins.',
  },
  prefilter: ['go '],
  prefilterAll: ['for '],
  create(ctx) {
    return {
      go_statement(stmt) {
        const target = goTargetBody(ctx, stmt);
        if (!target) return;
        const endless = descendantsNoFunc(target.body, ['for_statement']).find((loop) => isUnconditionalLoop(loop) && !loopHasExit(loop));
        if (!endless) return;
        const name = target.literal ? '' : ` ${functionName(target.fn) ?? ''}`;
        const loopLine = endless.startPosition.row + 1;
        const read = spinsOnReadError(endless, target);
        if (read) {
          ctx.report({
            node: stmt,
            messageId: 'spin',
            severity: 'medium',
            data: { target: name, loopLine, read: calleeName(read) ?? 'read', readLine: read.startPosition.row + 1 },
          });
          return;
        }
        if (startedForProcessLifetime(ctx, stmt)) return;
        const stop = stopMechanismInScope(ctx, stmt, target.literal ? undefined : target.fn);
        if (!stop) return;
        // started by code that runs once per process at start-up, the goroutine is meant to live as long as the process
        ctx.report({ node: stmt, messageId: 'noExit', data: { target: name, loopLine, stop: stop.what }, onceOnly: 'skip-startup' });
      },
    };
  },
});
