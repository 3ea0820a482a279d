/** Computes dimension scores, statuses and the overall grade from judged findings (see policy.ts). */
import { DIMENSIONS, type Dimension, type Finding } from '../core/types.js';
import type { Rule } from '../rules/define-rule.js';
import { budget, CONFIDENCE_FACTOR, CRITICAL_CAP, DIMENSION_WEIGHT, gradeFor, PASS_THRESHOLD, SEVERITY_WEIGHT, NON_SHIPPED_FACTOR } from './policy.js';

export type DimensionStatus = 'pass' | 'risk' | 'inconclusive';

export interface DimensionScore {
  score: number | null;
  status: DimensionStatus;
  /** Why inconclusive, or a one-line summary. */
  reason: string;
  findings: number;
  suppressed: number;
  penalty: number;
  rulesRun: number;
  rulesApplicable: number;
}

export interface Scores {
  overall: number | null;
  grade: string;
  dimensions: Record<Dimension, DimensionScore>;
  /** Non-generated, non-test Go lines used to size the penalty budget. */
  codeLines: number;
}

export interface ScoreInput {
  findings: Finding[];
  rules: readonly Rule[];
  /** Rule ids that had something to judge. */
  applicable: Set<string>;
  codeLines: number;
  goFiles: number;
  /** Rule ids that declared they cannot judge (e.g. no vulnerability database), with the reason. */
  inconclusive?: Map<string, string>;
}

export function penaltyOf(f: Finding): number {
  // code that does not ship weighs less (the role the engine gave the finding's file; only seen with --include-non-shipped)
  const unshipped = f.inTest || (f.role !== undefined && f.role !== 'production');
  return SEVERITY_WEIGHT[f.severity] * CONFIDENCE_FACTOR[f.confidence] * (unshipped ? NON_SHIPPED_FACTOR : 1);
}

export function computeScores(input: ScoreInput): Scores {
  const b = budget(input.codeLines / 1000);
  const dims = {} as Record<Dimension, DimensionScore>;
  let weighted = 0;
  let weights = 0;
  for (const dim of DIMENSIONS) {
    const rules = input.rules.filter((r) => r.meta.dimension === dim);
    const applicable = rules.filter((r) => input.applicable.has(r.meta.id));
    const all = input.findings.filter((f) => f.dimension === dim);
    const active = all.filter((f) => !f.suppressed);
    const base = { findings: active.length, suppressed: all.length - active.length, rulesRun: rules.length, rulesApplicable: applicable.length };
    if (!rules.length) {
      dims[dim] = { ...base, score: null, status: 'inconclusive', penalty: 0, reason: 'no rules of this dimension are enabled (or exist yet)' };
      continue;
    }
    if (!input.goFiles) {
      dims[dim] = { ...base, score: null, status: 'inconclusive', penalty: 0, reason: 'no Go files were analysed' };
      continue;
    }
    const cannotJudge = rules.map((r) => input.inconclusive?.get(r.meta.id)).find((x) => x !== undefined);
    if (cannotJudge !== undefined) {
      dims[dim] = { ...base, score: null, status: 'inconclusive', penalty: 0, reason: cannotJudge };
      continue;
    }
    if (!applicable.length && !active.length) {
      dims[dim] = { ...base, score: null, status: 'inconclusive', penalty: 0, reason: `none of the ${rules.length} rule(s) found anything to judge` };
      continue;
    }
    const penalty = active.reduce((sum, f) => sum + penaltyOf(f), 0);
    let score = Math.round(100 * Math.exp(-penalty / b));
    const critical = active.some((f) => f.severity === 'critical');
    if (critical) score = Math.min(score, CRITICAL_CAP);
    const status: DimensionStatus = score >= PASS_THRESHOLD && !critical ? 'pass' : 'risk';
    dims[dim] = {
      ...base, score, status, penalty: Math.round(penalty * 10) / 10,
      reason: `${active.length} finding(s) from ${applicable.length}/${rules.length} applicable rule(s)${critical ? '; a critical finding caps the score' : ''}`,
    };
    weighted += score * DIMENSION_WEIGHT[dim];
    weights += DIMENSION_WEIGHT[dim];
  }
  const overall = weights ? Math.round(weighted / weights) : null;
  return { overall, grade: overall === null ? 'N/A' : gradeFor(overall), dimensions: dims, codeLines: input.codeLines };
}
