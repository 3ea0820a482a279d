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

export default defineRule({
  meta: {
    id: 'CON1010',
    name: 'response-body-not-closed',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
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
      'the error path (resp is nil there).',
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
        ctx.report({ node: call, messageId: 'notClosed', data: { name: b.name, call: what } });
      },
    };
  },
});
