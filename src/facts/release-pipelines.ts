/**
 * Release pipelines: where a repository publishes its binaries (GoReleaser configs, GitHub/Gitea
 * workflows with a release-upload or ko step) and what, anywhere in its release tooling, signs them,
 * attests their provenance or produces an SBOM — each with the line it is on.
 *
 * Read as text line by line (comment lines skipped): workflows and composite actions, GoReleaser
 * configs, Makefiles and shell scripts of the repository's own tooling. The evidence is repository
 * wide on purpose: a signing step in another workflow of the same repository is accepted.
 */
import { defineProvider, factInput, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { GORELEASER_CONFIGS, goreleaserConfigs, isGoreleaserPath } from './goreleaser.js';
import { isMakefilePath } from './makefile.js';
import { roleOfPath } from '../core/code-roles.js';
import { ciSystemOf, isCiConfigPath } from './ci-config.js';
import type { CiSystem } from './ci-collector.js';

export interface Where { file: string; line: number }

export interface ReleasePipeline extends Where {
  kind: 'goreleaser' | 'workflow';
  /** For GoReleaser: the workflow step that runs it, when one does. For a workflow: the publishing step itself. */
  step?: Where & { text: string };
  /** Part of the release definition is not visible (GoReleaser `includes:`, a remote reusable workflow). */
  partial?: string;
}

export interface ReleaseEvidence {
  signature?: Where;
  provenance?: Where;
  sbom?: Where;
}

export interface ReleaseFacts {
  pipelines: ReleasePipeline[];
  evidence: ReleaseEvidence;
}

/** CI systems whose files are read for release evidence; publishing steps are looked for in GitHub-style workflows only. */
const RELEASE_CI: ReadonlySet<CiSystem> = new Set(['github-actions', 'gitlab-ci']);
const SCRIPT = /\.(?:sh|bash)$/;

/** A step that publishes binaries: GoReleaser, a GitHub release upload, ko. */
const GORELEASER_STEP = /goreleaser\/goreleaser-action|(?:^|[\s;&|(])goreleaser\s+release\b|(?:^|\s)args:\s*['"]?release\b/;
const PUBLISH_STEP = /softprops\/action-gh-release|ncipollo\/release-action|svenstaro\/upload-release-action|actions\/upload-release-asset|\bgh\s+release\s+(?:create|upload)\b|(?:^|[\s;&|(])ko\s+(?:build|publish|resolve|apply)\b|ko-build\/setup-ko/;

const SIGNATURE = /\bcosign\s+sign(?:-blob)?\b|sigstore\/cosign-installer|sigstore\/gh-action-sigstore|^\s*(?:signs|binary_signs|docker_signs):|\bgpg2?\b.*--detach-sign|\bminisign\b.*\s-S\b|\bnotation\s+sign\b/;
const PROVENANCE = /actions\/attest-build-provenance|actions\/attest@|slsa-framework\/slsa-github-generator|\bcosign\s+attest\b|^\s*provenance:\s*['"]?(?:true|mode=)/;
const SBOM = /^\s*sboms:|anchore\/sbom-action|\bsyft\b|cyclonedx|actions\/attest-sbom|^\s*sbom:\s*['"]?true|\bspdx\b|\bbom\s+generate\b/i;

/** Release actions that upload only what their `files:` / `artifacts:` input lists (without it: release notes only). */
const RELEASE_ACTION = /softprops\/action-gh-release|ncipollo\/release-action/;

/** Whether the workflow step starting at line index `at` has a files/artifacts input (until the next step or job). */
function stepHasFiles(lines: string[], at: number): boolean {
  const indent = (l: string) => l.length - l.trimStart().length;
  const dash = /^(\s*)-\s/.exec(lines[at]!);
  // `- uses: x` starts the step; `uses: x` under `- name:` is a key of a step two columns left of it
  const stepIndent = dash ? dash[1]!.length : indent(lines[at]!) - 2;
  for (let i = at + 1; i < lines.length && i < at + 40; i++) {
    const l = lines[i]!;
    if (!l.trim() || comment(l)) continue;
    if (indent(l) <= stepIndent) return false;
    if (/^\s*(?:files|artifacts):/.test(l)) return true;
  }
  return false;
}

function comment(line: string): boolean {
  return /^\s*#/.test(line);
}

export const RELEASE_PIPELINES = factKey<ReleaseFacts>('release:pipelines');

export const releaseFactsProvider = defineProvider({
  provides: RELEASE_PIPELINES,
  reads: [filesInput('CI configs, GoReleaser configs, Makefiles and scripts', (r) => isCiConfigPath(r) || isGoreleaserPath(r) || isMakefilePath(r) || /\.(sh|bash)$/.test(r)), factInput(GORELEASER_CONFIGS)],
  cacheable: true,
  compute: (repo): ReleaseFacts => {
    const facts: ReleaseFacts = { pipelines: [], evidence: {} };
    const ev = facts.evidence;
    const note = (key: keyof ReleaseEvidence, file: string, line: number) => { ev[key] ??= { file, line }; };
    const tooling = repo.filesWhere((rel, base) => {
      const ci = ciSystemOf(rel)?.system;
      if (ci && RELEASE_CI.has(ci)) return true;
      // GoReleaser configs, Makefiles and scripts count only where they build what ships (not examples/, testdata/, docs)
      if (!isGoreleaserPath(rel) && !isMakefilePath(rel) && !/\.mk$/.test(base) && !SCRIPT.test(base)) return false;
      const role = roleOfPath(rel);
      return role === 'production' || role === 'tooling';
    });
    const goreleaserSteps: (Where & { text: string })[] = [];
    for (const rel of tooling.sort()) {
      const { text } = repo.readText(rel);
      if (text === undefined) continue;
      const lines = text.split('\n');
      const workflow = ciSystemOf(rel)?.system === 'github-actions';
      let remoteReusable: string | undefined;
      let publish: (Where & { text: string }) | undefined;
      lines.forEach((l, i) => {
        if (comment(l)) return;
        const line = i + 1;
        if (SIGNATURE.test(l)) note('signature', rel, line);
        if (PROVENANCE.test(l)) note('provenance', rel, line);
        if (SBOM.test(l)) note('sbom', rel, line);
        if (!workflow) return;
        const t = l.trim().replace(/^-\s*/, '');
        if (/^uses:\s*[\w.-]+\/[\w.-]+\/\.github\/workflows\//.test(t)) remoteReusable ??= t;
        if (GORELEASER_STEP.test(l)) goreleaserSteps.push({ file: rel, line, text: t });
        else if (PUBLISH_STEP.test(l) && (!RELEASE_ACTION.test(l) || stepHasFiles(lines, i))) publish ??= { file: rel, line, text: t };
      });
      if (publish) facts.pipelines.push({ kind: 'workflow', file: publish.file, line: publish.line, step: publish, partial: remoteReusable && `the workflow calls ${remoteReusable}` });
    }
    for (const g of goreleaserConfigs(repo)) {
      if (!g.parsed || roleOfPath(g.file) !== 'production') continue;
      const step = goreleaserSteps.find((s) => /uses:|goreleaser\s+release/.test(s.text)) ?? goreleaserSteps[0];
      facts.pipelines.push({
        kind: 'goreleaser', file: g.file, line: g.buildsLine ?? 1, step,
        partial: g.sections.includes !== undefined ? 'the config includes other files (`includes:`)' : undefined,
      });
    }
    return facts;
  },
});

export function releaseFacts(repo: RepoFacts): ReleaseFacts {
  return repo.fact(RELEASE_PIPELINES);
}
