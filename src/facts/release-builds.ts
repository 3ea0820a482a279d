/**
 * Release builds: the `go build` commands that produce shipped artifacts, gathered from
 * production Dockerfiles (stages that feed the final image), Makefile targets that are not
 * test/dev/tool targets, GoReleaser builds and ko builds — each with its effective flags
 * (GOFLAGS included) and the line to report at.
 *
 * Dockerfile RUN lines that call `make <target>` are resolved to the Makefile recipes they run
 * (`dockerGoBuilds`); those builds are reported at their Makefile line by the flag rules, and
 * at the Dockerfile RUN line by rules about the image (cgo on a libc-less image).
 */
import path from 'node:path';
import { defineProvider, factInput, factKey, filesInput, modulesInput, type FactKey, type FactProvider } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { makeInvocations, producesArtifact, trimpathFlag, type GoBuildInvocation } from './go-build-invocations.js';
import { DOCKERFILES, dockerfiles, stagesFeedingFinal, type DockerfileFacts, type DockerRun, type DockerStage } from './dockerfiles.js';
import { commandsForTargets, goBuildsForTargets, localUseComment, nonReleaseReason, projectGoBuilds, type MakeGoBuild, type ReleaseContext } from './makefile-builds.js';
import { escapeRe, isMakefilePath, MAKE_PROJECTS, makeProjects, makefileAt, type MakeProject } from './makefile.js';
import { GORELEASER_CONFIGS, GORELEASER_DEFAULT_LDFLAGS, goreleaserConfigs, isGoreleaserPath, type GoreleaserBuild } from './goreleaser.js';
import { KO_CONFIGS, koConfigs } from './ko.js';
import { resolveToolEnv, substituteEnv, templateEnvNames, type ReleaseTool } from './release-tool-env.js';
import type { Confidence } from '../core/types.js';
import { MAIN_PACKAGE_DIRS } from './code-summaries.js';
import { CI_FACTS, ciFacts, isWorkflowPath } from './ci-config.js';
import { RELEASE_PIPELINES, releaseFacts, releasePathFiles, releaseWorkflowFiles } from './release-pipelines.js';
import { isTestJobFile } from '../core/work-names.js';
import { toolingFiles } from './docker-build-args.js';

/** Documents that may tell how to run a make target (`make release` in a README or RELEASE.md). */
export const targetDocs = filesInput('documents', (rel) => /\.(?:md|markdown|rst|adoc|txt)$/i.test(rel) && !/(?:^|\/)(?:vendor|node_modules|third_party)\//.test(rel));

export interface ReleaseBuild {
  source: 'dockerfile' | 'makefile' | 'goreleaser' | 'ko';
  file: string;
  /** Line of the command / build entry. */
  line: number;
  /** Human description of where the build is, e.g. "make target build", "GoReleaser build 'app'". */
  where: string;
  /** -trimpath given (directly, via GOFLAGS, or the older -gcflags/-asmflags -trimpath=dir). */
  trimpath: boolean;
  /** Explicit -ldflags values; `defaulted` when the tool's defaults apply. */
  ldflags: string[];
  ldflagsDefaulted: boolean;
  /** ko / GoReleaser: the environment variables the ldflags template reads and where their values were found (`LD_FLAGS set at Makefile:12`). */
  ldflagsVia?: string;
  ldflagsLine?: number;
  /** -gcflags values that are certainly in effect (never from a conditional make branch). */
  gcflags: string[];
  gcflagsLine?: number;
  /** The go command flags in effect (command line, GOFLAGS, GoReleaser/ko `flags:`), for rules that read other flags. */
  goFlags: string[];
  /** Line of the flags (GoReleaser/ko `flags:` key), when not the build's line. */
  flagsLine?: number;
  confidence: Confidence;
  /** The binary's name (-o's last part, else the package's), when it can be read. */
  binary?: string;
  /**
   * Set when the build runs inside an image build (a Dockerfile build, or a Makefile build that only an image's
   * `RUN make` reaches) and its binary leaves it only in the image: the tooling takes no files out of image builds (see
   * markImageOnly). Its paths are the image's fixed build paths.
   */
  imageOnly?: boolean;
}

/** A go build reached from a production Dockerfile RUN (directly or through `make`). */
export interface DockerGoBuild {
  df: DockerfileFacts;
  stage: DockerStage;
  run: DockerRun;
  build: GoBuildInvocation;
  /** Set when the build comes from a Makefile recipe that the RUN line's `make` runs. */
  viaMake?: MakeGoBuild;
}


function trimpathOf(b: GoBuildInvocation): boolean {
  return b.trimpath || [...b.gcflags, ...b.args.filter((a) => /^--?asmflags=/.test(a))].some((g) => /-trimpath(=|\b)/.test(g));
}

function projectFor(projects: MakeProject[], df: DockerfileFacts, dir?: string): MakeProject | undefined {
  const dfDir = df.file.includes('/') ? df.file.slice(0, df.file.lastIndexOf('/')) : '';
  const rel = (p: string) => path.posix.normalize(p).replace(/^\.\/?/, '').replace(/\/$/, '');
  // `make -C <dir>` runs the Makefile of that folder (beside the Dockerfile, or from the root context); a folder the
  // repository does not hold (a library downloaded in the image) runs none of its Makefiles
  const cands = dir && rel(dir) !== '' ? [rel(path.posix.join(dfDir || '.', dir)), rel(dir)] : [dfDir, ''];
  for (const c of cands) {
    const p = projects.find((x) => x.dir === c && x.rules.length > 0);
    if (p) return p;
  }
  return undefined;
}

/**
 * Go builds in production Dockerfiles, in stages that feed the final image. `-race`/`-cover`
 * builds are left out unless `instrumented` is set (they are test binaries for every rule but
 * the one that reports an instrumented binary shipped in the image).
 */
export function dockerGoBuilds(repo: RepoFacts, instrumented = false): DockerGoBuild[] {
  return repo.fact(instrumented ? INSTRUMENTED_DOCKER_GO_BUILDS : DOCKER_GO_BUILDS);
}

export const DOCKER_GO_BUILDS = factKey<DockerGoBuild[]>('release:docker-go-builds:false');
export const INSTRUMENTED_DOCKER_GO_BUILDS = factKey<DockerGoBuild[]>('release:docker-go-builds:true');
export const RELEASE_CONTEXT = factKey<ReleaseContext>('release:context');

function collectDockerGoBuilds(repo: RepoFacts, instrumented: boolean): DockerGoBuild[] {
    const projects = makeProjects(repo);
    const out: DockerGoBuild[] = [];
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined) continue;
      const feeding = stagesFeedingFinal(df);
      for (const stage of df.stages) {
        if (!feeding.has(stage.index)) continue;
        for (const run of stage.runs) {
          for (const build of run.goBuilds) {
            if ((!instrumented && (build.race || build.cover)) || !producesArtifact(build)) continue;
            if ([...build.packages, build.dir ?? ''].some((p) => repo.dirRole(p) !== 'production')) continue;
            out.push({ df, stage, run, build });
          }
          for (const mk of run.makes) {
            const proj = projectFor(projects, df, mk.dir);
            if (!proj) continue;
            const targets = imageMakeTargets(proj, mk.targets);
            // targets that name none of the Makefile's (not the default goal)
            if (mk.targets.length && !targets.length) continue;
            for (const mb of goBuildsForTargets(proj, targets, mk.vars, mk.env)) {
              if (nonReleaseReason(instrumented ? withoutInstrumentation(mb) : mb, releaseContext(repo))) continue;
              out.push({ df, stage, run, build: mb.union, viaMake: mb });
            }
          }
        }
      }
    }
    return out;
  }

/**
 * The targets an image's `make` runs: a word computed from a build argument (`make build-${TARGET_BUILD}`, the
 * argument set by each image build of the tooling) stands for every literal target of the Makefile it may name — its
 * written part before and after the variables must match (a word that is only a variable names none: it may be any
 * target).
 */
function imageMakeTargets(proj: MakeProject, targets: string[]): string[] {
  const out: string[] = [];
  for (const t of targets) {
    if (!t.includes('$')) { out.push(t); continue; }
    const parts = t.split(/\$\{[^}]*\}|\$\([^)]*\)|\$\w+/);
    if (!parts.join('').replace(/[-_./]/g, '')) continue;
    const re = new RegExp(`^${parts.map(escapeRe).join('.+')}$`);
    for (const r of proj.rules) for (const x of r.targets) if (!/[$%]/.test(x) && !x.startsWith('.') && re.test(x) && !out.includes(x)) out.push(x);
  }
  return out;
}

export const dockerGoBuildsProvider = defineProvider({
  provides: DOCKER_GO_BUILDS,
  reads: [factInput(DOCKERFILES), factInput(MAKE_PROJECTS), factInput(RELEASE_CONTEXT)],
  cacheable: true,
  compute: (repo) => collectDockerGoBuilds(repo, false),
});

export const instrumentedDockerGoBuildsProvider = defineProvider({
  provides: INSTRUMENTED_DOCKER_GO_BUILDS,
  reads: [factInput(DOCKERFILES), factInput(MAKE_PROJECTS), factInput(RELEASE_CONTEXT)],
  cacheable: true,
  compute: (repo) => collectDockerGoBuilds(repo, true),
});

/** What the release classification needs to know about the repository's modules and main packages. */
export const releaseContextProvider = defineProvider({
  provides: RELEASE_CONTEXT,
  reads: [modulesInput, factInput(MAIN_PACKAGE_DIRS)],
  cacheable: false,
  compute: (repo): ReleaseContext => ({
    ownModules: repo.modules.map((m) => m.path).filter((p): p is string => !!p),
    mainDirs: new Set(repo.mainPackageDirs().map((d) => (d === '.' ? '' : d))),
    layout: repo.layout,
  }),
});

export function releaseContext(repo: RepoFacts): ReleaseContext {
  return repo.fact(RELEASE_CONTEXT);
}

/**
 * A make build judged as if it had no -race/-cover: with the strict expansion (flags always
 * present), so a build instrumented only in a RACE=1 / ifdef branch stays a test build.
 */
function withoutInstrumentation<T extends { union: GoBuildInvocation; strict?: GoBuildInvocation }>(mb: T): T {
  const certain = mb.strict ?? mb.union;
  if (!certain.race && !certain.cover) return mb;
  return { ...mb, union: { ...mb.union, race: false, cover: false } };
}

function releaseBuildsProviderOf(provides: FactKey<ReleaseBuild[]>, docker: FactKey<DockerGoBuild[]>, instrumented: boolean): FactProvider<ReleaseBuild[]> {
  return defineProvider({
    provides,
    reads: [factInput(docker), factInput(DOCKERFILES), factInput(RELEASE_CONTEXT), factInput(MAKE_PROJECTS), factInput(GORELEASER_CONFIGS), factInput(KO_CONFIGS),
      factInput(CI_FACTS), factInput(RELEASE_PIPELINES), filesInput('workflows', (rel) => isWorkflowPath(rel)), toolingFiles, targetDocs],
    cacheable: true,
    compute: (repo) => collectReleaseBuilds(repo, instrumented),
  });
}

/** Every release build of the repository (without -race/-cover builds: see `instrumentedReleaseBuilds`). */
export const RELEASE_BUILDS = factKey<ReleaseBuild[]>('release:builds');

export const releaseBuildsProvider = releaseBuildsProviderOf(RELEASE_BUILDS, DOCKER_GO_BUILDS, false);

export function releaseBuilds(repo: RepoFacts): ReleaseBuild[] {
  return repo.fact(RELEASE_BUILDS);
}

/**
 * The release builds including those that build with -race, -msan, -asan or -cover (in a
 * production Dockerfile stage feeding the final image, a release make target where the flag is
 * unconditional, GoReleaser, ko): the builds that ship an instrumented binary.
 */
export const INSTRUMENTED_RELEASE_BUILDS = factKey<ReleaseBuild[]>('release:builds:instrumented');

export const instrumentedReleaseBuildsProvider = releaseBuildsProviderOf(INSTRUMENTED_RELEASE_BUILDS, INSTRUMENTED_DOCKER_GO_BUILDS, true);

export function instrumentedReleaseBuilds(repo: RepoFacts): ReleaseBuild[] {
  return repo.fact(INSTRUMENTED_RELEASE_BUILDS);
}

function collectReleaseBuilds(repo: RepoFacts, instrumented: boolean): ReleaseBuild[] {
  const out: ReleaseBuild[] = [];
  /** The builds that run inside an image build (markImageOnly decides whether that image is their only release). */
  const imageBuilt = new Set<ReleaseBuild>();
  const rc = releaseContext(repo);
  for (const d of dockerGoBuilds(repo, instrumented)) {
    if (d.viaMake) continue; // judged at the Makefile line
    out.push({
      source: 'dockerfile', file: d.df.file, line: d.run.line,
      where: `Dockerfile stage ${d.stage.name ? `'${d.stage.name}'` : d.stage.index}`,
      trimpath: trimpathOf(d.build), ldflags: d.build.ldflags, ldflagsDefaulted: false, gcflags: d.build.gcflags,
      goFlags: commandFlags(d.build), confidence: 'high', binary: binaryName(d.build),
    });
    imageBuilt.add(out[out.length - 1]!);
  }
  // a recipe line read by several projects (a .mk file included from the root Makefile and
  // read with its own folder) is one build: the first project that reaches it reports it
  const claimed = new Set<string>();
  const imageMakeBuilds = new Set(dockerGoBuilds(repo, instrumented).flatMap((d) => (d.viaMake ? [`${d.viaMake.file}:${d.viaMake.line}`] : [])));
  const reach = releaseReach(repo, imageMakeBuilds, instrumented);
  const containerMakeBuilds = containerRunMakeBuilds(repo);
  // where the release path cannot be followed, another visible release mechanism (GoReleaser, ko, images that build Go
  // themselves, a workflow publishing images without make) says what ships: other Makefile targets are developer builds
  const elsewhere = reach ? undefined : otherReleaseMechanism(repo, instrumented, rc);
  // a target named for a release counts where nothing visible runs it (a maintainer's `make release` writing the
  // archives), but not where GoReleaser builds the downloadable binaries — a config with a build of the repository's
  // main package, and tooling that runs GoReleaser (a step, a job or reusable workflow named for it, a make recipe or
  // script) — and nothing of the repository runs that target: no other rule, workflow, CI file, script, Dockerfile or
  // document names it (blind sample of 2026-12-25: a `cross_compile` target starting with a tool the repository no
  // longer uses, beside the image's `make linux_compile` and a GoReleaser config run by a shared workflow). Images alone
  // do not make it so: they ship no binary to download (a `release` target beside them still writes the archives).
  const otherPath = goreleaserBinaryRelease(repo, rc) !== undefined && goreleaserRunSeen(repo);
  const releaseTarget = (targets: string[]) => targets.some((t) => RELEASE_TARGET.test(t) && (!otherPath || targetNamed(repo, t)));
  for (const proj of makeProjects(repo)) {
    const mine = new Set<string>();
    // a define body's line is read once per call (each caller's targets and arguments): it is one build, the first
    // call that makes it a release build
    const pushed = new Set<string>();
    for (const mb of projectGoBuilds(proj)) {
      const at = `${mb.file}:${mb.line}`;
      if (claimed.has(at) || pushed.has(`${at}#${mb.index ?? 0}`)) continue;
      mine.add(at);
      if (nonReleaseReason(instrumented ? withoutInstrumentation(mb) : mb, rc)) continue;
      // a target its Makefile comments as for local use (sonobuoy's `build`: "This is for local use"); a Dockerfile
      // that runs it through make still makes it a release build (dockerGoBuilds)
      const text = repo.readText(mb.file).text;
      if (!imageMakeBuilds.has(at) && text !== undefined && localUseComment(text, mb.line)) continue;
      // where the release path is visible, a target it never runs is a developer's build (blind sample 7: local
      // convenience targets beside a packaging Makefile or GoReleaser that build the releases)
      if (reach && !reach.reached.has(at) && !releaseTarget(mb.targets)) continue;
      // where it is not, but the repository visibly releases through something else, a target neither named for a
      // release nor run by an image's `RUN make` is a developer's build (blind sample of 2026-12-23: `install`, `build`,
      // `manager` beside GoReleaser run by another CI system, or images whose Dockerfiles build Go themselves)
      if (!reach && elsewhere && !imageMakeBuilds.has(at) && !containerMakeBuilds.has(at) && !releaseTarget(mb.targets) && !unreadCiReleaseReach(repo).has(at)) continue;
      const openFlagVars = mb.openVars.filter((v) => /FLAGS|OPTS|ARGS/i.test(v));
      // an include that was not followed may set the flags: the verdict is less certain
      const blind = proj.unresolved.some((u) => !(u.optional && /\.d$/.test(u.spec)));
      out.push({
        source: 'makefile', file: mb.file, line: mb.line,
        where: `make target ${mb.targets[0] ?? '?'}`,
        trimpath: trimpathOf(mb.union), ldflags: mb.union.ldflags, ldflagsDefaulted: false,
        gcflags: mb.strict?.gcflags ?? [],
        goFlags: mb.strict ? commandFlags(mb.strict) : [],
        confidence: openFlagVars.length || blind ? 'low' : 'medium',
        binary: binaryName(mb.union),
      });
      pushed.add(`${at}#${mb.index ?? 0}`);
      // run by an image's `RUN make` (or a builder container's `docker run … make`) and by nothing of the release path
      // outside images (where the release path is not followed, a target an image's `RUN make` runs and whose name does
      // not say release is taken as the image's build: blind sample of 2026-12-23, a `make build` only a builder stage
      // runs, a plugin a build script makes in a builder container)
      if ((imageMakeBuilds.has(at) || containerMakeBuilds.has(at)) && (!reach || !reach.outsideImages.has(at)) && !mb.targets.some((t) => RELEASE_TARGET.test(t))) imageBuilt.add(out[out.length - 1]!);
    }
    for (const at of mine) claimed.add(at);
  }
  for (const g of goreleaserConfigs(repo)) {
    if (!g.parsed) continue;
    for (const b of g.builds) {
      if (b.skip || (b.builder && b.builder !== 'go')) continue;
      // a build whose main package is not there cannot build: no release comes from it (blind sample of 2026-12-19:
      // GoReleaser's stock example config, `main: .` at a root without Go code, that nothing runs)
      if (!goreleaserMainFound(b, g.file, rc)) continue;
      // a config the tooling runs only as a local snapshot (`goreleaser release -f x.yml --snapshot`) publishes nothing
      if (snapshotOnlyGoreleaser(repo).has(g.file)) continue;
      const env = [...g.globalEnv, ...(b.env?.value ?? [])];
      const goflags = env.filter((e) => e.startsWith('GOFLAGS=')).flatMap((e) => e.slice('GOFLAGS='.length).split(/\s+/));
      const flags = b.flags?.value ?? [];
      const gcflags = [...(b.gcflags?.value ?? []), ...flags.filter((f) => /^--?gcflags=/.test(f)).map((f) => f.replace(/^--?gcflags=/, ''))];
      const ld = b.ldflags ? templatedLdflags(repo, 'goreleaser', g.file, b.ldflags.value, g.globalEnv) : undefined;
      out.push({
        source: 'goreleaser', file: g.file, line: b.flags?.line ?? b.line,
        where: `GoReleaser build ${b.id ? `'${b.id}'` : `#${b.index + 1}`}`,
        trimpath: (trimpathFlag(flags) ?? trimpathFlag(goflags) ?? false) || gcflags.some((x) => /-trimpath/.test(x)),
        ldflags: ld ? ld.ldflags : GORELEASER_DEFAULT_LDFLAGS, ldflagsVia: ld?.via,
        ldflagsDefaulted: !b.ldflags,
        ldflagsLine: b.ldflags?.line ?? b.line,
        gcflags, gcflagsLine: b.gcflags?.line ?? b.flags?.line ?? b.line,
        goFlags: [...goflags, ...flags], flagsLine: b.flags?.line,
        confidence: 'high',
      });
    }
  }
  for (const k of koConfigs(repo)) {
    if (!k.parsed) continue;
    for (const b of k.builds) {
      const flags = b.flags?.value ?? [];
      const gcflags: string[] = [];
      flags.forEach((f, i) => {
        const m = /^--?gcflags(?:=(.*))?$/.exec(f);
        if (m) gcflags.push(m[1] ?? flags[i + 1] ?? '');
      });
      const ld = templatedLdflags(repo, 'ko', k.file, b.ldflags?.value ?? []);
      out.push({
        source: 'ko', file: k.file, line: b.line,
        where: `ko build ${b.id ? `'${b.id}'` : b.main ?? ''}`.trim(),
        trimpath: true, // ko passes -trimpath by default
        ldflags: ld.ldflags, ldflagsVia: ld.via, ldflagsDefaulted: false, ldflagsLine: b.ldflags?.line,
        gcflags, gcflagsLine: b.flags?.line ?? b.line,
        goFlags: flags, flagsLine: b.flags?.line,
        confidence: 'high',
      });
    }
  }
  markImageOnly(repo, imageBuilt);
  return out;
}

/**
 * Whether a GoReleaser build's main package is in the repository: its `main` (default `.`; a folder, or a .go file of
 * the package) inside its `dir` (default the folder GoReleaser runs in: the root, or the config's folder when run from
 * there) is a folder holding a package main. Judged only where the repository's main packages are seen (some exists):
 * without any, the Go code is not in view. A templated or module-path `main` or `dir`, or one leaving the repository,
 * is taken as found.
 */
export function goreleaserMainFound(b: GoreleaserBuild, configFile: string, rc: ReleaseContext): boolean {
  if (!rc.mainDirs?.size) return true;
  const main = b.main?.value.trim() || '.';
  const dir = b.dir?.value.trim() || '.';
  if (/[{$]/.test(main + dir)) return true;
  // an import path (`example.com/app/cmd/app`, allowed with gomod.proxy)
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(main)) return true;
  const cfgDir = path.posix.dirname(configFile);
  for (const base of new Set(['.', cfgDir])) {
    const p = path.posix.normalize(path.posix.join(base, dir, main));
    if (p === '..' || p.startsWith('../') || path.posix.isAbsolute(p)) return true;
    const d = /\.go$/.test(p) ? path.posix.dirname(p) : p.replace(/\/$/, '');
    if (rc.mainDirs.has(d === '.' ? '' : d)) return true;
  }
  return false;
}

/** The name of the binary a go build writes: -o's last part (not a folder), else its package's last part; undefined when not read. */
export function binaryName(b: GoBuildInvocation): string | undefined {
  const base = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? '';
  let name: string | undefined;
  if (b.output !== undefined && !b.output.endsWith('/')) name = base(b.output).replace(/\.exe$/i, '');
  else if (b.packages.length === 1) {
    const p = b.packages[0]!;
    name = p.endsWith('.go') ? base(p).slice(0, -3) : /^\.?\/?$/.test(p) ? undefined : base(p);
  }
  return name && !/[$%{}()*]|SHELL_OUTPUT/.test(name) ? name : undefined;
}

/** A container engine in a command: its name, or a make/shell variable naming it (`$(DOCKER)`, `${CONTAINER_TOOL}`). */
const ENGINE = String.raw`(?:\b(?:docker|podman|nerdctl|buildah)\b|\$[({]\w*(?:DOCKER|CONTAINER|ENGINE)\w*[)}])`;
/** The rest of one command: within a line or its backslash continuations, up to a comment or the next command. */
const SAME_COMMAND = String.raw`(?:[^\n#;&|]|\\\r?\n)*?`;
/**
 * Commands that take the files an image build wrote out of the image: `docker build --output`/`-o` to a local folder
 * or tar (not `type=image|registry|docker|oci`: those keep the binary in an image), `buildx build|bake --output`,
 * `docker cp` from a container, build-push-action `outputs: type=local|tar`, a bake target's `output = ["type=local…"]`.
 */
const IMAGE_EXPORT = new RegExp(
  `${ENGINE}(?:\\s+buildx)?\\s+(?:build|bake|bud)\\b${SAME_COMMAND}(?:--output|\\s-o)(?:=|\\s+)(?!['"]?type=(?:image|registry|docker|oci|cacheonly)\\b)['"]?[\\w./$({~-]` +
  `|${ENGINE}\\s+(?:container\\s+)?cp\\b|^\\s*outputs:\\s*['"]?type=(?:local|tar)\\b|\\boutput\\s*=\\s*\\[\\s*"type=(?:local|tar)\\b`,
  'm',
);

/** Whether the repository's build tooling (CI, Makefiles, scripts; not test or example files) takes files out of an image build. */
function exportsImageFiles(repo: RepoFacts): boolean {
  // asked by both release-build providers (plain and instrumented): read the tooling files once
  return repo.memo('release-builds:exports-image-files', () => repo.filesOf(toolingFiles).filter((rel) => repo.roleOf(rel) === 'production').some((rel) => IMAGE_EXPORT.test(repo.readText(rel).text ?? '')));
}

/**
 * Marks the builds among `imageBuilt` (a Dockerfile `go build`, a Makefile target only an image's `RUN make` reaches)
 * whose binary leaves the build only inside the image: the repository's tooling takes no files out of an image build
 * (`docker build --output`, `docker cp`), so nobody gets the binary but from the image. The judging rubric
 * (docs/accuracy/judging-rubric.md) reads a flag missing from such a build as debatable: its paths are the image's
 * fixed build paths, which leak nothing, and the flag alone does not make the build reproducible (blind sample of
 * 2026-12-16: images built at /app, /workspace). An archive or package of the same binary published from another build
 * (GoReleaser, a Makefile release target) is that build's finding: the image's build adds nothing to it (blind sample
 * 11: an exporter's image build beside its GoReleaser archives, an operator whose GitHub release carries no files).
 */
function markImageOnly(repo: RepoFacts, imageBuilt: Set<ReleaseBuild>): void {
  if (!imageBuilt.size || exportsImageFiles(repo)) return;
  for (const b of imageBuilt) b.imageOnly = true;
}

/**
 * Whether anything of the repository runs make target `target`, or says to: a `make … target` (`$(MAKE)`, `gmake`) in
 * a Makefile recipe, workflow or other CI file, script, Dockerfile or document (a README's `make cross`), or another
 * rule's prerequisites. A target written with a variable or a pattern is taken as run.
 */
function targetNamed(repo: RepoFacts, target: string): boolean {
  if (/[$%]/.test(target)) return true;
  const corpus = repo.memo('release-builds:target-naming-corpus', () => {
    const files = new Set([...repo.filesOf(toolingFiles), ...repo.filesOf(targetDocs), ...dockerfiles(repo).map((d) => d.file)]);
    return [...files].map((rel) => ({ text: (repo.readText(rel).text ?? '').replace(/\\\r?\n/g, ' '), makefile: isMakefilePath(rel) }));
  });
  const name = escapeRe(target);
  const word = new RegExp(`(?<![\\w./-])${name}(?![\\w/-]|\\.\\w)`);
  const run = new RegExp(`(?:^|[\\s;&|(\'"\`])(?:g?make|\\$[({]?MAKE[)}]?)\\s(?:[^\\n;&|]*\\s)?${name}(?![\\w/-]|\\.\\w)`);
  // a rule line whose prerequisites name it (`all: cross`; not an assignment, not `.PHONY`)
  const prereq = new RegExp(`^(?!\\s*\\.PHONY\\b)[^\\t#:=][^:=]*::?(?!=)[^=#]*(?<![\\w./-])${name}(?![\\w/-]|\\.\\w)`);
  return corpus.some(({ text, makefile }) => word.test(text) && text.split('\n').some((l) => run.test(l) || (makefile && prereq.test(l))));
}

/** A make target named for a release (`release`, `dist`, `package`, `cross`, `publish`…): a release build even where nothing visible runs it. */
const RELEASE_TARGET = /(^|[-_./])(releases?|dist|packages?|cross|publish|artifacts?)([-_./]|$)/i;

/**
 * The Makefile go builds the release reaches — the make runs of release workflows (and the local
 * workflows and actions they call), and the images' `RUN make` — when the release path is visible:
 * a GoReleaser or ko config, a release workflow, or a production image building Go. Make runs of a
 * release workflow's check jobs (named for tests or lint) are not the release's. Undefined when it is
 * not (no release path seen, CI of a system whose release steps are not followed, a release workflow
 * calling a remote reusable workflow): the repository's other release mechanism, if one is seen,
 * then decides (otherReleaseMechanism), else every non-test target counts.
 */
function releaseReach(repo: RepoFacts, imageMakeBuilds: Set<string>, instrumented: boolean): { reached: Set<string>; outsideImages: Set<string> } | undefined {
  const ci = ciFacts(repo);
  const workflows = releasePathFiles(repo) ?? goreleaserReleasePath(repo);
  if (!workflows) return undefined;
  const visible = workflows.size > 0 || imageMakeBuilds.size > 0 || dockerGoBuilds(repo, instrumented).length > 0
    || goreleaserConfigs(repo).some((g) => g.parsed && g.builds.length > 0) || koConfigs(repo).some((k) => k.parsed && k.builds.length > 0);
  if (!visible) return undefined;
  // a check job of a release workflow (`unit-tests` running `make build` beside the job that pushes the images) builds
  // nothing that ships (blind sample of 2026-12-23)
  const releaseRuns = ci.makeRuns.filter((r) => workflows.has(r.file) && !checkJob(r.job));
  // a release run whose target is computed (`make image-$IMAGE`) may reach any target: the reach is not known
  if (releaseRuns.some((r) => r.computedTargets)) return undefined;
  const outsideImages = new Set<string>();
  for (const run of releaseRuns) {
    const slash = run.makefile.lastIndexOf('/');
    const proj = makefileAt(repo, slash < 0 ? '' : run.makefile.slice(0, slash), run.makefile.slice(slash + 1));
    if (!proj) continue;
    for (const mb of goBuildsForTargets(proj, run.targets, run.vars)) outsideImages.add(`${mb.file}:${mb.line}`);
  }
  return { reached: new Set([...imageMakeBuilds, ...outsideImages]), outsideImages };
}

/** A job whose name says it tests or lints (`unit-tests`, `lint`, `e2e`), and says nothing of a release or an image. */
function checkJob(job: string | undefined): boolean {
  return !!job && isTestJobFile(job) && !/release|publish|push|deploy|image|docker|dist|package/i.test(job);
}

/** A Go program of the repository run with `go run` (`go run scripts/release.go -docker`, `go run ./cmd/release`), not a tool at a version. */
const GO_RUN_LOCAL = /(?:^|[\s;&|(])go\s+run\s+(?:-[\w=.,-]+\s+)*(?:\.\.?\/|[\w-]+\/|[\w-]+\.go\b)(?![^\s]*@)/m;
/** A workflow step that logs in to an image registry. */
const REGISTRY_LOGIN = /docker\/login-action|redhat-actions\/podman-login|\b(?:docker|podman)\s+login\b/;

/**
 * Where the release path cannot be followed (CI of another system, a computed make target, a remote reusable
 * workflow), the repository's other visible release mechanism, if any: GoReleaser builds whose main package is there
 * (in a config not run only as a local snapshot), ko builds, production images whose Dockerfiles build Go themselves
 * (`go build`, or a release program run with `go run`), or a workflow named for a release that logs in to a registry
 * and runs no make. With one, the release binaries come from it, and a Makefile target is a release build only when its
 * name says release or an image's `RUN make` runs it (blind sample of 2026-12-23: `make install` beside GoReleaser run
 * by CircleCI through a script, `make build` beside images whose Dockerfiles build the binaries). Undefined when none
 * is seen: the Makefile may then be how the release is built (a cross-compiling target run by hand or another CI).
 */
function otherReleaseMechanism(repo: RepoFacts, instrumented: boolean, rc: ReleaseContext): string | undefined {
  const gr = goreleaserBinaryRelease(repo, rc);
  if (gr) return `GoReleaser (${gr})`;
  const ko = koConfigs(repo).find((k) => k.parsed && k.builds.length > 0);
  if (ko) return `ko (${ko.file})`;
  const img = dockerGoBuilds(repo, instrumented).find((d) => !d.viaMake);
  if (img) return `the image of ${img.df.file}`;
  for (const df of dockerfiles(repo)) {
    if (df.role !== 'production' || df.final === undefined) continue;
    const feeding = stagesFeedingFinal(df);
    if (df.stages.some((st) => feeding.has(st.index) && st.runs.some((r) => GO_RUN_LOCAL.test(r.script)))) return `the image of ${df.file} (a release program run with go run)`;
  }
  const ci = ciFacts(repo);
  for (const rel of repo.filesWhere((r) => isWorkflowPath(r))) {
    if (ci.makeRuns.some((m) => m.file === rel)) continue;
    const text = repo.readText(rel).text ?? '';
    const name = /^name:\s*['"]?(.*?)['"]?\s*$/m.exec(text)?.[1] ?? '';
    if (!/release|publish|deploy|push/i.test(`${rel.split('/').pop()} ${name}`)) continue;
    if (text.split('\n').some((l) => !/^\s*#/.test(l) && REGISTRY_LOGIN.test(l))) return `the images ${rel} publishes`;
  }
  return undefined;
}

/** The GoReleaser config that builds the repository's binaries (a go build whose main package is there, in a config not run only as a local snapshot), if any. */
function goreleaserBinaryRelease(repo: RepoFacts, rc: ReleaseContext): string | undefined {
  const snapshots = snapshotOnlyGoreleaser(repo);
  return goreleaserConfigs(repo).find((g) => g.parsed && repo.roleOf(g.file) === 'production' && !snapshots.has(g.file)
    && g.builds.some((b) => !b.skip && (!b.builder || b.builder === 'go') && goreleaserMainFound(b, g.file, rc)))?.file;
}

/** A line that runs GoReleaser: its action, a job or reusable workflow named for it, the command, a make variable naming it. */
const GORELEASER_RUN_LINE = /goreleaser\/goreleaser-action|^\s*(?:-\s+)?(?:uses|name):\s*\S*goreleaser|(?:^|[\s;&|("'/])goreleaser(?:-pro)?(?:\s|$)|\$[({]GORELEASER\w*[)}]/i;

/** Whether the repository's tooling (workflows, CI files, Makefiles, scripts; not the GoReleaser configs) runs GoReleaser. */
function goreleaserRunSeen(repo: RepoFacts): boolean {
  return repo.memo('release-builds:goreleaser-run-seen', () => repo.filesOf(toolingFiles).some((rel) => {
    if (isGoreleaserPath(rel)) return false;
    const role = repo.roleOf(rel);
    if (role !== 'production' && role !== 'tooling') return false;
    return (repo.readText(rel).text ?? '').split('\n').some((l) => !/^\s*#/.test(l) && GORELEASER_RUN_LINE.test(l));
  }));
}

/** An upload of release files in a CI file: a GitHub release's assets, `gh release`, a copy to a bucket. */
const RELEASE_UPLOAD = /\/releases\/\S*\/assets\b|\bgh\s+release\s+(?:create|upload)\b|\bghr\s|\bgithub-release\s+upload\b|\b(?:gsutil|gcloud\s+storage)\s+(?:-m\s+)?(?:cp|rsync)\b|\baws\s+s3\s+(?:cp|sync)\b/;

/**
 * The root Makefile's go builds that a CI file of a system goready does not read (Cloud Build, Jenkins, Travis…) runs
 * by `make <targets>` when that file also uploads release files (blind sample 15: a Cloud Build release config that
 * runs `make build` and uploads the kubectl plugin binaries it writes to the GitHub release): release builds whatever
 * their name says, beside any other release mechanism.
 */
function unreadCiReleaseReach(repo: RepoFacts): Set<string> {
  return repo.memo('release-builds:unread-ci-release-reach', () => {
    const out = new Set<string>();
    const proj = makefileAt(repo, '', 'Makefile');
    if (!proj) return out;
    for (const c of ciFacts(repo).configs) {
      if (c.system !== 'other') continue;
      const text = repo.readText(c.file).text ?? '';
      if (!RELEASE_UPLOAD.test(text)) continue;
      const targets = new Set<string>();
      for (const l of text.split('\n')) {
        if (/^\s*#/.test(l)) continue;
        for (const m of l.matchAll(/(?:^|[\s;&|("'\[,])make((?:\s+[^\s;&|)"'\],]+)+)/g)) {
          for (const w of m[1]!.trim().split(/\s+/)) if (/^[\w][\w.\/-]*$/.test(w)) targets.add(w);
        }
      }
      if (targets.size) for (const mb of goBuildsForTargets(proj, [...targets])) out.add(`${mb.file}:${mb.line}`);
    }
    return out;
  });
}

/** A container engine's `run` (`docker run`, `podman container run`, `$(DOCKER) run`). */
const CONTAINER_RUN = new RegExp(`${ENGINE}\\s+(?:container\\s+)?run\\b`);
/** A `cd <folder>` before a make in the container's command (`bash -c "cd plugins/x && make"`). */
const CD_THEN_MAKE = /\bcd\s+([\w./-]+)\s*&&\s*(?:g?make|\$[({]MAKE[)}])\b/;

/**
 * The Makefile go builds that the repository's scripts and Makefile recipes (not test or example ones) run inside a
 * builder container: `docker run … <image> make <targets>` (or `bash -c "cd <folder> && make"`), the Makefile taken
 * from the script's folder (the one its `$(pwd)` mount gives the container), a `cd` or `-C` in the command. Their
 * paths are the container's fixed build paths, like an image build's (blind sample of 2026-12-23: an agent's plugins
 * built by a build script in its builder image). Targets written with variables are not followed.
 */
function containerRunMakeBuilds(repo: RepoFacts): Set<string> {
  return repo.memo('release-builds:container-run-make-builds', () => {
    const out = new Set<string>();
    for (const rel of repo.filesOf(toolingFiles)) {
      const base = path.posix.basename(rel);
      if (!/\.(?:sh|bash|mk)$/.test(base) && !/^(?:GNU)?[Mm]akefile$/.test(base)) continue;
      if (repo.roleOf(rel) !== 'production' && repo.roleOf(rel) !== 'tooling') continue;
      const text = repo.readText(rel).text ?? '';
      if (!CONTAINER_RUN.test(text)) continue;
      const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
      for (const line of text.replace(/\\\r?\n/g, ' ').split('\n')) {
        if (/^\s*#/.test(line)) continue;
        const run = CONTAINER_RUN.exec(line);
        if (!run) continue;
        // the container's command: the words after the engine's run, quotes dropped (`bash -c "…"` is read as commands)
        const inside = line.slice(run.index + run[0].length).replace(/["']/g, ' ');
        const cd = CD_THEN_MAKE.exec(inside)?.[1];
        for (const inv of makeInvocations(inside)) {
          if ([...inv.targets, inv.dir ?? '', cd ?? ''].some((w) => /[$`]/.test(w))) continue;
          const at = path.posix.normalize(path.posix.join(dir || '.', cd ?? '.', inv.dir ?? '.'));
          if (at.startsWith('..')) continue;
          const proj = makefileAt(repo, at === '.' ? '' : at, inv.file);
          if (!proj) continue;
          for (const mb of goBuildsForTargets(proj, inv.targets, inv.vars, inv.env)) out.add(`${mb.file}:${mb.line}`);
        }
      }
    }
    return out;
  });
}

/** A GoReleaser config of the default name: GoReleaser runs it, in its folder, when no config is named. */
const DEFAULT_GORELEASER = /(?:^|\/)\.?goreleaser\.ya?ml$/;
/** A GoReleaser run in a command (`goreleaser`, `$(GORELEASER)`, `${GORELEASER_BIN}`) or a goreleaser-action's `args:` input. */
const GORELEASER_RUN = /(?:^|[\s;&|("'/])goreleaser(?:-pro)?\s|\$[({]GORELEASER\w*[)}]|^\s*args:/i;
/** The config a run names: `-f X`, `--config=X` (an expression `${{ … }}` is one value). */
const CONFIG_ARG = /(?:--config|-f)(?:=|\s+)['"]?((?:\$\{\{[^}]*\}\}|[^\s'"])+)/g;
/** A variable or template in a path: it stands for any characters. */
const PATH_VARIABLE = /\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|\$[({][^)}]*[)}]|\$\w+/g;

/** The values a workflow's matrix gives `name` (`- name: x` entries, `name: [a, b]` lists), read from the file's text. */
function matrixValues(text: string, name: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(`^\\s*-?\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\s*(.+?)\\s*$`, 'gm'))) {
    const v = m[1]!.replace(/\s+#.*$/, '');
    const list = /^\[(.*)\]$/.exec(v);
    out.push(...(list ? list[1]!.split(',') : [v]).map((x) => x.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean));
  }
  return out;
}

/**
 * The GoReleaser configs (other than default-named ones, which GoReleaser runs when none is named) that the
 * repository's tooling — workflows, Makefiles, scripts — runs only as a local snapshot or not at all: every run naming
 * it (`-f`, `--config`) passes `--snapshot`, which publishes nothing (blind sample of 2026-12-23: a per-image config
 * only a `docker-build-api` make target runs as a snapshot), or, where the tooling's GoReleaser runs name their
 * configs, no run names it (a per-image config left beside the ones the release runs). A config named through a
 * variable the file does not resolve (a workflow matrix's values are read) counts as named by that run.
 */
function snapshotOnlyGoreleaser(repo: RepoFacts): Set<string> {
  return repo.memo('release-builds:snapshot-only-goreleaser', () => {
    const configs = goreleaserConfigs(repo).map((g) => g.file).filter((f) => !DEFAULT_GORELEASER.test(f));
    if (!configs.length) return new Set<string>();
    const runs = new Map<string, boolean[]>();
    let named = 0;
    for (const rel of repo.filesOf(toolingFiles)) {
      const role = repo.roleOf(rel);
      if (role !== 'production' && role !== 'tooling') continue;
      const text = (repo.readText(rel).text ?? '').replace(/\\\r?\n/g, ' ');
      for (const line of text.split('\n')) {
        if (/^\s*#/.test(line)) continue;
        const run = GORELEASER_RUN.exec(line);
        if (!run) continue;
        const after = line.slice(run.index);
        const snapshot = /--snapshot\b/.test(after);
        for (const m of after.matchAll(CONFIG_ARG)) {
          const value = m[1]!.replace(/^\.\//, '');
          const matrix = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(value);
          const values = matrix ? matrixValues(text, matrix[1]!) : [];
          for (const v of values.length ? values : [value]) {
            // another tool's config in an action's `args:` (`--config .golangci.yml`) names no GoReleaser config
            if (!/\$|\{\{/.test(v) && !/goreleaser/i.test(v.split('/').pop()!)) continue;
            named++;
            const pattern = new RegExp(`(?:^|/)${v.replace(/^\.\//, '').split(PATH_VARIABLE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
            for (const f of configs) {
              if (pattern.test(f) || f.split('/').pop() === v.split('/').pop()) runs.set(f, [...(runs.get(f) ?? []), snapshot]);
            }
          }
        }
      }
    }
    return new Set(configs.filter((f) => (runs.has(f) ? runs.get(f)!.every(Boolean) : named > 0)));
  });
}

/** A command that publishes a GoReleaser release (`goreleaser release`, flags before the subcommand allowed). */
const GORELEASER_RELEASE = /(?:^|[\s;&|("'/])goreleaser(?:-pro)?\s+(?:--?\S+\s+)*release\b/;

/**
 * The release path where it is not otherwise followed (CI of another system beside the GitHub workflows) but a
 * release workflow visibly runs GoReleaser's release — a GoReleaser step, or a `make` run whose targets' recipes run
 * `goreleaser release` (directly or in a script they call): the release binaries are then the GoReleaser config's
 * builds, and Makefile targets that path does not run are developer builds (blind sample of 2026-12-19: a pull-request
 * pipeline of another CI system running `make build` beside a tag workflow's `make release` → `goreleaser release`).
 * Undefined when no release workflow runs GoReleaser, or one calls a remote reusable workflow (its steps are not seen).
 */
function goreleaserReleasePath(repo: RepoFacts): Set<string> | undefined {
  const rel = releaseFacts(repo);
  if (rel.pipelines.some((p) => p.partial && p.kind === 'workflow')) return undefined;
  const files = releaseWorkflowFiles(repo);
  if (!files.size) return undefined;
  if (rel.pipelines.some((p) => p.kind === 'goreleaser' && p.step && files.has(p.step.file) && runsGoreleaserReleaseStep(p.step.text))) return files;
  for (const run of ciFacts(repo).makeRuns) {
    if (!files.has(run.file) || run.computedTargets) continue;
    const slash = run.makefile.lastIndexOf('/');
    const proj = makefileAt(repo, slash < 0 ? '' : run.makefile.slice(0, slash), run.makefile.slice(slash + 1));
    if (proj && commandsForTargets(proj, run.targets, run.vars).some((c) => runsGoreleaserRelease(repo, c.command, proj.dir))) return files;
  }
  return undefined;
}

/** A workflow step that runs GoReleaser's release: the action (its default is `release`), or the command. */
const runsGoreleaserReleaseStep = (text: string) => text.includes('goreleaser/goreleaser-action') || GORELEASER_RELEASE.test(text);

/** A make recipe command that runs `goreleaser release`, itself or through a repository shell script it names. */
function runsGoreleaserRelease(repo: RepoFacts, command: string, dir: string): boolean {
  if (GORELEASER_RELEASE.test(command)) return true;
  for (const m of command.matchAll(/(?:^|[\s;&|(])(?:(?:ba)?sh\s+)?(\.?\.?\/?[\w./-]+\.(?:sh|bash))\b/g)) {
    const p = path.posix.normalize(path.posix.join(dir || '.', m[1]!));
    if (p.startsWith('..')) continue;
    const text = repo.readText(p).text;
    if (text !== undefined && text.split('\n').some((l) => !/^\s*#/.test(l) && GORELEASER_RELEASE.test(l))) return true;
  }
  return false;
}

/**
 * ko / GoReleaser ldflags with their `{{ .Env.NAME }}` templates filled in from what runs the tool
 * (release-tool-env.ts); a variable found nowhere becomes `$NAME`, a whole-variable word the flag
 * rules leave alone. `via` says where the values came from, for the report.
 */
function templatedLdflags(repo: RepoFacts, tool: ReleaseTool, configFile: string, ldflags: string[], ownEnv: string[] = []): { ldflags: string[]; via?: string } {
  const names = [...new Set(ldflags.flatMap(templateEnvNames))];
  if (!names.length) return { ldflags };
  const resolved = resolveToolEnv(repo, tool, configFile, names, ownEnv);
  // a variable that only fills a value (`-X main.version={{ .Env.VERSION }}`) is not where the flags come from, and
  // GoReleaser's own `env:` list is part of the config
  const used = names.filter((n) => /(?:^|\s)-/.test(resolved.get(n)?.value ?? '') && resolved.get(n)!.at !== configFile);
  return {
    ldflags: ldflags.map((x) => substituteEnv(x, resolved)),
    via: used.length ? used.map((n) => `${n} set at ${resolved.get(n)!.at}`).join('; ') : undefined,
  };
}

/** The flags of a go build command: GOFLAGS first, then the command line's flags (before the packages). */
function commandFlags(b: GoBuildInvocation): string[] {
  const goflags = b.env.GOFLAGS ? b.env.GOFLAGS.split(/\s+/).filter(Boolean) : [];
  return [...goflags, ...b.args.slice(0, b.args.length - b.packages.length)];
}
