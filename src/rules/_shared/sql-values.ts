/** Recognises database/sql handles (*sql.DB, *sql.Tx, *sql.Conn, *sql.Stmt) syntactically. */
import type { Node } from 'web-tree-sitter';
import { unparen } from '../../go/ast.js';
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
