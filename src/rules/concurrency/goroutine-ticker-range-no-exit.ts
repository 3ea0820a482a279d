import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { functionName, unparen } from '../../go/ast.js';
import { descendantsNoFunc, goTargetBody, loopHasExit, rangeClause, startedForProcessLifetime } from '../_shared/concurrency-control.js';
import { exprDeclaredAs, isQualifiedType } from '../_shared/declared-type.js';
import { contextInScope } from '../_shared/context-scope.js';
import { stopMechanismInScope } from '../_shared/stop-mechanism.js';

/** The ticker channel a range loop iterates (`t.C`, `s.ticker.C`), as written; undefined otherwise. */
function tickerChannel(ctx: RuleContext, loop: Node): string | undefined {
  const right = unparen(rangeClause(loop)?.childForFieldName('right'));
  if (!right) return undefined;
  if (right.type !== 'selector_expression' || right.childForFieldName('field')?.text !== 'C') return undefined;
  const operand = right.childForFieldName('operand');
  if (!operand) return undefined;
  const isTicker = exprDeclaredAs(ctx, operand, loop, {
    type: (t) => isQualifiedType(ctx, t, 'time', ['Ticker']),
    value: (e) => {
      const c = unparen(e);
      return c?.type === 'call_expression' && ctx.isCallTo(c, 'time', 'NewTicker');
    },
  });
  return isTicker ? right.text : undefined;
}

/** Whether identifier `name` is read anywhere in `body`. */
function mentions(body: Node, name: string): boolean {
  return body.descendantsOfType('identifier').some((id) => id?.text === name);
}

export default defineRule({
  meta: {
    id: 'CON1017',
    name: 'goroutine-ticker-range-no-exit',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-17 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 0 FP, 2 "nobody would act" of 4 judged — "nobody would act" 50.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: tickers of goroutines started once at start-up and meant to run until the process exits (a Stop that nothing calls). Reworked after the draw of 2026-12-25 (goroutines in code that only one-shot programs of the repository reach are not reported, src/facts/process-lifetime.ts), so its record restarts at 2026-12-30 (blindRecordFrom); the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Goroutine ranges over a ticker channel and can never end',
    rationale:
      '`for range ticker.C` ends only when the channel is closed, and Ticker.Stop does not close C: it only stops ' +
      'the ticks. A goroutine whose loop ranges over a ticker therefore runs until the process exits, even after ' +
      'Stop (a deferred Stop next to it never runs at all, since the loop never ends). Started per request, per ' +
      'connection or per component start, every call leaks one goroutine plus everything it references, and Close ' +
      'or graceful shutdown cannot wait for it.',
    fix: {
      text: 'Loop with `for { select { case <-ctx.Done(): return; case <-t.C: ... } }` (or a done channel closed by Close/Stop) and keep `defer t.Stop()`.',
      effort: 'low',
    },
    passCriterion: 'ticker-driven goroutines select on ctx.Done() or a stop channel instead of ranging over ticker.C',
    examples: [
      {
        bad:
          'package cache\n\nimport (\n\t"context"\n\t"time"\n)\n\ntype Cache struct{ items map[string]string }\n\n' +
          'func (c *Cache) Start(ctx context.Context) {\n\tgo func() {\n\t\tt := time.NewTicker(time.Minute)\n\t\tdefer t.Stop()\n' +
          '\t\tfor range t.C {\n\t\t\tc.items = map[string]string{}\n\t\t}\n\t}()\n}\n',
        good:
          'package cache\n\nimport (\n\t"context"\n\t"time"\n)\n\ntype Cache struct{ items map[string]string }\n\n' +
          'func (c *Cache) Start(ctx context.Context) {\n\tgo func() {\n\t\tt := time.NewTicker(time.Minute)\n\t\tdefer t.Stop()\n' +
          '\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n\t\t\t\treturn\n\t\t\tcase <-t.C:\n\t\t\t\tc.items = map[string]string{}\n' +
          '\t\t\t}\n\t\t}\n\t}()\n}\n',
      },
    ],
    messages: {
      noExit: 'goroutine{{target}} ranges over {{chan}} (line {{loopLine}}) with no return or break: Stop does not close the channel, so the goroutine never ends',
      ctxUnused:
        'goroutine{{target}} ranges over {{chan}} (line {{loopLine}}) with no return or break while {{ctx}} is in scope but never checked: the goroutine outlives cancellation',
    },
    sources: [],
    notes:
      'Range loops over `x.C` where x is declared as *time.Ticker or initialised from time.NewTicker (a local, or a ' +
      'field declared in the same file), inside the body the go statement runs (its func ' +
      'literal, or a same-file function or uniquely named method). A loop with a return, a break leaving it, a goto ' +
      'or a call ending the goroutine (panic, os.Exit, log.Fatal, runtime.Goexit) counts as exitable. Goroutines ' +
      'started from func main or init, or inside a sync.Once Do callback, are process-lifetime by design and are ' +
      'reported only when a context.Context is in scope of the go statement and the goroutine never mentions it; so are ' +
      'goroutines started where no stop mechanism is in scope at all (no context, request or stop-channel parameter, ' +
      'no receiver with a stop field or a Close/Stop method that does something, as goroutine-loop-no-exit CON1004 ' +
      'decides): such a component lives as long as the process (blind sample 2026-12-12: metallb\'s FRR reload ' +
      'validator, started once with the speaker\'s session manager). ' +
      '`for { <-t.C }` loops without exit are reported by goroutine-loop-no-exit (CON1004). `for range time.Tick(d)` ' +
      'is not reported: time.Tick states that the ticker lives as long as the process, and in code that returns it is ' +
      'reported by time-tick-leak (CON1002); on real repositories such loops were process-lifetime workers started ' +
      'once from setup code. Not reported either in code that only one-shot programs of the repository reach ' +
      '(src/facts/process-lifetime.ts: every shipped package main whose in-repository imports reach the code serves nothing, ' +
      'runs no controller manager, informers or leader election, never blocks forever and does not wait on a channel in ' +
      'main): the goroutine ends with the process a moment later (blind sample 2026-12-25: certificate-transparency-go\'s ' +
      'fixchain stats goroutines, whose only program is the one-shot chainfix command). A package a long-running program ' +
      'of the repository imports too, or that no program of the repository reaches (a library), is judged as before.',
  },
  prefilter: ['go '],
  prefilterAll: ['"time"', 'range '],
  create(ctx) {
    return {
      go_statement(stmt) {
        const target = goTargetBody(ctx, stmt);
        if (!target) return;
        let found: { loop: Node; chan: string } | undefined;
        for (const loop of descendantsNoFunc(target.body, ['for_statement'])) {
          if (loopHasExit(loop)) continue;
          const chan = tickerChannel(ctx, loop);
          if (chan) {
            found = { loop, chan };
            break;
          }
        }
        if (!found) return;
        const inScope = contextInScope(ctx, stmt, false);
        const ctxUnused = inScope && !mentions(target.literal ? target.body : stmt, inScope.expr) ? inScope.expr : undefined;
        // started once from main/init/sync.Once, or by code with no way to stop anything (no context, stop channel or
        // stoppable receiver in scope: the component lives as long as the process, as goroutine-loop-no-exit judges it)
        if (!ctxUnused && (startedForProcessLifetime(ctx, stmt) || !stopMechanismInScope(ctx, stmt, target.literal ? undefined : target.fn))) return;
        const target_ = target.literal ? '' : ` ${functionName(target.fn) ?? ''}`;
        ctx.report({
          node: stmt,
          messageId: ctxUnused ? 'ctxUnused' : 'noExit',
          data: { target: target_, chan: found.chan, loopLine: found.loop.startPosition.row + 1, ctx: ctxUnused ?? '' },
          oneShot: 'skip',
        });
      },
    };
  },
});
