import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, blockStatements, unparen } from '../../go/ast.js';
import { descendantsNoFunc, isUnconditionalLoop, leavesLoop, loopBody, rangeClause } from '../_shared/concurrency-control.js';

/** Packages whose calls go over the network (HTTP, dial, SQL, gRPC, message brokers). */
const NETWORK_PACKAGES = [
  /^net$/, /^net\/http$/, /^net\/smtp$/, /^net\/rpc$/, /^database\/sql$/, /^google\.golang\.org\/grpc$/,
  /^github\.com\/jackc\/pgx(\/v\d+)?(\/pgxpool)?$/, /^github\.com\/lib\/pq$/, /^github\.com\/go-sql-driver\/mysql$/,
  /^github\.com\/nats-io\/nats\.go$/, /^github\.com\/(streadway|rabbitmq)\/amqp(091-go)?$/, /^go\.mongodb\.org\/mongo-driver(\/v2)?\/mongo$/,
  /^go\.etcd\.io\/etcd\/client\/v3$/, /^github\.com\/(go-redis\/redis|redis\/go-redis)(\/v\d+)?$/,
];

/**
 * Method names of outbound calls: HTTP clients (Do, Get, Post...), dialers, SQL (Query, Exec,
 * Ping, Begin), RPC (Invoke, Call), brokers (Publish, Connect). A method's receiver type is not
 * known, so the name and the retry shape around it carry the judgement.
 */
const NETWORK_METHODS = new Set([
  'Do', 'Get', 'Post', 'PostForm', 'Head', 'RoundTrip', 'Dial', 'DialContext', 'DialTimeout', 'DialTLS', 'NewClient',
  'Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Exec', 'ExecContext', 'Ping', 'PingContext', 'Begin', 'BeginTx',
  'Invoke', 'Call', 'CallContext', 'Connect', 'ConnectContext', 'Publish', 'PublishMsg', 'SendMessage', 'Produce',
]);

/** Function names that say they talk to something remote (`connectDB`, `fetchToken`, `sendRequest`). */
const NETWORK_FUNC = /^(connect|dial|fetch|send|publish|request|download|upload|ping|call)[A-Z_]|^(connect|dial|fetch|ping)$/i;

function callName(call: Node): string | undefined {
  const fn = unparen(call.childForFieldName('function'));
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'selector_expression') return fn.childForFieldName('field')?.text;
  return undefined;
}

/** Whether `call` is an outbound network, RPC or SQL call. */
function isNetworkCall(ctx: RuleContext, call: Node): boolean {
  const r = ctx.resolveCall(call);
  if (!r) return false;
  if (r.pkg !== undefined) return NETWORK_PACKAGES.some((re) => re.test(r.pkg!));
  if (r.recv) return NETWORK_METHODS.has(r.name);
  return NETWORK_FUNC.test(r.name);
}

/** The call an assignment statement makes: `x, err := c.Do(req)`, `err = db.Ping()`. */
function assignedCall(stmt: Node): { call: Node; err: string } | undefined {
  if (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement') return undefined;
  const values = assignedValues(stmt);
  const call = values.length === 1 ? unparen(values[0]!) : null;
  if (!call || call.type !== 'call_expression') return undefined;
  const err = assignedNames(stmt).map((n) => n.text).find((n) => /^err$|Err$|^err[A-Z]/.test(n));
  return err ? { call, err } : undefined;
}

/** `err != nil` → 'fail', `err == nil` → 'ok' (either operand order), for the error variable `err`. */
function errTest(cond: Node | null, err: string): 'fail' | 'ok' | undefined {
  const c = unparen(cond);
  if (!c || c.type !== 'binary_expression') return undefined;
  const op = c.childForFieldName('operator')?.text;
  const l = unparen(c.childForFieldName('left'))?.text;
  const r = unparen(c.childForFieldName('right'))?.text;
  if (!((l === err && r === 'nil') || (l === 'nil' && r === err))) return undefined;
  return op === '!=' ? 'fail' : op === '==' ? 'ok' : undefined;
}

function endsLeaving(stmts: Node[], loop: Node): boolean {
  const last = stmts.at(-1);
  return !!last && leavesLoop(last, loop);
}

function endsContinuing(stmts: Node[], loop: Node): boolean {
  const last = stmts.at(-1);
  return !!last && last.type === 'continue_statement' && !leavesLoop(last, loop);
}

interface RetryShape {
  call: Node;
  /** Statements run after a failed attempt, before the next one. */
  failPath: Node[];
}

/**
 * The retry in a loop body: an attempt (`v, err := call()` or `if err := call(); ...`), a test of
 * its error where success leaves the loop and failure goes round again.
 */
function retryShape(loop: Node, stmts: Node[]): RetryShape | undefined {
  for (let k = 0; k < stmts.length; k++) {
    const s = stmts[k]!;
    let attempt = assignedCall(s);
    let check: Node | undefined;
    let after: Node[];
    if (attempt) {
      const j = stmts.findIndex((x, i) => i > k && x.type === 'if_statement' && errTest(x.childForFieldName('condition'), attempt!.err) !== undefined);
      if (j === -1) continue;
      // only logging or bookkeeping between the attempt and its check, nothing that leaves
      if (stmts.slice(k + 1, j).some((x) => leavesLoop(x, loop))) continue;
      check = stmts[j]!;
      after = stmts.slice(j + 1);
    } else if (s.type === 'if_statement') {
      const init = s.childForFieldName('initializer');
      attempt = init ? assignedCall(init) : undefined;
      if (!attempt || errTest(s.childForFieldName('condition'), attempt.err) === undefined) continue;
      check = s;
      after = stmts.slice(k + 1);
    } else continue;
    const kind = errTest(check.childForFieldName('condition'), attempt.err)!;
    const cons = blockStatements(check.childForFieldName('consequence'));
    const altNode = check.childForFieldName('alternative');
    const alt = altNode ? (altNode.type === 'block' ? blockStatements(altNode) : [altNode]) : undefined;
    if (kind === 'ok') {
      // if err == nil { ...; break } ; <fail path>
      if (!endsLeaving(cons, loop)) return undefined;
      const failPath = [...(alt ?? []), ...after];
      if (endsLeaving(failPath, loop)) return undefined;
      return { call: attempt.call, failPath };
    }
    // if err != nil { <fail path>; continue } ; ...; break   — or   if err != nil { <fail path> } else { break }
    if (endsLeaving(cons, loop)) return undefined;
    if (endsContinuing(cons, loop) && endsLeaving(after, loop)) return { call: attempt.call, failPath: cons };
    if (alt && endsLeaving(alt, loop) && after.length === 0) return { call: attempt.call, failPath: cons };
    return undefined;
  }
  return undefined;
}

/** Identifiers a loop changes: its own variables and everything assigned or incremented in its body. */
function loopVariables(loop: Node): Set<string> {
  const out = new Set<string>();
  for (const c of loop.namedChildren) {
    if (c?.type === 'for_clause') {
      const init = c.childForFieldName('initializer');
      if (init) for (const n of assignedNames(init)) out.add(n.text);
    }
    if (c?.type === 'range_clause') for (const n of assignedNames(c)) out.add(n.text);
  }
  const body = loopBody(loop);
  if (body) {
    for (const s of descendantsNoFunc(body, ['short_var_declaration', 'assignment_statement', 'inc_statement', 'dec_statement'])) {
      if (s.type === 'inc_statement' || s.type === 'dec_statement') out.add(s.namedChild(0)?.text ?? '');
      else for (const n of assignedNames(s)) out.add(n.text);
    }
  }
  return out;
}

const VARYING_NAME = /rand|jitter|backoff|expo|attempt|retr|tries|delay\s*\*/i;

/** A wait whose duration is the same on every iteration: no loop variable, no call but a conversion, no random or backoff name. */
function constantDelay(arg: Node, changed: Set<string>): boolean {
  if (VARYING_NAME.test(arg.text)) return false;
  for (const id of [arg, ...arg.descendantsOfType('identifier').filter((n): n is Node => !!n)]) {
    if (id.type === 'identifier' && changed.has(id.text)) return false;
  }
  for (const c of [arg, ...arg.descendantsOfType('call_expression').filter((n): n is Node => !!n)]) {
    if (c.type !== 'call_expression') continue;
    const name = callName(c);
    if (name !== 'Duration') return false;
  }
  return true;
}

type Wait = { kind: 'constant'; delay: string } | { kind: 'other' };

/** How the failure path waits before the next attempt: nothing, a constant time.Sleep/time.After, or something else. */
function waitOf(ctx: RuleContext, stmts: Node[], changed: Set<string>): Wait | undefined {
  let found: Wait | undefined;
  for (const s of stmts) {
    for (const c of [s, ...descendantsNoFunc(s, ['call_expression', 'select_statement', 'unary_expression'])]) {
      if (c.type === 'select_statement') return { kind: 'other' };
      if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '<-') {
        const operand = unparen(c.childForFieldName('operand'));
        if (!operand || operand.type !== 'call_expression' || !ctx.isCallTo(operand, 'time', 'After')) return { kind: 'other' };
        continue;
      }
      if (c.type !== 'call_expression') continue;
      if (ctx.isCallTo(c, 'time', 'Sleep', 'After')) {
        const arg = c.childForFieldName('arguments')?.namedChild(0);
        if (!arg || !constantDelay(arg, changed)) return { kind: 'other' };
        found ??= { kind: 'constant', delay: arg.text };
        continue;
      }
      // a helper that waits, backs off or paces (sleepCtx, wait.Until, limiter.Wait, b.NextBackOff)
      if (/sleep|wait|backoff|delay|pause|jitter|throttle|limit/i.test(callName(c) ?? '')) return { kind: 'other' };
    }
  }
  return found;
}

/** The loop mentions a backoff policy or jitter anywhere (a growing delay kept in a struct, a backoff library). */
function mentionsBackoff(loop: Node): boolean {
  return /backoff|jitter|exponential|retry\.|wait\.Backoff/i.test(loop.text);
}

/**
 * Whether `name` is assigned in the loop body (other than by the attempt itself) to something that
 * may differ per iteration: the next server, a random host. A request rebuilt for each attempt
 * (`req, _ := http.NewRequest(...)`, needed to resend a body) is the same request.
 */
function variesPerAttempt(body: Node, name: string, attempt: Node): boolean {
  for (const s of descendantsNoFunc(body, ['short_var_declaration', 'assignment_statement', 'inc_statement', 'dec_statement'])) {
    if (s.startIndex <= attempt.startIndex && attempt.endIndex <= s.endIndex) continue;
    if (s.type === 'inc_statement' || s.type === 'dec_statement') {
      if (s.namedChild(0)?.text === name) return true;
      continue;
    }
    if (!assignedNames(s).some((n) => n.text === name)) continue;
    if (!/^http\.NewRequest(WithContext)?\(/.test(assignedValues(s)[0]?.text ?? '')) return true;
  }
  return false;
}

/** The failure path can leave the loop somewhere (an attempt limit, a cancellation check, a permanent error). */
function hasWayOut(failPath: Node[], loop: Node): boolean {
  return failPath.some((s) => [s, ...descendantsNoFunc(s, ['return_statement', 'break_statement', 'goto_statement', 'continue_statement', 'expression_statement'])].some((n) => leavesLoop(n, loop)));
}

/** A bounded loop: `for i := 0; i < n; i++`, `for range n`, `for attempts < max`. */
function isBounded(loop: Node): boolean {
  return !isUnconditionalLoop(loop);
}

export default defineRule({
  meta: {
    id: 'RUN1004',
    name: 'retry-without-backoff',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Too few findings to judge: on 26 real repositories (snapshots of 2026-12-06) it reported 2 loops, both false positives ' +
      '(each attempt tried the next server or a random host, not the same call again; arguments assigned in the loop now ' +
      'count as varying, which removes both). The retry loops of those repositories use backoff libraries or growing delays.',
    title: 'Network, RPC or SQL call retried immediately, or forever at a fixed interval, with no backoff or jitter',
    passCriterion: 'retries of outbound calls wait between attempts with a growing, jittered delay and give up after a limit or on cancellation',
    rationale:
      'A retry that fires again at once turns one failure into a tight loop against a dependency that is already ' +
      'struggling; a retry that waits a fixed time forever makes every instance of the service retry in lockstep, so when ' +
      'the dependency comes back it is hit by the whole fleet at the same instant, and a permanent error (bad credentials, ' +
      'a dropped table) is retried until someone restarts the process. Exponential backoff with jitter and a limit (or a ' +
      'context that ends the loop) is what lets a dependency recover.',
    fix: {
      text:
        'Wait between attempts with a growing, jittered delay and stop after a limit or when the context ends: ' +
        'cenkalti/backoff (backoff.Retry with an ExponentialBackOff and WithContext), k8s.io/apimachinery wait.ExponentialBackoffWithContext, ' +
        'avast/retry-go, or a loop that doubles the delay up to a cap, adds rand jitter and selects on ctx.Done().',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package store\n\nimport (\n\t"database/sql"\n\t"log"\n\t"time"\n)\n\nfunc WaitForDB(db *sql.DB) {\n\tfor {\n' +
          '\t\terr := db.Ping()\n\t\tif err == nil {\n\t\t\treturn\n\t\t}\n' +
          '\t\tlog.Printf("database not ready: %v", err)\n\t\ttime.Sleep(5 * time.Second)\n\t}\n}\n',
        good:
          'package store\n\nimport (\n\t"context"\n\t"database/sql"\n\t"math/rand/v2"\n\t"time"\n)\n\n' +
          'func WaitForDB(ctx context.Context, db *sql.DB) error {\n\tdelay := 500 * time.Millisecond\n\tfor attempt := 0; ; attempt++ {\n' +
          '\t\terr := db.PingContext(ctx)\n\t\tif err == nil {\n\t\t\treturn nil\n\t\t}\n' +
          '\t\tif attempt == 8 {\n\t\t\treturn err\n\t\t}\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n' +
          '\t\tcase <-time.After(delay/2 + rand.N(delay)):\n\t\t}\n\t\tdelay = min(2*delay, 30*time.Second)\n\t}\n}\n',
      },
    ],
    messages: {
      immediate:
        '{{call}} is retried in a loop with no wait after a failure: a failing dependency is hit again at once, as fast as the loop runs',
      fixed:
        '{{call}} is retried forever every {{delay}} (no backoff, no jitter, no attempt limit, no way out): instances retry in lockstep against a failing dependency and a permanent error is retried until restart',
    },
    sources: [],
    notes:
      'A retry is recognised by its shape: a loop whose body makes a call returning an error, tests that error, leaves the ' +
      'loop on success and goes round again on failure. The call must be outbound: a function of net, net/http, ' +
      'database/sql, gRPC, pgx, NATS, AMQP, MongoDB, etcd or Redis client packages, a method named like a client call ' +
      '(Do, Get, Post, Dial, Query, Exec, Ping, Begin, Invoke, Call, Connect, Publish...), or a function named connect*/dial*/fetch*/send*. ' +
      'Reported: a failure path with no wait at all (`continue` straight into the next attempt), and an unconditional ' +
      '`for {}` whose failure path waits a constant time.Sleep/time.After and never leaves the loop. Not reported: a delay ' +
      'that changes across iterations (assigned in the loop, computed by a call, random), waits through a select, a ' +
      'helper (sleepCtx, wait.*, limiter.Wait) or a ticker, loops that mention backoff or jitter, loops bounded by a ' +
      'counter that wait a fixed time (a few spaced attempts), pollers that wait for a condition rather than for an ' +
      'error to clear, range loops over collections, and loops whose call arguments change per iteration (trying ' +
      'the next address or port).',
  },
  // a `for` with `err` after it: the lookahead fixes the first `for` (a lookahead is not backtracked into), so a file
  // without `err` after it is scanned once, not once per `for` as /\bfor\b[\s\S]*\berr\b/ did (same answers)
  prefilterRegex: /^(?=([\s\S]*?\bfor\b))\1[\s\S]*?\berr\b/,
  create(ctx) {
    return {
      for_statement(loop) {
        const range = rangeClause(loop);
        // a range over a collection visits items; `for range 3` / `for i := range maxRetries` counts attempts
        if (range) {
          const right = unparen(range.childForFieldName('right'));
          if (!right || !(right.type === 'int_literal' || (right.type === 'identifier' && /retr|attempt|tries|max|count|times/i.test(right.text)))) return;
        }
        const body = loopBody(loop);
        if (!body || mentionsBackoff(loop)) return;
        const shape = retryShape(loop, blockStatements(body));
        if (!shape || !isNetworkCall(ctx, shape.call)) return;
        const changed = loopVariables(loop);
        // the call's arguments must be the same every time (not the next address, port or item)
        const args = shape.call.childForFieldName('arguments');
        const fn = shape.call.childForFieldName('function');
        const loopVars = new Set<string>();
        for (const c of loop.namedChildren) {
          if (c?.type === 'for_clause') {
            const init = c.childForFieldName('initializer');
            if (init) for (const n of assignedNames(init)) loopVars.add(n.text);
          }
          if (c?.type === 'range_clause') for (const n of assignedNames(c)) loopVars.add(n.text);
        }
        const used = [...(args?.descendantsOfType('identifier') ?? []), ...(fn?.descendantsOfType('identifier') ?? [])].filter((n): n is Node => !!n);
        if (used.some((id) => loopVars.has(id.text) || variesPerAttempt(body, id.text, shape.call))) return;
        // a wait anywhere in the body paces the attempts (before the call as well as after the failure)
        const wait = waitOf(ctx, blockStatements(body), changed);
        const call = (fn?.text ?? 'call').replace(/\s+/g, '');
        if (wait === undefined) {
          ctx.report({ node: shape.call, messageId: 'immediate', data: { call: `${call}()` } });
          return;
        }
        if (wait.kind !== 'constant' || isBounded(loop) || hasWayOut(shape.failPath, loop)) return;
        ctx.report({ node: shape.call, messageId: 'fixed', data: { call: `${call}()`, delay: wait.delay } });
      },
    };
  },
});
