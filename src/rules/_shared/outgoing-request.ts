/**
 * The role "part of an outgoing request to a remote API": whether a value (a digest, a nonce) ends up in an HTTP
 * request the code builds and sends — a header, the query, a form or a body serialized from it. Such a value is
 * dictated by the remote protocol (the server that verifies it chose the algorithm) and travels in clear; rules
 * that judge digests or random values by their security role use this to tell a client signing a third-party API
 * call from code that hashes passwords or mints its own tokens.
 *
 * The flow is followed within one file: through locals, encodings and formatting calls of the standard library and
 * the file's own functions (their result carries their arguments; an arbitrary other call's does not), composite literals and fields written with a value, containers it is written into
 * (`v.Set(k, x)`, `h.Write(x)`, `fmt.Fprintf(w, …, x)`, `json.NewEncoder(buf).Encode(x)`), and across at most
 * MAX_CALL_HOPS calls between functions of the file: a result returned to its callers (also through a function
 * stored in a field, `saltShaker: newSalt` … `s.saltShaker()`), a parameter the value is written into back to the
 * caller's argument, an argument into the callee's parameter. It ends in the request when it reaches an argument of
 * net/http's NewRequest/NewRequestWithContext/Get/Post/PostForm/Head, or is written into a request variable (bound
 * from http.NewRequest*, from a function of the file returning *http.Request, or a *http.Request parameter of a
 * function that is not an HTTP handler) — `req.Header.Set(k, x)`, `req.URL.RawQuery = x`.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import { assignedNames, callArgs, enclosingDeclaredFunction, enclosingFunction, functionName, parameterNames, unparen } from '../../go/ast.js';
import { memoOnNode } from '../../go/tree-memo.js';
import { identifiersByName } from './security-bindings.js';

const REQUEST_BUILDERS = ['NewRequest', 'NewRequestWithContext', 'Get', 'Post', 'PostForm', 'Head'];
/** Methods that write their arguments into their receiver. */
const MUTATORS = new Set(['Set', 'Add', 'Write', 'WriteString', 'Encode', 'SetBasicAuth', 'AddCookie']);
/** Standard packages whose functions (and package values' methods) compute their results from their arguments. */
const CARRIER_PACKAGES = new Set([
  'fmt', 'strings', 'bytes', 'strconv', 'io', 'path', 'net/url', 'encoding/hex', 'encoding/base64', 'encoding/base32',
  'encoding/json', 'encoding/xml', 'crypto/md5', 'crypto/sha1', 'crypto/sha256', 'crypto/sha512',
]);
const BUILTINS = new Set(['append', 'string']);
const BOOLEAN_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=', '&&', '||']);
/** Calls between functions of the file a flow may cross. */
export const MAX_CALL_HOPS = 2;
const MAX_STEPS = 400;
const MAX_CLIMB = 24;

/** Whether the value of expression `start` reaches an outgoing HTTP request (see the module comment). */
export function valueReachesOutgoingRequest(ctx: RuleContext, start: Node): boolean {
  const flow = new Flow(ctx);
  flow.pushExpr(start, 0);
  return flow.run();
}

/** A call of a function of another package of the module the value is given to: a request builder if that package says so. */
export interface WrapperCall { pkg: string; name: string; arg: number }

/**
 * One way the value may reach a request through functions of other packages of the module: given to `builder`, a
 * function that may build the request from that argument, and/or first through `carrier`, a function whose result may
 * be computed from that argument (`request.New(m, uri, request.MarshalJSON(data))`). Both absent never occurs.
 */
export interface ModuleRoute { builder?: WrapperCall; carrier?: WrapperCall }

/**
 * Like valueReachesOutgoingRequest, and when the value does not visibly reach a request, the routes through calls of
 * functions of other packages of the same module it is given to (`request.New(method, uri, body)` of a project helper
 * package, or a serializer of that package whose result then reaches a request or a builder): the package model
 * (REQUEST_BUILDERS) tells whether one of them holds. One carrier deep.
 */
export function outgoingRequestFlow(ctx: RuleContext, start: Node): { reached: boolean; routes: ModuleRoute[] } {
  const flow = new Flow(ctx);
  flow.pushExpr(start, 0);
  if (flow.run()) return { reached: true, routes: [] };
  const routes: ModuleRoute[] = [];
  flow.wrappers.forEach((w, i) => {
    routes.push({ builder: w });
    const sub = new Flow(ctx);
    sub.pushExpr(flow.wrapperCalls[i]!, 0);
    if (sub.run()) routes.push({ carrier: w });
    else for (const b of sub.wrappers) routes.push({ carrier: w, builder: b });
  });
  return { reached: false, routes };
}

type ModuleFunctions = Record<string, { params: number[]; variadic: boolean }>;

function takesArgument(fns: ModuleFunctions, c: WrapperCall): boolean {
  const f = fns[`${c.pkg}.${c.name}`];
  if (!f || !f.params.length) return false;
  const last = Math.max(...f.params);
  return f.params.includes(c.arg) || (f.variadic && c.arg >= last && f.params.includes(last));
}

/** Whether one of the routes holds in the module: its builder builds a request from the argument, its carrier returns it. */
export function routeReachesRequest(model: { builders: ModuleFunctions; carriers: ModuleFunctions }, routes: ModuleRoute[]): boolean {
  return routes.some((r) => (!r.builder || takesArgument(model.builders, r.builder)) && (!r.carrier || takesArgument(model.carriers, r.carrier)));
}

/** Whether what is written into `container` (a buffer filled at `at`, e.g. `rand.Read(buf)`) reaches an outgoing request. */
export function containerReachesOutgoingRequest(ctx: RuleContext, container: Node, at: Node): boolean {
  const flow = new Flow(ctx);
  flow.into(container, at, 0);
  return flow.run();
}

type Item =
  | { kind: 'expr'; node: Node; hops: number }
  | { kind: 'var'; scope: Node; name: string; after: number; hops: number };

class Flow {
  private readonly work: Item[] = [];
  private readonly seen = new Set<string>();
  /** Calls of other packages of the module the value was given to (see outgoingRequestFlow). */
  readonly wrappers: WrapperCall[] = [];
  readonly wrapperCalls: Node[] = [];
  constructor(private readonly ctx: RuleContext) {}

  run(): boolean {
    for (let steps = 0; this.work.length && steps < MAX_STEPS; steps++) {
      const it = this.work.pop()!;
      if (it.kind === 'expr' ? this.expr(it.node, it.hops) : this.variable(it.scope, it.name, it.after, it.hops)) return true;
    }
    return false;
  }

  pushExpr(node: Node, hops: number): void {
    const k = `e${node.id}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.work.push({ kind: 'expr', node, hops });
  }

  private pushVar(scope: Node, name: string, after: number, hops: number): void {
    if (name === '_' || name === 'err') return;
    const k = `v${scope.id}:${name}:${after}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.work.push({ kind: 'var', scope, name, after, hops });
  }

  /** The value flows into the variable at the root of `target` (`buf`, `req` of `req.Header`, `v` of `v[k]`) after `at`. */
  into(target: Node, at: Node, hops: number): void {
    this.receiverField(target, at, hops);
    let t = unparen(target);
    for (let i = 0; t && i < 8; i++) {
      if (t.type === 'identifier') {
        const scope = enclosingDeclaredFunction(t) ?? enclosingFunction(t);
        if (scope) this.pushVar(scope, t.text, at.endIndex, hops);
        return;
      }
      if (t.type === 'selector_expression' || t.type === 'index_expression') t = unparen(t.childForFieldName('operand'));
      else if (t.type === 'unary_expression') t = unparen(t.childForFieldName('operand'));
      else if (t.type === 'call_expression') {
        // json.NewEncoder(buf) writes into buf; w.Header() into w
        const a = callArgs(t)[0];
        const f = unparen(t.childForFieldName('function'));
        t = a ? unparen(a) : f?.type === 'selector_expression' ? unparen(f.childForFieldName('operand')) : null;
      } else return;
    }
  }

  /**
   * `recv.field = x` in a method: the value is kept in the object, and the reads of `recv.field` later in the same
   * method carry it on (`v.hash = hex(…)` then `Password: v.hash` in the body it sends).
   */
  private receiverField(target: Node, at: Node, hops: number): void {
    const t = unparen(target);
    if (t?.type !== 'selector_expression') return;
    const recv = unparen(t.childForFieldName('operand'));
    const scope = enclosingDeclaredFunction(t);
    if (recv?.type !== 'identifier' || scope?.type !== 'method_declaration') return;
    if (!scope.childForFieldName('receiver')?.descendantsOfType('identifier').some((n) => n?.text === recv.text)) return;
    for (const sel of scope.descendantsOfType('selector_expression')) {
      if (!sel || sel.startIndex < at.endIndex || sel.text !== t.text) continue;
      if (sel.parent?.type === 'expression_list' && onLeftSide(sel)) continue;
      this.pushExpr(sel, hops);
    }
  }

  /** Follows the value of `e` up the expression it is part of. Returns true when it enters a request. */
  private expr(start: Node, hops: number): boolean {
    let e = start;
    for (let i = 0; i < MAX_CLIMB; i++) {
      const p = e.parent;
      if (!p) return false;
      switch (p.type) {
        case 'parenthesized_expression':
        case 'slice_expression':
        case 'index_expression':
        case 'type_conversion_expression':
        case 'type_assertion_expression':
        case 'unary_expression':
          e = p;
          continue;
        case 'binary_expression':
          if (BOOLEAN_OPERATORS.has(p.childForFieldName('operator')?.text ?? '')) return false;
          e = p;
          continue;
        case 'selector_expression': {
          // x.Encode(), x.Field: the value goes on; x.Set(…) only yields nothing
          if (p.childForFieldName('operand')?.id !== e.id) return false;
          const call = p.parent;
          e = call?.type === 'call_expression' && call.childForFieldName('function')?.id === p.id ? call : p;
          continue;
        }
        case 'keyed_element':
          if (p.namedChild(0)?.id === e.id) return false; // a key, not a value
          e = p;
          continue;
        case 'literal_element':
          e = p;
          continue;
        case 'literal_value':
          e = p.parent?.type === 'composite_literal' ? p.parent : p;
          continue;
        case 'argument_list': {
          const call = p.parent;
          return call?.type === 'call_expression' ? this.argument(call, e, hops) : false;
        }
        case 'expression_list':
          return this.listed(p, e, hops);
        case 'range_clause':
          // for k, v := range values: the loop variables carry the elements
          if (p.childForFieldName('right')?.id !== e.id) return false;
          for (const t of assignedNames(p)) this.into(t, p, hops);
          return false;
        case 'return_statement':
          this.returned(e, hops);
          return false;
        default:
          return false;
      }
    }
    return false;
  }

  /** `e` is an argument of `call`. */
  private argument(call: Node, e: Node, hops: number): boolean {
    const ctx = this.ctx;
    if (ctx.isCallTo(call, 'net/http', ...REQUEST_BUILDERS)) return true;
    const args = callArgs(call);
    const f = unparen(call.childForFieldName('function'));
    if (ctx.isCallTo(call, 'fmt', 'Fprint', 'Fprintf', 'Fprintln') || ctx.isCallTo(call, 'io', 'WriteString', 'Copy')) {
      if (args[0] && args[0].id !== e.id) this.into(args[0], call, hops);
      return false;
    }
    const resolved = ctx.resolveCall(call);
    const mod = ctx.file.modulePath;
    if (resolved?.pkg && mod && (resolved.pkg === mod || resolved.pkg.startsWith(`${mod}/`))) {
      const idx = args.findIndex((a) => a.id === e.id);
      if (idx >= 0) {
        this.wrappers.push({ pkg: resolved.pkg, name: resolved.name, arg: idx });
        this.wrapperCalls.push(call);
      }
    }
    if (f?.type === 'selector_expression' && !resolved?.pkg && MUTATORS.has(f.childForFieldName('field')?.text ?? '')) {
      const operand = f.childForFieldName('operand');
      if (operand) this.into(operand, call, hops);
    }
    if (hops < MAX_CALL_HOPS && !resolved?.pkg) {
      const idx = args.findIndex((a) => a.id === e.id);
      for (const callee of this.declarations(call)) {
        const params = parameterNames(callee);
        const name = params[Math.min(idx, params.length - 1)];
        const body = callee.childForFieldName('body');
        if (name && idx >= 0 && body) this.pushVar(callee, name, body.startIndex, hops + 1);
      }
    }
    if (this.carriesArguments(call)) this.pushExpr(call, hops);
    return false;
  }

  /**
   * Whether a call's result is computed from its arguments: formatting, encoding, digests, readers and conversions
   * of the standard library (fmt.Sprintf, hex.EncodeToString, base64.StdEncoding.EncodeToString, json.Marshal,
   * sha1.Sum, strings.NewReader, string(b), append) and the functions of the file. What an arbitrary other call returns (a
   * user looked up by a password hash) is not the value any more.
   */
  private carriesArguments(call: Node): boolean {
    const f = unparen(call.childForFieldName('function'));
    if (f?.type === 'identifier' && BUILTINS.has(f.text) && !this.ctx.isShadowed(f.text, f)) return true;
    let root = f;
    while (root?.type === 'selector_expression') root = unparen(root.childForFieldName('operand'));
    if (root?.type === 'identifier' && [...CARRIER_PACKAGES].some((p) => this.ctx.isPackageRef(root!, p))) return true;
    return this.declarations(call).length > 0;
  }

  /** `e` is one of the values of an assignment, declaration or return. */
  private listed(list: Node, e: Node, hops: number): boolean {
    const stmt = list.parent;
    if (!stmt) return false;
    if (stmt.type === 'return_statement') {
      this.returned(e, hops);
      return false;
    }
    if (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement' && stmt.type !== 'var_spec') return false;
    const right = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
    if (right?.id !== list.id) return false;
    const values = list.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    const targets = assignedNames(stmt);
    const idx = values.findIndex((v) => v.id === e.id);
    const chosen = values.length === 1 ? targets : targets[idx] ? [targets[idx]!] : [];
    for (const t of chosen) this.into(t, stmt, hops);
    return false;
  }

  /** `e` is returned: it flows into the calls of its function in the file. */
  private returned(e: Node, hops: number): void {
    if (hops >= MAX_CALL_HOPS) return;
    const fn = enclosingFunction(e);
    if (!fn || fn.type === 'func_literal') return;
    for (const c of this.callersOf(fn)) this.pushExpr(c, hops + 1);
  }

  /** Follows the uses of variable `name` of `scope` after `after`. */
  private variable(scope: Node, name: string, after: number, hops: number): boolean {
    const kind = this.declarationKind(scope, name);
    if (kind === 'request') return true;
    if (kind === 'receiver') return false; // the value is kept in the object, not sent here
    if (kind === 'param' && hops < MAX_CALL_HOPS) {
      // written into a parameter: the caller's argument now holds it
      const idx = parameterNames(scope).indexOf(name);
      for (const c of this.callersOf(scope)) {
        const a = callArgs(c)[idx];
        if (a) this.into(a, c, hops + 1);
      }
    }
    for (const id of identifiersByName(scope).get(name) ?? []) {
      if (id.startIndex < after || onLeftSide(id)) continue;
      this.pushExpr(id, hops);
    }
    return false;
  }

  private declarationKind(scope: Node, name: string): 'request' | 'receiver' | 'param' | 'local' {
    const recv = scope.childForFieldName('receiver');
    if (recv?.descendantsOfType('identifier').some((n) => n?.text === name)) return 'receiver';
    const params = scope.childForFieldName('parameters');
    for (const decl of params?.namedChildren ?? []) {
      if (!decl || !decl.childrenForFieldName('name').some((n) => n?.text === name)) continue;
      const type = decl.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
      const handler = params!.namedChildren.some((d) => d?.childForFieldName('type')?.text.endsWith('ResponseWriter'));
      return type === '*http.Request' && !handler ? 'request' : 'param';
    }
    for (const stmt of scope.descendantsOfType(['short_var_declaration', 'assignment_statement', 'var_spec'])) {
      if (!stmt || !assignedNames(stmt).some((n) => n.text === name)) continue;
      if (stmt.type === 'var_spec' && stmt.childForFieldName('type')?.text.replace(/\s+/g, '') === '*http.Request') return 'request';
      const value = unparen(stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right')?.namedChild(0));
      if (value && this.buildsRequest(value)) return 'request';
    }
    return 'local';
  }

  /** http.NewRequest*(…), a call to a function of the file returning *http.Request, http.Request{…}. */
  private buildsRequest(value: Node): boolean {
    let v = value;
    if (v.type === 'unary_expression') v = unparen(v.childForFieldName('operand')) ?? v;
    if (v.type === 'composite_literal') return /^http\.Request$/.test(v.childForFieldName('type')?.text ?? '');
    if (v.type !== 'call_expression') return false;
    if (this.ctx.isCallTo(v, 'net/http', 'NewRequest', 'NewRequestWithContext')) return true;
    return this.declarations(v).some((d) => /\bhttp\.Request\b/.test(d.childForFieldName('result')?.text ?? ''));
  }

  /** Function or method declarations of the file a call may reach (methods by name, whatever the receiver). */
  private declarations(call: Node): Node[] {
    if (this.ctx.resolveCall(call)?.pkg) return [];
    const f = unparen(call.childForFieldName('function'));
    if (f?.type === 'identifier') {
      const decl = this.ctx.functions.func(f.text);
      return decl ? [decl.node] : [];
    }
    const name = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : undefined;
    return name ? this.ctx.functions.methods(name).map((m) => m.node) : [];
  }

  /**
   * Calls of declared function `fn` in the file: `f(…)`, `x.m(…)` for a method, and calls of a field a function is
   * stored in (`Signer{salt: newSalt}` or `s.salt = newSalt`, then `s.salt()`).
   */
  private callersOf(fn: Node): Node[] {
    const name = functionName(fn);
    if (!name) return [];
    const method = fn.type === 'method_declaration';
    const fields = new Set<string>();
    const calls = memoOnNode(this.ctx.root, 'outgoing-request:calls', () =>
      this.ctx.root.descendantsOfType('call_expression').filter((c): c is Node => !!c));
    if (!method) {
      for (const id of identifiersByName(this.ctx.root).get(name) ?? []) {
        const field = storedInField(id);
        if (field) fields.add(field);
      }
    }
    return calls.filter((c) => {
      const f = unparen(c.childForFieldName('function'));
      if (f?.type === 'identifier') return !method && f.text === name;
      if (f?.type !== 'selector_expression' || this.ctx.resolveCall(c)?.pkg) return false;
      const field = f.childForFieldName('field')?.text ?? '';
      return (method && field === name) || fields.has(field);
    });
  }
}

/** Whether identifier `id` is written by an assignment (`id = …`, `id, err := …`), not read. */
function onLeftSide(id: Node): boolean {
  const list = id.parent;
  const stmt = list?.parent;
  if (list?.type !== 'expression_list' || !stmt) return false;
  if (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration') return false;
  return stmt.childForFieldName('left')?.id === list.id;
}

/** The field a function value `id` is stored in: `T{field: id}` or `x.field = id`. */
function storedInField(id: Node): string | undefined {
  const p = id.parent;
  if (p?.type === 'literal_element' && p.parent?.type === 'keyed_element' && p.parent.namedChild(1)?.id === p.id) {
    const key = p.parent.namedChild(0);
    const k = key?.type === 'literal_element' ? key.namedChild(0) : key;
    return k?.type === 'field_identifier' || k?.type === 'identifier' ? k.text : undefined;
  }
  if (p?.type === 'expression_list' && p.parent?.type === 'assignment_statement' && p.parent.childForFieldName('right')?.id === p.id) {
    const idx = p.namedChildren.findIndex((n) => n?.id === id.id);
    const t = unparen(p.parent.childForFieldName('left')?.namedChildren[idx]);
    return t?.type === 'selector_expression' ? t.childForFieldName('field')?.text : undefined;
  }
  return undefined;
}
