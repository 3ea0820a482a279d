import { defineRepoRule } from '../define-rule.js';
import { broadPublicPatterns, findingAt, goEnvSettings, placeOf, reachesShippedBuild } from '../../facts/go-env-settings.js';
import { RELEASE_PIPELINES } from '../../facts/release-pipelines.js';
import { CI_FACTS } from '../../facts/ci-config.js';
import { MAKE_PROJECTS } from '../../facts/makefile.js';
import { GO_ENV_SETTINGS } from '../../facts/go-env-settings.js';

export default defineRepoRule({
  meta: {
    id: 'SUP1008',
    name: 'checksum-verification-disabled',
    dimension: 'supply-chain',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-24',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-19 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 3 "nobody would act" of 6 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: settings in CI workflows that publish nothing (pull-request tests, coverage uploads) beside release workflows that verify checksums, and their repeats in one env block. Reworked after the 2026-12-19 sample (CI files off a visible release path are not judged), so its record restarts at 2026-12-20 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since: 1 TP (the candidate draw of 2026-12-20). Reworked after the 2026-12-22 sample (recipes of test, lint, format, generate and development make targets are not judged), so its record restarts at 2026-12-23 (blindRecordFrom). Its record since (the candidate draw of 2026-12-23): 0 TP, 5 FP, all in the recipes of test targets whose names the anchored list of that time missed (`integ-test-%`, `benchmark-%`, `perf-test`, `critest`). Reworked after it (one vocabulary of development work for make targets, matched on each part of a target\'s name: src/core/work-names.ts), so its record restarts at 2026-12-24 (blindRecordFrom).',
    title: 'The build turns off module checksum verification (GOSUMDB=off, GONOSUMDB, GOINSECURE, GOFLAGS=-insecure)',
    passCriterion: 'module checksums are always verified: no GOSUMDB=off, GOINSECURE, -insecure, or GOPRIVATE/GONOSUMDB covering a public host',
    rationale:
      'The go command checks every downloaded module against go.sum and, for modules go.sum does not know yet, against the ' +
      'public checksum database (the default GOSUMDB). That is what stops a compromised proxy, a re-tagged release or a hijacked ' +
      'repository from slipping different code into the build. GOSUMDB=off, GONOSUMDB/GOPRIVATE patterns that cover a public ' +
      'host, GOINSECURE and GOFLAGS=-insecure switch that protection (and, for GOINSECURE, TLS) off for every build that reads ' +
      'the setting: CI, release images, developer machines running the Makefile.',
    fix: {
      text: 'Remove the setting. For private modules, list only your own module path prefixes in GOPRIVATE ' +
        '(e.g. GOPRIVATE=github.com/your-org/*) — that skips the public checksum database for them and nothing else — and serve ' +
        'them over HTTPS instead of GOINSECURE.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM golang:1.24 AS build\nENV GOSUMDB=off\nCOPY . /src\nRUN cd /src && go build -o /app .\n',
        good: 'FROM golang:1.24 AS build\nENV GOPRIVATE=github.com/example-org/*\nCOPY . /src\nRUN cd /src && go build -o /app .\n',
      },
      {
        filename: '.github/workflows/build.yml',
        bad: 'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GONOSUMDB: github.com\n    steps:\n      - run: go build ./...\n',
        good: 'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GOPRIVATE: github.com/example-org/*\n    steps:\n      - run: go build ./...\n',
      },
    ],
    messages: {
      sumdbOff: 'GOSUMDB={{value}} turns off the checksum database: modules missing from go.sum are accepted unverified{{where}}',
      insecureFlag: 'GOFLAGS={{value}} asks for -insecure module fetches (no TLS, no checksum database); removed in current Go, use neither{{where}}',
      goinsecure: 'GOINSECURE={{value}} fetches these modules without TLS and without checksum-database verification{{where}}',
      broad: '{{name}}={{value}} covers every module of {{patterns}}: none of them is checked against the checksum database{{extra}}{{where}}',
    },
    sources: [],
    notes:
      'Read: CI configs (env maps and scripts), Dockerfiles (ENV, ARG defaults, RUN, `go env -w`), Makefiles (exported ' +
      'variables and recipe lines), shell scripts, GoReleaser/ko env lists and `.envrc`; files under docs, examples and tests ' +
      'are not judged. GOPRIVATE/GONOSUMDB patterns are reported only when they cover a whole public host (`github.com`, ' +
      '`github.com/*`, `*`, `*.com`): `github.com/your-org` is the intended use. A value that is only a shell default ' +
      '(`${GOSUMDB:-off}`) has medium confidence. GONOSUMCHECK, named in some guides, is not read by the go command. Where ' +
      'release workflows are visible, a setting in another CI file (tests, lint, coverage) is not reported: it builds nothing ' +
      'that is published; nor is a setting on the recipe of a test, lint, format, generate or development make target.',
  },
  requires: [GO_ENV_SETTINGS, RELEASE_PIPELINES, CI_FACTS, MAKE_PROJECTS],
  check(repo, ctx) {
    for (const s of goEnvSettings(repo)) {
      if (!reachesShippedBuild(repo, s)) continue;
      ctx.applicable();
      const where = placeOf(s);
      const at = findingAt(s);
      if (s.name === 'GOSUMDB' && s.value.trim().toLowerCase() === 'off') {
        ctx.report({ ...at, messageId: 'sumdbOff', data: { value: s.value, where } });
      } else if (s.name === 'GOFLAGS' && /(^|\s)--?insecure(=true)?(\s|$)/.test(s.value)) {
        ctx.report({ ...at, messageId: 'insecureFlag', data: { value: s.value, where } });
      } else if (s.name === 'GOINSECURE') {
        ctx.report({ ...at, messageId: 'goinsecure', data: { value: s.value, where }, severity: 'medium' });
      } else if (s.name === 'GONOSUMDB' || s.name === 'GOPRIVATE') {
        const broad = broadPublicPatterns(s.value);
        if (!broad.length) continue;
        ctx.report({
          ...at, messageId: 'broad',
          data: { name: s.name, value: s.value, patterns: broad.join(', '), extra: s.name === 'GOPRIVATE' ? ' and all are fetched directly, bypassing the module proxy' : '', where },
        });
      }
    }
  },
});
