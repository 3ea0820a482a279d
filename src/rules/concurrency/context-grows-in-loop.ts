import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignmentOf, callArgs, closest, FUNCTION_TYPES, unparen } from '../../go/ast.js';
import { descendantsNoFunc, loopBody } from '../_shared/concurrency-control.js';

/** context functions that wrap their parent in a new, longer chain. */
const WRAPPERS = ['WithValue', 'WithCancel', 'WithCancelCause', 'WithTimeout', 'WithTimeoutCause', 'WithDeadline', 'WithDeadlineCause', 'WithoutCancel'];

/** Whether `name` is declared (:=, var, `for x := range`) anywhere in `loop` outside function literals: fresh each iteration. */
function declaredInLoop(loop: Node, name: string): boolean {
  for (const d of descendantsNoFunc(loop, ['short_var_declaration', 'var_spec', 'range_clause'])) {
    // the range clause has no operator field: its `:=` is an anonymous child
    if (d.type === 'range_clause' && !d.children.some((c) => c?.type === ':=')) continue;
    const left = d.type === 'var_spec' ? d.childrenForFieldName('name') : d.childForFieldName('left')?.namedChildren ?? [];
    if (left.some((n) => n?.text === name)) return true;
  }
  return false;
}

/**
 * Whether the key of a WithValue call changes with the iteration: it reads a variable declared in the loop (the
 * range key, a `:=` in the body or the for clause). Each iteration then stores a different key, and the chain is
 * the intended set of values (one per header, one per claim), bounded by the collection the loop walks.
 */
function keyVariesPerIteration(loop: Node, key: Node | undefined): boolean {
  if (!key) return false;
  const ids = key.type === 'identifier' ? [key] : key.descendantsOfType('identifier').filter((n): n is Node => !!n);
  return ids.some((id) => declaredInLoop(loop, id.text));
}

export default defineRule({
  meta: {
    id: 'CON1019',
    name: 'context-grows-in-loop',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 3 FP, 1 "nobody would act" of 5 judged — precision 25.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: context.WithValue in a loop that stores one value per distinct key (headers, claims) on purpose. The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-16 sample (WithValue with a key declared in the loop (one value per key) is no longer reported), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Context reassigned to a child of itself inside a loop',
    rationale:
      '`ctx = context.WithValue(ctx, k, v)` (or WithTimeout/WithCancel) inside a loop wraps the previous context in a ' +
      'new one on every iteration. The chain grows with the number of iterations: each Value lookup walks all of it ' +
      '(quadratic time over a long loop), every level stays reachable (memory grows until the loop ends), and with ' +
      'WithCancel/WithTimeout each level registers a child with its parent, so a long-running loop leaks until the ' +
      'root is cancelled.',
    fix: {
      text: 'Derive into a new variable scoped to the iteration (`ictx := context.WithValue(ctx, k, v)`, or `ictx, cancel := ...; defer`-free cancel at the end of the iteration).',
      effort: 'low',
    },
    passCriterion: 'contexts derived inside a loop go into per-iteration variables, never back into the ctx the loop reuses',
    examples: [
      {
        bad:
          'package jobs\n\nimport "context"\n\ntype key struct{}\n\nfunc RunAll(ctx context.Context, jobs []func(context.Context)) {\n' +
          '\tfor i, job := range jobs {\n\t\tctx = context.WithValue(ctx, key{}, i)\n\t\tjob(ctx)\n\t}\n}\n',
        good:
          'package jobs\n\nimport "context"\n\ntype key struct{}\n\nfunc RunAll(ctx context.Context, jobs []func(context.Context)) {\n' +
          '\tfor i, job := range jobs {\n\t\tjctx := context.WithValue(ctx, key{}, i)\n\t\tjob(jctx)\n\t}\n}\n',
      },
    ],
    messages: {
      grows: '{{name}} = context.{{fn}}({{name}}, ...) inside a loop (line {{loopLine}}) nests one more context per iteration: assign to a variable declared in the loop',
    },
    sources: ['golangci:fatcontext'],
    notes:
      'Reported when the assignment uses `=` (not `:=`), its target is the same plain variable as the first argument ' +
      'of a context.With* call, the assignment sits in the body of a for loop (not in a function literal inside it), and ' +
      'the variable is not declared inside that loop. A WithValue whose key reads a variable declared in the loop (the ' +
      'range key, a `:=` in the body) stores a different key each iteration (one value per header or per claim): every ' +
      'level stays readable and the chain is bounded by the collection walked, so it is not reported; the same key ' +
      're-wrapped each iteration (only the newest value is ever read) and every WithCancel/WithTimeout/WithDeadline are. fatcontext also follows contexts stored in struct fields; this ' +
      'rule only follows local variables and parameters.',
  },
  prefilter: ['context.With'],
  prefilterAll: ['for '],
  create(ctx) {
    return {
      call_expression(call) {
        const r = ctx.resolveCall(call);
        if (r?.pkg !== 'context' || !WRAPPERS.includes(r.name)) return;
        const parent = unparen(callArgs(call)[0]);
        if (parent?.type !== 'identifier') return;
        const a = assignmentOf(call);
        if (a?.stmt.type !== 'assignment_statement' || a.stmt.childForFieldName('operator')?.text !== '=') return;
        const target = a.targets[0];
        if (target?.type !== 'identifier' || target.text !== parent.text) return;
        const loop = closest(a.stmt, 'for_statement', FUNCTION_TYPES);
        const body = loop ? loopBody(loop) : null;
        if (!loop || !body || a.stmt.startIndex < body.startIndex) return;
        if (declaredInLoop(loop, parent.text)) return;
        // distinct keys per iteration: every value stays readable, so the nesting is the point, not growth to fix
        if (r.name === 'WithValue' && keyVariesPerIteration(loop, unparen(callArgs(call)[1]) ?? undefined)) return;
        ctx.report({ node: a.stmt, messageId: 'grows', data: { name: parent.text, fn: r.name, loopLine: loop.startPosition.row + 1 } });
      },
    };
  },
});
