/**
 * A repository's own automation that proposes Go module updates, besides Dependabot and Renovate:
 *
 * - a GitHub/Gitea workflow that changes module requirements (`go get -u`, `go get mod@latest`,
 *   `go get mod@<version>`, `go mod edit -require=…`, tools such as go-mod-upgrade) and proposes the
 *   change (peter-evans/create-pull-request and similar actions, `gh pr create`, `git push`), itself or
 *   through a repository script or make target it runs;
 * - a reusable workflow of another repository named as a dependency update (`…/upgrade-deps.yaml`);
 * - a committed update script or template (`.github/<tool>/bump.sh.tmpl`) that both changes the
 *   requirements and commits or opens a pull request.
 *
 * Read as text (comments dropped), not executed; a script that only updates (a maintainer runs it by
 * hand and commits) is not automation.
 */
import path from 'node:path';
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { isWorkflowPath } from './ci-config.js';
import { escapeRe } from './makefile.js';

export interface UpdateAutomation {
  kind: 'workflow' | 'reusable-workflow' | 'script';
  file: string;
  line: number;
  /** What was seen (the update command and how it is proposed). */
  detail: string;
}

/** Commands that change Go module requirements to newer versions. */
const UPDATE_CMD = /\bgo\s+get\b[^\n;&|]*(?:\s-u\b|\s-u=|@(?:latest|upgrade|patch|v?\d|\$|\{\{))|\bgo\s+mod\s+edit\b[^\n;&|]*\s-require[=\s]|\bgo-mod-upgrade\b|\bgomajor\s+get\b|\bgo-mod-outdated\b[^\n]*\|\s*xargs/;
/** Ways a change is proposed or committed. */
const PROPOSE_IN_WORKFLOW = /\buses:\s*['"]?(?:peter-evans\/create-pull-request|repo-sync\/pull-request|stefanzweifel\/git-auto-commit-action|EndBug\/add-and-commit|gr2m\/create-or-update-pull-request-action|devops-infra\/action-pull-request)@|\bgh\s+pr\s+create\b|\bhub\s+pull-request\b/;
/** A push counts only in a workflow run on a schedule or by hand (not in a release or docs job). */
const PUSH = /\bgit\s+push\b/;
const SCHEDULED = /^\s*(?:schedule|workflow_dispatch|repository_dispatch)\s*:/m;
const PROPOSE_IN_SCRIPT = /\bgit\s+commit\b|\bgh\s+pr\s+create\b|\bhub\s+pull-request\b|\bgit\s+push\b/;
/** A remote reusable workflow named after a dependency update. */
const REUSABLE_UPDATE = /\buses:\s*['"]?[\w.-]+\/[\w.-]+\/\.github\/workflows\/([\w.-]*(?:update|upgrade|bump)[\w.-]*)\.ya?ml@/i;
const DEPS_WORD = /dep|pkg|mod|go|librar/i;

/** Scripts and templates an update may live in: under .github/, or named as an update. */
const SCRIPT = /(?:\.(?:sh|bash|tmpl|tpl|mk)|(?:^|\/)(?:GNUmakefile|[Mm]akefile))$/;
const UPDATE_SCRIPT_PLACE = /^\.github\/|(?:^|\/)[^/]*(?:update|upgrade|bump|deps)[^/]*$/i;
const MAX_SCRIPT_BYTES = 256 * 1024;

/** Drops `#` comments (whole-line and trailing after whitespace). */
function uncommented(text: string): string {
  return text.split('\n').map((l) => (/^\s*#/.test(l) ? '' : l.replace(/\s#\s.*$/, ''))).join('\n');
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Repository scripts and make targets a workflow runs (`./hack/update.sh`, `bash scripts/x.sh`, `make update-deps`). */
function runsUpdateElsewhere(repo: RepoFacts, text: string): string | undefined {
  for (const m of text.matchAll(/(?:^|[\s;&|"'])(?:(?:ba|z)?sh\s+)?(\.{0,2}\/?[\w./-]+\.(?:sh|bash))\b/g)) {
    const rel = path.posix.normalize(m[1]!.replace(/^\.\//, ''));
    if (rel.startsWith('..')) continue;
    const t = repo.readText(rel).text;
    if (t !== undefined && t.length <= MAX_SCRIPT_BYTES && UPDATE_CMD.test(uncommented(t))) return rel;
  }
  for (const m of text.matchAll(/\bmake\s+(?:-[\w-]+\s+)*([\w.-]+)/g)) {
    const target = m[1]!;
    const mk = repo.readText('Makefile').text;
    if (mk === undefined) continue;
    const re = new RegExp(`^${escapeRe(target)}\\s*:[^=][^\\n]*\\n((?:\\t[^\\n]*\\n?)*)`, 'm');
    const recipe = re.exec(mk)?.[1];
    if (recipe && UPDATE_CMD.test(uncommented(recipe))) return `Makefile (${target})`;
  }
  return undefined;
}

export const UPDATE_AUTOMATION = factKey<UpdateAutomation[]>('policy:update-automation');

export const updateAutomationProvider = defineProvider({
  provides: UPDATE_AUTOMATION,
  reads: [filesInput('workflows and update scripts', (r) => isWorkflowPath(r) || (SCRIPT.test(r) && UPDATE_SCRIPT_PLACE.test(r)))],
  cacheable: true,
  compute: (repo): UpdateAutomation[] => {
    const out: UpdateAutomation[] = [];
    for (const file of repo.otherFiles) {
      const wf = isWorkflowPath(file);
      if (!wf && !(SCRIPT.test(file) && UPDATE_SCRIPT_PLACE.test(file))) continue;
      const raw = repo.readText(file).text;
      if (raw === undefined || raw.length > MAX_SCRIPT_BYTES) continue;
      const text = uncommented(raw);
      if (wf) {
        const reusable = REUSABLE_UPDATE.exec(text);
        if (reusable && DEPS_WORD.test(reusable[1]!)) {
          out.push({ kind: 'reusable-workflow', file, line: lineAt(text, reusable.index), detail: `reusable workflow ${reusable[1]}` });
          continue;
        }
        const propose = PROPOSE_IN_WORKFLOW.exec(text) ?? (SCHEDULED.test(text) ? PUSH.exec(text) : null);
        if (!propose) continue;
        const update = UPDATE_CMD.exec(text);
        const elsewhere = update ? undefined : runsUpdateElsewhere(repo, text);
        if (update || elsewhere) {
          out.push({ kind: 'workflow', file, line: update ? lineAt(text, update.index) : lineAt(text, propose.index), detail: `${update ? update[0].trim() : `runs ${elsewhere}`}, proposed with ${propose[0].replace(/^uses:\s*['"]?/, '').replace(/@$/, '').trim()}` });
        }
        continue;
      }
      const update = UPDATE_CMD.exec(text);
      const propose = update && PROPOSE_IN_SCRIPT.exec(text);
      if (update && propose) out.push({ kind: 'script', file, line: lineAt(text, update.index), detail: `${update[0].trim()}, then ${propose[0]}` });
    }
    return out;
  },
});

export function updateAutomation(repo: RepoFacts): UpdateAutomation[] {
  return repo.fact(UPDATE_AUTOMATION);
}
