/**
 * Evidence rules: registry rules whose evidence is not source code but a built artifact
 * (`goready artifact`, `audit --artifact`) or a running process (`goready probe`, `audit --probe`).
 * They carry the same metadata as every rule (docs, `goready explain`, SARIF) and no Go testdata:
 * their examples are the evidence in its saved form (`go version -m` output, a saved probe run),
 * and `tests` names the test files that exercise them on real binaries and real services.
 * This module is the one place for the kind, its metadata shape and how a check becomes a finding.
 */
import type { Confidence, Dimension, Finding, RuleMeta, Severity } from './types.js';
import { makeFinding } from './finding.js';

/** What an evidence rule reads. */
export type EvidenceSource = 'artifact' | 'probe';

export interface EvidenceRule {
  kind: 'evidence';
  meta: RuleMeta;
  evidence: EvidenceSource;
  /** Test files (relative to the project root) that exercise the rule on real evidence. */
  tests: string[];
}

export function defineEvidenceRule(rule: Omit<EvidenceRule, 'kind'>): EvidenceRule {
  return { kind: 'evidence', ...rule };
}

/** The metadata a finding needs: a registry rule's, or an artifact-specific wording of one. */
export interface EvidenceCheck {
  id: string;
  name: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  title: string;
  fix: string;
}

/** The check of a registered rule. */
export function evidenceCheck(rule: { meta: RuleMeta }): EvidenceCheck {
  const m = rule.meta;
  return { id: m.id, name: m.name, dimension: m.dimension, severity: m.severity, confidence: m.confidence, title: m.title, fix: m.fix.text };
}

/** A finding of `check` at `file:line` (line 1 when the evidence has no line). */
export function evidenceFinding(check: EvidenceCheck, file: string, line: number | undefined, message: string, extra: Partial<Finding> = {}): Finding {
  return makeFinding(check, message, { file, line: Math.max(1, line || 1) }, extra);
}
