import { defineRepoRule } from '../define-rule.js';
import { goModPath, isLocalReplacement, localTarget } from '../_shared/supply-gomod.js';
import { SHIPPED_REQUIREMENTS, replaceInBuildList, requirementShips } from '../../facts/shipped-requirements.js';
import { CODE_HOSTS, moduleOwner, moduleProject, vanityOrganisation } from '../../core/module-owner.js';

/** A module path without its major-version suffix: example.com/x/v22 → example.com/x, gopkg.in/yaml.v3 → gopkg.in/yaml. */
const withoutMajor = (p: string): string => p.toLowerCase().replace(/\/v\d+$/, '').replace(/^(gopkg\.in\/.+)\.v\d+$/, '$1');

/**
 * The same project at another major version's module path (github.com/coreos/go-systemd => github.com/coreos/go-systemd/v22):
 * the canonical successor of the module, not a fork; so is a vanity path's own repository (collectd.org =>
 * github.com/collectd/go-collectd).
 */
export function sameProject(from: string, to: string): boolean {
  if (withoutMajor(from) === withoutMajor(to)) return true;
  // a vanity import path replaced by its own project's repository on a code host (collectd.org =>
  // github.com/collectd/go-collectd): the host's name is the repository owner's
  const owner = moduleOwner(to);
  return owner !== undefined && CODE_HOSTS.has(owner.split('/')[0]!) && vanityOrganisation(from) === owner.split('/')[1];
}

export default defineRepoRule({
  meta: {
    id: 'SUP1002',
    name: 'replace-local-or-fork',
    dimension: 'supply-chain',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-28',
    experimentalReason:
      'Blind sample of 2026-12-06 (seed 20261206): 0 of 2 findings acted on — both forks were deliberate and documented in a go.mod comment (unmerged upstream fixes). A fork is a choice the maintainers made knowingly; reporting it by default mostly repeats that comment. ' +
      'Blind draw of 2026-12-25: 0 TP, 3 FP, 1 "nobody would act" — forks of modules only test code or a tools module (its only Go file built with `//go:build tools`) imports, which never reach a shipped binary, and a replace of a path the module does not require at all (a package of the module itself), which the go command ignores. ' +
      'Reworked after it (forks of requirements that do not ship and replaces of modules outside the build list are not reported: src/facts/shipped-requirements.ts), so its record restarts at 2026-12-26 (blindRecordFrom). ' +
      'Its record on the draw of 2026-12-26: 0 TP, 1 FP, 5 "nobody would act" — a replace to the same project\'s major-version path (github.com/coreos/go-systemd => …/go-systemd/v22) taken for a fork, and a downstream Kubernetes\'s staging modules reported once per replace line. Reworked after it (the same project at another major version\'s path is no fork; the modules of one fork repository are one finding), so its record restarts at 2026-12-27 (blindRecordFrom). ' +
      'Its record on the draw of 2026-12-27: 0 TP, 1 FP, 3 "nobody would act" — a vanity import path (collectd.org) replaced by the same project\'s own repository taken for a fork, one fork repository\'s two modules at different versions reported twice, and deliberate, documented vendor forks. Reworked after it (a vanity host whose name is the code-host owner\'s is the same project; one fork repository is one concern whatever the versions), so its record restarts at 2026-12-28 (blindRecordFrom). Its premise holds (a fork does not receive upstream fixes), but most forks judged so far were deliberate and documented: the rule may stay experimental for that reason alone.',
    title: 'go.mod replaces a dependency with a directory outside the repository or with a fork',
    passCriterion: 'go.mod replaces nothing with a directory outside the repository or a fork',
    rationale:
      'A `replace` to a local directory outside the repository only builds on the machine that has that directory: CI, ' +
      'release builds and `go install module@version` fail or, worse, pick up whatever sits there. A `replace` to a fork ' +
      'pins code that no longer receives the upstream security fixes, and advisories filed for the original module do not ' +
      'name the fork; replace directives are also ignored when the module is consumed as a dependency, so users run ' +
      'different code than the one tested.',
    fix: {
      text: 'Remove the replace once the change is released upstream (`go get module@version`); for a fork you must keep, track its upstream releases and security advisories. Keep local replaces to modules inside this repository (or use a go.work file for local development, not committed go.mod replaces).',
      effort: 'medium',
    },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.2.3\n\nreplace example.com/lib => ../lib\n',
        good: 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.2.3\n\nreplace example.com/lib => example.com/lib v1.2.4\n',
      },
    ],
    messages: {
      outside: 'replace {{from}} => {{to}}: a local directory outside this repository; builds from a clean checkout (CI, release, `go install`) fail or use whatever is there',
      missing: 'replace {{from}} => {{to}}: the directory has no go.mod in this repository, so the build fails',
      fork: 'replace {{from}} => {{to}} {{version}}: a fork; upstream security fixes and advisories for {{from}} do not reach it',
    },
    sources: [],
    notes:
      'Local replaces that point at another module of the same repository (the multi-module monorepo pattern, e.g. ' +
      '`replace go.etcd.io/etcd/api/v3 => ../api`), replaces that only pin another version of the same module and replaces ' +
      'to the same project at another major version\'s path (`github.com/coreos/go-systemd => github.com/coreos/go-systemd/v22`: ' +
      'its canonical successor, not a fork), and a vanity import path replaced by its project\'s own repository (collectd.org => ' +
      'github.com/collectd/go-collectd: the host\'s name is the owner\'s) are not reported. The modules of one fork repository replaced in lockstep (a ' +
      'downstream Kubernetes replacing k8s.io/api, k8s.io/apimachinery… with its staging folders) are one finding, the ' +
      'other replaces its related places. ' +
      'A replace of a module outside the build list (not required in go.mod, nor in the go.mod of a module of the same ' +
      'go.work workspace, nor listed in go.sum) is inert — the go command ignores it — and is not reported. A fork of a ' +
      'requirement that does not ship (src/facts/shipped-requirements.ts: a direct requirement only tests, test support ' +
      'or tools import, or any requirement of a module none of whose shipped Go files imports a required module, such as a ' +
      'tools module) is not reported either: the forked code never reaches a shipped binary, as far as the repository ' +
      'shows. A local directory outside the repository or without a go.mod is still reported for such requirements: the ' +
      'tests that import them cannot be built from a clean checkout either.',
  },
  requires: [SHIPPED_REQUIREMENTS],
  check(repo, ctx) {
    for (const m of repo.modules) {
      ctx.applicable();
      const file = goModPath(m);
      for (const r of m.mod.replace) {
        // the go command ignores a replace of a module outside the build list
        if (!replaceInBuildList(repo, m, r)) continue;
        const from = r.from.version ? `${r.from.path} ${r.from.version}` : r.from.path;
        if (isLocalReplacement(r.to.path) || !r.to.version) {
          const t = localTarget(m, r.to.path);
          if (t.outside) {
            ctx.report({ file, line: r.line, messageId: 'outside', data: { from, to: r.to.path } });
            continue;
          }
          const goMod = t.rel ? `${t.rel}/go.mod` : 'go.mod';
          if (repo.readText(goMod).text === undefined) ctx.report({ file, line: r.line, messageId: 'missing', data: { from, to: r.to.path } });
          continue;
        }
        if (r.to.path === r.from.path || sameProject(r.from.path, r.to.path)) continue;
        // a fork of a module that does not ship: only tests or tools run it
        const req = m.mod.require.find((q) => q.path === r.from.path) ?? { path: r.from.path, indirect: true };
        if (requirementShips(repo, m, req).ships === 'no') continue;
        // the modules of one fork repository replaced in lockstep (a downstream Kubernetes: k8s.io/api, k8s.io/apimachinery…
        // => github.com/openshift/kubernetes/staging/…) are one concern: one finding, the other replaces related places
        ctx.report({ file, line: r.line, severity: 'low', messageId: 'fork', data: { from: r.from.path, to: r.to.path, version: r.to.version }, concern: `fork:${moduleProject(r.to.path)}` });
      }
    }
  },
});
