import { defineRepoRule } from '../define-rule.js';
import { releaseBuilds, type ReleaseBuild } from '../../facts/release-builds.js';
import { RELEASE_BUILDS } from '../../facts/release-builds.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1003',
    name: 'release-build-without-trimpath',
    dimension: 'build',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-26',
    experimentalReason:
      'Blind record since its last rework (samples of 2026-12-22 and 2026-12-23, repositories not used in development; `node dist/scripts/blind-record.js`): 11 TP, 7 FP, 6 "nobody would act" of 24 judged — precision 61.1 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: Makefile developer builds (install, build, manager, a workspace build of every command) reported where the release is elsewhere — images built by their own Dockerfiles, GoReleaser run by another CI system through a script, a release program —, a GoReleaser config that only a local snapshot target runs, and builds that run only inside a builder container at fixed paths (nothing leaks). The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-23 sample (Makefile developer builds beside another visible release mechanism, `make` runs of check jobs in release workflows, targets only a builder image or container runs, GoReleaser configs only a local snapshot runs or nothing names), so its record restarts at 2026-12-25 (blindRecordFrom; the sample of 2026-12-24 was drawn before this rework). On the blind draw of 2026-12-25 it scored 2 TP, 2 FP, 2 "nobody would act": a Makefile define bound to the wrong target (a release target calling `go-build-spo`, with -trimpath, taken to run the tools macro `go-build`, whose name is a prefix of it), a `cross_compile` target nothing runs beside GoReleaser and the image\'s `make linux_compile`, and image-only builds the image reaches through `make build-${TARGET}` or the default goal `bin/$(BINARY)`. Reworked after it (define blocks resolved by exact name, through variables and other defines, with their call\'s arguments; a release-named target nothing of the repository runs is no release build where tooling runs GoReleaser on a config building the repository\'s main packages; an image\'s computed make targets and targets written with variables resolved to the Makefile\'s rules), so its record restarts at 2026-12-26 (blindRecordFrom).',
    title: 'Release build without -trimpath',
    passCriterion: 'every release build (Makefile, Dockerfile, GoReleaser, CI) passes -trimpath',
    rationale:
      'Without -trimpath the binary embeds the absolute paths of the build machine (/home/alice/src/..., /go/pkg/mod/...) in ' +
      'stack traces, panics and debug info: it leaks usernames and directory layout to anyone who gets a crash log, and the ' +
      'same commit built in two places gives two different binaries, so builds cannot be reproduced or verified.',
    fix: {
      text: 'Add -trimpath to the release build (`go build -trimpath ...`, `flags: [-trimpath]` in GoReleaser, or GOFLAGS=-trimpath).',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Makefile',
        bad: 'VERSION ?= dev\n\nrelease:\n\tCGO_ENABLED=0 go build -ldflags "-s -w -X main.version=$(VERSION)" -o dist/app ./cmd/app\n',
        good: 'VERSION ?= dev\n\nrelease:\n\tCGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o dist/app ./cmd/app\n',
      },
      {
        filename: '.goreleaser.yaml',
        bad: 'version: 2\nbuilds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\n',
        good: 'version: 2\nbuilds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\n    flags: [-trimpath]\n',
      },
    ],
    messages: {
      missing: '{{where}} builds a release binary without -trimpath: build-machine paths end up in the binary and the build is not reproducible',
    },
    sources: [],
    notes:
      'Release builds are: `go build`/`go install` in stages of a production Dockerfile that feed the final image, Makefile ' +
      'recipes whose targets are not test/dev/lint/tool targets (and that do not build -race/-cover or test/example ' +
      'packages; a target the Makefile comments as for local use — "for local use", "for your local OS", "dev docker builds" — ' +
      'is not one unless a production Dockerfile runs it), GoReleaser builds, and ko builds (ko passes -trimpath by default). Dockerfiles under test, dev, docs and ' +
      'example folders (or named Dockerfile.test, dev.Dockerfile...) and Dockerfiles that no workflow, Makefile, script or ' +
      'release configuration of the repository builds are not judged. GOFLAGS=-trimpath and the older ' +
      '-gcflags=-trimpath=<dir> count. Makefile variables are expanded over every branch of ifeq/ifdef, so a flag set in any ' +
      'branch counts as present; a command using a flags variable that no makefile assigns is reported with low confidence. ' +
      'Where the release path is visible (a GoReleaser or ko config, a GitHub workflow that publishes, pushes images or runs on ' +
      'tags or releases, or a production image that builds Go) a Makefile target counts only when that path runs it — a release ' +
      'workflow\'s `make` (through the scripts, Makefiles and local workflows or actions it calls) or an image\'s `RUN make` — or ' +
      'when its name says release (release, dist, package, cross, publish, artifacts) — unless tooling of the repository runs ' +
      'GoReleaser on a config that builds its main packages and nothing of the repository (another target, a workflow, CI file, ' +
      'script, Dockerfile or document) runs that target: GoReleaser then builds the downloadable binaries —; other targets are developer builds. With CI ' +
      'of another system, a computed make target in a release workflow, or a release workflow that calls a remote reusable ' +
      'workflow, the path is not followed: a release workflow that runs GoReleaser\'s release (its step, or a `make` target whose ' +
      'recipes run `goreleaser release`, themselves or in a script they call) makes the GoReleaser builds the release binaries, and ' +
      'the targets that path does not run are developer builds whatever other CI runs them; otherwise, where the repository ' +
      'visibly releases through something else — GoReleaser builds whose main package is there, ko builds, production images whose ' +
      'Dockerfiles build Go themselves (`go build`, or a release program run with `go run`), or a workflow named for a release ' +
      'that logs in to a registry and runs no make —, a target counts only when its name says release, an image\'s `RUN make` runs ' +
      'it, or a CI file of a system goready does not read runs it and uploads release files (a Cloud Build config attaching the ' +
      'binaries to a GitHub release); only where no such mechanism is seen does every non-test target count (a Makefile that ' +
      'cross-compiles the released binaries). A `make` run in a check job of a release workflow (a job named for tests or lint: ' +
      '`unit-tests`, `lint`, `e2e`) is not on the release path, and an image\'s `make -C <folder>` runs only that folder\'s ' +
      'Makefile (a library downloaded in the image runs none of the repository\'s). A GoReleaser config other than a ' +
      'default-named one that the tooling runs only with `--snapshot` (a local image build), or that no GoReleaser run names ' +
      'where the runs name their configs (`-f`, `--config`; a workflow matrix\'s values are read), is no release build. ' +
      'A GoReleaser build whose `main` (default `.`) in its `dir` names no ' +
      'folder holding a package main (from the root or from the config\'s folder) cannot build and is no release build (a stock ' +
      'example config left at the root of a repository whose main packages are elsewhere); templated or import-path values count ' +
      'as found, and so does every build of a repository where no main package is seen. ' +
      'A `define` block runs where a recipe calls it by its exact name (`$(call NAME,…)`, `$(NAME)`, or through a variable or ' +
      'another define that does), with the call\'s arguments; its body lines are judged at their own lines for the targets ' +
      'that call it. An image\'s `make build-${VARIANT}` runs every target the word may name, and a target written with ' +
      'variables (`bin/$(BINARY)`) is the file its expansion names. ' +
      'The builds that lack -trimpath are one finding per repository (one fix: the flag in each build file), the other builds listed as related places. ' +
      'A build that runs inside an image build (a Dockerfile `go build`, a Makefile target only an image\'s `RUN make` ' +
      'reaches — where the release path is not followed, any target an image\'s `RUN make` runs whose name does not say ' +
      'release —, or one a build script or recipe makes in a builder container: `docker run … make`, `bash -c "cd x && make"`) ' +
      'is not reported unless the repository\'s tooling takes files out of an image build (`docker build --output` ' +
      'to a folder or tar, `docker cp`, build-push-action `outputs: type=local|tar`): its paths are the image\'s fixed build ' +
      'paths, which leak nothing, and an archive of the same binary published by another build (GoReleaser, a Makefile ' +
      'release target) is that build\'s finding. ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [RELEASE_BUILDS],
  check(repo, ctx) {
    // one concern per build file: the builds of one Makefile or GoReleaser config share their flags (a variable, a
    // define, an anchor), so one change fixes them all (blind sample 7: sibling targets judged duplicates)
    const byFile = new Map<string, ReleaseBuild[]>();
    for (const b of releaseBuilds(repo)) {
      ctx.applicable();
      if (b.trimpath) continue;
      // built in an image at its fixed paths, and the image is that binary's only release: the paths leak nothing and
      // the flag alone does not make the build reproducible (judging rubric; blind sample of 2026-12-16)
      if (b.imageOnly) continue;
      byFile.set(b.file, [...(byFile.get(b.file) ?? []), b]);
    }
    for (const [file, builds] of byFile) {
      const [first, ...others] = [...builds].sort((a, b) => a.line - b.line);
      const where = others.length ? `${first!.where} (and ${others.length} other build${others.length > 1 ? 's' : ''} in ${file}: line${others.length > 1 ? 's' : ''} ${others.map((o) => o.line).join(', ')})` : first!.where;
      ctx.report({
        file, line: first!.line, messageId: 'missing', data: { where }, confidence: first!.confidence,
        // one concern per repository: every release build file of it takes the same one-flag fix (blind sample of
        // 2026-12-18: one repository's 33 per-backend Makefiles were 33 findings)
        concern: 'trimpath',
        ...(others.length ? { related: others.map((o) => ({ file: o.file, line: o.line })) } : {}),
      });
    }
  },
});
