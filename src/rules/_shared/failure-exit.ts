/** Statements that end a function in failure: a return of an error value, panic, log.Fatal*, os.Exit. */
import { blockStatements, calleeName, unparen, type Node } from '../../go/ast.js';
import { isExitCall } from './exit-calls.js';

const ERROR_CONSTRUCTOR = /(^|\.)(Errorf|New|Newf|Wrap|Wrapf|Error)$|Err/;
const ERROR_NAME = /^(err|Err)[A-Z0-9_]\w*$/;

/**
 * Whether `stmt` ends the function in failure: `return …, errNoRows` / `return sql.ErrNoRows` / `return fmt.Errorf(…)`
 * (a named or constructed error; not `nil` and not a bare `err`, which may be nil there), or a panic/fatal/exit call.
 */
export function isFailureExit(stmt: Node | undefined): boolean {
  if (!stmt) return false;
  if (stmt.type === 'expression_statement') {
    const call = unparen(stmt.namedChild(0));
    return call?.type === 'call_expression' && isExitCall(call);
  }
  if (stmt.type !== 'return_statement') return false;
  const list = stmt.namedChild(0);
  const values = list?.type === 'expression_list' ? list.namedChildren : stmt.namedChildren;
  const v = unparen(values.at(-1));
  if (!v) return false;
  if (v.type === 'call_expression') return ERROR_CONSTRUCTOR.test(calleeName(v) ?? '');
  const text = v.type === 'selector_expression' ? v.childForFieldName('field')?.text ?? '' : v.type === 'identifier' ? v.text : '';
  return ERROR_NAME.test(text);
}

/** Whether the block's last statement is a failure exit. */
export function endsInFailure(block: Node): boolean {
  return isFailureExit(blockStatements(block).at(-1));
}
