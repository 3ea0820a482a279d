/**
 * `goready audit . --probe URL`: merges a probe's runtime evidence into the audit report. Static
 * findings the probe confirmed get confidence high and `confirmedBy: runtime`; runtime findings no
 * static rule explains are added (with their rule metadata, for SARIF); dimension scores, the
 * overall score and the gate are recomputed with the same policy (src/scoring/policy.ts).
 */
import { DIMENSIONS, severityRank, type Finding, type Severity } from '../core/types.js';
import { reportRuleOf, type Report, type ReportRule } from '../report/model.js';
import { penaltyOf } from '../scoring/score.js';
import { budget, CRITICAL_CAP, DIMENSION_WEIGHT, gradeFor, PASS_THRESHOLD } from '../scoring/policy.js';
import type { ProbeReport } from './model.js';
import { PROBE_RULE_LIST } from './probe-rules.js';

const keyOf = (f: Pick<Finding, 'ruleId' | 'file' | 'line' | 'column'>) => `${f.ruleId}|${f.file}|${f.line}|${f.column}`;

function probeRule(id: string): ReportRule | undefined {
  const r = PROBE_RULE_LIST.find((x) => x.meta.id === id);
  return r ? reportRuleOf(r.meta, { applicable: true }) : undefined;
}

export function mergeProbeIntoReport(report: Report, probe: ProbeReport, failOn?: Severity, minScore?: number): Report {
  const byKey = new Map(probe.findings.filter((f) => f.confirmedBy === 'runtime').map((f) => [keyOf(f), f]));
  let confirmed = 0;
  const findings = report.findings.map((f) => {
    const p = byKey.get(keyOf(f));
    if (!p || f.suppressed) return f;
    byKey.delete(keyOf(f));
    confirmed++;
    return { ...f, confidence: 'high' as const, confirmedBy: 'runtime' as const, runtime: p.runtime };
  });
  const added = probe.findings.filter((f) => f.confirmedBy !== 'runtime' || byKey.has(keyOf(f))).filter((f) => !report.findings.some((g) => keyOf(g) === keyOf(f)));
  const rules = [...report.rules];
  for (const f of added) if (!rules.some((r) => r.id === f.ruleId)) { const r = probeRule(f.ruleId); if (r) rules.push(r); }
  const all = [...findings, ...added];
  const scores = rescore(report, all);
  let gate = report.gate;
  if (gate) {
    const reasons = gate.reasons.filter((r) => !/^overall score /.test(r) && !/^\S+ score \d+ is below its minimum/.test(r));
    if (failOn) {
      const n = added.filter((f) => severityRank(f.severity) >= severityRank(failOn)).length;
      if (n) reasons.push(`${n} runtime finding(s) at or above severity ${failOn}`);
    }
    const min = minScore ?? gate.minScore;
    if (min !== undefined && scores.overall !== null && scores.overall < min) reasons.push(`overall score ${scores.overall} is below --min-score ${min}`);
    for (const dim of DIMENSIONS) {
      const m = gate.minDimensionScores?.[dim];
      const s = scores.dimensions[dim].score;
      if (m !== undefined && s !== null && s < m) reasons.push(`${dim} score ${s} is below its minimum ${m}`);
    }
    gate = { ...gate, failed: reasons.length > 0, reasons };
  }
  return {
    ...report, rules, findings: all, scores, gate,
    stats: { ...report.stats, findings: report.stats.findings + added.length },
    probe: {
      target: probe.target.source, samples: probe.samples.length, goroutines: probe.goroutines, sites: probe.sites.length,
      leakSuspects: probe.sites.filter((s) => s.leakSuspect).length, confirmed, added: added.length,
    },
  };
}

/** The audit's scores with the merged findings: same penalty, budget, cap and weights as scoring/score.ts. */
function rescore(report: Report, findings: Finding[]): Report['scores'] {
  const b = budget(report.scores.codeLines / 1000);
  const dims = { ...report.scores.dimensions };
  let weighted = 0;
  let weights = 0;
  for (const dim of DIMENSIONS) {
    const old = dims[dim];
    const active = findings.filter((f) => f.dimension === dim && !f.suppressed);
    if (old.status !== 'inconclusive' || (active.some((f) => f.runtime) && old.rulesRun > 0 && /found anything to judge/.test(old.reason))) {
      const penalty = active.reduce((s, f) => s + penaltyOf(f), 0);
      let score = Math.round(100 * Math.exp(-penalty / b));
      const critical = active.some((f) => f.severity === 'critical');
      if (critical) score = Math.min(score, CRITICAL_CAP);
      const runtime = active.filter((f) => f.runtime).length;
      dims[dim] = {
        ...old, score, status: score >= PASS_THRESHOLD && !critical ? 'pass' : 'risk', findings: active.length, penalty: Math.round(penalty * 10) / 10,
        reason: runtime ? `${old.status === 'inconclusive' ? `${active.length} finding(s)` : old.reason}; ${runtime} with runtime evidence` : old.reason,
      };
    }
    const d = dims[dim];
    if (d.score !== null) {
      weighted += d.score * DIMENSION_WEIGHT[dim];
      weights += DIMENSION_WEIGHT[dim];
    }
  }
  const overall = weights ? Math.round(weighted / weights) : null;
  return { ...report.scores, overall, grade: overall === null ? 'N/A' : gradeFor(overall), dimensions: dims };
}
