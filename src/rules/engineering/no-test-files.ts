import { defineRepoRule } from '../define-rule.js';
import { goTestFacts, packageSourceStats } from '../../facts/go-tests.js';
import { goSubject } from '../_shared/engineering-ci.js';
import { GO_TESTS } from '../../facts/go-tests.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1001',
    name: 'no-test-files',
    dimension: 'engineering',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-22 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 0 FP, 3 "nobody would act" of 4 judged — "nobody would act" 75.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: repositories whose only Go code is a few-line main that calls a library of another repository, where the logic and its tests live. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'The repository has Go code but not a single _test.go file',
    passCriterion: 'the repository has Go tests',
    rationale:
      'Without any test, every change ships unverified: refactors, dependency bumps and Go upgrades can only be checked ' +
      'in production. Tests are also what makes the race detector, fuzzing and coverage possible at all, and what lets a ' +
      'reviewer trust a change without running it by hand.',
    fix: {
      text: 'Add table-driven tests (`func TestXxx(t *testing.T)` in `x_test.go` next to the code), starting with the packages that hold the most logic, and run `go test ./...` in CI.',
      effort: 'high',
    },
    examples: [
      {
        filename: 'app.go',
        bad: 'package main\n\nfunc add(a, b int) int { return a + b }\n\nfunc main() { println(add(1, 2)) }\n',
        // (an example is one file: the good variant shows the other side of the rule, a package with no logic to test)
        good: 'package version\n\n// Version is set by the linker at release time.\nvar Version = "dev"\n',
      },
    ],
    messages: {
      none: 'no _test.go file anywhere in the repository ({{files}} Go files, {{lines}} lines of non-generated code are untested)',
    },
    sources: [],
    notes: 'Code without any function or method (constants, types, blank imports only) has nothing to test and is not reported. vendor/ and testdata/ are not counted. Generated files are neither code to test nor tests, except that a generated _test.go still counts as a test.',
  },
  requires: [GO_TESTS],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    const t = goTestFacts(repo);
    if (t.codeFiles === 0) return; // nothing to test
    ctx.applicable();
    if (t.testFiles > 0) return;
    // declarations only (constants, types, blank imports): nothing to test. Read only in this rare case.
    if (t.packages.every((p) => p.codeFiles === 0 || packageSourceStats(repo, p.dir).funcs === 0)) return;
    ctx.report({ file: subject.anchor, line: 1, messageId: 'none', data: { files: t.codeFiles, lines: t.codeLines } });
  },
});
