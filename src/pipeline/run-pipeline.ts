/**
 * Runs the ordered stages: relativise → exclude paths → generated → inline suppressions →
 * accepted vulnerabilities (vuln-ignore) → non-shipped code → config overrides ‖ SCORE ‖ baseline → new-from-rev ‖ GATE ‖
 * min severity → sort → caps. Stages after the score decide only what is shown (and what the
 * gate sees), never the score. The gate looks at the findings after baseline and new-from-rev
 * but before the display-only min-severity and per-rule caps, so hiding findings never makes a
 * gate pass.
 */
import type { Finding } from '../core/types.js';
import { computeScores, type Scores } from '../scoring/score.js';
import { applyBaseline, emptyBaselineSummary, type Baseline, type BaselineSummary } from './baseline.js';
import { caps, minSeverity, type DisplayStats } from './caps.js';
import { configOverrides } from './config-overrides.js';
import { excludePaths } from './exclude-paths.js';
import { generatedFiles } from './generated.js';
import { nonShippedCode } from './non-shipped.js';
import { inlineSuppressions } from './inline-suppressions.js';
import { newFromRev, type ChangedLines } from './new-from-rev.js';
import { relativize } from './relativize.js';
import { sortFindings } from './sort.js';
import { vulnIgnores } from './vuln-ignores.js';
import type { PipelineState, Stage } from './types.js';

export const JUDGE_STAGES: Stage[] = [relativize, excludePaths, generatedFiles, inlineSuppressions, vulnIgnores, nonShippedCode, configOverrides];

export interface PipelineView {
  /** Hide what this baseline covers (`--baseline FILE`). */
  baseline?: Baseline;
  /** Keep only findings on these lines (`--new-from-rev REV`). */
  changedLines?: ChangedLines;
}

export interface PipelineOutput {
  state: PipelineState;
  scores: Scores;
  display: DisplayStats & { hiddenByRev: number };
  /** Findings the gates judge: after baseline and new-from-rev, before min severity and caps. */
  gated: Finding[];
  /** Set when a baseline was applied. */
  baseline?: BaselineSummary;
  /** Every judged finding (before the view stages): what `goready baseline write` counts. */
  judged: Finding[];
}

export function runPipeline(
  input: PipelineState,
  sizing: { applicable: Set<string>; codeLines: number; goFiles: number; inconclusive?: Map<string, string> },
  view: PipelineView = {},
): PipelineOutput {
  let state = input;
  for (const stage of JUDGE_STAGES) state = stage(state);
  const judged = state.findings;
  const scores = computeScores({ findings: state.findings, rules: state.rules, ...sizing });
  const display = { hiddenBySeverity: 0, hiddenByCaps: 0, hiddenByRev: 0 };
  const summary = view.baseline ? emptyBaselineSummary() : undefined;
  if (view.baseline) state = applyBaseline(view.baseline, summary!)(state);
  if (view.changedLines) state = newFromRev(view.changedLines, display)(state);
  const gated = state.findings.filter((f) => !f.suppressed && f.baseline !== 'covered');
  // sort before caps so that a cap keeps the first findings in file order
  for (const stage of [minSeverity(display), sortFindings, caps(display)]) state = stage(state);
  return { state, scores, display, gated, baseline: summary, judged };
}
