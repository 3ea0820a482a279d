/**
 * Stage 6 (after suppressions, so directives in those files still count as used): findings in code that does not ship — tests, test support, examples, docs, developer
 * tooling, third-party copies (the role each finding carries, src/core/code-roles.ts) — are dropped
 * unless `--include-non-shipped`; with it they are kept and scored at NON_SHIPPED_FACTOR. A
 * directory the user asked to audit keeps its findings: `--include-vendor` (vendor/) and
 * `--include-testdata` (testdata/). One info diagnostic says how many were dropped.
 */
import type { Finding } from '../core/types.js';
import type { Stage } from './types.js';

export interface RolePolicy { includeNonShipped: boolean; includeVendor: boolean; includeTestdata: boolean }

/** Whether a finding (file relative to the audit root) is reported under this policy: production code, or code the user asked for. */
export function reportedByRole(f: Finding, p: RolePolicy): boolean {
  if (p.includeNonShipped || (f.role ?? 'production') === 'production') return true;
  if (!p.includeVendor && !p.includeTestdata) return false;
  const dirs = f.file.split('/').slice(0, -1);
  return (p.includeVendor && dirs.includes('vendor')) || (p.includeTestdata && dirs.includes('testdata'));
}

export const nonShippedCode: Stage = (s) => {
  if (s.config.includeNonShipped) return s;
  const kept: Finding[] = [];
  const dropped = new Map<string, number>();
  for (const f of s.findings) {
    if (reportedByRole(f, s.config)) kept.push(f);
    else dropped.set(f.role!, (dropped.get(f.role!) ?? 0) + 1);
  }
  if (!dropped.size) return s;
  const total = [...dropped.values()].reduce((a, b) => a + b, 0);
  const by = [...dropped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${n} ${r}`).join(', ');
  return {
    ...s,
    findings: kept,
    diagnostics: [...s.diagnostics, {
      level: 'info', code: 'non-shipped-findings',
      message: `${total} finding(s) in code that does not ship were not reported (${by}); --include-non-shipped keeps them`,
    }],
  };
};
