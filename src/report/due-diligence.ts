/**
 * The due-diligence view of a report, shared by the HTML and Markdown printers: per dimension, the
 * dimension verdict, a configured minimum, then one row per enabled check with its pass criterion
 * (what a production-ready repository does), the unsuppressed findings that contradict it and the verdict.
 */
import { DIMENSIONS, type Dimension, type Finding } from '../core/types.js';
import type { Report, ReportRule } from './model.js';

export type CheckVerdict = 'pass' | 'risk' | 'not judged';

export interface DueDiligenceCheck {
  rule: ReportRule;
  /** The rule's pass criterion, or "no unsuppressed finding" for rules that state none. */
  criterion: string;
  /** Unsuppressed findings of the rule, in report order. */
  active: Finding[];
  suppressed: number;
  verdict: CheckVerdict;
}

export interface DueDiligenceDimension {
  dimension: Dimension;
  status: Report['scores']['dimensions'][Dimension]['status'];
  score: number | null;
  reason?: string;
  findings: number;
  penalty: number;
  /** min-dimension-scores for this dimension, when configured. */
  minimum?: { score: number; met: boolean };
  checks: DueDiligenceCheck[];
}

/** Text of a check's pass criterion, with its severity: "every ticker … is stopped … (medium)". */
export function criterionOf(rule: Pick<ReportRule, 'passCriterion'>): string {
  return rule.passCriterion ?? 'no unsuppressed finding';
}

export function dueDiligence(report: Report): DueDiligenceDimension[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  return DIMENSIONS.map((d) => {
    const x = report.scores.dimensions[d];
    const min = report.gate?.minDimensionScores?.[d];
    const checks = report.rules.filter((r) => r.dimension === d).map((rule): DueDiligenceCheck => {
      const all = byRule.get(rule.id) ?? [];
      const active = all.filter((f) => !f.suppressed);
      const suppressed = all.length - active.length;
      const verdict: CheckVerdict = active.length ? 'risk' : rule.applicable || suppressed ? 'pass' : 'not judged';
      return { rule, criterion: criterionOf(rule), active, suppressed, verdict };
    });
    return {
      dimension: d,
      status: x.status,
      score: x.score,
      reason: x.status === 'inconclusive' ? x.reason : undefined,
      findings: x.findings,
      penalty: x.penalty,
      minimum: min === undefined ? undefined : { score: min, met: x.score !== null && x.score >= min },
      checks,
    };
  });
}
