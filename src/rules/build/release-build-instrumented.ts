import { defineRepoRule } from '../define-rule.js';
import { instrumentedReleaseBuilds } from '../../facts/release-builds.js';
import { buildvcsOff, flagWords, instrumentationFlags } from '../../facts/go-build-invocations.js';
import { INSTRUMENTED_RELEASE_BUILDS } from '../../facts/release-builds.js';

const WHAT: Record<string, string> = {
  '-race': 'the race detector (several times the CPU and memory, and a crash on the first data race)',
  '-msan': 'the memory sanitizer (cgo/clang instrumentation, several times slower)',
  '-asan': 'the address sanitizer (cgo/clang instrumentation, several times slower)',
  '-cover': 'coverage counters (every basic block writes a counter; the binary writes coverage files when GOCOVERDIR is set)',
  '-d=checkptr': 'unsafe.Pointer checks in every conversion (slower, and a panic where the release would run)',
};

/** -X settings that stamp the revision the binary was built from (`-X main.commit=...`). */
function stampsRevision(ldflags: string[]): boolean {
  const words = ldflags.flatMap((l) => flagWords(l).words);
  return words.some((w, i) => {
    const setting = /^--?X=(.*)$/s.exec(w)?.[1] ?? (/^--?X$/.test(w) ? words[i + 1] : undefined);
    return !!setting && /(commit|revision|sha|git|vcs|hash)[^=]*=/i.test(setting);
  });
}

export default defineRepoRule({
  meta: {
    id: 'BLD1014',
    name: 'release-build-instrumented',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Too few findings to judge: no finding on 30 real repositories (snapshots of 2026-12-06), whose -race, -cover and ' +
      'checkptr builds are all in test, e2e, race or debug targets or test images, which the rule skips as it should.',
    title: 'Release build instrumented for testing (-race, -msan, -asan, -cover, -d=checkptr) or without VCS stamp',
    passCriterion: 'release builds ship uninstrumented binaries (no -race, -msan, -asan, -cover or -gcflags -d=checkptr) that carry their VCS revision',
    rationale:
      'The race detector, the sanitizers, coverage counters and checkptr are test instrumentation: a -race binary uses ' +
      'several times the CPU and memory of a normal build and exits the process on the first data race it sees; -cover ' +
      'makes every branch update a counter; -d=checkptr checks every unsafe.Pointer conversion and panics where the ' +
      'release build would run. Shipped by accident (a flag copied from a test target into the release config) they ' +
      'turn a production service into a slow, fragile test build. -buildvcs=false is milder: the binary no longer ' +
      'records the commit it was built from (`go version -m` shows none), so an incident cannot be traced back to a revision.',
    fix: {
      text:
        'Remove -race/-msan/-asan/-cover and -gcflags -d=checkptr from the release build (keep them in test targets or a ' +
        'separate debug image). Drop -buildvcs=false where the repository (.git) is available, or stamp the revision ' +
        'with -ldflags "-X main.commit=..." when it is not.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.goreleaser.yaml',
        bad: 'version: 2\nbuilds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=1]\n    flags: [-trimpath, -race]\n',
        good: 'version: 2\nbuilds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\n    flags: [-trimpath]\n',
      },
    ],
    messages: {
      instrumented: '{{where}} builds a release binary with {{flags}}: {{what}} — test instrumentation shipped to production',
      buildvcs: '{{where}} builds a release binary with -buildvcs=false and stamps no commit with -ldflags -X: the binary cannot be traced back to its revision',
    },
    sources: [],
    notes:
      'Release builds as in BLD1003 (production Dockerfile stages feeding the final image, release Makefile targets, ' +
      'GoReleaser and ko builds), here including the -race/-cover builds the other build rules skip as test builds. ' +
      'Makefile flags count only when they are unconditional (strict expansion): a -race behind ifdef RACE or in a ' +
      'race/test/debug target is not reported. GOFLAGS counts. -d=checkptr=0 (checks off) is not instrumentation. ' +
      '-buildvcs=false is reported at low severity, and not when -ldflags -X stamps a commit/revision variable.',
  },
  requires: [INSTRUMENTED_RELEASE_BUILDS],
  check(repo, ctx) {
    for (const b of instrumentedReleaseBuilds(repo)) {
      ctx.applicable();
      const flags = instrumentationFlags(b.goFlags, b.gcflags);
      if (flags.length) {
        const line = flags.every((f) => f === '-d=checkptr') ? (b.gcflagsLine ?? b.line) : (b.flagsLine ?? b.line);
        ctx.report({
          file: b.file, line, messageId: 'instrumented',
          data: { where: b.where, flags: flags.join(' '), what: flags.map((f) => WHAT[f]).join('; ') },
          confidence: b.confidence,
        });
        continue;
      }
      if (buildvcsOff(b.goFlags) && !stampsRevision(b.ldflags)) {
        ctx.report({
          file: b.file, line: b.flagsLine ?? b.line, messageId: 'buildvcs', data: { where: b.where },
          severity: 'low', confidence: b.confidence,
        });
      }
    }
  },
});
