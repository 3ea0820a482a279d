import { defineRepoRule } from '../define-rule.js';
import { releaseBuilds } from '../../facts/release-builds.js';
import { riskyGcflags } from '../../facts/go-build-invocations.js';
import { RELEASE_BUILDS } from '../../facts/release-builds.js';
import { DOCKERFILES, debugVariantReason, dockerfiles } from '../../facts/dockerfiles.js';
import type { RepoFacts } from '../../facts/repo-facts.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

const dirOf = (file: string): string => file.slice(0, Math.max(0, file.lastIndexOf('/')));

/**
 * The production Dockerfiles that are a declared debug variant (debugVariantReason: Dockerfile.dsym, a debug stage, a
 * LABEL saying debug symbols) with a non-debug production Dockerfile next to them, in the same folder: a debug image
 * kept apart from the shipped one, which is what the fix asks for.
 */
function debugVariantsWithSibling(repo: RepoFacts, debugBuildFiles: ReadonlySet<string>): Set<string> {
  const prod = dockerfiles(repo).filter((df) => df.role === 'production');
  const variants = prod.filter((df) => debugVariantReason(df) !== undefined);
  const out = new Set<string>();
  for (const v of variants) {
    const sibling = prod.some((o) => o !== v && dirOf(o.file) === dirOf(v.file) && !debugBuildFiles.has(o.file) && debugVariantReason(o) === undefined);
    if (sibling) out.add(v.file);
  }
  return out;
}

export default defineRepoRule({
  meta: {
    id: 'BLD1011',
    name: 'release-build-debug-gcflags',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 4 FP, 0 "nobody would act" of 4 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: debug images and debug stages next to the production one, and debug builds inside a DEV_IMAGE branch. Reworked after the 2026-12-15 sample (images the release path does not build are not judged: image release reachability), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar.',
    title: 'Release build with -gcflags -B (no bounds checks) or -N/-l (debug build)',
    passCriterion: 'release builds keep bounds checks and optimisation (no -gcflags -B, -N or -l)',
    rationale:
      '-gcflags=-B removes array and slice bounds checks: an index bug that would panic cleanly becomes silent memory ' +
      'corruption or an exploitable out-of-bounds read/write — a security weakening sometimes sold as an optimisation. ' +
      '-N and -l disable optimisation and inlining: a debugger-friendly build that is typically several times slower and ' +
      'allocates more, shipped to production by accident.',
    fix: {
      text: 'Remove -B, -N and -l from release gcflags; keep `-gcflags=all="-N -l"` in a separate debug target or image.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad:
          'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -gcflags=all="-N -l" -o /app ./cmd/app\n\n' +
          'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
        good:
          'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -o /app ./cmd/app\n\n' +
          'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      bounds: '{{where}} builds a release binary with -gcflags {{value}}: -B removes bounds checks, turning index bugs into memory corruption',
      debug: '{{where}} builds a release binary with -gcflags {{value}}: {{flag}} disables {{what}} (a debug build shipped to production)',
    },
    sources: [],
    notes:
      'Release builds as in BLD1003 (production Dockerfile stages feeding the final image, non-test Makefile targets, ' +
      'GoReleaser and ko builds). Makefile values are read with the strict expansion: a flag that only appears in an ' +
      'ifdef/ifeq branch or a $(if ...) (a DEBUG=1 switch) is not reported. -l=4 and other -l=N values are not -l. ' +
      '-N/-l in a Dockerfile that declares itself the debug variant (a debug, dbg, dsym or symbols word in its file ' +
      'name or in the name of a stage feeding the final image, or a LABEL of the final image saying so) is not reported ' +
      'when a production Dockerfile without -N/-l that is no debug variant sits in the same folder: the separate debug ' +
      'image the fix recommends. The only Dockerfile of a service stays reported, whatever it is called; -B always is. ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [RELEASE_BUILDS, DOCKERFILES],
  check(repo, ctx) {
    const builds = releaseBuilds(repo);
    const debugBuildFiles = new Set(builds.filter((b) => riskyGcflags(b.gcflags).some((r) => r.flag !== '-B')).map((b) => b.file));
    let variants: Set<string> | undefined;
    for (const b of builds) {
      ctx.applicable();
      const risky = riskyGcflags(b.gcflags);
      if (!risky.length) continue;
      const bounds = risky.find((r) => r.flag === '-B');
      const line = b.gcflagsLine ?? b.line;
      if (bounds) {
        ctx.report({ file: b.file, line, messageId: 'bounds', data: { where: b.where, value: bounds.value }, severity: 'high', confidence: b.confidence });
        continue;
      }
      // the debug image kept next to the shipped one is the recommended setup
      if (b.source === 'dockerfile' && (variants ??= debugVariantsWithSibling(repo, debugBuildFiles)).has(b.file)) continue;
      const flags = [...new Set(risky.map((r) => r.flag))];
      ctx.report({
        file: b.file, line, messageId: 'debug',
        data: {
          where: b.where, value: risky[0]!.value, flag: flags.join(' '),
          what: flags.length > 1 ? 'optimisation and inlining' : flags[0] === '-N' ? 'optimisation' : 'inlining',
        },
        confidence: b.confidence,
      });
    }
  },
});
