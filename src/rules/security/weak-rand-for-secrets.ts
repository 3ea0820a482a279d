import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, contains, enclosingDeclaredFunction, enclosingFunction, functionName, unparen } from '../../go/ast.js';
import { bindingOf, nameWords } from '../_shared/security-helpers.js';
import { containerReachesOutgoingRequest, valueReachesOutgoingRequest } from '../_shared/outgoing-request.js';

const RAND_PKGS = ['math/rand', 'math/rand/v2'];
/** Functions/methods that produce random values (not Seed, New*, Shuffle, Perm). */
const PRODUCERS = new Set([
  'Int', 'Intn', 'Int31', 'Int31n', 'Int63', 'Int63n', 'Uint32', 'Uint64', 'Read', 'Float32', 'Float64',
  'IntN', 'Int32', 'Int32N', 'Int64', 'Int64N', 'Uint32N', 'Uint64N', 'UintN', 'Uint', 'N',
]);
const SECRET_WORDS = new Set([
  'token', 'tokens', 'password', 'passwords', 'passwd', 'passphrase', 'pwd', 'secret', 'secrets', 'nonce', 'nonces',
  'salt', 'otp', 'csrf', 'xsrf', 'apikey', 'sessionid', 'sessionkey', 'credential', 'credentials', 'verifier', 'iv',
]);
const KEY_QUALIFIERS = new Set(['api', 'private', 'priv', 'secret', 'signing', 'encryption', 'session', 'auth', 'hmac', 'master', 'access', 'crypto', 'aes']);
/** Names that mark a non-security use even when a secret word appears (token bucket, jitter...). */
const BENIGN_WORDS = new Set([
  'jitter', 'backoff', 'shuffle', 'retry', 'sample', 'sampler', 'sampling', 'balance', 'balancer', 'pick', 'delay', 'sleep',
  'bucket', 'limiter', 'rate', 'test', 'tests', 'fake', 'mock', 'bench', 'benchmark', 'fuzz', 'weight', 'weighted', 'count',
  'len', 'length', 'size', 'index', 'idx', 'offset', 'ttl', 'timeout', 'interval', 'duration', 'lease',
  // filler mixed into a plaintext before it is encrypted: it only has to differ, not to stay secret
  'padding', 'pad', 'confounder',
]);

/**
 * Values that must be unpredictable or unique but are not secret: a per-request nonce or salt that a request
 * signature carries in clear (login;timestamp;salt;hash). Drawn for an outgoing request, they are not reported.
 */
const PUBLIC_PER_REQUEST = new Set(['nonce', 'nonces', 'salt']);

/** Secret-ish name: a secret word, `session` + id/key/token, or key qualified by api/private/... (`ignore`: words not counted) */
export function secretName(name: string, allowBareKey = false, ignore?: ReadonlySet<string>): boolean {
  const w = nameWords(name);
  if (w.some((x) => BENIGN_WORDS.has(x))) return false;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (SECRET_WORDS.has(x) && !ignore?.has(x)) return true;
    if (x === 'session' && (w[i + 1] === 'id' || w[i + 1] === 'key' || w[i + 1] === 'token' || w[i + 1] === 'secret')) return true;
    if ((x === 'key' || x === 'keys') && ((i > 0 && KEY_QUALIFIERS.has(w[i - 1]!)) || (allowBareKey && w.length <= 2))) return true;
    if (/^(priv|private|secret|api|signing|aes|hmac)keys?$/.test(x)) return true;
  }
  return false;
}

function isBenign(name: string | undefined): boolean {
  return !!name && nameWords(name).some((x) => BENIGN_WORDS.has(x));
}

export default defineRule({
  meta: {
    id: 'SEC1006',
    name: 'weak-rand-for-secrets',
    dimension: 'security',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-24',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 5 FP, 1 "nobody would act" of 8 judged — precision 28.6 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: random jitter judged by the enclosing function\'s name, padding that is then encrypted. Reworked after the 2026-12-15 sample (the value\'s destination decides, not the enclosing function\'s name; delays and padding are not secrets), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. ' +
      'Its fresh record since (the candidate draw of 2026-12-19): 1 TP, 3 FP. Reworked after the 2026-12-19 sample (a value used only as a length, capacity, repeat count or slice bound — `n := rand.Intn(4)+16; b := make([]byte, n)` with every character from crypto/rand — no longer counts as reaching the secret), so its record restarts at 2026-12-21 (blindRecordFrom; the sample labelled 2026-12-20 was drawn before this rework) and it returns to the default set when a fresh blind record clears the bar. ' +
      'Its fresh record since (the candidate draws of 2026-12-21 to 2026-12-23): 3 TP, 2 FP, 2 "nobody would act" (two of them the other lines of one password generator). Reworked after the 2026-12-23 sample (one finding per function), so its record restarts at 2026-12-24 (blindRecordFrom). Its record since (the candidate draw of 2026-12-24): 1 TP, 5 FP — names that look secret but hold a selection among configured keys, a token\'s name, a protocol session handle or a dice roll: a variable\'s name does not carry the premise.',
    title: 'math/rand used to generate a token, key, password or nonce',
    passCriterion: 'tokens, keys, passwords and nonces come from crypto/rand',
    rationale:
      'math/rand (and math/rand/v2\'s PCG and the top-level functions) is not a cryptographic generator: its state can be ' +
      'recovered from a few outputs, and math/rand seeded with time.Now() has only a few million plausible seeds. Session ' +
      'ids, reset tokens, API keys, salts or nonces drawn from it can be predicted or brute-forced by an attacker, ' +
      'turning into account takeover or broken encryption.',
    fix: {
      text: 'Use crypto/rand: rand.Read(buf) then hex/base64-encode it, rand.Text() (Go 1.24+), or rand.Int(rand.Reader, max) for ' +
        'uniform choices from an alphabet.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package auth\n\nimport "math/rand"\n\nconst letters = "abcdefghijklmnopqrstuvwxyz0123456789"\n\nfunc NewSessionToken() string {\n\tb := make([]byte, 32)\n\tfor i := range b {\n\t\tb[i] = letters[rand.Intn(len(letters))]\n\t}\n\treturn string(b)\n}\n',
        good: 'package auth\n\nimport (\n\t"crypto/rand"\n\t"encoding/hex"\n)\n\nfunc NewSessionToken() (string, error) {\n\tb := make([]byte, 32)\n\tif _, err := rand.Read(b); err != nil {\n\t\treturn "", err\n\t}\n\treturn hex.EncodeToString(b), nil\n}\n',
      },
    ],
    messages: {
      named: 'math/rand is predictable but its output becomes {{what}}; use crypto/rand for secrets',
    },
    sources: [],
    notes:
      'Unlike gosec G404 (every math/rand use), this rule reports math/rand only where the value evidently becomes a ' +
      'secret: it is bound to a variable, field or key named like a token/password/secret/nonce/salt/session id/OTP/CSRF/' +
      'API key, math/rand.Read fills a buffer named like one (a bare `key` counts there), or the value (or the variable ' +
      'or builder it is stored in, followed through assignments) reaches the result of a function named like one ' +
      '(`return string(b)` in newToken, generatePassword). The name of the function the value is drawn in does not ' +
      'count otherwise (jitter drawn inside startCloseExpiredPendingTokens is not a token), a function literal is named ' +
      'by what it is bound to, a value turned into a time.Duration (or handed to time.Sleep/a timer) is a delay, and ' +
      'padding or a confounder mixed into a plaintext that is then encrypted is not a secret. Names that also mention ' +
      'jitter, backoff, shuffling, sampling, load balancing, token buckets/rate limiters, lengths, durations or padding ' +
      'are not reported, nor are test files and test-support packages. A value used only as a size is not secret ' +
      'material either: make\'s length or capacity, the count of strings/bytes.Repeat or a slice bound, directly or ' +
      'through the variable holding it (`n := rand.Intn(4)+16; b := make([]byte, n)` decides how long the password is, ' +
      'not which characters it holds; the characters drawn into b are judged on their own). Methods on a generator bound from rand.New in the same file count as math/rand calls. ' +
      'A nonce or salt (and nothing else secret: not inside a token- or password-named function) that an outgoing ' +
      'HTTP request carries — in its header, query, form or body, directly or through a signing helper of the same ' +
      'file (a salt function stored in a field counts) — is not reported: a remote API\'s signature scheme sends it ' +
      'in clear with each request and needs it unique, not secret (blind sample 2026-12-14). Tokens and keys sent in ' +
      'a request stay reported, and so do salts that are kept (a password hash\'s salt). The secrets drawn in one ' +
      'function are one finding (one fix: crypto/rand in that function), the other places listed as related.',
  },
  prefilter: ['math/rand'],
  create(ctx): Visitors {
    const generators = new Set<string>();
    const methodCalls: Node[] = [];
    const check = (call: Node, name: string) => {
      const use = secretUse(ctx, call, name);
      if (!use) return;
      if (use.names.every((n) => !secretName(n, use.bareKey, PUBLIC_PER_REQUEST)) && sentInRequest(ctx, call, use)) return;
      // one concern per function: its math/rand values are one fix (crypto/rand in that function), however many
      // secrets they feed (blind sample of 2026-12-23: three characters classes of one password generator, three findings)
      const fn = enclosingDeclaredFunction(call);
      ctx.report({ node: call, messageId: 'named', data: { what: use.what }, ...(fn ? { concern: `fn:${fn.startIndex}` } : {}) });
    };
    return {
      call_expression(call) {
        const r = ctx.resolveCall(call);
        if (!r) return;
        if (r.pkg && RAND_PKGS.includes(r.pkg)) {
          if (r.name === 'New') {
            const b = bindingOf(call);
            if (b && b.kind !== 'key') generators.add(b.name);
          } else if (PRODUCERS.has(r.name)) check(call, r.name);
          return;
        }
        if (r.recv && PRODUCERS.has(r.name)) methodCalls.push(call);
      },
      'source_file:exit'() {
        if (!generators.size) return;
        for (const call of methodCalls) {
          const r = ctx.resolveCall(call);
          const recv = unparen(r?.recv);
          const recvName = recv?.type === 'selector_expression' ? recv.childForFieldName('field')?.text : recv?.text;
          if (r && recvName && generators.has(recvName)) check(call, r.name);
        }
      },
    };
  },
});

interface SecretUse {
  /** How the value becomes a secret, for the message. */
  what: string;
  /** The names that make it one (the variable, buffer or function). */
  names: string[];
  bareKey: boolean;
  /** The buffer math/rand.Read fills. */
  buffer?: Node;
}

/**
 * Describes how the random value becomes a secret, or undefined. The names that decide are those of what the value
 * flows into (the variable, field, key or buffer it is stored in); the name of the function it is drawn in counts
 * only when the value reaches that function's result (`return string(b)` in newSessionToken). A value drawn in a
 * function literal belongs to that literal (its bound name: getRandomInterval), not to the declared function around
 * it: jitter computed in startCloseExpiredPendingTokens is not a token. A value turned into a time.Duration is a
 * delay, whatever the names around it.
 */
function secretUse(_ctx: RuleContext, call: Node, fname: string): SecretUse | undefined {
  const declared = enclosingDeclaredFunction(call);
  const declaredName = functionName(declared);
  if (isBenign(declaredName)) return undefined;
  const recvType = declared?.type === 'method_declaration' ? declared.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text : undefined;
  if (isBenign(recvType)) return undefined;
  // the function whose result the value may become: the nearest one, a literal named by what it is bound to
  const fn = enclosingFunction(call);
  // a literal is named by what it is bound to (`getRandomInterval := func() …`)
  const fnName = fn?.type === 'func_literal' ? bindingOf(fn)?.name : functionName(fn);
  if (fn?.type === 'func_literal' && isBenign(fnName)) return undefined;
  if (becomesDuration(call)) return undefined;
  // a length, capacity or slice bound: it decides how many characters, not which (blind sample of 2026-12-19)
  if (becomesSize(call)) return undefined;
  const inSecretFn = fn && fnName && secretName(fnName) ? fnName : undefined;
  let buffer: Node | undefined;
  let carrier: Node | undefined;
  if (fname === 'Read') {
    buffer = unparen(callArgs(call)[0]) ?? undefined;
    const bufName = buffer ? lastName(buffer) : undefined;
    if (bufName && secretName(bufName, true)) {
      return { what: `the buffer ${bufName}`, names: [bufName, ...(inSecretFn ? [inSecretFn] : [])], bareKey: true, buffer };
    }
    carrier = buffer;
  } else {
    const target = valueTarget(call);
    if (target && isBenign(target.name)) return undefined;
    if (target && secretName(target.name)) return { what: target.name, names: [target.name, ...(inSecretFn ? [inSecretFn] : [])], bareKey: false };
    carrier = target?.carrier;
    if (!target && directlyReturned(call)) return inSecretFn ? { what: `the result of ${inSecretFn}`, names: [inSecretFn], bareKey: false } : undefined;
  }
  if (inSecretFn && fn && carrier && reachesResult(fn, carrier)) return { what: `the result of ${inSecretFn}`, names: [inSecretFn], bareKey: false, buffer };
  return undefined;
}

/** Expression wrappers a drawn value keeps flowing through (arithmetic, conversions, indexing, call arguments). */
const FLOW_WRAPPERS = new Set([
  'parenthesized_expression', 'binary_expression', 'unary_expression', 'index_expression', 'slice_expression', 'type_conversion_expression',
]);

/** Whether the value becomes a time.Duration (`time.Duration(f*float64(time.Minute))`, `n * time.Millisecond`, time.Sleep). */
function becomesDuration(call: Node): boolean {
  let e = call;
  for (let depth = 0; depth < 8; depth++) {
    const p = e.parent;
    if (!p) return false;
    if (p.type === 'binary_expression') {
      const other = p.childForFieldName('left')?.startIndex === e.startIndex ? p.childForFieldName('right') : p.childForFieldName('left');
      if (other && /^time\.[A-Z]\w*$/.test(unparen(other)?.text ?? '')) return true;
    }
    if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
      const callee = unparen(p.parent.childForFieldName('function'))?.text ?? '';
      if (/^time\.(Duration|Sleep|After|NewTimer|NewTicker|Tick|AfterFunc)$/.test(callee) || /\.Reset$/.test(callee)) return true;
      e = p.parent;
      continue;
    }
    if (p.type === 'type_conversion_expression' && /^time\.Duration$/.test(p.childForFieldName('type')?.text ?? '')) return true;
    if (FLOW_WRAPPERS.has(p.type)) {
      e = p;
      continue;
    }
    return false;
  }
  return false;
}

/** Calls whose argument at the given index is a count of repetitions or elements (make's length and capacity). */
const SIZE_ARGS: Record<string, number> = { make: 1, 'strings.Repeat': 1, 'bytes.Repeat': 1 };

/**
 * Whether `child` of `parent` is a size: make's length or capacity, the count of strings/bytes.Repeat, or a bound of a
 * slice expression (`b[:n]`). A value there decides how long the result is, not what it holds.
 */
function isSizeOperand(child: Node, parent: Node): boolean {
  if (parent.type === 'slice_expression') return parent.childForFieldName('operand')?.id !== child.id;
  if (parent.type !== 'argument_list' || parent.parent?.type !== 'call_expression') return false;
  const first = SIZE_ARGS[unparen(parent.parent.childForFieldName('function'))?.text ?? ''];
  if (first === undefined) return false;
  const idx = parent.namedChildren.findIndex((c) => c?.id === child.id);
  return idx >= first;
}

/** Whether the drawn value ends up as a size (through arithmetic, conversions and call arguments): `make([]byte, rand.Intn(4)+16)`. */
function becomesSize(call: Node): boolean {
  return climbsTo(call, isSizeOperand);
}

/**
 * Whether the value of `call` climbs (through FLOW_WRAPPERS and as a call argument, at most 8 steps) to a place where
 * `stop(e, parent)` holds.
 */
function climbsTo(call: Node, stop: (e: Node, parent: Node) => boolean): boolean {
  let e = call;
  for (let depth = 0; depth < 8; depth++) {
    const p = e.parent;
    if (!p) return false;
    if (stop(e, p)) return true;
    if (FLOW_WRAPPERS.has(p.type)) e = p;
    else if (p.type === 'argument_list' && p.parent?.type === 'call_expression') e = p.parent;
    else return false;
  }
  return false;
}

/** Whether identifier `id` sits in a size position (isSizeOperand) of an expression inside `within`. */
function inSizePosition(id: Node, within: Node): boolean {
  for (let c: Node = id, p = id.parent; p && c.id !== within.id; c = p, p = p.parent) {
    if (isSizeOperand(c, p)) return true;
  }
  return false;
}

/** Whether the call sits in a return statement of its function (through wrappers and call arguments). */
function directlyReturned(call: Node): boolean {
  return climbsTo(call, (_e, p) => p.type === 'return_statement' || (p.type === 'expression_list' && p.parent?.type === 'return_statement'));
}

/**
 * Whether the value held by `carrier` (a variable, or a field/element of one) reaches a result of `fn`: a return
 * statement of fn mentions its root variable or a variable assigned from it (a few steps: `s := string(b)`), or the
 * root variable is a named result and fn has a bare return.
 */
function reachesResult(fn: Node, carrier: Node): boolean {
  const root = rootName(carrier);
  if (!root) return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const names = new Set([root]);
  const own = (n: Node) => enclosingFunction(n)?.id === fn.id;
  // a carrier used as a length or bound (`make([]byte, n)`, `b[:n]`) passes on how long, not what: not a flow
  const mentions = (n: Node | null | undefined) => !!n && (n.type === 'identifier' ? names.has(n.text)
    : n.descendantsOfType('identifier').some((id) => !!id && names.has(id.text) && !encrypted(id, n) && !inSizePosition(id, n)));
  const stmts = body.descendantsOfType(['short_var_declaration', 'assignment_statement', 'var_spec']).filter((n): n is Node => !!n && own(n));
  const calls = body.descendantsOfType('call_expression').filter((n): n is Node => !!n && own(n));
  for (let round = 0; round < 4; round++) {
    const before = names.size;
    for (const stmt of stmts) {
      const right = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
      const values = (right?.type === 'expression_list' ? right.namedChildren : [right]).filter((v): v is Node => !!v && v.type !== 'comment');
      const left = (stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : stmt.childForFieldName('left')?.namedChildren ?? []).filter((t): t is Node => !!t && t.type !== 'comment');
      // `v, err := f(x)`: the value goes to v, not to the error
      const pairs: [Node, Node][] = values.length === left.length ? left.map((t, i) => [t, values[i]!]) : values.length === 1 && left.length ? [[left[0]!, values[0]!]] : [];
      for (const [t, v] of pairs) {
        if (!mentions(v)) continue;
        const n = rootName(t);
        if (n && n !== '_') names.add(n);
      }
    }
    // sb.WriteString(<value>) makes sb a carrier
    for (const c of calls) {
      const f = unparen(c.childForFieldName('function'));
      if (f?.type !== 'selector_expression' || !BUILDER_WRITES.test(f.childForFieldName('field')?.text ?? '') || !callArgs(c).some((a) => mentions(a))) continue;
      const n = rootName(f.childForFieldName('operand')!);
      if (n) names.add(n);
    }
    if (names.size === before) break;
  }
  const resultNames = new Set((fn.childForFieldName('result')?.descendantsOfType('identifier') ?? []).map((id) => id?.text));
  for (const r of body.descendantsOfType('return_statement')) {
    if (!r || !own(r)) continue;
    if (r.namedChildCount === 0) {
      if ([...names].some((n) => resultNames.has(n))) return true;
    } else if (mentions(r)) return true;
  }
  return false;
}

/** Methods that append their argument to their receiver (a strings.Builder, a bytes.Buffer). */
const BUILDER_WRITES = /^(?:Write(?:String|Byte|Rune)?|Append\w*)$/;

/** Calls that encrypt or seal their input: padding or a confounder drawn into the plaintext is not the ciphertext's secret. */
const ENCRYPTS = /^(?:encrypt|seal|wrap)|(?:Encrypt|Seal)\w*$/;

/** Whether identifier `id` (inside `within`) is an argument of an encrypting call. */
function encrypted(id: Node, within: Node): boolean {
  for (let p = id.parent; p && p.id !== within.parent?.id; p = p.parent) {
    if (p.type !== 'call_expression') continue;
    const f = unparen(p.childForFieldName('function'));
    const name = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : f?.text;
    if (name && ENCRYPTS.test(name) && !contains(unparen(p.childForFieldName('function'))!, id)) return true;
  }
  return false;
}

/** The variable at the root of `x`, `x.f`, `x[i]`, `x[:n]`, `&x`. */
function rootName(n: Node): string | undefined {
  let u = unparen(n);
  for (let depth = 0; u && depth < 8; depth++) {
    if (u.type === 'identifier') return u.text;
    if (u.type === 'selector_expression') u = unparen(u.childForFieldName('operand'));
    else if (u.type === 'index_expression' || u.type === 'slice_expression') u = unparen(u.childForFieldName('operand'));
    else if (u.type === 'unary_expression') u = unparen(u.childForFieldName('operand'));
    else return undefined;
  }
  return undefined;
}

/** Whether the random value (or the buffer it fills) is carried by an outgoing request: sent in clear, not kept secret. */
function sentInRequest(ctx: RuleContext, call: Node, use: SecretUse): boolean {
  return use.buffer ? containerReachesOutgoingRequest(ctx, use.buffer, call) : valueReachesOutgoingRequest(ctx, call);
}

/**
 * The variable/field/key the (derived) value of `expr` is stored into: its name, and the variable that then carries
 * the value (none for a key of a composite literal: the literal's own binding is not followed).
 */
function valueTarget(expr: Node): { name: string; carrier?: Node } | undefined {
  let e = expr;
  for (let depth = 0; depth < 8; depth++) {
    const p = e.parent;
    if (!p) return undefined;
    if (FLOW_WRAPPERS.has(p.type)) {
      e = p;
      continue;
    }
    if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
      e = p.parent;
      continue;
    }
    break;
  }
  const b = bindingOf(e);
  if (b) return { name: b.name, carrier: b.kind === 'var' || b.kind === 'field' ? b.node.parent?.type === 'selector_expression' ? b.node.parent : b.node : undefined };
  // s[i] = <value>
  const list = e.parent;
  const stmt = list?.parent;
  if (list?.type === 'expression_list' && stmt?.type === 'assignment_statement' && stmt.childForFieldName('right')?.startIndex === list.startIndex) {
    const idx = list.namedChildren.findIndex((c) => c?.startIndex === e.startIndex);
    const t = unparen(stmt.childForFieldName('left')?.namedChildren[idx]);
    if (t?.type === 'index_expression') {
      const op = unparen(t.childForFieldName('operand'));
      const name = op ? lastName(op) : undefined;
      return name ? { name, carrier: op! } : undefined;
    }
  }
  // sb.WriteByte(<value>): the builder carries it
  if (e.type === 'call_expression' && e.parent?.type === 'expression_statement') {
    const f = unparen(e.childForFieldName('function'));
    const recv = f?.type === 'selector_expression' ? unparen(f.childForFieldName('operand')) : null;
    const name = recv ? lastName(recv) : undefined;
    if (name && recv && rootName(recv) && BUILDER_WRITES.test(f!.childForFieldName('field')?.text ?? '')) return { name, carrier: recv };
  }
  return undefined;
}

function lastName(n: Node): string | undefined {
  const u = unparen(n);
  if (!u) return undefined;
  if (u.type === 'identifier') return u.text;
  if (u.type === 'selector_expression') return u.childForFieldName('field')?.text;
  if (u.type === 'slice_expression' || u.type === 'index_expression') return lastName(u.childForFieldName('operand')!);
  return undefined;
}
