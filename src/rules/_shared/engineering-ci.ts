/**
 * Shared judgement helpers for the engineering-practice repo rules: what the repository's Go
 * subject is (and where an absence is reported), which CI line is "the test step", and how
 * complete our view of the CI is.
 */
import type { Confidence } from '../../core/types.js';
import type { RepoFacts } from '../../facts/repo-facts.js';
import { ciFacts } from '../../facts/ci-config.js';
import type { CiFacts, CiToolUse } from '../../facts/ci-collector.js';
import type { CiTool } from '../../facts/ci-shell.js';

export interface GoSubject {
  /**
   * Where repository-level absences are reported (line 1): the go.mod of the shallowest module,
   * or, for a module-less (GOPATH-era) repository, its shallowest Go file.
   */
  anchor: string;
}

/** The Go subject of the audit, or undefined when there is nothing to judge (no go.mod and no Go file). */
export function goSubject(repo: RepoFacts): GoSubject | undefined {
  const depth = (p: string) => (p ? p.split('/').length : 0);
  if (repo.modules.length) {
    const m = [...repo.modules].sort((a, b) => depth(a.dir) - depth(b.dir) || a.dir.length - b.dir.length)[0]!;
    return { anchor: m.dir ? `${m.dir}/go.mod` : 'go.mod' };
  }
  const files = repo.goFiles.filter((f) => !f.generated).map((f) => f.rel).sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
  return files.length ? { anchor: files[0]! } : undefined;
}

/** go test invocations that run tests (not `go test -c` / `-list`). */
export function testRuns(ci: CiFacts): CiToolUse[] {
  return ci.tools.filter((t) => t.tool === 'go-test' && !t.compileOnly);
}

const SPECIAL = /integration|e2e|conformance|fuzz|bench|compliance|upgrade|smoke|perf/i;

/**
 * The CI line that best stands for "the unit tests": a go test over the module's packages
 * (`./...`), not a fuzz/benchmark/integration/e2e run, in the earliest file. Undefined when
 * the CI runs no tests.
 */
export function primaryTestRun(ci: CiFacts): CiToolUse | undefined {
  const runs = testRuns(ci);
  let best: CiToolUse | undefined;
  let bestScore = -Infinity;
  for (const r of runs) {
    const all = `${r.file} ${r.text} ${r.via.join(' ')}`;
    let score = 0;
    if (/\.\/\.\.\.|\.\/(pkg|cmd|internal)\b/.test(r.text)) score += 2;
    if (/-(fuzz|bench)\b/.test(r.text) || SPECIAL.test(all)) score -= 3;
    if (/unit|test|ci/i.test(r.file.slice(r.file.lastIndexOf('/') + 1))) score += 1;
    if (r.system === 'github-actions' || r.system === 'gitlab-ci') score += 0.5;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** Why the visible CI may be incomplete (other CI systems not read, remote includes, orbs...). */
export function blindSpots(repo: RepoFacts, ci: CiFacts = ciFacts(repo)): string[] {
  const out: string[] = [];
  const others = [...new Set(ci.configs.filter((c) => c.system === 'other').map((c) => `${c.name} (${c.file})`))];
  if (others.length) out.push(`also configured but not read: ${others.join(', ')}`);
  const broken = ci.configs.filter((c) => c.system !== 'other' && !c.parsed).map((c) => c.file);
  if (broken.length) out.push(`not parsed: ${broken.join(', ')}`);
  if (ci.partial.length) out.push(`not followed: ${ci.partial.slice(0, 3).map((p) => `${p.file}:${p.line}`).join(', ')}${ci.partial.length > 3 ? ', ...' : ''}`);
  return out;
}

/** Confidence for an "absent from CI" finding: lowered when part of the CI is not visible. */
export function absenceConfidence(base: Confidence, spots: string[]): Confidence {
  return spots.length ? 'low' : base;
}

/** ` (note: ...)` suffix for messages, or ''. */
export function spotsNote(spots: string[]): string {
  return spots.length ? ` (view may be incomplete: ${spots.join('; ')})` : '';
}

export function where(t: { file: string; line: number; via: string[] }): string {
  return `${t.file}:${t.line}${t.via.length ? ` via ${t.via.join(' > ')}` : ''}`;
}

/**
 * For a "CI never runs <tool>" rule: the CI test step the finding goes to and what CI configs cannot show (blind
 * spots), when the repository has a Go subject, a test step in CI, and no CI step runs one of `tools`. The rule is
 * applicable as soon as there is a test step.
 */
export function missingCiTool(repo: RepoFacts, ctx: { applicable(): void }, tools: ReadonlySet<CiTool>): { primary: CiToolUse; spots: string[] } | undefined {
  if (!goSubject(repo)) return undefined;
  const ci = ciFacts(repo);
  const primary = primaryTestRun(ci);
  if (!primary) return undefined;
  ctx.applicable();
  if (ci.tools.some((t) => tools.has(t.tool))) return undefined;
  return { primary, spots: blindSpots(repo, ci) };
}

