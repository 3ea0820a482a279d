import type { Node } from 'web-tree-sitter';
import { defineRule, goVersionAtLeast, type Visitors } from '../define-rule.js';
import { callArgs, contains, enclosingFunction, FUNCTION_TYPES, intValue, outerParens, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { evalConst } from '../_shared/const-eval.js';
import { assignedFields, fieldAssignments, bindingOf, compositeIs, guardConditions, keyedFields, literalExpression, bindingPath } from '../_shared/security-helpers.js';

const WEAK_CONSTS: Record<string, string> = {
  VersionSSL30: 'SSL 3.0',
  VersionTLS10: 'TLS 1.0',
  VersionTLS11: 'TLS 1.1',
};
const WEAK_NUMS: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1' };
/** Fields only a server-side tls.Config uses. */
const SERVER_FIELDS = ['ClientCAs', 'ClientAuth', 'GetCertificate', 'GetConfigForClient', 'PreferServerCipherSuites'];

/** A guard that names the weaker protocol as a choice: `if cfg.LegacyTLS`, `if allowInsecureTLS`, `if tls10Enabled`. */
const OPT_IN = /legacy|compat|insecure|unsafe|weak|old(?:er)?.?(?:tls|clients?|protocols?)|tls.?1.?[01]\b|ssl.?3/i;

/** A positive reference to a boolean setting: `legacy`, `cfg.LDAPS.LegacyTLS`, `opts.Legacy()`, `x && y` with one. */
function isSettingFlag(cond: Node | null | undefined): boolean {
  const c = unparen(cond);
  if (!c) return false;
  if (c.type === 'identifier') return c.text !== 'true' && c.text !== 'false';
  if (c.type === 'selector_expression') return true;
  if (c.type === 'call_expression') {
    const f = unparen(c.childForFieldName('function'));
    return f?.type === 'selector_expression' && callArgs(c).length === 0;
  }
  if (c.type === 'binary_expression') {
    const op = c.childForFieldName('operator')?.text;
    const l = c.childForFieldName('left');
    const r = c.childForFieldName('right');
    if (op === '&&') return isSettingFlag(l) || isSettingFlag(r);
    if (op === '==') return (r?.text === 'true' && isSettingFlag(l)) || (l?.text === 'true' && isSettingFlag(r));
  }
  return false;
}

/** A tls.Config literal of `fn` outside `except` that sets an explicit MinVersion of TLS 1.2 or later. */
function strongConfigElsewhere(ctx: RuleContext, fn: Node, except: Node): boolean {
  for (const lit of fn.descendantsOfType('composite_literal')) {
    if (!lit || contains(except, lit) || !compositeIs(ctx, lit, 'crypto/tls', 'Config')) continue;
    const min = keyedFields(lit).get('MinVersion');
    if (min && !weakVersion(ctx, min)) return true;
  }
  return false;
}

/**
 * The guard under which a weak tls.Config literal is built only when the user opts in, or undefined: an if whose
 * condition names the weaker protocol as a choice (legacy, compat, insecure…), an if on a boolean setting whose
 * function builds a TLS >= 1.2 config on the other path (the strong config is the default, the weak one the
 * setting's), or a switch case selected by a literal value (a version name parsed from configuration).
 */
function optInGuard(ctx: RuleContext, node: Node): string | undefined {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (FUNCTION_TYPES.has(p.type)) break;
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      if (!cond || contains(cond, child)) continue;
      if (OPT_IN.test(cond.text)) return cond.text;
      const cons = p.childForFieldName('consequence');
      const fn = enclosingFunction(p);
      if (cons && contains(cons, child) && isSettingFlag(cond) && fn && strongConfigElsewhere(ctx, fn, cons)) return cond.text;
    } else if (p.type === 'expression_case') {
      const vals = p.childForFieldName('value')?.namedChildren ?? [];
      if (vals.length > 0 && vals.every((v) => !!v && /^(interpreted_string_literal|raw_string_literal|int_literal)$/.test(v.type))) return vals.map((v) => v!.text).join(', ');
    }
  }
  return undefined;
}

/** Protocol name when `v` is a TLS version below 1.2 (a crypto/tls constant or its numeric value). */
function weakVersion(ctx: RuleContext, v: Node | null | undefined): string | undefined {
  const n = unparen(v);
  if (!n) return undefined;
  if (n.type === 'selector_expression') {
    const op = unparen(n.childForFieldName('operand'));
    const f = n.childForFieldName('field')?.text;
    if (op?.type === 'identifier' && f && WEAK_CONSTS[f] && ctx.isPackageRef(op, 'crypto/tls')) return WEAK_CONSTS[f];
    return undefined;
  }
  if (n.type === 'identifier' && WEAK_CONSTS[n.text] && ctx.imports.isDotImported('crypto/tls') && !ctx.isShadowed(n.text, n)) {
    return WEAK_CONSTS[n.text];
  }
  const i = intValue(n);
  if (i !== undefined) return WEAK_NUMS[i];
  // a constant or a variable assigned once: `var lowMax uint16 = tls.VersionTLS10`, `const minTLS = 0x0301`
  const c = n.type === 'identifier' ? evalConst(ctx, n) : undefined;
  if (c?.kind === 'pkg-const' && c.pkg === 'crypto/tls') return WEAK_CONSTS[c.name];
  if (c?.kind === 'int') return WEAK_NUMS[c.value];
  return undefined;
}

export default defineRule({
  meta: {
    id: 'SEC1003',
    name: 'tls-min-version',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'TLS configuration allows TLS 1.0/1.1 (MinVersion too low or unset on a server)',
    passCriterion: 'TLS configs require TLS 1.2 or newer',
    rationale:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1/MD5 handshake signatures and CBC constructions ' +
      'with known attacks (BEAST, Lucky13), and compliance regimes (PCI DSS, FedRAMP) fail services that accept them. ' +
      'A tls.Config that pins MinVersion (or caps MaxVersion) below TLS 1.2 lets a downgrade-capable attacker or an old ' +
      'client negotiate them; before Go 1.22 a server config without MinVersion accepted TLS 1.0 by default.',
    fix: {
      text: 'Set MinVersion: tls.VersionTLS12 (or tls.VersionTLS13 when all clients support it) on every tls.Config, and ' +
        'never cap MaxVersion below TLS 1.2; on Go >= 1.22 modules the server default is already TLS 1.2.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package srv\n\nimport "crypto/tls"\n\nfunc Config(certs []tls.Certificate) *tls.Config {\n\treturn &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS10}\n}\n',
        good: 'package srv\n\nimport "crypto/tls"\n\nfunc Config(certs []tls.Certificate) *tls.Config {\n\treturn &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}\n}\n',
      },
      {
        goVersion: '1.21',
        bad: 'package srv\n\nimport (\n\t"crypto/tls"\n\t"net/http"\n)\n\nfunc Server(h http.Handler, certs []tls.Certificate) *http.Server {\n\treturn &http.Server{Handler: h, TLSConfig: &tls.Config{Certificates: certs}}\n}\n',
        good: 'package srv\n\nimport (\n\t"crypto/tls"\n\t"net/http"\n)\n\nfunc Server(h http.Handler, certs []tls.Certificate) *http.Server {\n\treturn &http.Server{Handler: h, TLSConfig: &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}}\n}\n',
      },
    ],
    messages: {
      weakMin: 'tls.Config MinVersion is {{version}}: TLS versions below 1.2 are deprecated and attackable; use tls.VersionTLS12 or later',
      weakMax: 'tls.Config MaxVersion is {{version}}: connections are capped below TLS 1.2; remove the cap or raise it',
      assignMin: '{{target}} = {{version}}: TLS versions below 1.2 are deprecated and attackable; use tls.VersionTLS12 or later',
      assignMax: '{{target}} caps connections at {{version}}, below TLS 1.2',
      serverDefault: 'server tls.Config without MinVersion accepts TLS 1.0 with this module\'s go directive (< 1.22); set MinVersion: tls.VersionTLS12',
    },
    sources: ['gosec:G402'],
    notes:
      'Go-version aware: a server-side tls.Config literal (one with ClientCAs/ClientAuth/GetCertificate/GetConfigForClient, ' +
      'put in an http.Server TLSConfig, or passed to tls.Listen/NewListener/Server) that leaves MinVersion unset is reported ' +
      '(medium) only when the module\'s go directive is below 1.22 or unknown: since Go 1.22 the server default minimum is ' +
      'TLS 1.2 (GODEBUG tls10server follows the go directive). Client configs have defaulted to TLS 1.2 since Go 1.18 and ' +
      'are not reported for a missing MinVersion. Assignments guarded by if/switch (version settings parsed from config) ' +
      'are not reported, nor are weak tls.Config literals built only when the user opts in: under an if whose condition ' +
      'names the weaker protocol as a choice (legacy, compat, insecure, tls10…), under an if on a boolean setting ' +
      '(`if cfg.LegacyTLS`) when the same function builds a TLS 1.2+ config on the other path, or in a switch case ' +
      'selected by a literal value. A weak version set without such a guard stays reported. Overlaps with the MinVersion/MaxVersion part of gosec G402.',
  },
  prefilter: ['crypto/tls'],
  create(ctx): Visitors {
    const serverDefaultOld = !goVersionAtLeast(ctx.file.goVersion, 1, 22, false);
    return {
      composite_literal(lit) {
        if (!compositeIs(ctx, lit, 'crypto/tls', 'Config')) return;
        const fields = keyedFields(lit);
        const min = fields.get('MinVersion');
        const max = fields.get('MaxVersion');
        const weakMin = weakVersion(ctx, min);
        const weakMax = weakVersion(ctx, max);
        // a weak setting the user has to ask for (`if cfg.LegacyTLS { return &tls.Config{MinVersion: tls.VersionTLS10} }`)
        const optedIn = (weakMin || weakMax) && optInGuard(ctx, literalExpression(lit)) !== undefined;
        if (weakMin && min && !optedIn) ctx.report({ node: min, messageId: 'weakMin', data: { version: weakMin } });
        if (weakMax && max && !optedIn) ctx.report({ node: max, messageId: 'weakMax', data: { version: weakMax } });
        if (min || !serverDefaultOld) return;
        if (!isServerConfig(ctx, lit, fields)) return;
        const b = bindingOf(literalExpression(lit));
        const fn = enclosingFunction(lit);
        const path = bindingPath(b);
        if (path && fn && assignedFields(fn, path, ['MinVersion']).size) return;
        ctx.report({ node: lit, messageId: 'serverDefault', severity: 'medium', confidence: 'medium' });
      },
      assignment_statement(stmt) {
        for (const { target: l, field: f, value } of fieldAssignments(stmt)) {
          if (f !== 'MinVersion' && f !== 'MaxVersion') continue;
          const version = weakVersion(ctx, value);
          if (!version || guardConditions(stmt).length > 0) continue;
          ctx.report({ node: l, messageId: f === 'MinVersion' ? 'assignMin' : 'assignMax', data: { target: l.text, version } });
        }
      },
    };
  },
});

/** Whether a tls.Config literal is (evidently) used by a server. */
function isServerConfig(ctx: RuleContext, lit: Node, fields: Map<string, Node>): boolean {
  if (SERVER_FIELDS.some((f) => fields.has(f))) return true;
  const expr = literalExpression(lit);
  if (isServerUse(ctx, expr)) return true;
  const b = bindingOf(expr);
  if (!b || b.kind !== 'var') return false;
  const fn = enclosingFunction(lit);
  if (!fn) return false;
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== b.name || id.startIndex <= b.node.endIndex) continue;
    if (isServerUse(ctx, id)) return true;
  }
  return false;
}

/** `expr` is placed in an http.Server's TLSConfig, or passed to tls.Listen/NewListener/Server. */
function isServerUse(ctx: RuleContext, expr: Node): boolean {
  const e = outerParens(expr);
  const p = e.parent;
  if (!p) return false;
  if (p.type === 'argument_list') {
    const call = p.parent;
    if (call && ctx.isCallTo(call, 'crypto/tls', 'Listen', 'NewListener', 'Server')) {
      return callArgs(call).some((a) => a.startIndex === e.startIndex);
    }
    return false;
  }
  if (p.type === 'literal_element' && p.parent?.type === 'keyed_element') {
    const key = p.parent.namedChild(0);
    if (key?.text !== 'TLSConfig' || key.startIndex === p.startIndex) return false;
    const owner = p.parent.parent?.parent;
    return !!owner && owner.type === 'composite_literal' && compositeIs(ctx, owner, 'net/http', 'Server');
  }
  if (p.type === 'expression_list' && p.parent?.type === 'assignment_statement') {
    const stmt = p.parent;
    const right = stmt.childForFieldName('right');
    if (right?.startIndex !== p.startIndex) return false;
    const left = stmt.childForFieldName('left')?.namedChildren ?? [];
    const idx = p.namedChildren.findIndex((c) => c?.startIndex === e.startIndex);
    const t = unparen(left[idx]);
    return t?.type === 'selector_expression' && t.childForFieldName('field')?.text === 'TLSConfig' && looksLikeServer(t);
  }
  return false;
}

/** `srv.TLSConfig = ...` where the operand name mentions a server (httpServer, srv, s.server). */
function looksLikeServer(sel: Node): boolean {
  const op = sel.childForFieldName('operand');
  const name = op?.type === 'selector_expression' ? op.childForFieldName('field')?.text : op?.text;
  return !!name && /(^srv$|server|^s$)/i.test(name);
}
