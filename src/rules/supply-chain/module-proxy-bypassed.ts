import { defineRepoRule } from '../define-rule.js';
import { broadPublicPatterns, findingAt, goEnvSettings, placeOf, reachesShippedBuild } from '../../facts/go-env-settings.js';
import { RELEASE_PIPELINES } from '../../facts/release-pipelines.js';
import { CI_FACTS } from '../../facts/ci-config.js';
import { MAKE_PROJECTS } from '../../facts/makefile.js';
import { GO_ENV_SETTINGS } from '../../facts/go-env-settings.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1009',
    name: 'module-proxy-bypassed',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-24',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 1 FP, 1 "nobody would act" of 2 judged — too few judged findings to prove it, none acted on. Reworked after the 2026-12-19 sample with SUP1008 (CI files off a visible release path are not judged), so its record restarts at 2026-12-20 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since: 0 TP, 4 FP (the candidate draw of 2026-12-22: GOPROXY=direct on the test, lint and dev targets of a Makefile and in a CI-only Dockerfile stage). Reworked after the 2026-12-22 sample (recipes of test, lint, format, generate and development make targets are not judged), so its record restarts at 2026-12-23 (blindRecordFrom). Its record since (the candidate draw of 2026-12-23): 0 TP, 5 FP, all in the recipes of test targets whose names the anchored list of that time missed (`integ-test-%`, `benchmark-%`, `perf-test`, `critest`). Reworked after it (one vocabulary of development work for make targets, matched on each part of a target\'s name: src/core/work-names.ts), so its record restarts at 2026-12-24 (blindRecordFrom). Its record since (the candidate draw of 2026-12-24): 1 TP, 5 FP — sample services of a regression suite (the code-role model now knows regression/ folders as tests), an integration-test image and a Dockerfile that only a local make target builds.',
    title: 'The build fetches public modules directly from their repositories (GOPROXY=direct, broad GONOPROXY)',
    passCriterion: 'modules are fetched through a module proxy (GOPROXY=direct or a GONOPROXY covering a public host is never set)',
    rationale:
      'A module proxy serves an immutable copy of every version it has seen: a deleted repository, a force-pushed tag or an ' +
      'outage of a code host does not break the build, and builds are reproducible. GOPROXY=direct (or a GONOPROXY pattern ' +
      'covering a public host) makes every build clone from the origin instead — slower, rate-limited, and at the mercy of ' +
      'whoever controls that repository today (go.sum still catches changed content, but only for versions it already lists).',
    fix: {
      text: 'Keep the default GOPROXY (the public module proxy, then direct: leave it unset) or put your organisation\'s proxy first in the list ' +
        '(GOPROXY=https://goproxy.example.com,direct); for private modules set GOPRIVATE/GONOPROXY to your own path prefixes only.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Makefile',
        bad: 'export GOPROXY = direct\n\nbuild:\n\tgo build -o bin/app ./cmd/app\n',
        good: 'export GOPROXY = https://goproxy.example.com,direct\n\nbuild:\n\tgo build -o bin/app ./cmd/app\n',
      },
    ],
    messages: {
      direct: 'GOPROXY={{value}} fetches every module directly from its origin repository instead of a module proxy{{where}}',
      broad: 'GONOPROXY={{value}} sends every module of {{patterns}} around the module proxy, straight to the origin repository{{where}}',
    },
    sources: [],
    notes:
      'Same files as SUP1008. `GOPROXY=off` (no network: vendored or pre-downloaded builds) and proxy lists that end with ' +
      '`,direct` (the fallback for modules the proxy does not have) are fine. Broad GOPRIVATE is reported once, by SUP1008.',
  },
  requires: [GO_ENV_SETTINGS, RELEASE_PIPELINES, CI_FACTS, MAKE_PROJECTS],
  check(repo, ctx) {
    for (const s of goEnvSettings(repo)) {
      if (!reachesShippedBuild(repo, s)) continue;
      ctx.applicable();
      const where = placeOf(s);
      const at = findingAt(s);
      if (s.name === 'GOPROXY') {
        const first = s.value.split(/[,|]/)[0]!.trim().toLowerCase();
        if (first === 'direct') ctx.report({ ...at, messageId: 'direct', data: { value: s.value, where } });
      } else if (s.name === 'GONOPROXY') {
        const broad = broadPublicPatterns(s.value);
        if (broad.length) ctx.report({ ...at, messageId: 'broad', data: { value: s.value, patterns: broad.join(', '), where } });
      }
    }
  },
});
