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
import type { RepoFacts } from './repo-facts.js';
import { ciSystemOf } from './ci-config.js';
import { isMakefilePath } from './makefile.js';
import { isGoreleaserPath } from './goreleaser.js';

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
  for (const [f, by] of dockerfileBuilders(repo, files) ?? []) {
    if (!by.length) out.set(f, 'built by no workflow, Makefile, script or release configuration of the repository');
    else if (CI_FOLDER.test(f) && by.every((b) => COMPOSE_FILE.test(b))) out.set(f, `a CI tool image: in a CI configuration folder, built only by compose files (${by.join(', ')})`);
  }
  return out;
}
