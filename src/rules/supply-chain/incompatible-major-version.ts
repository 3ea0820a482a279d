import { defineRepoRule } from '../define-rule.js';
import { isIncompatible, parseVersion } from '../../supply/go-version-order.js';
import { goModPath, replacementOf } from '../_shared/supply-gomod.js';
import { SHIPPED_REQUIREMENTS, requirementShips } from '../../facts/shipped-requirements.js';

/** Known module-aware successors of popular +incompatible modules (reviewed 2026-11). */
const SUCCESSORS: Record<string, string> = {
  'github.com/gofrs/uuid': 'github.com/gofrs/uuid/v5',
  'github.com/go-redis/redis': 'github.com/redis/go-redis/v9',
  'github.com/dgrijalva/jwt-go': 'github.com/golang-jwt/jwt/v5',
  'github.com/Azure/azure-sdk-for-go': 'the per-service modules under github.com/Azure/azure-sdk-for-go/sdk/',
  'github.com/docker/docker': 'github.com/moby/moby/client and github.com/moby/moby/api',
};

export default defineRepoRule({
  meta: {
    id: 'SUP1004',
    name: 'incompatible-major-version',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-26',
    experimentalReason:
      'Blind sample of 2026-12-06 (seed 20261206): 0 of 2 findings acted on — +incompatible requirements are long-standing, widely used releases (backoff v2, gax-go v2) whose maintainers never added a go.mod; the module system resolves them fine and a change is rarely possible. ' +
      'Blind draw of 2026-12-25: 0 TP, 3 FP, 3 "nobody would act" — the false positives were requirements only test code imports (gotest.tools in an integration-test package, docker/docker in an e2e test, retry-go in a benchmark), which never reach a shipped binary; the others were +incompatible modules without dependencies of their own (go-cache, go-redis v6). ' +
      'Reworked after it (a direct requirement that no shipped Go file imports is not reported: src/facts/shipped-requirements.ts), so its record restarts at 2026-12-26 (blindRecordFrom).',
    title: 'A direct dependency is used at a +incompatible major version',
    passCriterion: 'no direct dependency is used at a +incompatible major version',
    rationale:
      'A +incompatible version is a v2+ release of a repository that has no go.mod (or no /vN module path): the module ' +
      'system cannot see its own dependency requirements, so they are resolved from whatever else the build requires ' +
      'and can silently change, and major upgrades are not protected by semantic import versioning. Such modules are ' +
      'usually unmaintained at that path or have moved to a module-aware successor.',
    fix: { text: 'Move to the module-aware path of the dependency (e.g. github.com/gofrs/uuid/v5) or to its successor; if none exists, pin the version and review its transitive requirements by hand.', effort: 'medium' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/gofrs/uuid v4.4.0+incompatible\n',
        good: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/gofrs/uuid/v5 v5.3.0\n',
      },
    ],
    messages: {
      incompatible: '{{module}} {{version}} is a +incompatible v{{major}} release (no go.mod at that major version): its own requirements are invisible to the module system{{successor}}',
    },
    sources: [],
    notes:
      'Only direct requirements (no `// indirect`) that are not redirected by a `replace` are checked, and only those that ' +
      'ship: a requirement that only tests, test support or tools import (no production Go file of the module, nor a ' +
      'repository package one imports, imports a package of it; src/facts/shipped-requirements.ts) is not reported — its ' +
      'invisible requirements never reach a shipped binary, as far as the repository shows. Whether a +incompatible ' +
      'module has requirements of its own at all (go-cache has none) is not known offline: it would need the module\'s ' +
      'source, so such modules are still reported.',
  },
  requires: [SHIPPED_REQUIREMENTS],
  check(repo, ctx) {
    for (const m of repo.modules) {
      ctx.applicable();
      for (const r of m.mod.require) {
        if (r.indirect || !isIncompatible(r.version) || replacementOf(m.mod, r)) continue;
        if (requirementShips(repo, m, r).ships === 'no') continue;
        const succ = SUCCESSORS[r.path];
        ctx.report({
          file: goModPath(m), line: r.line, messageId: 'incompatible',
          data: { module: r.path, version: r.version, major: parseVersion(r.version)?.major ?? '?', successor: succ ? `; move to ${succ}` : '' },
        });
      }
    }
  },
});
