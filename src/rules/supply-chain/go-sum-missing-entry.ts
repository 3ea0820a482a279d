import { defineRepoRule } from '../define-rule.js';
import { goSumOf, parseGoSum } from '../../facts/go-sum.js';
import { isValidVersion } from '../../supply/go-version-order.js';
import { requirementsNeedingChecksum, workspaceOf, workSumOf } from '../../facts/go-work.js';
import { goModPath } from '../_shared/supply-gomod.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1005',
    name: 'go-sum-missing-entry',
    dimension: 'supply-chain',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-29',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 12 FP, 0 "nobody would act" of 12 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: requirements on modules of the go.work workspace (resolved to their folders, never checksummed) reported as missing from go.sum. Reworked after the 2026-12-18 sample (workspace `use` folders and local replacements need no checksum), so its record restarts at 2026-12-19 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar. Its record since 2026-12-19: 0 TP, 2 FP, 2 "nobody would act" — the draw of 2026-12-28 found a go.work replacement whose checksum is in the root module\'s go.sum, which workspace mode reads for every member module, reported once per member. Reworked after it (in workspace mode the go.sum of every module the workspace uses counts), so its record restarts at 2026-12-29 (blindRecordFrom).',
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
      'A module counts as recorded when go.sum (or a go.work.sum at the repository root or next to the module\'s go.work) has either its source-archive or ' +
      'its go.mod checksum. A go.mod with no go.sum at all is BLD1002 (missing-go-sum). Local-directory replacements (go.mod or ' +
      'go.work `replace`) need no checksum, nor does a requirement on a module of the go.work workspace the module belongs ' +
      '(the nearest go.work that `use`s its folder): the build resolves it to that folder. In workspace mode a checksum ' +
      'in the go.sum of any module the workspace uses counts, as the go command reads them all. The missing entries of one go.mod are ' +
      'one finding (one `go mod tidy` records them all), the others listed as related places.',
  },
  check(repo, ctx) {
    const workSumText = repo.readText('go.work.sum').text;
    const rootWorkSum = workSumText === undefined ? undefined : parseGoSum(workSumText, 'go.work.sum');
    for (const m of repo.modules) {
      if (!m.hasGoSum) continue; // BLD1002 reports a missing go.sum
      const sum = goSumOf(repo, m.dir);
      if (!sum) continue;
      ctx.applicable();
      const w = workspaceOf(repo, m);
      // workspace mode reads go.work.sum and the go.sum of every module the workspace uses (blind sample of
      // 2026-12-28: a go.work replace whose checksum is in the root module's go.sum, reported for each other module)
      const memberSums = w ? [...w.useDirs].filter((d) => d !== m.dir).map((d) => goSumOf(repo, d)) : [];
      const sums = [sum, rootWorkSum, w && workSumOf(repo, w), ...memberSums].filter((s) => s !== undefined);
      const has = (p: string, v: string) => {
        const k = `${p}@${v}`;
        return sums.some((s) => s.mods.has(k) || s.zips.has(k));
      };
      for (const { req, res } of requirementsNeedingChecksum(repo, m)) {
        if (!isValidVersion(res.version) || has(res.path, res.version)) continue;
        const via = res.replace ? ` (replacement of ${req.path} ${req.version})` : '';
        // one concern per module: one `go mod tidy` records every missing checksum (blind sample of 2026-12-18: 27 findings
        // in one multi-module repository)
        ctx.report({ file: res.file ?? goModPath(m), line: res.replace ? res.replace.line : req.line, messageId: 'missing', data: { module: res.path, version: res.version, via }, concern: goModPath(m) });
      }
    }
  },
});
