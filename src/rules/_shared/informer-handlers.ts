/**
 * The event handlers registered on informers in one function (`inf.AddEventHandler(h)` and its
 * WithResyncPeriod/WithOptions forms), and whether each ignores updates: a resync re-delivers every
 * cached object as an update, so with only such handlers it costs a walk of the local cache and nothing else.
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, literalElements, unparen } from '../../go/ast.js';

const ADD_HANDLER = new Set(['AddEventHandler', 'AddEventHandlerWithResyncPeriod', 'AddEventHandlerWithOptions']);

/** The handler arguments of the AddEventHandler calls inside `scope`. */
export function registeredHandlers(scope: Node): Node[] {
  const out: Node[] = [];
  for (const call of scope.descendantsOfType('call_expression')) {
    const fn = unparen(call?.childForFieldName('function'));
    if (!call || fn?.type !== 'selector_expression' || !ADD_HANDLER.has(fn.childForFieldName('field')?.text ?? '')) continue;
    const h = callArgs(call)[0];
    if (h) out.push(h);
  }
  return out;
}

const emptyBody = (body: Node | null | undefined): boolean => !!body && body.namedChildren.every((c) => c?.type === 'comment');

/** The method `name` of the type `typeName` declared in the file. */
function methodOf(root: Node, typeName: string, name: string): Node | undefined {
  for (const d of root.namedChildren) {
    if (d?.type !== 'method_declaration' || d.childForFieldName('name')?.text !== name) continue;
    const recv = d.childForFieldName('receiver')?.namedChildren.find((c) => c?.type === 'parameter_declaration');
    const t = recv?.childForFieldName('type')?.text.replace(/^\*/, '');
    if (t === typeName) return d;
  }
  return undefined;
}

/**
 * True when handler `h` does nothing on updates: a ResourceEventHandlerFuncs literal without UpdateFunc or with an
 * empty one, or a literal of a type of this file whose OnUpdate method has an empty body.
 */
export function ignoresUpdates(h: Node, root: Node): boolean {
  let e = unparen(h);
  if (e?.type === 'unary_expression') e = unparen(e.childForFieldName('operand'));
  if (e?.type !== 'composite_literal') return false;
  const type = e.childForFieldName('type');
  const typeName = type?.type === 'qualified_type' ? type.childForFieldName('name')?.text : type?.text;
  if (!typeName) return false;
  if (type?.type === 'qualified_type') {
    if (typeName !== 'ResourceEventHandlerFuncs') return false;
    const update = literalElements(e).find((el) => el.key === 'UpdateFunc')?.value;
    if (!update) return true;
    const u = unparen(update);
    return u?.type === 'func_literal' && emptyBody(u.childForFieldName('body'));
  }
  const m = methodOf(root, typeName, 'OnUpdate');
  return !!m && emptyBody(m.childForFieldName('body'));
}
