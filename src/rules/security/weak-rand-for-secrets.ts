import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, enclosingDeclaredFunction, functionName, unparen } from '../../go/ast.js';
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
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 5 FP, 1 "nobody would act" of 8 judged — precision 28.6 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: random jitter judged by the enclosing function\'s name, padding that is then encrypted. It returns to the default set when a fresh blind record clears the bar.',
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
      'API key, math/rand.Read fills a buffer named like one (a bare `key` counts there), or the enclosing function is ' +
      'named like one (newToken, generatePassword). Names that also mention jitter, backoff, shuffling, sampling, load ' +
      'balancing, token buckets/rate limiters, lengths or durations are not reported, nor are test files and ' +
      'test-support packages. Methods on a generator bound from rand.New in the same file count as math/rand calls. ' +
      'A nonce or salt (and nothing else secret: not inside a token- or password-named function) that an outgoing ' +
      'HTTP request carries — in its header, query, form or body, directly or through a signing helper of the same ' +
      'file (a salt function stored in a field counts) — is not reported: a remote API\'s signature scheme sends it ' +
      'in clear with each request and needs it unique, not secret (blind sample 2026-12-14). Tokens and keys sent in ' +
      'a request stay reported, and so do salts that are kept (a password hash\'s salt).',
  },
  prefilter: ['math/rand'],
  create(ctx): Visitors {
    const generators = new Set<string>();
    const methodCalls: Node[] = [];
    const check = (call: Node, name: string) => {
      const use = secretUse(ctx, call, name);
      if (!use) return;
      if (use.names.every((n) => !secretName(n, use.bareKey, PUBLIC_PER_REQUEST)) && sentInRequest(ctx, call, use)) return;
      ctx.report({ node: call, messageId: 'named', data: { what: use.what } });
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

/** Describes how the random value becomes a secret, or undefined. */
function secretUse(_ctx: RuleContext, call: Node, fname: string): SecretUse | undefined {
  const fn = enclosingDeclaredFunction(call);
  const fnName = functionName(fn);
  if (isBenign(fnName)) return undefined;
  const recvType = fn?.type === 'method_declaration' ? fn.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text : undefined;
  if (isBenign(recvType)) return undefined;
  // a secret-named function counts too: a nonce drawn inside newSessionToken is part of a token
  const inSecretFn = fnName && secretName(fnName) ? [fnName] : [];
  let buffer: Node | undefined;
  if (fname === 'Read') {
    buffer = unparen(callArgs(call)[0]) ?? undefined;
    const bufName = buffer ? lastName(buffer) : undefined;
    if (bufName && secretName(bufName, true)) return { what: `the buffer ${bufName}`, names: [bufName, ...inSecretFn], bareKey: true, buffer };
  } else {
    const target = valueTarget(call);
    if (target && isBenign(target)) return undefined;
    if (target && secretName(target)) return { what: target, names: [target, ...inSecretFn], bareKey: false };
  }
  if (fnName && secretName(fnName)) return { what: `the result of ${fnName}`, names: [fnName], bareKey: false, buffer };
  return undefined;
}

/** Whether the random value (or the buffer it fills) is carried by an outgoing request: sent in clear, not kept secret. */
function sentInRequest(ctx: RuleContext, call: Node, use: SecretUse): boolean {
  return use.buffer ? containerReachesOutgoingRequest(ctx, use.buffer, call) : valueReachesOutgoingRequest(ctx, call);
}

/** Name of the variable/field/key the (derived) value of `expr` is stored into. */
function valueTarget(expr: Node): string | undefined {
  let e = expr;
  for (let depth = 0; depth < 8; depth++) {
    const p = e.parent;
    if (!p) return undefined;
    if (p.type === 'parenthesized_expression' || p.type === 'binary_expression' || p.type === 'unary_expression' ||
      p.type === 'index_expression' || p.type === 'slice_expression' || p.type === 'type_conversion_expression') {
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
  if (b) return b.name;
  // s[i] = <value>
  const list = e.parent;
  const stmt = list?.parent;
  if (list?.type === 'expression_list' && stmt?.type === 'assignment_statement' && stmt.childForFieldName('right')?.startIndex === list.startIndex) {
    const idx = list.namedChildren.findIndex((c) => c?.startIndex === e.startIndex);
    const t = unparen(stmt.childForFieldName('left')?.namedChildren[idx]);
    if (t?.type === 'index_expression') {
      const op = unparen(t.childForFieldName('operand'));
      return op ? lastName(op) : undefined;
    }
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
