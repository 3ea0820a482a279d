/**
 * Constant evaluation and option-list reading for the runtime file rules: time.Duration
 * constant expressions (time.Second * 10, 30 * time.Second, time.Duration(5) * time.Minute, a
 * const declared in the file) and the options a call such as grpc.NewServer(opts...) receives.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, callArgs, enclosingFunction, intValue, literalElements, unparen } from '../../go/ast.js';

const TIME_UNITS: Record<string, number> = {
  Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9, Minute: 60e9, Hour: 3600e9,
};

/** Nanoseconds of a constant time.Duration expression, or undefined when not constant. */
export function durationNanos(ctx: RuleContext, node: Node | null | undefined, depth = 0): number | undefined {
  const n = unparen(node);
  if (!n || depth > 8) return undefined;
  switch (n.type) {
    case 'int_literal':
      return intValue(n);
    case 'float_literal': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'selector_expression': {
      const op = unparen(n.childForFieldName('operand'));
      const field = n.childForFieldName('field')?.text;
      if (op && field && op.type === 'identifier' && ctx.isPackageRef(op, 'time') && field in TIME_UNITS) return TIME_UNITS[field];
      return undefined;
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const l = durationNanos(ctx, n.childForFieldName('left'), depth + 1);
      const r = durationNanos(ctx, n.childForFieldName('right'), depth + 1);
      if (l === undefined || r === undefined) return undefined;
      if (op === '*') return l * r;
      if (op === '/') return r === 0 ? undefined : Math.trunc(l / r);
      if (op === '+') return l + r;
      if (op === '-') return l - r;
      return undefined;
    }
    case 'call_expression': {
      // time.Duration(x) conversion
      if (ctx.isCallTo(n, 'time', 'Duration')) return durationNanos(ctx, callArgs(n)[0], depth + 1);
      return undefined;
    }
    case 'identifier': {
      if (ctx.isShadowed(n.text, n) && !localConst(n)) return undefined;
      const spec = constSpecFor(ctx, n);
      if (!spec) return undefined;
      const names = assignedNames(spec);
      const values = assignedValues(spec);
      const i = names.findIndex((x) => x.text === n.text);
      return i >= 0 ? durationNanos(ctx, values[i], depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function localConst(ident: Node): Node | null {
  const fn = enclosingFunction(ident);
  if (!fn) return null;
  for (const spec of fn.descendantsOfType('const_spec')) {
    if (spec && spec.startIndex < ident.startIndex && assignedNames(spec).some((x) => x.text === ident.text)) return spec;
  }
  return null;
}

/** The const spec declaring `ident` (function-local first, then package level of this file). */
function constSpecFor(ctx: RuleContext, ident: Node): Node | null {
  const local = localConst(ident);
  if (local) return local;
  for (const decl of ctx.root.namedChildren) {
    if (!decl || decl.type !== 'const_declaration') continue;
    for (const spec of decl.descendantsOfType('const_spec')) {
      if (spec && assignedNames(spec).some((x) => x.text === ident.text)) return spec;
    }
  }
  return null;
}

/** Human form of a duration in nanoseconds: 500ms, 10s, 1m30s. */
export function formatDuration(ns: number): string {
  if (ns < 1e6) return `${ns}ns`;
  if (ns < 1e9) return `${ns / 1e6}ms`;
  const s = ns / 1e9;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
}

export interface OptionList {
  /** Every option is accounted for (direct calls, or a local slice built from direct calls). */
  known: boolean;
  /** Names of the option functions of `pkg` that were passed (e.g. KeepaliveParams). */
  names: Set<string>;
}

/**
 * The options `call` receives from package `pkg` (e.g. grpc.NewServer(grpc.MaxRecvMsgSize(n), opts...)).
 * Calls into other packages outside this module count as known options that are not from `pkg`;
 * calls of local helpers, parameters and slices of unknown origin make the list unknown.
 */
export function optionList(ctx: RuleContext, call: Node, pkg: string): OptionList {
  const res: OptionList = { known: true, names: new Set() };
  const fn = enclosingFunction(call);
  const modulePath = ctx.file.modulePath;
  const visitOption = (arg: Node) => {
    const a = unparen(arg);
    if (!a) return;
    if (a.type === 'call_expression') {
      const r = ctx.resolveCall(a);
      if (r?.pkg === pkg) { res.names.add(r.name); return; }
      if (r?.pkg && !(modulePath && (r.pkg === modulePath || r.pkg.startsWith(`${modulePath}/`)))) return; // a library's option
      res.known = false;
      return;
    }
    res.known = false;
  };
  const seen = new Set<string>();
  const visitSlice = (ident: Node) => {
    if (seen.has(ident.text)) return;
    seen.add(ident.text);
    if (!fn) { res.known = false; return; }
    const body = fn.childForFieldName('body');
    if (!body) { res.known = false; return; }
    let defined = false;
    for (const stmt of body.descendantsOfType(['short_var_declaration', 'assignment_statement', 'var_spec'])) {
      if (!stmt || stmt.startIndex > call.startIndex) continue;
      const names = assignedNames(stmt);
      const idx = names.findIndex((x) => x.text === ident.text);
      if (idx < 0) continue;
      const values = assignedValues(stmt);
      const v = unparen(values[idx] ?? null);
      if (!v) { if (stmt.type === 'var_spec') defined = true; continue; }
      defined = true;
      if (v.type === 'composite_literal') {
        for (const el of literalElements(v)) visitOption(el.value);
      } else if (v.type === 'call_expression' && unparen(v.childForFieldName('function'))?.text === 'append') {
        const args = callArgs(v);
        if (unparen(args[0] ?? null)?.text !== ident.text) { res.known = false; continue; }
        args.slice(1).forEach((x) => {
          if (x.type === 'variadic_argument') {
            const inner = unparen(x.namedChild(0));
            if (inner?.type === 'identifier') visitSlice(inner);
            else if (inner?.type === 'composite_literal') for (const el of literalElements(inner)) visitOption(el.value);
            else res.known = false;
          } else visitOption(x);
        });
      } else res.known = false;
    }
    if (!defined) res.known = false;
  };
  for (const arg of callArgs(call)) {
    if (arg.type === 'variadic_argument') {
      const a = unparen(arg.namedChild(0));
      if (a?.type === 'identifier') visitSlice(a);
      else if (a?.type === 'composite_literal') for (const el of literalElements(a)) visitOption(el.value);
      else res.known = false;
      continue;
    }
    visitOption(arg);
  }
  return res;
}
