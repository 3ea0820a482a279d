/**
 * Where the exporter handed to an OpenTelemetry processor comes from, without a type checker (OBS1008): a constructor of
 * another package (`otlptracegrpc.New`, `stdouttrace.New`), a type of this package (`&fileExporter{}`), or a function or
 * method of this package that builds it (`newFileExporter()`, `c.Exporters.File.NewExporter()`), resolved across the
 * package's files from facts (`ExporterImpl`, `ExporterCtor`). Anything else is unknown, which callers treat as a
 * possible network exporter.
 */
import type { Node } from 'web-tree-sitter';
import { assignedNames, assignedValues, callArgs, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { singleBinding } from './obs-strings.js';
import { assignedValuesOf, resolveBinding } from './security-bindings.js';

export type ExporterOrigin =
  | { k: 'pkg'; pkg: string; name: string }
  | { k: 'type'; name: string }
  | { k: 'func'; name: string }
  | { k: 'method'; recv: string; name: string }
  | { k: 'unknown' };

/** A type of the package with an exporter method (ExportSpans, or Export of log records), and whether that method only writes locally. */
export interface ExporterImpl { type: string; local: boolean }
/** A function or method of the package returning an exporter or a local type, with the origins of what it returns. */
export interface ExporterCtor { recv?: string; name: string; origins: ExporterOrigin[] }

/** Exporters that write to the process's own output: stdout exporters (synchronous on purpose for local debugging). */
const LOCAL_EXPORTER_PACKAGES = ['go.opentelemetry.io/otel/exporters/stdout/'];

export function isLocalExporterPackage(pkg: string): boolean {
  return LOCAL_EXPORTER_PACKAGES.some((p) => pkg.startsWith(p));
}

/** The local (unqualified) type name of a type text (`*fileExporter` → fileExporter), else undefined. */
function localTypeName(text: string | undefined): string | undefined {
  const m = /^\*?\s*([A-Za-z_]\w*)$/.exec((text ?? '').trim());
  return m ? m[1] : undefined;
}

/** The struct type `name` declared in this file: its field types by field name. */
function structFields(ctx: RuleContext, name: string): Map<string, string> | undefined {
  for (const spec of ctx.root.descendantsOfType('type_spec')) {
    if (spec?.childForFieldName('name')?.text !== name) continue;
    const st = spec.childForFieldName('type');
    if (st?.type !== 'struct_type') return undefined;
    const out = new Map<string, string>();
    for (const fd of st.descendantsOfType('field_declaration')) {
      if (!fd || fd.parent?.parent?.id !== st.id) continue;
      const type = fd.childForFieldName('type')?.text ?? '';
      const names = fd.childrenForFieldName('name').filter((n): n is Node => !!n);
      if (names.length) for (const n of names) out.set(n.text, type);
      else { const t = localTypeName(type); if (t) out.set(t, type); } // embedded field
    }
    return out;
  }
  return undefined;
}


/**
 * The value bound to local `ident` where it is read (the declaration scopes resolve it: a namesake declared in a sibling
 * branch or an inner block is another variable), when that variable is assigned exactly once — by its declaration or
 * one later assignment; undefined for a parameter, receiver or result, a variable assigned again, and the second name of
 * `a, b := f()`. Package-level names go to `singleBinding`.
 */
function visibleBinding(ctx: RuleContext, ident: Node): Node | undefined {
  const b = resolveBinding(ident.text, ident, ctx.root);
  if (b.kind === 'package-var' || b.kind === 'package-const' || b.kind === 'unknown') return singleBinding(ctx, ident);
  if (b.kind !== 'var' && b.kind !== 'const') return undefined;
  const values = assignedValuesOf(b);
  if (values.length !== 1) return undefined;
  const { value, stmt } = values[0]!;
  // `a, b := f()`: the one call gives every name a value; only the first is the exporter it builds
  const names = assignedNames(stmt);
  if (names.length > 1 && assignedValues(stmt).length === 1 && names.findIndex((n) => n.text === b.name) > 0) return undefined;
  return value;
}

/** The local type of an expression, when this file shows it: a receiver or parameter, a local bound to `T{}`, a field chain of structs of this file. */
function localTypeOf(ctx: RuleContext, expr: Node | null, depth = 0): string | undefined {
  const e = unparen(expr);
  if (!e || depth > 6) return undefined;
  if (e.type === 'identifier') {
    const b = resolveBinding(e.text, e, ctx.root);
    if (b.kind === 'param' || b.kind === 'receiver') return localTypeName(b.typeText);
    const v = unparen(visibleBinding(ctx, e) ?? null);
    if (!v) return undefined;
    const lit = v.type === 'unary_expression' ? unparen(v.childForFieldName('operand')) : v;
    if (lit?.type === 'composite_literal') return localTypeName(lit.childForFieldName('type')?.text);
    return undefined;
  }
  if (e.type === 'selector_expression') {
    const owner = localTypeOf(ctx, e.childForFieldName('operand'), depth + 1);
    const field = e.childForFieldName('field')?.text;
    if (!owner || !field) return undefined;
    return localTypeName(structFields(ctx, owner)?.get(field));
  }
  return undefined;
}

/** Where the exporter `expr` comes from (see the module comment). */
export function exporterOrigin(ctx: RuleContext, expr: Node | null | undefined, depth = 0): ExporterOrigin {
  let e = unparen(expr ?? null);
  if (!e || depth > 4) return { k: 'unknown' };
  if (e.type === 'unary_expression' && e.child(0)?.text === '&') e = unparen(e.childForFieldName('operand'));
  if (!e) return { k: 'unknown' };
  if (e.type === 'identifier') {
    const v = visibleBinding(ctx, e);
    return v ? exporterOrigin(ctx, v, depth + 1) : { k: 'unknown' };
  }
  if (e.type === 'composite_literal') {
    const t = localTypeName(e.childForFieldName('type')?.text);
    return t ? { k: 'type', name: t } : { k: 'unknown' };
  }
  if (e.type === 'call_expression') {
    const fn = unparen(e.childForFieldName('function'));
    if (fn?.type === 'identifier' && fn.text === 'new') {
      const t = localTypeName(callArgs(e)[0]?.text);
      return t ? { k: 'type', name: t } : { k: 'unknown' };
    }
    const r = ctx.resolveCall(e);
    if (!r) return { k: 'unknown' };
    if (r.pkg) return { k: 'pkg', pkg: r.pkg, name: r.name };
    if (fn?.type === 'identifier') return ctx.isShadowed(fn.text, e) ? { k: 'unknown' } : { k: 'func', name: fn.text };
    if (fn?.type === 'selector_expression') {
      const recv = localTypeOf(ctx, fn.childForFieldName('operand'));
      return recv ? { k: 'method', recv, name: r.name } : { k: 'unknown' };
    }
  }
  return { k: 'unknown' };
}

/** The first results of the return statements of a function body (not those of nested function literals). */
function returnedValues(body: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'func_literal') continue;
      if (c.type === 'return_statement') {
        const list = c.namedChildren.find((x) => x?.type === 'expression_list');
        const first = list ? list.namedChildren.find((x) => !!x && x.type !== 'comment') : undefined;
        if (first) out.push(first);
        continue;
      }
      walk(c);
    }
  };
  walk(body);
  return out;
}

/** Literal `nil` results carry no exporter (an error path). */
const isNil = (n: Node) => unparen(n)?.type === 'nil';

/** Go's predeclared types: a function returning one (`error`, `string`…) builds no exporter. */
const PREDECLARED = new Set(['error', 'string', 'bool', 'any', 'byte', 'rune', 'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128']);

/** Whether a result type may be an exporter: an exporter interface of the SDK or a type of this package. */
const EXPORTER_RESULT = /Exporter\b/;

/** The exporter constructors of this file: functions and methods returning an exporter or a local type. */
export function exporterCtors(ctx: RuleContext): ExporterCtor[] {
  const out: ExporterCtor[] = [];
  for (const f of ctx.functions.all()) {
    const result = f.node.childForFieldName('result');
    const first = result?.type === 'parameter_list'
      ? result.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type')?.text
      : result?.text;
    if (!first || PREDECLARED.has(first) || !(EXPORTER_RESULT.test(first) || localTypeName(first))) continue;
    const body = f.node.childForFieldName('body');
    if (!body) continue;
    const values = returnedValues(body).filter((v) => !isNil(v));
    if (!values.length) continue;
    out.push({ recv: f.receiver, name: f.name, origins: values.map((v) => exporterOrigin(ctx, v)) });
  }
  return out;
}

/** Calls in an exporter method that send over the network or hand the records to another exporter. */
const NETWORK_OR_DELEGATION = /\b(?:http|grpc|net)\.|\.(?:Do|Invoke|Post|PostForm|Dial|DialContext|Send|Publish|Produce|ExportSpans|Export|UploadTraces|UploadLogs)\(/;
/** Calls that write to a file, a writer, a slog handler or an encoder. */
const LOCAL_WRITE = /\.(?:Write|WriteString|Handle|Encode|Fprint|Fprintf|Fprintln|Print|Printf|Println)\(|\bfmt\.Fprint/;

/**
 * The exporter implementations of this file: methods `ExportSpans(ctx, []…ReadOnlySpan)` and `Export(ctx, []…Record)`
 * with a local receiver type; `local` when the body writes to a file or writer and never sends over the network nor
 * delegates to another exporter.
 */
export function exporterImpls(ctx: RuleContext): ExporterImpl[] {
  const out: ExporterImpl[] = [];
  for (const f of ctx.functions.all()) {
    if (!f.receiver || (f.name !== 'ExportSpans' && f.name !== 'Export')) continue;
    const params = f.node.childForFieldName('parameters')?.text ?? '';
    if (!/\[\]\s*\*?\s*(?:\w+\.)?(?:ReadOnlySpan|Record)\b/.test(params)) continue;
    const body = f.node.childForFieldName('body')?.text ?? '';
    out.push({ type: f.receiver, local: !NETWORK_OR_DELEGATION.test(body) && LOCAL_WRITE.test(body) });
  }
  return out;
}
