import { defineRepoRule } from '../define-rule.js';
import { VULN_TOOLS } from '../../facts/ci-shell.js';
import { absenceConfidence, missingCiTool, spotsNote } from '../_shared/engineering-ci.js';
import { CI_FACTS } from '../../facts/ci-config.js';

export default defineRepoRule({
  meta: {
    id: 'ENG1007',
    name: 'ci-without-vuln-scan',
    dimension: 'engineering',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-06/07 (seeds 20261206, 20261207): 1 TP, 1 FP, 1 DEB — an organisation\'s reusable code-scan workflow that is not followed still yields an absence finding, and Dependabot security alerts cannot be seen from the repository.',
    title: 'CI never scans the dependencies for known vulnerabilities',
    passCriterion: 'CI scans dependencies for known vulnerabilities (govulncheck or an equivalent)',
    rationale:
      'Most exploitable bugs in Go services come from dependencies and the standard library (net/http, crypto/x509, ' +
      'golang.org/x/net...). govulncheck reports only vulnerabilities whose vulnerable functions the code actually reaches, ' +
      'so running it in CI flags the upgrades that matter the day an advisory is published instead of after an incident.',
    fix: {
      text: 'Run `govulncheck ./...` in CI (golang/govulncheck-action, or `go run golang.org/x/vuln/cmd/govulncheck@latest ./...`), ideally also on a daily schedule so new advisories surface without a code change.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.github/workflows/ci.yml',
        bad: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test -race ./...\n',
        good: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test -race ./...\n      - run: go run golang.org/x/vuln/cmd/govulncheck@latest ./...\n',
      },
    ],
    messages: {
      novuln: 'CI runs the tests here but nothing scans dependencies for known vulnerabilities (no govulncheck, osv-scanner, trivy, grype, snyk, nancy or dependency-review){{bots}}{{note}}',
    },
    sources: [],
    notes:
      'Counted as a scan: govulncheck (command, go run/tool, golang/govulncheck-action), osv-scanner (command or google/osv-scanner-action), trivy ' +
      '(fs/repo/image, aquasecurity/trivy-action), grype (anchore/scan-action), snyk test, nancy, actions/dependency-review-action (pull requests), ' +
      'GitLab\'s Dependency-Scanning template. Not counted: Dependabot/Renovate (ENG1010): their version updates do not check advisories, and ' +
      'Dependabot security alerts are a repository setting invisible in the files. Reported once, at the CI test step.',
  },
  requires: [CI_FACTS],
  check(repo, ctx) {
    const missing = missingCiTool(repo, ctx, VULN_TOOLS);
    if (!missing) return;
    const { primary, spots } = missing;
    const bots = repo.otherFiles.some((f) => /^\.github\/dependabot\.ya?ml$/.test(f))
      ? ' (Dependabot is configured, but its security alerts are a repository setting this audit cannot see)'
      : '';
    ctx.report({
      file: primary.file,
      line: primary.line,
      messageId: 'novuln',
      confidence: absenceConfidence('medium', spots),
      data: { bots, note: spotsNote(spots) },
    });
  },
});
