/** The report model: the one input of every printer (and later the store and dashboard). */
import type { Confidence, Diagnostic, Dimension, Finding, RuleMeta, Severity } from '../core/types.js';
import { ruleDocUrl } from '../core/tool-package.js';
import type { Scores } from '../scoring/score.js';

/**
 * 1.2.0: findings' `context` and `baseline`, report `baseline`, `newFromRev`, `stats.hiddenByRev`, `gate.minDimensionScores`.
 * 1.3.0: findings' `role` and `roleReason` (code-role model), `confirmedBy` and `runtime`, report `probe` (audit --probe).
 * 1.4.0: rules' `passCriterion` (due-diligence pass criterion) and `experimentalReason`.
 * 1.5.0: findings' `related` (the same concern in sibling variants of one install bundle, reported once).
 */
export const REPORT_SCHEMA_VERSION = '1.5.0';

export interface ReportRule {
  id: string;
  name: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  lifecycle: 'stable' | 'experimental';
  /** Why the rule is experimental (off by default); since 1.4.0. */
  experimentalReason?: string;
  title: string;
  /** What passing the check means (the due-diligence table's pass criterion); since 1.4.0. */
  passCriterion?: string;
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

/** A rule as the report describes it (JSON `rules`, SARIF rule metadata). */
export function reportRuleOf(m: RuleMeta, o: { applicable: boolean; severity?: Severity }): ReportRule {
  return {
    id: m.id, name: m.name, dimension: m.dimension, severity: o.severity ?? m.severity, confidence: m.confidence, lifecycle: m.lifecycle,
    ...(m.experimentalReason ? { experimentalReason: m.experimentalReason } : {}),
    ...(m.passCriterion ? { passCriterion: m.passCriterion } : {}),
    title: m.title, rationale: m.rationale, fix: m.fix.text, fixEffort: m.fix.effort, sources: m.sources,
    examples: m.examples.map((e) => ({ bad: e.bad, good: e.good, filename: e.filename })), helpUri: ruleDocUrl(m.id),
    applicable: o.applicable,
  };
}

export interface Report {
  schemaVersion: string;
  tool: { name: 'goready'; version: string };
  target: { name: string; path: string };
  startedAt: string;
  durationMs: number;
  config: { path?: string; goVersion?: string; includeVendor: boolean; includeGenerated: boolean; includeNonShipped: boolean; vulndb?: string };
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
    /** Findings dropped because they are not on lines changed since `--new-from-rev`. */
    hiddenByRev: number;
  };
  modules: { dir: string; path?: string; go?: string; toolchain?: string }[];
  rules: ReportRule[];
  findings: Finding[];
  scores: Scores;
  diagnostics: Diagnostic[];
  gate?: { failOn?: Severity; minScore?: number; minDimensionScores?: Partial<Record<Dimension, number>>; failed: boolean; reasons: string[] };
  /** Set with `--baseline FILE`: what the baseline covers and what is new or increased. */
  baseline?: ReportBaseline;
  /** Set with `--new-from-rev REV`. */
  newFromRev?: { rev: string; changedFiles: number };
  /** Set with `--probe URL`: the runtime evidence merged into this audit (goready probe). */
  probe?: ReportProbe;
}

export interface ReportProbe {
  target: string;
  samples: number;
  goroutines: { start: number; end: number; peak: number };
  sites: number;
  leakSuspects: number;
  /** Static findings confirmed at runtime (confidence raised to high). */
  confirmed: number;
  /** Runtime findings no static finding explains, added to the audit. */
  added: number;
  /** The probe could not run: why (the audit is reported without runtime evidence). */
  error?: string;
}

export interface ReportBaseline {
  /** The baseline file as given on the command line. */
  file: string;
  covered: number;
  new: number;
  increased: number;
  /** File/rule pairs whose count exceeds the baseline's. */
  increasedGroups: { file: string; ruleId: string; baseline: number; current: number }[];
  /** Findings the baseline lists that are gone. */
  fixed: number;
}
