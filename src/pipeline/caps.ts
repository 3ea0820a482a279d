/** Display stages after the score: per-rule caps and minimum severity. They decide what is shown, never the score. */
import { severityRank } from '../core/types.js';
import type { Stage } from './types.js';

export interface DisplayStats { hiddenBySeverity: number; hiddenByCaps: number }

export function minSeverity(stats: DisplayStats): Stage {
  return (s) => {
    const min = s.config.minSeverity;
    if (!min) return s;
    const kept = s.findings.filter((f) => severityRank(f.severity) >= severityRank(min));
    stats.hiddenBySeverity += s.findings.length - kept.length;
    return { ...s, findings: kept };
  };
}

export function caps(stats: DisplayStats): Stage {
  return (s) => {
    const max = s.config.maxPerRule;
    if (!max || max <= 0) return s;
    const seen = new Map<string, number>();
    const kept = s.findings.filter((f) => {
      const n = (seen.get(f.ruleId) ?? 0) + 1;
      seen.set(f.ruleId, n);
      return n <= max;
    });
    stats.hiddenByCaps += s.findings.length - kept.length;
    return { ...s, findings: kept };
  };
}
