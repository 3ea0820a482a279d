/**
 * Project-local request builders: the functions of a file that build an outgoing HTTP request from their
 * parameters — `func New(method, uri string, body io.Reader, headers ...map[string]string) (*http.Request, error)`
 * whose body calls http.NewRequest(method, uri, body) and adds the headers. Rules that follow a value into an outgoing
 * request (src/rules/_shared/outgoing-request.ts) see such a wrapper, called from another package, as the request
 * builder it is, one level deep: the wrapper's own body must call net/http's NewRequest or NewRequestWithContext.
 *
 * A parameter counts when the body mentions it outside a comparison: the request is built from it (URL, body,
 * headers, or a value the wrapper computes from it and adds). Read from the parse tree, without types: `http` is the
 * local name of net/http (the file imports net/http under its own name).
 */
import type { Node } from 'web-tree-sitter';
import { parameterNames, unparen } from './ast.js';

export interface RequestBuilder {
  /** Function name ('T.m' is not recorded: methods are called on values whose type is not known at the call). */
  name: string;
  /** Positions of the parameters the request is built from (a variadic last parameter covers every later argument). */
  params: number[];
  variadic: boolean;
}

/** Whether a function's last parameter is variadic (`headers ...map[string]string`). */
function isVariadic(fn: Node): boolean {
  return !!fn.childForFieldName('parameters')?.namedChildren.some((p) => p?.type === 'variadic_parameter_declaration');
}

const BUILDER = /^http\.NewRequest(?:WithContext)?$/;

/** The file's top-level functions whose result is an *http.Request built by http.NewRequest* from their parameters. */
export function extractRequestBuilders(root: Node): RequestBuilder[] {
  const out: RequestBuilder[] = [];
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'function_declaration') continue;
    const name = decl.childForFieldName('name')?.text;
    const body = decl.childForFieldName('body');
    const result = decl.childForFieldName('result')?.text.replace(/\s+/g, '') ?? '';
    if (!name || !body || !/\*http\.Request\b/.test(result)) continue;
    const builds = body.descendantsOfType('call_expression').some((c) => BUILDER.test(unparen(c?.childForFieldName('function') ?? null)?.text ?? ''));
    if (!builds) continue;
    const names = parameterNames(decl);
    const variadic = isVariadic(decl);
    const mentioned = new Set<string>();
    for (const id of body.descendantsOfType('identifier')) {
      if (!id || !names.includes(id.text)) continue;
      const parent = id.parent;
      const op = parent?.type === 'binary_expression' ? parent.childForFieldName('operator')?.text : undefined;
      if (op && ['==', '!=', '<', '<=', '>', '>='].includes(op)) continue;
      mentioned.add(id.text);
    }
    const params = names.flatMap((n, i) => (n !== '_' && mentioned.has(n) ? [i] : []));
    if (params.length) out.push({ name, params, variadic });
  }
  return out;
}

/** Standard packages (by their usual local name) whose functions compute their result from their arguments. */
const CARRIER_CALL = /^(?:json|xml|bytes|strings|fmt|hex|base64)\.\w+$/;

/**
 * Request-body carriers: top-level functions returning an io.Reader-like or byte value that a return statement
 * computes from their parameters through standard encoders and readers — `func MarshalJSON(data any) io.ReadSeeker
 * { body, _ := json.Marshal(data); return bytes.NewReader(body) }`. Locals assigned from such calls of a parameter
 * (or of another such local) carry it; the parameters that reach a returned value are recorded.
 */
export function extractRequestCarriers(root: Node): RequestBuilder[] {
  const out: RequestBuilder[] = [];
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'function_declaration') continue;
    const name = decl.childForFieldName('name')?.text;
    const body = decl.childForFieldName('body');
    if (!name || !body || !decl.childForFieldName('result')) continue;
    const params = parameterNames(decl);
    const variadic = isVariadic(decl);
    // name -> parameters it carries
    const carries = new Map<string, Set<number>>(params.map((p, i) => [p, new Set([i])]));
    const carried = (e: Node | null): Set<number> => {
      const u = unparen(e);
      const got = new Set<number>();
      if (!u) return got;
      if (u.type === 'identifier') return carries.get(u.text) ?? got;
      if (u.type === 'call_expression' && CARRIER_CALL.test(unparen(u.childForFieldName('function'))?.text ?? '')) {
        for (const a of u.childForFieldName('arguments')?.namedChildren ?? []) for (const i of carried(a)) got.add(i);
      }
      if (u.type === 'unary_expression' || u.type === 'type_conversion_expression') return carried(u.childForFieldName('operand'));
      return got;
    };
    for (const st of body.descendantsOfType(['short_var_declaration', 'assignment_statement'])) {
      const left = st?.childForFieldName('left')?.namedChildren ?? [];
      const right = st?.childForFieldName('right')?.namedChildren ?? [];
      if (right.length !== 1 || !left[0] || left[0].type !== 'identifier') continue;
      const c = carried(right[0]!);
      if (c.size) carries.set(left[0].text, new Set([...(carries.get(left[0].text) ?? []), ...c]));
    }
    const reached = new Set<number>();
    for (const ret of body.descendantsOfType('return_statement')) {
      const first = ret?.namedChild(0);
      const value = first?.type === 'expression_list' ? first.namedChild(0) : first;
      // a bare parameter returned as is carries nothing worth a model entry
      if (!value || unparen(value)?.type === 'identifier') continue;
      for (const i of carried(value)) reached.add(i);
    }
    const idx = [...reached].filter((i) => params[i] !== '_').sort((a, b) => a - b);
    if (idx.length) out.push({ name, params: idx, variadic });
  }
  return out;
}
