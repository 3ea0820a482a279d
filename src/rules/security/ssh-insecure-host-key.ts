import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../define-rule.js';
import { blockStatements, unparen } from '../../go/ast.js';
import { compositeIs, guardConditions, keyedFields } from '../_shared/security-helpers.js';

const SSH = 'golang.org/x/crypto/ssh';
/**
 * A guard whose condition reads like an explicit opt-in: a setting named so (`if cfg.InsecureHostKey`, `if
 * skipHostKeyCheck`), or a setting compared with a value that spells "no verification" (`case opt.KnownHostsFile ==
 * "none":`, `switch mode { case "off": }`): the operator wrote that value. A `default:` branch or an `else` is not one.
 */
const OPT_IN = /insecure|skip|ignore|unsafe|no.?verify|strict.?host|(?<!!=\s*)"(?:none|off|disabled?|no|false)"(?!\s*!=)/i;

/** A func literal whose body is only `return nil`: accepts every host key. */
function acceptsAll(fn: Node | null | undefined): boolean {
  const f = unparen(fn);
  if (f?.type !== 'func_literal') return false;
  const stmts = blockStatements(f.childForFieldName('body'));
  if (stmts.length !== 1 || stmts[0]!.type !== 'return_statement') return false;
  return stmts[0]!.namedChild(0)?.text === 'nil';
}

export default defineRule({
  meta: {
    id: 'SEC1017',
    name: 'ssh-insecure-host-key',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 4 TP, 1 FP, 2 "nobody would act" of 7 judged — precision 80.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: host-key checks skipped only when the user marks a repository insecure (an opt-in), dead functions. It returns to the default set when a fresh blind record clears the bar.',
    title: 'SSH client accepts any host key (InsecureIgnoreHostKey)',
    passCriterion: 'SSH clients verify host keys (knownhosts or a pinned key), never InsecureIgnoreHostKey',
    rationale:
      'The host key is the only thing that proves an SSH client is talking to the right server. ssh.InsecureIgnoreHostKey() ' +
      '(or a HostKeyCallback that returns nil) accepts any key, so anyone who can redirect the connection — DNS, ARP, a ' +
      'compromised hop — receives the password or agent signature and every command and file, and can answer in the ' +
      'server\'s place. The connection still looks encrypted, which hides the problem.',
    fix: {
      text: 'Verify the key: knownhosts.New(path) from golang.org/x/crypto/ssh/knownhosts, or ssh.FixedHostKey(pinnedKey); ' +
        'if skipping must stay possible, put it behind an explicit, documented opt-in setting.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package deploy\n\nimport "golang.org/x/crypto/ssh"\n\nfunc Config(user string, auth ssh.AuthMethod) *ssh.ClientConfig {\n\treturn &ssh.ClientConfig{\n\t\tUser:            user,\n\t\tAuth:            []ssh.AuthMethod{auth},\n\t\tHostKeyCallback: ssh.InsecureIgnoreHostKey(),\n\t}\n}\n',
        good: 'package deploy\n\nimport (\n\t"golang.org/x/crypto/ssh"\n\t"golang.org/x/crypto/ssh/knownhosts"\n)\n\nfunc Config(user string, auth ssh.AuthMethod, knownHostsFile string) (*ssh.ClientConfig, error) {\n\tcb, err := knownhosts.New(knownHostsFile)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn &ssh.ClientConfig{User: user, Auth: []ssh.AuthMethod{auth}, HostKeyCallback: cb}, nil\n}\n',
      },
    ],
    messages: {
      ignore: 'ssh.InsecureIgnoreHostKey() accepts any server key: the connection (and its credentials) can be intercepted',
      ignoreOptIn: 'ssh.InsecureIgnoreHostKey() accepts any server key when a setting asks for it (`{{guard}}`): an explicit opt-in; keep verification the default',
      acceptAll: 'this HostKeyCallback returns nil for every key: the connection (and its credentials) can be intercepted',
    },
    sources: ['gosec:G106'],
    notes:
      'Also reported: a HostKeyCallback func literal in an ssh.ClientConfig whose body is only `return nil`. A call under ' +
      'an if/switch whose condition reads like an explicit opt-in (insecure, skip, ignore, no-verify, strict host key ' +
      'checking, or a setting compared with "none", "off", "disabled", "no" or "false") is reported with medium severity: the choice is the operator\'s, but the default should verify.',
  },
  prefilter: ['golang.org/x/crypto/ssh'],
  create(ctx): Visitors {
    const optIn = (n: Node) => guardConditions(n).find((c) => OPT_IN.test(c));
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, SSH, 'InsecureIgnoreHostKey')) return;
        const guard = optIn(call);
        if (guard) ctx.report({ node: call, messageId: 'ignoreOptIn', severity: 'medium', data: { guard: guard.replace(/\s+/g, ' ').slice(0, 60) } });
        else ctx.report({ node: call, messageId: 'ignore' });
      },
      composite_literal(lit) {
        if (!compositeIs(ctx, lit, SSH, 'ClientConfig')) return;
        const cb = keyedFields(lit).get('HostKeyCallback');
        if (cb && acceptsAll(cb)) ctx.report({ node: cb, messageId: 'acceptAll', severity: optIn(lit) ? 'medium' : undefined });
      },
    };
  },
});
