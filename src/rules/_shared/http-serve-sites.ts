/**
 * Where an HTTP handler ends up being served: server starts (http.ListenAndServe/Serve, http.Server literals) with
 * their handler and address class, whether that handler is http.DefaultServeMux, and which explicit muxes get a
 * given kind of handler registered. Shared by the rules about debug endpoints reachable from the network.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import { assignmentOf, callArgs, calleeName, enclosingDeclaredFunction, literalElements, selectorPath, unparen } from '../../go/ast.js';
import { directEscape } from './value-flow.js';
import { compositeIs } from './security-helpers.js';
import { classifyAddr, classifyListener, type AddrClass } from './obs-strings.js';
import { position } from './obs-packages.js';

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
 * A route registration on a router value, `router.Method(args…)`: the router expression (a plain name or field
 * path, `mux`, `s.router`), the method and the arguments. A package function (`http.Handle`, the default mux) is
 * not one.
 */
export function routeRegistration(ctx: RuleContext, call: Node): { router: Node; method: string; args: Node[] } | undefined {
  const r = ctx.resolveCall(call);
  if (!r?.recv || !selectorPath(r.recv)) return undefined;
  return { router: r.recv, method: r.name, args: callArgs(call) };
}

/** The identifiers a handler argument refers to: the argument itself, or every identifier inside it (`expvar.Handler()`). */
export function handlerIdentifiers(h: Node): Node[] {
  return h.type === 'identifier' ? [h] : h.descendantsOfType('identifier').filter((id): id is Node => !!id);
}

/**
 * The mux expression text a Handle/HandleFunc call registers a handler on when `isDebug` accepts one of the
 * handler argument's identifiers (e.g. a reference to package net/http/pprof).
 */
export function muxRegistration(ctx: RuleContext, call: Node, isDebug: (id: Node) => boolean): string | undefined {
  // the called name first: resolving the receiver (is it a package? shadowed?) costs far more, on every call of a file
  const name = calleeName(call);
  if (name !== 'Handle' && name !== 'HandleFunc') return undefined;
  const reg = routeRegistration(ctx, call);
  if (!reg || (reg.method !== 'Handle' && reg.method !== 'HandleFunc') || reg.args.length !== 2) return undefined;
  return handlerIdentifiers(reg.args[1]!).some(isDebug) ? reg.router.text : undefined;
}

export function mentions(expr: Node, text: string): boolean {
  if (expr.text === text) return true;
  return expr.descendantsOfType(['identifier', 'selector_expression']).some((n) => n?.text === text);
}

/** A server start that serves http.DefaultServeMux on an address that is not loopback: a fact for the rule's `finish`. */
export interface DefaultMuxServeFact { k: 'serve'; file: string; line: number; column: number; cls: AddrClass; addr: string; how: string }

const SERVE_FUNCS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS']);

/**
 * The fact for a server start (a call, or an http.Server literal without its own handler) that serves the default
 * mux on an address that is not loopback; undefined for anything else.
 */
export function defaultMuxServe(ctx: RuleContext, node: Node): DefaultMuxServeFact | undefined {
  if (node.type === 'call_expression' && !SERVE_FUNCS.has(calleeName(node) ?? '')) return undefined;
  const site = serveSite(ctx, node);
  if (!site || site.cls === 'loopback') return undefined;
  const defaultMux = node.type === 'call_expression' ? isDefaultMux(ctx, site.handler) : literalUsesDefaultMux(ctx, site);
  if (!defaultMux) return undefined;
  return { k: 'serve', file: ctx.file.path, ...position(node), cls: site.cls, addr: site.addr, how: site.how };
}

/**
 * Server starts in function `fn` that serve one of the explicit `muxes` (mux expression texts, in order) on a
 * literal public address, each with the first mux its handler mentions.
 */
export function publicServesOf(ctx: RuleContext, fn: Node, muxes: Iterable<string>): { node: Node; site: ServeSite; mux: string }[] {
  const names = [...muxes];
  const out: { node: Node; site: ServeSite; mux: string }[] = [];
  for (const node of fn.descendantsOfType(['call_expression', 'composite_literal'])) {
    if (!node) continue;
    const site = serveSite(ctx, node);
    if (!site || !site.handler || site.cls !== 'public') continue;
    const mux = names.find((m) => mentions(site.handler!, m));
    if (mux) out.push({ node, site, mux });
  }
  return out;
}

/**
 * How a default-mux serve fact is reported: an address that is not a literal is `unknown` (medium confidence), and
 * a registration compiled only under a custom build tag lowers the confidence one step.
 */
export function defaultMuxReport(serve: DefaultMuxServeFact, tagged: boolean): { messageId: 'defaultMux' | 'defaultMuxUnknown'; confidence: 'high' | 'medium' | 'low' } {
  const unknown = serve.cls === 'unknown';
  let confidence: 'high' | 'medium' | 'low' = unknown ? 'medium' : 'high';
  if (tagged) confidence = confidence === 'high' ? 'medium' : 'low';
  return { messageId: unknown ? 'defaultMuxUnknown' : 'defaultMux', confidence };
}
