/** Intra-procedural "where does this value go?" helpers used by lifecycle rules. */
import type { Node } from 'web-tree-sitter';
import { assignmentOf, enclosingFunction, outerParens, unparen } from '../../go/ast.js';

export type Escape = 'returned' | 'stored' | 'passed' | 'sent' | 'captured-by-defer';

/**
 * How the value of expression `expr` leaves the current function directly (without a name):
 * returned, passed as an argument, stored in a composite literal or field, sent on a channel.
 */
export function directEscape(expr: Node): Escape | undefined {
  const e = outerParens(expr);
  const p = e.parent;
  if (!p) return undefined;
  if (p.type === 'expression_list' && p.parent?.type === 'return_statement') return 'returned';
  if (p.type === 'return_statement') return 'returned';
  if (p.type === 'argument_list') return 'passed';
  if (p.type === 'literal_element' || p.type === 'keyed_element' || p.type === 'literal_value') return 'stored';
  if (p.type === 'send_statement') return 'sent';
  return undefined;
}

/**
 * Whether the variable `name` (declared at `decl`) escapes the function `fn`: returned,
 * passed to a call, stored in a field/map/slice/composite literal, assigned to another
 * variable, sent on a channel, or captured by a `go` statement.
 */
export function variableEscapes(fn: Node, name: string, after: number): Escape | undefined {
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== name || id.startIndex < after) continue;
    const parent = id.parent;
    if (!parent) continue;
    // t.C or t.Stop — a use, not an escape
    if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.startIndex === id.startIndex) continue;
    const how = directEscape(id);
    if (how) return how;
    // assigned to something: x.f = t, m[k] = t, y := t
    if (parent.type === 'expression_list') {
      const stmt = parent.parent;
      if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration' || stmt.type === 'var_spec')) {
        const right = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
        if (right && right.startIndex === parent.startIndex) return 'stored';
      }
    }
  }
  return undefined;
}

/** Whether `name.method(...)` is called anywhere in `scope` (including closures and defers). */
export function methodCalledOn(scope: Node, name: string, methods: string[]): boolean {
  for (const call of scope.descendantsOfType('call_expression')) {
    const fn = unparen(call?.childForFieldName('function'));
    if (!fn || fn.type !== 'selector_expression') continue;
    const operand = unparen(fn.childForFieldName('operand'));
    const field = fn.childForFieldName('field');
    if (operand?.type === 'identifier' && operand.text === name && field && methods.includes(field.text)) return true;
  }
  return false;
}

/** The single identifier a call result is bound to (`x := call`), or undefined. */
export function boundName(call: Node): { name: string; node: Node; stmt: Node } | { blank: true; node: Node } | undefined {
  const a = assignmentOf(call);
  if (!a || a.targets.length === 0) return undefined;
  const t = a.targets[0]!;
  if (t.type === 'identifier') {
    if (t.text === '_') return { blank: true, node: t };
    return { name: t.text, node: t, stmt: a.stmt };
  }
  return undefined;
}

export { enclosingFunction };

/** Whether read `id` hands the value on: returned, passed to a call, stored, sent, or assigned to another variable. */
export function handedOn(id: Node): boolean {
  if (directEscape(id)) return true;
  const parent = id.parent;
  if (parent?.type !== 'expression_list') return false;
  const stmt = parent.parent;
  if (!stmt || (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration' && stmt.type !== 'var_spec')) return false;
  const right = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
  const left = stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : stmt.childForFieldName('left')?.namedChildren ?? [];
  return right?.id === parent.id && !left.every((l) => l?.text === '_');
}

/** Whether read `id` is the receiver of a call or method value `id.Method` for one of `methods`. */
export function isMethodOf(id: Node, methods: string[]): boolean {
  const sel = id.parent;
  return sel?.type === 'selector_expression' && sel.childForFieldName('operand')?.id === id.id && methods.includes(sel.childForFieldName('field')?.text ?? '');
}
