/**
 * Where does a string come from? A small, type-free origin analysis for injection rules
 * (SQL built by concatenation, shell scripts built from variables).
 *
 * classifyOrigin() answers, for an expression, whether it is
 *  - 'safe':    constant (literals, constants, package-level names, imported names), numeric
 *               (integers, strconv.Itoa, %d), or passed through a quoting/escaping helper;
 *  - 'param':   derived from a parameter of the enclosing function(s) (other than the receiver)
 *               — the value is chosen by the caller;
 *  - 'dynamic': otherwise not constant (receiver fields, results of unknown calls, ...);
 *  - 'input':   untrusted input read by the program itself (os.Args, flag.Arg, fmt.Scan…, stdin;
 *               the table is in untrusted-input.ts) — chosen by the user or a remote peer.
 *
 * flattenTemplate() turns a string-building expression (`"a" + x`, fmt.Sprintf, a local variable
 * built that way, `+=` appends) into text pieces and holes, so rules can look at the text
 * around each hole (e.g. a SQL value position `= '%s'`).
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, stringValue, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { assignedValuesOf, isNumericType, reachingValues, resolveBinding, usesOf, type Binding } from './security-bindings.js';
import { isInputResult, isInputVar, readsInputIntoPointers, sourceName } from './untrusted-input.js';
import { memoOnNode } from '../../go/tree-memo.js';

/**
 * Uses of a variable that can write into it (`v.Write…(x)`, `&v` passed to a call), found once per
 * binding: scanning every use at each mention was O(n²) on long functions.
 */
function builderUses(b: Binding): Node[] {
  const compute = () => usesOf(b).filter((use) => {
    const parent = use.parent;
    if (parent?.type === 'selector_expression') return parent.childForFieldName('operand')?.id === use.id;
    return parent?.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '&';
  });
  return b.declName ? memoOnNode(b.declName, `builderUses:${b.fn?.id ?? ''}`, compute) : compute();
}

export type OriginLevel = 'safe' | 'dynamic' | 'param' | 'input';
export interface Origin {
  level: OriginLevel;
  /** The sub-expression responsible for the level (for messages). */
  culprit?: Node;
  /** For 'input': the source read (`os.Args`, `fmt.Scanln`). */
  source?: string;
}

/** Chosen by someone other than the program's author: a caller's argument or untrusted input. */
export const isCallerChosen = (o: Origin): boolean => o.level === 'param' || o.level === 'input';

export interface TaintOptions {
  /** Function/method names whose result is considered escaped/quoted (safe). */
  isQuotingCall(ctx: RuleContext, call: Node, name: string, pkg: string | undefined): boolean;
}

const SAFE: Origin = { level: 'safe' };
const RANK: Record<OriginLevel, number> = { safe: 0, dynamic: 1, param: 2, input: 3 };

export function worst(a: Origin, b: Origin): Origin {
  return RANK[b.level] > RANK[a.level] ? b : a;
}

const LITERAL_TYPES = new Set([
  'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'rune_literal',
  'imaginary_literal', 'true', 'false', 'nil', 'iota',
]);
const NUMERIC_CONVERSIONS = new Set([
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'len', 'cap', 'min', 'max', 'complex', 'real', 'imag', 'bool',
]);
const STRCONV_SAFE = new Set(['Itoa', 'FormatInt', 'FormatUint', 'FormatFloat', 'FormatBool', 'FormatComplex', 'AppendInt', 'AppendUint']);
const STRINGS_PASSTHROUGH = new Set([
  'ToUpper', 'ToLower', 'TrimSpace', 'Trim', 'TrimLeft', 'TrimRight', 'TrimPrefix', 'TrimSuffix', 'Title', 'ToTitle',
  'Join', 'Repeat', 'Replace', 'ReplaceAll', 'Clone',
]);
const PLACEHOLDER_RE = /placeholder|bindvar|bindparam|bindvars|qmarks|questionmarks/i;

/** Verbs whose output cannot carry quotes or separators (numbers, booleans, hex, pointers). */
const SAFE_VERBS = new Set(['d', 'b', 'o', 'O', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 't', 'p', 'U']);

export interface FormatHole { verb: string; argIndex: number }
export interface ParsedFormat { pieces: (string | FormatHole)[]; ok: boolean }

/** Splits a printf format into text and verb holes; ok=false on explicit argument indexes. */
export function parseFormat(format: string): ParsedFormat {
  const pieces: (string | FormatHole)[] = [];
  let text = '';
  let arg = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') { text += c; continue; }
    if (format[i + 1] === '%') { text += '%'; i++; continue; }
    let j = i + 1;
    while (j < format.length && '+-# 0'.includes(format[j]!)) j++;
    if (format[j] === '[') return { pieces, ok: false };
    if (format[j] === '*') { arg++; j++; } else while (j < format.length && /\d/.test(format[j]!)) j++;
    if (format[j] === '.') {
      j++;
      if (format[j] === '*') { arg++; j++; } else while (j < format.length && /\d/.test(format[j]!)) j++;
    }
    const verb = format[j];
    if (!verb) break;
    if (text) pieces.push(text);
    text = '';
    pieces.push({ verb, argIndex: arg++ });
    i = j;
  }
  if (text) pieces.push(text);
  return { pieces, ok: true };
}

export class TaintAnalyzer {
  private readonly memo = new Map<number, Origin>();
  private readonly active = new Set<string>();
  constructor(private readonly ctx: RuleContext, private readonly opts: TaintOptions) {}

  /** The binding of an identifier node. */
  binding(id: Node): Binding {
    return resolveBinding(id.text, id, this.ctx.root);
  }

  classify(expr: Node | null | undefined, depth = 0): Origin {
    const e = unparen(expr);
    if (!e) return SAFE;
    if (depth > 8) return { level: 'dynamic', culprit: e };
    const cached = this.memo.get(e.id);
    if (cached) return cached;
    const r = this.classifyUncached(e, depth);
    this.memo.set(e.id, r);
    return r;
  }

  private classifyUncached(e: Node, depth: number): Origin {
    if (LITERAL_TYPES.has(e.type)) return SAFE;
    switch (e.type) {
      case 'binary_expression': {
        const op = e.childForFieldName('operator')?.text;
        if (op !== '+') return SAFE; // arithmetic, comparisons, logic: not text
        return worst(this.classify(e.childForFieldName('left'), depth + 1), this.classify(e.childForFieldName('right'), depth + 1));
      }
      case 'unary_expression': {
        const op = e.childForFieldName('operator')?.text;
        if (op === '&' || op === '*') return this.classify(e.childForFieldName('operand'), depth + 1);
        return SAFE;
      }
      case 'identifier':
        return this.classifyIdentifier(e, depth);
      case 'selector_expression':
        return this.classifySelector(e, depth);
      case 'index_expression':
      case 'slice_expression':
      case 'type_assertion_expression':
        return this.classify(e.childForFieldName('operand'), depth + 1);
      case 'type_conversion_expression': {
        const t = e.childForFieldName('type')?.text ?? '';
        if (NUMERIC_CONVERSIONS.has(t)) return SAFE;
        return this.classify(e.childForFieldName('operand'), depth + 1);
      }
      case 'call_expression':
        return this.classifyCall(e, depth);
      case 'composite_literal': {
        let o = SAFE;
        const body = e.childForFieldName('body');
        for (const v of body ? body.descendantsOfType(['identifier', 'call_expression', 'selector_expression']) : []) {
          if (!v || v.parent?.type === 'selector_expression' || v.parent?.type === 'call_expression') continue;
          o = worst(o, this.classify(v, depth + 1));
        }
        return o;
      }
      case 'func_literal':
        return SAFE;
      default:
        return { level: 'dynamic', culprit: e };
    }
  }

  private classifyIdentifier(id: Node, depth: number): Origin {
    const name = id.text;
    if (name === '_' || name === 'true' || name === 'false' || name === 'nil' || name === 'iota') return SAFE;
    if (PLACEHOLDER_RE.test(name)) return SAFE;
    const b = this.binding(id);
    switch (b.kind) {
      case 'param':
        return isNumericType(b.typeText) ? SAFE : { level: 'param', culprit: id };
      case 'receiver':
        return { level: 'dynamic', culprit: id };
      case 'const':
      case 'package-const':
      case 'unknown':
        return SAFE;
      case 'result':
        return { level: 'dynamic', culprit: id };
      case 'range':
        return this.classify(b.decl?.childForFieldName('right'), depth + 1);
      case 'package-var':
      case 'var': {
        if (isNumericType(b.typeText)) return SAFE;
        const key = `${name}@${b.declName?.startIndex ?? -1}`;
        if (this.active.has(key)) return SAFE;
        this.active.add(key);
        try {
          const values = b.kind === 'var' ? reachingValues(b, id) : assignedValuesOf(b);
          let o: Origin = SAFE;
          for (const v of values) o = worst(o, this.classify(v.value, depth + 1));
          if (b.kind === 'var') {
            // builders and out-parameters: sb.WriteString(x), json.Unmarshal(data, &v), fmt.Fprintf(&sb, ...)
            for (const use of builderUses(b)) {
              const parent = use.parent;
              if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === use.id) {
                const call = parent.parent;
                const method = parent.childForFieldName('field')?.text ?? '';
                if (call?.type === 'call_expression' && /^Write(String|Byte|Rune)?$/.test(method)) {
                  for (const a of callArgs(call)) o = worst(o, this.classify(a, depth + 1));
                }
              } else if (parent?.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '&') {
                const args = parent.parent;
                const call = args?.type === 'argument_list' ? args.parent : null;
                const r = call?.type === 'call_expression' ? this.ctx.resolveCall(call) : undefined;
                if (call && r?.pkg && readsInputIntoPointers(r.pkg, r.name)) {
                  o = worst(o, { level: 'input', culprit: call, source: sourceName(r.pkg, r.name) });
                } else if (call?.type === 'call_expression') {
                  for (const a of callArgs(call)) if (a.id !== parent.id) o = worst(o, this.classify(a, depth + 1));
                  if (values.length === 0 && o.level === 'safe') o = this.calleeOrigin(call, depth);
                }
              }
            }
          }
          return o;
        } finally {
          this.active.delete(key);
        }
      }
    }
    return { level: 'dynamic', culprit: id };
  }

  /** Origin contributed by a callee's receiver (e.g. `r.Body` in `json.NewDecoder(r.Body).Decode(&v)`). */
  private calleeOrigin(call: Node, depth: number): Origin {
    const fn = unparen(call.childForFieldName('function'));
    if (fn?.type !== 'selector_expression') return SAFE;
    const operand = fn.childForFieldName('operand');
    if (operand?.type === 'identifier' && this.ctx.imports.pathOf(operand.text) !== undefined) return SAFE;
    return this.classify(operand, depth + 1);
  }

  private classifySelector(e: Node, depth: number): Origin {
    const operand = unparen(e.childForFieldName('operand'));
    if (!operand) return { level: 'dynamic', culprit: e };
    if (operand.type === 'identifier') {
      const pkgPath = this.ctx.imports.pathOf(operand.text);
      if (pkgPath !== undefined && this.ctx.isPackageRef(operand, pkgPath)) {
        const field = e.childForFieldName('field')?.text ?? '';
        return isInputVar(pkgPath, field) ? { level: 'input', culprit: e, source: sourceName(pkgPath, field) } : SAFE;
      }
      const b = this.binding(operand);
      if (b.kind === 'unknown' || b.kind === 'package-const') return SAFE;
    }
    const field = e.childForFieldName('field')?.text ?? '';
    if (PLACEHOLDER_RE.test(field)) return SAFE;
    const o = this.classify(operand, depth + 1);
    // a field of a receiver/local is at least dynamic: configuration, not a constant
    if (o.level === 'safe') {
      if (operand.type === 'identifier') {
        const b = this.binding(operand);
        if (b.kind === 'var' || b.kind === 'result' || b.kind === 'package-var') return this.varFieldOrigin(b, e);
      }
      return o;
    }
    return o.level === 'dynamic' ? { level: 'dynamic', culprit: e } : o;
  }

  /** Field of a local variable whose own value is safe (e.g. a struct literal of constants): safe. */
  private varFieldOrigin(b: Binding, e: Node): Origin {
    const values = assignedValuesOf(b);
    if (values.length === 0) return b.kind === 'package-var' ? SAFE : { level: 'dynamic', culprit: e };
    return SAFE;
  }

  private classifyCall(call: Node, depth: number): Origin {
    const fn = unparen(call.childForFieldName('function'));
    const args = callArgs(call);
    if (!fn) return { level: 'dynamic', culprit: call };
    if (fn.type === 'identifier') {
      const name = fn.text;
      if (NUMERIC_CONVERSIONS.has(name) && !this.ctx.functions.declares(name)) return SAFE;
      if (name === 'string' || name === 'append') {
        let o = SAFE;
        for (const a of args) o = worst(o, this.classify(a, depth + 1));
        return o;
      }
    }
    if (fn.type === 'parenthesized_expression' || fn.type === 'array_type' || fn.type === 'slice_type') {
      // conversion like ([]byte)(x)
      let o = SAFE;
      for (const a of args) o = worst(o, this.classify(a, depth + 1));
      return o;
    }
    const resolved = this.ctx.resolveCall(call);
    const name = resolved?.name ?? '';
    const pkg = resolved?.pkg;
    if (PLACEHOLDER_RE.test(name)) return SAFE;
    if (this.opts.isQuotingCall(this.ctx, call, name, pkg)) return SAFE;
    if (pkg === 'strconv' && STRCONV_SAFE.has(name)) return SAFE;
    if (isInputResult(pkg, name)) return { level: 'input', culprit: call, source: sourceName(pkg!, name) };
    if (pkg === 'fmt' && (name === 'Sprintf' || name === 'Sprint' || name === 'Sprintln')) {
      const t = this.flatten(call, depth + 1);
      let o = SAFE;
      for (const h of t.holes) o = worst(o, h.origin);
      return o;
    }
    if (pkg === 'strings' && STRINGS_PASSTHROUGH.has(name)) {
      if (name === 'Repeat') return this.classify(args[0], depth + 1);
      let o = SAFE;
      for (const a of args) o = worst(o, this.classify(a, depth + 1));
      return o;
    }
    if (pkg === 'time' || pkg === 'math' || pkg === 'unsafe') return SAFE;
    // builders: sb.String() / buf.String() with a local builder
    if (resolved?.recv && name === 'String' && args.length === 0) {
      const recv = unparen(resolved.recv);
      if (recv?.type === 'identifier') return this.classify(recv, depth + 1);
    }
    // unknown call. A method of a caller-chosen receiver (r.FormValue("q"), c.Param("id")) or an imported
    // function fed with caller-chosen input (mux.Vars(r), json.NewDecoder(r.Body)) yields caller-chosen data.
    // Local helpers and methods that merely receive such input (query builders: b.Set(name, v)) may well
    // produce placeholders, so their result is only 'dynamic'.
    if (resolved?.recv) {
      const r = this.classify(resolved.recv, depth + 1);
      if (isCallerChosen(r)) return r;
    }
    if (pkg) {
      for (const a of args) {
        const o = this.classify(a, depth + 1);
        if (isCallerChosen(o)) return o;
      }
    }
    return { level: 'dynamic', culprit: call };
  }

  /**
   * Flattens a string-building expression into text pieces and holes. Local variables built by
   * concatenation/Sprintf are inlined (their first value) and their `+=` appends are flattened as
   * separate templates returned in `appends`.
   */
  flatten(expr: Node | null | undefined, depth = 0, seen = new Set<string>()): Template {
    const t: Template = { pieces: [], holes: [], built: false, appends: [] };
    this.flattenInto(expr, t, depth, seen);
    return t;
  }

  private flattenInto(expr: Node | null | undefined, t: Template, depth: number, seen: Set<string>, via = ''): void {
    const e = unparen(expr);
    if (!e) return;
    const text = stringValue(e);
    if (text !== undefined) {
      t.pieces.push(text);
      return;
    }
    if (depth > 6) {
      this.addHole(t, e, this.classify(e, depth), via);
      return;
    }
    if (e.type === 'binary_expression' && e.childForFieldName('operator')?.text === '+') {
      t.built = true;
      this.flattenInto(e.childForFieldName('left'), t, depth + 1, seen, 'concatenation');
      this.flattenInto(e.childForFieldName('right'), t, depth + 1, seen, 'concatenation');
      return;
    }
    if (e.type === 'call_expression') {
      const r = this.ctx.resolveCall(e);
      if (r?.pkg === 'fmt' && (r.name === 'Sprintf' || r.name === 'Sprint' || r.name === 'Sprintln')) {
        t.built = true;
        const args = callArgs(e);
        if (r.name !== 'Sprintf') {
          for (const a of args) {
            const s = stringValue(unparen(a));
            if (s !== undefined) t.pieces.push(s);
            else this.addHole(t, a, this.classify(a, depth + 1), `fmt.${r.name}`);
          }
          return;
        }
        const fmtArg = args[0];
        const format = constantString(this.ctx, fmtArg);
        const rest = args.slice(1);
        if (format === undefined) {
          this.addHole(t, fmtArg ?? e, this.classify(fmtArg, depth + 1), 'fmt.Sprintf');
          for (const a of rest) this.addHole(t, a, this.classify(a, depth + 1), 'fmt.Sprintf');
          return;
        }
        const parsed = parseFormat(format);
        if (!parsed.ok || call_hasSpread(e)) {
          t.pieces.push(format);
          for (const a of rest) this.addHole(t, a, this.classify(a, depth + 1), 'fmt.Sprintf');
          return;
        }
        for (const p of parsed.pieces) {
          if (typeof p === 'string') t.pieces.push(p);
          else {
            const a = rest[p.argIndex];
            if (!a) continue;
            if (SAFE_VERBS.has(p.verb)) t.pieces.push('0');
            else this.addHole(t, a, this.classify(a, depth + 1), 'fmt.Sprintf');
          }
        }
        return;
      }
    }
    if (e.type === 'call_expression' && this.flattenBuilder(e, t, depth, seen)) return;
    if (e.type === 'identifier') {
      const b = this.binding(e);
      if (b.kind === 'var' || b.kind === 'const' || b.kind === 'package-const' || b.kind === 'package-var') {
        const key = `${b.name}@${b.declName?.startIndex ?? -1}`;
        const values = seen.has(key) ? [] : reachingValues(b, e);
        const builds = values.some((v) => v.op === '+=' || isBuilding(this.ctx, v.value));
        if (values.length > 0 && builds) {
          seen.add(key);
          const [first, ...later] = values;
          this.flattenInto(first!.value, t, depth + 1, seen, via);
          if (later.length) t.built = true;
          for (const v of later) {
            const sub: Template = { pieces: [], holes: [], built: true, appends: [] };
            this.flattenInto(v.value, sub, depth + 1, seen, v.op === '+=' ? 'concatenation' : via);
            t.appends.push(sub);
          }
          seen.delete(key);
          if (values.some((v) => isBuilding(this.ctx, v.value))) t.built = true;
          return;
        }
        if (b.kind === 'const' || b.kind === 'package-const') {
          const s = values.length === 1 ? constantString(this.ctx, values[0]!.value) : undefined;
          if (s !== undefined) {
            t.pieces.push(s);
            return;
          }
        }
      }
    }
    this.addHole(t, e, this.classify(e, depth + 1), via);
  }

  /** `sb.String()` on a local strings.Builder / bytes.Buffer: inline its writes in order. */
  private flattenBuilder(call: Node, t: Template, depth: number, seen: Set<string>): boolean {
    const fn = unparen(call.childForFieldName('function'));
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'String' || callArgs(call).length) return false;
    const recv = unparen(fn.childForFieldName('operand'));
    if (recv?.type !== 'identifier') return false;
    const b = this.binding(recv);
    if (b.kind !== 'var') return false;
    const writes: { arg: Node; fprintf?: Node }[] = [];
    for (const use of usesOf(b)) {
      if (use.startIndex >= call.startIndex) break;
      const parent = use.parent;
      if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === use.id) {
        const m = parent.childForFieldName('field')?.text ?? '';
        const c = parent.parent;
        if (c?.type === 'call_expression' && /^Write(String|Byte|Rune)?$/.test(m)) {
          const a = callArgs(c)[0];
          if (a) writes.push({ arg: a });
        }
      } else if (parent?.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '&') {
        const c = parent.parent?.type === 'argument_list' ? parent.parent.parent : null;
        if (c?.type === 'call_expression' && this.ctx.isCallTo(c, 'fmt', 'Fprintf', 'Fprint', 'Fprintln')) writes.push({ arg: c, fprintf: c });
      }
    }
    if (!writes.length) return false;
    t.built = true;
    for (const w of writes) {
      if (w.fprintf) {
        const args = callArgs(w.fprintf).slice(1);
        const format = constantString(this.ctx, args[0]);
        const parsed = format === undefined ? undefined : parseFormat(format);
        if (!parsed || !parsed.ok) {
          for (const a of args) this.addHole(t, a, this.classify(a, depth + 1), 'fmt.Fprintf');
          continue;
        }
        for (const p of parsed.pieces) {
          if (typeof p === 'string') t.pieces.push(p);
          else {
            const a = args[p.argIndex + 1];
            if (!a) continue;
            if (SAFE_VERBS.has(p.verb)) t.pieces.push('0');
            else this.addHole(t, a, this.classify(a, depth + 1), 'fmt.Fprintf');
          }
        }
      } else this.flattenInto(w.arg, t, depth + 1, seen, 'strings.Builder');
    }
    return true;
  }

  private addHole(t: Template, node: Node, origin: Origin, via = ''): void {
    t.holes.push({ node, origin, index: t.pieces.length, via });
    t.pieces.push(HOLE);
  }
}

/** Marker piece for a hole inside Template.pieces. */
export const HOLE = '\u0000';

export interface Hole {
  node: Node;
  origin: Origin;
  /** Index in `pieces` of this hole's marker. */
  index: number;
  /** How the hole is inserted: 'concatenation', 'fmt.Sprintf', '' when it is the whole value. */
  via: string;
}

export interface Template {
  pieces: string[];
  holes: Hole[];
  /** True when the expression is built here (concatenation, Sprintf, appends), not merely passed. */
  built: boolean;
  /** Templates of later `+=` / reassignments of an inlined variable. */
  appends: Template[];
}

function call_hasSpread(call: Node): boolean {
  const args = call.childForFieldName('arguments');
  return !!args && args.children.some((c) => c?.type === '...');
}

/** Whether an expression builds a string: `a + b` or fmt.Sprintf/Sprint. */
export function isBuilding(ctx: RuleContext, expr: Node | null | undefined): boolean {
  const e = unparen(expr);
  if (!e) return false;
  if (e.type === 'binary_expression' && e.childForFieldName('operator')?.text === '+') return true;
  if (e.type === 'call_expression') {
    return ctx.isCallTo(e, 'fmt', 'Sprintf', 'Sprint', 'Sprintln');
  }
  return false;
}

/** Compile-time string value: literal, concatenation of literals, or a const/single-assigned local with such a value. */
export function constantString(ctx: RuleContext, expr: Node | null | undefined, depth = 0): string | undefined {
  const e = unparen(expr);
  if (!e || depth > 5) return undefined;
  const s = stringValue(e);
  if (s !== undefined) return s;
  if (e.type === 'binary_expression' && e.childForFieldName('operator')?.text === '+') {
    const l = constantString(ctx, e.childForFieldName('left'), depth + 1);
    const r = l === undefined ? undefined : constantString(ctx, e.childForFieldName('right'), depth + 1);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (e.type === 'identifier') {
    const b = resolveBinding(e.text, e, ctx.root);
    if (b.kind === 'const' || b.kind === 'package-const' || b.kind === 'var') {
      const values = assignedValuesOf(b);
      if (values.length !== 1) return undefined;
      if (b.kind === 'var' && values[0]!.stmt !== b.decl) return undefined;
      return constantString(ctx, values[0]!.value, depth + 1);
    }
  }
  return undefined;
}

/** A template and all the templates of its appends, depth first. */
export function allTemplates(t: Template): Template[] {
  const out: Template[] = [t];
  for (const a of t.appends) out.push(...allTemplates(a));
  return out;
}

/** The text of a template with holes replaced by `hole`. */
export function templateText(t: Template, hole = '?'): string {
  return t.pieces.map((p) => (p === HOLE ? hole : p)).join('');
}

/** Literal text immediately before / after a hole (up to the neighbouring holes). */
export function holeContext(t: Template, h: Hole): { before: string; after: string } {
  let before = '';
  for (let i = h.index - 1; i >= 0 && t.pieces[i] !== HOLE; i--) before = t.pieces[i] + before;
  let after = '';
  for (let i = h.index + 1; i < t.pieces.length && t.pieces[i] !== HOLE; i++) after += t.pieces[i];
  return { before, after };
}

/** Short single-line rendering of an expression for messages. */
export function shortText(node: Node, max = 48): string {
  const t = node.text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
