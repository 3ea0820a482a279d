import { defineRepoRule } from '../define-rule.js';
import { requirementsNeedingChecksum } from '../../facts/go-work.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1002',
    name: 'missing-go-sum',
    dimension: 'build',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-19',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 2 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: modules of a go.work workspace and modules whose every requirement is a local replacement (nothing to check). Reworked after the 2026-12-18 sample (requirements the workspace or a local replace provides need no go.sum), so its record restarts at 2026-12-19 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'go.mod requires modules but there is no go.sum',
    passCriterion: 'every module that requires others commits its go.sum',
    rationale:
      'go.sum pins the cryptographic hash of every module version the build uses. Without it, `go build` in a clean ' +
      'checkout fails with "missing go.sum entry" (Go 1.16+), or — with -mod=mod — silently trusts whatever the proxy ' +
      'serves: builds are neither reproducible nor verified against the checksum database.',
    fix: { text: 'Run `go mod tidy` and commit the resulting go.sum next to go.mod.', effort: 'low' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n',
        good: 'module example.com/app\n\ngo 1.22\n',
      },
    ],
    messages: { missing: 'module {{module}} requires {{count}} module(s) but has no go.sum next to its go.mod' },
    sources: [],
    notes:
      'Only requirements that need a checksum count: a requirement replaced by a local folder (go.mod or go.work ' +
      '`replace`) or provided by a module of its go.work workspace has nothing to pin, so a module whose requirements ' +
      'are all of that kind needs no go.sum.',
  },
  check(repo, ctx) {
    for (const m of repo.modules) {
      ctx.applicable();
      if (m.hasGoSum) continue;
      // nothing to pin when every requirement is a local folder (replace, go.work workspace module)
      const first = requirementsNeedingChecksum(repo, m)[0];
      if (!first) continue;
      const file = m.dir ? `${m.dir}/go.mod` : 'go.mod';
      ctx.report({
        file,
        line: first.req.line,
        messageId: 'missing',
        data: { module: m.path ?? file, count: m.mod.require.length },
      });
    }
  },
});
