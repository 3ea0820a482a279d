import { defineRepoRule } from '../define-rule.js';
import { DEPRECATED_MODULES_REVIEWED, deprecatedRequirements } from '../_shared/deprecated-modules.js';
import { goModPath } from '../_shared/supply-gomod.js';
import { SHIPPED_REQUIREMENTS } from '../../facts/shipped-requirements.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1012',
    name: 'archived-module',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-07 and 2026-12-09 (repositories not used in development): of 7 findings of archived modules ' +
      'without a known consequence (pkg/errors, gogo/protobuf, golang/protobuf), 6 were judged "nobody would act" — a ' +
      'working archived module is hygiene, not a production risk; the modules with a consequence stay in SUP1006.',
    title: 'A direct dependency is archived or superseded (hygiene)',
    passCriterion: 'no direct dependency is archived or superseded by a successor module',
    rationale:
      'An archived module gets no more releases: a future bug or advisory in it has no upgrade, only a migration. Moving ' +
      'to the named successor on your own schedule keeps that migration small.',
    fix: { text: 'Migrate to the successor named in the message when convenient, then `go mod tidy`.', effort: 'medium' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n',
        good: 'module example.com/app\n\ngo 1.22\n',
      },
    ],
    messages: {
      archived: '{{module}} is {{status}} since {{since}}: migrate to {{replacement}} when convenient',
    },
    sources: [],
    notes:
      `The list is shared with SUP1006 (rules/_shared/deprecated-modules.ts), last reviewed ${DEPRECATED_MODULES_REVIEWED}; this rule ` +
      'reports the entries without a listed consequence. Only direct requirements are checked; a requirement redirected by a ' +
      '`replace` to another module is not reported. ' +
      'A requirement that does not ship is not reported (src/facts/shipped-requirements.ts: a direct requirement only ' +
      'tests, test support or tools import, or any requirement of a module none of whose shipped Go files imports a ' +
      'required module): its status has no consequence for what the repository ships, as far as the repository shows.',
  },
  requires: [SHIPPED_REQUIREMENTS],
  check(repo, ctx) {
    if (repo.modules.length) ctx.applicable();
    for (const { module: m, require: r, deprecation: d } of deprecatedRequirements(repo, (x) => x.consequence === undefined)) {
      ctx.report({
        file: goModPath(m), line: r.line, messageId: 'archived', severity: d.severity,
        data: { module: r.path, status: d.status, since: d.since, replacement: d.replacement },
      });
    }
  },
});
