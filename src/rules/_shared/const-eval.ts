/**
 * Constant folding without type information: the value of an expression when it is fixed at
 * compile time or by a single assignment — literals, `!x`, parentheses, conversions, constants
 * (local and package level), variables assigned exactly once, and named constants of an imported
 * package (kept symbolic: `crypto/tls.VersionTLS10`). Anything else is undefined (unknown).
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, intValue, stringValue, unparen } from '../../go/ast.js';
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

/**
 * `constantsOnly`: fold declared constants only, not variables assigned once — a package variable may be set at link
 * time (`-ldflags -X`) or by another file of the package, so a branch on it is not statically dead.
 */
export function evalConst(ctx: RuleContext, expr: Node | null | undefined, depth = 0, constantsOnly = false): ConstValue | undefined {
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
      const v = evalConst(ctx, e.childForFieldName('operand'), depth + 1, constantsOnly);
      if (op === '!' && v?.kind === 'bool') return { kind: 'bool', value: !v.value };
      if (op === '-' && v?.kind === 'int') return { kind: 'int', value: -v.value };
      return undefined;
    }
    case 'binary_expression': {
      const op = e.childForFieldName('operator')?.text;
      const l = evalConst(ctx, e.childForFieldName('left'), depth + 1, constantsOnly);
      const r = evalConst(ctx, e.childForFieldName('right'), depth + 1, constantsOnly);
      if (l?.kind === 'bool' && r?.kind === 'bool') {
        if (op === '&&') return { kind: 'bool', value: l.value && r.value };
        if (op === '||') return { kind: 'bool', value: l.value || r.value };
      }
      // short-circuit: `false && x`, `true || x` whatever x is
      if (op === '&&' && ((l?.kind === 'bool' && !l.value) || (r?.kind === 'bool' && !r.value))) return { kind: 'bool', value: false };
      if (op === '||' && ((l?.kind === 'bool' && l.value) || (r?.kind === 'bool' && r.value))) return { kind: 'bool', value: true };
      if (l && r && l.kind === r.kind && (l.kind === 'int' || l.kind === 'string' || l.kind === 'bool')) {
        const a = (l as { value: number | string | boolean }).value;
        const b = (r as { value: number | string | boolean }).value;
        switch (op) {
          case '==': return { kind: 'bool', value: a === b };
          case '!=': return { kind: 'bool', value: a !== b };
          case '<': return l.kind === 'bool' ? undefined : { kind: 'bool', value: a < b };
          case '<=': return l.kind === 'bool' ? undefined : { kind: 'bool', value: a <= b };
          case '>': return l.kind === 'bool' ? undefined : { kind: 'bool', value: a > b };
          case '>=': return l.kind === 'bool' ? undefined : { kind: 'bool', value: a >= b };
          default: break;
        }
        if (l.kind === 'string' && op === '+') return { kind: 'string', value: (a as string) + (b as string) };
      }
      return undefined;
    }
    case 'type_conversion_expression':
      return CONVERSIONS.test(e.childForFieldName('type')?.text ?? '') ? evalConst(ctx, e.childForFieldName('operand'), depth + 1, constantsOnly) : undefined;
    case 'call_expression': {
      // conversions parse as calls without type information: uint16(x), bool(x)
      const fn = unparen(e.childForFieldName('function'));
      const args = e.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier' && CONVERSIONS.test(fn.text) && args.length === 1 && !ctx.functions.declares(fn.text)) {
        return evalConst(ctx, args[0], depth + 1, constantsOnly);
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
        return v ? evalConst(ctx, v.value, depth + 1, constantsOnly) : undefined;
      }
      if (!constantsOnly && (b.kind === 'var' || b.kind === 'package-var')) {
        const values = assignedValuesOf(b);
        if (values.length !== 1 || values[0]!.stmt.id !== b.decl?.id) return undefined;
        if (b.kind === 'var' && writtenAfterDecl(usesOf(b))) return undefined;
        return evalConst(ctx, values[0]!.value, depth + 1, constantsOnly);
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

/**
 * Whether `node` sits in code that a constant condition makes unreachable: the body of an `if` whose condition
 * folds to false (`const dryRun = ""; if dryRun != "" { … }`, `if false && x { … }`), or its `else` when the
 * condition folds to true. Conditions are folded with evalConst (literals, local and package constants of the file,
 * variables assigned once); an `if` with an init statement is judged only when its condition does not read what the
 * init declares. Rules call it to leave out findings in branches that can never run.
 */
export function inStaticallyDeadBranch(ctx: RuleContext, node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'source_file') return false;
    if (p.type !== 'if_statement') continue;
    const consequence = p.childForFieldName('consequence');
    const alternative = p.childForFieldName('alternative');
    const inThen = consequence?.id === child.id;
    const inElse = alternative?.id === child.id;
    if (!inThen && !inElse) continue;
    const init = p.childForFieldName('initializer');
    const cond = p.childForFieldName('condition');
    if (init && cond && assignedNames(init).some((n) => n.type === 'identifier' && mentions(cond, n.text))) continue;
    const v = evalConst(ctx, cond, 0, true);
    if (v?.kind === 'bool' && v.value === inElse) return true;
  }
  return false;
}

function mentions(expr: Node, name: string): boolean {
  return (expr.type === 'identifier' && expr.text === name) || expr.descendantsOfType('identifier').some((n) => n?.text === name);
}
