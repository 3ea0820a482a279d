/** Recognises database/sql handles (*sql.DB, *sql.Tx, *sql.Conn, *sql.Stmt) syntactically. */
import type { Node } from 'web-tree-sitter';
import { assignmentOf, unparen } from '../../go/ast.js';
import { bindingScope, isNamedResult, readsAfter } from './concurrency-vars.js';
import { directEscape } from './value-flow.js';
import type { RuleContext } from '../define-rule.js';
import { exprDeclaredAs, isQualifiedType } from './declared-type.js';

export type SQLHandle = 'DB' | 'Tx' | 'Conn' | 'Stmt';

/** Methods of a handle that return another handle: `tx, err := db.Begin()`. */
const PRODUCES: Record<string, SQLHandle> = { Begin: 'Tx', BeginTx: 'Tx', Prepare: 'Stmt', PrepareContext: 'Stmt', Conn: 'Conn' };

/**
 * Whether `recv` (used at `at`) is declared as one of the given database/sql handle types, or initialised
 * by sql.Open (a DB) or by Begin/BeginTx (a Tx), Prepare/PrepareContext (a Stmt), Conn (a Conn) on a handle.
 */
export function isSQLHandle(ctx: RuleContext, recv: Node, at: Node, kinds: SQLHandle[] = ['DB', 'Tx', 'Conn', 'Stmt'], depth = 0): boolean {
  return exprDeclaredAs(ctx, recv, at, {
    type: (t) => isQualifiedType(ctx, t, 'database/sql', kinds),
    value: (e) => {
      const c = unparen(e);
      if (c?.type !== 'call_expression') return false;
      if (ctx.isCallTo(c, 'database/sql', 'Open', 'OpenDB')) return kinds.includes('DB');
      const fn = unparen(c.childForFieldName('function'));
      const produced = fn?.type === 'selector_expression' ? PRODUCES[fn.childForFieldName('field')?.text ?? ''] : undefined;
      const inner = fn?.childForFieldName('operand');
      return !!produced && !!inner && depth < 3 && kinds.includes(produced) && isSQLHandle(ctx, inner, c, ['DB', 'Tx', 'Conn'], depth + 1);
    },
  });
}

/** The receiver and method of a `recv.Method(...)` call on a database/sql handle, when `Method` is one of `methods`. */
export function sqlMethodCall(ctx: RuleContext, call: Node, methods: Set<string>): { recv: Node; method: string } | undefined {
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'selector_expression') return undefined;
  const method = fn.childForFieldName('field')?.text;
  const recv = fn.childForFieldName('operand');
  if (!method || !recv || !methods.has(method)) return undefined;
  const op = unparen(recv);
  if (op?.type === 'identifier' && ctx.imports.pathOf(op.text) && !ctx.isShadowed(op.text, op)) return undefined;
  return isSQLHandle(ctx, recv, call) ? { recv, method } : undefined;
}

/**
 * The local variable a database/sql call's first result is bound to (`rows, err := db.Query(...)`), with
 * the reads that can observe it; undefined when the result is not kept in a plain local variable
 * (a field, a package variable, a named result, or discarded).
 */
export function sqlResultBinding(ctx: RuleContext, call: Node): { name: string; reads: Node[] } | undefined {
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
