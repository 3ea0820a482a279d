/**
 * Constant folding without type information: the value of an expression when it is fixed at
 * compile time or by a single assignment — literals, `!x`, parentheses, conversions, constants
 * (local and package level), variables assigned exactly once, and named constants of an imported
 * package (kept symbolic: `crypto/tls.VersionTLS10`). Anything else is undefined (unknown).
 */
import type { Node } from 'web-tree-sitter';
import { intValue, stringValue, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { assignedValuesOf, resolveBinding, usesOf } from './security-bindings.js';

export type ConstValue =
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'string'; value: string }
  /** A named constant of an imported package, e.g. { pkg: 'crypto/tls', name: 'VersionTLS10' }. */
  | { kind: 'pkg-const'; pkg: string; name: string };

const MAX_DEPTH = 8;
const CONVERSIONS = /^(u?int(8|16|32|64)?|uintptr|bool|string)$/;

/** Whether a variable is written anywhere but its declaration (assignment, ++/--, address taken). */
function writtenAfterDecl(uses: Node[]): boolean {
  return uses.some((u) => {
    const p = u.parent;
    if (p?.type === 'unary_expression' && p.childForFieldName('operator')?.text === '&') return true;
    if (p?.type === 'inc_statement' || p?.type === 'dec_statement') return true;
    return false;
  });
}

export function evalConst(ctx: RuleContext, expr: Node | null | undefined, depth = 0): ConstValue | undefined {
  const e = unparen(expr);
  if (!e || depth > MAX_DEPTH) return undefined;
  switch (e.type) {
    case 'true':
    case 'false':
      return { kind: 'bool', value: e.type === 'true' };
    case 'int_literal': {
      const v = intValue(e);
      return v === undefined ? undefined : { kind: 'int', value: v };
    }
    case 'interpreted_string_literal':
    case 'raw_string_literal': {
      const s = stringValue(e);
      return s === undefined ? undefined : { kind: 'string', value: s };
    }
    case 'unary_expression': {
      const op = e.childForFieldName('operator')?.text;
      const v = evalConst(ctx, e.childForFieldName('operand'), depth + 1);
      if (op === '!' && v?.kind === 'bool') return { kind: 'bool', value: !v.value };
      if (op === '-' && v?.kind === 'int') return { kind: 'int', value: -v.value };
      return undefined;
    }
    case 'binary_expression': {
      const op = e.childForFieldName('operator')?.text;
      const l = evalConst(ctx, e.childForFieldName('left'), depth + 1);
      const r = evalConst(ctx, e.childForFieldName('right'), depth + 1);
      if (l?.kind === 'bool' && r?.kind === 'bool') {
        if (op === '&&') return { kind: 'bool', value: l.value && r.value };
        if (op === '||') return { kind: 'bool', value: l.value || r.value };
      }
      return undefined;
    }
    case 'type_conversion_expression':
      return CONVERSIONS.test(e.childForFieldName('type')?.text ?? '') ? evalConst(ctx, e.childForFieldName('operand'), depth + 1) : undefined;
    case 'call_expression': {
      // conversions parse as calls without type information: uint16(x), bool(x)
      const fn = unparen(e.childForFieldName('function'));
      const args = e.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier' && CONVERSIONS.test(fn.text) && args.length === 1 && !ctx.functions.declares(fn.text)) {
        return evalConst(ctx, args[0], depth + 1);
      }
      return undefined;
    }
    case 'selector_expression': {
      const op = unparen(e.childForFieldName('operand'));
      const name = e.childForFieldName('field')?.text;
      if (op?.type !== 'identifier' || !name) return undefined;
      const pkg = ctx.imports.pathOf(op.text);
      return pkg !== undefined && ctx.isPackageRef(op, pkg) && /^[A-Z]/.test(name) ? { kind: 'pkg-const', pkg, name } : undefined;
    }
    case 'identifier': {
      if (e.text === 'iota') return undefined;
      const b = resolveBinding(e.text, e, ctx.root);
      if (b.kind === 'const' || b.kind === 'package-const') {
        const [v] = assignedValuesOf(b);
        return v ? evalConst(ctx, v.value, depth + 1) : undefined;
      }
      if (b.kind === 'var' || b.kind === 'package-var') {
        const values = assignedValuesOf(b);
        if (values.length !== 1 || values[0]!.stmt.id !== b.decl?.id) return undefined;
        if (b.kind === 'var' && writtenAfterDecl(usesOf(b))) return undefined;
        return evalConst(ctx, values[0]!.value, depth + 1);
      }
      // dot-imported package constant (`. "crypto/tls"`): left to the caller, which knows the package
      return undefined;
    }
    default:
      return undefined;
  }
}

/** True when `expr` folds to the boolean constant `want`. */
export function isConstBool(ctx: RuleContext, expr: Node | null | undefined, want: boolean): boolean {
  const v = evalConst(ctx, expr);
  return v?.kind === 'bool' && v.value === want;
}
