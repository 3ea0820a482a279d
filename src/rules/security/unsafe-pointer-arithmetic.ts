import type { Node } from 'web-tree-sitter';
import { defineRule, goVersionAtLeast, type RuleContext } from '../define-rule.js';
import { callArgs, unparen, calleeName } from '../../go/ast.js';
import { assignedValuesOf, resolveBinding, usesOf } from '../_shared/security-bindings.js';

/** `uintptr(x)` conversion call (the builtin type, not shadowed). */
function isUintptrConversion(ctx: RuleContext, n: Node | null): boolean {
  if (!n) return false;
  if (n.type === 'call_expression') {
    const fn = unparen(n.childForFieldName('function'));
    return fn?.type === 'identifier' && fn.text === 'uintptr' && callArgs(n).length === 1 && !ctx.isShadowed('uintptr', fn);
  }
  if (n.type === 'type_conversion_expression') return n.childForFieldName('type')?.text === 'uintptr';
  return false;
}

function conversionOperand(n: Node): Node | null {
  if (n.type === 'call_expression') return unparen(callArgs(n)[0]);
  return unparen(n.childForFieldName('operand'));
}

type UintptrOrigin = 'stored' | 'kernel' | 'unknown';

/**
 * Whether identifier `id` is a variable/parameter of type uintptr (from its declaration), and
 * where its value came from: 'kernel' for syscall results (mmap and friends return memory the
 * garbage collector does not manage), 'stored' otherwise.
 */
function uintptrVariable(ctx: RuleContext, id: Node): UintptrOrigin | undefined {
  const b = resolveBinding(id.text, id, ctx.root);
  if (b.kind === 'param' || b.kind === 'result') return b.typeText === 'uintptr' ? 'stored' : undefined;
  if (b.kind !== 'var' && b.kind !== 'package-var') return undefined;
  // `u += off` keeps the kind of value u holds: only full assignments say where it came from
  const values = assignedValuesOf(b).filter((v) => v.op === '=');
  // an out-parameter filled by a foreign API (`GetSecurityInfo(..., &sd)`): memory the GC does not manage
  const filledByCall = usesOf(b).some((u) => u.parent?.type === 'unary_expression' && u.parent.childForFieldName('operator')?.text === '&' && u.parent.parent?.type === 'argument_list');
  if (b.typeText === 'uintptr') {
    // declared and never given a value (`var _zero uintptr`, the syscall packages' idiom for a nil pointer): zero
    if (!filledByCall && !assignedValuesOf(b).length) return undefined;
    return filledByCall || values.some((v) => isSyscallResult(ctx, v.value)) ? 'kernel' : 'stored';
  }
  if (b.typeText) return undefined;
  if (!values.length) return undefined;
  let kernel = false;
  for (const v of values) {
    const e = unparen(v.value);
    if (!e) return undefined;
    if (isSyscallResult(ctx, e)) { kernel = true; continue; }
    if (!isUintptrExpr(ctx, e)) return undefined;
  }
  return kernel || filledByCall ? 'kernel' : 'stored';
}

/** Expression whose static type is obviously uintptr: a conversion, arithmetic on one, or reflect's Pointer/UnsafeAddr. */
function isUintptrExpr(ctx: RuleContext, e: Node): boolean {
  if (isUintptrConversion(ctx, e)) return true;
  if (e.type === 'binary_expression') {
    const op = e.childForFieldName('operator')?.text;
    if (op !== '+' && op !== '-' && op !== '&^' && op !== '&') return false;
    const l = unparen(e.childForFieldName('left'));
    return !!l && isUintptrExpr(ctx, l);
  }
  if (e.type === 'call_expression' && callArgs(e).length === 0) {
    const fn = unparen(e.childForFieldName('function'));
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    return name === 'UnsafeAddr';
  }
  return false;
}

function isSyscallResult(ctx: RuleContext, e: Node | null): boolean {
  const n = unparen(e);
  if (!n || n.type !== 'call_expression') return false;
  const r = ctx.resolveCall(n);
  if (!r) return false;
  if (r.pkg === 'syscall' || r.pkg === 'golang.org/x/sys/unix' || r.pkg === 'golang.org/x/sys/windows') return true;
  return /^(Raw)?Syscall\d*$|^mmap|^Mmap|^VirtualAlloc/i.test(r.name);
}

/** Leftmost operand of a chain of + / - / &^. */
function arithmeticBase(e: Node): { base: Node; ops: Set<string> } {
  const ops = new Set<string>();
  let cur = e;
  while (cur.type === 'binary_expression') {
    const op = cur.childForFieldName('operator')?.text ?? '';
    ops.add(op);
    const l = unparen(cur.childForFieldName('left'));
    if (!l) break;
    cur = l;
  }
  return { base: cur, ops };
}

export default defineRule({
  meta: {
    id: 'SEC1010',
    name: 'unsafe-pointer-arithmetic',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 2 FP, 1 "nobody would act" of 3 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: native (C or JVM off-heap) addresses passed in through cgo exports, and the valid single-expression pointer arithmetic of unsafe rule 3. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'uintptr converted back to unsafe.Pointer',
    passCriterion: 'uintptr is never converted back to unsafe.Pointer after arithmetic',
    rationale:
      'A uintptr is a plain integer: the garbage collector neither keeps the object it points to alive nor updates it ' +
      'when a stack is moved. Converting a uintptr that was stored in a variable back to unsafe.Pointer can therefore ' +
      'yield a dangling pointer, giving memory corruption that shows up rarely and far from the cause. Pointer ' +
      'arithmetic through uintptr is only valid within one expression and is easy to break in a refactor; since Go ' +
      '1.17 unsafe.Add expresses it without the uintptr round trip.',
    fix: {
      text:
        'Keep pointers as unsafe.Pointer and do arithmetic with unsafe.Add(p, off) (Go 1.17+) or unsafe.Slice; never ' +
        'store an address in a uintptr variable and convert it back later.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package buf\n\nimport "unsafe"\n\nfunc Second(b []int64) *int64 {\n\tu := uintptr(unsafe.Pointer(&b[0]))\n' +
          '\tu += 8\n\treturn (*int64)(unsafe.Pointer(u))\n}\n',
        good:
          'package buf\n\nimport "unsafe"\n\nfunc Second(b []int64) *int64 {\n' +
          '\treturn (*int64)(unsafe.Add(unsafe.Pointer(&b[0]), 8))\n}\n',
      },
    ],
    messages: {
      stored:
        'unsafe.Pointer made from uintptr variable `{{name}}`: the garbage collector does not track uintptr values, so ' +
        'the object may have been moved or freed; keep it as unsafe.Pointer and use unsafe.Add',
      arithmetic:
        'pointer arithmetic through uintptr (`{{expr}}`): valid only as one expression and easy to break; use ' +
        'unsafe.Add(p, off) (Go 1.17+)',
    },
    sources: [],
    notes:
      'No peer equivalence is claimed: go vet\'s unsafeptr judges validity with type information (reflect.Value vs a ' +
      'look-alike interface, *reflect.SliceHeader vs a value) and accepts `unsafe.Pointer(uintptr(p) + off)` in one ' +
      'expression, which this rule reports as a modernisation to unsafe.Add. Stored uintptr conversions are reported when the variable is known to hold a uintptr from its declaration ' +
      '(a uintptr parameter, `var u uintptr`, `u := uintptr(p)` or reflect UnsafeAddr()); values returned by syscalls ' +
      '(mmap and friends, memory the GC does not manage) are not reported. The single-expression arithmetic form ' +
      '`unsafe.Pointer(uintptr(p) + off)` is valid Go (go vet accepts it) and is reported at low severity only when the ' +
      'module targets Go 1.17 or later, where unsafe.Add replaces it; alignment rounding with &^ is not reported.',
  },
  prefilter: ['unsafe.Pointer'],
  create(ctx) {
    const modern = goVersionAtLeast(ctx.file.goVersion, 1, 17);
    return {
      call_expression(call) {
        if (calleeName(call) !== 'Pointer' || !ctx.isCallTo(call, 'unsafe', 'Pointer')) return;
        const args = callArgs(call);
        if (args.length !== 1) return;
        const arg = unparen(args[0]);
        if (!arg) return;
        const { base, ops } = arithmeticBase(arg);
        // stored uintptr variable (possibly with arithmetic): u, u + off
        let stored: Node | undefined;
        if (base.type === 'identifier') stored = base;
        else if (isUintptrConversion(ctx, base)) {
          const inner = conversionOperand(base);
          if (inner?.type === 'identifier') {
            const o = uintptrVariable(ctx, inner);
            if (o) stored = inner;
          }
        }
        if (stored) {
          // uintptr(unsafe.Pointer(u)): a no-op round trip back to an integer (syscall arguments)
          const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
          if (outer && isUintptrConversion(ctx, outer)) return;
          const origin = uintptrVariable(ctx, stored);
          if (origin === 'stored') {
            ctx.report({ node: call, messageId: 'stored', data: { name: stored.text } });
          }
          return;
        }
        if (arg.type !== 'binary_expression' || !isUintptrConversion(ctx, base)) return;
        if (!modern) return;
        if (![...ops].every((op) => op === '+' || op === '-')) return;
        const text = arg.text.replace(/\s+/g, ' ');
        ctx.report({
          node: call,
          messageId: 'arithmetic',
          data: { expr: text.length > 60 ? `${text.slice(0, 59)}…` : text },
          severity: 'low',
        });
      },
    };
  },
});
