/** Shared shape of pipeline stages: each takes the working state and returns it transformed. */
import type { Diagnostic, Finding } from '../core/types.js';
import type { Directive } from '../core/suppression-directives.js';
import type { Rule } from '../rules/define-rule.js';
import type { ResolvedConfig } from '../config/config.js';

export interface PipelineState {
  root: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Directives by absolute file path (relative after the relativise stage). */
  directives: Map<string, Directive[]>;
  /** The rules of this run (enabled ones). */
  rules: readonly Rule[];
  /** Every rule goready has: a directive naming one of these is not a typo, even when it is disabled. */
  knownRules: readonly Rule[];
  config: ResolvedConfig;
}

export type Stage = (state: PipelineState) => PipelineState;
