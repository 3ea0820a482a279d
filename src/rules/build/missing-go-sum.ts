import { defineRepoRule } from '../define-rule.js';
import { requirementsNeedingChecksum } from '../../facts/go-work.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1002',
    name: 'missing-go-sum',
    dimension: 'build',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
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
