import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignmentOf, FUNCTION_TYPES } from '../../go/ast.js';
import { httpResponseCall } from '../_shared/concurrency-http.js';
import { isWrite } from '../_shared/concurrency-vars.js';

/** Whether identifier `id` (inside statement `stmt`) sits under an `if` whose condition compares `name` with nil. */
function nilGuarded(id: Node, stmt: Node, name: string): boolean {
  for (let p = id.parent; p && p.id !== stmt.parent?.id; p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    if (cond && new RegExp(`\\b${name}\\s*[!=]=\\s*nil\\b|\\bnil\\s*[!=]=\\s*${name}\\b`).test(cond.text)) return true;
  }
  return false;
}

/**
 * A dereference `name.X` in `stmt` that no nil check guards (inside a deferred func literal too). Passing the
 * response to a function is not counted: the callee may test it for nil.
 */
function unguardedDeref(stmt: Node, name: string): Node | undefined {
  for (const id of stmt.descendantsOfType('identifier')) {
    if (!id || id.text !== name || isWrite(id)) continue;
    const sel = id.parent;
    if (sel?.type !== 'selector_expression' || sel.childForFieldName('operand')?.id !== id.id) continue;
    if (nilGuarded(id, stmt, name)) continue;
    return id;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'CON1013',
    name: 'response-used-before-error-check',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'HTTP response used before its error is checked',
    passCriterion: 'an HTTP response is used only after its error has been checked',
    rationale:
      'When an HTTP call fails (DNS error, refused connection, timeout, TLS failure) the response is nil. Code that ' +
      'defers resp.Body.Close() or reads resp.StatusCode before testing err panics with a nil dereference exactly when ' +
      'the network misbehaves: a transient outage of a dependency becomes a crash of the service.',
    fix: {
      text: 'Check err first (`if err != nil { return err }`), then `defer resp.Body.Close()` and read the response.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package client\n\nimport "net/http"\n\nfunc Status(url string) (int, error) {\n\tresp, err := http.Get(url)\n' +
          '\tdefer resp.Body.Close()\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn resp.StatusCode, nil\n}\n',
        good:
          'package client\n\nimport "net/http"\n\nfunc Status(url string) (int, error) {\n\tresp, err := http.Get(url)\n' +
          '\tif err != nil {\n\t\treturn 0, err\n\t}\n\tdefer resp.Body.Close()\n\treturn resp.StatusCode, nil\n}\n',
      },
    ],
    messages: {
      usedBeforeCheck: 'using {{name}} before checking for errors: {{name}} is nil when {{call}} fails',
      errorDiscarded:
        'using {{name}} before checking for errors: the error of {{call}} is discarded (`_`) and {{name}} is nil when it fails',
    },
    sources: ['govet:httpresponse'],
    notes:
      'Calls covered: http.Get/Post/Head/PostForm and Do/Get/Post/Head/PostForm on a recognised *http.Client (see ' +
      'response-body-not-closed). The statements after `resp, err := call` in the same block are read up to the first ' +
      'one that mentions err; a dereference of resp among them (resp.Body, resp.StatusCode) is reported unless it sits under an `if resp != nil` test; passing resp to a function is not (the callee may test it). ' +
      'go vet reports only a `defer` directly after the call; this rule also reports other reads (resp.StatusCode). ' +
      'When the error is discarded (`resp, _ := call`), an unguarded dereference anywhere after the call in the block is reported.',
  },
  prefilter: ['net/http'],
  create(ctx) {
    return {
      call_expression(call) {
        const what = httpResponseCall(ctx, call);
        if (!what) return;
        const a = assignmentOf(call);
        if (!a || a.targets.length !== 2) return;
        const [resp, err] = a.targets as [Node, Node];
        if (resp.type !== 'identifier' || err.type !== 'identifier' || resp.text === '_') return;
        // `resp, _ := call`: the error is dropped, so every unguarded dereference after it panics when the call fails
        const discarded = err.text === '_';
        const list = a.stmt.parent;
        if (!list || (list.type !== 'statement_list' && list.type !== 'block')) return;
        let after = false;
        for (const s of list.namedChildren) {
          if (!s || s.type === 'comment') continue;
          if (!after) {
            after = s.id === a.stmt.id;
            continue;
          }
          if (!discarded && s.descendantsOfType('identifier').some((id) => id?.text === err.text)) return;
          const read = unguardedDeref(s, resp.text);
          if (read) {
            ctx.report({ node: s, messageId: discarded ? 'errorDiscarded' : 'usedBeforeCheck', data: { name: resp.text, call: what } });
            return;
          }
          // resp (re)assigned, or a function boundary reached: stop looking
          if (s.descendantsOfType('identifier').some((id) => id?.text === resp.text)) return;
          if (FUNCTION_TYPES.has(s.type)) return;
        }
      },
    };
  },
});
