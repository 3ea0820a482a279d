import { defineRepoRule } from '../define-rule.js';
import { goSumOf, parseGoSum } from '../../facts/go-sum.js';
import { isValidVersion } from '../../supply/go-version-order.js';
import { goModPath, isLocalReplacement, replacementOf } from '../_shared/supply-gomod.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1005',
    name: 'go-sum-missing-entry',
    dimension: 'supply-chain',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'go.sum has no checksum for a module that go.mod requires',
    passCriterion: 'go.sum holds a checksum for every module go.mod requires',
    rationale:
      'Every module version in go.mod must have its checksum in go.sum: without it `go build` stops with "missing go.sum ' +
      'entry" in a clean checkout (Go 1.16+), or, run with -mod=mod, fetches the module and trusts whatever the proxy ' +
      'serves at that moment — the build is not reproducible and not verified. It usually means go.mod was edited by hand ' +
      'or `go mod tidy` was not run before committing.',
    fix: { text: 'Run `go mod tidy` (or `go mod download module@version`) and commit go.sum together with go.mod.', effort: 'low' },
    examples: [
      {
        filename: 'go.sum',
        extraFiles: { 'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sync v0.7.0\n)\n' },
        bad: 'github.com/google/uuid v1.6.0 h1:aaaa=\ngithub.com/google/uuid v1.6.0/go.mod h1:bbbb=\n',
        good: 'github.com/google/uuid v1.6.0 h1:aaaa=\ngithub.com/google/uuid v1.6.0/go.mod h1:bbbb=\ngolang.org/x/sync v0.7.0 h1:cccc=\ngolang.org/x/sync v0.7.0/go.mod h1:dddd=\n',
      },
    ],
    messages: {
      missing: 'go.sum has no checksum for {{module}} {{version}}{{via}}: `go build` fails with "missing go.sum entry" in a clean checkout',
    },
    sources: [],
    notes:
      'A module counts as recorded when go.sum (or a go.work.sum at the repository root) has either its source-archive or ' +
      'its go.mod checksum. A go.mod with no go.sum at all is BLD1002 (missing-go-sum); local-directory replacements need no checksum.',
  },
  check(repo, ctx) {
    const workSumText = repo.readText('go.work.sum').text;
    const workSum = workSumText === undefined ? undefined : parseGoSum(workSumText, 'go.work.sum');
    for (const m of repo.modules) {
      if (!m.hasGoSum) continue; // BLD1002 reports a missing go.sum
      const sum = goSumOf(repo, m.dir);
      if (!sum) continue;
      ctx.applicable();
      const has = (p: string, v: string) => {
        const k = `${p}@${v}`;
        return sum.mods.has(k) || sum.zips.has(k) || !!workSum?.mods.has(k) || !!workSum?.zips.has(k);
      };
      for (const r of m.mod.require) {
        let p = r.path;
        let v = r.version;
        let via = '';
        const rep = replacementOf(m.mod, r);
        if (rep) {
          if (!rep.to.version || isLocalReplacement(rep.to.path)) continue;
          p = rep.to.path;
          v = rep.to.version;
          via = ` (replacement of ${r.path} ${r.version})`;
        }
        if (!isValidVersion(v) || has(p, v)) continue;
        ctx.report({ file: goModPath(m), line: rep ? rep.line : r.line, messageId: 'missing', data: { module: p, version: v, via } });
      }
    }
  },
});
