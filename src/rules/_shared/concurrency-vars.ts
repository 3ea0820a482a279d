/**
 * Local-variable helpers for lifecycle rules (cancel funcs, responses): where a variable
 * bound by an assignment is visible, whether it is read afterwards, named results.
 */
import type { Node } from 'web-tree-sitter';
import { assignmentOf, FUNCTION_TYPES } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';

const SCOPE_TYPES = new Set([
  'block', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement',
  'expression_case', 'type_case', 'communication_case', 'default_case', 'func_literal',
]);

export function outermostFunction(node: Node): Node | null {
  let out: Node | null = null;
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.type)) out = p;
  return out;
}

/** Whether `name` is a named result of a function enclosing `node` (a bare return hands it out). */
export function isNamedResult(node: Node, name: string): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (!FUNCTION_TYPES.has(p.type)) continue;
    const result = p.childForFieldName('result');
    if (result?.type === 'parameter_list' && result.descendantsOfType('identifier').some((n) => n?.text === name)) return true;
  }
  return false;
}

/** Whether identifier `id` is only written (left side of = or :=, a var name, or a composite-literal key). */
export function isWrite(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'expression_list') {
    const stmt = p.parent;
    if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration')) {
      const left = stmt.childForFieldName('left');
      const op = stmt.childForFieldName('operator')?.text;
      return !!left && left.id === p.id && (op === undefined || op === '=' || op === ':=');
    }
  }
  if (p.type === 'var_spec') return p.childrenForFieldName('name').some((n) => n?.id === id.id);
  if (p.type === 'literal_element' && p.parent?.type === 'keyed_element') {
    const key = p.parent.childForFieldName('key');
    return !!key && key.id === p.id;
  }
  return false;
}

/**
 * The region where a variable bound at `stmt` can be read: for a declaration (:=, var) the
 * innermost enclosing scope; for a plain assignment the outermost function.
 */
export function bindingScope(stmt: Node, declares: boolean): Node | null {
  if (!declares) return outermostFunction(stmt);
  for (let p = stmt.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type) || FUNCTION_TYPES.has(p.type)) return p;
  return null;
}

/**
 * Reads of variable `name` that can observe the value assigned by `stmt`: after the statement
 * in `scope`, inside any function literal (a closure sees the latest value), or anywhere in a
 * loop that also contains the statement (the next iteration reads it).
 */
export function readsAfter(scope: Node, stmt: Node, name: string, exclude?: Node): Node[] {
  const out: Node[] = [];
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== name || (exclude && id.id === exclude.id) || isWrite(id)) continue;
    if (id.startIndex >= stmt.endIndex) {
      out.push(id);
      continue;
    }
    for (let p = id.parent; p && p.id !== scope.id; p = p.parent) {
      if (p.type === 'func_literal' || (p.type === 'for_statement' && p.startIndex <= stmt.startIndex && p.endIndex >= stmt.endIndex)) {
        out.push(id);
        break;
      }
    }
  }
  return out;
}

/**
 * The local variable a call's first result is bound to (`rows, err := db.Query(...)`, `resp, err := c.Do(req)`),
 * with the reads that can observe it; undefined when the result is not kept in a plain local variable (a field, a
 * package variable, a named result, or discarded with `_`).
 */
export function resultBinding(ctx: RuleContext, call: Node): { name: string; reads: Node[] } | undefined {
  const a = assignmentOf(call);
  if (!a || a.targets.length === 0) return undefined;
  const target = a.targets[0]!;
  if (target.type !== 'identifier' || target.text === '_') return undefined;
  if (isNamedResult(call, target.text)) return undefined;
  const declares = a.stmt.type === 'short_var_declaration' || a.stmt.type === 'var_spec';
  if (!declares && !ctx.isShadowed(target.text, target)) return undefined;
  const scope = bindingScope(a.stmt, declares);
  if (!scope) return undefined;
  return { name: target.text, reads: readsAfter(scope, a.stmt, target.text, target) };
}
