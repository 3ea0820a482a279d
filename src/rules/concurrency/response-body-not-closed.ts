import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { boundName, directEscape, handedOn, isMethodOf } from '../_shared/value-flow.js';
import { httpResponseCall } from '../_shared/concurrency-http.js';
import { resultBinding } from '../_shared/concurrency-vars.js';
import { outerParens, unparen } from '../../go/ast.js';
import { openExits } from '../_shared/must-reach.js';
import { cancelledOnReturn, isHeadMethod, requestOrigins, simpleStatementOf } from '../_shared/http-request-origin.js';

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

/** Reads that consume a reader to EOF or to a read error: io.ReadAll(body), and the copies below when they write to io.Discard. */
const DRAINS: [string, string[]][] = [['io', ['ReadAll']], ['io/ioutil', ['ReadAll']]];
const COPIES: [string, string[]][] = [['io', ['Copy', 'CopyBuffer']]];

function isDiscard(ctx: RuleContext, e: Node | null | undefined): boolean {
  const n = unparen(e);
  const op = unparen(n?.childForFieldName('operand'));
  return n?.type === 'selector_expression' && n.childForFieldName('field')?.text === 'Discard' && op?.type === 'identifier' &&
    (ctx.isPackageRef(op, 'io') || ctx.isPackageRef(op, 'io/ioutil'));
}

/**
 * Whether node `n` reads the body of the response (a `resp.Body` whose `resp` is one of `reads`) to its end: io.ReadAll,
 * io.Copy to io.Discard, or — when `anyWriter` — io.Copy to any writer (which stops early when the writer fails).
 */
function drainsBody(ctx: RuleContext, n: Node, reads: Set<number>, anyWriter: boolean): boolean {
  const isBody = (a: Node | null | undefined) => {
    const e = unparen(a);
    const op = unparen(e?.childForFieldName('operand'));
    return e?.type === 'selector_expression' && e.childForFieldName('field')?.text === 'Body' && !!op && reads.has(op.id);
  };
  return n.descendantsOfType('call_expression').some((c) => {
    if (!c) return false;
    const args = c.childForFieldName('arguments')?.namedChildren ?? [];
    if (DRAINS.some(([pkg, names]) => ctx.isCallTo(c, pkg, ...names))) return isBody(args[0]);
    if (COPIES.some(([pkg, names]) => ctx.isCallTo(c, pkg, ...names))) return isBody(args[1]) && (anyWriter || isDiscard(ctx, args[0]));
    return false;
  });
}

/**
 * Whether the response bound by the statement holding `call` is read to its end on every path that gets it: from that
 * statement, every exit of the function, and the next iteration of a loop around it, is reached through a drain of its
 * body (must-reach), but from the `if err != nil` check of the call (the response is nil there). Reading a body to EOF
 * hands its connection back to the client's pool, and a read that fails makes the transport close it: nothing is left
 * to leak. A non-200 early return before the read leaves the body unread and open on every error status
 * (argo-rollouts Kayenta: the true positives).
 */
function drainedOnEveryPath(ctx: RuleContext, call: Node, reads: Set<number>, anyWriter: boolean): boolean {
  const start = simpleStatementOf(call);
  if (!start || (start.type !== 'short_var_declaration' && start.type !== 'assignment_statement')) return false;
  const targets = start.childForFieldName('left')?.namedChildren ?? [];
  const errName = targets.length === 2 && targets[1]?.type === 'identifier' ? targets[1].text : undefined;
  // the error check: the if holding the call in its init statement, or the statement right after the call
  let check: Node | null = start.parent?.type === 'if_statement' ? start.parent : start.nextNamedSibling;
  while (check?.type === 'comment') check = check.nextNamedSibling;
  const cond = check?.type === 'if_statement' ? check.childForFieldName('condition')?.text.replace(/[\s()]+/g, '') : undefined;
  // exactly `if err != nil`: a condition that also tests the status (`err != nil || resp.StatusCode != 200`) returns with a live body
  const checked = !!errName && cond === `${errName}!=nil` ? check!.childForFieldName('consequence') : null;
  const r = openExits({
    start,
    discharges: (n) => drainsBody(ctx, n, reads, anyWriter),
    repeatLoops: true,
    closedOnEntry: (b) => b.id === checked?.id,
  });
  return r.analysed && !r.fallsOffEnd && !r.restartsOpen && r.returns.length === 0;
}

/**
 * Whether the client call returns a response with nothing to release once the function returns: a HEAD request (its
 * body is http.NoBody and the transport takes the connection back at once: http.Head, client.Head, a request built with
 * method HEAD), or a request whose context is cancelled when the function returns (cancelling makes the transport
 * close the connection and end its goroutines).
 */
function nothingToRelease(ctx: RuleContext, call: Node): boolean {
  const r = ctx.resolveCall(call);
  if (r?.name === 'Head') return true;
  if (r?.name !== 'Do') return false;
  const origins = requestOrigins(ctx, call.childForFieldName('arguments')?.namedChildren[0]);
  if (!origins?.length) return false;
  if (origins.every((o) => isHeadMethod(ctx, o.method))) return true;
  return origins.every((o) => !!o.ctx && cancelledOnReturn(ctx, o.ctx, call));
}

export default defineRule({
  meta: {
    id: 'CON1010',
    name: 'response-body-not-closed',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 15 TP, 15 FP, 10 "nobody would act" of 40 judged — precision 50.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes (2026-12-16 sample, 2 TP / 14 FP / 3 DEB): HEAD requests (no body to close), requests whose context is cancelled when the function returns (the transport closes the connection), bodies read to EOF, dead code, one-shot CLI probes. The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-16 sample (HEAD requests, request contexts cancelled when the function returns, bodies read to EOF on every path are no longer reported), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
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
          'package client\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\nfunc Fetch(url string, v any) error {\n' +
          '\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn json.NewDecoder(resp.Body).Decode(v)\n}\n',
        good:
          'package client\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\nfunc Fetch(url string, v any) error {\n' +
          '\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer resp.Body.Close()\n' +
          '\treturn json.NewDecoder(resp.Body).Decode(v)\n}\n',
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
      'the error path (resp is nil there). Not reported when nothing is left to release: a HEAD request (http.Head, ' +
      'client.Head, or Do of a request built by http.NewRequest/NewRequestWithContext with method "HEAD", http.MethodHead ' +
      'or another package\'s constant named HEAD/MethodHead, through constants and local variables: the body is ' +
      'http.NoBody and the transport takes the connection back at once); a request whose context is cancelled when the ' +
      'function returns (its context, through NewRequestWithContext, req.WithContext or req.Clone and local variables, ' +
      'comes from context.WithCancel/WithTimeout/WithDeadline whose very cancel function is deferred before the call, ' +
      'with no loop around the call, or called on every path after it: cancelling makes the transport close the ' +
      'connection); a body read to its end on every path that gets the response (io.ReadAll or io.Copy to io.Discard of ' +
      'resp.Body reached on every path from the call to the function\'s exits but the `if err != nil` check\'s: the ' +
      'drained connection goes back to the pool, a failed read closes it; a json.Decoder or a LimitReader may stop ' +
      'before the end and does not count). Reported with low severity when every such path copies the body to another ' +
      'writer (io.Copy(w, resp.Body)): only a failed write leaves it open (blind sample 2026-12-11: sonobuoy\'s ' +
      'progress relay judged "nobody would act"; argo-rollouts\' non-200 early returns, TP).',
  },
  prefilter: ['net/http'],
  create(ctx) {
    return {
      call_expression(call) {
        const what = httpResponseCall(ctx, call);
        if (!what) return;
        if (directEscape(call)) return;
        if (nothingToRelease(ctx, call)) return;
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
        // read to its end on every path: the connection goes back to the pool (or is closed by a failed read)
        const reads = new Set(b.reads.map((id) => id.id));
        if (drainedOnEveryPath(ctx, call, reads, false)) return;
        // copied to a writer on every path: only a failed write leaves the body unread and open
        const severity = drainedOnEveryPath(ctx, call, reads, true) ? 'low' : undefined;
        ctx.report({ node: call, messageId: 'notClosed', data: { name: b.name, call: what }, severity });
      },
    };
  },
});
