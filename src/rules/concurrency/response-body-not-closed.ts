import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { assignmentOf } from '../../go/ast.js';
import { directEscape } from '../_shared/value-flow.js';
import { httpResponseCall } from '../_shared/concurrency-http.js';
import { bindingScope, isNamedResult, readsAfter } from '../_shared/concurrency-vars.js';

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
  if (directEscape(id)) return true;
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'expression_list') {
    const stmt = parent.parent;
    if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration' || stmt.type === 'var_spec')) {
      // `_ = resp` only silences the compiler
      const left = stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : stmt.childForFieldName('left')?.namedChildren ?? [];
      return !left.every((l) => l?.text === '_');
    }
  }
  if (parent.type !== 'selector_expression' || parent.childForFieldName('operand')?.id !== id.id) return false;
  if (parent.childForFieldName('field')?.text !== 'Body') return false;
  // resp.Body ...
  const gp = parent.parent;
  if (gp?.type === 'selector_expression' && gp.childForFieldName('field')?.text === 'Close') return true;
  const how = directEscape(parent);
  if (how === 'passed') {
    const call = parent.parent?.parent;
    if (call?.type === 'call_expression') {
      const r = ctx.resolveCall(call);
      if (r?.pkg && NON_CLOSING[r.pkg]?.has(r.name)) return false;
    }
    return true;
  }
  if (how) return true;
  if (gp?.type === 'expression_list') {
    const stmt = gp.parent;
    if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration' || stmt.type === 'var_spec')) {
      const right = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
      return !!right && right.id === gp.id;
    }
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
        let e: Node = call;
        while (e.parent?.type === 'parenthesized_expression') e = e.parent;
        if (e.parent?.type === 'expression_statement') {
          ctx.report({ node: call, messageId: 'discarded', data: { call: what } });
          return;
        }
        const a = assignmentOf(call);
        if (!a || a.targets.length === 0) return;
        const target = a.targets[0]!;
        if (target.type !== 'identifier') return; // stored in a field or index
        if (target.text === '_') {
          ctx.report({ node: call, messageId: 'discarded', data: { call: what } });
          return;
        }
        if (isNamedResult(call, target.text)) return;
        const declares = a.stmt.type === 'short_var_declaration' || a.stmt.type === 'var_spec';
        if (!declares && !ctx.isShadowed(target.text, target)) return; // package-level variable
        const scope = bindingScope(a.stmt, declares);
        if (!scope) return;
        const reads = readsAfter(scope, a.stmt, target.text, target);
        if (reads.some((id) => handlesBody(ctx, id))) return;
        ctx.report({ node: call, messageId: 'notClosed', data: { name: target.text, call: what } });
      },
    };
  },
});
