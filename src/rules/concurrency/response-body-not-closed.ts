import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { boundName, directEscape, handedOn, isMethodOf } from '../_shared/value-flow.js';
import { httpResponseCall } from '../_shared/concurrency-http.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import { outerParens } from '../../go/ast.js';

/** Library calls that read a body without closing it: passing resp.Body to them is not a release. */
const NON_CLOSING: Record<string, Set<string>> = {
  io: new Set(['ReadAll', 'Copy', 'CopyN', 'CopyBuffer', 'ReadFull', 'ReadAtLeast', 'LimitReader', 'TeeReader', 'NopCloser']),
  'io/ioutil': new Set(['ReadAll']),
  'encoding/json': new Set(['NewDecoder']),
  'encoding/xml': new Set(['NewDecoder']),
  bufio: new Set(['NewReader', 'NewReaderSize', 'NewScanner']),
  'compress/gzip': new Set(['NewReader']),
  'net/http': new Set(['MaxBytesReader']),
  'mime/multipart': new Set(['NewReader']),
  fmt: new Set(['Fprint', 'Fprintf', 'Fprintln', 'Fscan', 'Fscanf', 'Fscanln']),
};

/**
 * Whether a read `id` of the response variable releases or hands off the body:
 * resp.Body.Close (called or as a value), resp passed/returned/stored/assigned, resp.Body
 * handed to anything but a known reader, assigned or returned.
 */
function handlesBody(ctx: RuleContext, id: Node): boolean {
  // resp returned, passed, stored or assigned (`_ = resp` only silences the compiler)
  if (handedOn(id)) return true;
  if (!isMethodOf(id, ['Body'])) return false;
  // resp.Body ...
  const body = id.parent!;
  if (isMethodOf(body, ['Close'])) return true;
  if (directEscape(body) === 'passed') {
    const call = body.parent?.parent;
    if (call?.type === 'call_expression') {
      const r = ctx.resolveCall(call);
      if (r?.pkg && NON_CLOSING[r.pkg]?.has(r.name)) return false;
    }
    return true;
  }
  return handedOn(body);
}

/** Reads that consume a reader to EOF: io.Copy(dst, body), io.ReadAll(body)… */
const DRAINS: [string, string[]][] = [['io', ['Copy', 'CopyBuffer', 'ReadAll']], ['io/ioutil', ['ReadAll']]];

/**
 * Whether the response bound by the statement holding `call` is read to EOF on every path that gets it: a later
 * statement of the same block drains `name.Body` (io.Copy, io.ReadAll), and no statement between them returns other
 * than the `if err != nil` check of the call. A body read to EOF hands its connection back to the client's pool, so
 * the missing Close leaks only when the read fails (sonobuoy's progress relay, blind sample 2026-12-11); a non-200
 * early return before the read leaks on every error status (argo-rollouts Kayenta: the true positives).
 */
function drainedOnEverySuccessPath(ctx: RuleContext, call: Node, name: string): boolean {
  let stmt: Node | null = call;
  while (stmt && stmt.parent && stmt.parent.type !== 'statement_list' && stmt.parent.type !== 'block') stmt = stmt.parent;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement')) return false;
  const body = `${name}.Body`;
  const drains = (n: Node) => n.descendantsOfType('call_expression').some((c) =>
    !!c && DRAINS.some(([pkg, names]) => ctx.isCallTo(c, pkg, ...names)) &&
    (c.childForFieldName('arguments')?.namedChildren.some((a) => a?.text === body) ?? false));
  let first = true;
  for (let s = stmt.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (s.type === 'comment') continue;
    // exactly `if err != nil`: a condition that also tests the status (`err != nil || resp.StatusCode != 200`) returns with a live body
    const errCheck = first && s.type === 'if_statement' && /^\(?err!=nil\)?$/.test(s.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '');
    first = false;
    if (errCheck) continue;
    const head = s.type === 'if_statement' ? s.childForFieldName('initializer') : s;
    if (head && (head.type === 'expression_statement' || head.type === 'return_statement' || head.type === 'assignment_statement' || head.type === 'short_var_declaration') && drains(head)) return true;
    if (s.descendantsOfType(['return_statement', 'goto_statement', 'break_statement', 'continue_statement']).length) return false;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'CON1010',
    name: 'response-body-not-closed',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 15 TP, 15 FP, 10 "nobody would act" of 40 judged — precision 50.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes (2026-12-16 sample, 2 TP / 14 FP / 3 DEB): HEAD requests (no body to close), requests whose context is cancelled when the function returns (the transport closes the connection), bodies read to EOF, dead code, one-shot CLI probes. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'HTTP response body is never closed',
    passCriterion: 'every HTTP response body is closed on every path',
    rationale:
      'An http.Response body that is not closed keeps its TCP connection checked out of the transport: the ' +
      'connection cannot be reused, and its read/write goroutines and file descriptor stay alive. A client calling ' +
      'an API in a loop or per request leaks one connection each time until it hits the file-descriptor limit or ' +
      'the server\'s connection cap, typically surfacing as "too many open files" under production load.',
    fix: {
      text: 'After checking the error, `defer resp.Body.Close()`; read (or io.Copy(io.Discard, resp.Body)) the body before closing if the connection should be reused.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package client\n\nimport (\n\t"io"\n\t"net/http"\n)\n\nfunc Fetch(url string) ([]byte, error) {\n' +
          '\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn io.ReadAll(resp.Body)\n}\n',
        good:
          'package client\n\nimport (\n\t"io"\n\t"net/http"\n)\n\nfunc Fetch(url string) ([]byte, error) {\n' +
          '\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n' +
          '\treturn io.ReadAll(resp.Body)\n}\n',
      },
    ],
    messages: {
      notClosed: 'response {{name}} from {{call}} is never closed: call {{name}}.Body.Close() (usually deferred after the error check)',
      discarded: 'response from {{call}} is discarded, so its body can never be closed',
    },
    sources: ['golangci:bodyclose'],
    notes:
      'Intra-procedural and conservative. Calls covered: http.Get/Post/Head/PostForm and Do/Get/Post/Head/PostForm ' +
      'on http.DefaultClient or on a variable/field whose declaration in the file is http.Client or *http.Client ' +
      '(clients of unknown type are skipped). The response counts as handled when resp.Body.Close is called or ' +
      'referenced anywhere, when resp is returned, passed to any function, stored or assigned, or when resp.Body is ' +
      'handed to a function other than a known reader (io.ReadAll, json.NewDecoder...). No Close is required on ' +
      'the error path (resp is nil there). Reported with low severity when every path that gets the response reads the ' +
      'body to EOF (io.Copy or io.ReadAll of resp.Body in the same block, with no return before it but the err check): ' +
      'the drained body returns its connection to the pool and only a failed copy leaves it open (blind sample ' +
      '2026-12-11: sonobuoy\'s progress relay judged "nobody would act"; argo-rollouts\' non-200 early returns, TP).',
  },
  prefilter: ['net/http'],
  create(ctx) {
    return {
      call_expression(call) {
        const what = httpResponseCall(ctx, call);
        if (!what) return;
        if (directEscape(call)) return;
        const e = outerParens(call);
        if (e.parent?.type === 'expression_statement') {
          ctx.report({ node: call, messageId: 'discarded', data: { call: what } });
          return;
        }
        const bound = boundName(call);
        if (bound && 'blank' in bound) {
          ctx.report({ node: call, messageId: 'discarded', data: { call: what } });
          return;
        }
        const b = resultBinding(ctx, call);
        if (!b || b.reads.some((id) => handlesBody(ctx, id))) return;
        // drained on every path: the connection goes back to the pool; only a failed copy's path leaks it
        const severity = drainedOnEverySuccessPath(ctx, call, b.name) ? 'low' : undefined;
        ctx.report({ node: call, messageId: 'notClosed', data: { name: b.name, call: what }, severity });
      },
    };
  },
});
