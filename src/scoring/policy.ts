/**
 * The scoring policy, in one place (documented in the README, "Scoring").
 * Rules find; this file judges. Changing a number here changes every score.
 */
import type { Confidence, Dimension, Severity } from '../core/types.js';

/** Penalty points per finding by severity. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 3, high: 8, critical: 20 };

/** Multiplier by confidence: a low-confidence finding weighs less. */
export const CONFIDENCE_FACTOR: Record<Confidence, number> = { low: 0.3, medium: 0.7, high: 1 };

/**
 * Findings in code that does not ship (a role other than production: tests, test support,
 * examples, docs, tooling, third-party — src/core/code-roles.ts) weigh this much. By default they
 * are not reported at all; `--include-non-shipped` keeps them, at this weight.
 */
export const NON_SHIPPED_FACTOR = 0.25;

/**
 * Penalty budget grows with code size (non-generated, non-test Go lines): a large codebase
 * with a handful of findings is not judged like a tiny one. score = 100 * exp(-penalty / budget).
 */
export function budget(kloc: number): number {
  return 15 * Math.sqrt(Math.max(1, kloc));
}

/** A dimension with an unsuppressed critical finding scores at most this. */
export const CRITICAL_CAP = 49;

/** A conclusive dimension passes at this score or above (and with no critical finding). */
export const PASS_THRESHOLD = 70;

/** Weights of the dimensions in the overall score (only conclusive dimensions count). */
export const DIMENSION_WEIGHT: Record<Dimension, number> = {
  security: 3,
  concurrency: 2,
  runtime: 2,
  'supply-chain': 2,
  observability: 1.5,
  build: 1.5,
  engineering: 1,
};

export const GRADES: { min: number; grade: string }[] = [
  { min: 90, grade: 'A' },
  { min: 80, grade: 'B' },
  { min: 70, grade: 'C' },
  { min: 60, grade: 'D' },
  { min: 0, grade: 'F' },
];

export function gradeFor(score: number): string {
  return GRADES.find((g) => score >= g.min)!.grade;
}
