import { defineRule, type Visitors } from '../define-rule.js';
import { assignmentOf, enclosingDeclaredFunction, enclosingFunction } from '../../go/ast.js';
import { boundName, directEscape, methodCalledOn, variableEscapes } from '../_shared/value-flow.js';
import { timersCollectedUnreferenced } from '../_shared/concurrency-control.js';

export default defineRule({
  meta: {
    id: 'CON1001',
    name: 'ticker-not-stopped',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 1 FP, 3 "nobody would act" of 4 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: tickers that live as long as the process, in code started once, and packages nothing imports. It returns to the default set when a fresh blind record clears the bar.',
    title: 'time.NewTicker result is never stopped',
    passCriterion: 'every ticker created with time.NewTicker is stopped on the paths that end its owner',
    rationale:
      'A ticker keeps firing until Stop is called. Before Go 1.23 an unstopped ticker is never garbage collected: ' +
      'each one created in a request path or a retry loop leaks its runtime timer for the life of the process and ' +
      'keeps waking the scheduler. Since Go 1.23 (go directive >= 1.23) unreferenced tickers are collected, which ' +
      'makes a local ticker without Stop harmless.',
    fix: { text: 'Call t.Stop() when the ticker is no longer needed, usually `defer t.Stop()` right after time.NewTicker.', effort: 'low' },
    examples: [
      {
        bad: 'package poll\n\nimport "time"\n\nfunc Poll(f func()) {\n\tt := time.NewTicker(time.Second)\n\tfor range t.C {\n\t\tf()\n\t}\n}\n',
        good: 'package poll\n\nimport "time"\n\nfunc Poll(done <-chan struct{}, f func()) {\n\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\tfor {\n\t\tselect {\n\t\tcase <-done:\n\t\t\treturn\n\t\tcase <-t.C:\n\t\t\tf()\n\t\t}\n\t}\n}\n',
      },
    ],
    messages: {
      notStopped: 'ticker {{name}} is never stopped',
      discarded: 'ticker created by time.NewTicker is not kept, so it can never be stopped',
    },
    sources: [],
    notes:
      'Go-version aware: when the module\'s go directive is >= 1.23 nothing is reported, since the runtime then ' +
      'collects unreferenced tickers and the rule only reports tickers that stay local to a function (a ticker stored ' +
      'in a struct or passed on is the owner\'s to stop); below 1.23 (or unknown) it is medium. Not reported in code ' +
      'that runs only at start-up (src/facts/execution-frequency.ts: main/init, functions only they call, command ' +
      'hooks): such a ticker is created once and lives as long as the process, so nothing accumulates.',
  },
  prefilter: ['NewTicker'],
  create(ctx): Visitors {
    // Since Go 1.23 a ticker nothing references is collected: a local one that does not escape is either
    // still in use (the loop reading it runs) or unreferenced and gone, so there is nothing to report
    if (timersCollectedUnreferenced(ctx)) return {};
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'time', 'NewTicker')) return;
        if (directEscape(call)) return;
        const bound = boundName(call);
        if (!bound) {
          // assigned to a field / index expression: stored, the owner is responsible
          if (assignmentOf(call)) return;
          ctx.report({ node: call, messageId: 'discarded', onceOnly: 'skip-startup' });
          return;
        }
        if ('blank' in bound) {
          ctx.report({ node: call, messageId: 'discarded', onceOnly: 'skip-startup' });
          return;
        }
        // `t = time.NewTicker(...)` on a variable declared outside any function: a package-level
        // ticker whose owner (another function) stops it
        if (bound.stmt.type === 'assignment_statement' && !ctx.isShadowed(bound.name, bound.node)) return;
        // search the whole declared function, so a Stop in the code around a closure counts
        const fn = enclosingDeclaredFunction(call) ?? enclosingFunction(call) ?? ctx.root;
        if (methodCalledOn(fn, bound.name, ['Stop'])) return;
        if (variableEscapes(fn, bound.name, bound.node.endIndex)) return;
        // a ticker made by start-up code is made once and lives as long as the process: nothing accumulates (blind
        // sample 2026-12-13: gophish's rate limiter cleanup, started once from the server's constructor)
        ctx.report({ node: call, messageId: 'notStopped', data: { name: bound.name }, onceOnly: 'skip-startup' });
      },
    };
  },
});
