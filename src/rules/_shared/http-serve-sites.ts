/**
 * Where an HTTP handler ends up being served: server starts (http.ListenAndServe/Serve, http.Server literals) with
 * their handler and address class, whether that handler is http.DefaultServeMux, and which explicit muxes get a
 * given kind of handler registered. Shared by the rules about debug endpoints reachable from the network.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import { assignmentOf, callArgs, enclosingDeclaredFunction, literalElements, selectorPath, unparen } from '../../go/ast.js';
import { directEscape } from './value-flow.js';
import { compositeIs } from './security-helpers.js';
import { classifyAddr, classifyListener, type AddrClass } from './obs-strings.js';

const HTTP = 'net/http';

/** A served handler expression: nil or http.DefaultServeMux means the default mux. */
export function isDefaultMux(ctx: RuleContext, h: Node | null | undefined): boolean {
  const e = unparen(h);
  if (!e) return false;
  if (e.type === 'nil') return true;
  if (e.type === 'selector_expression') {
    const op = unparen(e.childForFieldName('operand'));
    return e.childForFieldName('field')?.text === 'DefaultServeMux' && op?.type === 'identifier' && ctx.isPackageRef(op, HTTP);
  }
  return false;
}

/** Whether the function assigns `<x>.Handler = ...` somewhere (the server's handler is set after the literal). */
function assignsHandlerField(fn: Node): boolean {
  for (const a of fn.descendantsOfType('assignment_statement')) {
    const left = a?.childForFieldName('left');
    if (!left) continue;
    for (const l of left.namedChildren) {
      if (l?.type === 'selector_expression' && l.childForFieldName('field')?.text === 'Handler') return true;
    }
  }
  return false;
}

export interface ServeSite { node: Node; handler?: Node; cls: AddrClass; addr: string; how: string }

/** Recognises a server start (or http.Server literal) and extracts its handler and address. */
export function serveSite(ctx: RuleContext, node: Node): ServeSite | undefined {
  if (node.type === 'call_expression') {
    const args = callArgs(node);
    if (ctx.isCallTo(node, HTTP, 'ListenAndServe') && args.length === 2) {
      const c = classifyAddr(ctx, args[0]);
      return { node, handler: args[1], cls: c.cls, addr: c.text, how: 'http.ListenAndServe' };
    }
    if (ctx.isCallTo(node, HTTP, 'ListenAndServeTLS') && args.length === 4) {
      const c = classifyAddr(ctx, args[0]);
      return { node, handler: args[3], cls: c.cls, addr: c.text, how: 'http.ListenAndServeTLS' };
    }
    if (ctx.isCallTo(node, HTTP, 'Serve', 'ServeTLS') && args.length >= 2) {
      const c = classifyListener(ctx, args[0]);
      return { node, handler: args[1], cls: c.cls, addr: c.text, how: 'http.Serve' };
    }
    return undefined;
  }
  if (compositeIs(ctx, node, HTTP, 'Server')) {
    const els = literalElements(node);
    const addrEl = els.find((e) => e.key === 'Addr');
    const handlerEl = els.find((e) => e.key === 'Handler');
    const c = addrEl ? classifyAddr(ctx, addrEl.value) : { cls: 'unknown' as AddrClass, text: 'the listener it is served on' };
    return { node, handler: handlerEl?.value, cls: c.cls, addr: c.text, how: 'http.Server' };
  }
  return undefined;
}

/** Whether a server literal without a Handler field really ends up with the default mux. */
export function literalUsesDefaultMux(ctx: RuleContext, site: ServeSite): boolean {
  if (site.handler) return isDefaultMux(ctx, site.handler);
  // no Handler key: the default mux, unless the handler is set later or the value leaves the function
  let lit: Node = site.node;
  if (lit.parent?.type === 'unary_expression') lit = lit.parent;
  const fn = enclosingDeclaredFunction(lit);
  if (!fn) return false;
  if (assignsHandlerField(fn)) return false;
  const how = directEscape(lit);
  if (how === 'returned' || how === 'stored') return false;
  const a = assignmentOf(lit);
  if (a && !a.targets.every((t) => t.type === 'identifier')) return false;
  return true;
}

/**
 * The mux expression text a Handle/HandleFunc call registers a handler on when `isDebug` accepts one of the
 * handler argument's identifiers (e.g. a reference to package net/http/pprof).
 */
export function muxRegistration(ctx: RuleContext, call: Node, isDebug: (id: Node) => boolean): string | undefined {
  const fn = unparen(call.childForFieldName('function'));
  if (!fn || fn.type !== 'selector_expression') return undefined;
  const field = fn.childForFieldName('field')?.text;
  if (field !== 'Handle' && field !== 'HandleFunc') return undefined;
  const recv = unparen(fn.childForFieldName('operand'));
  if (!recv) return undefined;
  if (recv.type === 'identifier' && ctx.imports.pathOf(recv.text) && !ctx.isShadowed(recv.text, recv)) return undefined; // http.Handle: default mux
  const args = callArgs(call);
  if (args.length !== 2) return undefined;
  const h = args[1]!;
  const refs = h.type === 'identifier' ? [h] : h.descendantsOfType('identifier');
  if (!refs.some((id) => !!id && isDebug(id))) return undefined;
  return selectorPath(recv) ? recv.text : undefined;
}

export function mentions(expr: Node, text: string): boolean {
  if (expr.text === text) return true;
  return expr.descendantsOfType(['identifier', 'selector_expression']).some((n) => n?.text === text);
}
