import type { Node } from 'web-tree-sitter';
import { defineRule, goVersionAtLeast, type RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, callArgs, enclosingFunction, outerParens, unparen } from '../../go/ast.js';
import { resolveBinding } from '../_shared/security-bindings.js';
import { isFailureExit } from '../_shared/failure-exit.js';

/** package path -> function name -> index of the error among the results, and what failing means. */
interface Target {
  errIndex: number; results: number; what: string; randRead?: boolean;
  /** The call's product is written into an argument (rand.Read's buffer), not returned: discarding every result still uses it. */
  fillsArgument?: boolean;
}

const JWT_PATHS = [
  'github.com/golang-jwt/jwt', 'github.com/golang-jwt/jwt/v4', 'github.com/golang-jwt/jwt/v5', 'github.com/dgrijalva/jwt-go',
  'github.com/form3tech-oss/jwt-go',
];

const TARGETS: Record<string, Record<string, Target>> = {
  'crypto/rand': {
    Read: { errIndex: 1, results: 2, what: 'the buffer may not be random (keys, tokens and nonces become predictable)', randRead: true, fillsArgument: true },
    Int: { errIndex: 1, results: 2, what: 'the number may be nil or not random', randRead: true },
    Prime: { errIndex: 1, results: 2, what: 'the prime may be nil', randRead: true },
  },
  'crypto/tls': {
    LoadX509KeyPair: { errIndex: 1, results: 2, what: 'the server runs with an empty certificate and every handshake fails' },
    X509KeyPair: { errIndex: 1, results: 2, what: 'the certificate is empty and every handshake fails' },
  },
  'crypto/x509': {
    ParseCertificate: { errIndex: 1, results: 2, what: 'a nil certificate is trusted or used' },
    ParseCertificates: { errIndex: 1, results: 2, what: 'certificates are silently dropped' },
    SystemCertPool: { errIndex: 1, results: 2, what: 'a nil pool falls back to unexpected roots or fails later' },
    ParsePKCS1PrivateKey: { errIndex: 1, results: 2, what: 'a nil key is used' },
    ParsePKCS8PrivateKey: { errIndex: 1, results: 2, what: 'a nil key is used' },
    ParseECPrivateKey: { errIndex: 1, results: 2, what: 'a nil key is used' },
    ParsePKIXPublicKey: { errIndex: 1, results: 2, what: 'a nil key is used' },
    ParseCRL: { errIndex: 1, results: 2, what: 'revocations are ignored' },
    ParseRevocationList: { errIndex: 1, results: 2, what: 'revocations are ignored' },
    CreateCertificate: { errIndex: 1, results: 2, what: 'an empty certificate is used' },
  },
  'database/sql': {
    Open: { errIndex: 1, results: 2, what: 'an unknown driver or bad DSN surfaces later as a nil-pointer panic' },
  },
  'golang.org/x/crypto/bcrypt': {
    GenerateFromPassword: { errIndex: 1, results: 2, what: 'an empty hash is stored (passwords over 72 bytes fail)' },
    CompareHashAndPassword: { errIndex: 0, results: 1, what: 'any password is accepted' },
  },
  ...Object.fromEntries(
    JWT_PATHS.map((p) => [p, {
      Parse: { errIndex: 1, results: 2, what: 'an invalid or forged token is accepted' },
      ParseWithClaims: { errIndex: 1, results: 2, what: 'an invalid or forged token is accepted' },
    }]),
  ),
};

/** How the error result is dropped, or undefined when it is kept. */
function discarded(call: Node, t: Target): 'statement' | 'blank' | undefined {
  const e = outerParens(call);
  const p = e.parent;
  if (!p) return undefined;
  if (p.type === 'expression_statement' || p.type === 'go_statement' || p.type === 'defer_statement') return 'statement';
  if (p.type === 'expression_list') {
    const stmt = p.parent;
    if (!stmt || (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration' && stmt.type !== 'var_spec')) return undefined;
    if (assignedValues(stmt).length !== 1) return undefined;
    const names = assignedNames(stmt);
    if (names.length !== t.results) return undefined;
    const target = names[t.errIndex];
    return target?.type === 'identifier' && target.text === '_' ? 'blank' : undefined;
  }
  return undefined;
}

/** The statement after `stmt` in its block. */
function nextStatement(stmt: Node): Node | undefined {
  let n = stmt.nextNamedSibling;
  while (n && n.type === 'comment') n = n.nextNamedSibling;
  return n ?? undefined;
}

/**
 * Whether dropping the error is handled on the spot:
 * - `pool, _ := x509.SystemCertPool()` followed by `if pool == nil {` (or `!= nil`): the failure's only effect, a nil
 *   value, is the next thing tested (blind sample 2026-12-13: crossplane certs.go, "continue with an empty pool");
 * - a comparison whose result is discarded right before the function fails anyway
 *   (`bcrypt.CompareHashAndPassword(dummyHash, pw); return nil, ErrUnauthenticated`): a constant-time padding call in
 *   the unknown-user branch, which can accept nothing (blind sample 2026-12-13: ntfy user/manager.go).
 */
function handledOnTheSpot(call: Node, how: 'statement' | 'blank'): boolean {
  const e = outerParens(call);
  if (how === 'statement') return e.parent?.type === 'expression_statement' && isFailureExit(nextStatement(e.parent));
  const stmt = e.parent?.parent;
  if (!stmt) return false;
  const value = assignedNames(stmt).find((n) => n.type === 'identifier' && n.text !== '_');
  const next = value && nextStatement(stmt);
  if (next?.type !== 'if_statement') return false;
  const cond = unparen(next.childForFieldName('condition'));
  if (cond?.type !== 'binary_expression' || !['==', '!='].includes(cond.childForFieldName('operator')?.text ?? '')) return false;
  const sides = [unparen(cond.childForFieldName('left'))?.text, unparen(cond.childForFieldName('right'))?.text];
  return sides.includes(value!.text) && sides.includes('nil');
}

/**
 * Whether the value the call produces is thrown away with its error (`_, _ = bcrypt.GenerateFromPassword(dummy, c)`,
 * or the call as a statement): nothing decides or stores anything from it — a hash computed on the unknown-user path
 * only to take as long as a real one (blind sample 2026-12-18: vikunja-like login, FP). Calls whose only result is the
 * error (CompareHashAndPassword, Handshake) and calls that fill an argument (rand.Read's buffer) are still judged.
 */
function productDiscarded(call: Node, how: 'statement' | 'blank', t: Target): boolean {
  if (t.results < 2 || t.fillsArgument) return false;
  if (how === 'statement') return true;
  const stmt = outerParens(call).parent?.parent;
  return !!stmt && assignedNames(stmt).every((n) => n.type === 'identifier' && n.text === '_');
}

/**
 * Whether the random number a call returns (`n, _ := rand.Int(rand.Reader, max)`) is only ever used as a duration —
 * every use sits inside a time.Duration conversion (`time.Duration(n.Int64())*time.Millisecond`): a backoff or
 * jitter, not a key, token or nonce, so a weak value protects nothing (and a nil one fails at start-up) (blind
 * sample 2026-12-18: a daemon's rate-limiter jitter, "nobody would act").
 */
function onlyADuration(ctx: RuleContext, call: Node): boolean {
  const stmt = outerParens(call).parent?.parent;
  const value = stmt && assignedNames(stmt).find((n) => n.type === 'identifier' && n.text !== '_');
  const fn = stmt && enclosingFunction(stmt);
  if (!value || !fn) return false;
  const uses = fn.descendantsOfType('identifier').filter((id): id is Node => !!id && id.text === value.text && id.startIndex > stmt.endIndex);
  return uses.length > 0 && uses.every((u) => {
    for (let p: Node | null = u.parent, i = 0; p && i < 6; p = p.parent, i++) {
      if (p.type === 'call_expression' && ctx.isCallTo(p, 'time', 'Duration')) return true;
      if (p.type === 'type_conversion_expression' && /^time\.Duration$/.test(p.childForFieldName('type')?.text ?? '')) return true;
      if (p.type.endsWith('_statement') || p.type === 'expression_list') return false;
    }
    return false;
  });
}

/** `conn` is a *tls.Conn: from tls.Client/Server/Dial..., or declared with that type. */
function isTLSConn(ctx: RuleContext, recv: Node): boolean {
  const r = unparen(recv);
  if (r?.type !== 'identifier') return false;
  const b = resolveBinding(r.text, r, ctx.root);
  if (b.typeText && /^\*?tls\.Conn$/.test(b.typeText.replace(/\s/g, '')) && ctx.imports.pathOf('tls') === 'crypto/tls') return true;
  if (b.kind !== 'var' || !b.decl) return false;
  const values = assignedValues(b.decl);
  const v = unparen(values.length === 1 ? values[0] : values[assignedNames(b.decl).findIndex((n) => n.text === r.text)]);
  return !!v && v.type === 'call_expression' && ctx.isCallTo(v, 'crypto/tls', 'Client', 'Server');
}

export default defineRule({
  meta: {
    id: 'SEC1011',
    name: 'ignored-security-error',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 4 FP, 0 "nobody would act" of 4 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: dummy bcrypt compares on the unknown-user path (timing equalisation) and nil cert pools handled on the next line. Reworked after the 2026-12-13 sample (errors handled on the next line (a nil pool replaced) and dummy compares are not reported), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 3 TP, 1 FP, 2 DEB — precision 75.0 % < 90.0 %. Reworked after the 2026-12-16 sample (errors dropped together with their value, and crypto/rand jitter, are no longer reported), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Error of a security-critical call is discarded',
    passCriterion: 'errors of security-critical calls (crypto, TLS, rand) are checked',
    rationale:
      'Some errors are the security check itself: bcrypt.CompareHashAndPassword reports a wrong password only through ' +
      'its error, jwt.Parse reports a forged or expired token the same way, a failed crypto/rand read leaves a key or ' +
      'token predictable, and an ignored tls/x509 parse error leaves a nil certificate that fails (or is trusted) much ' +
      'later. Dropping these errors turns a clean refusal into an authentication bypass or a confusing outage.',
    fix: {
      text: 'Check the error and stop on failure: `if err := bcrypt.CompareHashAndPassword(hash, pw); err != nil { return errUnauthorized }`.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package auth\n\nimport "golang.org/x/crypto/bcrypt"\n\nfunc Login(hash, pw []byte) bool {\n' +
          '\tbcrypt.CompareHashAndPassword(hash, pw)\n\treturn true\n}\n',
        good:
          'package auth\n\nimport "golang.org/x/crypto/bcrypt"\n\nfunc Login(hash, pw []byte) bool {\n' +
          '\treturn bcrypt.CompareHashAndPassword(hash, pw) == nil\n}\n',
      },
    ],
    messages: {
      ignored: 'error from {{call}} is {{how}}: if it fails, {{what}}',
    },
    sources: [],
    notes:
      'Uses the import table: crypto/rand is checked, math/rand is not. Go-version aware: from Go 1.24 crypto/rand.Read ' +
      '(and reads of the default rand.Reader) never return an error — the program crashes instead — so with a go ' +
      'directive >= 1.24 the crypto/rand calls are not reported. errcheck and gosec G104 report every unchecked error; ' +
      'this rule is limited to calls where the error is the security decision, so it claims no equivalent. Not reported ' +
      'when the drop is handled on the spot: the value result is tested against nil in the next statement, or a ' +
      'discarded comparison is followed directly by a failing return (a constant-time padding call). Nor when the value ' +
      'the call produces is discarded with its error (`_, _ = bcrypt.GenerateFromPassword(dummy, cost)` to equalise ' +
      'login timing, `_, _ = jwt.Parse(…)`): nothing is decided or stored from it; rand.Read and io.ReadFull(rand.Reader, …) ' +
      'fill their buffer argument and stay judged. Nor a crypto/rand.Int whose number is only used as a duration ' +
      '(inside time.Duration(…): a backoff jitter, not a secret).',
  },
  prefilter: ['crypto/rand', 'crypto/tls', 'crypto/x509', 'database/sql', 'bcrypt', 'jwt', 'Handshake'],
  create(ctx) {
    const randNeverFails = goVersionAtLeast(ctx.file.goVersion, 1, 24);
    const report = (call: Node, name: string, t: Target) => {
      const how = discarded(call, t);
      if (!how || handledOnTheSpot(call, how) || productDiscarded(call, how, t)) return;
      if (t.randRead && !t.fillsArgument && how === 'blank' && onlyADuration(ctx, call)) return;
      ctx.report({
        node: call,
        messageId: 'ignored',
        data: { call: name, how: how === 'blank' ? 'assigned to _' : 'discarded', what: t.what },
      });
    };
    return {
      call_expression(call) {
        const r = ctx.resolveCall(call);
        if (!r) return;
        if (r.pkg) {
          const t = TARGETS[r.pkg]?.[r.name];
          if (t) {
            if (t.randRead && randNeverFails) return;
            const short = r.pkg.split('/').filter((s) => !/^v\d+$/.test(s)).pop()!.replace(/^jwt-go$/, 'jwt');
            report(call, `${short}.${r.name}`, t);
            return;
          }
          if (r.pkg === 'io' && r.name === 'ReadFull' && !randNeverFails) {
            const src = unparen(callArgs(call)[0]);
            if (src?.type === 'selector_expression') {
              const op = unparen(src.childForFieldName('operand'));
              if (op?.type === 'identifier' && src.childForFieldName('field')?.text === 'Reader' && ctx.isPackageRef(op, 'crypto/rand')) {
                report(call, 'io.ReadFull(rand.Reader, ...)', { errIndex: 1, results: 2, what: 'the buffer may not be random (keys, tokens and nonces become predictable)', fillsArgument: true });
              }
            }
          }
          return;
        }
        if ((r.name === 'Handshake' || r.name === 'HandshakeContext') && r.recv && isTLSConn(ctx, r.recv)) {
          report(call, `(*tls.Conn).${r.name}`, { errIndex: 0, results: 1, what: 'the connection is used without a verified peer' });
        }
      },
    };
  },
});
