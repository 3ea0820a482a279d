import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { calleeName, enclosingFunction, unparen } from '../../go/ast.js';
import { isConstBool } from '../_shared/const-eval.js';
import { clientUseOfValue, clientUseOfVariable, onlyLoopbackTargets, type ClientUse } from '../_shared/tls-client-use.js';
import { bindingOf, fieldAssignments, compositeIs, guardConditions, keyedFields, literalExpression } from '../_shared/security-helpers.js';

/** A guard whose condition reads like an opt-in switch: `if cfg.Insecure`, `if skipVerify`, `case "insecure":`. */
const OPT_IN = /insecure|skip|verify|unsafe|trust|debug|dev\b|development|local|allow|self.?(cert|sign)/i;
const CUSTOM_VERIFY = ['VerifyPeerCertificate', 'VerifyConnection'];
/** Fields only a server reads: a config that sets them is a server's, where InsecureSkipVerify has no effect. */
const SERVER_ONLY = ['ClientAuth', 'ClientCAs', 'GetConfigForClient'];
/** A call that checks the peer by a key it already knows: CheckKey, VerifyFingerprint, matchPinnedKey. */
const KEY_CHECK = /^(?:check|verify|validate|match|compare)\w*(?:key|fingerprint|thumbprint|pin)s?$/i;

/**
 * Why the unverified client is not an interception risk, judged from where it goes (same file): every address
 * configured next to it is loopback (the same host or pod: no network path to intercept), or every call it is handed
 * to checks the peer against a key it already holds (the key compare is the verification).
 */
function verifiedOtherwise(ctx: RuleContext, use: ClientUse): boolean {
  if (use.calls.length > 0 && use.calls.every((c) => KEY_CHECK.test(calleeName(c) ?? ''))) return true;
  return onlyLoopbackTargets(ctx, use);
}

export default defineRule({
  meta: {
    id: 'SEC1002',
    name: 'tls-insecure-skip-verify',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 1 FP, 4 "nobody would act" of 7 judged — precision 66.7 % < 90.0 %, "nobody would act" 57.1 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: verification turned off only when the user opts in (an insecure: true setting), self health checks and same-pod reload calls. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'TLS certificate verification disabled with InsecureSkipVerify: true',
    passCriterion: 'TLS certificate verification is never disabled in shipped code',
    rationale:
      'With InsecureSkipVerify set, a TLS client accepts any certificate for any host name, so anyone on the network ' +
      'path (a compromised router, a rogue pod, a DNS spoof) can impersonate the server, read credentials and tamper ' +
      'with responses while the connection still looks encrypted. Hard-coding it usually starts as a development ' +
      'shortcut and ships to production unnoticed.',
    fix: {
      text: 'Remove InsecureSkipVerify and trust the server\'s CA through RootCAs (x509.NewCertPool + AppendCertsFromPEM); ' +
        'if skipping must stay possible, drive it from an explicit opt-in setting, or verify the peer yourself with VerifyPeerCertificate/VerifyConnection.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package client\n\nimport (\n\t"crypto/tls"\n\t"net/http"\n)\n\nfunc New() *http.Client {\n\treturn &http.Client{Transport: &http.Transport{\n\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},\n\t}}\n}\n',
        good: 'package client\n\nimport (\n\t"crypto/tls"\n\t"crypto/x509"\n\t"net/http"\n)\n\nfunc New(pool *x509.CertPool, insecure bool) *http.Client {\n\treturn &http.Client{Transport: &http.Transport{\n\t\tTLSClientConfig: &tls.Config{RootCAs: pool, InsecureSkipVerify: insecure},\n\t}}\n}\n',
      },
    ],
    messages: {
      literal: 'tls.Config sets InsecureSkipVerify: true: any certificate is accepted, so the connection can be intercepted',
      assign: '{{target}} = true disables TLS certificate verification: any certificate is accepted',
    },
    sources: ['gosec:G402'],
    notes:
      'Only the constant `true` is reported: a value taken from a variable, flag or config field is an explicit opt-in ' +
      'and is not. A `= true` guarded by an if/switch whose condition reads like an opt-in (insecure, skip, verify, debug, ' +
      'dev, local, allow, trust) is also treated as opt-in, and so is a package-level variable holding such a config ' +
      '(or a transport around it) when every use of it in the file is under such a guard (`if opts.Insecure { ' +
      'c.Transport = insecureTransport }`: the user\'s explicit `insecure: true`). Configs that install VerifyPeerCertificate or VerifyConnection ' +
      '(custom verification, pinning, SPIFFE) are not reported, nor server configs (they set ClientAuth, ClientCAs or ' +
      'GetConfigForClient; crypto/tls reads InsecureSkipVerify only in clients), nor are functions that read the peer\'s certificates from ' +
      'the connection state (`ConnectionState().PeerCertificates`): they connect to fetch and examine the certificate ' +
      '(expiry monitors, inspectors, trust-on-first-use). Where the config goes is followed within the file (through ' +
      'the transport and client literals wrapping it, local variables, struct fields, and the callers of a function ' +
      'returning it): it is not reported when every address configured next to it (a field or argument named url, ' +
      'host, addr, endpoint, server or target) is a loopback constant or the loopback default of a command-line flag ' +
      '(a reload URL of the process in the same pod: nothing crosses a network), nor when every call it is handed to ' +
      'checks the peer against a key already held (CheckKey, VerifyFingerprint: a self-ping that compares the ' +
      'server\'s published key; blind sample 2026-12-12). Test files and test-support packages are skipped. ' +
      'gosec G402 also covers weak TLS versions and cipher suites; this rule covers its InsecureSkipVerify part.',
  },
  prefilter: ['InsecureSkipVerify'],
  create(ctx): Visitors {
    const optedIn = (node: Node) => guardConditions(node).some((c) => OPT_IN.test(c));
    return {
      composite_literal(lit) {
        if (!compositeIs(ctx, lit, 'crypto/tls', 'Config')) return;
        const fields = keyedFields(lit);
        const v = unparen(fields.get('InsecureSkipVerify'));
        if (!v || !isConstBool(ctx, v, true)) return;
        if (CUSTOM_VERIFY.some((f) => fields.has(f))) return;
        if (SERVER_ONLY.some((f) => fields.has(f))) return;
        const expr = literalExpression(lit);
        if (optedIn(expr)) return;
        if (usedOnlyOptedIn(expr, optedIn)) return;
        // custom verification installed later on the same variable
        const b = bindingOf(expr);
        const fn = enclosingFunction(lit);
        if (b && b.kind !== 'key' && fn && assignsAny(fn, b.name, CUSTOM_VERIFY)) return;
        if (fn && inspectsPeerCertificates(fn)) return;
        if (verifiedOtherwise(ctx, clientUseOfValue(expr))) return;
        ctx.report({ node: v, messageId: 'literal' });
      },
      assignment_statement(stmt) {
        for (const { target: l, field, value } of fieldAssignments(stmt)) {
          if (field !== 'InsecureSkipVerify' || !isConstBool(ctx, value, true)) continue;
          if (optedIn(stmt)) continue;
          const operand = l.childForFieldName('operand');
          const fn = enclosingFunction(stmt);
          if (operand && fn && assignsAny(fn, lastName(operand), [...CUSTOM_VERIFY, ...SERVER_ONLY])) continue;
          if (fn && inspectsPeerCertificates(fn)) continue;
          const base = unparen(operand);
          if (fn && base?.type === 'identifier' && verifiedOtherwise(ctx, clientUseOfVariable(fn, base.text, stmt))) continue;
          // without type information, a field named InsecureSkipVerify may belong to the project's own
          // config struct (mapped to tls.Config elsewhere, perhaps with custom verification): medium confidence
          const known = !!operand && !!fn && knownTLSConfig(fn, operand);
          ctx.report({ node: l, messageId: 'assign', data: { target: l.text }, confidence: known ? 'high' : 'medium' });
        }
      },
    };
  },
});

/**
 * Whether the literal (possibly nested in a transport or client literal) initialises a package-level variable whose
 * every use in the file sits under an opt-in guard: argo-rollouts' `insecureTransport`, installed only
 * `if metric.Provider.Web.Insecure` (the user's `insecure: true`; blind sample 2026-12-11 judged it "nobody would act").
 * A variable never used in the file is not judged opted in.
 */
function usedOnlyOptedIn(expr: Node, optedIn: (n: Node) => boolean): boolean {
  let n: Node = expr;
  while (n.parent && ['literal_value', 'keyed_element', 'literal_element', 'composite_literal', 'unary_expression', 'expression_list'].includes(n.parent.type)) n = n.parent;
  const spec = n.parent?.type === 'var_spec' ? n.parent : undefined;
  if (!spec || spec.parent?.type !== 'var_declaration' || spec.parent.parent?.type !== 'source_file') return false;
  const names = spec.childrenForFieldName('name').filter((x): x is Node => !!x);
  if (names.length !== 1) return false;
  const name = names[0]!.text;
  const uses = spec.parent.parent.descendantsOfType('identifier').filter((id): id is Node => !!id && id.text === name && !(id.startIndex >= spec.startIndex && id.endIndex <= spec.endIndex));
  return uses.length > 0 && uses.every((u) => optedIn(u));
}

/**
 * Whether `fn` reads the peer's certificates from the connection state (`ConnectionState().PeerCertificates`):
 * the connection is made to fetch the certificate and examine it (expiry monitors, certificate inspectors,
 * trust-on-first-use pinning), which a verifying handshake would refuse for exactly the certificates of interest.
 */
function inspectsPeerCertificates(fn: Node): boolean {
  return fn.descendantsOfType('selector_expression').some((s) => s?.childForFieldName('field')?.text === 'PeerCertificates');
}

/** Whether `operand` is visibly a *tls.Config: a TLS config field, or a variable bound to a tls.Config value in `fn`. */
function knownTLSConfig(fn: Node, operand: Node): boolean {
  const name = lastName(operand);
  if (/^(TLSClientConfig|TLSConfig|TLSClientCfg|tlsConfig|tlsCfg|tlsConf)$/.test(name)) return true;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const text = fn.text;
  return new RegExp(`\\b${esc}\\s*(?::=|=)\\s*(?:&\\s*)?(?:\\w+\\.)?Config\\s*\\{|\\b${esc}\\s*(?::=|=)\\s*new\\(\\s*\\w+\\.Config\\)|\\bvar\\s+${esc}\\s+\\*?\\w+\\.Config\\b|\\b${esc}\\s*(?::=|=)\\s*[\\w.]+\\.Clone\\(\\)`).test(text);
}

function lastName(n: Node): string {
  const u = unparen(n);
  if (u?.type === 'selector_expression') return u.childForFieldName('field')?.text ?? u.text;
  return u?.text ?? '';
}

/** Whether `<...>.name.<field> = ...` or `name.<field> = ...` is assigned in `fn` for one of `fields`. */
function assignsAny(fn: Node, name: string, fields: string[]): boolean {
  for (const stmt of fn.descendantsOfType('assignment_statement')) {
    for (const t of stmt?.childForFieldName('left')?.namedChildren ?? []) {
      const u = unparen(t);
      if (u?.type !== 'selector_expression') continue;
      const f = u.childForFieldName('field')?.text;
      const op = u.childForFieldName('operand');
      if (f && fields.includes(f) && op && lastName(op) === name) return true;
    }
  }
  return false;
}
