/**
 * One audit as a row set: what a survey job returns and the store writes in one transaction.
 * Plain JSON (no class instances), so it can cross a process boundary or a queue unchanged.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/types.js';
import type { Report, ReportRule } from '../report/model.js';
import type { Scores } from '../scoring/score.js';
import { fingerprintAll } from '../report/fingerprint.js';

export interface CheckoutInfo {
  commit: string | null;
  commitDate: string | null;
  ref: string | null;
  dirty: boolean;
}

export type FindingRecord = Pick<Finding, 'ruleId' | 'ruleName' | 'dimension' | 'severity' | 'confidence' | 'message' | 'fix' | 'file' | 'line' | 'column' | 'snippet' | 'suppressed' | 'inTest' | 'generated'> & {
  fingerprint: string;
};

export interface AuditRecord {
  checkout: CheckoutInfo;
  startedAt: string;
  durationMs: number;
  toolVersion: string;
  rulesetHash: string;
  optionsHash: string;
  scores: Scores;
  stats: Report['stats'];
  findings: FindingRecord[];
  rules: ReportRule[];
}

/** Hash of the effective rule set (ids, severities, confidences, lifecycle) of an audit. */
export function rulesetHash(rules: readonly Pick<ReportRule, 'id' | 'severity' | 'confidence' | 'lifecycle'>[]): string {
  const canon = rules.map((r) => `${r.id}:${r.severity}:${r.confidence}:${r.lifecycle}`).sort().join(',');
  return createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

export function auditRecordFromReport(report: Report, checkout: CheckoutInfo, optionsHash: string): AuditRecord {
  const fps = fingerprintAll(report.findings);
  return {
    checkout,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    toolVersion: report.tool.version,
    rulesetHash: rulesetHash(report.rules),
    optionsHash,
    scores: report.scores,
    stats: report.stats,
    findings: report.findings.map((f, i) => ({
      ruleId: f.ruleId, ruleName: f.ruleName, dimension: f.dimension, severity: f.severity, confidence: f.confidence,
      message: f.message, fix: f.fix, file: f.file, line: f.line, column: f.column, snippet: f.snippet,
      suppressed: f.suppressed, inTest: f.inTest, generated: f.generated, fingerprint: fps[i]!,
    })),
    rules: report.rules,
  };
}
