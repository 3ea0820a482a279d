import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { callArgs, enclosingFunction, selectorPath, stringValue, unparen } from '../../go/ast.js';
import { resolveBinding, usesOf, type Binding } from '../_shared/security-bindings.js';
import { isExitCall } from '../_shared/exit-calls.js';

/** `failsAtCall`: an empty value makes the call itself return an error (no default is used in its place). */
interface Sink { pkgs: string[]; names: string[]; arg: number; label: string; effect: string; failsAtCall?: boolean }

const PGX = ['github.com/jackc/pgx/v4', 'github.com/jackc/pgx/v5', 'github.com/jackc/pgx'];
const PGXPOOL = ['github.com/jackc/pgx/v4/pgxpool', 'github.com/jackc/pgx/v5/pgxpool'];
const REDIS = ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8', 'github.com/go-redis/redis/v9', 'github.com/go-redis/redis'];
const AMQP = ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'];

const DB_EFFECT = 'the driver falls back to its defaults (often localhost) and the error shows up at the first query, not at startup';
const SINKS: Sink[] = [
  { pkgs: ['database/sql'], names: ['Open'], arg: 1, label: 'sql.Open', effect: DB_EFFECT },
  { pkgs: ['github.com/jmoiron/sqlx'], names: ['Open', 'Connect', 'MustOpen', 'MustConnect'], arg: 1, label: 'sqlx', effect: DB_EFFECT },
  { pkgs: PGX, names: ['Connect'], arg: 1, label: 'pgx.Connect', effect: 'pgx connects with libpq defaults (local socket, current user) instead of failing' },
  { pkgs: PGX, names: ['ParseConfig'], arg: 0, label: 'pgx.ParseConfig', effect: 'pgx connects with libpq defaults (local socket, current user) instead of failing' },
  { pkgs: PGXPOOL, names: ['New', 'Connect'], arg: 1, label: 'pgxpool', effect: 'pgx connects with libpq defaults (local socket, current user) instead of failing' },
  { pkgs: PGXPOOL, names: ['ParseConfig'], arg: 0, label: 'pgxpool.ParseConfig', effect: 'pgx connects with libpq defaults (local socket, current user) instead of failing' },
  { pkgs: REDIS, names: ['ParseURL'], arg: 0, label: 'redis.ParseURL', effect: 'the parse fails with an unhelpful error far from the missing variable', failsAtCall: true },
  { pkgs: ['google.golang.org/grpc'], names: ['Dial', 'NewClient'], arg: 0, label: 'grpc.{{name}}', effect: 'the client is created and fails only on the first RPC' },
  { pkgs: ['google.golang.org/grpc'], names: ['DialContext'], arg: 1, label: 'grpc.DialContext', effect: 'the client is created and fails only on the first RPC' },
  { pkgs: ['net'], names: ['Dial', 'DialTimeout'], arg: 1, label: 'net.{{name}}', effect: 'the dial fails with "missing address" at first use', failsAtCall: true },
  { pkgs: ['net'], names: ['Listen'], arg: 1, label: 'net.Listen', effect: 'the listener binds a random port on all interfaces' },
  { pkgs: ['net/http'], names: ['ListenAndServe', 'ListenAndServeTLS'], arg: 0, label: 'http.{{name}}', effect: 'the server listens on port 80 (":http") or a random port instead of the intended address' },
  { pkgs: AMQP, names: ['Dial', 'DialTLS'], arg: 0, label: 'amqp.{{name}}', effect: 'the dial fails with a URI error far from the missing variable', failsAtCall: true },
  { pkgs: ['github.com/nats-io/nats.go'], names: ['Connect'], arg: 0, label: 'nats.Connect', effect: 'the client silently connects to the default nats://127.0.0.1:4222' },
];

/** Calls the value passes through unchanged in meaning (still empty when the variable is unset). */
function isPassThrough(ctx: RuleContext, call: Node): boolean {
  return (
    ctx.isCallTo(call, 'fmt', 'Sprintf', 'Sprint') ||
    ctx.isCallTo(call, 'net', 'JoinHostPort') ||
    ctx.isCallTo(call, 'strings', 'TrimSpace', 'ToLower', 'Trim', 'TrimSuffix', 'TrimPrefix')
  );
}

const CHECK_CALL = /must|require|valid|check|empty|default|fallback|orelse|^or$/i;

interface SinkHit { label: string; effect: string; node: Node; failsAtCall?: boolean; direct?: boolean }
interface Flow { sink?: SinkHit; vars: Binding[] }

/**
 * Whether the error result of `call` is checked and the code goes on without the value (an optional setting):
 * `if c, err := net.Dial(…); err == nil { use c }`, or `c, err := net.Dial(…)` followed by `if err != nil { … }`
 * that neither returns the error nor ends the process. An unset variable then fails right there, and the failure
 * is handled by skipping the feature: nothing fails later.
 */
function errorHandledWithFallback(call: Node): boolean {
  const list = call.parent;
  const stmt = list?.type === 'expression_list' ? list.parent : null;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement')) return false;
  if (stmt.childForFieldName('right')?.namedChildren.length !== 1) return false;
  const targets = stmt.childForFieldName('left')?.namedChildren ?? [];
  const err = targets[targets.length - 1];
  if (targets.length < 2 || err?.type !== 'identifier' || err.text === '_') return false;
  let check: Node | null = null;
  if (stmt.parent?.type === 'if_statement' && stmt.parent.childForFieldName('initializer')?.id === stmt.id) check = stmt.parent;
  else {
    let next = stmt.nextNamedSibling;
    while (next?.type === 'comment') next = next.nextNamedSibling;
    if (next?.type === 'if_statement') check = next;
  }
  const cond = unparen(check?.childForFieldName('condition'));
  if (!check || cond?.type !== 'binary_expression') return false;
  const op = cond.childForFieldName('operator')?.text;
  const sides = [cond.childForFieldName('left')?.text, cond.childForFieldName('right')?.text];
  if (!sides.includes(err.text) || !sides.includes('nil')) return false;
  if (op === '==') return true;
  if (op !== '!=') return false;
  const body = check.childForFieldName('consequence');
  if (!body) return false;
  if (body.descendantsOfType('return_statement').some((r) => !!r && r.descendantsOfType('identifier').some((i) => i?.text === err.text))) return false;
  // a branch that ends the process or unwinds does not go on without the value
  return !body.descendantsOfType('call_expression').some((c) => !!c && isExitCall(c));
}

export default defineRule({
  meta: {
    id: 'SEC1012',
    name: 'unchecked-env-config',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-21',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-20 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 5 FP, 1 "nobody would act" of 6 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: a code-generator scaffold in a _template/ folder the go command never builds (now the tooling role), credentials rather than addresses read from the environment, and gorm.Open, which pings the database at start-up. Reworked after the 2026-12-20 sample (gorm drivers are not sinks; folders the go command ignores are not shipped), so its record restarts at 2026-12-21 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Environment variable used as a connection target without an emptiness check',
    passCriterion: 'environment variables used as connection targets are checked for emptiness',
    rationale:
      'os.Getenv returns "" for an unset variable, and most clients accept an empty or partial address: sql.Open and ' +
      'pgx fall back to local defaults, http.ListenAndServe("") binds port 80, ":"+port binds a random port, and ' +
      'grpc/redis clients fail only on first use. A typo in a deployment manifest then starts a service that looks ' +
      'healthy but talks to the wrong place (or to nothing), instead of refusing to start with a clear message.',
    fix: {
      text:
        'Check the value where it is read and fail fast (or apply an explicit default): `dsn := os.Getenv("DATABASE_URL"); ' +
        'if dsn == "" { log.Fatal("DATABASE_URL is required") }`, or use os.LookupEnv.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n' +
          '\thttp.ListenAndServe(os.Getenv("LISTEN_ADDR"), nil)\n}\n',
        good:
          'package main\n\nimport (\n\t"log"\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\taddr := os.Getenv("LISTEN_ADDR")\n' +
          '\tif addr == "" {\n\t\taddr = ":8080"\n\t}\n\tlog.Fatal(http.ListenAndServe(addr, nil))\n}\n',
      },
    ],
    messages: {
      unchecked: 'os.Getenv({{key}}) reaches {{sink}} without an emptiness check: if it is unset, {{effect}}',
    },
    sources: [],
    notes:
      'Conservative by design: the value is followed within one function, through local variables, concatenation, ' +
      'fmt.Sprintf and net.JoinHostPort, into a known connection/listen call (database/sql, sqlx, pgx, ' +
      'grpc, net, net/http, go-redis, amqp, nats) or an `Addr:` field of http.Server / redis.Options. Any comparison, ' +
      'len(), switch, or call to a validating/defaulting helper on any variable of the chain (or on another os.Getenv ' +
      'of the same key) counts as a check. Nor is a value passed as read (no concatenation or formatting) to a call ' +
      'that returns an error for an empty value (net.Dial, amqp.Dial, redis.ParseURL) whose error is checked with a ' +
      'fallback: `if c, err := net.Dial("unix", os.Getenv("SSH_AUTH_SOCK")); err == nil { … }`, or an `if err != nil` ' +
      'that neither returns the error nor ends the process: the setting is optional and an unset one is handled ' +
      'right there. Values read at package level or returned from helpers are not followed. gorm drivers are not judged: ' +
      'gorm.Open pings the database unless told not to, so a missing DSN fails at start-up (blind sample of 2026-12-20).',
  },
  prefilter: ['Getenv'],
  create(ctx) {
    function sinkFor(call: Node, argIndex: number): { label: string; effect: string; failsAtCall?: boolean } | undefined {
      const r = ctx.resolveCall(call);
      if (!r?.pkg) return undefined;
      for (const s of SINKS) {
        if (s.arg === argIndex && s.pkgs.includes(r.pkg) && s.names.includes(r.name)) {
          return { label: s.label.replace('{{name}}', r.name), effect: s.effect, failsAtCall: s.failsAtCall };
        }
      }
      return undefined;
    }

    function compositeSink(lit: Node, key: string): { label: string; effect: string } | undefined {
      if (key !== 'Addr') return undefined;
      const t = lit.childForFieldName('type');
      const path = selectorPath(t);
      if (!path || path.length !== 2) return undefined;
      const pkg = ctx.imports.pathOf(path[0]!);
      if (pkg === 'net/http' && path[1] === 'Server') return { label: 'http.Server{Addr}', effect: 'the server listens on port 80 (":http") instead of the intended address' };
      if (pkg && REDIS.includes(pkg) && (path[1] === 'Options' || path[1] === 'FailoverOptions')) {
        return { label: 'redis.Options{Addr}', effect: 'the client silently connects to localhost:6379' };
      }
      return undefined;
    }

    /** Follows an expression to a sink, or to a local variable it is stored in. */
    function follow(expr: Node): { sink?: SinkHit; into?: Binding; direct?: boolean } {
      let e = expr;
      // the value reaches its destination as read (no concatenation or formatting around it)
      let direct = true;
      for (let guard = 0; guard < 12; guard++) {
        const p = e.parent;
        if (!p) return {};
        if (p.type === 'parenthesized_expression') { e = p; continue; }
        if (p.type === 'binary_expression' && p.childForFieldName('operator')?.text === '+') { e = p; direct = false; continue; }
        if (p.type === 'argument_list') {
          const call = p.parent;
          if (!call || call.type !== 'call_expression') return {};
          const idx = callArgs(call).findIndex((a) => a.id === e.id);
          const s = sinkFor(call, idx);
          if (s) return { sink: { ...s, node: call, direct } };
          if (isPassThrough(ctx, call)) { e = call; direct = false; continue; }
          return {};
        }
        if (p.type === 'literal_element' && p.parent?.type === 'keyed_element') {
          const keyed = p.parent;
          if (keyed.namedChild(1)?.id !== p.id) return {};
          const key = keyed.namedChild(0)?.text ?? '';
          const lit = keyed.parent?.parent;
          if (lit?.type !== 'composite_literal') return {};
          const s = compositeSink(lit, key);
          return s ? { sink: { ...s, node: lit } } : {};
        }
        if (p.type === 'expression_list') {
          const stmt = p.parent;
          if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement' && stmt.type !== 'var_spec')) return {};
          const values = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
          if (!values || values.id !== p.id) return {};
          const idx = p.namedChildren.findIndex((c) => c?.id === e.id);
          const left = stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : stmt.childForFieldName('left')?.namedChildren ?? [];
          const target = left[idx];
          if (!target || target.type !== 'identifier' || target.text === '_') return {};
          const b = resolveBinding(target.text, target, ctx.root);
          if (b.kind !== 'var' || !b.fn) return {};
          return { into: b, direct };
        }
        return {};
      }
      return {};
    }

    /** Whether a use of a value is a check: comparison, len(), switch tag, or a validating helper. */
    function isCheck(use: Node): boolean {
      let e = use;
      for (let guard = 0; guard < 6; guard++) {
        const p = e.parent;
        if (!p) return false;
        if (p.type === 'parenthesized_expression') { e = p; continue; }
        if (p.type === 'binary_expression') {
          const op = p.childForFieldName('operator')?.text ?? '';
          return ['==', '!=', '<', '>', '<=', '>='].includes(op);
        }
        if (p.type === 'expression_switch_statement') return p.childForFieldName('value')?.id === e.id;
        if (p.type === 'argument_list') {
          const call = p.parent;
          if (!call) return false;
          const fn = unparen(call.childForFieldName('function'));
          const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
          if (name === 'len') return true;
          if (name && CHECK_CALL.test(name)) return true;
          if (ctx.isCallTo(call, 'strings', 'TrimSpace', 'ToLower', 'ToUpper', 'Trim')) { e = call; continue; }
          return false;
        }
        return false;
      }
      return false;
    }

    function trace(getenv: Node): Flow {
      const flow: Flow = { vars: [] };
      const queue: { e: Node; direct: boolean }[] = [{ e: getenv, direct: true }];
      const seen = new Set<string>();
      while (queue.length && !flow.sink) {
        const { e, direct } = queue.shift()!;
        const r = follow(e);
        if (r.sink) { flow.sink = { ...r.sink, direct: direct && r.sink.direct }; break; }
        if (r.into) {
          const key = `${r.into.name}@${r.into.declName?.startIndex}`;
          if (seen.has(key) || flow.vars.length >= 3) continue;
          seen.add(key);
          flow.vars.push(r.into);
          for (const u of usesOf(r.into)) {
            const parent = u.parent;
            // `x = ...` on the left side is not a use of the value
            if (parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement' && parent.parent.childForFieldName('left')?.id === parent.id) continue;
            queue.push({ e: u, direct: direct && r.direct !== false });
          }
        }
      }
      return flow;
    }

    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, 'os', 'Getenv') && !ctx.isCallTo(call, 'syscall', 'Getenv')) return;
        const fn = enclosingFunction(call);
        if (!fn) return;
        const keyNode = callArgs(call)[0];
        const key = keyNode?.text ?? '';
        if (isCheck(call)) return;
        const flow = trace(call);
        if (!flow.sink) return;
        // any check on a variable of the chain
        for (const b of flow.vars) {
          for (const u of usesOf(b)) if (isCheck(u)) return;
          // `if v == "" { v = default }` is covered above; reassignment with a default also counts
          if (b.fn && b.fn.descendantsOfType('assignment_statement').some((s) => {
            const left = s?.childForFieldName('left');
            return !!left && left.namedChildren.some((n) => n?.type === 'identifier' && n.text === b.name);
          })) return;
        }
        // another os.Getenv of the same key that is checked in this function
        const outer = fn;
        const keyValue = stringValue(unparen(keyNode));
        for (const other of outer.descendantsOfType('call_expression')) {
          if (!other || other.id === call.id) continue;
          if (!ctx.isCallTo(other, 'os', 'Getenv', 'LookupEnv')) continue;
          const k = callArgs(other)[0];
          if (k && (k.text === key || (keyValue !== undefined && stringValue(unparen(k)) === keyValue)) && (isCheck(other) || ctx.isCallTo(other, 'os', 'LookupEnv'))) return;
        }
        // the value as read goes to a call that fails on an empty value, and that failure is handled there
        if (flow.sink.failsAtCall && flow.sink.direct && errorHandledWithFallback(flow.sink.node)) return;
        ctx.report({ node: call, messageId: 'unchecked', data: { key, sink: flow.sink.label, effect: flow.sink.effect } });
      },
    };
  },
});
