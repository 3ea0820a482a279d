import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { assignmentOf, enclosingFunction, unparen } from '../../go/ast.js';
import { variableEscapes } from '../_shared/value-flow.js';
import { openExits } from '../_shared/must-reach.js';
import { descendantsNoFunc, isUnconditionalLoop, loopHasExit, timersCollectedUnreferenced } from '../_shared/concurrency-control.js';

const KINDS: Record<string, string> = { NewTicker: 'ticker', NewTimer: 'timer' };

/** The statement holding an assignment (a var_spec's var_declaration). */
function statementOf(stmt: Node): Node {
  let s = stmt;
  while (s.parent && (s.type === 'var_spec' || s.parent.type === 'var_spec_list' || s.parent.type === 'var_declaration')) s = s.parent;
  return s;
}

/** `name.Stop()` calls inside `scope` (closures and defers included). */
function stopCalls(scope: Node, name: string): Node[] {
  return scope.descendantsOfType('call_expression').filter((c): c is Node => {
    const fn = unparen(c?.childForFieldName('function'));
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Stop') return false;
    const op = unparen(fn.childForFieldName('operand'));
    return op?.type === 'identifier' && op.text === name;
  });
}

/** The first endless loop (no condition, no way out) among the function's statements before `at`, outside closures. */
function endlessLoopBefore(fn: Node, at: Node): Node | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  return descendantsNoFunc(body, ['for_statement'])
    .find((l) => l.endIndex <= at.startIndex && isUnconditionalLoop(l) && !loopHasExit(l, false));
}

function lineOf(n: Node): number {
  return n.startPosition.row + 1;
}

/** A short list of exit lines for the message: "line 12", "lines 12, 19 and 30". */
function exitLines(lines: number[]): string {
  const u = [...new Set(lines)].sort((a, b) => a - b);
  if (u.length === 1) return `line ${u[0]}`;
  const shown = u.slice(0, 4);
  const more = u.length > shown.length ? ` and ${u.length - shown.length} more` : '';
  return `lines ${shown.slice(0, -1).join(', ')}${more ? `, ${shown.at(-1)}${more}` : ` and ${shown.at(-1)}`}`;
}

function check(ctx: RuleContext, call: Node): void {
  const fnName = unparen(call.childForFieldName('function'))?.childForFieldName('field')?.text ?? '';
  const kind = KINDS[fnName];
  if (!kind || !ctx.isCallTo(call, 'time', fnName)) return;
  const a = assignmentOf(call);
  if (!a || a.targets.length !== 1) return;
  const target = a.targets[0]!;
  if (target.type !== 'identifier' || target.text === '_') return;
  // declared here: an existing variable (a field, a package variable, a parameter) is its owner's to stop
  if (a.stmt.type !== 'short_var_declaration' && a.stmt.type !== 'var_spec') return;
  const fn = enclosingFunction(call);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return;
  const name = target.text;
  // handed on (returned, stored, passed, sent): someone else may stop it
  if (variableEscapes(fn, name, target.endIndex)) return;
  const stops = stopCalls(body, name).filter((s) => s.startIndex > a.stmt.endIndex);
  if (!stops.length) return; // never stopped at all: ticker-not-stopped (CON1001)
  const start = statementOf(a.stmt);
  if (start.parent && /^(if|expression_switch|type_switch|for)_statement$|^for_clause$/.test(start.parent.type)) return;
  let reached = false;
  const r = openExits({
    start,
    discharges: (n) => {
      if (!n.text.includes(name) || !stops.some((s) => n.startIndex <= s.startIndex && s.endIndex <= n.endIndex)) return false;
      reached = true;
      return true;
    },
  });
  if (!r.analysed) return;
  const stop = stops[0]!;
  const created = lineOf(call);
  const exits = r.returns.map(lineOf);
  if (!reached) {
    // the Stop is dead code: the function never gets there
    const loop = endlessLoopBefore(fn, stop);
    if (!exits.length && !r.fallsOffEnd && loop) {
      ctx.report({ node: stop, messageId: 'neverEnds', data: { kind, name, created, loopLine: lineOf(loop) } });
      return;
    }
    if (exits.length && !timersCollectedUnreferenced(ctx)) {
      ctx.report({ node: stop, messageId: 'deadStop', data: { kind, ctor: fnName, name, created, exits: exitLines(exits) } });
    }
    return;
  }
  // stopped on some paths only: each exit left open leaks it (before Go 1.23)
  if (timersCollectedUnreferenced(ctx)) return;
  if (!exits.length && !r.fallsOffEnd) return;
  const at = r.fallsOffEnd ? [...exits, lineOf(body.lastChild ?? body)] : exits;
  ctx.report({
    node: call,
    messageId: kind === 'ticker' ? 'bypassedTicker' : 'bypassedTimer',
    data: { name, stopLine: lineOf(stop), exits: exitLines(at) },
  });
}

export default defineRule({
  meta: {
    id: 'CON1024',
    name: 'ticker-stop-bypassed',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Unmeasured precision: on 64 development repositories (the accuracy corpus and the judge2-4 sets, snapshots of ' +
      '2026-12-06/07) it reports one finding, judged DEB (nsq_to_file: the ticker of a once-per-process router is not ' +
      'stopped when the consumer stops, and the process ends then). Dead Stops after loops are rare in real code because ' +
      'go vet\'s unreachable check flags the explicit ones.',
    title: 'Ticker or timer is stopped only on a path the function does not take',
    passCriterion: 'every ticker or timer that a function stops is stopped on every path that leaves the function (defer t.Stop() right after creating it)',
    rationale:
      'A Stop written after a loop runs only if the loop ends by falling out of it. When every way out of the loop is ' +
      'a `return` (a `case <-ctx.Done(): return` in a select), or the loop has no way out at all, the Stop is dead ' +
      'code: before Go 1.23 the runtime keeps an unstopped ticker (and a timer until it fires) forever, so each call ' +
      'of the function leaks one; and a loop that never ends means the goroutine running it can never be stopped, ' +
      'although the code was written as if it could. The same holds for early error returns between creating the ' +
      'ticker and the Stop at the end.',
    fix: {
      text: 'Stop it with `defer t.Stop()` right after creating it instead of after the loop; if the loop was meant to end, give it a way out (select on ctx.Done() and return).',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package poll\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Poll(ctx context.Context, f func()) {\n\tt := time.NewTicker(time.Second)\n' +
          '\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\tcase <-t.C:\n\t\t\tf()\n\t\t}\n\t}\n\tt.Stop()\n}\n',
        good:
          'package poll\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Poll(ctx context.Context, f func()) {\n\tt := time.NewTicker(time.Second)\n' +
          '\tdefer t.Stop()\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\tcase <-t.C:\n\t\t\tf()\n\t\t}\n\t}\n}\n',
        goVersion: '1.21',
      },
    ],
    messages: {
      deadStop: '{{name}}.Stop() is never reached: every path from time.{{ctor}} on line {{created}} returns first ({{exits}}), so the {{kind}} is never stopped',
      neverEnds: '{{name}}.Stop() is never reached: the loop on line {{loopLine}} has no way out, so the function (and its goroutine) never ends and the {{kind}} created on line {{created}} is never stopped',
      bypassedTicker: 'ticker {{name}} is stopped on line {{stopLine}}, but the function can return without stopping it ({{exits}}): before Go 1.23 each such return leaks the ticker for the life of the process',
      bypassedTimer: 'timer {{name}} is stopped on line {{stopLine}}, but the function can return without stopping it ({{exits}}): before Go 1.23 the timer stays in the runtime until it fires',
    },
    sources: [],
    notes:
      'Tickers and timers from time.NewTicker / time.NewTimer declared in the function (`:=` or var) and not handed ' +
      'on (returned, stored, passed, sent), with a `Stop` call after the declaration. Paths are followed with the ' +
      'shared must-reach analysis (if/else, loops with break and continue, switch/select, terminators such as panic ' +
      'and log.Fatal end a path, goto ends the analysis). A deferred Stop counts where the defer statement is ' +
      'reached. Reported: a Stop no path reaches, after a loop without a way out (any Go version: the function ' +
      'never ends), or after a loop left only by return (before Go 1.23); and, before Go 1.23, a ticker or timer ' +
      'that some return leaves unstopped while another path stops it. A ticker never stopped at all is ' +
      'ticker-not-stopped (CON1001); a goroutine ranging over ticker.C is goroutine-ticker-range-no-exit (CON1017). ' +
      'Since Go 1.23 unreferenced timers and tickers are collected, so only the loop that never ends is reported.',
  },
  prefilter: ['NewTicker', 'NewTimer'],
  prefilterAll: ['.Stop('],
  create(ctx) {
    return {
      call_expression(call) {
        check(ctx, call);
      },
    };
  },
});
