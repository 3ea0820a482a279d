/** Stage 5: severity overrides from config (by rule id); and the same config applied to evidence findings. */
import type { Finding, Severity } from '../core/types.js';
import { findRule } from '../rules/registry.js';
import type { Stage } from './types.js';

/** `findings` with the config's severity overrides (by rule id). */
export function overrideSeverities(findings: Finding[], overrides: Record<string, Severity>): Finding[] {
  if (!Object.keys(overrides).length) return findings;
  return findings.map((f) => (overrides[f.ruleId] ? { ...f, severity: overrides[f.ruleId]! } : f));
}

export const configOverrides: Stage = (s) => {
  const findings = overrideSeverities(s.findings, s.config.severityOverrides);
  return findings === s.findings ? s : { ...s, findings };
};

/**
 * Findings that evidence adds after the engine ran (a built artifact: `--artifact`; the running
 * service: `--probe`), under the config like the engine's own: a finding of a rule the config
 * leaves off is dropped, as the engine never runs that rule (an id no registry rule has is kept),
 * and the severity overrides apply.
 */
export function evidenceUnderConfig(findings: Finding[], enabled: ReadonlySet<string>, overrides: Record<string, Severity>): Finding[] {
  return overrideSeverities(findings.filter((f) => enabled.has(f.ruleId) || !findRule(f.ruleId)), overrides);
}
