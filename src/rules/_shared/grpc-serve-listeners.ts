/**
 * Where a grpc.Server is served, followed through the functions of its package: the listeners handed to its
 * Serve method, the same-package functions it is passed to or returned from, and the same-package helpers that
 * build those listeners. A rule emits these facts per file and asks `servedOnlyLocally` in `finish` whether every
 * Serve of a server gets a local IPC listener only (a unix socket, a Windows named pipe, an in-memory listener, a
 * go-plugin broker connection). Anything not followed (a field, another package, a listener from a parameter or
 * a configured network) counts as unknown, never as local.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, callArgs, contains, enclosingDeclaredFunction, enclosingFunction, outerParens, parameters, unparen } from '../../go/ast.js';
import { boundName, directEscape } from './value-flow.js';
import { declaredFunctionKey } from '../../go/call-sites.js';
import { evalConst } from './const-eval.js';
import { identifiersByName } from './security-bindings.js';
import { packagePath } from './unix-socket-serving.js';
import { dirOf, position } from './obs-packages.js';

const GRPC = 'google.golang.org/grpc';

/**
 * A listener's origin: local IPC, network, unknown, a same-package function's result, a same-package type's value,
 * an unexported field of the package (whatever is assigned to it). `http`: not a listener but the server's ServeHTTP
 * run by net/http, whose transport ignores the gRPC keepalive options.
 */
export type ListenerSrc =
  | { t: 'local' } | { t: 'http' } | { t: 'network' } | { t: 'unknown' } | { t: 'call'; fn: string } | { t: 'type'; name: string } | { t: 'field'; name: string };

/** What happens to a server value in one function. */
export interface ServerFlow {
  serves: ListenerSrc[];
  /** Passed to same-package functions (key: `f` for a function, `.m` for a method). */
  passes: { fn: string; index: number }[];
  /** Returned from the function (its key). */
  returnedFrom?: string;
  /** Unexported fields of a package type it is stored in (`x.f = srv`, `T{f: srv}`). */
  fields?: string[];
  /** Stored, sent, assigned elsewhere, handed to another package of the module, or Serve taken as a value. */
  escapes: boolean;
}

export type ServeFact =
  | { k: 'srv'; pkg: string; file: string; line: number; column: number; flow: ServerFlow }
  | { k: 'use'; pkg: string; callee: string; flow: ServerFlow }
  | { k: 'param'; pkg: string; fn: string; index: number; flow: ServerFlow }
  | { k: 'lis'; pkg: string; fn: string; rets: ListenerSrc[] }
  | { k: 'pipe' | 'accept'; pkg: string; type: string }
  /** A use of an unexported field (by name, any struct of the package) that may hold a server or a listener. */
  | { k: 'fserve'; pkg: string; field: string; srcs: ListenerSrc[] }
  | { k: 'fpass'; pkg: string; field: string; fn: string; index: number }
  | { k: 'fesc'; pkg: string; field: string }
  | { k: 'fset'; pkg: string; field: string; rets: ListenerSrc[] };

const MAX_DEPTH = 6;
const LOCAL_LISTEN_NAMES = new Set(['ListenUnix', 'ListenPipe']);

/** The package key of a file: its import path, else its directory. */
export function packageKey(ctx: RuleContext): string {
  return packagePath(ctx.file) ?? dirOf(ctx.file.path);
}

/** The key of a same-package callee, or undefined when the call goes to an imported package. */
function localCallee(ctx: RuleContext, call: Node): string | undefined {
  const r = ctx.resolveCall(call);
  if (!r || r.pkg) return undefined;
  return r.recv ? `.${r.name}` : r.name;
}

function inModule(ctx: RuleContext, pkg: string): boolean {
  const mod = ctx.file.modulePath;
  return !!mod && (pkg === mod || pkg.startsWith(`${mod}/`));
}

/** Whether `name` is a parameter of `fn` typed as a go-plugin GRPCBroker. */
function isBrokerParam(fn: Node | null, name: string): boolean {
  for (let f = fn; f; f = enclosingFunction(f)) {
    const p = parameters(f).find((x) => x.name === name);
    if (p) return /(^|\.)GRPCBroker$/.test(p.type.replace(/^\*\s*/, ''));
  }
  return false;
}

/** The values bound to a local name in a declared function: its declarations and assignments (undefined for a parameter or range variable). */
function bindings(scope: Node, name: string): Node[] | undefined {
  const out: Node[] = [];
  for (const stmt of scope.descendantsOfType(['short_var_declaration', 'assignment_statement', 'var_spec', 'range_clause'])) {
    if (!stmt) continue;
    const names = assignedNames(stmt);
    const idx = names.findIndex((n) => n.type === 'identifier' && n.text === name);
    if (idx < 0) continue;
    if (stmt.type === 'range_clause') return undefined;
    const values = assignedValues(stmt);
    if (values.length === 0) continue; // var l net.Listener
    const v = values.length === names.length ? values[idx] : idx === 0 ? values[0] : undefined;
    if (!v) return undefined;
    out.push(v);
  }
  return out.length ? out : undefined;
}

/** `x.f` (or `x.y.f`) with f unexported: a field of a package type, named by f. */
function unexportedField(e: Node | null): string | undefined {
  if (e?.type !== 'selector_expression') return undefined;
  const operand = unparen(e.childForFieldName('operand'));
  if (!operand || (operand.type !== 'identifier' && operand.type !== 'selector_expression')) return undefined;
  const f = e.childForFieldName('field')?.text;
  return f && /^[a-z_]/.test(f) ? f : undefined;
}

/** Whether a type node is net.ListenConfig or *net.ListenConfig, `net` being the standard library's package. */
function isListenConfigType(ctx: RuleContext, type: Node | null | undefined): boolean {
  let t = type;
  if (t?.type === 'pointer_type') t = t.namedChildren.find((c) => !!c) ?? null;
  if (t?.type !== 'qualified_type' || t.childForFieldName('name')?.text !== 'ListenConfig') return false;
  const pkg = t.childForFieldName('package')?.text;
  return ctx.imports.specs.some((s) => s.path === 'net' && s.local === pkg);
}

/** Whether an expression is a net.ListenConfig value: a literal, its address, or a local bound to one. */
function isListenConfig(ctx: RuleContext, expr: Node | null | undefined, depth = 0): boolean {
  const e = unparen(expr);
  if (!e || depth > MAX_DEPTH) return false;
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '&') return isListenConfig(ctx, e.childForFieldName('operand'), depth + 1);
  if (e.type === 'composite_literal') return isListenConfigType(ctx, e.childForFieldName('type'));
  if (e.type !== 'identifier') return false;
  const fn = enclosingDeclaredFunction(e);
  if (!fn) return false;
  // var lc net.ListenConfig
  for (const spec of fn.descendantsOfType('var_spec')) {
    if (spec && spec.childrenForFieldName('name').some((n) => n?.text === e.text) && isListenConfigType(ctx, spec.childForFieldName('type'))) return true;
  }
  const vals = bindings(fn, e.text);
  return !!vals && vals.every((v) => isListenConfig(ctx, v, depth + 1));
}

/** `lc.Listen(ctx, network, address)` on a net.ListenConfig. */
function isListenConfigListen(ctx: RuleContext, call: Node): boolean {
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Listen') return false;
  return isListenConfig(ctx, fn.childForFieldName('operand'));
}

/** Where the listener expression `expr` comes from. */
export function classifyListenerExpr(ctx: RuleContext, expr: Node | null | undefined, depth = 0): ListenerSrc[] {
  const e = unparen(expr);
  if (!e || depth > MAX_DEPTH) return [{ t: 'unknown' }];
  if (e.type === 'identifier') {
    const fn = enclosingDeclaredFunction(e);
    const vals = fn ? bindings(fn, e.text) : undefined;
    if (!vals) return [{ t: 'unknown' }];
    return vals.flatMap((v) => classifyListenerExpr(ctx, v, depth + 1));
  }
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '&') return classifyListenerExpr(ctx, e.childForFieldName('operand'), depth + 1);
  const field = unexportedField(e);
  if (field) return [{ t: 'field', name: field }];
  if (e.type === 'composite_literal') {
    const type = e.childForFieldName('type');
    return type?.type === 'type_identifier' ? [{ t: 'type', name: type.text }] : [{ t: 'unknown' }];
  }
  if (e.type !== 'call_expression') return [{ t: 'unknown' }];
  if (ctx.isCallTo(e, 'net', 'Listen') || ctx.isCallTo(e, 'crypto/tls', 'Listen')) {
    const network = evalConst(ctx, callArgs(e)[0]);
    if (network?.kind !== 'string') return [{ t: 'unknown' }]; // a configured network: unix or tcp
    return [{ t: network.value.startsWith('unix') ? 'local' : 'network' }];
  }
  if (isListenConfigListen(ctx, e)) {
    // (&net.ListenConfig{}).Listen(ctx, network, address)
    const network = evalConst(ctx, callArgs(e)[1]);
    if (network?.kind !== 'string') return [{ t: 'unknown' }];
    return [{ t: network.value.startsWith('unix') ? 'local' : 'network' }];
  }
  if (ctx.isCallTo(e, 'net', 'ListenUnix')) return [{ t: 'local' }];
  if (ctx.isCallTo(e, 'net', 'ListenTCP')) return [{ t: 'network' }];
  if (ctx.isCallTo(e, 'google.golang.org/grpc/test/bufconn', 'Listen')) return [{ t: 'local' }];
  const r = ctx.resolveCall(e);
  if (!r) return [{ t: 'unknown' }];
  // winio.ListenPipe, a listener factory's ListenUnix/ListenPipe method
  if (LOCAL_LISTEN_NAMES.has(r.name) && r.pkg !== 'net') return [{ t: 'local' }];
  if (r.name === 'Accept' && r.recv) {
    const recv = unparen(r.recv);
    if (recv?.type === 'identifier' && isBrokerParam(enclosingFunction(e), recv.text)) return [{ t: 'local' }];
  }
  if (!r.pkg) return [{ t: 'call', fn: r.recv ? `.${r.name}` : r.name }];
  return [{ t: 'unknown' }];
}

/** What happens to the server named `name` inside `scope` (after offset `after`). */
export function serverFlow(ctx: RuleContext, scope: Node, name: string, after: number): ServerFlow {
  const flow: ServerFlow = { serves: [], passes: [], escapes: false };
  for (const id of identifiersByName(scope).get(name) ?? []) {
    if (id.startIndex < after) continue;
    const p = id.parent;
    if (!p) continue;
    if (p.type === 'selector_expression' && p.childForFieldName('operand')?.startIndex === id.startIndex) {
      const field = p.childForFieldName('field')?.text;
      const call = p.parent;
      const isCall = call?.type === 'call_expression' && call.childForFieldName('function')?.startIndex === p.startIndex;
      if (field === 'Serve') {
        if (isCall) flow.serves.push(...classifyListenerExpr(ctx, callArgs(call!)[0]));
        else flow.escapes = true; // s.Serve handed over as a function value
      } else if (field === 'ServeHTTP') flow.serves.push({ t: 'http' }); // called or handed over: net/http runs it
      continue;
    }
    if (p.type === 'argument_list') {
      const call = p.parent;
      if (call?.type !== 'call_expression') continue;
      const index = callArgs(call).findIndex((a) => a.startIndex === id.startIndex);
      const local = localCallee(ctx, call);
      if (local) { flow.passes.push({ fn: local, index }); continue; }
      const r = ctx.resolveCall(call);
      // generated RegisterXServer(s, impl) and other registrations only add services; another package of the
      // module may serve it
      if (r?.pkg && inModule(ctx, r.pkg) && !r.name.startsWith('Register')) flow.escapes = true;
      continue;
    }
    const how = directEscape(id);
    if (how === 'returned') {
      const fn = enclosingFunction(id);
      const key = fn && fn.type !== 'func_literal' ? declaredFunctionKey(fn) : undefined;
      if (key) flow.returnedFrom = key;
      else flow.escapes = true;
      continue;
    }
    const keyed = how === 'stored' ? keyedField(id) : undefined;
    if (keyed) { (flow.fields ??= []).push(keyed); continue; }
    if (how) { flow.escapes = true; continue; }
    if (p.type === 'expression_list' && p.parent && ['short_var_declaration', 'assignment_statement', 'var_spec'].includes(p.parent.type)) {
      if (p.parent.childForFieldName(p.parent.type === 'var_spec' ? 'value' : 'right')?.startIndex === p.startIndex) {
        const stored = assignedField(id);
        if (stored) (flow.fields ??= []).push(stored);
        else flow.escapes = true;
      }
    }
  }
  return flow;
}

const hasFlow = (f: ServerFlow) => f.serves.length > 0 || f.passes.length > 0 || f.escapes || f.returnedFrom !== undefined || !!f.fields?.length;

/** The unexported field an expression is assigned to by a plain `x.f = expr` (paired by position), else undefined. */
function assignedField(expr: Node): string | undefined {
  const e = outerParens(expr);
  const list = e.parent;
  const stmt = list?.parent;
  if (list?.type !== 'expression_list' || stmt?.type !== 'assignment_statement' || stmt.childForFieldName('operator')?.text !== '=') return undefined;
  const values = assignedValues(stmt);
  const names = assignedNames(stmt);
  if (values.length !== names.length) return undefined;
  const idx = values.findIndex((v) => v.startIndex === e.startIndex);
  return idx >= 0 ? unexportedField(unparen(names[idx] ?? null)) : undefined;
}

/** The unexported field key of a keyed composite-literal element `T{f: expr}` holding expr. */
function keyedField(expr: Node): string | undefined {
  const e = outerParens(expr);
  let el = e.parent;
  if (el?.type === 'literal_element') el = el.parent;
  if (el?.type !== 'keyed_element') return undefined;
  const parts = el.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (parts.length !== 2 || parts[1]!.startIndex > e.startIndex || !contains(parts[1]!, e)) return undefined;
  const key = parts[0]!.type === 'literal_element' ? parts[0]!.namedChildren[0] : parts[0];
  const name = key?.type === 'field_identifier' || key?.type === 'identifier' ? key.text : undefined;
  return name && /^[a-z_]/.test(name) ? name : undefined;
}

/** The flow of the server a grpc.NewServer call builds. */
export function newServerFlow(ctx: RuleContext, call: Node): ServerFlow {
  const how = directEscape(call);
  if (how === 'returned') {
    const fn = enclosingFunction(call);
    const key = fn && fn.type !== 'func_literal' ? declaredFunctionKey(fn) : undefined;
    return key ? { serves: [], passes: [], escapes: false, returnedFrom: key } : { serves: [], passes: [], escapes: true };
  }
  const stored = assignedField(call) ?? (how === 'stored' ? keyedField(call) : undefined);
  if (stored) return { serves: [], passes: [], escapes: false, fields: [stored] };
  const target = assignedTarget(call);
  const scope = enclosingDeclaredFunction(call);
  if (!target || !scope) return { serves: [], passes: [], escapes: true };
  return serverFlow(ctx, scope, target, call.endIndex);
}

/** The identifier a call's (first) result is bound to: `x := f()`, `x, err := f()`, `var x = f()`. */
function assignedTarget(call: Node): string | undefined {
  const b = boundName(call);
  return b && 'name' in b ? b.name : undefined;
}

/**
 * The facts of one file other than the servers themselves: results of same-package calls bound to a name and
 * served or passed on, *grpc.Server parameters, listener-returning functions, in-memory listener types.
 */
export function collectServeFacts(ctx: RuleContext, emit: (f: ServeFact) => void): void {
  const pkg = packageKey(ctx);
  const importsGrpc = ctx.imports.specs.some((s) => s.path === GRPC);
  const grpcFile = importsGrpc || /\.Serve\(/.test(ctx.source);
  const fieldSeen = new Set<string>();
  for (const fn of ctx.functions.all()) {
    const node = fn.node;
    const key = declaredFunctionKey(node);
    if (!key) continue;
    if (grpcFile) {
      const params = parameters(node);
      const body = node.childForFieldName('body');
      if (body) {
        const rc = receiverCount(node);
        params.forEach((p, i) => {
          if (i < rc || !/^\*\s*\w+\.Server$/.test(p.type)) return;
          const index = i - rc;
          emit({ k: 'param', pkg, fn: key, index, flow: serverFlow(ctx, body, p.name, body.startIndex) });
        });
        for (const call of body.descendantsOfType('call_expression')) {
          if (!call) continue;
          const target = assignedTarget(call);
          const callee = target && localCallee(ctx, call);
          if (!callee || !target) continue;
          const flow = serverFlow(ctx, body, target, call.endIndex);
          if (flow.serves.length > 0 || flow.passes.length > 0 || (importsGrpc && hasFlow(flow))) {
            emit({ k: 'use', pkg, callee, flow });
          }
        }
      }
    }
    const result = node.childForFieldName('result');
    const resultText = result?.text ?? '';
    // functions returning a listener, and constructors of a package type (`return &T{…}`: an in-memory listener?)
    const listener = /Listener\b/.test(resultText);
    if (listener || /^\(?\s*\*\s*[A-Za-z_]\w*\s*(,|\)|$)/.test(resultText)) {
      const rets: ListenerSrc[] = [];
      let constructor = true;
      for (const ret of node.descendantsOfType('return_statement')) {
        if (!ret || enclosingFunction(ret)?.startIndex !== node.startIndex) continue;
        const list = ret.namedChildren.find((c) => c?.type === 'expression_list') ?? ret.namedChildren[0];
        const first = list?.type === 'expression_list' ? list.namedChildren[0] : list;
        if (!first || first.type === 'nil') continue;
        const lit = unparen(first);
        if (!listener && !(lit?.type === 'unary_expression' && unparen(lit.childForFieldName('operand'))?.type === 'composite_literal')) { constructor = false; break; }
        rets.push(...classifyListenerExpr(ctx, first));
      }
      if (rets.length && (listener || constructor)) emit({ k: 'lis', pkg, fn: key, rets });
    }
    fieldFacts(ctx, pkg, node, fieldSeen, emit);
    if (fn.receiver) {
      if (fn.name === 'Accept') emit({ k: 'accept', pkg, type: fn.receiver });
      if (node.descendantsOfType('call_expression').some((c) => !!c && ctx.isCallTo(c, 'net', 'Pipe'))) emit({ k: 'pipe', pkg, type: fn.receiver });
    }
  }
}

/**
 * The uses of unexported fields in a declared function that matter when a field holds a server or a listener:
 * Serve/ServeHTTP called on it, handed to a same-package function, assigned (a listener's origin), or escaping
 * (returned, stored elsewhere, sent, handed to another package). Keyed by field name for the whole package.
 */
function fieldFacts(ctx: RuleContext, pkg: string, fn: Node, seen: Set<string>, emit: (f: ServeFact) => void): void {
  const once = (key: string, f: ServeFact) => { if (!seen.has(key)) { seen.add(key); emit(f); } };
  for (const sel of fn.descendantsOfType('selector_expression')) {
    const field = sel ? unexportedField(sel) : undefined;
    if (!sel || !field) continue;
    const e = outerParens(sel);
    const p = e.parent;
    if (!p) continue;
    if (p.type === 'selector_expression' && p.childForFieldName('operand')?.startIndex === e.startIndex) {
      const method = p.childForFieldName('field')?.text;
      const call = p.parent;
      const isCall = call?.type === 'call_expression' && call.childForFieldName('function')?.startIndex === p.startIndex;
      if (method === 'Serve') {
        if (isCall) emit({ k: 'fserve', pkg, field, srcs: classifyListenerExpr(ctx, callArgs(call!)[0]) });
        else once(`fesc ${field}`, { k: 'fesc', pkg, field });
      } else if (method === 'ServeHTTP') once(`http ${field}`, { k: 'fserve', pkg, field, srcs: [{ t: 'http' }] });
      continue;
    }
    if (p.type === 'argument_list') {
      const call = p.parent;
      if (call?.type !== 'call_expression') continue;
      const index = callArgs(call).findIndex((a) => a.startIndex === e.startIndex);
      const local = localCallee(ctx, call);
      if (local) { once(`fpass ${field} ${local} ${index}`, { k: 'fpass', pkg, field, fn: local, index }); continue; }
      const r = ctx.resolveCall(call);
      if (!r?.pkg || !r.name.startsWith('Register')) once(`fesc ${field}`, { k: 'fesc', pkg, field });
      continue;
    }
    if (p.type === 'expression_list' && p.parent?.type === 'assignment_statement' && p.parent.childForFieldName('left')?.startIndex === p.startIndex) {
      const stmt = p.parent;
      const names = assignedNames(stmt);
      const values = assignedValues(stmt);
      const idx = names.findIndex((n) => n.startIndex === e.startIndex);
      const v = values.length === names.length ? values[idx] : idx === 0 ? values[0] : undefined;
      if (v?.type === 'nil') continue;
      emit({ k: 'fset', pkg, field, rets: v && stmt.childForFieldName('operator')?.text === '=' ? classifyListenerExpr(ctx, v) : [{ t: 'unknown' }] });
      continue;
    }
    if (directEscape(e) || (p.type === 'expression_list' && p.parent && ['short_var_declaration', 'assignment_statement', 'var_spec'].includes(p.parent.type))) {
      once(`fesc ${field}`, { k: 'fesc', pkg, field });
    }
  }
  // T{f: listener}: a listener's origin
  for (const el of fn.descendantsOfType('keyed_element')) {
    const parts = el?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
    if (parts.length !== 2) continue;
    const key = parts[0]!.type === 'literal_element' ? parts[0]!.namedChildren[0] : parts[0];
    const value = parts[1]!.type === 'literal_element' ? parts[1]!.namedChildren[0] : parts[1];
    if ((key?.type !== 'field_identifier' && key?.type !== 'identifier') || !/^[a-z_]/.test(key.text) || !value || value.type === 'nil') continue;
    emit({ k: 'fset', pkg, field: key.text, rets: classifyListenerExpr(ctx, value) });
  }
}

function receiverCount(fn: Node): number {
  const recv = fn.childForFieldName('receiver');
  if (!recv) return 0;
  let n = 0;
  for (const d of recv.namedChildren) if (d?.type === 'parameter_declaration') n += Math.max(1, d.childrenForFieldName('name').length);
  return n;
}

/** A server's fact, at the grpc.NewServer call. */
export function serverFact(ctx: RuleContext, call: Node): ServeFact {
  return { k: 'srv', pkg: packageKey(ctx), file: ctx.file.path, ...position(call), flow: newServerFlow(ctx, call) };
}

/** Answers, for the collected facts, whether a server is served on local IPC listeners only. */
export function localServing(facts: ServeFact[]): (srv: ServeFact & { k: 'srv' }) => boolean {
  const by = new Map<string, ServeFact[]>();
  const put = (key: string, f: ServeFact) => { const l = by.get(key); if (l) l.push(f); else by.set(key, [f]); };
  for (const f of facts) {
    if (f.k === 'use') put(`use ${f.pkg} ${f.callee}`, f);
    else if (f.k === 'param') put(`param ${f.pkg} ${f.fn} ${f.index}`, f);
    else if (f.k === 'lis') put(`lis ${f.pkg} ${f.fn}`, f);
    else if (f.k === 'pipe' || f.k === 'accept') put(`${f.k} ${f.pkg} ${f.type}`, f);
    else if (f.k === 'fserve' || f.k === 'fpass' || f.k === 'fesc' || f.k === 'fset') put(`${f.k} ${f.pkg} ${f.field}`, f);
  }
  const srcLocal = (pkg: string, s: ListenerSrc, seen: Set<string>): boolean => {
    if (s.t === 'local' || s.t === 'http') return true;
    if (s.t === 'type') return by.has(`pipe ${pkg} ${s.name}`) && by.has(`accept ${pkg} ${s.name}`);
    if (s.t === 'field') {
      // every value the package assigns to the field
      const key = `fset ${pkg} ${s.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      const sets = (by.get(key) ?? []) as (ServeFact & { k: 'fset' })[];
      return sets.length > 0 && sets.every((d) => d.rets.every((r) => srcLocal(pkg, r, seen)));
    }
    if (s.t !== 'call') return false;
    const key = `lis ${pkg} ${s.fn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const defs = (by.get(key) ?? []) as (ServeFact & { k: 'lis' })[];
    return defs.length > 0 && defs.every((d) => d.rets.every((r) => srcLocal(pkg, r, seen)));
  };
  /** Pushes the local-ness of every Serve reached from a flow; false when part of the flow cannot be followed. */
  const walk = (pkg: string, flow: ServerFlow, out: boolean[], seen: Set<string>): boolean => {
    if (flow.escapes) return false;
    for (const s of flow.serves) out.push(srcLocal(pkg, s, new Set()));
    const passes = [...flow.passes];
    // stored in an unexported field: every Serve on a field of that name in the package, and where it is handed on
    for (const field of flow.fields ?? []) {
      const key = `field ${pkg} ${field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (by.has(`fesc ${pkg} ${field}`)) return false;
      for (const f of by.get(`fserve ${pkg} ${field}`) ?? []) if (f.k === 'fserve') for (const s of f.srcs) out.push(srcLocal(pkg, s, new Set()));
      for (const f of by.get(`fpass ${pkg} ${field}`) ?? []) if (f.k === 'fpass') passes.push({ fn: f.fn, index: f.index });
    }
    for (const p of passes) {
      const key = `param ${pkg} ${p.fn} ${p.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const f of by.get(key) ?? []) if (f.k === 'param' && !walk(pkg, f.flow, out, seen)) return false;
    }
    if (flow.returnedFrom !== undefined) {
      if (/^\.?[A-Z]/.test(flow.returnedFrom)) return false; // exported: callers in other packages are not seen
      const key = `use ${pkg} ${flow.returnedFrom}`;
      if (seen.has(key)) return true;
      seen.add(key);
      const uses = by.get(key) ?? [];
      if (uses.length === 0) return false; // built for callers this package does not show
      for (const u of uses) if (u.k === 'use' && !walk(pkg, u.flow, out, seen)) return false;
    }
    return true;
  };
  return (srv) => {
    const out: boolean[] = [];
    if (!walk(srv.pkg, srv.flow, out, new Set())) return false;
    return out.length > 0 && out.every((x) => x);
  };
}
