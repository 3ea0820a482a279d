/**
 * The names the repository's own build tooling gives the images it builds: read as text from Makefiles, scripts, CI
 * configurations, GoReleaser, Skaffold, compose and Tilt files. A container whose image carries one of these names
 * runs a program of this repository even when the name is neither the repository's, a module's nor a main package's
 * (`NPM_IMAGE = azure-npm`, `IMAGE_NAME ?= azuredisk-csi`, `docker build -t $(REGISTRY)/keda-metrics-apiserver`).
 *
 * Read: assignments to variables named for an image (`IMAGE`, `IMG`, `*_IMAGE`, `IMAGE_NAME`, `IMAGE_REPO`…, but not
 * base, builder or tool images), the `-t`/`--tag` of image builds, `kustomize edit set image a=b`, Tilt's
 * `docker_build('name', …)`, Skaffold's `artifacts: - image:` and GoReleaser's `image_templates`. Each value gives the
 * last path segment of the image reference without its tag; a segment that is a variable gives nothing.
 */
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import { isToolingFile } from './image-builds.js';
import { roleOfPath, TILT_FILE as TILTFILE } from '../core/code-roles.js';

/** Image names (lower case, last path segment, no tag) the repository's tooling builds or tags. */
export const TOOLING_IMAGE_NAMES = factKey<string[]>('tooling-image-names');


/**
 * A variable named for the image the tooling builds: IMAGE, IMG, NPM_IMAGE, IMAGE_NAME, CONTROLLER_IMG, IMAGE_REPO… in
 * upper case (a lower-case `image:` is a YAML key: a CI job's service or container image, not one the repository builds).
 */
const IMAGE_VAR = /^[A-Z0-9_]*(?:IMAGES?|IMG)(?:_?NAME|_?REPO(?:SITORY)?)?(?:_[A-Z0-9_]*)?$/;
/** …but not one naming a base, builder, tool or test image, a registry, a tag or a file. */
const OTHER_IMAGE_VAR = /BASE|BUILDER|BUILD_IMAGE|BUILDIMAGE|GOLANG|GO_IMAGE|TOOL|LINT|KIND|NODE_IMAGE|TEST|E2E|CI_|RUNNER|DISTROLESS|ALPINE|DEBIAN|UBUNTU|FROM|REGISTRY|TAG|VERSION|FILE|DIR|PATH|ARCH|PLATFORM|DIGEST|SHA|PULL|POLICY|LIST|CACHE|TOOLCHAIN|SIDECAR|PROXY_IMAGE|INIT_IMAGE/i;
const ASSIGNMENT = /^\s*(?:export\s+|ENV\s+|-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?=|:=|\+=|=|:(?!=))\s*(.*)$/;
const IMAGE_BUILD_CMD = /\b(?:docker|podman|nerdctl|buildah)\b[^\n]*\b(?:build|bud|buildx)\b/;
const TAG_OPTION = /(?:^|\s)(?:-t|--tag)(?:\s+|=)(\S+)/g;
const SET_IMAGE = /\bkustomize\s+edit\s+set\s+image\s+((?:\S+=\S+\s*)+)/g;
const TILT_BUILD = /\b(?:docker_build|custom_build|docker_build_with_restart)\(\s*['"]([^'"]+)['"]/g;
/** Where a variable stands: `${{ x }}`, `${X}`, `$(X)`, `{{ .X }}`, `$X`. */
const VARIABLE = /\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|\$\w+/g;

/** The image name a reference gives: its last path segment without tag or digest, when literal; else undefined. */
export function literalImageName(raw: string): string | undefined {
  let s = raw.trim().replace(/^['"]|['"]$/g, '').replace(/[,;)\]}'"]+$/, '');
  s = s.replace(/@sha256:\S*$/i, '');
  // the tag: after the last ':' of the last segment (a variable's `:-default` is not a tag)
  const segs = s.split('/');
  let last = segs[segs.length - 1] ?? '';
  const masked = last.replace(VARIABLE, (m) => '\u0000'.repeat(m.length));
  const colon = masked.indexOf(':');
  if (colon !== -1) last = last.slice(0, colon);
  if (!last || VARIABLE.test(last)) { VARIABLE.lastIndex = 0; return undefined; }
  VARIABLE.lastIndex = 0;
  last = last.toLowerCase();
  return /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(last) ? last : undefined;
}

/** Whether `text` reads the variable `name` (`$(NAME)`, `${NAME}`, `$NAME`, `env.NAME`): one defined and never used names nothing built. */
function usesVariable(text: string, name: string): boolean {
  return new RegExp(`\\$[({]?${name}\\b|\\benv\\.${name}\\b`).test(text);
}

/** The image names one tooling file gives (exported for tests). */
export function imageNamesIn(rel: string, text: string): string[] {
  const out = new Set<string>();
  const add = (raw: string | undefined) => {
    const n = raw === undefined ? undefined : literalImageName(raw);
    if (n) out.add(n);
  };
  const skaffold = /(?:^|\/)skaffold[^/]*\.ya?ml$/.test(rel);
  const goreleaser = /(?:^|\/)\.?goreleaser[^/]*\.ya?ml$/.test(rel);
  let inTemplates = -1;
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const a = ASSIGNMENT.exec(line);
    if (a && IMAGE_VAR.test(a[1]!) && !OTHER_IMAGE_VAR.test(a[1]!) && usesVariable(text, a[1]!)) {
      const value = a[2]!.replace(/\s+#.*$/, '').trim().split(/\s+/)[0];
      if (value && !/^[|>]-?$/.test(value)) add(value);
    }
    if (IMAGE_BUILD_CMD.test(line)) for (const m of line.matchAll(TAG_OPTION)) add(m[1]);
    for (const m of line.matchAll(SET_IMAGE)) {
      for (const pair of m[1]!.trim().split(/\s+/)) {
        const [from, to] = pair.split('=');
        add(from);
        add(to);
      }
    }
    if (TILTFILE.test(rel)) for (const m of line.matchAll(TILT_BUILD)) add(m[1]);
    if (skaffold) { const m = /^\s*-?\s*image:\s*(\S+)/.exec(line); if (m) add(m[1]); }
    if (goreleaser) {
      const indent = /^\s*/.exec(line)![0].length;
      if (/^\s*(?:-\s+)?(?:image_templates|images):\s*$/.test(line)) { inTemplates = indent; continue; }
      if (inTemplates >= 0) {
        const item = /^\s*-\s*(.+)$/.exec(line);
        if (item && indent >= inTemplates) add(item[1]);
        else if (line.trim()) inTemplates = -1;
      }
    }
  }
  return [...out];
}

/** Tooling files and Tilt files, outside test fixtures. */
export const imageNameFiles = filesInput('build tooling and Tilt files', (rel) => isToolingFile(rel) || TILTFILE.test(rel));

export const toolingImageNamesProvider = defineProvider({
  provides: TOOLING_IMAGE_NAMES,
  reads: [imageNameFiles],
  cacheable: true,
  compute: (repo) => {
    const names = new Set<string>();
    const per = repo.parseFiles(imageNameFiles, 'build tooling file', (rel, text) => {
      const role = roleOfPath(rel);
      return role === 'test' || role === 'test-support' || role === 'third-party' ? [] : imageNamesIn(rel, text);
    });
    for (const list of per) for (const n of list) names.add(n);
    return [...names].sort();
  },
});
