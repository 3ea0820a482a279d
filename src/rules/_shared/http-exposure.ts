/**
 * Where an HTTP handler is served, and whether only local or authenticated peers reach it: a handler function →
 * the route registrations that name it (`mux.HandleFunc("/x", s.create)`, chi/gorilla/httprouter methods) → the
 * router value → the server starts whose handler is that router (http.ListenAndServe, http.Serve, an http.Server
 * literal, through wrappers, locals, returned routers and struct fields) → the listen address: a literal or
 * constant, the default of a command-line flag (flag/pflag String, StringVar, kingpin Default), overridden by the
 * values the repository's own manifests pass that flag (Kubernetes and compose args, Dockerfile ENTRYPOINT/CMD).
 *
 * Per file a rule emits RouteFact, ServeFact and FlagFact; `restrictedServing` combines them in `finish`. The model is
 * conservative: a handler is "restricted" only when it is linked to at least one server and every server linked to
 * it listens on loopback (or a unix socket) or requires verified client certificates; a registration not linked to
 * any server, or a server whose address is not known, leaves the handler exposed.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import type { RepoFacts } from '../../facts/repo-facts.js';
import { assignedNames, assignedValues, callArgs, calleeName, enclosingDeclaredFunction, functionName, literalElements, parameters, unparen } from '../../go/ast.js';
import { isLoopbackHost } from '../../core/loopback.js';
import { compositeIs } from './security-helpers.js';
import { classifyAddr, knownString, singleBinding } from './obs-strings.js';
import { evalConst } from './const-eval.js';
import { judgedWorkloads } from './runtime-workloads.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';

/** The repository facts `restrictedServing` reads: a rule using it lists them in `requires`. */
export const EXPOSURE_FACTS = [K8S_MANIFESTS, COMPOSE_SERVICES, DOCKERFILES] as const;

const HTTP = 'net/http';

/** A listen address as far as the file tells: its class, and the flag or variable it comes from when not literal. */
export interface Exposure {
  cls: 'loopback' | 'public' | 'unknown' | 'mtls';
  text: string;
  /** The command-line flag the address (or its host part) is read from, with its default. */
  flag?: { name: string; def?: string; hostOnly: boolean };
  /** A variable or struct field (last name) set elsewhere in the package, e.g. by fs.StringVar(&o.Addr, …). */
  ref?: { target: string; hostOnly: boolean };
}

export interface RouteFact {
  k: 'route'; module: string; pkg?: string; imports: string[]; names: string[]; keys: string[];
  /** The registration is made in a wrapper (`func (l *Listener) AddHandler(path string, h http.HandlerFunc)`) with its handler parameter. */
  wrapper?: string;
}
export interface ServeFact { k: 'serve'; module: string; pkg?: string; imports: string[]; keys: string[]; exposure: Exposure; file: string; line: number }
export interface FlagFact { k: 'flag'; module: string; pkg?: string; target: string; name: string; def?: string }
export type ExposureFact = RouteFact | ServeFact | FlagFact;

/** Route registration methods of net/http's ServeMux and the common routers (chi, gorilla/mux, httprouter, bunrouter…). */
const REGISTRATION = new Set([
  'Handle', 'HandleFunc', 'Handler', 'HandlerFunc', 'Method', 'MethodFunc', 'Mount', 'Any',
  'Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'Connect', 'Trace',
  'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS',
]);
/** Calls that open a sub-router whose routes a func literal registers on (`r.Route("/x", func(r chi.Router) {…})`). */
const SUBROUTER_CALLS = new Set(['Route', 'Group', 'With']);

export const EXPOSURE_PREFILTER = ['Handle', 'Serve', 'Listen', 'Get(', 'Post(', 'Put(', 'Patch(', 'Delete(', 'POST(', 'PUT(', 'PATCH(', 'DELETE(', 'StringVar', 'ClientAuth'];

function moduleImports(ctx: RuleContext): string[] {
  const mod = ctx.file.modulePath;
  if (!mod) return [];
  return ctx.imports.specs.map((s) => s.path).filter((p) => p === mod || p.startsWith(`${mod}/`));
}

/** The keys naming a value expression, for matching routers to servers (see the file comment). */
function valueKeys(ctx: RuleContext, pkg: string | undefined, expr: Node | null | undefined, out: Set<string>, depth = 0): void {
  const e = unparen(expr);
  if (!e || depth > 4) return;
  switch (e.type) {
    case 'nil':
      out.add('D');
      return;
    case 'identifier': {
      const fn = enclosingDeclaredFunction(e);
      const local = fn && declaresLocally(fn, e.text);
      out.add(local ? `L:${ctx.file.path}:${fn.startIndex}:${e.text}` : `V:${pkg}:${e.text}`);
      if (!local) out.add(`F:${e.text}`);
      const b = singleBinding(ctx, e);
      if (b && b.startIndex !== e.startIndex) valueKeys(ctx, pkg, b, out, depth + 1);
      if (local && fn) {
        // a router handed to a function that registers routes on it (`api.Register(mux)`) or stored in a field
        for (const call of fn.descendantsOfType('call_expression')) {
          if (call && callArgs(call).some((a) => unparen(a)?.type === 'identifier' && unparen(a)!.text === e.text)) {
            const n = calleeName(call);
            if (n) out.add(`A:${n}`);
          }
        }
      }
      return;
    }
    case 'selector_expression': {
      const op = unparen(e.childForFieldName('operand'));
      const field = e.childForFieldName('field')?.text;
      if (field === 'DefaultServeMux' && op?.type === 'identifier' && ctx.isPackageRef(op, HTTP)) {
        out.add('D');
        return;
      }
      if (field) out.add(`F:${field}`);
      return;
    }
    case 'call_expression': {
      // a function or method of the module returning a router (`s.routes()`, `api.NewHandler(…)`); a constructor of
      // another module (http.NewServeMux, chi.NewRouter) names no router of its own, its arguments may (a middleware)
      const n = calleeName(e);
      const r = ctx.resolveCall(e);
      const mod = ctx.file.modulePath;
      const own = !r?.pkg || (!!mod && (r.pkg === mod || r.pkg.startsWith(`${mod}/`)));
      if (n && own) out.add(`C:${n}`);
      for (const a of callArgs(e)) valueKeys(ctx, pkg, a, out, depth + 1);
      return;
    }
    case 'unary_expression':
      valueKeys(ctx, pkg, e.childForFieldName('operand'), out, depth + 1);
      return;
    case 'composite_literal':
      for (const el of literalElements(e)) valueKeys(ctx, pkg, el.value, out, depth + 1);
      return;
    case 'func_literal':
      return;
    default:
      return;
  }
}

function declaresLocally(fn: Node, name: string): boolean {
  if (parameters(fn).some((p) => p.name === name)) return true;
  for (const n of fn.descendantsOfType(['short_var_declaration', 'var_spec'])) {
    if (n && assignedNames(n).some((x) => x.text === name)) return true;
  }
  return false;
}

/** Keys of the router a registration is made on: the receiver, what it was derived from, where it goes. */
function routerKeys(ctx: RuleContext, pkg: string | undefined, recv: Node): string[] {
  const out = new Set<string>();
  const r = unparen(recv);
  if (!r) return [];
  if (r.type === 'identifier') {
    const fn = enclosingDeclaredFunction(r);
    // a parameter of the declared function: routes registered on a router passed in (`func Register(mux *http.ServeMux)`)
    const lit = closestFuncLiteral(r);
    if (lit && parameters(lit).some((p) => p.name === r.text)) {
      // chi r.Route("/x", func(r chi.Router) {…}): the routes go on the router Route was called on
      const call = lit.parent?.parent;
      const f = call?.type === 'call_expression' ? unparen(call.childForFieldName('function')) : undefined;
      if (call && f?.type === 'selector_expression' && SUBROUTER_CALLS.has(calleeName(call) ?? '')) return routerKeys(ctx, pkg, f.childForFieldName('operand')!);
      return [];
    }
    if (fn && parameters(fn).some((p) => p.name === r.text)) {
      const name = functionName(fn);
      return name ? [`A:${name}`] : [];
    }
    valueKeys(ctx, pkg, r, out);
    if (fn && declaresLocally(fn, r.text)) {
      const name = functionName(fn);
      for (const ret of fn.descendantsOfType('return_statement')) {
        if (ret?.descendantsOfType('identifier').some((i) => i?.text === r.text) && name) out.add(`C:${name}`);
      }
      for (const a of fn.descendantsOfType(['assignment_statement', 'keyed_element'])) {
        if (!a) continue;
        if (a.type === 'assignment_statement') {
          const names = assignedNames(a);
          const values = assignedValues(a);
          values.forEach((v, i) => {
            const t = names[i];
            if (t?.type === 'selector_expression' && v.descendantsOfType('identifier').concat(v.type === 'identifier' ? [v] : []).some((x) => x?.text === r.text)) {
              const f = t.childForFieldName('field')?.text;
              if (f) out.add(`F:${f}`);
            }
          });
        } else {
          // &Server{router: mux}
          const key = a.namedChild(0)?.text;
          const val = unparen(a.namedChild(1)?.namedChild(0) ?? a.namedChild(1));
          if (key && key !== 'Handler' && val?.type === 'identifier' && val.text === r.text && /^\w+$/.test(key)) out.add(`F:${key}`);
        }
      }
    }
    // a router derived from another (`api := r.PathPrefix("/api").Subrouter()`): the root router's keys too
    const b = singleBinding(ctx, r);
    let root = unparen(b);
    while (root?.type === 'call_expression') {
      const f = unparen(root.childForFieldName('function'));
      root = f?.type === 'selector_expression' ? unparen(f.childForFieldName('operand')) : null;
    }
    // (a package's constructor, http.NewServeMux(), derives from no router)
    const pkgRef = root?.type === 'identifier' && ctx.imports.pathOf(root.text) !== undefined && !ctx.isShadowed(root.text, root);
    if (root && root !== b && !pkgRef && (root.type === 'identifier' || root.type === 'selector_expression')) for (const k of routerKeys(ctx, pkg, root)) out.add(k);
    return [...out];
  }
  valueKeys(ctx, pkg, r, out);
  return [...out];
}

function closestFuncLiteral(n: Node): Node | null {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal') return p;
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return null;
  }
  return null;
}

/** The handler names a registration argument mentions: functions, methods, handler constructors. */
function handlerNames(expr: Node): string[] {
  const out = new Set<string>();
  const e = unparen(expr);
  if (!e) return [];
  if (e.type === 'identifier') out.add(e.text);
  for (const n of e.descendantsOfType(['identifier', 'field_identifier', 'type_identifier'])) if (n) out.add(n.text);
  return [...out];
}

/**
 * The name registrations refer to a handler by: its declared function or method, or for a ServeHTTP method the
 * receiver's type (`mux.Handle("/x", &uploadHandler{})`).
 */
export function handlerFunctionName(fn: Node | null): string | undefined {
  if (fn?.type === 'method_declaration' && functionName(fn) === 'ServeHTTP') {
    return fn.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text;
  }
  return functionName(fn);
}

/** A route registration call (`router.Method(path, handler…)` or http.Handle/HandleFunc). */
export function routeFact(ctx: RuleContext, module: string, pkg: string | undefined, call: Node): RouteFact | undefined {
  const name = calleeName(call);
  if (!name) return undefined;
  const args = callArgs(call);
  if (args.length < 2) return undefined;
  const f = unparen(call.childForFieldName('function'));
  if (!REGISTRATION.has(name)) {
    // a call of a project's registration wrapper (AddHandler, RegisterRoute…): linked through the wrapper's own registration
    if (!WRAPPER_NAME.test(name) || (f?.type === 'selector_expression' && unparen(f.childForFieldName('operand'))?.type === 'identifier' && ctx.resolveCall(call)?.pkg && !ownPackage(ctx, ctx.resolveCall(call)!.pkg!))) return undefined;
    const names = args.slice(1).flatMap((a) => (unparen(a)?.type === 'func_literal' ? [] : handlerNames(a)));
    return { k: 'route', module, pkg, imports: moduleImports(ctx), names: [...new Set(names)], keys: [`W:${name}`] };
  }
  if (f?.type !== 'selector_expression') return undefined;
  const recv = unparen(f.childForFieldName('operand'));
  if (!recv) return undefined;
  let keys: string[];
  if (recv.type === 'identifier' && ctx.isPackageRef(recv, HTTP)) {
    if (name !== 'Handle' && name !== 'HandleFunc') return undefined;
    keys = ['D'];
  } else {
    keys = routerKeys(ctx, pkg, recv);
  }
  const names = args.slice(1).flatMap((a) => (unparen(a)?.type === 'func_literal' ? [] : handlerNames(a)));
  const fn = enclosingDeclaredFunction(call);
  const last = unparen(args[args.length - 1]);
  const wrapper = fn && last?.type === 'identifier' && parameters(fn).some((p) => p.name === last.text) ? functionName(fn) : undefined;
  return { k: 'route', module, pkg, imports: moduleImports(ctx), names: [...new Set(names)], keys, ...(wrapper ? { wrapper } : {}) };
}

/** Names of registration wrappers a project may define around a router. */
const WRAPPER_NAME = /^(?:Add|Register|Set|Mount)?(?:Handler|Handle|HandleFunc|HandlerFunc|Route|Endpoint)s?$/;

function ownPackage(ctx: RuleContext, path: string): boolean {
  const mod = ctx.file.modulePath;
  return !!mod && (path === mod || path.startsWith(`${mod}/`));
}

/** The registration a func literal handler is passed to directly (`mux.HandleFunc("/x", func(w, r) {…})`). */
export function inlineRoute(ctx: RuleContext, module: string, pkg: string | undefined, lit: Node): RouteFact | undefined {
  const call = lit.parent?.parent;
  if (lit.type !== 'func_literal' || lit.parent?.type !== 'argument_list' || call?.type !== 'call_expression') return undefined;
  return routeFact(ctx, module, pkg, call);
}

/** Whether a *tls.Config expression requires and verifies client certificates. */
function requiresClientCerts(ctx: RuleContext, expr: Node | null | undefined, depth = 0): boolean {
  let e = unparen(expr);
  if (!e || depth > 3) return false;
  if (e.type === 'unary_expression') e = unparen(e.childForFieldName('operand'));
  if (!e) return false;
  const isRequire = (v: Node | null | undefined) => {
    const u = unparen(v);
    if (u?.type !== 'selector_expression' || u.childForFieldName('field')?.text !== 'RequireAndVerifyClientCert') return false;
    const op = unparen(u.childForFieldName('operand'));
    return op?.type === 'identifier' && ctx.isPackageRef(op, 'crypto/tls');
  };
  if (e.type === 'composite_literal') return literalElements(e).some((el) => el.key === 'ClientAuth' && isRequire(el.value));
  if (e.type === 'identifier') {
    const b = singleBinding(ctx, e);
    if (b && requiresClientCerts(ctx, b, depth + 1)) return true;
    const fn = enclosingDeclaredFunction(e);
    // cfg.ClientAuth = tls.RequireAndVerifyClientCert
    for (const a of (fn ?? ctx.root).descendantsOfType('assignment_statement')) {
      if (!a) continue;
      const names = assignedNames(a);
      const values = assignedValues(a);
      if (names.some((t, i) => t.type === 'selector_expression' && t.childForFieldName('field')?.text === 'ClientAuth' && unparen(t.childForFieldName('operand'))?.text === e!.text && isRequire(values[i]))) return true;
    }
  }
  return false;
}

/** The class of an address string: a host:port, a bare host (`hostOnly`), or a URL (tcp://127.0.0.1:10090). */
export function classifyAddressString(s: string, hostOnly: boolean): 'loopback' | 'public' | 'unknown' {
  let host: string | undefined;
  if (/\$|\{\{/.test(s)) return 'unknown';
  if (s.includes('://')) {
    try {
      host = new URL(s).hostname;
    } catch {
      return 'unknown';
    }
  } else if (hostOnly) {
    host = s;
  } else {
    const m = /^\[([^\]]*)\](?::\w*)?$/.exec(s) ?? /^([^:]*)(?::\w*)?$/.exec(s);
    if (!m) return 'unknown';
    host = m[1];
  }
  if (host === undefined) return 'unknown';
  return isLoopbackHost(host) ? 'loopback' : 'public';
}

/** The flag a string-pointer variable was declared with: flag.String(name, def, usage), StringP, kingpin …Default(def).String(). */
function flagDeclaration(ctx: RuleContext, call: Node): { name: string; def?: string } | undefined {
  let name: string | undefined;
  let def: string | undefined;
  let isFlag = false;
  for (let c: Node | null = call; c?.type === 'call_expression'; ) {
    const f = unparen(c.childForFieldName('function'));
    if (f?.type !== 'selector_expression') break;
    const m = f.childForFieldName('field')?.text;
    const args = callArgs(c);
    const str = (n: Node | undefined) => { const v = evalConst(ctx, n); return v?.kind === 'string' ? v.value : undefined; };
    if (m === 'String' && args.length === 3) { name = str(args[0]); def = str(args[1]); isFlag = true; }
    else if (m === 'StringP' && args.length === 4) { name = str(args[0]); def = str(args[2]); isFlag = true; }
    else if (m === 'Default' && args.length >= 1) { def = str(args[0]); }
    else if (m === 'Flag' && args.length >= 1) { name = str(args[0]); isFlag = true; }
    c = unparen(f.childForFieldName('operand'));
  }
  return isFlag && name ? { name, def } : undefined;
}

/** `fs.StringVar(&target, name, def, usage)` / StringVarP: the target's last name, the flag name and default. */
export function flagVarFact(ctx: RuleContext, module: string, pkg: string | undefined, call: Node): FlagFact | undefined {
  const m = calleeName(call);
  if (m !== 'StringVar' && m !== 'StringVarP') return undefined;
  const args = callArgs(call);
  const [t, n, d] = m === 'StringVar' ? [args[0], args[1], args[2]] : [args[0], args[1], args[3]];
  const target = unparen(t);
  if (target?.type !== 'unary_expression' || target.child(0)?.text !== '&') return undefined;
  const op = unparen(target.childForFieldName('operand'));
  const last = op?.type === 'identifier' ? op.text : op?.type === 'selector_expression' ? op.childForFieldName('field')?.text : undefined;
  const name = evalConst(ctx, n);
  if (!last || name?.kind !== 'string') return undefined;
  const def = evalConst(ctx, d);
  return { k: 'flag', module, pkg, target: last, name: name.value, def: def?.kind === 'string' ? def.value : undefined };
}

/** The exposure of a listen-address expression: classifyAddr, else the flag or variable it is read from. */
export function addressExposure(ctx: RuleContext, expr: Node | null | undefined): Exposure {
  const c = classifyAddr(ctx, expr);
  if (c.cls !== 'unknown') return { cls: c.cls, text: c.text };
  return { cls: 'unknown', text: c.text, ...flagSource(ctx, expr, false) };
}

function flagSource(ctx: RuleContext, expr: Node | null | undefined, hostOnly: boolean, depth = 0): Pick<Exposure, 'flag' | 'ref'> {
  const e = unparen(expr);
  if (!e || depth > 3) return {};
  if (e.type === 'call_expression') {
    const args = callArgs(e);
    // fmt.Sprintf("%s:%d", host, port), net.JoinHostPort(host, port): the host part
    if (ctx.isCallTo(e, 'net', 'JoinHostPort') && args.length === 2) return flagSource(ctx, args[0], true, depth + 1);
    if (ctx.isCallTo(e, 'fmt', 'Sprintf') && args.length >= 2) {
      const f = knownString(ctx, args[0]);
      if (f?.complete && /^%[sv]:/.test(f.prefix)) return flagSource(ctx, args[1], true, depth + 1);
    }
    return {};
  }
  if (e.type === 'binary_expression' && e.childForFieldName('operator')?.text === '+') {
    const right = knownString(ctx, e.childForFieldName('right'));
    if (right && right.prefix.startsWith(':')) return flagSource(ctx, e.childForFieldName('left'), true, depth + 1);
    const left = unparen(e.childForFieldName('left'));
    if (left?.type === 'binary_expression') {
      const r2 = knownString(ctx, left.childForFieldName('right'));
      if (r2?.complete && r2.prefix === ':') return flagSource(ctx, left.childForFieldName('left'), true, depth + 1);
    }
    return {};
  }
  if (e.type === 'unary_expression' && e.child(0)?.text === '*') {
    const id = unparen(e.childForFieldName('operand'));
    if (id?.type !== 'identifier') return {};
    const b = unparen(singleBinding(ctx, id));
    const decl = b?.type === 'call_expression' ? flagDeclaration(ctx, b) : undefined;
    return decl ? { flag: { ...decl, hostOnly } } : {};
  }
  if (e.type === 'identifier') {
    const b = unparen(singleBinding(ctx, e));
    if (b && b.startIndex !== e.startIndex && b.type !== 'call_expression') return flagSource(ctx, b, hostOnly, depth + 1);
    return { ref: { target: e.text, hostOnly } };
  }
  if (e.type === 'selector_expression') {
    const field = e.childForFieldName('field')?.text;
    return field ? { ref: { target: field, hostOnly } } : {};
  }
  return {};
}

/** For an http.Server literal without Addr: where its Addr is set later, or the listeners it is served on. */
function literalExposure(ctx: RuleContext, lit: Node): Exposure {
  const fn = enclosingDeclaredFunction(lit);
  const found: Exposure[] = [];
  for (const n of fn?.descendantsOfType(['assignment_statement', 'call_expression']) ?? []) {
    if (!n) continue;
    if (n.type === 'assignment_statement') {
      const names = assignedNames(n);
      const values = assignedValues(n);
      names.forEach((t, i) => {
        if (t.type === 'selector_expression' && t.childForFieldName('field')?.text === 'Addr' && values[i]) found.push(addressExposure(ctx, values[i]));
      });
    } else {
      const name = calleeName(n);
      if ((name === 'Serve' || name === 'ServeTLS') && !ctx.isCallTo(n, HTTP, 'Serve', 'ServeTLS')) {
        const a = callArgs(n)[0];
        if (a) found.push(listenerExposure(ctx, a));
      }
    }
  }
  if (found.length === 0) return { cls: 'unknown', text: 'the listener it is served on' };
  if (found.every((f) => f.cls === 'loopback' || f.cls === 'mtls')) return found[0]!;
  return found.find((f) => f.cls === 'public') ?? found.find((f) => f.cls === 'unknown')!;
}

/** The address of a listener from net.Listen / tls.Listen (mtls when its tls.Config requires client certificates). */
function listenerExposure(ctx: RuleContext, ln: Node, depth = 0): Exposure {
  const e = unparen(ln);
  const text = e ? e.text.slice(0, 60) : '';
  const src = e?.type === 'identifier' ? unparen(singleBinding(ctx, e)) : e;
  if (src?.type !== 'call_expression' || depth > 2) return { cls: 'unknown', text };
  const args = callArgs(src);
  if (ctx.isCallTo(src, 'crypto/tls', 'NewListener') && args.length === 2) {
    if (requiresClientCerts(ctx, args[1])) return { cls: 'mtls', text: 'a listener requiring client certificates' };
    return listenerExposure(ctx, args[0]!, depth + 1);
  }
  if (ctx.isCallTo(src, 'net', 'Listen') || ctx.isCallTo(src, 'crypto/tls', 'Listen')) {
    const network = knownString(ctx, args[0]);
    if (network?.complete && network.prefix.startsWith('unix')) return { cls: 'loopback', text: 'a unix socket' };
    if (ctx.isCallTo(src, 'crypto/tls', 'Listen') && requiresClientCerts(ctx, args[2])) return { cls: 'mtls', text: 'a listener requiring client certificates' };
    return addressExposure(ctx, args[1]);
  }
  return { cls: 'unknown', text };
}

/** A server start (http.ListenAndServe(TLS), http.Serve(TLS), an http.Server literal) with its handler keys and exposure. */
export function serveFact(ctx: RuleContext, module: string, pkg: string | undefined, node: Node): ServeFact | undefined {
  let handler: Node | null | undefined;
  let exposure: Exposure;
  if (node.type === 'call_expression') {
    const name = calleeName(node);
    if (name !== 'ListenAndServe' && name !== 'ListenAndServeTLS' && name !== 'Serve' && name !== 'ServeTLS') return undefined;
    const args = callArgs(node);
    if (ctx.isCallTo(node, HTTP, 'ListenAndServe') && args.length === 2) {
      handler = args[1];
      exposure = addressExposure(ctx, args[0]);
    } else if (ctx.isCallTo(node, HTTP, 'ListenAndServeTLS') && args.length === 4) {
      handler = args[3];
      exposure = addressExposure(ctx, args[0]);
    } else if (ctx.isCallTo(node, HTTP, 'Serve', 'ServeTLS') && args.length >= 2) {
      handler = args[1];
      exposure = listenerExposure(ctx, args[0]!);
    } else {
      return undefined;
    }
  } else if (node.type === 'composite_literal' && compositeIs(ctx, node, HTTP, 'Server')) {
    const els = literalElements(node);
    const addr = els.find((e) => e.key === 'Addr');
    handler = els.find((e) => e.key === 'Handler')?.value;
    const tlsConfig = els.find((e) => e.key === 'TLSConfig');
    if (tlsConfig && requiresClientCerts(ctx, tlsConfig.value)) exposure = { cls: 'mtls', text: 'a TLS server requiring client certificates' };
    else exposure = addr ? addressExposure(ctx, addr.value) : literalExposure(ctx, node);
  } else {
    return undefined;
  }
  const keys = new Set<string>();
  if (handler) valueKeys(ctx, pkg, handler, keys);
  else keys.add('D');
  if (handler) for (const n of handlerNames(handler)) keys.add(`H:${n}`);
  return { k: 'serve', module, pkg, imports: moduleImports(ctx), keys: [...keys], exposure, file: ctx.file.path, line: node.startPosition.row + 1 };
}

/** Values passed to each flag on the command lines of the repository's workloads and images (`--name=v`, `-name v`). */
function manifestFlagValues(repo: RepoFacts): Map<string, string[]> {
  return repo.memo('http-exposure:manifest-flags', () => {
    const lines: string[][] = [];
    for (const w of judgedWorkloads(repo, { compose: true })) for (const c of w.containers) lines.push(c.commandLine.flatMap((s) => s.split(/\s+/)));
    for (const df of repo.fact(DOCKERFILES)) {
      if (df.role !== 'production') continue;
      for (const s of df.stages) lines.push([...(s.entrypointWords ?? []), ...(s.cmdWords ?? [])]);
    }
    const out = new Map<string, string[]>();
    for (const words of lines) {
      words.forEach((w, i) => {
        const m = /^--?([\w.-]+)(?:=(.*))?$/.exec(w.replace(/^["']|["']$/g, ''));
        if (!m) return;
        const v = m[2] ?? words[i + 1];
        if (v === undefined) return;
        const list = out.get(m[1]!) ?? [];
        list.push(v.replace(/^["']|["']$/g, ''));
        out.set(m[1]!, list);
      });
    }
    return out;
  });
}

/** How a server is reached once flags are resolved: restricted (loopback, unix socket, client certificates) or not. */
function serveRestricted(s: ServeFact, flags: FlagFact[], manifest: Map<string, string[]>): boolean {
  const x = s.exposure;
  if (x.cls === 'loopback' || x.cls === 'mtls') return true;
  if (x.cls === 'public') return false;
  const byFlag = (name: string, def: string | undefined, hostOnly: boolean): boolean => {
    const passed = manifest.get(name) ?? [];
    if (passed.length > 0) return passed.every((v) => classifyAddressString(v, hostOnly) === 'loopback');
    return def !== undefined && classifyAddressString(def, hostOnly) === 'loopback';
  };
  if (x.flag) return byFlag(x.flag.name, x.flag.def, x.flag.hostOnly);
  if (x.ref) {
    const ref = x.ref;
    const set = flags.filter((f) => f.module === s.module && f.pkg === s.pkg && f.target === ref.target);
    const anyPkg = set.length > 0 ? set : flags.filter((f) => f.module === s.module && f.target === ref.target);
    return anyPkg.length > 0 && anyPkg.every((f) => byFlag(f.name, f.def, ref.hostOnly));
  }
  return false;
}

/** Whether a route (or server) fact from package `a` may link to one in package `b` of the same module. */
function related(a: { module: string; pkg?: string; imports: string[] }, b: { module: string; pkg?: string; imports: string[] }): boolean {
  if (a.module !== b.module) return false;
  return a.pkg === b.pkg || (!!b.pkg && a.imports.includes(b.pkg)) || (!!a.pkg && b.imports.includes(a.pkg));
}

export interface HandlerRef { module: string; pkg?: string; fn?: string; inline?: RouteFact }

/**
 * The servers a handler is linked to, when every registration of it is linked to at least one; undefined when a
 * registration is not linked or none names it (the handler may be served anywhere).
 */
function linkedServes(h: HandlerRef, routes: RouteFact[], serves: ServeFact[]): ServeFact[] | undefined {
  const regs = h.inline ? [h.inline] : routes.filter((r) => h.fn && r.names.includes(h.fn) && related(r, { module: h.module, pkg: h.pkg, imports: [] }));
  const direct = serves.filter((s) => h.fn && s.keys.includes(`H:${h.fn}`) && related(s, { module: h.module, pkg: h.pkg, imports: [] }));
  if (regs.length === 0 && direct.length === 0) return undefined;
  const out = [...direct];
  for (const r of regs) {
    // the registration itself, or for a call of a registration wrapper, the wrapper's own registrations
    const sources: RouteFact[] = [];
    for (const k of r.keys) {
      if (!k.startsWith('W:')) continue;
      const wrappers = routes.filter((w) => w.wrapper === k.slice(2) && related(r, w));
      if (wrappers.length === 0) return undefined;
      sources.push(...wrappers);
    }
    if (sources.length === 0) sources.push(r);
    // http.DefaultServeMux is one per process: any server of the module serving it serves the route
    const linked = serves.filter((s) => sources.some((src) => (related(s, src) && s.keys.some((k) => src.keys.includes(k))) || (src.keys.includes('D') && s.module === src.module && s.keys.includes('D'))));
    if (linked.length === 0) return undefined;
    out.push(...linked);
  }
  return out;
}

/**
 * The servers that make a handler reachable only by local processes or peers with client certificates, when every
 * server it is linked to is one; undefined when it is, or may be, served more widely.
 */
export function restrictedServing(h: HandlerRef, facts: ExposureFact[], repo: RepoFacts): ServeFact[] | undefined {
  const routes = facts.filter((f): f is RouteFact => f.k === 'route');
  const serves = facts.filter((f): f is ServeFact => f.k === 'serve');
  const flags = facts.filter((f): f is FlagFact => f.k === 'flag');
  const linked = linkedServes(h, routes, serves);
  if (!linked || linked.length === 0) return undefined;
  const manifest = manifestFlagValues(repo);
  return linked.every((s) => serveRestricted(s, flags, manifest)) ? linked : undefined;
}
