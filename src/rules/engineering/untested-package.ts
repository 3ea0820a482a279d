import { classifyFile } from '../../core/code-roles.js';
import { defineRepoRule } from '../define-rule.js';
import { goTestFacts, packageSourceStats, type GoPackageTests } from '../../facts/go-tests.js';
import type { RepoFacts } from '../../facts/repo-facts.js';
import { goSubject } from '../_shared/engineering-ci.js';
import { GO_TESTS } from '../../facts/go-tests.js';

/** Code lines (not blank, not comments; non-test, non-generated files) from which an untested package is worth a finding. */
export const UNTESTED_MIN_LINES = 250;
/** ...and at least this many functions or methods: declarations-only packages have no logic to test. */
export const UNTESTED_MIN_FUNCS = 5;
/** Separate findings for the largest untested packages; the rest are summed up in one more finding. */
export const UNTESTED_MAX_FINDINGS = 5;

/**
 * Test support, examples, docs, tooling and third-party packages (the code-role model: folder, package name and the
 * repository's layout, such as another project's module copied in) are not judged.
 */
function isNonShipped(repo: RepoFacts, dir: string, packageName: string | undefined): boolean {
  return classifyFile({ path: dir && dir !== '.' ? `${dir}/pkg.go` : 'pkg.go', packageName, ...repo.layout }).role !== 'production';
}

export interface UntestedPackage extends GoPackageTests {
  sloc: number;
  funcs: number;
}

export function untestedPackages(repo: RepoFacts, pkgs: GoPackageTests[]): UntestedPackage[] {
  return pkgs
    // cheap filters first (total lines bound code lines from above), then read the candidates
    .filter((p) => p.testFiles === 0 && p.testedFrom.length === 0 && p.codeLines >= UNTESTED_MIN_LINES && p.packageName !== 'main' && !isNonShipped(repo, p.dir, p.packageName))
    .map((p) => ({ ...p, ...packageSourceStats(repo, p.dir) }))
    .filter((p) => p.sloc >= UNTESTED_MIN_LINES && p.funcs >= UNTESTED_MIN_FUNCS)
    .sort((a, b) => b.sloc - a.sloc || (a.dir < b.dir ? -1 : 1));
}

export default defineRepoRule({
  meta: {
    id: 'ENG1002',
    name: 'untested-package',
    dimension: 'engineering',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-07 and 2026-12-09: 2 TP, 3 FP, 4 "nobody would act" — untested packages are often API type ' +
      'definitions, thin CLI command wrappers or code copied from another project and tested there; the rule cannot yet tell ' +
      'which untested packages carry logic worth a test.',
    title: 'A sizeable package has no test file and no test imports it',
    passCriterion: 'every sizeable package has tests (its own or a test that imports it)',
    rationale:
      'A package with hundreds of lines of logic and no _test.go file is only exercised indirectly, if at all: its edge ' +
      'cases (errors, empty inputs, concurrency) break silently when it changes. The largest untested packages are where ' +
      'a regression is most likely to reach production unnoticed.',
    fix: {
      text: 'Add a `_test.go` file to the package covering its exported behaviour (table-driven tests, error paths); if it is only glue tested elsewhere, say so in a package comment and suppress the finding.',
      effort: 'medium',
    },
    examples: [
      {
        filename: 'internal/store/store.go',
        // 85 small functions, 255 lines of code
        bad: `package store\n\n${Array.from({ length: 85 }, (_, i) => `func Get${i}(m map[int]string) string {\n\treturn m[${i}]\n}\n`).join('')}`,
        good: 'package store\n\n// Get returns one item.\nfunc Get(m map[int]string, k int) string { return m[k] }\n',
      },
    ],
    messages: {
      untested: 'package {{pkg}} ({{dir}}) has {{lines}} lines of code ({{funcs}} functions) in {{files}} file(s) and no test (no _test.go file, no test elsewhere imports it)',
      more: '{{count}} more packages with at least {{min}} lines of code and no test ({{lines}} lines in all): {{list}}',
    },
    sources: [],
    notes:
      `Reported from ${UNTESTED_MIN_LINES} lines of code (blank and comment lines not counted; non-generated, non-test files) and ${UNTESTED_MIN_FUNCS} functions. Only the ${UNTESTED_MAX_FINDINGS} largest untested packages get a finding each (at their largest file's package clause); ` +
      'the others are listed in one more finding at the go.mod, so a big repository gets a short, ranked to-do list rather than hundreds of findings. ' +
      'Commands (package main: CLI glue, generators, dev tools, usually exercised end to end) and test-support or non-production code are skipped: directories test/, tests/, e2e/, integration/, examples/, hack/, tools/, docs/, mocks/, and packages named test*, *test, *testutil, *mock(s). ' +
      'A package that a _test.go file elsewhere imports (integration tests kept in another directory) is not reported: the rule sees files and imports, not coverage.',
  },
  requires: [GO_TESTS],
  check(repo, ctx) {
    const subject = goSubject(repo);
    if (!subject) return;
    const t = goTestFacts(repo);
    if (t.codeFiles === 0) return;
    ctx.applicable();
    const list = untestedPackages(repo, t.packages);
    for (const p of list.slice(0, UNTESTED_MAX_FINDINGS)) {
      const file = p.largestFile!.rel;
      const text = repo.readText(file).text ?? '';
      const m = /^package\s/m.exec(text);
      const line = m ? text.slice(0, m.index).split('\n').length : 1;
      ctx.report({ file, line, messageId: 'untested', data: { pkg: p.packageName ?? '?', dir: p.dir || '.', lines: p.sloc, funcs: p.funcs, files: p.codeFiles } });
    }
    const rest = list.slice(UNTESTED_MAX_FINDINGS);
    if (rest.length) {
      const shown = rest.slice(0, 10).map((p) => `${p.dir || '.'} (${p.sloc})`).join(', ');
      ctx.report({
        file: subject.anchor, line: 1, messageId: 'more',
        data: { count: rest.length, min: UNTESTED_MIN_LINES, lines: rest.reduce((s, p) => s + p.sloc, 0), list: rest.length > 10 ? `${shown}, ...` : shown },
      });
    }
  },
});
