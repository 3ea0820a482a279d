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
import { GORELEASER_CONFIGS, goreleaserConfigs, isGoreleaserPath, parseGoreleaser, type GoreleaserFacts } from './goreleaser.js';
import { isMakefilePath } from './makefile.js';
import { isDockerfilePath } from './dockerfile-path.js';
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
  /**
   * How it is seen to publish: 'ci' (a workflow step publishes, or runs GoReleaser with this config to publish),
   * 'manual' (a GoReleaser config no visible step runs: released by hand) or 'snapshot' (a GoReleaser config the
   * tooling only runs to build a snapshot: `--snapshot`, `--skip=publish`; it publishes, if at all, by hand).
   */
  publishes: 'ci' | 'manual' | 'snapshot';
  /** The pipeline produces its own SBOM whatever the rest of the tooling does (ko attaches an SPDX SBOM to each image it pushes unless `--sbom=none`). */
  sbom?: Where;
}

export interface ReleaseEvidence {
  signature?: Where;
  provenance?: Where;
  sbom?: Where;
}

export interface ReleaseFacts {
  pipelines: ReleasePipeline[];
  /** Found in the workflows, composite actions, Makefiles and scripts: it counts for every pipeline. */
  evidence: ReleaseEvidence;
  /**
   * Found in GoReleaser configs (`signs:`, `sboms:`…): GoReleaser signs and lists only what GoReleaser builds, so it
   * counts for the GoReleaser pipelines, not for files a workflow builds and uploads itself.
   */
  goreleaserEvidence: ReleaseEvidence;
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
const GORELEASER_STEP = /goreleaser\/goreleaser-action|(?:^|[\s;&|(])goreleaser\s+(?:release\b|-(?!-?(?:v|version|h|help)\b))|(?:^|\s)args:\s*['"]?release\b/;
const PUBLISH_STEP = /softprops\/action-gh-release|ncipollo\/release-action|svenstaro\/upload-release-action|actions\/upload-release-asset|\bgh\s+release\s+(?:create|upload)\b|(?:^|[\s;&|(])ko\s+(?:build|publish|resolve|apply)\b|ko-build\/setup-ko/;

/**
 * A signature of the artifacts: cosign, GoReleaser's signs, gpg, minisign, notation; and the platforms' code signing of
 * executables and installers (blind sample of 2026-12-29: .exe and .msi signed with signtool, called through a
 * variable `& $latestSigntool sign`): Authenticode (signtool, osslsigncode, AzureSignTool, Azure Trusted Signing) and
 * Apple's codesign/rcodesign.
 */
const SIGNATURE = /\bcosign\s+sign(?:-blob)?\b|sigstore\/cosign-installer|sigstore\/gh-action-sigstore|^\s*(?:signs|binary_signs|docker_signs):|\bgpg2?\b.*--detach-sign|\bminisign\b.*\s-S\b|\bnotation\s+sign\b|signtool(?:\.exe)?['"]?\s+sign\b|\bosslsigncode\s+sign\b|\bazuresigntool(?:\.exe)?\s+sign\b|azure\/trusted-signing-action|\bcodesign\s+(?:[^\n]*\s)?(?:-s|--sign)\s|\brcodesign\s+sign\b/i;
const PROVENANCE = /actions\/attest-build-provenance|actions\/attest@|slsa-framework\/slsa-github-generator|\bcosign\s+attest\b|^\s*provenance:\s*['"]?(?:true|mode=)/;
const SBOM = /^\s*sboms:|anchore\/sbom-action|\bsyft\b|cyclonedx|actions\/attest-sbom|^\s*sbom:\s*['"]?true|\bspdx\b|\bbom\s+generate\b/i;

/** A ko step (setup or a command that builds and pushes images), and ko's SBOM switched off (its default is an SPDX SBOM attached to each image). */
const KO_STEP = /(?:^|[\s;&|(])ko\s+(?:build|publish|resolve|apply)\b|ko-build\/setup-ko/;
const KO_SBOM_OFF = /--sbom[=\s]+['"]?none\b/;

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
  // a workflow expression (`${{ steps.check.outputs.tag }}`) is one word, whatever spaces or `||` it holds
  const m = /\bgh\s+release\s+(create|upload)\s+(.*)$/.exec(text.replace(/\$\{\{[^}]*\}\}/g, 'X'));
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
function uploadKind(lines: string[], at: number, manifestArchive: (file: string) => boolean): 'nothing' | 'manifests' | 'artifacts' {
  const l = lines[at]!;
  const files = RELEASE_ACTION.test(l) ? stepFiles(lines, at) : /\bgh\s+release\s+(?:create|upload)\b/.test(l) ? ghReleaseFiles(lines, at) : undefined;
  if (files === undefined) return 'artifacts';
  if (!files.length) return 'nothing';
  const ext = (f: string) => /\.([\w*]+)$/.exec(f.replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\w+/g, 'X'))?.[1]?.toLowerCase();
  const kinds = files.map((f) => {
    const e = ext(f);
    if (e !== undefined && /^(tgz|gz|zip)$/.test(e) && manifestArchive(f)) return 'manifest';
    return e === undefined ? 'artifact' : /^(ya?ml|json)$/.test(e) ? 'manifest' : e === '*' ? 'unknown' : 'artifact';
  });
  // a wildcard extension beside manifests (scalers-schema-v1.*) is another rendering of a document
  return kinds.includes('artifact') || !kinds.includes('manifest') ? 'artifacts' : 'manifests';
}

/** A file name with its variables (`${{ github.ref_name }}`, `$(VERSION)`, `${TAG}`, `$TAG`) as `*`: how an upload and the command making it are matched. */
function nameGlob(file: string): string {
  const base = file.replace(/\$\{\{[^}]*\}\}|\$\([^)]*\)|\$\{[^}]*\}|\$\w+/g, '*').replace(/^['"]|['"]$/g, '');
  return base.slice(base.lastIndexOf('/') + 1).replace(/\*+/g, '*');
}

function globsMeet(a: string, b: string): boolean {
  const re = (g: string) => new RegExp(`^${g.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return a === b || re(a).test(b) || re(b).test(a);
}

/**
 * An archive named as a Helm chart or a bundle of manifests (`helm-chart-v1.2.0.tgz`, `crds.tar.gz`,
 * `manifests-${TAG}.tgz`): the name alone, a word of it before the version or the end.
 */
const MANIFEST_ARCHIVE_NAME = /(?:^|[-_.])(?:helm[-_]?charts?|charts?|crds?|manifests?)(?:[-_.](?:v?\d|\*)|\.(?:tgz|tar\.gz|zip)$)/i;

/** The archives a `tar -c` command of the tooling writes and the directories it packs (`tar -czf out.tgz -C dir .`, `tar czf out.tgz dir`). */
function tarCommand(line: string): { out: string; dirs: string[] } | undefined {
  const m = /(?:^|[\s;&|(])tar\s+(.*)$/.exec(line);
  if (!m) return undefined;
  const words = m[1]!.split(/[;&|]/)[0]!.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^['"]|['"]$/g, '')) ?? [];
  let out: string | undefined;
  let create = false;
  let cd: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^--file=/.test(w)) out = w.slice(7);
    else if (w === '--file') out = words[++i];
    else if (w === '--create') create = true;
    else if (w === '-C' || w === '--directory') cd = words[++i];
    else if (/^--directory=/.test(w)) cd = w.slice(12);
    else if (/^-?[a-zA-Z]+$/.test(w) && (w.startsWith('-') || i === 0) && /c/.test(w) && !/^--/.test(w)) {
      create = true;
      // bundled short options: `f` takes the next word
      if (/f/.test(w)) out = words[++i];
    } else if (w.startsWith('-')) continue;
    else dirs.push(cd && (w === '.' || w === './') ? cd : cd ? `${cd}/${w}` : w);
  }
  return create && out ? { out, dirs: dirs.map((d) => d.replace(/^\.\//, '').replace(/\/+$/, '')) } : undefined;
}

/** GoReleaser flags that take a value (the word after them is not the subcommand). */
const GORELEASER_VALUE_FLAGS = /^(?:-f|--config|-p|--parallelism|--timeout|-k|--key|--id|--skip|--release-notes|--release-header|--release-footer|--release-notes-tmpl|--release-header-tmpl|--release-footer-tmpl)$/;

/**
 * The GoReleaser subcommand a line runs (`goreleaser release`, `goreleaser build`…), 'release' for the bare command
 * with flags (`goreleaser --skip-publish`, `goreleaser -f .goreleaser-nightly.yml --rm-dist`: release is its default),
 * or undefined.
 */
function goreleaserSubcommand(line: string): string | undefined {
  const m = /(?:^|[\s;&|("'\/])goreleaser\s+(.*)$/.exec(line);
  if (!m) return undefined;
  const words = m[1]!.split(/[;&|)]/)[0]!.trim().split(/\s+/).filter(Boolean);
  let flags = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (/^(?:-v|--version|-h|--help)$/.test(w)) return undefined;
      flags++;
      if (GORELEASER_VALUE_FLAGS.test(w)) i++;
      continue;
    }
    return /^[a-z]+$/.test(w) ? w : undefined;
  }
  return flags ? 'release' : undefined;
}

/** A GoReleaser run that publishes nothing: a build, a snapshot, `--skip=publish` (`--skip publish`, `--skip-publish`). */
function nonPublishingRun(text: string): boolean {
  return /(?:^|\s)--(?:snapshot|skip-publish)\b|--skip[=\s]+['"]?[\w,]*\bpublish\b/.test(text) || /^build$/.test(goreleaserSubcommand(text) ?? '');
}

/** The `args:` input of the step whose `uses:` line is `at` (the lines up to the next step), if written. */
function stepArgs(lines: string[], at: number): string | undefined {
  for (let i = at + 1; i < lines.length && i < at + 15; i++) {
    if (/^\s*-\s/.test(lines[i]!)) break;
    const m = /^\s*args:\s*(.*)$/.exec(lines[i]!);
    if (m) return m[1]!;
  }
  return undefined;
}

/** The subcommand of a goreleaser-action step's `args:` input ('release' when it has none or only flags: the action's default). */
function actionArgs(lines: string[], at: number): string {
  return goreleaserSubcommand(`goreleaser ${(stepArgs(lines, at) ?? '').replace(/^['"]|['"]$/g, '')}`) ?? 'release';
}

const CONFIG_FLAG = /(?:--config[=\s]+|-f\s+)['"]?([^\s'"]+)/;

/** The GoReleaser config a step names (`--config X`, `-f X`, on its line or in its `args:` input), if any. */
function stepConfig(lines: string[], at: number): string | undefined {
  return (CONFIG_FLAG.exec(lines[at]!) ?? CONFIG_FLAG.exec(stepArgs(lines, at) ?? ''))?.[1];
}

interface GoreleaserStep extends Where { text: string; config?: string; snapshot: boolean }

/**
 * The step that runs GoReleaser with config `file` (one naming it, else one naming none for the default config, else
 * any), a publishing one first; and how the config is seen to publish: 'ci' by that step, 'snapshot' when every step
 * running it only builds a snapshot (a pull-request check: the step is still the one that runs it, what its workflow
 * sets up is what builds it), 'manual' when no step runs it.
 */
function stepFor(file: string, steps: GoreleaserStep[]): { step?: Where & { text: string }; publishes: ReleasePipeline['publishes'] } {
  const base = file.split('/').pop()!;
  const runs = (s: { text: string }) => /uses:|goreleaser\s+(?:release|-)/.test(s.text);
  const named = steps.filter((s) => s.config && (s.config === file || s.config.replace(/^\.\//, '') === file || s.config.split('/').pop() === base));
  const defaults = /^\.?goreleaser\.ya?ml$/.test(base) ? steps.filter((s) => !s.config) : [];
  const group = named.length ? named : defaults.length ? defaults : steps;
  const publishing = group.filter((s) => !s.snapshot);
  const pick = publishing.find(runs) ?? publishing[0] ?? group.find(runs) ?? group[0];
  if (!pick) return { publishes: 'manual' };
  return { step: { file: pick.file, line: pick.line, text: pick.text }, publishes: publishing.length ? 'ci' : 'snapshot' };
}

/** YAML files in a directory of GoReleaser configs (`.goreleaser/release.yaml`), whatever their names. */
function inGoreleaserDir(rel: string): boolean {
  return /(?:^|\/)\.?goreleaser\/[^/]+\.ya?ml$/i.test(rel);
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
  // Dockerfiles too: a bake target can run `goreleaser build` inside one (the release then publishes nothing itself);
  // Helm charts' Chart.yaml: an uploaded archive a tar command packs from a chart directory ships manifests only
  reads: [filesInput('CI configs, GoReleaser configs, Makefiles, scripts, Dockerfiles and Helm charts', (r, base) => isCiConfigPath(r) || isGoreleaserPath(r) || inGoreleaserDir(r) || isMakefilePath(r) || /\.(sh|bash)$/.test(r) || isDockerfilePath(r) || base === 'Chart.yaml'), factInput(GORELEASER_CONFIGS)],
  cacheable: true,
  compute: (repo): ReleaseFacts => {
    const facts: ReleaseFacts = { pipelines: [], evidence: {}, goreleaserEvidence: {}, workflows: [] };
    const noteIn = (ev: ReleaseEvidence, key: keyof ReleaseEvidence, file: string, line: number) => { ev[key] ??= { file, line }; };
    const isConfig = (rel: string) => isGoreleaserPath(rel) || inGoreleaserDir(rel);
    const tooling = repo.filesWhere((rel, base) => {
      const ci = ciSystemOf(rel)?.system;
      if (ci && RELEASE_CI.has(ci)) return true;
      // GoReleaser configs, Makefiles and scripts count only where they build what ships (not examples/, testdata/, docs)
      if (!isConfig(rel) && !isMakefilePath(rel) && !/\.mk$/.test(base) && !SCRIPT.test(base)) return false;
      const role = repo.roleOf(rel);
      return role === 'production' || role === 'tooling';
    }).sort();
    const goreleaserSteps: GoreleaserStep[] = [];
    const goreleaserCommands: string[] = [];
    /** Configs the tooling names (`goreleaser release --config X`, `-f X`), whatever their file names. */
    const namedConfigs = new Set<string>();
    // Dockerfiles can run GoReleaser too (a bake target that runs `goreleaser build` for the images)
    for (const rel of repo.filesWhere((r) => isDockerfilePath(r) && repo.roleOf(r) === 'production')) {
      for (const l of (repo.readText(rel).text ?? '').split('\n')) {
        const sub = !comment(l) ? goreleaserSubcommand(l) : undefined;
        if (sub) goreleaserCommands.push(sub);
      }
    }
    const texts = new Map(tooling.map((rel) => [rel, repo.readText(rel).text] as const));
    // the archives the tooling packs with tar, and whether all they pack is a Helm chart (a directory with a Chart.yaml)
    const charts = new Set(repo.filesWhere((_, base) => base === 'Chart.yaml').map((f) => f.slice(0, f.lastIndexOf('/') + 1).replace(/\/$/, '')));
    const tars: { out: string; manifests: boolean }[] = [];
    for (const [rel, text] of texts) {
      if (isConfig(rel) || text === undefined) continue;
      for (const l of text.split('\n')) {
        const t = !comment(l) ? tarCommand(l) : undefined;
        if (t) tars.push({ out: nameGlob(t.out), manifests: t.dirs.length > 0 && t.dirs.every((d) => charts.has(d)) });
      }
    }
    const manifestArchive = (file: string): boolean => {
      const glob = nameGlob(file);
      const made = tars.filter((t) => globsMeet(t.out, glob));
      return made.length ? made.every((t) => t.manifests) : MANIFEST_ARCHIVE_NAME.test(glob);
    };
    for (const [rel, text] of texts) {
      if (text === undefined) continue;
      const lines = text.split('\n');
      const workflow = ciSystemOf(rel)?.system === 'github-actions';
      // GoReleaser signs and lists only what GoReleaser builds (see ReleaseFacts.goreleaserEvidence)
      const ev = isConfig(rel) ? facts.goreleaserEvidence : facts.evidence;
      let remoteReusable: string | undefined;
      const publishing: (Where & { text: string; ko: boolean })[] = [];
      lines.forEach((l, i) => {
        if (comment(l)) return;
        const line = i + 1;
        const sub = goreleaserSubcommand(l);
        if (sub) {
          goreleaserCommands.push(sub);
          if (!workflow) {
            const config = CONFIG_FLAG.exec(l)?.[1];
            if (config && !nonPublishingRun(l)) namedConfigs.add(config.replace(/^\.\//, ''));
          }
        } else if (/goreleaser\/goreleaser-action/.test(l)) goreleaserCommands.push(actionArgs(lines, i));
        if (SIGNATURE.test(l)) noteIn(ev, 'signature', rel, line);
        if (PROVENANCE.test(l)) noteIn(ev, 'provenance', rel, line);
        if (SBOM.test(l)) noteIn(ev, 'sbom', rel, line);
        if (!workflow) return;
        const t = l.trim().replace(/^-\s*/, '');
        if (/^uses:\s*[\w.-]+\/[\w.-]+\/\.github\/workflows\//.test(t)) remoteReusable ??= t;
        if (GORELEASER_STEP.test(l)) {
          const config = stepConfig(lines, i);
          const snapshot = nonPublishingRun(/goreleaser\/goreleaser-action/.test(l) ? `goreleaser ${stepArgs(lines, i) ?? ''}` : l);
          goreleaserSteps.push({ file: rel, line, text: t, config, snapshot });
          if (config && !snapshot) namedConfigs.add(config.replace(/^\.\//, ''));
        }
        // a step that attaches nothing or only YAML/JSON manifests (or a chart archive) publishes nothing to sign
        // (blind samples: keda, nack; a notes-only `gh release create`, a Helm chart tarball)
        else if (PUBLISH_STEP.test(l) && (!RELEASE_ACTION.test(l) || stepFiles(lines, i) !== undefined) && uploadKind(lines, i, manifestArchive) === 'artifacts') {
          publishing.push({ file: rel, line, text: t, ko: KO_STEP.test(l) });
        }
      });
      // files uploaded beside a ko image come first (ko's SBOM covers only the image), then the ko command that pushes
      const publish = publishing.find((p) => !p.ko) ?? publishing.find((p) => !/setup-ko/.test(p.text)) ?? publishing[0];
      if (publish) {
        const sbomOff = lines.some((l) => !comment(l) && KO_SBOM_OFF.test(l));
        facts.pipelines.push({
          kind: 'workflow', file: publish.file, line: publish.line, step: { file: publish.file, line: publish.line, text: publish.text },
          partial: remoteReusable && `the workflow calls ${remoteReusable}`, publishes: 'ci',
          ...(publish.ko && !sbomOff ? { sbom: { file: publish.file, line: publish.line } } : {}),
        });
      }
      if (workflow && (publish || goreleaserSteps.some((g) => g.file === rel) || triggersOnRelease(lines)
        || lines.some((l, i) => !comment(l) && (IMAGE_PUSH.test(l) || (PUSH_ACTION.test(l) && actionPushes(lines, i)))))) facts.workflows.push(rel);
    }
    // GoReleaser is run, and only ever to build (`goreleaser build` for images): nothing is published
    const buildOnly = goreleaserCommands.length > 0 && goreleaserCommands.every((c) => /^(build|check|healthcheck|init|jsonschema|completion|man)$/.test(c));
    // the configs: by their names, in a directory of configs, or named by a command that runs them
    const known = goreleaserConfigs(repo);
    const others: GoreleaserFacts[] = [];
    for (const rel of new Set([...tooling.filter(inGoreleaserDir), ...namedConfigs])) {
      if (known.some((g) => g.file === rel) || isGoreleaserPath(rel)) continue;
      const text = texts.get(rel) ?? repo.readText(rel).text;
      if (text === undefined || !/^(?:builds|archives|project_name|release|version):/m.test(text)) continue;
      others.push(parseGoreleaser(rel, text, []));
      if (!texts.has(rel)) {
        text.split('\n').forEach((l, i) => {
          if (comment(l)) return;
          if (SIGNATURE.test(l)) noteIn(facts.goreleaserEvidence, 'signature', rel, i + 1);
          if (PROVENANCE.test(l)) noteIn(facts.goreleaserEvidence, 'provenance', rel, i + 1);
          if (SBOM.test(l)) noteIn(facts.goreleaserEvidence, 'sbom', rel, i + 1);
        });
      }
    }
    for (const g of [...known, ...others]) {
      if (!g.parsed || repo.roleOf(g.file) !== 'production' || !g.uploadsArtifacts || buildOnly) continue;
      const { step, publishes } = stepFor(g.file, goreleaserSteps);
      facts.pipelines.push({
        kind: 'goreleaser', file: g.file, line: g.buildsLine ?? 1, step, publishes,
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
