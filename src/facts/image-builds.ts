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
 * The production Dockerfiles among `files` that no tooling of the repository builds, each with the
 * reason; empty when the repository's image builds are not visible at all.
 */
export function dockerfilesBuiltByNobody(repo: RepoFacts, files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const candidates = files.filter((f) => f.includes('/') || !DEFAULT_NAME.test(f));
  if (!candidates.length) return out;
  const texts = repo.filesWhere((rel) => isToolingFile(rel)).map((rel) => repo.readText(rel).text ?? '');
  if (!texts.some((t) => IMAGE_BUILD.test(t))) return out;
  const fileTokens: RegExp[] = [];
  const dirTokens: RegExp[] = [];
  for (const t of texts) {
    for (const raw of t.replace(VARIABLE, WILD).split(/[\s"'=,;&|<>`[\]()]+/)) {
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
  }
  for (const f of candidates) {
    const slash = f.lastIndexOf('/');
    const dir = slash === -1 ? '' : f.slice(0, slash);
    const base = f.slice(slash + 1);
    if (fileTokens.some((r) => r.test(f))) continue;
    if (DEFAULT_NAME.test(base) && dir && (dirTokens.some((r) => r.test(dir)) || texts.some((t) => new RegExp(`(?:^|[\\s"'=:,(])(?:\\./)?${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?(?:$|[\\s"',;)&|])`, 'm').test(t)))) continue;
    out.set(f, 'built by no workflow, Makefile, script or release configuration of the repository');
  }
  return out;
}
