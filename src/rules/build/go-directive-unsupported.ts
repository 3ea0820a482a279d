import { defineRepoRule } from '../define-rule.js';
import { GO_RELEASES, GO_RELEASES_UPDATED, isUnsupportedGo, parseGoLine, supportWindow } from '../../facts/go-releases.js';
import { SHIPPED_MAIN_PACKAGE_DIRS } from '../../facts/code-summaries.js';
import { RELEASE_TOOLCHAINS, releaseToolchains } from '../../facts/release-toolchains.js';
import { RELEASE_PIPELINES } from '../../facts/release-pipelines.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';


const window = supportWindow();
// The good example names the newest release in the table, not today's newest, so the generated
// docs only change when the table is updated. Once that release leaves support (the table is a
// year stale) the example test fails on purpose: update src/facts/go-releases.ts.
const NEWEST_IN_TABLE = GO_RELEASES[GO_RELEASES.length - 1]!.minor;

export default defineRepoRule({
  meta: {
    id: 'BLD1001',
    name: 'go-directive-unsupported',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 5 TP, 0 FP, 4 "nobody would act" of 9 judged — "nobody would act" 44.4 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: the go line of library and generated client modules (a minimum for importers, raising it helps nobody) and modules whose releases are built with a newer toolchain. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar. Its record through the draw of 2026-12-27: 12 TP, 0 FP, 9 "nobody would act" (42.9 %) — the go lines of libraries alone in their repository (a minimum for their importers) and of an application one release behind whose release workflows install a supported Go through a setup-go range (`~1.26.4`) the rule did not read. Reworked after it (library modules are not judged; setup-go ranges are read: `^1.x` and `>=1.x` install the newest Go, `~1.26.4` the 1.26 line), so its record restarts at 2026-12-28 (blindRecordFrom). Its record since 2026-12-28: 7 TP, 2 FP, 3 "nobody would act" (77.8 %) — developer-tool modules run by `go run` taken as shipped programs, a release toolchain read from `.go-version` by setup-go\'s go-version-file not seen. The go-version-file forms are read since (.go-version, .tool-versions, go.work), so its record restarts at 2026-12-30 (blindRecordFrom).',
    title: 'go.mod declares a Go version the Go team no longer supports',
    passCriterion: 'every module\'s go directive names a Go release the Go team still supports (the last two)',
    rationale:
      'Only the two newest Go releases get security fixes. The go directive sets the language version the module is ' +
      'compiled with and, in a main module, the GODEBUG defaults of the binary: a service whose go.mod says go 1.21 keeps ' +
      "Go 1.21's compatibility behaviours (older TLS and X.509 defaults, pre-1.22 loop variables) even when built with a " +
      'current toolchain, and signals that nobody has re-validated it against a supported release.',
    fix: {
      text: 'Raise the go directive to a supported release (`go mod edit -go=1.N`), run the tests, and review the GODEBUG ' +
        'changes listed in the release notes of each version you skip.',
      effort: 'medium',
    },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.21\n',
        good: `module example.com/app\n\ngo 1.${NEWEST_IN_TABLE}\n`,
        extraFiles: { 'main.go': 'package main\n\nfunc main() {}\n' },
      },
    ],
    messages: {
      unsupported:
        'go {{version}} in {{module}} is older than Go 1.{{oldest}}, the oldest release still supported (supported: 1.{{newest}} and 1.{{oldest}}){{role}}{{toolchain}}',
    },
    sources: [],
    notes:
      `The support window is computed from a table of Go release dates in src/facts/go-releases.ts (last reviewed ${GO_RELEASES_UPDATED}); ` +
      'dates of releases that had not shipped when it was reviewed are marked expected, and later releases are extrapolated on the ' +
      'six-month cadence (February, August), with lower confidence near an expected date. Only a module that ' +
      'contains a main package is judged (its go line sets the binary\'s language semantics and GODEBUG defaults); a library module, ' +
      'alone in its repository or beside application modules, is not reported ' +
      "(a library's go line is only a minimum for its importers; their own go line decides GODEBUG). A newer toolchain directive " +
      'does not clear the finding: it makes the go command use a supported compiler and standard library, but language ' +
      'semantics and GODEBUG defaults still follow the go line; the message mentions it. A module under testdata, fixtures, ' +
      'examples, tests, docs or tooling folders has the role of its go.mod: reported only with --include-non-shipped. An ' +
      'application module whose go line is only one release behind is not reported when the repository shows how its releases ' +
      'are built and every such toolchain is supported: promu\'s `go: version:`, the golang images of production Dockerfiles, ' +
      'setup-go in the workflows that publish releases (go-version, or a go-version-file: go.mod, go.work, .go-version or .tool-versions) and go.mod toolchain ' +
      'directives (the go line then only keeps one release\'s older GODEBUG defaults; blind sample of 2026-12-11). A release ' +
      'built with an unsupported toolchain (golang:1.25 in the release Dockerfile, a go1.25 toolchain directive) keeps it reported.',
  },
  requires: [SHIPPED_MAIN_PACKAGE_DIRS, RELEASE_PIPELINES, DOCKERFILES, RELEASE_TOOLCHAINS],
  check(repo, ctx) {
    const oneReleaseBehind = (go: string): boolean => parseGoLine(go)?.[0] === 1 && parseGoLine(go)?.[1] === window.oldest.minor - 1;
    const releasedWithSupportedGo = (r: typeof repo): boolean => {
      const tcs = releaseToolchains(r);
      return tcs.some((t) => t.via !== 'toolchain-directive') && tcs.every((t) => t.version === 'stable' || isUnsupportedGo(t.version, window) === false);
    };
    // a module is an application when it holds a main package that ships (not examples, hack/, tools/, tests: the code role)
    const mains = repo.shippedMainPackageDirs();
    const moduleDirs = repo.modules.map((m) => m.dir);
    const moduleOf = (dir: string): string | undefined => {
      let best: string | undefined;
      for (const m of moduleDirs) {
        if (m === '' || dir === m || dir.startsWith(`${m}/`)) {
          if (best === undefined || m.length > best.length) best = m;
        }
      }
      return best;
    };
    const withMain = new Set(mains.map((d) => moduleOf(d === '.' ? '' : d)).filter((m): m is string => m !== undefined));
    for (const m of repo.modules) {
      if (!m.go || !parseGoLine(m.go) || m.mod.goLine === undefined) continue;
      ctx.applicable();
      if (!isUnsupportedGo(m.go, window)) continue;
      const isApp = withMain.has(m.dir);
      // a library module (a published API client, a helper module the app requires through a replace, a client library
      // alone in its repository): its go line is only a floor for its importers, whose own go line decides the language
      // version and GODEBUG defaults of what ships (blind samples of 2026-12-09/10: 3 of 3 such findings beside an
      // application judged "nobody would act"; 2026-12-26/27: 3 of 3 for libraries alone in their repository)
      if (!isApp) continue;
      // one release behind, and every release build the repository shows uses a supported toolchain: the go line
      // only keeps the GODEBUG defaults of the release that left support last (blind sample of 2026-12-11:
      // postgres_exporter at go 1.25 built by promu with Go 1.26, judged "nobody would act")
      if (isApp && oneReleaseBehind(m.go) && releasedWithSupportedGo(repo)) continue;
      const tc = m.toolchain && parseGoLine(m.toolchain) && !isUnsupportedGo(m.toolchain, window)
        ? `; toolchain ${m.toolchain} selects a supported compiler, but language semantics and GODEBUG defaults still follow the go line`
        : '';
      ctx.report({
        file: m.dir ? `${m.dir}/go.mod` : 'go.mod',
        line: m.mod.goLine,
        messageId: 'unsupported',
        data: {
          version: m.go,
          module: m.path ?? (m.dir || '.'),
          oldest: window.oldest.minor,
          newest: window.newest.minor,
          role: isApp ? '; the module has a main package, so its go line also sets the binary\'s GODEBUG defaults' : '',
          toolchain: tc,
        },
        severity: 'medium',
        confidence: window.uncertain || window.extrapolated ? 'medium' : 'high',
      });
    }
  },
});
