/**
 * One concern, one finding. A rule that sees the same concern at several places declares a concern key on each
 * report (ReportInput.concern / RepoReport.concern): a cancel variable and every return reached without calling it,
 * the same download installed by several Dockerfiles, the same image given a CPU limit in several charts. The
 * findings of one rule with the same key are reported once, at the place the rule reported first, the other places
 * kept as related locations (printed by every format that prints `related`). Places in shipped code and in code
 * that does not ship are grouped apart, so that dropping non-shipped findings never hides a shipped place.
 * Suppression (src/pipeline/inline-suppressions.ts), as for the related places of BLD1003 and of install variants: a
 * directive at the reported place suppresses the concern; directives at its other places then count as used.
 */
import { severityRank, type Finding } from '../core/types.js';

function byPlace(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
}

/** The findings with each declared concern reported once (in place: the first of each group is kept); removes `concern`. */
export function groupConcernFindings(findings: Finding[]): Finding[] {
  if (!findings.some((f) => f.concern !== undefined)) return findings;
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.concern === undefined) continue;
    const key = [f.ruleId, f.concern, (f.role ?? 'production') === 'production' ? '' : f.role].join('\0');
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const dropped = new Set<Finding>();
  for (const [first, ...others] of groups.values()) {
    if (!others.length) continue;
    const seen = new Set([`${first!.file}\0${first!.line}`]);
    const places: { file: string; line: number }[] = [];
    for (const p of [...(first!.related ?? []), ...others.flatMap((o) => [{ file: o.file, line: o.line }, ...(o.related ?? [])])]) {
      const k = `${p.file}\0${p.line}`;
      if (seen.has(k)) continue;
      seen.add(k);
      places.push(p);
    }
    first!.related = places.sort(byPlace);
    for (const o of others) {
      if (severityRank(o.severity) > severityRank(first!.severity)) first!.severity = o.severity;
      dropped.add(o);
    }
  }
  const kept = dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
  for (const f of kept) delete f.concern;
  return kept;
}
