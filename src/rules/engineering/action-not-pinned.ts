import { defineRepoRule } from '../define-rule.js';
import { ciFacts } from '../../facts/ci-config.js';
import { goSubject } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1008',
    name: 'action-not-pinned',
    dimension: 'engineering',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Third-party GitHub Action referenced by a mutable tag or branch',
    passCriterion: 'every third-party GitHub Action is pinned to a full commit SHA',
    rationale:
      'A tag like @v4 or a branch like @main can be moved by whoever controls the action\'s repository: in March 2025 the ' +
      'tj-actions/changed-files tags were repointed to a commit that dumped CI secrets into public logs of thousands of ' +
      'repositories. A full commit SHA is immutable; the CI then runs exactly the code that was reviewed.',
    fix: {
      text: 'Pin the action to a full 40-character commit SHA and keep the version in a comment (`uses: owner/action@<sha> # v1.2.3`); Dependabot and Renovate update such pins.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        bad: 'name: ci\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@v8\n',
        good: 'name: ci\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@4afd733a84b1f43292c63897423277bb7f4313a9 # v8.0.0\n',
      },
    ],
    messages: {
      action: 'third-party action {{name}} is referenced by the mutable ref "{{ref}}", not a commit SHA',
      workflow: 'reusable workflow {{name}} from another repository is referenced by the mutable ref "{{ref}}", not a commit SHA',
      noref: 'third-party action {{name}} has no @ref at all',
      docker: 'container action {{name}} is referenced by tag, not by @sha256 digest',
    },
    sources: [],
    notes:
      'One finding per `uses:` line (workflows, and the composite actions they call). Deliberately not reported: GitHub\'s own actions/* and github/* ' +
      '(the same party already runs the runner and hosts the code; OpenSSF Scorecard does flag them, pin them too if you follow Scorecard), local ' +
      'actions (./...), and references to this repository itself or to another repository of its owner (owner/repo taken from a ' +
      'github.com module path, or the organisation a vanity import host is named after: knative.dev/eventing → knative/actions; ' +
      'the same maintainers control both, so a repointed tag needs the compromise a pin would not stop). Short SHAs are not pins. ' +
      'Blind record (repositories not used in development, `node dist/scripts/blind-record.js`): 18 TP, 2 FP, 4 "nobody would act" through the draw of 2026-12-29 — precision 90.0 %, DEB 16.7 %: on by default since. The FPs were actions of the repository\'s own organisation behind a vanity import host (read since) or an old module owner (not read: such an action is reported).',
  },
  requires: [CI_FACTS],
  check(repo, ctx) {
    if (!goSubject(repo)) return;
    const ci = ciFacts(repo);
    if (!ci.configs.some((c) => c.system === 'github-actions' && c.parsed)) return;
    ctx.applicable();
    const seen = new Set<string>();
    for (const a of ci.actions) {
      if (a.pinned || a.githubOwned || a.sameRepo || a.sameOwner || a.kind === 'local') continue;
      const key = `${a.file}:${a.line}`;
      if (seen.has(key)) continue; // an anchored step aliased in several jobs
      seen.add(key);
      const name = a.kind === 'docker' ? a.uses.slice('docker://'.length) : a.uses.replace(/@[^@]*$/, '');
      const messageId = a.kind === 'docker' ? 'docker' : a.ref === undefined ? 'noref' : a.kind === 'reusable-workflow' ? 'workflow' : 'action';
      ctx.report({ file: a.file, line: a.line, messageId, data: { name, ref: a.ref ?? '' } });
    }
  },
});
