/** Which context.Context a piece of code could use: a ctx parameter, or the request of an HTTP handler. */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, parameters } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { isQualifiedType } from './declared-type.js';

/** Whether a written type is `context.Context` (through the file's import of "context"). */
export function isContextType(ctx: RuleContext, type: string): boolean {
  return isQualifiedType(ctx, type, 'context', ['Context']);
}

export interface ContextInScope {
  /** The expression to use: `ctx`, or `r.Context()` for an *http.Request parameter `r`. */
  expr: string;
  /** The function declaring it (a declaration or a func literal). */
  fn: Node;
}

/**
 * The nearest context usable at `node`: a named context.Context parameter of an enclosing function
 * (innermost first), else a named *http.Request parameter (its Context()). Blank names do not count.
 */
export function contextInScope(ctx: RuleContext, node: Node, includeRequest = true): ContextInScope | undefined {
  let request: ContextInScope | undefined;
  for (let p = node.parent; p; p = p.parent) {
    if (!FUNCTION_TYPES.has(p.type)) continue;
    for (const param of parameters(p)) {
      if (param.name === '_') continue;
      if (isContextType(ctx, param.type)) return { expr: param.name, fn: p };
      if (includeRequest && !request && isQualifiedType(ctx, param.type, 'net/http', ['Request']) && param.type.trim().startsWith('*')) {
        request = { expr: `${param.name}.Context()`, fn: p };
      }
    }
  }
  return request;
}
