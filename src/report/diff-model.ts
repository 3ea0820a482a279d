/** The result of `goready diff`: findings new, fixed and unchanged between two audits or surveys (by fingerprint). */
import type { Dimension, Severity } from '../core/types.js';

export interface DiffFinding {
  ruleId: string;
  ruleName: string;
  dimension: Dimension;
  severity: Severity;
  file: string;
  line: number;
  message: string;
  fingerprint: string;
}

export interface DiffSide { kind: 'audit' | 'survey'; id: number; label: string }

export interface RepoDiff {
  name: string;
  /** Audit on each side (null: the repo is only on one side). */
  from: { auditId: number; commit: string | null } | null;
  to: { auditId: number; commit: string | null } | null;
  new: DiffFinding[];
  fixed: DiffFinding[];
  unchanged: number;
}

export interface DiffReport {
  kind: 'goready-diff';
  from: DiffSide;
  to: DiffSide;
  repos: RepoDiff[];
  totals: { new: number; fixed: number; unchanged: number };
}
