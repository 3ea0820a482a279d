import { defineRepoRule } from '../define-rule.js';
import { dockerfiles, isRunnable, rootFrom, stageChain, type DockerfileFacts } from '../../facts/dockerfiles.js';
import { dockerGoBuilds } from '../../facts/release-builds.js';
import { goreleaserConfigs } from '../../facts/goreleaser.js';
import { imageLibc, isGoToolchainImage, type ImageRef } from '../../facts/image-ref.js';
import { linkerFacts, type GoBuildInvocation } from '../../facts/go-build-invocations.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { GORELEASER_CONFIGS } from '../../facts/goreleaser.js';
import { DOCKER_GO_BUILDS } from '../../facts/release-builds.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

const GCC_INSTALL = /\b(apk|apt-get|apt|yum|dnf|microdnf)\b[^\n]*\b(gcc|build-base|build-essential|clang|musl-dev)\b/;

/** The final image of a runnable production Dockerfile when it has no glibc (scratch, static) or is musl (alpine). */
function libcLessFinal(df: DockerfileFacts): { ref: ImageRef; libc: 'none' | 'musl'; line: number } | undefined {
  if (df.role !== 'production' || df.final === undefined || !isRunnable(df, df.final)) return undefined;
  const from = rootFrom(df, df.final);
  if (!from?.ref || from.unresolvedName || isGoToolchainImage(from.ref)) return undefined;
  const libc = imageLibc(from.ref);
  if (libc !== 'none' && libc !== 'musl') return undefined;
  return { ref: from.ref, libc, line: df.stages[df.final]!.from.line };
}

function cgoValues(env: Record<string, string>): string[] | undefined {
  const v = env.CGO_ENABLED;
  return v === undefined ? undefined : v.split(/\s+/).filter(Boolean);
}

/** True when the build links statically anyway (external static linking, or the pure-Go net resolver). */
function staticAnyway(b: GoBuildInvocation): boolean {
  return linkerFacts(b.ldflags).staticExternal || b.tags.includes('netgo');
}

export default defineRepoRule({
  meta: {
    id: 'BLD1004',
    name: 'cgo-not-disabled-for-static-image',
    dimension: 'build',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP of 3 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: CGO_ENABLED=0 set in the same RUN instruction after --mount flags (missed by the Dockerfile reader), and images the release path does not build. Changed after its last samples (counted release reachability of images), so its record restarts at 2026-12-16; the rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-16 sample (a make run carries the environment set on its command line), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Go binary for a scratch/distroless-static/alpine image is built without CGO_ENABLED=0',
    passCriterion: 'every binary copied into a scratch, distroless-static or alpine image is built with CGO_ENABLED=0',
    rationale:
      'With cgo enabled (the default for native builds when a C compiler is present, as in the golang:* Debian images) a binary ' +
      'that imports net or os/user is dynamically linked against glibc. scratch and distroless/static have no libc and ' +
      'alpine has musl: the container fails at start with the cryptic "exec /app: no such file or directory", or works until ' +
      'the first DNS lookup takes the cgo path. CGO_ENABLED=0 produces a static binary that runs anywhere.',
    fix: {
      text: 'Build with CGO_ENABLED=0 (`ENV CGO_ENABLED=0` in the build stage or `CGO_ENABLED=0 go build ...`); if the program ' +
        'really needs cgo, link it statically (-ldflags \'-linkmode external -extldflags "-static"\') or use a glibc base such as ' +
        'gcr.io/distroless/base.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad:
          'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -trimpath -o /app ./cmd/app\n\n' +
          'FROM scratch\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
        good:
          'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -o /app ./cmd/app\n\n' +
          'FROM scratch\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      unset:
        '{{where}} builds for the final image {{image}} ({{libc}}) without CGO_ENABLED=0: {{builder}} has a C compiler, so cgo is on and the binary is dynamically linked and fails to start there',
      enabled:
        '{{where}} builds with CGO_ENABLED=1 for the final image {{image}} ({{libc}}) without static linking: the binary needs {{needs}} at run time',
      goreleaser:
        'GoReleaser build {{id}} feeds the Docker image {{image}} ({{libc}}, {{dockerfile}}) but does not set CGO_ENABLED=0 in env: native builds on a runner with gcc are dynamically linked',
    },
    sources: [],
    notes:
      'Judged: runnable (ENTRYPOINT/CMD) production Dockerfiles whose final image is scratch, distroless/static, ' +
      'chainguard/static or alpine, and the go builds of the stages that feed it — direct `go build` RUN lines and the ' +
      'Makefile recipes a `RUN make <target>` runs (the finding is on the RUN line). CGO_ENABLED is read from ENV, stage ARG ' +
      'defaults, `go env -w`, inline assignments, `export`, and the Makefile. Not reported: builds that link statically ' +
      '(-extldflags -static) or use the netgo tag; golang:*-alpine builders without gcc (cgo is off when no C compiler is ' +
      'found) and musl builders feeding an alpine image. GoReleaser builds are judged when a dockers entry uses a Dockerfile ' +
      'with such a final image. ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [DOCKERFILES, DOCKER_GO_BUILDS, GORELEASER_CONFIGS],
  check(repo, ctx) {
    const byFile = new Map<string, DockerfileFacts>(dockerfiles(repo).map((d) => [d.file, d]));
    const reported = new Set<string>();
    for (const d of dockerGoBuilds(repo)) {
      const fin = libcLessFinal(d.df);
      if (!fin) continue;
      ctx.applicable();
      const key = `${d.df.file}:${d.run.line}`;
      if (reported.has(key)) continue;
      const values = cgoValues(d.build.env);
      if (values?.includes('0') || staticAnyway(d.build)) continue;
      const builderFrom = rootFrom(d.df, d.stage.index);
      const builder = builderFrom?.ref;
      const builderMusl = builder ? imageLibc(builder) === 'musl' : false;
      const stageScripts = stageChain(d.df, d.stage.index).flatMap((s) => s.runs.filter((r) => r.line <= d.run.line).map((r) => r.script)).join('\n');
      const gccInstalled = GCC_INSTALL.test(stageScripts);
      const where = d.viaMake ? `RUN make (${d.viaMake.file}:${d.viaMake.line})` : 'this RUN';
      const image = fin.ref.raw;
      const libc = fin.libc === 'none' ? 'no libc' : 'musl';
      if (values === undefined) {
        // cgo is on by default only where a C compiler is found: the Debian-based golang images ship gcc,
        // golang:*-alpine and other images only after an explicit install
        const compiler = (builder !== undefined && isGoToolchainImage(builder) && !builderMusl) || gccInstalled;
        if (!compiler) continue;
        if (fin.libc === 'musl' && builderMusl) continue; // musl binary on a musl image
        reported.add(key);
        ctx.report({
          file: d.df.file, line: d.run.line, messageId: 'unset',
          data: { where, image, libc, builder: builder ? builder.raw : 'the build stage' },
        });
      } else if (values.every((v) => v === '1')) {
        if (fin.libc === 'musl' && builderMusl) continue;
        reported.add(key);
        ctx.report({
          file: d.df.file, line: d.run.line, messageId: 'enabled',
          data: { where, image, libc, needs: builderMusl ? 'musl' : 'glibc' },
        });
      }
    }
    // GoReleaser builds feeding a Docker image
    for (const g of goreleaserConfigs(repo)) {
      if (!g.parsed || !g.dockers.length) continue;
      const base = g.file.includes('/') ? g.file.slice(0, g.file.lastIndexOf('/') + 1) : '';
      for (const dk of g.dockers) {
        const dfPath = `${base}${(dk.dockerfile ?? 'Dockerfile').replace(/^\.\//, '')}`;
        const df = byFile.get(dfPath);
        if (!df) continue;
        const fin = libcLessFinal({ ...df, role: 'production' });
        if (!fin) continue;
        const builds = g.builds.filter((b) => !b.skip && (!b.builder || b.builder === 'go') && (dk.ids.length === 0 || (b.id !== undefined && dk.ids.includes(b.id))));
        for (const b of builds) {
          ctx.applicable();
          const env = [...g.globalEnv, ...(b.env?.value ?? [])];
          const cgo = env.filter((e) => e.startsWith('CGO_ENABLED=')).map((e) => e.slice('CGO_ENABLED='.length));
          if (cgo.includes('0')) continue;
          const ld = b.ldflags?.value ?? [];
          if (linkerFacts(ld).staticExternal || (b.tags?.value ?? []).some((t) => t.split(/[,\s]+/).includes('netgo'))) continue;
          const key = `${g.file}:${b.line}`;
          if (reported.has(key)) continue;
          reported.add(key);
          ctx.report({
            file: g.file, line: b.env?.line ?? b.line, messageId: 'goreleaser',
            data: { id: b.id ? `'${b.id}'` : `#${b.index + 1}`, image: fin.ref.raw, libc: fin.libc === 'none' ? 'no libc' : 'musl', dockerfile: dfPath },
          });
        }
      }
    }
  },
});
