import { defineRepoRule, goVersionAtLeast } from '../define-rule.js';
import { isIncompatible, parseVersion } from '../../supply/go-version-order.js';
import { goModPath, replacementOf } from '../_shared/supply-gomod.js';
import { SHIPPED_REQUIREMENTS, requirementShips } from '../../facts/shipped-requirements.js';

/**
 * Known module-aware successors of popular +incompatible modules (reviewed 2026-11): what to move to, and the modules
 * that are that successor (to tell whether it is already required).
 */
const SUCCESSORS: Record<string, { text: string; is: (path: string) => boolean }> = {
  'github.com/gofrs/uuid': { text: 'github.com/gofrs/uuid/v5', is: (p) => /^github\.com\/gofrs\/uuid\/v\d+$/.test(p) },
  'github.com/go-redis/redis': { text: 'github.com/redis/go-redis/v9', is: (p) => /^github\.com\/(?:redis\/go-redis|go-redis\/redis)\/v\d+$/.test(p) },
  'github.com/dgrijalva/jwt-go': { text: 'github.com/golang-jwt/jwt/v5', is: (p) => /^github\.com\/golang-jwt\/jwt(?:\/v\d+)?$/.test(p) },
  'github.com/Azure/azure-sdk-for-go': { text: 'the per-service modules under github.com/Azure/azure-sdk-for-go/sdk/', is: (p) => p.startsWith('github.com/Azure/azure-sdk-for-go/sdk/') },
  'github.com/docker/docker': { text: 'github.com/moby/moby/client and github.com/moby/moby/api', is: (p) => p.startsWith('github.com/moby/moby/') },
  'github.com/docker/distribution': { text: 'github.com/distribution/reference (image references) or github.com/distribution/distribution/v3', is: (p) => p === 'github.com/distribution/reference' || /^github\.com\/distribution\/distribution\/v\d+$/.test(p) },
};

/** The module-aware line of the same library: its own `/vN` path (N >= 2), or its known successor. */
function successorOf(path: string): { text: string; is: (p: string) => boolean } {
  const own = (p: string): boolean => p.startsWith(path + '/v') && /^\d+$/.test(p.slice(path.length + 2)) && Number(p.slice(path.length + 2)) >= 2;
  const known = SUCCESSORS[path];
  return { text: known?.text ?? `${path}/vN`, is: (p) => own(p) || (known?.is(p) ?? false) };
}

export default defineRepoRule({
  meta: {
    id: 'SUP1004',
    name: 'incompatible-major-version',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-29',
    experimentalReason:
      'Blind sample of 2026-12-06 (seed 20261206): 0 of 2 findings acted on — +incompatible requirements are long-standing, widely used releases (backoff v2, gax-go v2) whose maintainers never added a go.mod; the module system resolves them fine and a change is rarely possible. ' +
      'Blind draw of 2026-12-25: 0 TP, 3 FP, 3 "nobody would act" — the false positives were requirements only test code imports (gotest.tools in an integration-test package, docker/docker in an e2e test, retry-go in a benchmark), which never reach a shipped binary; the others were +incompatible modules without dependencies of their own (go-cache, go-redis v6). ' +
      'Reworked after it (a direct requirement that no shipped Go file imports is not reported: src/facts/shipped-requirements.ts), so its record restarted at 2026-12-26. ' +
      'Its record since (draws of 2026-12-26 to 2026-12-28): 6 TP, 0 FP, 11 "nobody would act" — every DEB a module with no requirements of its own, or whose requirements the importing go.mod already lists: in a go >= 1.17 module the graph is pruned and go.mod records every module that provides a package to the build, so the premise (invisible requirements) does not hold there. The TPs were retired lines with a module-aware successor (docker/docker, the track-1 Azure SDK, docker/distribution) or with the library\'s own /vN line already required. Reworked after it (go >= 1.17 modules: reported only for a known successor or a module-aware line of the same library that is also required), so its record restarts at 2026-12-29 (blindRecordFrom).',
    title: 'A direct dependency is used at a +incompatible major version',
    passCriterion: 'no direct dependency is used at a +incompatible major version',
    rationale:
      'A +incompatible version is a v2+ release of a repository that has no go.mod (or no /vN module path): major ' +
      'upgrades are not protected by semantic import versioning, and such lines are usually retired at that path in ' +
      'favour of a module-aware successor, where fixes now land. Before go 1.17 the module system also cannot see the ' +
      'module\'s own requirements, so they are resolved from whatever else the build requires and can silently change; ' +
      'and when the successor is required too, two lines of one library are built into the binary.',
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
      twoLines: '{{module}} {{version}} is a +incompatible v{{major}} release while its module-aware line {{successor}} is also required: two lines of one library are built; move the remaining imports to {{successor}}',
      retired: '{{module}} {{version}} is a +incompatible v{{major}} release of a retired line (no go.mod at that major version); move to {{successor}}',
    },
    sources: [],
    notes:
      'Only direct requirements (no `// indirect`) that are not redirected by a `replace` are checked, and only those that ' +
      'ship: a requirement that only tests, test support or tools import (no production Go file of the module, nor a ' +
      'repository package one imports, imports a package of it; src/facts/shipped-requirements.ts) is not reported — its ' +
      'invisible requirements never reach a shipped binary, as far as the repository shows. Whether a +incompatible ' +
      'module has requirements of its own at all (go-cache has none) is not known offline: it would need the module\'s ' +
      'source. In a module whose go directive is 1.17 or later the module graph is pruned: go.mod lists every module that ' +
      'provides a package to the build, the +incompatible module\'s requirements included, so they are not invisible. ' +
      'There a +incompatible requirement is reported only when its module-aware line is also required (the library\'s own ' +
      '/vN path, or its known successor: two lines of one library are built, and one import change removes one), or when ' +
      'it is a retired line with a known successor (docker/docker → moby/moby/client, the track-1 Azure SDK → sdk/, ' +
      'dgrijalva/jwt-go → golang-jwt/jwt, go-redis/redis → redis/go-redis/v9, gofrs/uuid → /v5, docker/distribution → ' +
      'distribution/reference). A go.mod without a go line is read as go 1.16, as the go command does.',
  },
  requires: [SHIPPED_REQUIREMENTS],
  check(repo, ctx) {
    for (const m of repo.modules) {
      ctx.applicable();
      for (const r of m.mod.require) {
        if (r.indirect || !isIncompatible(r.version) || replacementOf(m.mod, r)) continue;
        if (requirementShips(repo, m, r).ships === 'no') continue;
        const major = parseVersion(r.version)?.major ?? '?';
        // go >= 1.17: go.mod lists every module that provides a package to the build (pruned module graph), so the
        // +incompatible module's requirements are recorded here; what is left is a retired line with a successor
        if (goVersionAtLeast(m.mod.go, 1, 17)) {
          const succ = successorOf(r.path);
          const required = m.mod.require.find((o) => o !== r && succ.is(o.path));
          if (required) {
            ctx.report({ file: goModPath(m), line: r.line, messageId: 'twoLines', data: { module: r.path, version: r.version, major, successor: required.path } });
          } else if (SUCCESSORS[r.path]) {
            ctx.report({ file: goModPath(m), line: r.line, messageId: 'retired', data: { module: r.path, version: r.version, major, successor: SUCCESSORS[r.path]!.text } });
          }
          continue;
        }
        const succ = SUCCESSORS[r.path];
        ctx.report({
          file: goModPath(m), line: r.line, messageId: 'incompatible',
          data: { module: r.path, version: r.version, major, successor: succ ? `; move to ${succ.text}` : '' },
        });
      }
    }
  },
});
