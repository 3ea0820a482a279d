import { defineRepoRule } from '../define-rule.js';
import { dockerfiles, imageCommand, isRunnable, rootFrom, stageChain, type DockerfileFacts } from '../../facts/dockerfiles.js';
import { isGoToolchainImage } from '../../facts/image-ref.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

/** Programs of a build toolchain: an image whose command is one of them is run to build, not to serve. */
const TOOLCHAIN_PROGRAMS = new Set(['go', 'make', 'gmake']);
/** Subcommands and make targets that run the service itself from the image (`go run .`, `make run`). */
const RUNS_SERVICE = /^(?:run|serve|start)$/;

/**
 * Why the final image is the toolchain by purpose: its command is `go` (not `go run`) or `make` (not a run/serve/start
 * target) and it copies no binary a stage of the Dockerfile built. A plugin or code-generation builder image
 * (ENTRYPOINT ["go"], invoked as `docker run builder build ./plugin`) ships the toolchain because that is what it is for.
 */
function toolchainImage(df: DockerfileFacts, final: number): boolean {
  const cmd = imageCommand(df, final);
  const program = cmd?.[0]?.replace(/^.*\//, '');
  if (!cmd || !program || !TOOLCHAIN_PROGRAMS.has(program)) return false;
  if (cmd.slice(1).some((w) => RUNS_SERVICE.test(w))) return false;
  const builds = (i: number) => stageChain(df, i).some((s) => s.runs.some((r) => r.goBuilds.length > 0 || r.makes.length > 0));
  return !stageChain(df, final).some((s) => s.copies.some((c) => c.fromStage !== undefined && builds(c.fromStage)));
}

export default defineRepoRule({
  meta: {
    id: 'BLD1006',
    name: 'final-image-is-go-toolchain',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 5 FP, 0 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: images that are not shipped (a Go module proxy and other helper images, plugin toolchain images) and images that need the toolchain at run time. Reworked after the 2026-12-15 sample (images the release path does not build are not judged: image release reachability), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-16 sample (copies of the build-push and bake actions are read as the release path, so images it does not build are development images), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'The shipped image is the Go toolchain image (no multi-stage build)',
    passCriterion: 'the shipped image is a runtime base (distroless, alpine, scratch) built in a multi-stage Dockerfile, not the Go toolchain image',
    rationale:
      'When the final stage is golang:* the production image carries the whole Go toolchain, a C compiler, git, a shell and ' +
      'usually the source tree and module cache: 800+ MB instead of ~20 MB, hundreds of packages for scanners to flag, and ' +
      'everything an attacker needs to build tools inside a compromised container.',
    fix: {
      text: 'Use a multi-stage build: compile in `FROM golang:<version> AS build`, then `FROM gcr.io/distroless/static-debian12:nonroot` ' +
        '(or scratch/alpine) and `COPY --from=build` only the binary.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -o /app ./cmd/app\nUSER 65532\nENTRYPOINT ["/app"]\n',
        good:
          'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -o /app ./cmd/app\n\n' +
          'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      toolchain: 'the final image is built FROM {{image}}: the Go toolchain{{sources}} ships to production; build in a golang stage and copy only the binary into a minimal final stage',
    },
    sources: [],
    notes:
      'Judged: production Dockerfiles (not under test/dev/docs/example folders nor named Dockerfile.test, dev.Dockerfile...) ' +
      'whose final stage says what to run (ENTRYPOINT or CMD) or builds Go itself. The final stage may inherit from an ' +
      'earlier stage; the image at the root of that chain decides. Not judged: an image whose purpose is the toolchain, ' +
      'its command `go` (not `go run`) or `make` (not a run/serve/start target) and no binary of a build stage copied ' +
      'in (a plugin builder run as `docker run builder build ./plugin`). ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [DOCKERFILES],
  check(repo, ctx) {
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined) continue;
      const from = rootFrom(df, df.final);
      if (!from?.ref || from.unresolvedName) continue;
      const fin = df.stages[df.final]!;
      const buildsGo = fin.runs.some((r) => r.goBuilds.length > 0 || r.makes.length > 0);
      if (!isRunnable(df, df.final) && !buildsGo) continue;
      ctx.applicable();
      if (!isGoToolchainImage(from.ref) || toolchainImage(df, df.final)) continue;
      const copiesSources = fin.copies.some((c) => c.from === undefined && c.sources.some((s) => s === '.' || s === './'));
      ctx.report({
        file: df.file,
        line: fin.from.line,
        messageId: 'toolchain',
        data: { image: from.ref.raw, sources: copiesSources ? ' and the source tree' : '' },
      });
    }
  },
});
