/**
 * Where a TLS client configuration goes, within one file: the calls it is handed to (as an argument, or as the
 * client a method is called on) and the values configured next to it (the other arguments of those calls, the other
 * fields of the struct it is stored in, the sibling fields of the literals wrapping it). Followed through wrapping
 * literals (&http.Transport{TLSClientConfig: …} inside &http.Client{…}), local variables, struct fields of a local
 * variable, and the callers (in the same file) of a function that returns it.
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, contains, enclosingFunction, functionName, literalElements, outerParens, unparen } from '../../go/ast.js';
import { isLoopbackHost } from '../../core/loopback.js';
import type { RuleContext } from '../define-rule.js';
import { evalConst } from './const-eval.js';
import { assignedValuesOf, resolveBinding } from './security-bindings.js';
import { bindingOf, nameWords } from './security-helpers.js';

export interface ClientUse {
  /** Calls the configuration (or a transport/client built from it) is handed to or called on. */
  calls: Node[];
  /** Values configured next to it, named by their field or, for arguments, their expression text. */
  peers: { name: string; value: Node }[];
}

const MAX_DEPTH = 6;
const WRAPPERS = new Set(['literal_element', 'keyed_element', 'literal_value', 'composite_literal', 'parenthesized_expression']);

/** Where the value of expression `expr` goes (see the module comment). */
export function clientUseOfValue(expr: Node): ClientUse {
  const use: ClientUse = { calls: [], peers: [] };
  followValue(expr, use, new Set(), 0);
  return use;
}

/** Where the variable `name` of function `fn` goes (`cfg.InsecureSkipVerify = true` on a local `cfg`). */
export function clientUseOfVariable(fn: Node, name: string, after: Node): ClientUse {
  const use: ClientUse = { calls: [], peers: [] };
  followVariable(fn, name, after, use, new Set(), 0);
  return use;
}

function followValue(expr: Node, use: ClientUse, seen: Set<number>, depth: number): void {
  if (depth > MAX_DEPTH || seen.has(expr.id)) return;
  seen.add(expr.id);
  // climb through the literals wrapping the value; their other fields are configured next to it
  let top = outerParens(expr);
  for (;;) {
    const p = top.parent;
    if (!p) break;
    if (p.type === 'unary_expression' && p.child(0)?.type === '&') top = p;
    else if (WRAPPERS.has(p.type)) {
      if (p.type === 'composite_literal') {
        for (const el of literalElements(p)) if (el.key && !contains(el.value, top)) use.peers.push({ name: el.key, value: el.value });
      }
      top = p;
    } else break;
  }
  const p = top.parent;
  if (!p) return;
  if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
    const call = p.parent;
    use.calls.push(call);
    for (const a of callArgs(call)) if (!contains(a, top)) use.peers.push({ name: a.text, value: a });
    return;
  }
  if (p.type === 'expression_list' && p.parent?.type === 'return_statement') {
    const fn = enclosingFunction(top);
    const name = fn && fn.type !== 'func_literal' ? functionName(fn) : undefined;
    if (!name) return;
    let root: Node = fn!;
    while (root.parent) root = root.parent;
    for (const call of root.descendantsOfType('call_expression')) {
      if (!call) continue;
      const f = unparen(call.childForFieldName('function'));
      const called = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : f?.type === 'identifier' ? f.text : undefined;
      if (called === name) followValue(call, use, seen, depth + 1);
    }
    return;
  }
  const b = bindingOf(top);
  const fn = enclosingFunction(top);
  if (!b || !fn) return;
  if (b.kind === 'var') followVariable(fn, b.name, top, use, seen, depth + 1);
  else if (b.kind === 'field' && b.path.length === 2) {
    // transport.TLSClientConfig = cfg: the other fields of transport, and where transport goes
    structPeers(fn, b.path[0]!, b.name, use);
    followVariable(fn, b.path[0]!, top, use, seen, depth + 1);
  }
}

/** Follows the uses of local variable `name` of `fn` after node `after`. */
function followVariable(fn: Node, name: string, after: Node, use: ClientUse, seen: Set<number>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== name || id.startIndex < after.endIndex) continue;
    const p = id.parent;
    if (p?.type === 'selector_expression' && p.childForFieldName('operand')?.id === id.id) {
      const call = p.parent;
      if (call?.type === 'call_expression' && call.childForFieldName('function')?.id === p.id) {
        // client.Get(url), client.Do(req): a call made with it
        use.calls.push(call);
        for (const a of callArgs(call)) use.peers.push({ name: a.text, value: a });
      } else {
        const field = p.childForFieldName('field')?.text;
        const st = p.parent?.parent;
        if (field && st?.type === 'assignment_statement' && p.parent?.type === 'expression_list' && st.childForFieldName('left')?.id === p.parent.id) {
          const v = st.childForFieldName('right')?.namedChildren[0];
          if (v) use.peers.push({ name: field, value: v });
        }
      }
      continue;
    }
    followValue(id, use, seen, depth + 1);
  }
}

/** The other fields of local struct variable `base` in `fn`: its keyed initialiser and `base.f = v` assignments. */
function structPeers(fn: Node, base: string, except: string, use: ClientUse): void {
  for (const st of fn.descendantsOfType(['assignment_statement', 'short_var_declaration', 'var_spec'])) {
    if (!st) continue;
    const left = st.type === 'var_spec' ? st.childrenForFieldName('name') : st.childForFieldName('left')?.namedChildren ?? [];
    const right = st.childForFieldName(st.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
    left.forEach((l, i) => {
      const v = right[i];
      if (!l || !v) return;
      if (l.type === 'identifier' && l.text === base) {
        const lit = unparen(v)?.type === 'unary_expression' ? unparen(v)!.namedChild(0) : unparen(v);
        if (lit?.type === 'composite_literal') for (const el of literalElements(lit)) if (el.key) use.peers.push({ name: el.key, value: el.value });
      } else if (l.type === 'selector_expression' && l.childForFieldName('operand')?.text === base) {
        const f = l.childForFieldName('field')?.text;
        if (f && f !== except) use.peers.push({ name: f, value: v });
      }
    });
  }
}

/** Words that name an address: url, host, addr, endpoint, server, target. */
const ADDRESS_WORDS = new Set(['url', 'uri', 'host', 'addr', 'address', 'endpoint', 'server', 'target']);

/**
 * Whether a peer's name says it is an address: a field or variable whose last word is one (ReloadURL, adminAddr; not
 * ServerName, tls.Config's name to verify against, nor MaxConnsPerHost), or an argument expression mentioning one.
 */
function namesAddress(name: string): boolean {
  const words = nameWords(name);
  if (/^\w+$/.test(name)) return ADDRESS_WORDS.has(words[words.length - 1] ?? '') && words[words.length - 2] !== 'per';
  return words.some((w, i) => ADDRESS_WORDS.has(w) && words[i - 1] !== 'per');
}

/**
 * Whether every address configured next to the client resolves to a loopback host (at least one does): a constant,
 * or the default of a command-line flag (`kingpin … .Default("http://127.0.0.1:9090/-/reload")`, `flag.String(name,
 * "localhost:8080", usage)`) read through `*flagVar`. Addresses are the peers named like one and the constants written
 * as a URL; one that cannot be resolved counts as not loopback.
 */
export function onlyLoopbackTargets(ctx: RuleContext, use: ClientUse): boolean {
  let loopback = 0;
  for (const p of use.peers) {
    const s = stringOf(ctx, p.value);
    if (!namesAddress(p.name) && !(s !== undefined && /^[a-z][\w+.-]*:\/\//i.test(s))) continue;
    if (s === undefined || !loopbackAddress(s)) return false;
    loopback++;
  }
  return loopback > 0;
}

function stringOf(ctx: RuleContext, value: Node): string | undefined {
  const c = evalConst(ctx, value);
  if (c?.kind === 'string') return c.value;
  const v = unparen(value);
  // "https://" + adminAddr + "/ready"
  if (v?.type === 'binary_expression' && v.childForFieldName('operator')?.text === '+') {
    const l = v.childForFieldName('left');
    const r = v.childForFieldName('right');
    const ls = l ? stringOf(ctx, l) : undefined;
    const rs = r ? stringOf(ctx, r) : undefined;
    return ls !== undefined && rs !== undefined ? ls + rs : undefined;
  }
  // *flagVar: the default of the flag it was declared with
  if (v?.type === 'unary_expression' && v.child(0)?.type === '*') {
    const id = unparen(v.namedChild(0));
    if (id?.type !== 'identifier') return undefined;
    let root: Node = id;
    while (root.parent) root = root.parent;
    const values = assignedValuesOf(resolveBinding(id.text, id, root));
    const only = values.length === 1 ? unparen(values[0]!.value) : undefined;
    return only?.type === 'call_expression' ? flagDefault(ctx, only) : undefined;
  }
  return undefined;
}

/** The string default of a flag declaration: a `.Default("…")` in its call chain, or flag.String/StringP's default argument. */
function flagDefault(ctx: RuleContext, call: Node): string | undefined {
  for (let c: Node | null = call; c?.type === 'call_expression'; ) {
    const f = unparen(c.childForFieldName('function'));
    if (f?.type !== 'selector_expression') return undefined;
    const name = f.childForFieldName('field')?.text;
    const args = callArgs(c);
    const def = name === 'Default' && args.length >= 1 ? args[0] : name === 'String' && args.length === 3 ? args[1] : name === 'StringP' && args.length === 4 ? args[2] : undefined;
    if (def) {
      const v = evalConst(ctx, def);
      return v?.kind === 'string' ? v.value : undefined;
    }
    c = unparen(f.childForFieldName('operand'));
  }
  return undefined;
}

function loopbackAddress(s: string): boolean {
  let host: string;
  if (s.includes('://')) {
    try {
      host = new URL(s).hostname;
    } catch {
      return false;
    }
  } else {
    const m = /^\[([^\]]+)\](?::\d+)?$/.exec(s) ?? /^([^:/]+)(?::\d+)?$/.exec(s);
    if (!m) return false;
    host = m[1]!;
  }
  return host !== '' && isLoopbackHost(host);
}
