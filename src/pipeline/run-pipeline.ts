/**
 * Runs the ordered stages: relativise → exclude paths → generated → inline suppressions →
 * accepted vulnerabilities (vuln-ignore) → config overrides ‖ SCORE ‖ min severity → caps → sort. Stages after the score decide only what
 * is shown, never the score.
 */
import { computeScores, type Scores } from '../scoring/score.js';
import { caps, minSeverity, type DisplayStats } from './caps.js';
import { configOverrides } from './config-overrides.js';
import { excludePaths } from './exclude-paths.js';
import { generatedFiles } from './generated.js';
import { inlineSuppressions } from './inline-suppressions.js';
import { relativize } from './relativize.js';
import { sortFindings } from './sort.js';
import { vulnIgnores } from './vuln-ignores.js';
import type { PipelineState, Stage } from './types.js';

export const JUDGE_STAGES: Stage[] = [relativize, excludePaths, generatedFiles, inlineSuppressions, vulnIgnores, configOverrides];

export interface PipelineOutput {
  state: PipelineState;
  scores: Scores;
  display: DisplayStats;
}

export function runPipeline(input: PipelineState, sizing: { applicable: Set<string>; codeLines: number; goFiles: number; inconclusive?: Map<string, string> }): PipelineOutput {
  let state = input;
  for (const stage of JUDGE_STAGES) state = stage(state);
  const scores = computeScores({ findings: state.findings, rules: state.rules, ...sizing });
  const display: DisplayStats = { hiddenBySeverity: 0, hiddenByCaps: 0 };
  // sort before caps so that a cap keeps the first findings in file order
  for (const stage of [minSeverity(display), sortFindings, caps(display)]) state = stage(state);
  return { state, scores, display };
}
