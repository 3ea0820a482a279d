/**
 * Which Dockerfiles the repository's own tooling builds. Read as text: CI configurations, Makefiles,
 * shell scripts, GoReleaser configs, bake files, compose files, Cloud Build, Skaffold and Tekton
 * files. A Dockerfile is built when that text names it (`-f build/Dockerfile.prod`, `file:
 * ./tgs.Dockerfile`, `dockerfile = "x.Dockerfile"`; a name written with a variable,
 * `Dockerfile.${{ matrix.variant }}`, names every file it can expand to) or names its folder (the build
 * context of a default-named `Dockerfile`: `docker build docker/arm`, `context: ./images/app`). The
 * Dockerfile (or Containerfile) at the root is always counted as built (the default of every builder).
 *
 * When none of that text builds any image, nothing is known and every Dockerfile counts as built.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import { ciFacts, ciSystemOf } from './ci-config.js';
import { escapeRe, isMakefilePath } from './makefile.js';
import { goreleaserConfigs, isGoreleaserPath } from './goreleaser.js';
import { koConfigs } from './ko.js';
import { releasePathFiles } from './release-pipelines.js';
import type { CiImageBuild } from './ci-collector.js';
import { LOCAL_USE } from './makefile-builds.js';
import { isDockerfilePath } from './dockerfile-path.js';

const TOOLING_FILE = /(?:^|\/)(?:[^/]+\.(?:sh|bash|mk|hcl)|docker-bake[^/]*\.json|(?:docker-)?compose[^/]*\.ya?ml|cloudbuild[^/]*\.ya?ml|skaffold[^/]*\.ya?ml|Taskfile[^/]*\.ya?ml|[Jj]ustfile|Earthfile)$/;
const TEKTON = /(?:^|\/)\.tekton\/[^/]+\.ya?ml$/;
/** A command or configuration that builds a container image. */
const IMAGE_BUILD = /\b(?:docker|podman|nerdctl|buildah)\b[^\n]*\b(?:build|bud|bake)\b|build-push-action|bake-action|\bkaniko\b|cloud-builders\/docker|^\s*dockers(?:_v2)?:|^\s*dockerfile\s*[:=]|\bimg\s+build\b/im;
const DEFAULT_NAME = /^(?:dockerfile|containerfile)$/i;
/** Where a variable stands: `${{ x }}`, `${X}`, `$(X)`, `{{ .X }}`, `$X`, make's `%`. */
const VARIABLE = /\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|\$\w+|%/g;
const WILD = '\u0000';

/** A file of the repository's build tooling: CI configurations, Makefiles, scripts, release, bake, compose, Cloud Build, Skaffold, Tekton files. */
export function isToolingFile(rel: string): boolean {
  return !!ciSystemOf(rel) || isMakefilePath(rel) || isGoreleaserPath(rel) || TOOLING_FILE.test(rel) || TEKTON.test(rel);
}

/** A path token as a regular expression: variables match any run of characters within a path segment. */
function tokenPattern(token: string): RegExp {
  const src = token.split(WILD).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`(?:^|/)${src}$`, 'i');
}

/**
 * For each Dockerfile among `files` (the root's default-named one left out: always built), the tooling files that
 * build it; undefined when no tooling text of the repository builds any image (nothing is known).
 */
function dockerfileBuilders(repo: RepoFacts, files: string[]): Map<string, string[]> | undefined {
  const candidates = files.filter((f) => f.includes('/') || !DEFAULT_NAME.test(f));
  if (!candidates.length) return new Map();
  const tooling = repo.filesWhere((rel) => isToolingFile(rel)).map((rel) => ({ rel, text: repo.readText(rel).text ?? '' }));
  if (!tooling.some((t) => IMAGE_BUILD.test(t.text))) return undefined;
  const tokens = tooling.map(({ rel, text }) => {
    const fileTokens: RegExp[] = [];
    const dirTokens: RegExp[] = [];
    for (const raw of text.replace(VARIABLE, WILD).split(/[\s"'=,;&|<>`[\]()]+/)) {
      const tok = raw.replace(/^\.\//, '').replace(/[:/]+$/, '');
      const literal = tok.split(WILD).join('');
      if (!literal) continue;
      if (/dockerfile|containerfile/i.test(literal)) {
        // a bare default name is the root's Dockerfile (counted as built anyway) or one beside a named context
        if (!DEFAULT_NAME.test(tok)) fileTokens.push(tokenPattern(tok));
      } else if (tok.includes('/') && literal.length >= 3) {
        dirTokens.push(tokenPattern(tok));
      }
    }
    return { rel, text, fileTokens, dirTokens };
  });
  const out = new Map<string, string[]>();
  for (const f of candidates) {
    const slash = f.lastIndexOf('/');
    const dir = slash === -1 ? '' : f.slice(0, slash);
    const base = f.slice(slash + 1);
    const dirRe = dir ? new RegExp(`(?:^|[\\s"'=:,(])(?:\\./)?${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?(?:$|[\\s"',;)&|])`, 'm') : undefined;
    out.set(f, tokens.filter((t) => t.fileTokens.some((r) => r.test(f))
      || (DEFAULT_NAME.test(base) && dir !== '' && (t.dirTokens.some((r) => r.test(dir)) || dirRe!.test(t.text)))).map((t) => t.rel));
  }
  return out;
}

/** The folders of CI configurations, whose Dockerfiles build the CI's own tool images when nothing else builds them. */
const CI_FOLDER = /^(?:\.buildkite|\.github|\.circleci|\.gitlab|\.woodpecker|\.ci|ci)\//;
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/;

/**
 * The production Dockerfiles among `files` that ship nothing, each with the reason: those no tooling of the
 * repository builds (empty when the repository's image builds are not visible at all), and the CI's own tool images,
 * Dockerfiles in a CI configuration folder built only by compose files (blind sample of 2026-12-12: buildkite-agent's
 * .buildkite/Dockerfile-github-release, the release pipeline's tool image run through .buildkite/docker-compose.release.yml).
 * A Dockerfile there that a workflow, script or release configuration builds (pomerium's .github/Dockerfile-release,
 * containerd's release build environment) stays production.
 */
export function dockerfilesNotShipped(repo: RepoFacts, files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let composePushes: boolean | undefined;
  for (const [f, by] of dockerfileBuilders(repo, files) ?? []) {
    if (!by.length) out.set(f, 'built by no workflow, Makefile, script or release configuration of the repository');
    else if (CI_FOLDER.test(f) && by.every((b) => COMPOSE_FILE.test(b))) out.set(f, `a CI tool image: in a CI configuration folder, built only by compose files (${by.join(', ')})`);
    else if (by.every((b) => COMPOSE_FILE.test(b)) && releasePathFiles(repo)?.size && !(composePushes ??= pushesComposeImages(repo))) {
      // beside a visible release path (which publishes something else: archives, other images), a compose file builds
      // its images to run them — a local stack, an integration-test environment — not to publish them, unless the
      // tooling pushes what compose builds (blind sample 11: the integration-test database images of a project whose
      // tag workflow releases binaries). Without a release path a compose build may be how the project is deployed.
      out.set(f, `built only by compose files (${by.join(', ')}), which nothing pushes, beside a release path that publishes other artifacts: a local or test environment's image`);
    }
  }
  // where the release path builds images, the images it does not build are not shipped (blind sample 8: a
  // compose-only local stack image, an integration-test image, beside images a tag-triggered workflow or ko publishes)
  const reach = releaseImageReach(repo);
  for (const f of files) {
    if (out.has(f)) continue;
    if (reach) {
      if (reach.builds(f)) continue;
      out.set(f, `not built by the release path (${reach.what})`);
      continue;
    }
    const said = localUseHeader(repo.readText(f).text ?? '');
    if (said) out.set(f, `its header says it is not the released image: "${said.slice(0, 100)}"`);
  }
  return out;
}

/** `docker compose push`, `docker-compose push`, `docker compose build --push`: compose-built images published. */
const COMPOSE_PUSH = /\bcompose\b[^\n]*?\s(?:push\b|build\b[^\n]*\s--push\b)/;

/** Whether any build tooling of the repository (CI, Makefiles, scripts) publishes the images compose files build. */
function pushesComposeImages(repo: RepoFacts): boolean {
  return repo.filesWhere((rel) => isToolingFile(rel) && !COMPOSE_FILE.test(rel)).some((rel) => COMPOSE_PUSH.test(repo.readText(rel).text ?? ''));
}

/** A Dockerfile path written in the build tooling as a regular expression: a variable stands for anything. */
function buildPathPattern(p: string): RegExp {
  const src = p.replace(VARIABLE, WILD).replace(/\*/g, WILD).split(WILD).map(escapeRe).join('.*');
  return new RegExp(`^${src}$`, 'i');
}

/** Bake definition files read when `docker buildx bake` names none (in its working directory). */
const BAKE_DEFAULTS = ['docker-bake.json', 'docker-bake.override.json', 'docker-bake.hcl', 'docker-bake.override.hcl'];

/**
 * The Dockerfiles a bake definition builds: each target's `dockerfile` (default `Dockerfile`) in its `context`
 * (default the bake file's folder); a target that inherits its Dockerfile may build any the file names. Every target
 * counts, whichever the command names. '*' (anything) when the file is not found.
 */
function bakeDockerfiles(repo: RepoFacts, files: string[], dir: string): string[] {
  const defs = (files.length ? files : BAKE_DEFAULTS.map((b) => (dir ? `${dir}/${b}` : b))).flatMap((f) => {
    const text = repo.readText(f).text;
    return text === undefined ? [] : [{ f, text }];
  });
  if (!defs.length) return ['*'];
  const out: string[] = [];
  for (const { f, text } of defs) {
    const base = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    const values = (key: string) => [...text.matchAll(new RegExp(`["']?\\b${key}["']?\\s*[:=]\\s*["']([^"'\\n]+)["']`, 'g'))].map((m) => m[1]!);
    const contexts = [...new Set(['.', ...values('context')])];
    const named = values('dockerfile');
    for (const c of contexts) {
      for (const d of [...named, 'Dockerfile']) {
        const p = path.posix.normalize(path.posix.join(base || '.', c, d));
        if (!p.startsWith('..')) out.push(p);
      }
    }
  }
  return out;
}

/**
 * What the release path builds into images, when it is visible: the image builds of the release workflows (and the
 * local workflows and actions they call) — `docker build`/`buildx build` commands, followed through scripts and
 * Makefiles, docker/build-push-action and bake — the Dockerfiles of GoReleaser `dockers`, and ko (images without a
 * Dockerfile) where a release workflow is seen. Undefined when it is not: the release path cannot be followed (CI of another system, a remote
 * reusable workflow), or it builds no image (the images may be built elsewhere): every built Dockerfile then counts.
 */
export function releaseImageReach(repo: RepoFacts): { builds: (file: string) => boolean; what: string } | undefined {
  const workflows = releasePathFiles(repo);
  if (!workflows) return undefined;
  const paths: string[] = [];
  const what = new Set<string>();
  const fromCi = (b: CiImageBuild) => (b.bake ? bakeDockerfiles(repo, b.bake.files, b.bake.dir) : b.dockerfile !== undefined ? [b.dockerfile] : []);
  for (const b of ciFacts(repo).imageBuilds) {
    if (!workflows.has(b.file)) continue;
    paths.push(...fromCi(b));
    what.add(b.file);
  }
  for (const g of goreleaserConfigs(repo)) {
    if (!g.parsed || repo.roleOf(g.file) !== 'production') continue;
    const dir = path.posix.dirname(g.file) === '.' ? '' : path.posix.dirname(g.file);
    for (const d of g.dockers) {
      const file = d.dockerfile ?? 'Dockerfile';
      paths.push(file, ...(dir ? [path.posix.join(dir, file)] : []));
      what.add(g.file);
    }
    if (g.kos.length && workflows.size) what.add(g.file);
  }
  // ko builds images without a Dockerfile: the release path when a release workflow is seen (not a ko config alone)
  for (const k of koConfigs(repo)) if (k.parsed && k.builds.length && repo.roleOf(k.file) === 'production' && workflows.size) what.add(k.file);
  if (!what.size) return undefined;
  // a workflow that checks the repository out into a folder (`path: src/github.com/o/r`) and works there names
  // `src/github.com/o/r/build/Dockerfile`: a path no Dockerfile has is read without its leading folders
  const dockerfiles = repo.filesWhere((rel) => isDockerfilePath(rel));
  const patterns = paths.map((p) => {
    if (p === '*') return /^/;
    const parts = p.replace(/^\.\//, '').split('/');
    for (let i = 0; i < parts.length; i++) {
      const r = buildPathPattern(parts.slice(i).join('/'));
      if (dockerfiles.some((f) => r.test(f))) return r;
    }
    return buildPathPattern(parts.join('/'));
  });
  const list = [...what].sort();
  return {
    builds: (file) => patterns.some((r) => r.test(file)),
    what: `${list.slice(0, 3).join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''} build${list.length === 1 ? 's' : ''} the released images`,
  };
}

/** A sentence that speaks of this file or image (`this Dockerfile`, `it is`). */
const THIS_FILE = /\b(?:this|it(?: is|'s)?)\b/i;
/** "not used for the official image", "not the production image", "not meant for production". */
const NOT_RELEASED = /\bnot\b(?: \w+){0,3} (?:for|in|as|to build)? ?(?:the |our )?(?:official|production|released?|published)\b/i;

/**
 * The sentence of a Dockerfile's leading comment block that says the file is for local development or is not the
 * released image ("this Dockerfile is purely for local development! it is *not* used for the official image"),
 * undefined when none does.
 */
export function localUseHeader(text: string): string | undefined {
  const header: string[] = [];
  for (const l of text.split('\n')) {
    if (/^\s*#/.test(l)) { if (!/^\s*#\s*(?:syntax|escape|check)\s*=/i.test(l)) header.push(l.replace(/^\s*#+\s*/, '')); continue; }
    if (!l.trim()) continue;
    break;
  }
  const sentences = header.join(' ').replace(/[*_`]/g, '').split(/(?<=[.!?;])\s+|\s+-\s+/);
  return sentences.find((s) => THIS_FILE.test(s) && (LOCAL_USE.test(s) || NOT_RELEASED.test(s)))?.trim();
}
