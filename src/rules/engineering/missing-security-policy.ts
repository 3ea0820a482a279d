import { defineRepoRule } from '../define-rule.js';
import { securityPolicy } from '../../facts/repo-policy.js';
import { goSubject } from '../_shared/engineering-ci.js';
import { SECURITY_POLICY } from '../../facts/repo-policy.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1009',
    name: 'missing-security-policy',
    dimension: 'engineering',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-07, 2026-12-10 and 2026-12-11: 0 TP, 1 FP, 4 "nobody would act" — organisations publish ' +
      'their security policy once for every repository (a SECURITY.md in the organisation\'s .github repository, a security ' +
      'page), which a checkout of one repository cannot see; and a SECURITY.md that only links to the policy was missed.',
    title: 'No SECURITY.md: no documented way to report a vulnerability',
    passCriterion: 'a SECURITY.md (or equivalent) says how to report a vulnerability',
    rationale:
      'Without a security policy, whoever finds a vulnerability has no private channel and no idea which versions get fixes: ' +
      'reports land in public issues (a zero-day disclosure) or nowhere. GitHub shows SECURITY.md in the Security tab and ' +
      'enables private vulnerability reports around it; OpenSSF Scorecard checks for it.',
    fix: {
      text: 'Add SECURITY.md (root, .github/ or docs/) saying how to report a vulnerability privately (e-mail or GitHub private advisories), the expected response time, and which versions receive security fixes.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'SECURITY.md',
        bad: '# Security policy\n\nTODO\n',
        good: '# Security policy\n\nReport vulnerabilities privately to security@example.com. Supported versions: the latest minor release.\n',
      },
    ],
    messages: {
      none: 'no security policy (no SECURITY.md in the root, .github/ or docs/, no README section on reporting vulnerabilities): reporters have no private channel',
      empty: '{{file}} gives no way to report a vulnerability (no e-mail address, no link, no reporting instructions)',
    },
    sources: [],
    notes: 'A README section about reporting security issues that gives a channel (projects whose policy lives in an organisation-wide repository link to it there) also counts. A policy file counts when it names a channel: an e-mail address, a link (e.g. to GitHub private advisories), or instructions to report vulnerabilities; an empty or stub SECURITY.md is reported at its line 1. A policy inherited from the organisation\'s .github repository is invisible here: suppress the finding with that reason.',
  },
  requires: [SECURITY_POLICY],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    ctx.applicable();
    const policy = securityPolicy(repo);
    if (!policy) ctx.report({ file: subject.anchor, line: 1, messageId: 'none' });
    else if (!policy.hasChannel) ctx.report({ file: policy.file, line: 1, messageId: 'empty', data: { file: policy.file } });
  },
});
