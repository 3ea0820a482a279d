import { defineRepoRule } from '../define-rule.js';
import { parsePseudoVersion } from '../../supply/go-version-order.js';
import { sameOwnerModule } from '../../facts/repo-owner.js';
import { goModPath, isRepoModule, replacementOf } from '../_shared/supply-gomod.js';
import { SHIPPED_REQUIREMENTS, requirementShips } from '../../facts/shipped-requirements.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1003',
    name: 'pseudo-version-dependency',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-07, 2026-12-09 and 2026-12-10: after the same-owner fix, 1 TP and 5 "nobody would act" — ' +
      'most pinned commits were the only way to get a fix because the module has no newer tag (go-spew, vtprotobuf, ' +
      'fscache), which goready cannot see offline (it would need the module proxy\'s version list).',
    title: 'A direct dependency is pinned to an untagged commit although the module publishes releases',
    passCriterion: 'direct dependencies use released versions when the module publishes releases',
    rationale:
      'A pseudo-version such as v1.2.4-0.20240101120000-abcdef123456 pins an arbitrary commit after the v1.2.3 tag: code ' +
      'that its maintainers never released, with no release notes, no compatibility promise, and no clear upgrade path — ' +
      'vulnerability advisories and `go get -u` reason about tagged releases, so the pin tends to rot silently. ' +
      'Production builds should depend on tagged releases.',
    fix: { text: 'Move to the next tagged release that contains the commit you need (`go get module@vX.Y.Z`), or ask the maintainers to tag one; if the fix is not released yet, add a comment saying why the commit is pinned and when to revisit.', effort: 'low' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/acme/client v1.2.4-0.20240101120000-abcdef123456\n',
        good: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/acme/client v1.2.4\n',
      },
    ],
    messages: {
      pseudo: '{{module}} {{version}} is an untagged commit of {{date}} after the {{base}} release: prefer a tagged release, or document why this commit is pinned',
    },
    sources: [],
    notes:
      'Only direct requirements (no `// indirect`) are checked. Not reported: modules that publish no tag at all in their ' +
      'major version (v0.0.0-… pseudo-versions, e.g. google.golang.org/genproto: there is nothing to move to), requirements ' +
      'redirected by a `replace`, modules of the same repository, and modules of the same owner (github.com/ory/keto pinning ' +
      'github.com/ory/x by commit: the owner\'s libraries are co-developed and pinned on purpose across its projects; a ' +
      'vanity host such as k8s.io or go.temporal.io counts as one owner). Nor requirements that do not ship ' +
      '(src/facts/shipped-requirements.ts: a direct requirement only tests, test support or tools import, such as a test ' +
      'framework pinned by commit, or any requirement of a module none of whose shipped Go files imports a required ' +
      'module): the pinned commit never reaches a production build, as far as the repository shows.',
  },
  requires: [SHIPPED_REQUIREMENTS],
  check(repo, ctx) {
    for (const m of repo.modules) {
      ctx.applicable();
      for (const r of m.mod.require) {
        if (r.indirect || replacementOf(m.mod, r) || isRepoModule(repo, r.path) || sameOwnerModule(repo, r.path)) continue;
        const p = parsePseudoVersion(r.version);
        if (!p || p.form === 'none') continue;
        if (requirementShips(repo, m, r).ships === 'no') continue;
        ctx.report({
          file: goModPath(m), line: r.line, messageId: 'pseudo',
          data: { module: r.path, version: r.version, base: p.base, date: p.time ? p.time.toISOString().slice(0, 10) : p.timestamp },
        });
      }
    }
  },
});
