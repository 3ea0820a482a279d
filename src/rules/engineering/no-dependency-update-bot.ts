import { defineRepoRule } from '../define-rule.js';
import { dependencyBots } from '../../facts/repo-policy.js';
import { goSubject } from '../_shared/engineering-ci.js';
import { DEPENDENCY_BOTS } from '../../facts/repo-policy.js';
import { UPDATE_AUTOMATION, updateAutomation } from '../../facts/update-automation.js';
import { GO_MOD_HISTORY, HISTORY_DAYS } from '../../facts/go-mod-history.js';

/** Routine update commits in the window that show the maintainers keep the modules current by hand. */
const REGULAR_UPDATES = 3;

export default defineRepoRule({
  meta: {
    id: 'ENG1010',
    name: 'no-dependency-update-bot',
    dimension: 'engineering',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-15',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 3 TP, 2 FP, 5 "nobody would act" of 10 judged — precision 60.0 % < 90.0 %, "nobody would act" 50.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: dependency updates proposed by the project\'s own automation (update workflows, bump scripts) or by hand on a regular rhythm, and projects that pin on purpose. Reworked after the 2026-12-14 sample (its own update automation and regular dependency-update commits are accepted: its 2 FP and 2 of its 4 DEB there), so its record restarts (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 3 TP, 2 FP, 1 DEB — precision 60.0 % < 90.0 %.',
    title: 'No Dependabot or Renovate configuration updating the Go modules',
    passCriterion: 'Dependabot or Renovate keeps the Go modules up to date',
    rationale:
      'Dependencies left alone drift for years; when a critical fix lands upstream the upgrade then spans several breaking ' +
      'releases and takes days instead of minutes. An update bot keeps go.mod current in small reviewed steps, so a security ' +
      'release is one routine pull request away.',
    fix: {
      text: 'Add .github/dependabot.yml with a `package-ecosystem: gomod` entry per module directory (weekly, grouped), or a renovate.json (Renovate updates go.mod by default).',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/dependabot.yml',
        bad: 'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n',
        good: 'version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /\n    schedule:\n      interval: weekly\n',
      },
    ],
    messages: {
      none: 'no dependency update bot configured (.github/dependabot.yml, renovate.json, .renovaterc...): Go modules are never proposed for update',
      notGo: '{{tool}} is configured ({{file}}) but not for Go modules ({{detail}})',
    },
    sources: [],
    notes:
      'A Dependabot config counts only with a `package-ecosystem: gomod` update; a Renovate config counts unless it disables itself or lists ' +
      '`enabledManagers` without gomod (presets in `extends` are not resolved). Per-module directory coverage is not checked. A broken config ' +
      'gives a diagnostic and no finding. The repository\'s own update automation counts as well: a workflow that changes module requirements ' +
      '(`go get -u`, `go get mod@latest`, `go mod edit -require`, directly or through a script or make target it runs) and opens a pull request ' +
      '(or pushes, when scheduled or dispatched), a remote reusable workflow named as a dependency update, or a committed update script or ' +
      'template (under .github/ or named as an update) that changes the requirements and commits. When the audited root is a git work tree ' +
      `(not shallow), its own history counts too: ${REGULAR_UPDATES} or more commits changing a go.mod in the ${HISTORY_DAYS} days before the newest commit ` +
      'that an update bot wrote or that update the dependencies as a whole (`chore: upgrade dependencies`; not a fix for one advisory) mean ' +
      'the modules are kept current by hand. git is run with fixed arguments and the repository\'s configured programs neutralised.',
  },
  requires: [DEPENDENCY_BOTS, UPDATE_AUTOMATION, GO_MOD_HISTORY],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    ctx.applicable();
    const bots = dependencyBots(repo);
    if (bots.some((b) => b.coversGo !== false)) return;
    // the repository's own automation proposes the updates (a workflow opening update pull requests, a bump script)
    if (updateAutomation(repo).length) return;
    // the maintainers update by hand, regularly: the modules are proposed for update, without a bot
    if (repo.fact(GO_MOD_HISTORY).updates.length >= REGULAR_UPDATES) return;
    if (!bots.length) {
      ctx.report({ file: subject.anchor, line: 1, messageId: 'none' });
      return;
    }
    for (const b of bots) ctx.report({ file: b.file, line: b.line, messageId: 'notGo', data: { tool: b.tool === 'dependabot' ? 'Dependabot' : 'Renovate', file: b.file, detail: b.detail ?? '' } });
  },
});
