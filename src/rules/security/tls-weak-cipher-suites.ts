import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { enclosingFunction, selectorPath, unparen } from '../../go/ast.js';
import { evalConst, isConstBool } from '../_shared/const-eval.js';
import { assignedValuesOf, resolveBinding } from '../_shared/security-bindings.js';
import { bindingOf, bindingPath, compositeIs, fieldAssignments, guardConditions, keyedFields, literalExpression } from '../_shared/security-helpers.js';

/**
 * Why a crypto/tls suite constant is weak, or undefined for a suite with forward secrecy and AEAD
 * (or CBC with SHA-1 MAC on ECDHE, still in Go's defaults). Names follow crypto/tls.
 */
function weakness(name: string): string | undefined {
  if (!name.startsWith('TLS_')) return undefined;
  if (/_RC4_/.test(name)) return 'RC4 is broken (RFC 7465)';
  if (/_3DES_/.test(name)) return '3DES has 64-bit blocks (Sweet32)';
  if (/_NULL_/.test(name)) return 'no encryption';
  if (/_CBC_SHA256$/.test(name)) return 'CBC with SHA-256 MAC has no constant-time implementation in Go (Lucky13)';
  if (/^TLS_RSA_WITH_/.test(name)) return 'RSA key exchange has no forward secrecy (removed from Go\'s defaults in 1.22)';
  return undefined;
}

/** Weak suites named in a `[]uint16{...}` list: [element node, constant name, reason]. */
function weakSuites(ctx: RuleContext, list: Node | null | undefined): [Node, string, string][] {
  const l = unparen(list);
  if (l?.type !== 'composite_literal') return [];
  const out: [Node, string, string][] = [];
  for (const el of l.childForFieldName('body')?.namedChildren ?? []) {
    const v = el?.type === 'literal_element' ? el.namedChild(0) : null;
    if (!v) continue;
    const c = evalConst(ctx, v);
    const name = c?.kind === 'pkg-const' && c.pkg === 'crypto/tls' ? c.name
      : v.type === 'identifier' && ctx.imports.isDotImported('crypto/tls') && !ctx.isShadowed(v.text, v) ? v.text : undefined;
    const why = name ? weakness(name) : undefined;
    if (name && why) out.push([v, name, why]);
  }
  return out;
}

/** TLS 1.3 / another version / not a constant: how a MinVersion value folds. */
function versionConst(ctx: RuleContext, v: Node | null | undefined): 'tls13' | 'other' | undefined {
  const n = unparen(v);
  if (!n) return undefined;
  if (n.type === 'identifier' && /^Version(TLS1[0-3]|SSL30)$/.test(n.text) && ctx.imports.isDotImported('crypto/tls') && !ctx.isShadowed(n.text, n)) {
    return n.text === 'VersionTLS13' ? 'tls13' : 'other';
  }
  const c = evalConst(ctx, n);
  if (c?.kind === 'pkg-const' && c.pkg === 'crypto/tls') return c.name === 'VersionTLS13' ? 'tls13' : 'other';
  if (c?.kind === 'int') return c.value === 0x0304 ? 'tls13' : 'other';
  return c ? 'other' : undefined;
}

/**
 * A TLS 1.3 default: assigned unconditionally, or under a zero-value check (`if v == 0 { v = tls.VersionTLS13 }`).
 * Under any other guard (`if fips {…}`) TLS 1.3 is the exception, not the default.
 */
function defaultingAssignment(stmt: Node): boolean {
  if (stmt.type !== 'assignment_statement') return true;
  const guards = guardConditions(stmt);
  return guards.length === 0 || guards.every((g) => /==\s*(0|nil|"")\s*$/.test(g.replace(/\)+$/, '')));
}

/**
 * Whether `v` (a MinVersion value) is TLS 1.3 or a variable/field defaulting to it in `fn`: every constant it is
 * given is tls.VersionTLS13, at least one of them as a default; other values come from configuration. Then the
 * operator has to lower the minimum on purpose for the cipher list to apply.
 */
function minIsTLS13(ctx: RuleContext, v: Node | null | undefined, fn: Node | null): boolean {
  const n = unparen(v);
  if (!n) return false;
  const direct = versionConst(ctx, n);
  if (direct) return direct === 'tls13';
  if (n.type === 'identifier') {
    const b = resolveBinding(n.text, n, ctx.root);
    if (b.kind !== 'var' || !b.fn) return false;
    const values = assignedValuesOf(b);
    let defaulted = false;
    for (const a of values) {
      if (a.op !== '=' && a.op !== ':=') return false;
      const k = versionConst(ctx, a.value);
      if (k === 'other') return false;
      if (k === 'tls13' && (a.stmt.id === b.decl?.id || defaultingAssignment(a.stmt))) defaulted = true;
    }
    return defaulted;
  }
  const path = selectorPath(n);
  return !!path && !!fn && fieldMinIsTLS13(ctx, fn, path.slice(0, -1), path[path.length - 1]!);
}

/** Assignments `<path>.<field> = …` in `fn` give TLS 1.3 as a default and no other constant. */
function fieldMinIsTLS13(ctx: RuleContext, fn: Node, path: string[], field: string): boolean {
  const want = path.join('.');
  let defaulted = false;
  for (const stmt of fn.descendantsOfType('assignment_statement')) {
    if (!stmt) continue;
    for (const a of fieldAssignments(stmt)) {
      if (a.field !== field || selectorPath(a.target.childForFieldName('operand'))?.join('.') !== want) continue;
      const k = versionConst(ctx, a.value);
      if (k === 'other') return false;
      if (k === 'tls13' && defaultingAssignment(stmt)) defaulted = true;
    }
  }
  return defaulted;
}

/**
 * Why the cipher list of this tls.Config is inert or moot, or undefined: its minimum version is TLS 1.3 (Go ignores
 * CipherSuites for TLS 1.3), or it is a client that verifies nobody (InsecureSkipVerify: true, reported by SEC1002:
 * whoever can intercept does not need a weak suite).
 */
function inert(ctx: RuleContext, lit: Node | undefined, target: string[] | undefined, fn: Node | null): boolean {
  let literal = lit;
  if (!literal && target && fn) literal = configLiteralOf(ctx, fn, target);
  if (literal) {
    const fields = keyedFields(literal);
    if (isConstBool(ctx, fields.get('InsecureSkipVerify'), true)) return true;
    const min = fields.get('MinVersion');
    if (min) return minIsTLS13(ctx, min, fn) && !(target && fn && lowered(ctx, fn, target));
  }
  if (!target || !fn) return false;
  return fieldMinIsTLS13(ctx, fn, target, 'MinVersion');
}

/** Some assignment `<target>.MinVersion = <constant below 1.3>` in `fn`. */
function lowered(ctx: RuleContext, fn: Node, target: string[]): boolean {
  const want = target.join('.');
  for (const stmt of fn.descendantsOfType('assignment_statement')) {
    for (const a of stmt ? fieldAssignments(stmt) : []) {
      if (a.field === 'MinVersion' && selectorPath(a.target.childForFieldName('operand'))?.join('.') === want && versionConst(ctx, a.value) === 'other') return true;
    }
  }
  return false;
}

/** The tls.Config literal bound to `target` (a variable or field path) in `fn`: `cfg := &tls.Config{…}`. */
function configLiteralOf(ctx: RuleContext, fn: Node, target: string[]): Node | undefined {
  const want = target.join('.');
  for (const lit of fn.descendantsOfType('composite_literal')) {
    if (!lit || !compositeIs(ctx, lit, 'crypto/tls', 'Config')) continue;
    if (boundPath(lit)?.join('.') === want) return lit;
  }
  return undefined;
}

/** The variable or field path a tls.Config literal is bound to (`cfg`, `s.tlsConf`), if any. */
function boundPath(lit: Node): string[] | undefined {
  return bindingPath(bindingOf(literalExpression(lit)));
}

export default defineRule({
  meta: {
    id: 'SEC1014',
    name: 'tls-weak-cipher-suites',
    dimension: 'security',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-19',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 4 TP, 1 FP, 1 "nobody would act" of 6 judged — precision 80.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: cipher lists that cannot take effect (a TLS 1.3 minimum ignores CipherSuites; a client that verifies nothing gains nothing from them). Reworked after the 2026-12-18 sample (inert lists are not reported), so its record restarts at 2026-12-19 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'tls.Config CipherSuites lists weak suites (RC4, 3DES, RSA key exchange, CBC-SHA256)',
    passCriterion: 'tls.Config CipherSuites lists only AEAD suites with forward secrecy',
    rationale:
      'An explicit CipherSuites list replaces Go\'s safe defaults. Listing RC4 or 3DES allows practical decryption attacks ' +
      '(RFC 7465, Sweet32); RSA key exchange (TLS_RSA_WITH_*) has no forward secrecy, so one leaked private key decrypts ' +
      'every recorded session; CBC-SHA256 suites have no constant-time implementation in Go (Lucky13). Go removed RSA key ' +
      'exchange and 3DES from its defaults (1.22, 1.23) for these reasons; a hand-written list keeps them alive. ' +
      'The list only applies to TLS 1.0–1.2 connections (TLS 1.3 suites are not configurable).',
    fix: {
      text: 'Delete the CipherSuites field to use Go\'s defaults (recommended), or keep only ECDHE suites with AES-GCM or ' +
        'ChaCha20-Poly1305 (tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, …); tls.CipherSuites() lists the ones Go deems secure.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package srv\n\nimport "crypto/tls"\n\nfunc Config() *tls.Config {\n\treturn &tls.Config{\n\t\tMinVersion: tls.VersionTLS12,\n\t\tCipherSuites: []uint16{\n\t\t\ttls.TLS_RSA_WITH_AES_128_GCM_SHA256,\n\t\t\ttls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,\n\t\t},\n\t}\n}\n',
        good: 'package srv\n\nimport "crypto/tls"\n\nfunc Config() *tls.Config {\n\treturn &tls.Config{\n\t\tMinVersion: tls.VersionTLS12,\n\t\tCipherSuites: []uint16{\n\t\t\ttls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,\n\t\t\ttls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,\n\t\t},\n\t}\n}\n',
      },
    ],
    messages: {
      weak: 'CipherSuites lists {{suite}}: {{why}}{{more}}; drop the field to use Go\'s defaults or keep only ECDHE AEAD suites',
    },
    sources: ['gosec:G402'],
    notes:
      'One finding per list, at its first weak suite (the message counts the others). Suites are recognised as crypto/tls ' +
      'constants, directly, through a constant or a variable assigned once, or dot-imported. ECDHE suites with CBC and a ' +
      'SHA-1 MAC are still in Go\'s default list and are not reported. A list is not reported when the same tls.Config\'s ' +
      'MinVersion is TLS 1.3 (Go ignores CipherSuites for TLS 1.3): the constant, or a variable or field of the same ' +
      'function whose only constant value is tls.VersionTLS13, set unconditionally or as the default of an unset ' +
      'setting (`if min == 0 { min = tls.VersionTLS13 }`; the operator must lower it on purpose), unless the config is ' +
      'lowered below TLS 1.3 later in the function. Nor when the config is a client with InsecureSkipVerify: true ' +
      '(it authenticates nobody, so a weak suite adds nothing for an attacker; SEC1002 reports the config). ' +
      'gosec G402 also reports `PreferServerCipherSuites: ' +
      'false`; that field has been ignored since Go 1.18, so goready does not.',
  },
  prefilter: ['CipherSuites'],
  create(ctx): Visitors {
    const report = (list: Node | null | undefined) => {
      const weak = weakSuites(ctx, list);
      const [first] = weak;
      if (!first) return;
      const more = weak.length > 1 ? ` (and ${weak.length - 1} more weak suite${weak.length > 2 ? 's' : ''})` : '';
      ctx.report({ node: first[0], messageId: 'weak', data: { suite: first[1], why: first[2], more } });
    };
    return {
      composite_literal(lit) {
        if (!compositeIs(ctx, lit, 'crypto/tls', 'Config')) return;
        const list = keyedFields(lit).get('CipherSuites');
        if (!list || inert(ctx, lit, boundPath(lit), enclosingFunction(lit))) return;
        report(list);
      },
      assignment_statement(stmt) {
        for (const a of fieldAssignments(stmt)) {
          if (a.field !== 'CipherSuites') continue;
          const target = selectorPath(a.target.childForFieldName('operand'));
          if (target && inert(ctx, undefined, target, enclosingFunction(stmt))) continue;
          report(a.value);
        }
      },
    };
  },
});
