/**
 * Observability rules: cheap, intra-file resolution of string-valued expressions (listen
 * addresses, exporter endpoints) and classification of listen addresses as loopback or not.
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, assignedValues, callArgs, parameters, sameNode, stringValue, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { isLoopbackHost } from '../../core/loopback.js';

/** What is statically known about a string expression: a known prefix, and whether it is the whole value. */
export interface KnownString {
  prefix: string;
  complete: boolean;
  /** True when a named constant/variable was followed to get the value. */
  viaName?: boolean;
}

const MAX_DEPTH = 4;

/** Outermost declared function (or method) containing `node`; null at package level. */
function outermostFunction(node: Node): Node | null {
  let out: Node | null = null;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') out = p;
  }
  return out;
}

function isParameterOfEnclosing(ident: Node): boolean {
  for (let p = ident.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') {
      if (parameters(p).some((x) => x.name === ident.text)) return true;
    }
  }
  return false;
}

/**
 * Counts writes to `name` inside `scope`: declarations with a value (returned), plus any plain
 * assignment, ++/--, or address-of (`&name`, e.g. flag.StringVar(&addr, ...)) which make the value unknown.
 */
function writesIn(scope: Node, name: string): { decls: Node[]; otherWrites: number } {
  const decls: Node[] = [];
  let otherWrites = 0;
  for (const n of scope.descendantsOfType(['short_var_declaration', 'var_spec', 'const_spec', 'assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression', 'range_clause'])) {
    if (!n) continue;
    if (n.type === 'unary_expression') {
      const op = n.child(0)?.text;
      const operand = unparen(n.childForFieldName('operand'));
      if (op === '&' && operand?.type === 'identifier' && operand.text === name) otherWrites++;
      continue;
    }
    if (n.type === 'inc_statement' || n.type === 'dec_statement') {
      if (n.namedChild(0)?.text === name) otherWrites++;
      continue;
    }
    const names = assignedNames(n);
    const idx = names.findIndex((x) => x.type === 'identifier' && x.text === name);
    if (idx < 0) continue;
    if (n.type === 'assignment_statement' || n.type === 'range_clause') {
      otherWrites++;
      continue;
    }
    const values = assignedValues(n);
    if (values.length === names.length && values[idx]) decls.push(values[idx]!);
    else if (values.length === 1 && idx === 0) decls.push(values[0]!); // first result of a multi-value call
    else otherWrites++;
  }
  return { decls, otherWrites };
}

/** The single value an identifier is bound to in this file, when it is bound exactly once and never reassigned. */
export function singleBinding(ctx: RuleContext, ident: Node): Node | undefined {
  const name = ident.text;
  if (name === '_' || isParameterOfEnclosing(ident)) return undefined;
  const fn = outermostFunction(ident);
  if (fn) {
    const local = writesIn(fn, name);
    if (local.decls.length + local.otherWrites > 0) {
      if (local.decls.length === 1 && local.otherWrites === 0) return local.decls[0];
      return undefined;
    }
  }
  // package level: a top-level const/var of this file, never assigned anywhere in the file
  let decl: Node | undefined;
  let count = 0;
  for (const top of ctx.root.namedChildren) {
    if (!top || (top.type !== 'const_declaration' && top.type !== 'var_declaration')) continue;
    for (const spec of top.descendantsOfType(['const_spec', 'var_spec'])) {
      if (!spec) continue;
      const names = assignedNames(spec);
      const idx = names.findIndex((x) => x.text === name);
      if (idx < 0) continue;
      count++;
      const values = assignedValues(spec);
      if (values.length === names.length) decl = values[idx];
      else if (values.length === 1 && idx === 0) decl = values[0];
    }
  }
  if (count !== 1 || !decl) return undefined;
  const all = writesIn(ctx.root, name);
  if (all.otherWrites > 0) return undefined;
  return decl;
}

/** Statically known prefix of a string expression (literal, const, concatenation, Sprintf, JoinHostPort). */
export function knownString(ctx: RuleContext, expr: Node | null | undefined, depth = 0): KnownString | undefined {
  const e = unparen(expr);
  if (!e || depth > MAX_DEPTH) return undefined;
  const lit = stringValue(e);
  if (lit !== undefined) return { prefix: lit, complete: true };
  if (e.type === 'identifier') {
    const v = singleBinding(ctx, e);
    if (!v || sameNode(v, e)) return undefined;
    const r = knownString(ctx, v, depth + 1);
    return r ? { ...r, viaName: true } : undefined;
  }
  if (e.type === 'binary_expression' && e.child(1)?.text === '+') {
    const left = knownString(ctx, e.childForFieldName('left'), depth + 1);
    if (!left) return undefined;
    if (!left.complete) return left;
    const right = knownString(ctx, e.childForFieldName('right'), depth + 1);
    if (!right) return { prefix: left.prefix, complete: false, viaName: left.viaName };
    return { prefix: left.prefix + right.prefix, complete: right.complete, viaName: left.viaName || right.viaName };
  }
  if (e.type === 'call_expression') {
    const args = callArgs(e);
    if (ctx.isCallTo(e, 'fmt', 'Sprintf') && args.length >= 1) {
      const fmtStr = knownString(ctx, args[0], depth + 1);
      if (!fmtStr) return undefined;
      const pct = fmtStr.prefix.indexOf('%');
      if (pct < 0) return fmtStr;
      return { prefix: fmtStr.prefix.slice(0, pct), complete: false, viaName: fmtStr.viaName };
    }
    if (ctx.isCallTo(e, 'net', 'JoinHostPort') && args.length === 2) {
      const host = knownString(ctx, args[0], depth + 1);
      if (!host || !host.complete) return undefined;
      const h = host.prefix.includes(':') ? `[${host.prefix}]` : host.prefix;
      const port = knownString(ctx, args[1], depth + 1);
      if (port?.complete) return { prefix: `${h}:${port.prefix}`, complete: true, viaName: host.viaName };
      return { prefix: `${h}:`, complete: false, viaName: host.viaName };
    }
  }
  return undefined;
}

export type AddrClass = 'loopback' | 'public' | 'unknown';

/** Host part of a (possibly partial) "host:port" string; undefined when it cannot be told. */
export function hostOf(s: KnownString): string | undefined {
  const p = s.prefix;
  if (p.startsWith('[')) {
    const end = p.indexOf(']');
    return end < 0 ? undefined : p.slice(1, end);
  }
  if (s.complete) {
    if (p === '') return '';
    const i = p.lastIndexOf(':');
    return i < 0 ? p : p.slice(0, i);
  }
  const i = p.indexOf(':');
  return i < 0 ? undefined : p.slice(0, i);
}


/** Classifies a listen address expression: loopback, public (any non-loopback host, or all interfaces), unknown. */
export function classifyAddr(ctx: RuleContext, expr: Node | null | undefined): { cls: AddrClass; text: string } {
  const e = unparen(expr);
  const text = e ? e.text.slice(0, 60) : '';
  const known = knownString(ctx, e);
  if (!known) return { cls: 'unknown', text };
  const host = hostOf(known);
  if (host === undefined) return { cls: 'unknown', text };
  let shown = known.complete ? JSON.stringify(known.prefix) : `${JSON.stringify(known.prefix)}…`;
  if (host === '' || host === '0.0.0.0' || host === '::') shown += ' (all interfaces)';
  return { cls: isLoopbackHost(host) ? 'loopback' : 'public', text: shown };
}

/** For `http.Serve(ln, …)`: the address `ln` was created with by net.Listen / tls.Listen in this file. */
export function classifyListener(ctx: RuleContext, ln: Node | null | undefined): { cls: AddrClass; text: string } {
  const e = unparen(ln);
  const text = e ? e.text.slice(0, 60) : '';
  let src: Node | null | undefined = e;
  if (e?.type === 'identifier') src = singleBinding(ctx, e);
  const call = unparen(src);
  if (call?.type === 'call_expression' && (ctx.isCallTo(call, 'net', 'Listen') || ctx.isCallTo(call, 'crypto/tls', 'Listen'))) {
    const args = callArgs(call);
    const network = knownString(ctx, args[0]);
    if (network?.complete && network.prefix.startsWith('unix')) return { cls: 'loopback', text: 'a unix socket' };
    return classifyAddr(ctx, args[1]);
  }
  return { cls: 'unknown', text };
}
