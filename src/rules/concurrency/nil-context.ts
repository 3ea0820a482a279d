import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { exprDeclaredAs } from '../_shared/declared-type.js';
import { callArgs, unparen } from '../../go/ast.js';
import { isContextType } from '../_shared/context-scope.js';

/** context constructors: a nil parent panics ("cannot create context from nil parent"). */
const CONTEXT_DERIVERS = [
  'WithCancel', 'WithCancelCause', 'WithTimeout', 'WithTimeoutCause', 'WithDeadline', 'WithDeadlineCause',
  'WithValue', 'WithoutCancel', 'AfterFunc',
];

/** Standard-library functions whose first parameter is a context.Context. */
const STD_CONTEXT_FIRST: Record<string, string[]> = {
  'net/http': ['NewRequestWithContext'],
  'os/exec': ['CommandContext'],
  'os/signal': ['NotifyContext'],
  'runtime/pprof': ['Do', 'SetGoroutineLabels'],
  'runtime/trace': ['NewTask', 'StartRegion', 'WithRegion', 'Log', 'Logf'],
};

/**
 * Methods of well-known APIs whose first parameter is a context.Context, by name (the receiver's type is not known
 * without type information): database/sql's *Context variants and BeginTx, net's DialContext, and
 * (*http.Request).WithContext, which panics on nil.
 */
const KNOWN_CONTEXT_METHODS: Record<string, 'panics' | 'uses'> = {
  WithContext: 'panics',
  QueryContext: 'uses',
  QueryRowContext: 'uses',
  ExecContext: 'uses',
  PrepareContext: 'uses',
  PingContext: 'uses',
  BeginTx: 'uses',
  DialContext: 'uses',
};

/** Whether `fn` (a declaration) takes a context.Context as its first non-receiver parameter. */
function firstParamIsContext(ctx: RuleContext, fn: Node): boolean {
  const list = fn.childForFieldName('parameters');
  const first = list?.namedChildren.find((d) => d?.type === 'parameter_declaration');
  const type = first?.childForFieldName('type')?.text;
  return !!type && isContextType(ctx, type);
}

/** The type name of a written type without pointer and type arguments (`*T`, `T[K]` → `T`); `pkg.T` stays as written, so it never matches a method of this file. */
function baseTypeName(type: string): string {
  return type.trim().replace(/^\*\s*/, '').replace(/\[.*$/, '');
}

/** The receiver type name of a method declaration. */
function receiverTypeName(method: Node): string | undefined {
  const decl = method.childForFieldName('receiver')?.namedChildren.find((d) => d?.type === 'parameter_declaration');
  const t = decl?.childForFieldName('type')?.text;
  return t ? baseTypeName(t) : undefined;
}

/** What the nil is passed to, when its first parameter is known to be a context.Context. */
function contextCallee(ctx: RuleContext, call: Node): { what: string; panics: boolean } | undefined {
  if (ctx.isCallTo(call, 'context', ...CONTEXT_DERIVERS)) return { what: `context.${ctx.resolveCall(call)?.name}`, panics: true };
  const r = ctx.resolveCall(call);
  if (!r) return undefined;
  if (r.pkg) {
    if (STD_CONTEXT_FIRST[r.pkg]?.includes(r.name)) return { what: r.name, panics: false };
    return undefined;
  }
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type === 'identifier') {
    const decl = ctx.isShadowed(fn.text, fn) ? undefined : ctx.functions.func(fn.text);
    return decl && firstParamIsContext(ctx, decl.node) ? { what: fn.text, panics: false } : undefined;
  }
  if (!r.recv) return undefined;
  const declared = ctx.functions.methods(r.name);
  // a well-known API's method, unless this file declares a method of that name whose first parameter is something else
  // (a name ending in Context is no evidence: blind sample s9, a credentials holder and a placeholder store took nil)
  const known = KNOWN_CONTEXT_METHODS[r.name];
  if (known && !declared.some((m) => !firstParamIsContext(ctx, m.node))) return { what: r.name, panics: known === 'panics' };
  // a method of this file only when the receiver is declared as that method's type: another package's type may have a
  // method of the same name that takes no context (blind sample of 2026-12-10: a shard annotation, nil meaning "none")
  const methods = declared.filter((m) => firstParamIsContext(ctx, m.node));
  const types = new Set(methods.map((m) => receiverTypeName(m.node)).filter((t): t is string => !!t));
  const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
  if (types.size && operand && exprDeclaredAs(ctx, operand, call, { type: (t) => types.has(baseTypeName(t)) })) return { what: r.name, panics: false };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'CON1011',
    name: 'nil-context',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      "Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 9 FP of 9 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: nil passed to a parameter that is not a context.Context although the callee's name says WithContext (a library's credential context, a custom placeholder store). The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-16 sample (nil is reported only where the parameter is known to be a context.Context), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.",
    title: 'nil passed where a context.Context is expected',
    passCriterion: 'every call that takes a context receives a real one (never nil)',
    rationale:
      'A nil context is not an empty one: context.WithCancel/WithTimeout/WithValue and Request.WithContext panic on a ' +
      'nil parent, and any callee that calls ctx.Done(), ctx.Err() or ctx.Value() dereferences nil. Code that works ' +
      'today because the callee happens not to touch the context breaks when the callee (or a library under it) starts ' +
      'honouring cancellation, and the call can never be cancelled or carry a deadline or trace.',
    fix: {
      text: 'Pass the caller\'s ctx; where there truly is none yet, pass context.TODO() (to mark the gap) or context.Background().',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package jobs\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Run(work func(context.Context) error) error {\n' +
          '\tctx, cancel := context.WithTimeout(nil, time.Minute)\n\tdefer cancel()\n\treturn work(ctx)\n}\n',
        good:
          'package jobs\n\nimport (\n\t"context"\n\t"time"\n)\n\nfunc Run(parent context.Context, work func(context.Context) error) error {\n' +
          '\tctx, cancel := context.WithTimeout(parent, time.Minute)\n\tdefer cancel()\n\treturn work(ctx)\n}\n',
      },
    ],
    messages: {
      nilContext: 'nil passed as the context of {{callee}}{{panics}}: pass the caller\'s ctx, or context.TODO() where there is none',
    },
    sources: ['staticcheck:SA1012'],
    notes:
      'Without type information the callee is recognised when its first parameter is known to be a context.Context: ' +
      'the context package\'s With* constructors, standard-library functions (http.NewRequestWithContext, ' +
      'exec.CommandContext, signal.NotifyContext, runtime/pprof and runtime/trace helpers), functions and methods ' +
      'declared in the same file with a context.Context first parameter (a method only when the receiver is declared as its type), and ' +
      'methods of well-known APIs by name (database/sql\'s `QueryContext`, `QueryRowContext`, `ExecContext`, `PrepareContext`, ' +
      '`PingContext`, `BeginTx`; `DialContext`; `WithContext`), unless the same file declares a method of that name taking ' +
      'something else. Other names ending in Context are not evidence (a `GetWithContext(*CredContext)` takes nil by ' +
      'design); calls to other packages\' functions and to methods declared in other files are not judged.',
  },
  prefilter: ['(nil'],
  create(ctx) {
    return {
      call_expression(call) {
        const first = unparen(callArgs(call)[0]);
        if (first?.type !== 'nil') return;
        const callee = contextCallee(ctx, call);
        if (!callee) return;
        ctx.report({
          node: first,
          messageId: 'nilContext',
          data: { callee: callee.what, panics: callee.panics ? ' (it panics on a nil context)' : '' },
          severity: callee.panics ? 'high' : 'medium',
        });
      },
    };
  },
});
