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
import { isDockerfilePath } from './dockerfile-path.js';
import { roleOfPath } from '../core/code-roles.js';
import { isTestJobFile } from '../core/work-names.js';
import { ciFacts, ciSystemOf, isCiConfigPath } from './ci-config.js';
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
  /**
   * CI files that release: a publishing or GoReleaser step, an image push, or a trigger on tags or
   * releases. What their steps build is what ships.
   */
  workflows: string[];
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

const indentOf = (l: string) => l.length - l.trimStart().length;

/** The lines (index, text) of the step whose `uses:` line is `at`, after it: comment and blank lines skipped, at most 40. */
function* stepLinesAfter(lines: string[], at: number): Generator<[number, string]> {
  const dash = /^(\s*)-\s/.exec(lines[at]!);
  const stepIndent = dash ? dash[1]!.length : indentOf(lines[at]!) - 2;
  for (let i = at + 1; i < lines.length && i < at + 40; i++) {
    const l = lines[i]!;
    if (!l.trim() || comment(l)) continue;
    if (indentOf(l) <= stepIndent) return;
    yield [i, l];
  }
}

/** The values of the step's files/artifacts input (a block scalar or an inline list), or undefined. */
function stepFiles(lines: string[], at: number): string[] | undefined {
  for (const [i, l] of stepLinesAfter(lines, at)) {
    const m = /^(\s*)(?:files|artifacts):\s*(.*)$/.exec(l);
    if (!m) continue;
    const inline = m[2]!.replace(/\s+#.*$/, '').trim();
    // an expression (${{ steps.v.outputs.VERSION }}) is one word
    const words = (t: string) => t.replace(/\$\{\{[^}]*\}\}/g, 'X').split(/[\s,]+/).filter(Boolean);
    if (inline && !/^[|>][-+]?$/.test(inline)) return words(inline.replace(/^['"]|['"]$/g, ''));
    const out: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!;
      if (!b.trim()) continue;
      if (indentOf(b) <= m[1]!.length) break;
      out.push(...words(b.trim()));
    }
    return out;
  }
  return undefined;
}

/** `gh release create|upload` flags that take a value. */
const GH_VALUE_FLAGS = new Set(['--target', '--title', '-t', '--notes', '-n', '--notes-file', '-F', '--repo', '-R', '--discussion-category', '--notes-start-tag']);

/** The files a `gh release create|upload` command attaches (continuation lines joined), or undefined when not readable. */
function ghReleaseFiles(lines: string[], at: number): string[] | undefined {
  let text = lines[at]!;
  for (let i = at; /\\\s*$/.test(lines[i]!) && i + 1 < lines.length && i < at + 30; i++) text = `${text.replace(/\\\s*$/, ' ')}${lines[i + 1]!}`;
  const m = /\bgh\s+release\s+(create|upload)\s+(.*)$/.exec(text);
  if (!m) return undefined;
  const words = m[2]!.split(/[;&|]/)[0]!.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (GH_VALUE_FLAGS.has(w)) i++;
      continue;
    }
    positional.push(w.replace(/^['"]|['"]$/g, ''));
  }
  return positional.slice(1); // after the tag
}

/**
 * What a publishing step uploads: 'nothing' (a release with notes only), 'manifests' (only YAML/JSON
 * documents: Kubernetes manifests, CRDs, schemas — nothing anyone signs or lists in an SBOM) or
 * 'artifacts' (binaries, archives, or files that cannot be told).
 */
function uploadKind(lines: string[], at: number): 'nothing' | 'manifests' | 'artifacts' {
  const l = lines[at]!;
  const files = RELEASE_ACTION.test(l) ? stepFiles(lines, at) : /\bgh\s+release\s+(?:create|upload)\b/.test(l) ? ghReleaseFiles(lines, at) : undefined;
  if (files === undefined) return 'artifacts';
  if (!files.length) return 'nothing';
  const ext = (f: string) => /\.([\w*]+)$/.exec(f.replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\w+/g, 'X'))?.[1]?.toLowerCase();
  const kinds = files.map((f) => {
    const e = ext(f);
    return e === undefined ? 'artifact' : /^(ya?ml|json)$/.test(e) ? 'manifest' : e === '*' ? 'unknown' : 'artifact';
  });
  // a wildcard extension beside manifests (scalers-schema-v1.*) is another rendering of a document
  return kinds.includes('artifact') || !kinds.includes('manifest') ? 'artifacts' : 'manifests';
}

/** GoReleaser subcommands run anywhere in the tooling (`goreleaser release`, `goreleaser build`…); the action counts as release unless its args say otherwise. */
const GORELEASER_COMMAND = /(?:^|[\s;&|("'\/])goreleaser\s+(?:--\S+\s+)*([a-z]+)\b/;

/** The `args:` input of the step whose `uses:` line is `at` (the lines up to the next step), if written. */
function stepArgs(lines: string[], at: number): string | undefined {
  for (let i = at + 1; i < lines.length && i < at + 15; i++) {
    if (/^\s*-\s/.test(lines[i]!)) break;
    const m = /^\s*args:\s*(.*)$/.exec(lines[i]!);
    if (m) return m[1]!;
  }
  return undefined;
}

/** The first word of a goreleaser-action step's `args:` input ('release' when it has none: the action's default). */
function actionArgs(lines: string[], at: number): string {
  return /^['"]?(?:--\S+\s+)*([a-z]+)/.exec(stepArgs(lines, at) ?? '')?.[1] ?? 'release';
}

const CONFIG_FLAG = /(?:--config[=\s]+|-f\s+)['"]?([^\s'"]+)/;

/** The GoReleaser config a step names (`--config X`, `-f X`, on its line or in its `args:` input), if any. */
function stepConfig(lines: string[], at: number): string | undefined {
  return (CONFIG_FLAG.exec(lines[at]!) ?? CONFIG_FLAG.exec(stepArgs(lines, at) ?? ''))?.[1];
}

/** The step that runs GoReleaser with config `file`: one naming it, else one naming none (the default config), else any. */
function stepFor(file: string, steps: (Where & { text: string; config?: string })[]): (Where & { text: string }) | undefined {
  const base = file.split('/').pop()!;
  const runs = (s: { text: string }) => /uses:|goreleaser\s+release/.test(s.text);
  const named = steps.filter((s) => s.config && (s.config === file || s.config.replace(/^\.\//, '') === file || s.config.split('/').pop() === base));
  const defaults = /^\.?goreleaser\.ya?ml$/.test(base) ? steps.filter((s) => !s.config) : [];
  const pick = named.find(runs) ?? named[0] ?? defaults.find(runs) ?? defaults[0] ?? steps.find(runs) ?? steps[0];
  return pick && { file: pick.file, line: pick.line, text: pick.text };
}

/** A step that pushes images (a release of the image, whatever the trigger). */
const IMAGE_PUSH = /\bdocker\s+(?:image\s+)?push\b|\bbuildx\s+(?:build|bake)\b.*\s--push\b|\bpodman\s+push\b|\bcrane\s+(?:push|copy)\b/;
/** The docker actions (or an organisation's copy of them) that push only with `push: true` (their default is false). */
const PUSH_ACTION = /\/(?:build-push|bake)-action\b/;

/** A docker/build-push-action or bake-action step (its `uses:` line at `at`) whose `push:` input is set (true or an expression). */
function actionPushes(lines: string[], at: number): boolean {
  for (const [, l] of stepLinesAfter(lines, at)) {
    const m = /^\s*push:\s*(.*?)\s*(?:#.*)?$/.exec(l);
    if (m) return !/^(?:['"]?false['"]?)?$/.test(m[1]!);
  }
  // the `uses:` line after `name:`/`with:` lines: look back to the step's start as well
  for (let i = at - 1; i >= 0 && i > at - 40; i--) {
    const l = lines[i]!;
    if (/^\s*-\s/.test(l)) break;
    const m = /^\s*push:\s*(.*?)\s*(?:#.*)?$/.exec(l);
    if (m) return !/^(?:['"]?false['"]?)?$/.test(m[1]!);
  }
  return false;
}

/** The `on:` block of a workflow triggers on tags or on releases (`push: tags:`, `release:`, `on: [release]`, `on: release`). */
export function triggersOnRelease(lines: string[]): boolean {
  const start = lines.findIndex((l) => /^['"]?on['"]?\s*:/.test(l));
  if (start < 0) return false;
  const inline = /^['"]?on['"]?\s*:\s*(.+)$/.exec(lines[start]!)?.[1] ?? '';
  if (/\brelease\b/.test(inline.replace(/#.*/, ''))) return true;
  for (let i = start + 1; i < lines.length && !/^\S/.test(lines[i]!); i++) {
    if (/^\s+(?:tags|release)\s*:/.test(lines[i]!) && !comment(lines[i]!)) return true;
  }
  return false;
}

function comment(line: string): boolean {
  return /^\s*#/.test(line);
}

export const RELEASE_PIPELINES = factKey<ReleaseFacts>('release:pipelines');

export const releaseFactsProvider = defineProvider({
  provides: RELEASE_PIPELINES,
  // Dockerfiles too: a bake target can run `goreleaser build` inside one (the release then publishes nothing itself)
  reads: [filesInput('CI configs, GoReleaser configs, Makefiles, scripts and Dockerfiles', (r) => isCiConfigPath(r) || isGoreleaserPath(r) || isMakefilePath(r) || /\.(sh|bash)$/.test(r) || isDockerfilePath(r)), factInput(GORELEASER_CONFIGS)],
  cacheable: true,
  compute: (repo): ReleaseFacts => {
    const facts: ReleaseFacts = { pipelines: [], evidence: {}, workflows: [] };
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
    const goreleaserSteps: (Where & { text: string; config?: string })[] = [];
    const goreleaserCommands: string[] = [];
    // Dockerfiles can run GoReleaser too (a bake target that runs `goreleaser build` for the images)
    for (const rel of repo.filesWhere((r) => isDockerfilePath(r) && roleOfPath(r) === 'production')) {
      for (const l of (repo.readText(rel).text ?? '').split('\n')) {
        const gr = !comment(l) && GORELEASER_COMMAND.exec(l);
        if (gr) goreleaserCommands.push(gr[1]!);
      }
    }
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
        const gr = GORELEASER_COMMAND.exec(l);
        if (gr) goreleaserCommands.push(gr[1]!);
        else if (/goreleaser\/goreleaser-action/.test(l)) goreleaserCommands.push(actionArgs(lines, i));
        if (SIGNATURE.test(l)) note('signature', rel, line);
        if (PROVENANCE.test(l)) note('provenance', rel, line);
        if (SBOM.test(l)) note('sbom', rel, line);
        if (!workflow) return;
        const t = l.trim().replace(/^-\s*/, '');
        if (/^uses:\s*[\w.-]+\/[\w.-]+\/\.github\/workflows\//.test(t)) remoteReusable ??= t;
        if (GORELEASER_STEP.test(l)) goreleaserSteps.push({ file: rel, line, text: t, config: stepConfig(lines, i) });
        // a step that attaches nothing or only YAML/JSON manifests publishes nothing to sign (blind samples: keda, nack)
        else if (PUBLISH_STEP.test(l) && (!RELEASE_ACTION.test(l) || stepFiles(lines, i) !== undefined) && uploadKind(lines, i) === 'artifacts') publish ??= { file: rel, line, text: t };
      });
      if (publish) facts.pipelines.push({ kind: 'workflow', file: publish.file, line: publish.line, step: publish, partial: remoteReusable && `the workflow calls ${remoteReusable}` });
      if (workflow && (publish || goreleaserSteps.some((g) => g.file === rel) || triggersOnRelease(lines)
        || lines.some((l, i) => !comment(l) && (IMAGE_PUSH.test(l) || (PUSH_ACTION.test(l) && actionPushes(lines, i)))))) facts.workflows.push(rel);
    }
    // GoReleaser is run, and only ever to build (`goreleaser build` for images): nothing is published
    const buildOnly = goreleaserCommands.length > 0 && goreleaserCommands.every((c) => /^(build|check|healthcheck|init|jsonschema|completion|man)$/.test(c));
    for (const g of goreleaserConfigs(repo)) {
      if (!g.parsed || roleOfPath(g.file) !== 'production' || !g.uploadsArtifacts || buildOnly) continue;
      const step = stepFor(g.file, goreleaserSteps);
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

/** CI systems whose release steps goready follows; with any other CI in the repository the release path may be elsewhere. */
const FOLLOWED_RELEASE_CI: ReadonlySet<CiSystem> = new Set(['github-actions']);

/**
 * Whether a CI file of a system whose release steps are not followed may hold the release: not when its name says it
 * is a test job (blind sample 11: e2e pipelines under .buildkite beside the GitHub workflows that push the images), nor
 * when it is a Buildkite folder's YAML that runs no command (a Helm values override for the tests).
 */
function mayHoldReleaseSteps(repo: RepoFacts, file: string, system: string): boolean {
  if (isTestJobFile(file.replace(/\.ya?ml$/i, '').replace(/^\.[^/]+\//, ''))) return false;
  if (system === 'Buildkite' && !/^\s*-?\s*(?:commands?|trigger|plugins)\s*:/m.test(repo.readText(file).text ?? '')) return false;
  return true;
}

/**
 * The CI files of the release path — the release workflows and the local workflows and composite actions they call —
 * or undefined when the release path cannot be followed: CI of a system whose release steps are not read, or a
 * release workflow calling a remote reusable workflow.
 */
export function releasePathFiles(repo: RepoFacts): ReadonlySet<string> | undefined {
  // asked per Dockerfile, per build and per setting: computed once a run (it reads CI files to judge other systems)
  return repo.memo('release-path-files', () => computeReleasePathFiles(repo));
}

function computeReleasePathFiles(repo: RepoFacts): ReadonlySet<string> | undefined {
  const ci = ciFacts(repo);
  const rel = releaseFacts(repo);
  if (ci.configs.some((c) => !FOLLOWED_RELEASE_CI.has(c.system) && mayHoldReleaseSteps(repo, c.file, c.name ?? c.system))) return undefined;
  if (rel.pipelines.some((p) => p.partial && p.kind === 'workflow')) return undefined;
  return releaseWorkflowFiles(repo);
}

/**
 * The followed release workflows (GitHub-style: see `ReleaseFacts.workflows`) and the local workflows and composite
 * actions they call, whatever other CI the repository has.
 */
export function releaseWorkflowFiles(repo: RepoFacts): Set<string> {
  const ci = ciFacts(repo);
  const workflows = new Set(releaseFacts(repo).workflows);
  for (const a of ci.actions) {
    if (!workflows.has(a.file) || !a.uses.startsWith('./')) continue;
    if (a.kind !== 'local' && a.kind !== 'reusable-workflow') continue;
    const target = a.uses.replace(/^\.\//, '').replace(/@.*$/, '');
    for (const f of [target, `${target}/action.yml`, `${target}/action.yaml`]) workflows.add(f);
  }
  return workflows;
}
