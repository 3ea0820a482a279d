/** A small audit record (scores, stats, findings, one rule) for the store tests. */
import { DIMENSIONS } from '../../src/core/types.js';
import type { AuditRecord } from '../../src/store/record.js';
import type { Scores } from '../../src/scoring/score.js';

export function fakeRecord(commit: string | null, findings: { rule?: string; file?: string; line?: number; fp?: string; suppressed?: boolean }[] = [], overall = 80): AuditRecord {
  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, { score: d === 'concurrency' ? overall : null, status: d === 'concurrency' ? 'pass' : 'inconclusive', reason: 'x', findings: 0, suppressed: 0, penalty: 0, rulesRun: 1, rulesApplicable: 1 }]));
  const scores = { overall, grade: 'B', dimensions: dims, codeLines: 100 } as unknown as Scores;
  return {
    checkout: { commit, commitDate: commit ? '2025-01-01T00:00:00Z' : null, ref: null, dirty: false },
    startedAt: new Date().toISOString(), durationMs: 5, toolVersion: '0.1.0', rulesetHash: 'r', optionsHash: 'o',
    scores, stats: { goFiles: 1, analysedFiles: 1, parsedFiles: 1, skippedFiles: 0, testFiles: 0, generatedFiles: 0, lines: 10, codeLines: 10, findings: findings.length, suppressed: 0, hiddenBySeverity: 0, hiddenByCaps: 0, hiddenByRev: 0 },
    findings: findings.map((f, i) => ({
      ruleId: f.rule ?? 'CON1001', ruleName: 'ticker-not-stopped', dimension: 'concurrency', severity: 'medium', confidence: 'high',
      message: 'ticker t is never stopped', fix: 'stop it', file: f.file ?? 'a.go', line: f.line ?? i + 1, column: 2,
      suppressed: f.suppressed ? { kind: 'goready', reason: 'r' } : undefined, fingerprint: f.fp ?? `fp${i}:1`,
    })),
    rules: [{ id: 'CON1001', name: 'ticker-not-stopped', dimension: 'concurrency', severity: 'medium', confidence: 'high', lifecycle: 'stable', title: 't', rationale: 'r', fix: 'f', fixEffort: 'low', sources: [], examples: [], helpUri: 'https://x', applicable: true }],
  };
}
