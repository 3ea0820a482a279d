import { defineRepoRule } from '../define-rule.js';
import { releaseBuilds } from '../../facts/release-builds.js';
import { linkerFacts, riskyGcflags } from '../../facts/go-build-invocations.js';
import { RELEASE_BUILDS } from '../../facts/release-builds.js';

/** A flags word that is only a variable reference (`$LD_FLAGS`, `${LDFLAGS}`, quoted or not): its value is not in the repository. */
const WHOLE_VARIABLE = /^["']?\$(?:\w+|\{\w+\})["']?$/;

export default defineRepoRule({
  meta: {
    id: 'BLD1005',
    name: 'release-ldflags-not-stripped',
    dimension: 'build',
    severity: 'info',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 11 TP, 9 FP, 3 "nobody would act" of 23 judged — precision 55.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: ldflags that arrive through the environment or GoReleaser templates (-s -w set elsewhere), debug-image targets, and -w without -s already dropping DWARF. Reworked after the 2026-12-13 sample (ldflags set through the environment of the release tool are followed, dev-commented targets skipped), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 2 TP, 3 FP, 1 DEB — precision 40.0 % < 90.0 %. Reworked after the 2026-12-16 sample (make `$(call …)` functions and variables a recipe exports to a sub-make are followed), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Release -ldflags without -s -w: symbol table and DWARF shipped',
    passCriterion: 'release builds strip the symbol table and DWARF (-ldflags "-s -w") or say why they keep them',
    rationale:
      'A release build that sets -ldflags (usually for -X version stamping) but not -s keeps the symbol table and DWARF debug ' +
      'info in the shipped binary: typically 25-35% larger images and downloads, slower pulls and cold starts, and an easier ' +
      'map for reverse engineering. Panic stack traces stay symbolised without them (they use pclntab, not DWARF).',
    fix: {
      text: 'Add -s -w to the release -ldflags (since Go 1.22 -s alone also drops DWARF); keep an unstripped build or the ' +
        'DWARF separately if you debug core dumps in production.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Makefile',
        bad: 'VERSION ?= dev\n\nbuild:\n\tCGO_ENABLED=0 go build -trimpath -ldflags "-X main.version=$(VERSION)" -o bin/app ./cmd/app\n',
        good: 'VERSION ?= dev\n\nbuild:\n\tCGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o bin/app ./cmd/app\n',
      },
    ],
    messages: {
      unstripped: '{{where}} sets -ldflags for a release build without -s: the symbol table and DWARF debug info ship in the binary',
      overridden: '{{where}} replaces GoReleaser\'s default ldflags (which include -s -w) with ones that lack -s: the release binaries are no longer stripped',
    },
    sources: [],
    notes:
      'Only builds that pass -ldflags are judged (a build without -ldflags is a plain default build, not a tuned release ' +
      'build). -s implies -w since Go 1.22, so -s alone is enough; an explicit -w=0 (keep DWARF on purpose) is respected. ' +
      'GoReleaser builds without ldflags get GoReleaser\'s default (-s -w -X main.version=...) and are fine; a custom ldflags ' +
      'list replaces that default. Makefile variables are expanded over every conditional branch, so -s set in any branch counts. ' +
      'Flags that are a whole shell or build-argument variable (`-ldflags "$$LD_FLAGS"`, `-ldflags "${LDFLAGS}"`) are set outside ' +
      'the repository (a CI step exports them before make) and are not judged (blind sample of 2026-12-09: gotify\'s release job ' +
      'exports LD_FLAGS="-w -s ..." before `make build`). A ko or GoReleaser ldflags template that reads the environment ' +
      '(`{{ .Env.LD_FLAGS }}`, `{{ if index .Env "LD_FLAGS" }}...{{ end }}`) is filled in from what runs the tool: GoReleaser\'s ' +
      '`env:` list, a make recipe running ko or goreleaser (a `LD_FLAGS=$(LD_FLAGS)` prefix or an exported make variable, ' +
      'expanded over every branch) or a workflow step running it (or make) with the variable in `env:`; the report then names ' +
      'where the value was found and has medium confidence. A variable set nowhere in the repository is not judged ' +
      '(blind sample of 2026-12-13: kyverno\'s .ko.yaml takes LD_FLAGS, which its Makefile sets to "-s -w ..." and passes to ko).',
  },
  requires: [RELEASE_BUILDS],
  check(repo, ctx) {
    for (const b of releaseBuilds(repo)) {
      if (!b.ldflags.some((x) => x.trim())) continue;
      ctx.applicable();
      const l = linkerFacts(b.ldflags);
      // -w already drops DWARF, the bulk of it; what -s adds is the small symbol table (blind sample of 2026-12-10)
      if (l.s || l.w || l.wOff) continue;
      // a debug build (-gcflags -N -l) keeps its symbols on purpose; whether it is released is BLD1011's finding
      if (riskyGcflags(b.gcflags).some((g) => g.flag === '-N' || g.flag === '-l')) continue;
      // a Makefile flags value that comes from an unresolved variable or $(shell) could carry -s, and so could a
      // word that is a whole shell variable (`-ldflags "$$LD_FLAGS"`: the CI exports it before make)
      if (b.source === 'makefile' && b.ldflags.every((x) => /SHELL_OUTPUT/.test(x) && !/-X\b/.test(x))) continue;
      // (a ko / GoReleaser `{{ .Env.X }}` template that nothing in the repository sets arrives here as `$X`)
      if (b.ldflags.some((x) => x.split(/\s+/).some((w) => WHOLE_VARIABLE.test(w)))) continue;
      ctx.report({
        file: b.file,
        line: b.ldflagsLine ?? b.line,
        messageId: b.source === 'goreleaser' ? 'overridden' : 'unstripped',
        data: { where: b.ldflagsVia ? `${b.where} (ldflags from ${b.ldflagsVia})` : b.where },
        // the value was read from another file (make recipe, workflow env), in the union of its branches
        confidence: b.ldflagsVia && b.confidence === 'high' ? 'medium' : b.confidence,
      });
    }
  },
});
