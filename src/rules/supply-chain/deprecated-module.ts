import { defineRepoRule } from '../define-rule.js';
import { DEPRECATED_MODULES_REVIEWED, deprecatedRequirements } from '../_shared/deprecated-modules.js';
import { goModPath } from '../_shared/supply-gomod.js';
import { SHIPPED_REQUIREMENTS } from '../../facts/shipped-requirements.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1006',
    name: 'deprecated-module',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 0 FP, 3 "nobody would act" of 3 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: archived but small and stable modules (pkg/errors) whose migration buys nothing. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'A direct dependency is archived or unmaintained, and staying on it has a security or correctness cost',
    passCriterion: 'no direct dependency is an archived or unmaintained module with an unfixed vulnerability or fixes only in its successor',
    rationale:
      'An archived or deprecated module gets no security fixes: when the next advisory lands there is no release to ' +
      'upgrade to, only a rushed migration. Some (dgrijalva/jwt-go, satori/go.uuid) already carry unfixed ' +
      'vulnerabilities. Each listed module has a maintained successor; migrating on your own schedule is cheaper than ' +
      'during an incident.',
    fix: { text: 'Migrate to the successor named in the message, then `go mod tidy` so the old module leaves go.mod.', effort: 'medium' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/dgrijalva/jwt-go v3.2.0+incompatible\n',
        good: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/golang-jwt/jwt/v5 v5.2.1\n',
      },
    ],
    messages: {
      deprecated: '{{module}} is {{status}} since {{since}}: migrate to {{replacement}}',
    },
    sources: [],
    notes:
      `The list is a small table (rules/_shared/deprecated-modules.ts), last reviewed ${DEPRECATED_MODULES_REVIEWED}; this rule reports the ` +
      'modules whose status has a consequence (an unfixed vulnerability, storage-engine fixes only in the successor, a ' +
      'case-conflicting path); archived modules that work and merely get no releases (pkg/errors, gogo/protobuf, ' +
      'opentracing...) are SUP1012, off by default. Module deprecation notices in a dependency\'s ' +
      'own go.mod are not read (that needs the module cache). Only direct requirements are checked; a requirement ' +
      'redirected by a `replace` to another module is not reported. ' +
      'A requirement that does not ship is not reported (src/facts/shipped-requirements.ts: a direct requirement only ' +
      'tests, test support or tools import, or any requirement of a module none of whose shipped Go files imports a ' +
      'required module): its status has no consequence for what the repository ships, as far as the repository shows.',
  },
  requires: [SHIPPED_REQUIREMENTS],
  check(repo, ctx) {
    if (repo.modules.length) ctx.applicable();
    for (const { module: m, require: r, deprecation: d } of deprecatedRequirements(repo, (x) => x.consequence !== undefined)) {
      ctx.report({
        file: goModPath(m), line: r.line, messageId: 'deprecated', severity: d.severity,
        data: { module: r.path, status: d.status, since: d.since, replacement: d.replacement },
      });
    }
  },
});
