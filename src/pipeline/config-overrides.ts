/** Stage 5: severity overrides from config (by rule id). */
import type { Stage } from './types.js';

export const configOverrides: Stage = (s) => {
  const ov = s.config.severityOverrides;
  if (!Object.keys(ov).length) return s;
  return { ...s, findings: s.findings.map((f) => (ov[f.ruleId] ? { ...f, severity: ov[f.ruleId]! } : f)) };
};
