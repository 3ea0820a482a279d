import { defineRule } from '../define-rule.js';
import { enclosingDeclaredFunction, functionName } from '../../go/ast.js';
import { descendantsNoFunc, goTargetBody, isUnconditionalLoop, loopHasExit, startedOnce } from '../_shared/concurrency-control.js';

export default defineRule({
  meta: {
    id: 'CON1004',
    name: 'goroutine-loop-no-exit',
    dimension: 'concurrency',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Goroutine runs an endless for loop with no way out',
    passCriterion: 'every background goroutine has an exit path (context, stop channel or closed input)',
    rationale:
      'A goroutine whose `for {}` loop has no return, no break, no cancellation case and no ranging over a ' +
      'closable channel can never be stopped. Every component that starts one (a client, a cache, a server ' +
      'created per test or per tenant) leaks the goroutine and everything it references when it is closed, ' +
      'graceful shutdown cannot wait for it, and if its input channel is closed the loop spins on zero values.',
    fix: {
      text: 'Give the loop a way out: select on ctx.Done() (or a done channel closed by Close/Stop) and return, or range over a channel that the owner closes.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package cache\n\nimport "time"\n\ntype Cache struct{ items map[string]string }\n\nfunc New() *Cache {\n' +
          '\tc := &Cache{items: map[string]string{}}\n\tgo func() {\n\t\tfor {\n\t\t\ttime.Sleep(time.Minute)\n' +
          '\t\t\tc.items = map[string]string{}\n\t\t}\n\t}()\n\treturn c\n}\n',
        good:
          'package cache\n\nimport (\n\t"context"\n\t"time"\n)\n\ntype Cache struct{ items map[string]string }\n\n' +
          'func New(ctx context.Context) *Cache {\n\tc := &Cache{items: map[string]string{}}\n\tgo func() {\n' +
          '\t\tt := time.NewTicker(time.Minute)\n\t\tdefer t.Stop()\n\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n' +
          '\t\t\t\treturn\n\t\t\tcase <-t.C:\n\t\t\t\tc.items = map[string]string{}\n\t\t\t}\n\t\t}\n\t}()\n\treturn c\n}\n',
      },
    ],
    messages: {
      noExit: 'goroutine{{target}} runs an endless for loop (line {{loopLine}}) with no return, break or cancellation: it can never be stopped',
    },
    sources: [],
    notes:
      'The goroutine body is the func literal of the go statement, or a function/uniquely named method declared in ' +
      'the same file. A loop counts as exitable when its body (outside nested function literals) has a return, a ' +
      'break or labelled break leaving it, a goto, or a call that ends the goroutine or process (panic, os.Exit, ' +
      'log.Fatal, runtime.Goexit). Loops with a condition and `for range ch` loops are never reported. Goroutines ' +
      'started from func main or init, or inside a sync.Once Do callback, are process-lifetime by design and are not ' +
      'reported. Severity is low because such workers are often intentional (CLI tools, singletons); the finding ' +
      'matters most in libraries and in components that are created and closed repeatedly.',
  },
  prefilter: ['go '],
  prefilterAll: ['for '],
  create(ctx) {
    return {
      go_statement(stmt) {
        const starter = functionName(enclosingDeclaredFunction(stmt));
        if (starter === 'init' || (ctx.file.isMain && starter === 'main')) return;
        if (startedOnce(stmt)) return;
        const target = goTargetBody(ctx, stmt);
        if (!target) return;
        const endless = descendantsNoFunc(target.body, ['for_statement']).find((loop) => isUnconditionalLoop(loop) && !loopHasExit(loop));
        if (!endless) return;
        const name = target.literal ? '' : ` ${functionName(target.fn) ?? ''}`;
        ctx.report({
          node: stmt,
          messageId: 'noExit',
          data: { target: name, loopLine: endless.startPosition.row + 1 },
        });
      },
    };
  },
});
