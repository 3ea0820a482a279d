/** The report model: the one input of every printer (and later the store and dashboard). */
import type { Confidence, Diagnostic, Dimension, Finding, Severity } from '../core/types.js';
import type { Scores } from '../scoring/score.js';

export const REPORT_SCHEMA_VERSION = '1.1.0';

export interface ReportRule {
  id: string;
  name: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  lifecycle: 'stable' | 'experimental';
  title: string;
  rationale: string;
  fix: string;
  fixEffort: 'low' | 'medium' | 'high';
  sources: string[];
  examples: { bad: string; good: string; filename?: string }[];
  /** Where the rule's documentation lives (docs/rules/<ID>.md in the goready repository). */
  helpUri: string;
  /** The rule had at least one file to judge. */
  applicable: boolean;
}

export interface Report {
  schemaVersion: string;
  tool: { name: 'goready'; version: string };
  target: { name: string; path: string };
  startedAt: string;
  durationMs: number;
  config: { path?: string; goVersion?: string; includeVendor: boolean; includeGenerated: boolean; vulndb?: string };
  stats: {
    goFiles: number;
    analysedFiles: number;
    parsedFiles: number;
    skippedFiles: number;
    testFiles: number;
    generatedFiles: number;
    lines: number;
    codeLines: number;
    findings: number;
    suppressed: number;
    hiddenBySeverity: number;
    hiddenByCaps: number;
  };
  modules: { dir: string; path?: string; go?: string; toolchain?: string }[];
  rules: ReportRule[];
  findings: Finding[];
  scores: Scores;
  diagnostics: Diagnostic[];
  gate?: { failOn?: Severity; minScore?: number; failed: boolean; reasons: string[] };
}
