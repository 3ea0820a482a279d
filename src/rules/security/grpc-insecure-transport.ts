import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, enclosingFunction } from '../../go/ast.js';
import { classifyAddr, knownString } from '../_shared/obs-strings.js';
import { guardConditions } from '../_shared/security-helpers.js';

const GRPC = 'google.golang.org/grpc';
const INSECURE = 'google.golang.org/grpc/credentials/insecure';
/** Packages offering transport security: importing one means the file can choose TLS (a configurable choice). */
const SECURE_CREDENTIALS = [
  'google.golang.org/grpc/credentials', 'google.golang.org/grpc/credentials/alts', 'google.golang.org/grpc/credentials/google',
  'google.golang.org/grpc/credentials/tls/certprovider', 'google.golang.org/grpc/credentials/xds', 'github.com/spiffe/go-spiffe/v2/spiffegrpc/grpccredentials',
];
/** Dial targets that never leave the host or the process. */
const LOCAL_TARGET = /^(unix:|unix-abstract:|passthrough:\/*bufnet|bufnet|bufconn|localhost|127\.|\[::1\]|passthrough:\/*(localhost|127\.))/i;

/** The dial call in the same function whose options include `opt` (or any dial when unsure): its target argument. */
function dialTarget(ctx: RuleContext, opt: Node): Node | undefined {
  for (let p: Node | null = opt.parent; p && p.type !== 'function_declaration' && p.type !== 'method_declaration'; p = p.parent) {
    if (p.type === 'call_expression' && ctx.isCallTo(p, GRPC, 'Dial', 'DialContext', 'NewClient')) {
      return callArgs(p)[ctx.isCallTo(p, GRPC, 'DialContext') ? 1 : 0];
    }
  }
  const fn = enclosingFunction(opt);
  const dials = (fn?.descendantsOfType('call_expression') ?? []).filter((c): c is Node => !!c && ctx.isCallTo(c, GRPC, 'Dial', 'DialContext', 'NewClient'));
  if (dials.length !== 1) return undefined;
  return callArgs(dials[0]!)[ctx.isCallTo(dials[0]!, GRPC, 'DialContext') ? 1 : 0];
}

/**
 * Whether the function dials through its own dialer (grpc.WithContextDialer/WithDialer: unix sockets, vsock, in-memory
 * pipes) or names a localhost authority — the usual shape of a connection to a local daemon or plugin socket.
 */
function localDialer(ctx: RuleContext, opt: Node): boolean {
  const fn = enclosingFunction(opt);
  for (const c of fn?.descendantsOfType('call_expression') ?? []) {
    if (!c) continue;
    if (ctx.isCallTo(c, GRPC, 'WithContextDialer', 'WithDialer')) return true;
    if (ctx.isCallTo(c, GRPC, 'WithAuthority') && /^"localhost"$/.test(callArgs(c)[0]?.text ?? '')) return true;
  }
  return false;
}

function localTarget(ctx: RuleContext, target: Node | undefined): boolean {
  if (!target) return false;
  const s = knownString(ctx, target);
  if (s && LOCAL_TARGET.test(s.prefix)) return true;
  return classifyAddr(ctx, target).cls === 'loopback';
}

export default defineRule({
  meta: {
    id: 'SEC1018',
    name: 'grpc-insecure-transport',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind judgement on 30 real repositories (every finding judged): 0 of 2 findings true, 1 false and 1 that nobody ' +
      'would act on. The false one appended dial options from the configuration after insecure.NewCredentials() (a ' +
      'library\'s TLS options, which win when TLS is enabled) — a later option in another package is not visible to ' +
      'this file-local check; the other was a developer CLI dialing in plaintext.',
    title: 'gRPC connection or server hard-wired to plaintext (insecure credentials)',
    passCriterion: 'gRPC servers and clients use TLS credentials (or plaintext is a configurable choice, not hard-wired)',
    rationale:
      'grpc.WithInsecure() and insecure.NewCredentials() send every RPC — tokens in metadata included — in clear text and ' +
      'authenticate neither side: anyone on the path can read, replay or alter calls. Hard-wired (no TLS alternative in ' +
      'the code), the only protection left is the network, which in a cluster usually means every other pod.',
    fix: {
      text: 'Use TLS: grpc.WithTransportCredentials(credentials.NewTLS(tlsConfig)) for clients and ' +
        'grpc.Creds(credentials.NewTLS(tlsConfig)) for servers (or mTLS through a service mesh you can point to); keep ' +
        'plaintext only for loopback/unix-socket targets or behind an explicit opt-in setting.',
      effort: 'medium',
    },
    examples: [
      {
        bad: 'package client\n\nimport (\n\t"google.golang.org/grpc"\n\t"google.golang.org/grpc/credentials/insecure"\n)\n\nfunc Dial(target string) (*grpc.ClientConn, error) {\n\treturn grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))\n}\n',
        good: 'package client\n\nimport (\n\t"crypto/tls"\n\n\t"google.golang.org/grpc"\n\t"google.golang.org/grpc/credentials"\n)\n\nfunc Dial(target string, cfg *tls.Config) (*grpc.ClientConn, error) {\n\treturn grpc.NewClient(target, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))\n}\n',
      },
    ],
    messages: {
      insecure: '{{call}} makes this gRPC {{side}} plaintext with no TLS alternative in the file: RPCs and their credentials travel unencrypted and unauthenticated',
    },
    sources: [],
    notes:
      'Not reported: a target that is visibly local (unix:, bufconn, localhost, 127.x, ::1), or a function that dials ' +
      'through its own dialer (grpc.WithContextDialer/WithDialer: daemon and plugin sockets) or with the authority ' +
      '"localhost"; a call under an if/switch ' +
      '(plaintext chosen by configuration); files that import a TLS-capable credentials package (grpc/credentials, alts, ' +
      'google, xds, spiffe), where the choice is configurable. Test files and test-support packages are skipped.',
  },
  prefilter: ['WithInsecure', 'credentials/insecure'],
  create(ctx): Visitors {
    if (SECURE_CREDENTIALS.some((p) => ctx.imports.has(p))) return {};
    return {
      call_expression(call) {
        const legacy = ctx.isCallTo(call, GRPC, 'WithInsecure');
        if (!legacy && !ctx.isCallTo(call, INSECURE, 'NewCredentials')) return;
        if (guardConditions(call).length > 0) return;
        if (localTarget(ctx, dialTarget(ctx, call)) || localDialer(ctx, call)) return;
        const server = call.parent?.parent?.type === 'call_expression' && ctx.isCallTo(call.parent.parent, GRPC, 'Creds');
        ctx.report({
          node: call, messageId: 'insecure',
          data: { call: legacy ? 'grpc.WithInsecure()' : 'insecure.NewCredentials()', side: server ? 'server' : 'connection' },
        });
      },
    };
  },
});
