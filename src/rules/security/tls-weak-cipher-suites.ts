import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { unparen } from '../../go/ast.js';
import { evalConst } from '../_shared/const-eval.js';
import { compositeIs, fieldAssignments, keyedFields } from '../_shared/security-helpers.js';

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

export default defineRule({
  meta: {
    id: 'SEC1014',
    name: 'tls-weak-cipher-suites',
    dimension: 'security',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
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
      'SHA-1 MAC are still in Go\'s default list and are not reported. gosec G402 also reports `PreferServerCipherSuites: ' +
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
        report(keyedFields(lit).get('CipherSuites'));
      },
      assignment_statement(stmt) {
        for (const a of fieldAssignments(stmt)) if (a.field === 'CipherSuites') report(a.value);
      },
    };
  },
});
