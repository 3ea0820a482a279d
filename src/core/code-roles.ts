/**
 * The one code-role model: what a repository file is for — shipped production code, or code that
 * does not ship (tests, test support, examples, documentation, developer tooling, third-party
 * copies). Every rule (`ctx.file.role`), every fact (Dockerfile and manifest roles) and scoring
 * ask this module; nothing else decides "is this shipped code".
 *
 * Signals, strongest first: `_test.go`; a build constraint that only holds with a non-release tag
 * (`ignore`, `tools`, `e2e`, `integration`…); a repository-level fact: the folder is another
 * project's module copied in and used through a go.mod `replace` (ory's oryx/ copy of ory/x); the directory segments of the path; the package
 * name (`mock*`, `fake*`, `*test`, `testutil`…); the file name (`mock_server.go`,
 * `testutil.go`; for Dockerfiles `Dockerfile.test`, `dev.Dockerfile`). The result names the
 * signal that decided. Two roles need the other files of the repository: a fixtures file whose declarations only
 * tests and test set-up use (FIXTURE_FILE, decided by src/engine/test-fixtures.ts after the files are read), and a
 * Ginkgo suite kept outside _test.go files, which no shipped package imports (testSuitePackages, applied by the engine
 * after every file's own role is known). The repository's layout (RepositoryLayout: module copies, archived release
 * copies, experiment modules) is known from the go.mod files and the file list before any file is read: facts and
 * rules ask a path's role with it (RepoFacts.pathRole), the engine gives it to each Go file's analysis.
 */

import { moduleProject, packageImportPath } from './module-owner.js';

/**
 * `unreachable` is a function's role, not a file's: code of a production file that nothing shipped calls
 * (src/engine/unreachable-code.ts).
 */
export const CODE_ROLES = ['production', 'test', 'test-support', 'example', 'docs', 'tooling', 'third-party', 'unreachable'] as const;
export type CodeRole = (typeof CODE_ROLES)[number];

/** Which signal decided the role. */
export type RoleSignal = 'test-file' | 'build-constraint' | 'replaced-module' | 'directory' | 'package' | 'file-name' | 'references' | 'default';

export interface RoleResult {
  role: CodeRole;
  signal: RoleSignal;
  /** Human-readable reason: `directory hack/`, `package fakeclient`, `//go:build ignore`. Empty for production by default. */
  reason: string;
}

export interface RoleInput {
  /** Repository-relative path, forward slashes. */
  path: string;
  /** Go package name, when known. */
  packageName?: string;
  /** Go source (only its header before the package clause is read, for build constraints). */
  source?: string;
  /** The repository's copies of other projects' modules (localCopies): a file inside one is third-party. */
  copies?: readonly LocalCopy[];
  /** The repository's archived release copies (archivedReleaseDirs): a non-Go file inside one is documentation. */
  archives?: readonly ArchivedRelease[];
  /** The repository's experiment modules (experimentModules): a file inside one is an experiment, not shipped code. */
  experiments?: readonly ExperimentModule[];
  /** Manifests only a developer's dev loop applies (devLoopManifests): developer tooling. */
  devLoop?: readonly DevLoopManifest[];
}

/**
 * A Go module of its own kept under an experiments/ (experimental/, experiment/) folder: a prototype or a developer's
 * tool beside the project (experiments/tools/licensescan/ with its own go.mod), which the project's modules do not
 * build. An experiments/ folder inside a module is a package of it and may ship (launcher/internal/experiments: the
 * feature flags of a shipped binary), as may an experimental/ folder of manifests (the CRDs of an experimental
 * release channel): only a go.mod below such a folder says the code is apart.
 */
export interface ExperimentModule {
  /** The module's folder (repository-relative, forward slashes, no trailing slash). */
  dir: string;
  /** The experiments folder holding it. */
  experiments: string;
}

const EXPERIMENTS_DIR = /^experiment(?:s|al)?$/i;

/** The experiment modules among a repository's module folders ('' for the root, which is never one). */
export function experimentModules(moduleDirs: Iterable<string>): ExperimentModule[] {
  const out: ExperimentModule[] = [];
  for (const dir of moduleDirs) {
    if (!dir) continue;
    const parts = dir.split('/');
    const i = parts.findIndex((p) => EXPERIMENTS_DIR.test(p));
    if (i >= 0) out.push({ dir, experiments: parts.slice(0, i + 1).join('/') });
  }
  return out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** The experiment module holding a (repository-relative) path, if any: the innermost. */
export function experimentHolding(path: string, experiments: readonly ExperimentModule[] | undefined): ExperimentModule | undefined {
  let best: ExperimentModule | undefined;
  for (const e of experiments ?? []) if (path.startsWith(`${e.dir}/`) && (!best || e.dir.length > best.dir.length)) best = e;
  return best;
}

/** A Kubernetes manifest only a developer's inner loop applies: named by a Tiltfile and by no other file of the repository. */
export interface DevLoopManifest {
  path: string;
  /** The Tilt file naming it. */
  by: string;
}

/** Tilt's files: the Tiltfile (`tilt up` runs it: a developer's live-update loop, never a deployment) and `*.tilt` files it loads. */
export const TILT_FILE = /(?:^|\/)(?:Tiltfile(?:\.[\w-]+)?|[\w.-]+\.tilt)$/;

/**
 * The manifests only a developer's dev loop applies: YAML files a Tilt file names (`k8s_yaml('deploy/dev/app.yaml')`,
 * `kustomize('deploy/dev')` — a folder names the YAML files under it) that no other text of the repository names —
 * no Makefile, script, CI or release configuration, no document, no kustomization (by its repository path or by a path
 * relative to the naming file's folder, `../dev`). Docs and pipelines that deploy the project name their manifests;
 * one only Tilt applies is the developer's own loop (blind draw of 2026-12-25: a manifest referenced only by the
 * repository's Tiltfile while docs/npm.md and the pipelines deploy another). `texts` are the repository's other text
 * files that may name a manifest (tooling, documents, kustomizations); `paths` every file of the repository.
 */
export function devLoopManifests(tiltFiles: readonly { path: string; text: string }[], texts: readonly { path: string; text: string }[], paths: readonly string[]): DevLoopManifest[] {
  const yaml = paths.filter((p) => /\.ya?ml$/i.test(p));
  const named = new Map<string, { target: string; by: string }[]>();
  for (const t of tiltFiles) {
    const dir = t.path.includes('/') ? t.path.slice(0, t.path.lastIndexOf('/')) : '';
    for (const line of t.text.split('\n')) {
      // the strings of the calls that apply manifests: k8s_yaml('a.yaml'), k8s_yaml(kustomize('dir')), helm('chart')
      if (/^\s*#/.test(line) || !/\b(?:k8s_yaml|kustomize|helm)\s*\(/.test(line)) continue;
      for (const m of line.matchAll(/['"]([^'"\s]+)['"]/g)) {
        const target = normalizeRel(dir ? `${dir}/${m[1]!}` : m[1]!);
        if (target === undefined || target === '' || target === '.') continue;
        const files = /\.ya?ml$/i.test(target) ? yaml.filter((p) => p === target) : yaml.filter((p) => p.startsWith(`${target}/`));
        for (const f of files) {
          const list = named.get(f) ?? [];
          list.push({ target, by: t.path });
          named.set(f, list);
        }
      }
    }
  }
  const out: DevLoopManifest[] = [];
  for (const [f, refs] of named) {
    const targets = [...new Set([f, ...refs.map((r) => r.target)])];
    const elsewhere = texts.some((o) => {
      if (TILT_FILE.test(o.path) || targets.some((t) => o.path === t || o.path.startsWith(`${t}/`))) return false;
      const odir = o.path.includes('/') ? o.path.slice(0, o.path.lastIndexOf('/')) : '';
      return targets.some((t) => mentions(o.text, t) || mentions(o.text, relativePath(odir, t)));
    });
    if (!elsewhere) out.push({ path: f, by: refs[0]!.by });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Whether `text` names `p` as a path token (not as part of a longer path). */
function mentions(text: string, p: string): boolean {
  if (!p || p === '.') return false;
  return new RegExp(`(?<![\\w-])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);
}


function relativePath(fromDir: string, to: string): string {
  const a = fromDir ? fromDir.split('/') : [];
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** The dev-loop manifest entry for `path`, if any. */
export function devLoopHolding(path: string, devLoop: readonly DevLoopManifest[] | undefined): DevLoopManifest | undefined {
  return devLoop?.find((d) => d.path === path);
}

/**
 * A folder holding the files of an earlier release, kept beside newer ones: charts/v1.1.0/ and deploy/v1.29.12/ next to
 * charts/latest/ and the manifests of deploy/ itself (the CSI drivers of kubernetes-sigs keep every release's chart and
 * manifests this way). Users of the repository's tip install the current copy; a concern in an archived one is fixed,
 * if at all, in the current one.
 */
export interface ArchivedRelease {
  /** Repository-relative folder, forward slashes, no trailing slash. */
  dir: string;
  /** The current copy beside it: the parent folder itself, or the newest version's folder. */
  current: string;
}

/** A folder named as a full release version: v1.29.12, 1.4.0, v2.0.0-rc.1 (never v1, v1beta1: API and module folders). */
const RELEASE_VERSION_DIR = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][\w.-]+)?$/;

const versionKey = (name: string): number[] => {
  const m = RELEASE_VERSION_DIR.exec(name)!;
  return [Number(m[1]), Number(m[2]), Number(m[3]), /[-+]/.test(name) ? 0 : 1];
};
const newer = (a: string, b: string): boolean => {
  const ka = versionKey(a);
  const kb = versionKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]!;
  return a > b;
};

/** A sub-folder holding the current copy beside the versions: latest/, main/, stable/… */
const CURRENT_COPY_DIR = /^(?:latest|main|master|current|stable|head|edge|nightly|dev(?:el)?)(?:-v\d+)?$/i;
/** Files beside the version folders that are not a current copy: a Helm repository index, its Artifact Hub metadata, docs. */
const NOT_A_COPY_FILE = /^(?:index\.ya?ml|artifacthub-repo\.ya?ml|readme(?:\.\w+)?|changelog(?:\.\w+)?|license(?:\.\w+)?|owners(?:_aliases)?|\.[\w.-]+)$/i;

/**
 * The archived release copies among a repository's files (repository-relative paths): in a folder with two or more
 * sub-folders named as full release versions, each of them is archived when the folder also holds a current copy (a
 * latest/ or main/ sub-folder, or manifests of its own: deploy/*.yaml beside deploy/v1.29.12/), else every one but
 * the newest. Go files do not count: a folder of Go packages is code, not a release copy.
 */
export function archivedReleaseDirs(paths: Iterable<string>): ArchivedRelease[] {
  const versions = new Map<string, Set<string>>();
  const hasCurrent = new Set<string>();
  for (const p of paths) {
    if (p.endsWith('.go')) continue;
    const parts = p.split('/');
    const base = parts.pop()!;
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const name = parts[i]!;
      if (RELEASE_VERSION_DIR.test(name)) {
        let set = versions.get(parent);
        if (!set) versions.set(parent, (set = new Set()));
        set.add(name);
      } else if (CURRENT_COPY_DIR.test(name)) hasCurrent.add(parent);
    }
    if (!NOT_A_COPY_FILE.test(base) && /\.(?:ya?ml|json|tgz)$/i.test(base)) hasCurrent.add(parts.join('/'));
  }
  const out: ArchivedRelease[] = [];
  for (const [parent, set] of versions) {
    if (set.size < 2) continue;
    const names = [...set];
    const newest = names.reduce((a, b) => (newer(a, b) ? a : b));
    const join = (n: string) => (parent ? `${parent}/${n}` : n);
    const current = hasCurrent.has(parent) ? (parent || '.') : join(newest);
    for (const n of names) if (hasCurrent.has(parent) || n !== newest) out.push({ dir: join(n), current });
  }
  return out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** The archived release copy holding a (repository-relative) path, if any. */
export function archiveHolding(path: string, archives: readonly ArchivedRelease[] | undefined): ArchivedRelease | undefined {
  if (!archives?.length) return undefined;
  return archives.find((a) => path.startsWith(`${a.dir}/`));
}

/**
 * A folder holding another project's module, which a go.mod of the repository uses in place of the published module
 * (`replace github.com/ory/x => ./oryx`): a copy kept in the tree, like vendor/, maintained and tested upstream.
 */
export interface LocalCopy {
  /** Repository-relative folder, forward slashes, no trailing slash. */
  dir: string;
  /** The module path it replaces. */
  module: string;
  /** The go.mod that says so. */
  goMod: string;
}

/** A go.mod as localCopies reads it: its folder ('' for the root), module path and replace directives. */
export interface ModuleReplaces {
  dir: string;
  path?: string;
  replace: readonly { from: { path: string }; to: { path: string; version?: string } }[];
}

/**
 * Folders of the repository that hold another project's module: a go.mod replaces module F by a local folder (`=> ./x`,
 * `=> ../x`, inside the repository) and F belongs to another project than the go.mod's own module (module-owner.ts
 * moduleProject: the repository on a code host, the domain of a vanity path). The project's own modules replaced by
 * their folder are not copies: github.com/ory/keto/gen/go in ory/keto, and Kubernetes' staging/src/k8s.io/client-go
 * (k8s.io/client-go is published from k8s.io/kubernetes: one project, one domain).
 */
export function localCopies(modules: readonly ModuleReplaces[]): LocalCopy[] {
  const out: LocalCopy[] = [];
  for (const m of modules) {
    if (!m.path) continue;
    const own = moduleProject(m.path);
    for (const r of m.replace) {
      const to = r.to.path;
      if (r.to.version !== undefined || !/^\.\.?(?:\/|$)/.test(to)) continue;
      const dir = normalizeRel(m.dir ? `${m.dir}/${to}` : to);
      if (dir === undefined || dir === '' || moduleProject(r.from.path) === own) continue;
      const goMod = m.dir ? `${m.dir}/go.mod` : 'go.mod';
      if (!out.some((c) => c.dir === dir)) out.push({ dir, module: r.from.path, goMod });
    }
  }
  return out;
}

/** `a/./b/../c` → `a/c`; undefined when it leaves the repository. */
function normalizeRel(p: string): string | undefined {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (!out.length) return undefined; out.pop(); } else out.push(seg);
  }
  return out.join('/');
}

/** The copy holding a repository-relative path, if any. */
export function copyHolding(path: string, copies: readonly LocalCopy[] | undefined): LocalCopy | undefined {
  return copies?.find((c) => path.startsWith(`${c.dir}/`));
}

const ROLE_DIRS: [RegExp, CodeRole][] = [
  [/^(?:vendor|third[_-]party|thirdparty|node_modules)$/i, 'third-party'],
  [/^(?:testdata|tests?|testing|testutils?|testhelpers?|testserver|testenv|testfixtures?|e2e|e2e[_-]?tests?|integration|integration[_-]?tests?|interop|fixtures?|mock\w*|fake\w*|bench|benchmarks?|fuzz|fuzzing|__tests__|conformance|regressions?|regression[_-]?tests?|acceptance[_-]?tests?|smoke|smoke[_-]?tests?|system[_-]?tests?|functional[_-]?tests?|end[_-]?to[_-]?end(?:[_-]?tests?)?)$/i, 'test-support'],
  [/^(?:_?examples?|demos?|samples?|tutorials?|quick[-_]?start|contrib)$/i, 'example'],
  // configsamples/, config-samples/, code_examples/: a plural samples/examples word with a qualifier
  [/^[a-z][\w-]*?[-_]?(?:samples|examples)$/i, 'example'],
  // design proposals and their proofs of concept (velero design/CLI/PoC/*.yaml) are documents, not deployments
  [/^(?:docs?|documentation|website|designs?|proposals?|rfcs?|adrs?)$/i, 'docs'],
  [/^(?:hack|scripts?|tooling|\.devcontainer)$/i, 'tooling'],
  // a local development environment (metallb dev-env/: a kind cluster, its test services and a vendored monitoring stack)
  [/^(?:dev[-_]?envs?|local[-_]?dev|dev[-_]?environments?|development[-_]?env)$/i, 'tooling'],
  // developer-experience helpers (machine-config-operator devex/: "do not use these on a production cluster")
  [/^devex$/i, 'tooling'],
  // the image CI builds the project in (cortex build-image/, loki-build-image/), not the image it ships
  [/^(?:[\w.]+[-_])?build[-_]?images?$/i, 'tooling'],
];
/**
 * A directory word part (split at `-`, `_`, `.`) that starts or ends with "test" names test support:
 * test-resources/, testexporter/, test-exporter/, hipchattest/ (a fake HipChat server), temporaltest/, ctest/ (a C
 * test harness), helm-test/, kubetest2-aks/ (a deployer of the Kubernetes e2e framework kubetest2). Not English words that merely end in "test" (latest, attest, contest, protest,
 * detest, fastest…) nor testament/testify/testimony.
 */
const TEST_WORD = /^(?:test(?!ament|ify|imon)\w*|\w*tests?\d*)$/i;
const NOT_TEST_WORD = /^(?:la|at|con|pro|de|fas|shor|grea|smar|sof|ligh|tigh|hot)tests?\d*$/i;
function isTestWord(part: string): boolean {
  return TEST_WORD.test(part) && !NOT_TEST_WORD.test(part);
}
/**
 * `cmd/dev/`, `cmd/dev_server/`, `cmd/dev-client/`: a repository's developer commands (syncthing cmd/dev/stdisco; a
 * secrets service's cmd/dev_server, a demo server with a hard-coded key run locally per its README — blind sample of
 * 2026-12-20), not the commands it ships.
 */
const CMD_DEV_DIR = /^dev(?:[-_][a-z0-9]+)*$/i;
/** `tools/` is developer tooling at the repository root or under internal/; `k8s.io/client-go/tools/cache` (a module's tools/) is a library. */
const TOOLS_DIR = /^tools?$/i;
/**
 * Dockerfile-only folders (dev images live in dev/, development/ and local/ folders — docker/development/Dockerfile
 * beside docker/app/Dockerfile; those names mean nothing for Go).
 */
const DOCKER_DEV_DIRS = /^(?:dev|devel|development|local|\.github-dev)$/i;
/**
 * The CI system's own folder. Go code kept there (a workflow generator run by `go generate`, an action's helper) is CI
 * tooling, never built into what ships; other files there are judged as they are elsewhere (workflows by the CI rules,
 * a release image's Dockerfile as an image).
 */
const CI_DIR = /^\.github$/i;
/** A CI builder image's folder right under .github/ (.github/nomad-builder/); other .github/ Dockerfiles may be release images. */
const GITHUB_BUILDER_DIR = /^(?:[\w.]+-)?builder$/i;
/** Dockerfile.builder, Dockerfile.build, builder.Dockerfile: the image a build runs in, named by nothing else. */
const DOCKER_BUILDER_NAME = /^(?:build|builder)$/i;
/**
 * YAML-only folders of development deployments: a kustomize overlay named development/, a build's own make/
 * configuration (its e2e cluster). dev/ is not one: projects keep real environments' overlays there.
 */
const YAML_DEV_DIRS = /^(?:development|make)$/i;
const YAML_FILE = /\.ya?ml$/i;
const DOCKER_NAME_PARTS: [RegExp, CodeRole][] = [
  [/^(?:tests?|e2e|integration|ci|lint|check|fuzz|bench|conformance|regression|smoke|acceptance)$/i, 'test-support'],
  [/^(?:dev|devel|develop|development|debug|local|devcontainer)$/i, 'tooling'],
  [/^(?:docs?|mkdocs)$/i, 'docs'],
  [/^(?:example|examples|demo|sample)$/i, 'example'],
];
const DOCKERFILE_NAME = /^(?:(?:docker|container)file(?:[._-][\w.-]*)?|[\w.-]+\.(?:docker|container)file)$/i;

/** Package names of test support: mock*, fake*, *test(s), *testing, testutil*, testhelper*; not latest, attest, contest, protest, fastest… (NOT_TEST_WORD). */
const SUPPORT_PKG = /^(?:mock|fake|test(?!ament))|(?:test|tests|testing|testutils?|testhelpers?|mocks?|fakes?)$/i;
/** File names of test support outside _test.go: mock_server.go, fake-client.go, testutil.go, test_helpers.go, testing.go. */
const SUPPORT_FILE = /(?:^|[_-])(?:test|testing|mock|fake)s?(?:[_-]|\.go$)|^(?:testutils?|testhelpers?)/i;

/**
 * A Go file named as fixtures (`fixtures.go`, `auth_session_fixtures.go`, `fixture_data.go`) outside a fixtures/
 * folder. The name alone does not decide (`CreateDefaultFixtures` may seed production defaults): such a file is test
 * support when nothing that ships uses what it declares (src/engine/test-fixtures.ts, a repository-level pass after
 * the files are read): its top-level names are referenced only from tests, from test set-up functions
 * (testSetUpName: ResetTestFixtures, InitTestDb) and from other fixture files that are test support themselves.
 */
export const FIXTURE_FILE = /(?:^|[_-])fixtures?(?:[_-][\w-]*)?\.go$/i;

/** A function named as test set-up: the word Test in it (CreateTestFixtures, ResetTestFixtures, InitTestDb, setupTest). */
export function testSetUpName(name: string): boolean {
  return /(?:^|[a-z0-9_])Test(?:[A-Z0-9_]|s?$)|^test(?:[A-Z0-9_]|s?$)/.test(name);
}

/** The role of a fixture file that only tests and test set-up use. */
export function testFixtureRole(reason: string): RoleResult {
  return { role: 'test-support', signal: 'references', reason };
}

/** Build tags that only non-release builds set: a file requiring one of them does not ship. */
const TAG_ROLES: [RegExp, CodeRole][] = [
  [/^(?:ignore|tools|tool|generate|gen)$/, 'tooling'],
  [/^(?:e2e|integration|integration_test|e2e_test|functional|acceptance|conformance|benchmark|fuzz|mock|mocks|testing|test|tests)$/, 'test-support'],
  [/^(?:example|examples)$/, 'example'],
];

const MAX_HEADER = 8192;

/** The `//go:build` expression of a Go file (its header before the package clause), or the `// +build` lines joined. */
export function buildConstraint(source: string): string | undefined {
  const head = source.slice(0, MAX_HEADER);
  const pkg = /^\s*package\s/m.exec(head);
  const header = pkg ? head.slice(0, pkg.index) : head;
  const m = /^\/\/go:build\s+(.+)$/m.exec(header);
  if (m) return m[1]!.trim();
  const plus = [...header.matchAll(/^\/\/ \+build\s+(.+)$/gm)].map((x) => x[1]!.trim());
  if (!plus.length) return undefined;
  // each line is an AND; space-separated terms OR; comma-separated terms AND
  return plus.map((l) => `(${l.split(/\s+/).map((t) => `(${t.split(',').join(' && ')})`).join(' || ')})`).join(' && ');
}

/** A parsed build-constraint expression (`linux && !cgo`). */
export type BuildExpr = { t: 'tag'; name: string } | { t: 'not'; e: BuildExpr } | { t: 'and' | 'or'; a: BuildExpr; b: BuildExpr };
type Expr = BuildExpr;

/** Parses a build-constraint expression; undefined when malformed. */
export function parseExpr(text: string): Expr | undefined {
  const toks = text.match(/&&|\|\||!|\(|\)|[\w.]+/g) ?? [];
  if (toks.join('') !== text.replace(/\s+/g, '')) return undefined;
  let i = 0;
  const or = (): Expr | undefined => {
    let a = and();
    while (a && toks[i] === '||') { i++; const b = and(); if (!b) return undefined; a = { t: 'or', a, b }; }
    return a;
  };
  const and = (): Expr | undefined => {
    let a = unary();
    while (a && toks[i] === '&&') { i++; const b = unary(); if (!b) return undefined; a = { t: 'and', a, b }; }
    return a;
  };
  const unary = (): Expr | undefined => {
    const tok = toks[i++];
    if (tok === '!') { const e = unary(); return e && { t: 'not', e }; }
    if (tok === '(') { const e = or(); if (toks[i++] !== ')') return undefined; return e; }
    if (tok && /^[\w.]+$/.test(tok)) return { t: 'tag', name: tok };
    return undefined;
  };
  const e = or();
  return e && i === toks.length ? e : undefined;
}

/** Evaluates a build-constraint expression with `on` telling which tags are set. */
export function evalExpr(e: Expr, on: (tag: string) => boolean): boolean {
  switch (e.t) {
    case 'tag': return on(e.name);
    case 'not': return !evalExpr(e.e, on);
    case 'and': return evalExpr(e.a, on) && evalExpr(e.b, on);
    case 'or': return evalExpr(e.a, on) || evalExpr(e.b, on);
  }
}

/** The tags a build-constraint expression names. */
export function tagsOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.t === 'tag') out.add(e.name);
  else if (e.t === 'not') tagsOf(e.e, out);
  else { tagsOf(e.a, out); tagsOf(e.b, out); }
  return out;
}

/**
 * The tags a build constraint requires: `tag` is required when no assignment of the other tags
 * satisfies the expression with `tag` unset (exact for up to 12 distinct tags, else none).
 */
export function requiredTags(constraint: string): string[] {
  const e = parseExpr(constraint);
  if (!e) return [];
  const tags = [...tagsOf(e)];
  if (tags.length > 12) return [];
  const required: string[] = [];
  for (const tag of tags) {
    const others = tags.filter((t) => t !== tag);
    let satisfiable = false;
    for (let mask = 0; mask < 1 << others.length && !satisfiable; mask++) {
      satisfiable = evalExpr(e, (t) => (t === tag ? false : !!(mask & (1 << others.indexOf(t)))));
    }
    if (!satisfiable) required.push(tag);
  }
  return required;
}

function roleByDirectory(dirs: string[], kind: 'dockerfile' | 'yaml' | 'go' | 'other'): RoleResult | undefined {
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i]!;
    if (kind === 'go' && CI_DIR.test(d)) return { role: 'tooling', signal: 'directory', reason: `directory ${dirs.slice(0, i + 1).join('/')}/` };
    for (const [re, role] of ROLE_DIRS) {
      if (re.test(d)) return { role, signal: 'directory', reason: `directory ${dirs.slice(0, i + 1).join('/')}/` };
    }
    // the go command ignores folders whose name starts with `_` or `.` (code-generator templates such as _template/,
    // scratch copies): no package of them is built (blind sample of 2026-12-20: a mapper template's _template/ tree)
    if (kind === 'go' && /^[_.]/.test(d)) {
      return { role: 'tooling', signal: 'directory', reason: `directory ${dirs.slice(0, i + 1).join('/')}/ (the go command ignores folders starting with _ or .)` };
    }
    if ((TOOLS_DIR.test(d) && (i === 0 || dirs[i - 1] === 'internal')) || (CMD_DEV_DIR.test(d) && dirs[i - 1] === 'cmd')) {
      return { role: 'tooling', signal: 'directory', reason: `directory ${dirs.slice(0, i + 1).join('/')}/` };
    }
    if ((kind === 'dockerfile' && (DOCKER_DEV_DIRS.test(d) || (GITHUB_BUILDER_DIR.test(d) && dirs[i - 1] === '.github'))) || (kind === 'yaml' && YAML_DEV_DIRS.test(d))) return { role: 'tooling', signal: 'directory', reason: `directory ${dirs.slice(0, i + 1).join('/')}/` };
  }
  return undefined;
}

/** A folder named with a test word part (testexporter/, hipchattest/): weaker than a folder named by a whole word or the package name. */
function roleByTestWordDirectory(dirs: string[]): RoleResult | undefined {
  const i = dirs.findIndex((d) => d.split(/[-_.]+/).some(isTestWord));
  return i < 0 ? undefined : { role: 'test-support', signal: 'directory', reason: `directory ${dirs.slice(0, i + 1).join('/')}/` };
}

const PRODUCTION: RoleResult = { role: 'production', signal: 'default', reason: '' };

/** Role of any repository file (Go, Dockerfile, YAML, Makefile, go.mod…). Go files: pass the package name and source too. */
export function classifyFile(input: RoleInput): RoleResult {
  const parts = input.path.split('/');
  const base = parts.pop() ?? '';
  const isGo = base.endsWith('.go');
  if (isGo && base.endsWith('_test.go')) return { role: 'test', signal: 'test-file', reason: 'a _test.go file' };
  if (isGo && /^[_.]/.test(base)) return { role: 'tooling', signal: 'file-name', reason: `file ${base} (the go command ignores files starting with _ or .)` };
  if (isGo && input.source) {
    const c = buildConstraint(input.source);
    if (c) {
      for (const tag of requiredTags(c)) {
        for (const [re, role] of TAG_ROLES) if (re.test(tag)) return { role, signal: 'build-constraint', reason: `//go:build ${c}` };
      }
    }
  }
  const copy = copyHolding(input.path, input.copies);
  if (copy) return { role: 'third-party', signal: 'replaced-module', reason: `copy of ${copy.module} (replace in ${copy.goMod})` };
  const experiment = experimentHolding(input.path, input.experiments);
  if (experiment) return { role: 'example', signal: 'directory', reason: `module ${experiment.dir}/ (a module of its own under ${experiment.experiments}/: an experiment, not the project's shipped code)` };
  const archive = isGo ? undefined : archiveHolding(input.path, input.archives);
  if (archive) return { role: 'docs', signal: 'directory', reason: `archived copy of an earlier release (${archive.dir}/; current: ${archive.current}/)` };
  const dev = isGo ? undefined : devLoopHolding(input.path, input.devLoop);
  if (dev) return { role: 'tooling', signal: 'references', reason: `applied only by ${dev.by} (a developer's dev loop; no other file of the repository names it)` };
  const std = isGo ? standardLibraryFork(parts, input.packageName, input.source) : undefined;
  if (std) return { role: 'third-party', signal: 'directory', reason: `fork of the standard library's ${std} (${parts.join('/')}/)` };
  const dockerfile = !isGo && DOCKERFILE_NAME.test(base);
  // go.mod, go.sum and go.work belong to the Go build as its sources do (a module folder the go command ignores)
  const goBuild = isGo || /^go\.(?:mod|sum|work)$/.test(base);
  const byDir = roleByDirectory(parts, dockerfile ? 'dockerfile' : goBuild ? 'go' : YAML_FILE.test(base) ? 'yaml' : 'other');
  if (byDir) return byDir;
  const pkg = input.packageName;
  if (isGo && pkg) {
    if (/_test$/.test(pkg)) return { role: 'test', signal: 'package', reason: `package ${pkg}` };
    if (SUPPORT_PKG.test(pkg) && !NOT_TEST_WORD.test(pkg)) return { role: 'test-support', signal: 'package', reason: `package ${pkg}` };
  }
  const byTestWord = roleByTestWordDirectory(parts);
  if (byTestWord) return byTestWord;
  if (isGo && SUPPORT_FILE.test(base)) return { role: 'test-support', signal: 'file-name', reason: `file ${base}` };
  if (dockerfile) {
    const nameParts = base.replace(/^(docker|container)file/i, '').replace(/\.(docker|container)file$/i, '').split(/[._-]+/).filter(Boolean);
    if (nameParts.length === 1 && DOCKER_BUILDER_NAME.test(nameParts[0]!)) return { role: 'tooling', signal: 'file-name', reason: `file ${base}` };
    for (const p of nameParts) {
      for (const [re, role] of DOCKER_NAME_PARTS) if (re.test(p)) return { role, signal: 'file-name', reason: `file ${base}` };
    }
  }
  return PRODUCTION;
}

/**
 * Standard-library packages of two or more path elements that projects fork under their own tree (cfssl's
 * scan/crypto/tls, a patched net/http/httputil): the code follows the protocol or API it copies (an SSL 3.0 PRF
 * must use MD5), so it is judged like vendored code.
 */
const STD_FORKABLE = new Set([
  'crypto/tls', 'crypto/x509', 'crypto/x509/pkix', 'crypto/rsa', 'crypto/ecdsa', 'crypto/elliptic', 'crypto/cipher',
  'crypto/aes', 'crypto/des', 'crypto/rc4', 'crypto/md5', 'crypto/sha1', 'crypto/sha256', 'crypto/sha512', 'crypto/hmac',
  'crypto/rand', 'crypto/subtle', 'crypto/ed25519', 'crypto/ecdh', 'crypto/dsa', 'net/http', 'net/http/httputil',
  'net/http/httptrace', 'net/http/cookiejar', 'net/http/pprof', 'net/http/internal', 'net/rpc', 'net/smtp', 'net/mail',
  'net/textproto', 'net/url', 'encoding/json', 'encoding/xml', 'encoding/asn1', 'encoding/pem', 'encoding/gob',
  'encoding/csv', 'encoding/base64', 'encoding/binary', 'text/template', 'text/template/parse', 'html/template',
  'go/ast', 'go/parser', 'go/printer', 'go/scanner', 'go/token', 'go/types', 'go/format', 'go/build', 'go/doc',
  'archive/tar', 'archive/zip', 'compress/gzip', 'compress/flate', 'compress/zlib', 'image/png', 'image/jpeg',
  'database/sql', 'database/sql/driver', 'os/exec', 'os/signal', 'path/filepath', 'mime/multipart', 'runtime/pprof',
]);

/**
 * The standard-library package a Go file forks: its folder ends with that package's path below some other folder, the
 * package name matches, and the file keeps the Go authors' copyright line (a project's own pkg/crypto/tls helpers do not).
 */
const GO_AUTHORS = /^\/\/ Copyright \d{4} The Go Authors\./m;
function standardLibraryFork(dirs: string[], packageName: string | undefined, source: string | undefined): string | undefined {
  if (!packageName || dirs.length < 3 || !source || !GO_AUTHORS.test(source.slice(0, 1024))) return undefined;
  for (let n = Math.min(4, dirs.length - 1); n >= 2; n--) {
    const tail = dirs.slice(dirs.length - n).join('/');
    if (STD_FORKABLE.has(tail) && tail.endsWith(`/${packageName}`)) return tail;
  }
  return undefined;
}

/**
 * What the repository as a whole says about the role of its paths, beyond each path's own words: the folders holding
 * another project's module (localCopies, from the go.mod files) and the archived release copies (archivedReleaseDirs,
 * from the file list). Every fact and rule asks a path's role with it (RepoFacts.pathRole), as the engine does for
 * findings, so that a path has one role everywhere.
 */
export interface RepositoryLayout {
  copies: readonly LocalCopy[];
  archives: readonly ArchivedRelease[];
  experiments: readonly ExperimentModule[];
}

/** The layout of a repository from its go.mod files and its file list (repository-relative paths; Go files are skipped). */
export function repositoryLayout(modules: readonly ModuleReplaces[], paths: Iterable<string>): RepositoryLayout {
  return { copies: localCopies(modules), archives: archivedReleaseDirs(paths), experiments: experimentModules(modules.map((m) => m.dir)) };
}

/**
 * Role of a path by its words and, when given, the repository's layout (module copies, archived release copies); no
 * package name or build constraint known. Facts and rules ask through RepoFacts.pathRole, which passes the layout.
 */
export function pathRole(path: string, layout?: RepositoryLayout): RoleResult {
  return classifyFile({ path, copies: layout?.copies, archives: layout?.archives, experiments: layout?.experiments });
}

/** Role of a directory or Go package path (`./examples/x/...`, `tools`, `hack/gen`): the role of a file directly in it. */
export function dirRole(dir: string, layout?: RepositoryLayout): CodeRole {
  const d = dir.replace(/^\.\/?/, '').replace(/\/?\.\.\.$/, '').replace(/\/$/, '');
  return pathRole(d ? `${d}/pkg.go` : 'pkg.go', layout).role;
}

/** Role of a path alone (directory segments and file name, and the repository's layout when given; no package or build constraint known). */
export function roleOfPath(path: string, layout?: RepositoryLayout): CodeRole {
  return pathRole(path, layout).role;
}

/** Folders of generated output. */
const GENERATED_DIR = /^(?:gen|generated|rendered)$/i;

/**
 * Whether a YAML file is generated output by its path: it sits under a gen/, generated/ or rendered/ folder (manifests
 * rendered from jsonnet or templates, such as operations/jsonnet-compiled/<setup>/gen/ or a chart's rendered/ output), so a finding belongs in
 * the source it was rendered from; like a generated Go file it is not reported unless --include-generated. Go files
 * say so in their header instead (`// Code generated … DO NOT EDIT.`): a Go gen/ folder often holds the generator.
 */
export function generatedByPath(path: string): boolean {
  const parts = path.split('/');
  const base = parts.pop() ?? '';
  return YAML_FILE.test(base) && parts.some((d) => GENERATED_DIR.test(d));
}

export function isShipped(role: CodeRole): boolean {
  return role === 'production';
}

/**
 * A folder of CLI commands: a kubectl plugin (kubectl-argo-rollouts/), cmd/<name>ctl/, cmd/<name>cli/, and cli/ at the
 * root or under cmd/ (woodpecker cli/, velero pkg/cmd/cli/); not internal/cli/, where a daemon's start-up often lives.
 */
const CLI_DIR = /^kubectl-[\w-]+$/i;
const CLI_WORD_DIR = /^clis?$/i;
const CLI_BINARY_DIR = /^[\w-]*(?:ctl|cli)$/i;
/** A CLI framework import (cobra, urfave/cli, kingpin, kong). */
const CLI_FRAMEWORK_IMPORT = /"(?:github\.com\/spf13\/cobra|github\.com\/urfave\/cli(?:\/v\d+)?|gopkg\.in\/urfave\/cli\.v\d|gopkg\.in\/alecthomas\/kingpin\.v\d|github\.com\/alecthomas\/kingpin(?:\/v\d+)?|github\.com\/alecthomas\/kong)"/;
/** A command built in this file: &cobra.Command{…}, cli.Command{…}, cli.App{…}, kingpin's app.Command("…"). */
const COMMAND_LITERAL = /\b(?:cobra\.Command|cli\.(?:Command|App))\s*\{|\.Command\(\s*"[\w-]+"\s*,/;
/** Serving in the file: the command starts a server, not a one-shot task. */
const SERVES = /\.ListenAndServe(?:TLS)?\(|\.Serve(?:TLS)?\(|grpc\.NewServer\(|\bhttp\.Server\s*\{|\.NewManager\(/;

/**
 * Whether a Go file is the code of a one-shot command-line command rather than of a long-running server: it serves
 * nothing itself (no ListenAndServe/Serve/grpc.NewServer/http.Server/NewManager in the file) and either sits in a CLI's
 * command folder (a kubectl-<plugin>/ folder, cmd/<name>ctl/, cmd/<name>cli/, cli/ at the root or under cmd/) or builds
 * a command of a CLI framework (cobra, urfave/cli, kingpin). Such code runs once per invocation and ends with the process: what it holds
 * until it returns is released at exit, a goroutine it leaves behind dies with it, and its user sees a hang. Returns
 * the reason, or undefined.
 */
export function commandLineCode(path: string, source: string): string | undefined {
  if (SERVES.test(source)) return undefined;
  const dirs = path.split('/');
  dirs.pop();
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i]!;
    if (CLI_DIR.test(d) || (CLI_WORD_DIR.test(d) && (i === 0 || dirs[i - 1] === 'cmd')) || (i > 0 && dirs[i - 1] === 'cmd' && CLI_BINARY_DIR.test(d))) return `directory ${dirs.slice(0, i + 1).join('/')}/`;
  }
  if (CLI_FRAMEWORK_IMPORT.test(source) && COMMAND_LITERAL.test(source)) return 'a CLI command';
  return undefined;
}

/**
 * Whether a Go file is a binary's own code rather than a library's: package main, or a package under a cmd/ folder
 * (cmd/<name>/app/, pkg/cmd/<name>/, internal/cmd/: the Go layout's home of a command's implementation, imported by
 * its main package). Process-wide settings made there are the program's decision, not imposed on an importer.
 */
export function binaryOwnCode(path: string, isMain: boolean): boolean {
  if (isMain) return true;
  const dirs = path.split('/');
  dirs.pop();
  return dirs.includes('cmd');
}

/** A Go file as the package-level role signal reads it. */
export interface PackageRoleFile {
  /** Repository-relative path, forward slashes. */
  path: string;
  isTest: boolean;
  role: CodeRole;
  /** Import path of its module and the module's folder ('' for the root), when known. */
  modulePath?: string;
  moduleDir?: string;
  /** Its import paths (read only for files whose role is production). */
  imports(): readonly string[] | undefined;
}

/** Ginkgo's spec DSL, any major version. */
const GINKGO_IMPORT = /^github\.com\/onsi\/ginkgo(?:\/v\d+)?$/;

/**
 * Packages that are a Ginkgo test suite kept outside _test.go files (an acceptance suite's package of Describe/It
 * specs, matchers and helpers): a non-test file of the package imports Ginkgo's DSL, and no package that ships imports
 * it (its importers are _test.go files, non-production code, or such suites themselves). Their files are test support:
 * the package is built only into test binaries. Not applied in Ginkgo's own repository. Returns the folders of those
 * packages, with the reason.
 */
export function testSuitePackages(files: readonly PackageRoleFile[]): Map<string, string> {
  const out = new Map<string, string>();
  const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  const prod = files.filter((f) => !f.isTest && f.role === 'production' && f.path.endsWith('.go'));
  const importsOf = new Map<PackageRoleFile, readonly string[]>();
  const candidates = new Map<string, string>(); // import path → folder
  for (const f of prod) {
    const imports = f.imports() ?? [];
    importsOf.set(f, imports);
    if (!f.modulePath || /^github\.com\/onsi\//.test(f.modulePath) || !imports.some((i) => GINKGO_IMPORT.test(i))) continue;
    const dir = dirOf(f.path);
    const importPath = packageImportPath(f.modulePath, f.moduleDir ?? '', dir);
    if (importPath !== undefined) candidates.set(importPath, dir);
  }
  if (candidates.size === 0) return out;
  // importers of each candidate: the folders of the shipped files importing it
  const importers = new Map<string, Set<string>>();
  for (const [f, imports] of importsOf) {
    const from = dirOf(f.path);
    for (const i of imports) {
      const to = candidates.get(i);
      if (to === undefined || to === from) continue;
      let s = importers.get(to);
      if (!s) importers.set(to, (s = new Set()));
      s.add(from);
    }
  }
  // a suite stays one while every shipped importer is itself a suite
  const suites = new Set(candidates.values());
  for (let changed = true; changed;) {
    changed = false;
    for (const dir of [...suites]) {
      if ([...(importers.get(dir) ?? [])].some((from) => !suites.has(from))) { suites.delete(dir); changed = true; }
    }
  }
  for (const dir of suites) out.set(dir, `package in ${dir || '.'}/ imports Ginkgo and no shipped package imports it (a test suite)`);
  return out;
}
