import { defineRepoRule } from '../define-rule.js';
import { LINT_TOOLS } from '../../facts/ci-shell.js';
import { absenceConfidence, missingCiTool, spotsNote } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1006',
    name: 'ci-without-linter',
    dimension: 'engineering',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-15',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 4 TP, 1 FP, 0 "nobody would act" of 5 judged — precision 80.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: linters run through a wrapper CI reaches indirectly (nix flake checks). Reworked after the 2026-12-14 sample (linters run through Nix flake checks are followed: its FP there), so its record restarts (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 2 TP, 3 FP, 0 DEB — precision 40.0 % < 90.0 %.',
    title: 'CI runs the tests but no go vet, golangci-lint or staticcheck',
    passCriterion: 'CI runs go vet, staticcheck or golangci-lint',
    rationale:
      '`go test` runs only a small subset of vet checks (atomic, bool, buildtags, directive, errorsas, ifaceassert, nilfunc, ' +
      'printf, stringintconv, tests). Lost context cancels, copied locks, unreachable code, unchecked errors and misused APIs ' +
      'are caught by `go vet`, staticcheck or golangci-lint in seconds, before they become production incidents.',
    fix: {
      text: 'Add a lint step: `go vet ./...` at least, better `golangci-lint run` (golangci/golangci-lint-action) or `staticcheck ./...`.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        bad: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test -race ./...\n',
        good: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go vet ./...\n      - run: go test -race ./...\n',
      },
    ],
    messages: {
      nolint: 'CI runs the tests here but no linter anywhere (no go vet, golangci-lint or staticcheck; go test runs only a subset of vet checks){{config}}{{note}}',
    },
    sources: [],
    notes:
      'Judged only when the CI visibly runs go test (otherwise ENG1004 speaks); reported once, at that test step. Linters count when run directly, through ' +
      '`go run`/`go tool`, make targets, repository scripts, Nix (`nix develop --command`, `nix run nixpkgs#<linter>`, and flake checks run by ' +
      '`nix build .#checks.<system>.<name>` or `nix flake check`: a check named after a linter, or whose definition in the repository\'s .nix files runs one), ' +
      'or golangci/golangci-lint-action, dominikh/staticcheck-action and the reviewdog actions. ' +
      'Confidence drops when part of the CI is not visible.',
  },
  requires: [CI_FACTS],
  check(repo, ctx) {
    const missing = missingCiTool(repo, ctx, LINT_TOOLS);
    if (!missing) return;
    const { primary, spots } = missing;
    const config = repo.otherFiles.find((f) => /^\.golangci\.(ya?ml|toml|json)$/.test(f));
    ctx.report({
      file: primary.file,
      line: primary.line,
      messageId: 'nolint',
      confidence: absenceConfidence('medium', spots),
      data: { config: config ? ` (${config} exists but CI never runs golangci-lint)` : '', note: spotsNote(spots) },
    });
  },
});
