/**
 * `goready probe compare before.json after.json`: goroutine peak and end per creation site, before
 * and after (saved runs or probe JSON reports). Sites match on what the goroutines run and which
 * function started them, not on line numbers, so a fix that moves code still lines up.
 */
import { ProbeInputError } from './collect.js';
import { PROBE_SCHEMA_VERSION, type CompareRow, type ProbeComparison, type ProbeReport, type ProbeRun } from './model.js';
import { parseSavedRun } from './collect.js';

interface Side {
  total: { peak: number; end: number };
  sites: Map<string, { peak: number; end: number; file?: string; line?: number }>;
}

function compareKey(s: { function: string; createdBy?: string }): string {
  return s.createdBy ? `${s.function} ← ${s.createdBy}` : s.function;
}

function fromRun(run: ProbeRun): Side {
  const info = new Map(run.siteInfo.map((i) => [i.key, i]));
  const sites: Side['sites'] = new Map();
  const keys = new Set(run.samples.flatMap((s) => Object.keys(s.sites)));
  // sum per compare key sample by sample, then take peak and end
  const series = new Map<string, number[]>();
  for (const k of keys) {
    const i = info.get(k);
    const ck = i ? compareKey(i) : k;
    const cur = series.get(ck) ?? run.samples.map(() => 0);
    run.samples.forEach((s, n) => { cur[n]! += s.sites[k] ?? 0; });
    series.set(ck, cur);
    if (!sites.has(ck)) sites.set(ck, { peak: 0, end: 0, file: i?.file, line: i?.line });
  }
  for (const [ck, ser] of series) Object.assign(sites.get(ck)!, { peak: Math.max(0, ...ser), end: ser[ser.length - 1] ?? 0 });
  const totals = run.samples.map((s) => s.goroutines ?? 0);
  return { total: { peak: Math.max(0, ...totals), end: totals[totals.length - 1] ?? 0 }, sites };
}

function fromReport(r: ProbeReport): Side {
  const sites: Side['sites'] = new Map();
  for (const s of r.sites) {
    const ck = compareKey(s);
    const cur = sites.get(ck);
    // summing peaks of merged sites over-counts only when they peaked at different times
    if (cur) { cur.peak += s.peak; cur.end += s.end; } else sites.set(ck, { peak: s.peak, end: s.end, file: s.repoFile ?? s.file, line: s.repoLine ?? s.line });
  }
  return { total: { peak: r.goroutines.peak, end: r.goroutines.end }, sites };
}

export function loadSide(text: string, name: string): Side {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ProbeInputError(`${name}: not JSON (${(e as Error).message})`);
  }
  if (doc && Array.isArray(doc.siteInfo)) return fromRun(parseSavedRun(text, name));
  if (doc && Array.isArray(doc.sites) && doc.goroutines && typeof doc.goroutines === 'object') return fromReport(doc as unknown as ProbeReport);
  throw new ProbeInputError(`${name}: neither a saved probe run (--save) nor a probe JSON report (--format json)`);
}

export function changePercent(before: number, after: number): number | null {
  if (before === 0) return after === 0 ? 0 : null;
  return Math.round(((after - before) / before) * 1000) / 10;
}

export function compareSides(before: Side, after: Side, names: { before: string; after: string }): ProbeComparison {
  const keys = new Set([...before.sites.keys(), ...after.sites.keys()]);
  const rows: CompareRow[] = [...keys].map((k) => {
    const b = before.sites.get(k);
    const a = after.sites.get(k);
    const peakBefore = b?.peak ?? 0;
    const peakAfter = a?.peak ?? 0;
    const endBefore = b?.end ?? 0;
    const endAfter = a?.end ?? 0;
    return {
      site: k, file: (a ?? b)?.file, line: (a ?? b)?.line, peakBefore, peakAfter, endBefore, endAfter,
      peakChangePercent: changePercent(peakBefore, peakAfter), endChangePercent: changePercent(endBefore, endAfter),
    };
  });
  rows.sort((x, y) => Math.max(y.peakBefore, y.peakAfter) - Math.max(x.peakBefore, x.peakAfter) || x.site.localeCompare(y.site));
  const t = {
    site: 'all goroutines', peakBefore: before.total.peak, peakAfter: after.total.peak, endBefore: before.total.end, endAfter: after.total.end,
    peakChangePercent: changePercent(before.total.peak, after.total.peak), endChangePercent: changePercent(before.total.end, after.total.end),
  };
  return { schemaVersion: PROBE_SCHEMA_VERSION, before: names.before, after: names.after, total: t, sites: rows };
}
