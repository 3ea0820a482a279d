/**
 * New-from-rev stage (after the score): keeps only findings on lines changed since a git
 * revision. The changed lines are read by the audit (src/vcs/git-diff.ts) and handed in; this
 * stage only filters. Dropped findings are counted, not reported (a view, like --min-severity).
 */
import type { Stage } from './types.js';

/** file (relative, forward slashes) → changed line numbers, or 'all' for a new/untracked file. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

export function isOnChangedLine(changed: ChangedLines, file: string, line: number, endLine = line): boolean {
  const c = changed.get(file);
  if (!c) return false;
  if (c === 'all') return true;
  for (let l = line; l <= Math.max(line, endLine); l++) if (c.has(l)) return true;
  return false;
}

export function newFromRev(changed: ChangedLines, stats: { hiddenByRev: number }): Stage {
  return (s) => {
    // a finding with related places (one concern at several places) is new when any of its places changed
    const kept = s.findings.filter((f) => isOnChangedLine(changed, f.file, f.line, f.endLine)
      || (f.related ?? []).some((r) => isOnChangedLine(changed, r.file, r.line)));
    stats.hiddenByRev += s.findings.length - kept.length;
    return { ...s, findings: kept };
  };
}
