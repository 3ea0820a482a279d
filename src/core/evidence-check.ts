/**
 * Checks that live outside the rule registry because their evidence is not source code: a built
 * artifact (`goready artifact`) or a running process (`goready probe`). One metadata shape and one
 * way to turn a check into a finding in the audit's shape.
 */
import type { Confidence, Dimension, Finding, Severity } from './types.js';

export interface EvidenceCheck {
  id: string;
  name: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  title: string;
  fix: string;
}

/** A finding of `check` at `file:line` (line 1 when the evidence has no line). */
export function evidenceFinding(check: EvidenceCheck, file: string, line: number | undefined, message: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: check.id, ruleName: check.name, dimension: check.dimension, severity: check.severity, confidence: check.confidence,
    message, file, line: Math.max(1, line || 1), column: 1, fix: check.fix, ...extra,
  };
}
