import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, calleeName, enclosingDeclaredFunction, enclosingFunction, functionName, unparen } from '../../go/ast.js';
import { bindingOf, nameWords } from '../_shared/security-helpers.js';
import { outgoingRequestFlow, routeReachesRequest, type ModuleRoute } from '../_shared/outgoing-request.js';
import { REQUEST_BUILDERS } from '../../facts/code-summaries.js';

/** A digest finding that stands unless the module's request builders show the digest goes into an outgoing request. */
interface Deferred {
  line: number;
  column: number;
  data: Record<string, string>;
  /** Per digest result that does not visibly reach a request: its routes through functions of the module. */
  routes: ModuleRoute[][];
}

/** Words that put a digest into a security role. */
const SECURITY_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'signature',
  'signatures', 'sign', 'signed', 'signing', 'sig', 'credential', 'credentials', 'apikey', 'otp',
]);
/** Words that mark non-security digests: checksums, cache keys, ids, content addressing. */
const BENIGN_WORDS = new Set([
  'checksum', 'checksums', 'etag', 'cache', 'cached', 'fingerprint', 'uuid', 'guid', 'dedup', 'shard', 'bucket',
  'content', 'file', 'blob', 'layer', 'chunk', 'etags',
]);
const SIGNERS: Record<string, string[]> = {
  'crypto/rsa': ['SignPKCS1v15', 'SignPSS', 'VerifyPKCS1v15', 'VerifyPSS'],
};
const WEAK_SIG_ALGS = new Set(['MD2WithRSA', 'MD5WithRSA', 'SHA1WithRSA', 'DSAWithSHA1', 'ECDSAWithSHA1']);

function wordsOf(names: string[]): string[] {
  return names.flatMap((n) => nameWords(n));
}

function securityWord(names: string[]): string | undefined {
  const w = wordsOf(names);
  if (w.some((x) => BENIGN_WORDS.has(x))) return undefined;
  return w.find((x) => SECURITY_WORDS.has(x));
}

/** Identifier and field names mentioned in an expression. */
function namesIn(expr: Node | null | undefined): string[] {
  const e = unparen(expr);
  if (!e) return [];
  const out: string[] = [];
  if (e.type === 'identifier' || e.type === 'field_identifier') out.push(e.text);
  for (const n of e.descendantsOfType(['identifier', 'field_identifier'])) if (n) out.push(n.text);
  return out;
}

export default defineRule({
  meta: {
    id: 'SEC1007',
    name: 'weak-crypto',
    dimension: 'security',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 3 "nobody would act" of 6 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: digests a third-party API mandates for request signing (the client cannot choose the algorithm). Reworked after the 2026-12-14 sample (digests that only sign an outgoing request are no longer reported: its 2 FP and 2 DEB there), so its record restarts (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 0 TP, 4 FP, 2 DEB — no judged finding was acted on. Reworked after the 2026-12-16 sample (digests passed to a project-local request builder (one level, through a serializer) count as outgoing-request signing), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Broken cipher (DES/RC4) or MD5/SHA-1 used for passwords, tokens or signatures',
    passCriterion: 'no DES/RC4, and no MD5/SHA-1 for passwords, tokens or signatures',
    rationale:
      'DES keys are brute-forced in hours, 3DES is vulnerable to Sweet32 and RC4 has exploitable keystream biases, so data ' +
      'they protect should be considered readable. MD5 and SHA-1 have practical collisions (forged certificates, SHAttered) ' +
      'and, like any fast hash, let GPUs test billions of password guesses per second: used for password storage, ' +
      'token derivation or signatures they give attackers a direct way in.',
    fix: {
      text: 'Use AES-GCM or ChaCha20-Poly1305 instead of DES/3DES/RC4; hash passwords with bcrypt, scrypt or argon2id; use ' +
        'SHA-256 or better for signatures and token derivation (HMAC-SHA256 for keyed digests).',
      effort: 'medium',
    },
    examples: [
      {
        bad: 'package users\n\nimport (\n\t"crypto/md5"\n\t"encoding/hex"\n)\n\nfunc HashPassword(password string) string {\n\tsum := md5.Sum([]byte(password))\n\treturn hex.EncodeToString(sum[:])\n}\n',
        good: 'package users\n\nimport "golang.org/x/crypto/bcrypt"\n\nfunc HashPassword(password string) ([]byte, error) {\n\treturn bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)\n}\n',
      },
      {
        bad: 'package legacy\n\nimport (\n\t"crypto/cipher"\n\t"crypto/des"\n)\n\nfunc Block(key []byte) (cipher.Block, error) {\n\treturn des.NewTripleDESCipher(key)\n}\n',
        good: 'package legacy\n\nimport (\n\t"crypto/aes"\n\t"crypto/cipher"\n)\n\nfunc Block(key []byte) (cipher.Block, error) {\n\treturn aes.NewCipher(key)\n}\n',
      },
      {
        bad: 'package etag\n\nimport (\n\t"crypto/sha1"\n\t"encoding/hex"\n)\n\nfunc Token(secret string) string {\n\th := sha1.Sum([]byte(secret))\n\treturn hex.EncodeToString(h[:])\n}\n',
        good: 'package etag\n\nimport (\n\t"crypto/sha1"\n\t"encoding/hex"\n)\n\n// A content checksum is not a security use.\nfunc ETag(body []byte) string {\n\th := sha1.Sum(body)\n\treturn hex.EncodeToString(h[:])\n}\n',
      },
    ],
    messages: {
      cipher: '{{pkg}}.{{name}} uses a broken cipher ({{algo}}); use AES-GCM or ChaCha20-Poly1305',
      digest: '{{algo}} used in a security context ({{why}}): it is broken for {{use}}; use {{instead}}',
      signature: '{{algo}} signature: collisions make {{algo}} signatures forgeable; use SHA-256 or better',
    },
    sources: ['gosec:G405'],
    notes:
      'DES, 3DES and RC4 ciphers are always reported. MD5/SHA-1 are reported only in a security context: the digest input, ' +
      'the variable it is stored in, what is written into a hash.Hash, or the enclosing function mention a password, ' +
      'secret, token, signature or credential; or crypto.MD5/crypto.SHA1 is passed to rsa.Sign*/Verify*, or an x509 ' +
      'certificate template uses an MD5/SHA-1 signature algorithm. Checksums, ETags, cache keys, ids and content ' +
      'addressing are not reported, nor is HMAC-MD5/HMAC-SHA1 (hmac.New(sha1.New, k)), PBKDF2 or OAEP with SHA-1, ' +
      'which remain unbroken. Not reported either when the digest only verifies an existing value of a legacy format ' +
      'whose strong alternative the same function also supports: its result is only compared (==, !=, ' +
      'subtle.ConstantTimeCompare, hmac.Equal, bytes.Equal, possibly after hex/base64 encoding) and the function also ' +
      'calls bcrypt, scrypt, argon2 or pbkdf2 (password formats) or SHA-256/SHA-512 — htpasswd\'s {SHA} entries next ' +
      'to bcrypt ones: the operator chose the format, the code only stays compatible (blind sample 2026-12-12). A weak ' +
      'digest that is stored or returned is still reported. Nor when the digest signs or authenticates an outgoing ' +
      'request to a remote API: every digest it yields flows into an HTTP request the code builds (header, query, form ' +
      'or a body serialized from it; net/http NewRequest*/Get/Post/PostForm/Head or a request variable) in the same ' +
      'function or across at most two calls between functions of the file (a signing helper returning the digest or ' +
      'writing it into the url.Values it is given) — MD5(query+secret) or SHA1(login;timestamp;salt;key;body) is what ' +
      'the remote server verifies, the client cannot choose another algorithm (blind sample 2026-12-14: 0 of 4 acted ' +
      'on). A request built through a project helper counts too: a function of another package of the module whose own body builds an ' +
      'http.Request with net/http NewRequest* from the parameter the digest is given to (`request.New(method, uri, body, headers)`; ' +
      'the package model of the module\'s request builders, one level deep), also after one serializer of the module whose ' +
      'result its body computes from that parameter with standard encoders (`request.New(m, uri, request.MarshalJSON(data))`); a digest kept in a field of the receiver is followed to ' +
      'the reads of that field later in the same method (blind sample 2026-12-18: 2 FP). The same digest in a response, a cookie, an incoming request or storage stays reported. Unlike gosec G401/G501-G505 this is not an import check. Test files and test-support ' +
      'packages are skipped.',
  },
  prefilter: ['crypto/md5', 'crypto/sha1', 'crypto/des', 'crypto/rc4', 'crypto/rsa', 'crypto/x509'],
  requires: [REQUEST_BUILDERS],
  finish(facts, report, repo) {
    const model = repo.fact(REQUEST_BUILDERS);
    for (const f of facts) {
      const d = f.data as Deferred;
      if (d.routes.every((routes) => routeReachesRequest(model, routes))) continue;
      report({ file: f.file.path, line: d.line, column: d.column, messageId: 'digest', data: d.data });
    }
  },
  create(ctx): Visitors {
    return {
      call_expression(call) {
        if (ctx.isCallTo(call, 'crypto/des', 'NewCipher', 'NewTripleDESCipher')) {
          const name = ctx.resolveCall(call)?.name ?? 'NewCipher';
          ctx.report({ node: call, messageId: 'cipher', data: { pkg: 'des', name, algo: name === 'NewCipher' ? 'DES' : '3DES' }, confidence: 'high' });
          return;
        }
        if (ctx.isCallTo(call, 'crypto/rc4', 'NewCipher')) {
          ctx.report({ node: call, messageId: 'cipher', data: { pkg: 'rc4', name: 'NewCipher', algo: 'RC4' }, confidence: 'high' });
          return;
        }
        for (const [pkg, names] of Object.entries(SIGNERS)) {
          if (!ctx.isCallTo(call, pkg, ...names)) continue;
          for (const a of callArgs(call)) {
            const algo = weakCryptoHash(ctx, a);
            if (algo) ctx.report({ node: a, messageId: 'signature', data: { algo } });
          }
          return;
        }
        const md5 = ctx.isCallTo(call, 'crypto/md5', 'New', 'Sum');
        const sha1 = !md5 && ctx.isCallTo(call, 'crypto/sha1', 'New', 'Sum');
        if (!md5 && !sha1) return;
        const algo = md5 ? 'MD5' : 'SHA-1';
        const why = digestContext(ctx, call);
        if (!why) return;
        if (legacyFormatCheck(ctx, call)) return;
        const outgoing = signsOutgoingRequest(ctx, call);
        if (outgoing === true) return;
        const password = /pass|pwd|\bpw\b/i.test(why);
        const data = {
          algo,
          why,
          use: password ? 'password hashing (fast and collision-prone)' : 'security purposes (practical collisions)',
          instead: password ? 'bcrypt, scrypt or argon2id' : 'SHA-256 or HMAC-SHA256',
        };
        if (outgoing) {
          // decided in finish, once the module's request builders are known
          ctx.emit({ line: call.startPosition.row + 1, column: call.startPosition.column + 1, data, routes: outgoing } satisfies Deferred);
          return;
        }
        ctx.report({ node: call, messageId: 'digest', data });
      },
      keyed_element(el) {
        // x509.Certificate{SignatureAlgorithm: x509.SHA1WithRSA}
        const key = el.namedChild(0);
        const keyInner = key?.type === 'literal_element' ? key.namedChild(0) : key;
        if (keyInner?.text !== 'SignatureAlgorithm') return;
        const v = el.namedChild(1);
        const val = unparen(v?.type === 'literal_element' ? v.namedChild(0) : v);
        if (val?.type !== 'selector_expression') return;
        const op = unparen(val.childForFieldName('operand'));
        const f = val.childForFieldName('field')?.text;
        if (!f || !WEAK_SIG_ALGS.has(f) || op?.type !== 'identifier' || !ctx.isPackageRef(op, 'crypto/x509')) return;
        ctx.report({ node: val, messageId: 'signature', data: { algo: f.includes('MD') ? 'MD5' : 'SHA-1' } });
      },
    };
  },
});

/** crypto.MD5 / crypto.SHA1 (or MD4/MD5SHA1) as an expression. */
function weakCryptoHash(ctx: RuleContext, e: Node): string | undefined {
  const u = unparen(e);
  if (u?.type !== 'selector_expression') return undefined;
  const op = unparen(u.childForFieldName('operand'));
  const f = u.childForFieldName('field')?.text;
  if (op?.type !== 'identifier' || !ctx.isPackageRef(op, 'crypto')) return undefined;
  if (f === 'MD5' || f === 'MD4') return f;
  if (f === 'SHA1') return 'SHA-1';
  return undefined;
}

/** Why a md5/sha1 New/Sum call is security-relevant, or undefined when it looks like a checksum. */
function digestContext(ctx: RuleContext, call: Node): string | undefined {
  const decl = enclosingDeclaredFunction(call);
  const fnName = functionName(decl);
  const fnWords = fnName ? nameWords(fnName) : [];
  if (fnWords.some((w) => BENIGN_WORDS.has(w))) return undefined;
  const name = ctx.resolveCall(call)?.name;
  const bound = bindingOf(call);
  const boundName = bound && bound.kind !== 'key' ? bound.name : bound?.name;
  if (boundName && wordsOf([boundName]).some((w) => BENIGN_WORDS.has(w))) return undefined;
  // inputs: Sum(x) argument, or what is written into the hash.Hash
  let inputs: string[] = [];
  if (name === 'Sum') inputs = namesIn(callArgs(call)[0]);
  else if (bound && bound.kind === 'var') {
    const fn = enclosingFunction(call);
    if (fn) inputs = writtenInto(ctx, fn, bound.name, bound.node.endIndex);
  }
  const viaInput = securityWord(inputs);
  if (viaInput) return `input ${inputs.find((n) => nameWords(n).includes(viaInput)) ?? viaInput}`;
  if (boundName) {
    const w = securityWord([boundName]);
    if (w) return `stored in ${boundName}`;
  }
  if (fnName) {
    const w = securityWord([fnName]);
    if (w) return `in ${fnName}`;
  }
  return undefined;
}

/** Names written into hash `h` after `after`: h.Write(x), io.WriteString(h, x), fmt.Fprint*(h, ...). */
function writtenInto(ctx: RuleContext, fn: Node, h: string, after: number): string[] {
  const out: string[] = [];
  for (const c of fn.descendantsOfType('call_expression')) {
    if (!c || c.startIndex < after) continue;
    const args = callArgs(c);
    const f = unparen(c.childForFieldName('function'));
    if (f?.type === 'selector_expression') {
      const op = unparen(f.childForFieldName('operand'));
      const m = f.childForFieldName('field')?.text;
      if (op?.type === 'identifier' && op.text === h && (m === 'Write' || m === 'WriteString')) {
        out.push(...namesIn(args[0]));
        continue;
      }
    }
    const first = unparen(args[0]);
    if (first?.type === 'identifier' && first.text === h &&
      (ctx.isCallTo(c, 'io', 'WriteString') || ctx.isCallTo(c, 'fmt', 'Fprint', 'Fprintf', 'Fprintln'))) {
      for (const a of args.slice(1)) out.push(...namesIn(a));
    }
  }
  return out;
}

/** Packages whose use next to a weak digest shows the strong alternative of the format is supported too. */
const STRONG_ALTERNATIVES = [
  'golang.org/x/crypto/bcrypt', 'golang.org/x/crypto/scrypt', 'golang.org/x/crypto/argon2', 'golang.org/x/crypto/pbkdf2',
  'crypto/sha256', 'crypto/sha512', 'crypto/pbkdf2',
];
/** Calls that compare their arguments. */
const COMPARE_CALLS = /^(?:ConstantTimeCompare|Equal|EqualFold|Compare)$/;
const MAX_CLIMB = 6;

/**
 * Whether the md5/sha1 call only verifies a stored value of a legacy format: every result of the digest (the Sum
 * call, or `h.Sum(…)` of the hash it creates) ends in a comparison, and the enclosing function also calls a strong
 * alternative (bcrypt, scrypt, argon2, pbkdf2, SHA-256/512) — the format is the operator's choice, the code stays
 * compatible with it.
 */
function legacyFormatCheck(ctx: RuleContext, call: Node): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  const strong = fn.descendantsOfType('call_expression').some((c) => {
    if (!c) return false;
    const f = unparen(c.childForFieldName('function'));
    const op = f?.type === 'selector_expression' ? unparen(f.childForFieldName('operand')) : null;
    return op?.type === 'identifier' && STRONG_ALTERNATIVES.some((p) => ctx.isPackageRef(op, p));
  });
  if (!strong) return false;
  const results = digestResults(ctx, fn, call);
  return results.length > 0 && results.every((r) => onlyCompared(fn, r, 0));
}

/** The digests a md5/sha1 call yields: the Sum call itself, or `h.Sum(…)` of the hash.Hash a New call creates. */
function digestResults(ctx: RuleContext, fn: Node, call: Node): Node[] {
  if (ctx.resolveCall(call)?.name !== 'New') return [call];
  const b = bindingOf(call);
  if (b?.kind !== 'var') return [];
  return fn.descendantsOfType('call_expression').filter((c): c is Node => {
    const f = c ? unparen(c.childForFieldName('function')) : null;
    return f?.type === 'selector_expression' && f.childForFieldName('field')?.text === 'Sum' && unparen(f.childForFieldName('operand'))?.text === b.name;
  });
}

/**
 * Whether the digest signs or authenticates an outgoing request to a remote API: every digest it yields flows into
 * the request (header, query, form or serialized body) in this function or the file's functions around it. The
 * server that verifies it fixed the algorithm (MD5(query+secret), SHA1 of login;timestamp;salt;key;body): the client
 * cannot choose SHA-256, and nothing of its own is protected by the digest. True when it visibly does; for the
 * digests that are instead given to functions of another package of the module, the calls they are given to (one list
 * per such digest: the package model decides whether one builds a request from that argument); false otherwise.
 */
function signsOutgoingRequest(ctx: RuleContext, call: Node): boolean | ModuleRoute[][] {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  const results = digestResults(ctx, fn, call);
  if (!results.length) return false;
  const pending: ModuleRoute[][] = [];
  for (const r of results) {
    const flow = outgoingRequestFlow(ctx, r);
    if (flow.reached) continue;
    if (!flow.routes.length) return false;
    pending.push(flow.routes);
  }
  return pending.length ? pending : true;
}

/** Whether the value of `expr` only reaches comparisons: through encodings, conversions, slicing and one local variable. */
function onlyCompared(fn: Node, expr: Node, depth: number): boolean {
  if (depth > MAX_CLIMB) return false;
  let e: Node = expr;
  for (let i = 0; i < MAX_CLIMB; i++) {
    const p = e.parent;
    if (!p) return false;
    if (p.type === 'parenthesized_expression' || p.type === 'slice_expression') {
      e = p;
      continue;
    }
    if (p.type === 'binary_expression') {
      const op = p.childForFieldName('operator')?.text;
      return op === '==' || op === '!=';
    }
    if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
      if (COMPARE_CALLS.test(calleeName(p.parent) ?? '')) return true;
      e = p.parent; // string(x), hex.EncodeToString(x), base64.StdEncoding.EncodeToString(x)
      continue;
    }
    if (p.type === 'type_conversion_expression') {
      e = p;
      continue;
    }
    const b = bindingOf(e);
    if (b?.kind !== 'var') return false;
    const uses = fn.descendantsOfType('identifier').filter((id): id is Node => !!id && id.text === b.name && id.startIndex > b.node.endIndex);
    return uses.length > 0 && uses.every((u) => onlyCompared(fn, u, depth + 1));
  }
  return false;
}

