/**
 * Whether code that starts a goroutine has a way to stop it at hand: a context (a ctx parameter or an HTTP
 * request's), a stop channel parameter, or — for a method — a receiver type that can be stopped (a context,
 * cancel function or done/stop channel field, or a Close/Stop/Shutdown method that does something). Same-file
 * declarations only; when nothing is found the component has no stop mechanism at all (it lives as long as the
 * process), which a goroutine that cannot be stopped merely mirrors.
 */
import type { Node } from 'web-tree-sitter';
import { blockStatements, enclosingDeclaredFunction, parameters, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { contextInScope, isContextType } from './context-scope.js';
import { isQualifiedType } from './declared-type.js';

/** Names of channels that signal "stop": done, stop, quit, exit, closing, shutdown, die, cancel (optionally …Ch/…C/…Chan). */
const STOP_CHANNEL = /^(?:done|stop|stopped|stopping|quit|exit|close|closed|closing|shutdown|die|dying|cancel|term|kill)(?:ch|c|chan)?$/i;
/** Methods that stop a component. */
const STOP_METHOD = /^(?:Close|Stop|Shutdown|Disconnect|Cancel|Terminate|Halt|Quit|Kill)$/;

export interface StopMechanism {
  /** What it is, for the message: `ctx`, `r.Context()`, `channel done`, `(*Server).Close`, `field cancel`. */
  what: string;
}

function isStopChannelParam(type: string, name: string): boolean {
  return /^(?:<-\s*)?chan\b/.test(type.trim()) && STOP_CHANNEL.test(name);
}

/** A method body that does something: not empty and not just `return` / `return nil`. */
function doesSomething(body: Node | null): boolean {
  const stmts = blockStatements(body);
  if (!stmts.length) return false;
  return !stmts.every((s) => s.type === 'return_statement' && (s.namedChildCount === 0 || /^return\s+nil\s*$/.test(s.text)));
}

/** The struct type declared in this file under `name`, if any. */
function structTypeNamed(root: Node, name: string): Node | undefined {
  for (const spec of root.descendantsOfType('type_spec')) {
    if (spec?.childForFieldName('name')?.text !== name) continue;
    const t = unparen(spec.childForFieldName('type'));
    if (t?.type === 'struct_type') return t;
  }
  return undefined;
}

function stopField(ctx: RuleContext, struct: Node): string | undefined {
  for (const field of struct.descendantsOfType('field_declaration')) {
    if (!field) continue;
    const type = field.childForFieldName('type')?.text ?? '';
    for (const n of field.childrenForFieldName('name')) {
      if (!n) continue;
      if (isContextType(ctx, type) || isQualifiedType(ctx, type, 'context', ['CancelFunc'])) return `field ${n.text}`;
      if (isStopChannelParam(type, n.text)) return `channel field ${n.text}`;
    }
  }
  return undefined;
}

/** The receiver type name of a method declaration (without `*`). */
function receiverTypeName(method: Node): string | undefined {
  if (method.type !== 'method_declaration') return undefined;
  return method.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text;
}

/**
 * The stop mechanism in scope where `goStmt` starts its goroutine: a context or stop-channel parameter of an enclosing
 * function or of the goroutine's own function `target`, else the starting method's receiver type (stop field, or a
 * stop method with a body that does something).
 */
export function stopMechanismInScope(ctx: RuleContext, goStmt: Node, target?: Node): StopMechanism | undefined {
  const inScope = contextInScope(ctx, goStmt);
  if (inScope) return { what: inScope.expr };
  for (let p: Node | null = goStmt.parent; p; p = p.parent) {
    for (const param of p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration' ? parameters(p) : []) {
      if (isStopChannelParam(param.type, param.name)) return { what: `channel ${param.name}` };
    }
  }
  if (target) {
    for (const param of parameters(target)) {
      if (param.name === '_') continue;
      if (isContextType(ctx, param.type)) return { what: param.name };
      if (isStopChannelParam(param.type, param.name)) return { what: `channel ${param.name}` };
    }
  }
  const starter = enclosingDeclaredFunction(goStmt);
  const recv = starter ? receiverTypeName(starter) : undefined;
  if (!recv) return undefined;
  const struct = structTypeNamed(ctx.root, recv);
  const field = struct && stopField(ctx, struct);
  if (field) return { what: field };
  const stop = ctx.functions.all().find((e) => e.receiver === recv && STOP_METHOD.test(e.name) && doesSomething(e.node.childForFieldName('body')));
  return stop ? { what: `(*${recv}).${stop.name}` } : undefined;
}
