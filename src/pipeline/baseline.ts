/**
 * Baseline stage (after the score): a baseline stores, per file and rule, how many unsuppressed
 * findings there were when it was written (ESLint's bulk suppressions). Counts, not lines, so
 * code moving inside a file stays covered. A finding is 'covered' while its file/rule count is
 * within the baseline's; when the count grew, every finding of that file/rule is reported as
 * 'increased' (which one is new cannot be told from counts); a file/rule absent from the
 * baseline is 'new'. Covered findings are kept and marked — like suppressed ones — so JSON and
 * SARIF stay honest; printers hide them and gates ignore them.
 */
import type { Finding } from '../core/types.js';
import type { Stage } from './types.js';

export const BASELINE_VERSION = 1;

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: 'goready';
  /** file (relative to the audited root, forward slashes) → rule id → count */
  files: Record<string, Record<string, number>>;
}

export interface BaselineGroup { file: string; ruleId: string; baseline: number; current: number }

export interface BaselineSummary {
  /** Findings hidden because the baseline covers them. */
  covered: number;
  /** Findings in a file/rule the baseline does not list. */
  new: number;
  /** Findings in a file/rule whose count exceeds the baseline's. */
  increased: number;
  /** The file/rule pairs whose count went up. */
  increasedGroups: BaselineGroup[];
  /** Baseline entries with fewer findings now (fixed since the baseline was written): total of the decreases. */
  fixed: number;
}

const key = (file: string, ruleId: string) => `${file}\0${ruleId}`;

/** Counts unsuppressed findings file → rule → count, with sorted keys (stable, diff-friendly). */
export function buildBaseline(findings: readonly Finding[]): Baseline {
  const counts = new Map<string, Map<string, number>>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const byRule = counts.get(f.file) ?? new Map<string, number>();
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    counts.set(f.file, byRule);
  }
  const files: Baseline['files'] = {};
  for (const file of [...counts.keys()].sort()) {
    const byRule = counts.get(file)!;
    files[file] = Object.fromEntries([...byRule.keys()].sort().map((r) => [r, byRule.get(r)!]));
  }
  return { version: BASELINE_VERSION, tool: 'goready', files };
}

export function serializeBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** Parses and checks a baseline file's text; throws an Error with a readable message. */
export function parseBaseline(text: string, label: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${label}: not a goready baseline (invalid JSON: ${(e as Error).message})`);
  }
  const d = data as Partial<Baseline> | null;
  if (!d || typeof d !== 'object' || d.tool !== 'goready' || typeof d.files !== 'object' || d.files === null || Array.isArray(d.files)) {
    throw new Error(`${label}: not a goready baseline (expected {"version": 1, "tool": "goready", "files": {...}}; write one with \`goready baseline write\`)`);
  }
  if (d.version !== BASELINE_VERSION) throw new Error(`${label}: baseline version ${String(d.version)} is not supported (expected ${BASELINE_VERSION})`);
  for (const [file, byRule] of Object.entries(d.files)) {
    if (!byRule || typeof byRule !== 'object' || Array.isArray(byRule)) throw new Error(`${label}: files["${file}"] must map rule ids to counts`);
    for (const [rule, n] of Object.entries(byRule)) {
      if (!Number.isInteger(n) || (n as number) < 0) throw new Error(`${label}: files["${file}"]["${rule}"] must be a non-negative integer`);
    }
  }
  return d as Baseline;
}

export function emptyBaselineSummary(): BaselineSummary {
  return { covered: 0, new: 0, increased: 0, increasedGroups: [], fixed: 0 };
}

/** The stage: marks every unsuppressed finding covered / new / increased and fills `summary`. */
export function applyBaseline(baseline: Baseline, summary: BaselineSummary): Stage {
  return (s) => {
    const current = new Map<string, number>();
    for (const f of s.findings) if (!f.suppressed) current.set(key(f.file, f.ruleId), (current.get(key(f.file, f.ruleId)) ?? 0) + 1);
    const allowed = (file: string, ruleId: string) => baseline.files[file]?.[ruleId] ?? 0;
    const findings = s.findings.map((f): Finding => {
      if (f.suppressed) return f;
      const n = current.get(key(f.file, f.ruleId))!;
      const b = allowed(f.file, f.ruleId);
      const state: Finding['baseline'] = n <= b ? 'covered' : b === 0 ? 'new' : 'increased';
      summary[state === 'covered' ? 'covered' : state]++;
      return { ...f, baseline: state };
    });
    for (const [k, n] of current) {
      const [file, ruleId] = k.split('\0') as [string, string];
      const b = allowed(file, ruleId);
      if (b > 0 && n > b) summary.increasedGroups.push({ file, ruleId, baseline: b, current: n });
    }
    summary.increasedGroups.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    for (const [file, byRule] of Object.entries(baseline.files)) {
      for (const [ruleId, b] of Object.entries(byRule)) summary.fixed += Math.max(0, b - (current.get(key(file, ruleId)) ?? 0));
    }
    return { ...s, findings };
  };
}
