/**
 * The dashboard's view models: plain data built from store rows, which the pages (views/) render.
 * A page sees what it shows, already worded (titles, short commits), never a database row.
 */
import { DIMENSION_TITLES } from '../core/types.js';
import type { ReportRule } from '../report/model.js';
import type { AuditRow, FindingRow } from '../store/types.js';

/** A commit SHA shortened to 12 characters, or a dash. */
export const shortCommit = (sha: string | null | undefined) => (sha ? sha.slice(0, 12) : '—');

export interface FindingView {
  severity: string;
  ruleId: string;
  ruleName: string;
  message: string;
  repo: { id: number; name: string };
  audit: { id: number; commit: string };
  file: string;
  line: number;
  /** `file:line:column`. */
  location: string;
  /** Where the location is besides shipped code: "test file", "generated". */
  marks: string[];
  dimension: string;
  confidence: string;
  fix: string;
  suppressed?: { by: string; reason?: string };
  fingerprint: string;
  snippet?: string;
  /** The rule's rationale, when the store has the rule. */
  rule?: { id: string; rationale: string };
}

export function findingView(f: FindingRow, audit: AuditRow, rule: ReportRule | undefined): FindingView {
  return {
    severity: f.severity, ruleId: f.ruleId, ruleName: f.ruleName, message: f.message,
    repo: { id: audit.repoId, name: audit.repoName }, audit: { id: audit.id, commit: shortCommit(audit.commit) },
    file: f.file, line: f.line, location: `${f.file}:${f.line}:${f.column}`,
    marks: [...(f.inTest ? ['test file'] : []), ...(f.generated ? ['generated'] : [])],
    dimension: DIMENSION_TITLES[f.dimension] ?? f.dimension, confidence: f.confidence, fix: f.fix,
    ...(f.suppressed ? { suppressed: { by: f.suppressedKind ?? 'directive', ...(f.suppressedReason ? { reason: f.suppressedReason } : {}) } } : {}),
    fingerprint: f.fingerprint,
    ...(f.snippet ? { snippet: f.snippet } : {}),
    ...(rule ? { rule: { id: rule.id, rationale: rule.rationale } } : {}),
  };
}
