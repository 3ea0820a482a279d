/**
 * The fleet report model: one survey's audits aggregated. The one input of the fleet printers
 * (json, markdown, html) and of the dashboard's overview page.
 */
import type { Dimension, Severity } from '../core/types.js';
import type { Scores } from '../scoring/score.js';

export const FLEET_SCHEMA_VERSION = '1.0.0';

export interface FindingCounts {
  /** Unsuppressed findings. */
  total: number;
  suppressed: number;
  byDimension: Record<Dimension, number>;
  bySeverity: Record<Severity, number>;
  byDimensionSeverity: Record<Dimension, Record<Severity, number>>;
}

export interface FleetRepo {
  repoId: number;
  name: string;
  /** Local path or git URL. */
  path: string;
  status: 'done' | 'failed' | 'pending';
  auditId: number | null;
  commit: string | null;
  commitDate: string | null;
  ref: string | null;
  dirty: boolean;
  auditedAt: string | null;
  /** The audit was an earlier one of the same commit. */
  reused: boolean;
  error?: string;
  /** Same shape as the audit JSON's `scores`; null when not audited. */
  scores: Scores | null;
  findingCounts: FindingCounts;
}

export interface ScoreStats {
  /** Repos with a score (not inconclusive). */
  scored: number;
  pass: number;
  risk: number;
  inconclusive: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  mean: number | null;
  /** Ten buckets: 0–9, 10–19, …, 90–100. */
  histogram: number[];
}

export interface TopRule {
  ruleId: string;
  ruleName: string;
  title: string;
  dimension: Dimension;
  severity: Severity;
  /** Repos with at least one unsuppressed finding of the rule. */
  repos: number;
  findings: number;
}

export interface WorstRepo {
  name: string;
  repoId: number;
  overall: number | null;
  grade: string;
  findings: number;
  weakest: Dimension | null;
}

export interface ComparisonRow {
  name: string;
  before: number | null;
  after: number | null;
  change: number | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
}

export interface TrendPoint {
  surveyId: number;
  name: string;
  createdAt: string;
  repos: number;
  meanOverall: number | null;
  findings: number;
  dimensions: Record<Dimension, number | null>;
}

export interface SurveyInfo {
  id: number;
  name: string;
  source: string;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  done: number;
  failed: number;
  pending: number;
}

export interface FleetReport {
  schemaVersion: string;
  kind: 'goready-fleet-report';
  tool: { name: 'goready'; version: string };
  generatedAt: string;
  survey: SurveyInfo;
  repos: FleetRepo[];
  overall: ScoreStats;
  dimensions: Record<Dimension, ScoreStats>;
  topRules: TopRule[];
  worstRepos: WorstRepo[];
  comparison?: { base: { id: number; name: string; createdAt: string }; rows: ComparisonRow[]; totalBefore: number; totalAfter: number };
  trends: TrendPoint[];
}
