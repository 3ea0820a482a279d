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
    blindRecordFrom: '2026-12-22',
    experimentalReason:
      'Blind record since its last rework (samples of 2026-12-22 and 2026-12-23, repositories not used in development; `node dist/scripts/blind-record.js`): 11 TP, 7 FP, 6 "nobody would act" of 24 judged — precision 61.1 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: Makefile developer builds (install, build, manager, a workspace build of every command) reported where the release is elsewhere — images built by their own Dockerfiles, GoReleaser run by another CI system through a script, a release program —, a GoReleaser config that only a local snapshot target runs, and builds that run only inside a builder container at fixed paths (nothing leaks). The rule returns to the default set when a fresh blind record clears the bar.',
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
      'when its name says release (release, dist, package, cross, publish, artifacts); other targets are developer builds. With CI ' +
      'of another system, or a release workflow that calls a remote reusable workflow, every non-test target still counts — ' +
      'unless a release workflow runs GoReleaser\'s release (its step, or a `make` target whose recipes run `goreleaser release`, ' +
      'themselves or in a script they call): the release binaries are then the GoReleaser builds, and the targets that path does not ' +
      'run are developer builds whatever other CI runs them. A GoReleaser build whose `main` (default `.`) in its `dir` names no ' +
      'folder holding a package main (from the root or from the config\'s folder) cannot build and is no release build (a stock ' +
      'example config left at the root of a repository whose main packages are elsewhere); templated or import-path values count ' +
      'as found, and so does every build of a repository where no main package is seen. ' +
      'The builds that lack -trimpath are one finding per repository (one fix: the flag in each build file), the other builds listed as related places. ' +
      'A build that runs inside an image build (a Dockerfile `go build`, or a Makefile target only an image\'s `RUN make` ' +
      'reaches) is not reported unless the repository\'s tooling takes files out of an image build (`docker build --output` ' +
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
