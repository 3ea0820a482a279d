/** Aggregates one survey from the store into the fleet report model. */
import { DIMENSIONS, SEVERITIES, type Dimension, type Severity } from '../core/types.js';
import { toolVersion } from '../core/tool-package.js';
import type { ComparisonRow, FindingCounts, FleetReport, FleetRepo, ScoreStats, TrendPoint, WorstRepo } from '../report/fleet-model.js';
import { FLEET_SCHEMA_VERSION } from '../report/fleet-model.js';
import type { Scores } from '../scoring/score.js';
import { StoreError } from '../store/db.js';
import type { CountRow, HistoryStore } from '../store/types.js';

export function emptyCounts(): FindingCounts {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  return {
    total: 0, suppressed: 0,
    byDimension: Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>,
    bySeverity,
    byDimensionSeverity: Object.fromEntries(DIMENSIONS.map((d) => [d, { ...bySeverity }])) as Record<Dimension, Record<Severity, number>>,
  };
}

function countsByAudit(rows: CountRow[]): Map<number, FindingCounts> {
  const out = new Map<number, FindingCounts>();
  for (const r of rows) {
    let c = out.get(r.auditId);
    if (!c) out.set(r.auditId, (c = emptyCounts()));
    if (!(r.dimension in c.byDimension) || !(r.severity in c.bySeverity)) continue;
    c.total += r.n;
    c.byDimension[r.dimension] += r.n;
    c.bySeverity[r.severity] += r.n;
    c.byDimensionSeverity[r.dimension][r.severity] += r.n;
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)) * 10) / 10;
}

export function scoreStats(values: (number | null)[], statuses: string[] = []): ScoreStats {
  const scored = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const histogram = new Array<number>(10).fill(0);
  for (const v of scored) histogram[Math.min(9, Math.floor(v / 10))]!++;
  const n = scored.length;
  return {
    scored: n,
    pass: statuses.filter((s) => s === 'pass').length,
    risk: statuses.filter((s) => s === 'risk').length,
    inconclusive: statuses.filter((s) => s === 'inconclusive').length,
    min: n ? scored[0]! : null,
    q1: n ? quantile(scored, 0.25) : null,
    median: n ? quantile(scored, 0.5) : null,
    q3: n ? quantile(scored, 0.75) : null,
    max: n ? scored[n - 1]! : null,
    mean: n ? Math.round((scored.reduce((a, b) => a + b, 0) / n) * 10) / 10 : null,
    histogram,
  };
}

function weakest(scores: Scores | null): Dimension | null {
  if (!scores) return null;
  let best: Dimension | null = null;
  for (const d of DIMENSIONS) {
    const s = scores.dimensions[d]?.score;
    if (s === null || s === undefined) continue;
    if (best === null || s < scores.dimensions[best]!.score!) best = d;
  }
  return best;
}

/** The repos of a survey with their audits and finding counts. */
export async function fleetRepos(store: HistoryStore, surveyId: number): Promise<FleetRepo[]> {
  const entries = await store.entries(surveyId);
  const audits = new Map((await store.audits(entries.flatMap((e) => (e.auditId ? [e.auditId] : [])))).map((a) => [a.id, a]));
  const counts = countsByAudit(await store.findingCounts([...audits.keys()]));
  return entries.map((e) => {
    const a = e.auditId ? audits.get(e.auditId) : undefined;
    const c = (a && counts.get(a.id)) || emptyCounts();
    if (a) c.suppressed = a.findingsTotal - a.findingsActive;
    return {
      repoId: e.repoId, name: e.name, path: e.location, status: e.status, auditId: a?.id ?? null,
      commit: a?.commit ?? null, commitDate: a?.commitDate ?? null, ref: a?.ref ?? e.ref, dirty: a?.dirty ?? false,
      auditedAt: a?.startedAt ?? null, reused: e.reused, ...(e.error && e.status === 'failed' ? { error: e.error } : {}),
      scores: a?.scores ?? null, findingCounts: c,
    };
  });
}

export async function buildFleetReport(store: HistoryStore, surveyId: number, opts: { compareId?: number; topRules?: number; worst?: number } = {}): Promise<FleetReport> {
  const s = await store.survey(surveyId);
  if (!s) throw new StoreError(`no survey #${surveyId} (see \`goready report --list\`)`);
  const repos = await fleetRepos(store, surveyId);
  const audited = repos.filter((r) => r.scores);
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, scoreStats(
    audited.map((r) => r.scores!.dimensions[d]?.score ?? null),
    audited.map((r) => r.scores!.dimensions[d]?.status ?? 'inconclusive'),
  )])) as Record<Dimension, ScoreStats>;
  const overall = scoreStats(audited.map((r) => r.scores!.overall));
  const auditIds = audited.map((r) => r.auditId!);
  const docs = new Map((await store.rules()).map((r) => [r.id, r]));
  const topRules = (await store.topRules(auditIds, opts.topRules ?? 15)).map((t) => ({ ...t, title: docs.get(t.ruleId)?.title ?? t.ruleName }));
  const worstRepos: WorstRepo[] = audited
    .map((r) => ({ name: r.name, repoId: r.repoId, overall: r.scores!.overall, grade: r.scores!.grade, findings: r.findingCounts.total, weakest: weakest(r.scores) }))
    .sort((a, b) => (a.overall ?? 101) - (b.overall ?? 101) || b.findings - a.findings || a.name.localeCompare(b.name))
    .slice(0, opts.worst ?? 10);

  const report: FleetReport = {
    schemaVersion: FLEET_SCHEMA_VERSION,
    kind: 'goready-fleet-report',
    tool: { name: 'goready', version: toolVersion() },
    generatedAt: new Date().toISOString(),
    survey: { id: s.id, name: s.name, source: s.source, createdAt: s.createdAt, finishedAt: s.finishedAt, total: s.total, done: s.done, failed: s.failed, pending: s.total - s.done - s.failed },
    repos, overall, dimensions, topRules, worstRepos,
    trends: await trends(store, surveyId, new Set(repos.map((r) => r.repoId))),
  };
  if (opts.compareId !== undefined) report.comparison = await compare(store, opts.compareId, repos);
  return report;
}

async function compare(store: HistoryStore, baseId: number, after: FleetRepo[]): Promise<NonNullable<FleetReport['comparison']>> {
  const base = await store.survey(baseId);
  if (!base) throw new StoreError(`no survey #${baseId} to compare with`);
  const before = await fleetRepos(store, baseId);
  const key = (r: FleetRepo) => r.name;
  const b = new Map(before.map((r) => [key(r), r]));
  const a = new Map(after.map((r) => [key(r), r]));
  const names = [...new Set([...after.map(key), ...before.map(key)])];
  const rows: ComparisonRow[] = names.map((name) => {
    const x = b.get(name);
    const y = a.get(name);
    const nb = x?.scores ? x.findingCounts.total : null;
    const na = y?.scores ? y.findingCounts.total : null;
    return { name, before: nb, after: na, change: nb !== null && na !== null ? na - nb : null, scoreBefore: x?.scores?.overall ?? null, scoreAfter: y?.scores?.overall ?? null };
  });
  return {
    base: { id: base.id, name: base.name, createdAt: base.createdAt }, rows,
    totalBefore: rows.reduce((n, r) => n + (r.before ?? 0), 0),
    totalAfter: rows.reduce((n, r) => n + (r.after ?? 0), 0),
  };
}

/** This survey and earlier ones, restricted to this survey's repos: how the same fleet evolved. */
async function trends(store: HistoryStore, surveyId: number, repoIds: Set<number>): Promise<TrendPoint[]> {
  const out: TrendPoint[] = [];
  for (const s of await store.surveysUpTo(surveyId)) {
    const repos = (await fleetRepos(store, s.id)).filter((r) => repoIds.has(r.repoId) && r.scores);
    if (!repos.length) continue;
    const mean = (xs: (number | null | undefined)[]) => {
      const v = xs.filter((x): x is number => typeof x === 'number');
      return v.length ? Math.round((v.reduce((p, q) => p + q, 0) / v.length) * 10) / 10 : null;
    };
    out.push({
      surveyId: s.id, name: s.name, createdAt: s.createdAt, repos: repos.length,
      meanOverall: mean(repos.map((r) => r.scores!.overall)),
      findings: repos.reduce((n, r) => n + r.findingCounts.total, 0),
      dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, mean(repos.map((r) => r.scores!.dimensions[d]?.score))])) as Record<Dimension, number | null>,
    });
  }
  return out;
}
