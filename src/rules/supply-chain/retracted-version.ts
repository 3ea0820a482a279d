import { defineRepoRule } from '../define-rule.js';
import { cachedRetractions, isRetracted, moduleCacheDir } from '../../supply/module-cache.js';
import { goModPath, isRepoModule } from '../_shared/supply-gomod.js';

export default defineRepoRule({
  volatile: true,
  meta: {
    id: 'SUP1007',
    name: 'retracted-version',
    dimension: 'supply-chain',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'A required module version has been retracted by its author',
    passCriterion: 'no required module version is retracted',
    rationale:
      'A module author retracts a version (a `retract` directive in a later go.mod) when it is broken or unsafe: published ' +
      'by accident, with a severe bug, or with a security problem. `go get` no longer selects it and `go list -m -u` flags ' +
      'it, but a build that already pins it keeps shipping it. goready reads the retractions from the local Go module ' +
      'cache (no network), so the check covers the modules the machine has downloaded.',
    fix: { text: 'Upgrade to a version that is not retracted (`go get module@latest` or the version the retraction rationale names), then `go mod tidy`.', effort: 'low' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.0.1\n',
        good: 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.0.2\n',
        extraFiles: {
          'modcache/cache/download/example.com/lib/@v/v1.0.2.mod': 'module example.com/lib\n\ngo 1.21\n\nretract v1.0.1 // published with a data-loss bug\n',
          '.goready-test-env': 'GOMODCACHE=modcache\n',
        },
      },
    ],
    messages: {
      retracted: '{{module}} {{version}} is retracted by its author{{why}} (declared in {{declaredIn}}): upgrade to a version that is not retracted',
    },
    sources: [],
    notes:
      'Offline by design: the retractions come from the newest go.mod of each module in the local module cache ' +
      '(GOMODCACHE, else GOPATH/pkg/mod, else ~/go/pkg/mod). Modules the cache has never downloaded are not judged; the ' +
      'rule is applicable only when the cache knows at least one required module. Requirements that do not ship ' +
      '(src/facts/shipped-requirements.ts: only tests or tools import them) are still reported: a retracted version is ' +
      'broken or unsafe for every build that selects it, the tests and CI that run on it included, and moving off it is ' +
      'a one-line upgrade.',
  },
  check(repo, ctx) {
    const cache = moduleCacheDir();
    for (const m of repo.modules) {
      for (const r of m.mod.require) {
        if (isRepoModule(repo, r.path)) continue;
        const retractions = cachedRetractions(cache, r.path);
        if (!retractions) continue;
        ctx.applicable();
        const hit = isRetracted(r.version, retractions);
        if (!hit) continue;
        ctx.report({
          file: goModPath(m), line: r.line, messageId: 'retracted',
          data: { module: r.path, version: r.version, why: hit.rationale ? ` (${hit.rationale})` : '', declaredIn: hit.declaredIn },
        });
      }
    }
  },
});
