/**
 * From a ProbeRun to a ProbeReport: per-site growth (start/end/peak, least-squares slope, leak
 * suspects), long-blocked goroutines, heap growth, GC figures and settings, endpoint exposure;
 * runtime findings located in the repository and joined with the static findings of the same
 * function (marked confirmedBy: runtime).
 */
import type { Finding } from '../core/types.js';
import { toolVersion } from '../core/tool-package.js';
import { isLoopbackHost } from '../core/loopback.js';
import { isUnspecifiedAddress } from './listen-address.js';
import type { RepoIndex } from './locate.js';
import { PROBE_SCHEMA_VERSION, type AllocationSummary, type BlockedGoroutines, type Frame, type ProbeReport, type ProbeRun, type SiteInfo, type SiteSummary } from './model.js';
import { PROBE_RULES } from './probe-rules.js';
import { ruleCheckFinding, type RuleCheck } from '../core/evidence-check.js';
import { ruleMessage } from '../core/finding.js';

export interface AnalyzeOptions {
  /** Minimum growth (end − start) of a monotonic site to call it a leak suspect (default 10). */
  leakThreshold?: number;
  /** Minutes blocked before a goroutine is reported (default 10). */
  blockedMinutes?: number;
  repo?: RepoIndex;
  /** Findings of the static audit of the repository (paths relative to it). */
  staticFindings?: Finding[];
}

/** Static rules about goroutine lifetime that a runtime leak or block can confirm. */
export const CONFIRMABLE_RULES = new Set(['ticker-not-stopped', 'goroutine-send-may-block', 'goroutine-loop-no-exit', 'time-tick-leak', 'lost-cancel', 'time-after-in-loop', 'signal-notify-unbuffered']);
export const EXPOSURE_RULES = new Set(['pprof-exposed']);
const MIB = 1024 * 1024;

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function isMonotonicGrowth(series: number[]): boolean {
  if (series.length < 2) return false;
  for (let i = 1; i < series.length; i++) if (series[i]! < series[i - 1]!) return false;
  return series[series.length - 1]! > series[0]!;
}

/**
 * Exposure: endpoints that answered 200 without credentials where other hosts can reach them — on
 * a non-loopback URL, or through loopback from a port that also listens on all interfaces or a
 * non-loopback address (`listen`, read from the kernel's socket tables while probing).
 */
export function judgeExposure(targetUrl: string, endpoints: ProbeRun['endpoints'], listen?: ProbeRun['listen']): { kind: 'pprof' | 'expvar' | 'metrics'; path: string; host: string; where: string }[] {
  let host: string;
  try {
    host = new URL(targetUrl).hostname;
  } catch {
    return [];
  }
  let where = `${host}, a non-loopback address`;
  if (isLoopbackHost(host)) {
    const open = (listen?.addresses ?? []).filter((a) => !isLoopbackHost(a));
    if (!open.length) return [];
    const shown = open.map((a) => `${a.includes(':') ? `[${a}]` : a}:${listen!.port}${isUnspecifiedAddress(a) ? ' (all interfaces)' : ''}`);
    host = shown[0]!;
    where = `${host}${shown.length > 1 ? ` and ${shown.length - 1} more address(es)` : ''}: probed through ${new URL(targetUrl).host}, but the service listens ${isUnspecifiedAddress(open[0]!) ? 'on every interface' : 'on a non-loopback address'}`;
  }
  return endpoints.filter((e) => e.status === 200).map((e) => ({ kind: e.kind, path: e.path, host, where }));
}

function minutesOf(run: ProbeRun): number[] {
  const t0 = Date.parse(run.samples[0]?.at ?? '');
  const ts = run.samples.map((s) => (Date.parse(s.at) - t0) / 60_000);
  // offline files written together: fall back to one minute per sample
  return ts.every((t) => t === 0 || !Number.isFinite(t)) ? ts.map((_, i) => i) : ts;
}

function stats(series: number[]): { start: number; end: number; peak: number } {
  return { start: series[0] ?? 0, end: series[series.length - 1] ?? 0, peak: series.length ? Math.max(...series) : 0 };
}

function finding(rule: RuleCheck, loc: { file: string; line: number }, messageId: string, data: Record<string, string | number>, extra: Partial<Finding> = {}): Finding {
  return ruleCheckFinding(rule, loc.file, loc.line, messageId, data, extra);
}

/** The `located` part of a message: empty when the site was found in the repository. */
const located = (loc: Located) => (loc.inRepo ? '' : ' (site not found in the repository)');

function shortFile(p: string): string {
  const parts = p.split('/');
  return parts.slice(-2).join('/');
}

export function siteLabel(s: { function: string; createdBy?: string; file: string; line: number }): string {
  return `${s.function}${s.createdBy ? ` (go statement in ${s.createdBy})` : ''} @ ${shortFile(s.file)}:${s.line}`;
}

interface Located {
  file: string;
  line: number;
  inRepo: boolean;
  /** Top-level functions (file#name) of the site's repository frames, for the static join. */
  functions: Set<string>;
}

async function locateSite(repo: RepoIndex | undefined, info: { file: string; line: number; createdBy?: string; stack: Frame[] }): Promise<Located> {
  const functions = new Set<string>();
  if (!repo) return { file: info.file, line: info.line, inRepo: false, functions };
  const created = info.createdBy ? repo.locate({ function: info.createdBy, file: info.file, line: info.line }) : undefined;
  const frames = info.stack.map((f) => repo.locate(f)).filter((x): x is NonNullable<typeof x> => !!x);
  for (const l of [...frames, ...(created ? [created] : [])]) {
    const fn = await repo.functionAt(l.file, l.line);
    if (fn) functions.add(fn);
  }
  const at = created ?? frames[0];
  return at ? { file: at.file, line: at.line, inRepo: true, functions } : { file: info.file, line: info.line, inRepo: false, functions };
}

const MAX_ALLOCATION_ROWS = 20;

/**
 * Allocation sites between the first and the last heap profile: in-use growth and bytes
 * allocated in between (a site below the kept top of the first profile counts from 0).
 */
async function allocationSites(run: ProbeRun, repo: RepoIndex | undefined): Promise<AllocationSummary[] | undefined> {
  const hp = run.heapProfiles ?? [];
  const first = hp[0];
  const last = hp[hp.length - 1];
  if (!first || !last) return undefined;
  const two = hp.length > 1;
  const minutes = (Date.parse(last.at) - Date.parse(first.at)) / 60_000;
  const before = new Map(first.sites.map((x) => [x.key, x]));
  // each row with its site's stack, to locate it in the repository
  const rows: { row: AllocationSummary; stack: Frame[] }[] = [];
  for (const x of last.sites) {
    const b = two ? before.get(x.key) : x;
    const allocated = Math.max(0, x.allocBytes - (two ? b?.allocBytes ?? 0 : 0));
    const row: AllocationSummary = { function: x.function, file: x.file, line: x.line, inuseStart: b?.inuseBytes ?? 0, inuseEnd: x.inuseBytes, allocatedBytes: allocated };
    if (two && minutes > 0 && Number.isFinite(minutes)) row.allocatedPerMinute = Math.round(allocated / minutes);
    rows.push({ row, stack: x.stack });
  }
  rows.sort(({ row: a }, { row: b }) => (b.inuseEnd - b.inuseStart) - (a.inuseEnd - a.inuseStart) || b.allocatedBytes - a.allocatedBytes || a.function.localeCompare(b.function));
  const top = rows.slice(0, MAX_ALLOCATION_ROWS);
  for (const { row, stack } of top) {
    const loc = await locateSite(repo, { file: row.file, line: row.line, stack });
    if (loc.inRepo) {
      row.repoFile = loc.file;
      row.repoLine = loc.line;
    }
  }
  return top.map((t) => t.row);
}

export async function analyzeRun(run: ProbeRun, opts: AnalyzeOptions = {}): Promise<ProbeReport> {
  const leakThreshold = opts.leakThreshold ?? 10;
  const blockedMinutes = opts.blockedMinutes ?? 10;
  const xs = minutesOf(run);
  const spanMin = xs.length ? xs[xs.length - 1]! - xs[0]! : 0;
  const infoByKey = new Map<string, SiteInfo>(run.siteInfo.map((s) => [s.key, s]));
  const findings: Finding[] = [];
  const confirmed = new Map<Finding, Finding['runtime']>();
  const staticByFunction = new Map<string, Finding[]>();
  if (opts.repo && opts.staticFindings) {
    for (const f of opts.staticFindings) {
      if (!CONFIRMABLE_RULES.has(f.ruleName)) continue;
      const fn = await opts.repo.functionAt(f.file, f.line);
      if (fn) staticByFunction.set(fn, [...(staticByFunction.get(fn) ?? []), f]);
    }
  }
  const confirm = (loc: Located, evidence: NonNullable<Finding['runtime']>): Finding[] => {
    const hits = [...loc.functions].flatMap((fn) => staticByFunction.get(fn) ?? []);
    for (const h of hits) if (!confirmed.has(h)) confirmed.set(h, evidence);
    return hits;
  };

  // goroutine totals and per-site series
  const totals = run.samples.map((s) => s.goroutines ?? 0);
  const keys = new Set(run.samples.flatMap((s) => Object.keys(s.sites)));
  const sites: ProbeReport['sites'] = [];
  for (const key of keys) {
    const series = run.samples.map((s) => s.sites[key] ?? 0);
    const info = infoByKey.get(key) ?? { key, function: key, file: '', line: 0, stack: [] };
    const st = stats(series);
    const sl = slope(xs, series);
    const single = series.length === 1;
    const leak = single
      ? st.end >= Math.max(100, leakThreshold * 10) && !!info.state && /^(chan |select|sync\.|semacquire)/.test(info.state)
      : isMonotonicGrowth(series) && st.end - st.start >= leakThreshold;
    const summary: SiteSummary & { repoFile?: string; repoLine?: number } = {
      key, function: info.function, ...(info.createdBy ? { createdBy: info.createdBy } : {}), file: info.file, line: info.line,
      ...st, slope: Math.round(sl * 100) / 100, leakSuspect: leak,
    };
    const loc = await locateSite(opts.repo, info);
    if (loc.inRepo) {
      summary.repoFile = loc.file;
      summary.repoLine = loc.line;
    }
    sites.push(summary);
    if (!leak) continue;
    const label = siteLabel(info);
    const evidence = { site: label, ...st };
    const hits = confirm(loc, evidence);
    if (hits.length) continue; // the static finding, confirmed, carries the evidence
    const site = `${info.function}${info.createdBy ? `, started by ${info.createdBy}` : ''}`;
    findings.push(single
      ? finding(PROBE_RULES.leak, loc, 'snapshot', { site, count: st.end, state: info.state ?? '', located: located(loc) }, { runtime: evidence, confidence: 'low' })
      : finding(PROBE_RULES.leak, loc, 'leak', {
        site, start: st.start, end: st.end, peak: st.peak, slope: `${summary.slope >= 0 ? '+' : ''}${summary.slope}`,
        period: `${series.length} samples${spanMin > 0 ? ` in ${formatMinutes(spanMin)}` : ''}`, located: located(loc),
      }, { runtime: evidence }));
  }
  sites.sort((a, b) => (b.end - b.start) - (a.end - a.start) || b.peak - a.peak || a.key.localeCompare(b.key));

  // long-blocked goroutines (last debug=2 snapshot)
  const blocked: BlockedGoroutines[] = run.blocked.filter((b) => b.minutes >= blockedMinutes);
  for (const b of blocked) {
    const info = infoByKey.get(b.site) ?? { key: b.site, function: b.site, file: b.file ?? '', line: b.line ?? 0, stack: b.stack };
    const loc = await locateSite(opts.repo, { ...info, stack: b.stack });
    const evidence = { site: siteLabel(info), start: b.count, end: b.count, peak: b.count };
    const hits = confirm(loc, evidence);
    const sev = /^chan send/.test(b.state) || /nil chan|no cases/.test(b.state) ? 'high' : /^(select|chan receive)$/.test(b.state) ? 'low' : 'medium';
    findings.push(finding(PROBE_RULES.blocked, loc, 'blocked', { count: b.count, function: info.function, state: b.state, minutes: b.minutes, located: located(loc) },
      { severity: sev, runtime: { ...evidence, ...(hits.length ? { confirms: hits.map((h) => `${h.ruleId} ${h.file}:${h.line}`) } : {}) } }));
  }

  // heap and GC
  const heapSeries = run.samples.map((s) => s.heapInuse).filter((x): x is number => typeof x === 'number');
  let heap: ProbeReport['heap'];
  const where = { file: run.target.source, line: 1 };
  const allocations = await allocationSites(run, opts.repo);
  if (heapSeries.length) {
    const st = stats(heapSeries);
    const growthPercent = st.start > 0 ? Math.round(((st.end - st.start) / st.start) * 1000) / 10 : 0;
    heap = { ...st, growthPercent };
    if (heapSeries.length >= 3 && growthPercent >= 50 && st.end - st.start >= 32 * MIB && st.end >= st.peak * 0.9) {
      // located at the allocation site whose bytes in use grew most (in the repository when found there)
      const grew = (allocations ?? []).filter((a) => a.inuseEnd > a.inuseStart);
      const top = grew.find((a) => a.repoFile) ?? grew[0];
      const at = top?.repoFile ? { file: top.repoFile, line: top.repoLine ?? 1 } : where;
      const grewBy = { percent: growthPercent, start: mib(st.start), end: mib(st.end), peak: mib(st.peak), samples: heapSeries.length };
      findings.push(top
        ? finding(PROBE_RULES.heap, at, 'heapAt', {
          ...grewBy, function: top.function, at: top.repoFile ? `${top.repoFile}:${top.repoLine}` : `${top.file}:${top.line}`, siteStart: mib(top.inuseStart), siteEnd: mib(top.inuseEnd),
        }, { runtime: { site: 'heap in use (bytes)', ...st } })
        : finding(PROBE_RULES.heap, at, 'heap', grewBy, { runtime: { site: 'heap in use (bytes)', ...st } }));
    }
  }
  const g = run.gauges;
  const gc: NonNullable<ProbeReport['gc']> = {};
  const cycles = run.samples.map((s) => s.gcCycles).filter((x): x is number => typeof x === 'number');
  if (cycles.length >= 2 && spanMin > 0 && run.target.kind === 'url') gc.cyclesPerMinute = Math.round(((cycles[cycles.length - 1]! - cycles[0]!) / spanMin) * 10) / 10;
  if (g.gcCpuFraction !== undefined) gc.cpuFraction = g.gcCpuFraction;
  if (g.gogc !== undefined) gc.gogc = g.gogc;
  if (g.gomemlimit !== undefined) gc.gomemlimit = g.gomemlimit;
  if (g.gomaxprocs !== undefined) gc.gomaxprocs = g.gomaxprocs;
  if ((gc.cpuFraction ?? 0) > 0.1 || (gc.cyclesPerMinute ?? 0) > 600) {
    const percent = gc.cpuFraction !== undefined ? (gc.cpuFraction * 100).toFixed(1) : undefined;
    const cyclesPerMinute = gc.cyclesPerMinute;
    const [messageId, data] = percent !== undefined && cyclesPerMinute !== undefined ? ['pressure', { percent, cycles: cyclesPerMinute }]
      : percent !== undefined ? ['cpu', { percent }] : ['cycles', { cycles: cyclesPerMinute ?? 0 }];
    findings.push(finding(PROBE_RULES.gcPressure, where, messageId, data,
      { runtime: { site: 'GC', start: cycles[0] ?? 0, end: cycles[cycles.length - 1] ?? 0, peak: cycles[cycles.length - 1] ?? 0 } }));
  }
  for (const { messageId, data } of gcSettingsFaults(gc)) {
    findings.push(finding(PROBE_RULES.gcSettings, where, messageId, data, { runtime: { site: 'runtime/metrics', start: gc.gogc ?? 0, end: gc.gogc ?? 0, peak: gc.gogc ?? 0 } }));
  }

  // exposure
  const exposed = judgeExposure(run.target.source, run.endpoints, run.listen);
  if (exposed.length) {
    const staticHits = (opts.staticFindings ?? []).filter((f) => EXPOSURE_RULES.has(f.ruleName));
    const at = staticHits[0] ? { file: staticHits[0].file, line: staticHits[0].line } : where;
    const kinds = [...new Set(exposed.map((e) => e.kind))];
    const sev = kinds.includes('pprof') ? 'high' : kinds.includes('expvar') ? 'medium' : 'low';
    findings.push(finding(PROBE_RULES.exposed, at, 'exposed', { endpoints: exposed.map((e) => `${e.kind} (${e.path})`).join(', '), where: exposed[0]!.where },
      { severity: sev, runtime: { site: exposed.map((e) => e.path).join(' '), start: exposed.length, end: exposed.length, peak: exposed.length, ...(staticHits.length ? { confirms: staticHits.map((h) => `${h.ruleId} ${h.file}:${h.line}`) } : {}) } }));
    for (const h of staticHits) confirmed.set(h, { site: exposed.map((e) => e.path).join(' '), start: exposed.length, end: exposed.length, peak: exposed.length });
  }

  const confirmedFindings = [...confirmed].map(([f, ev]) => ({ ...f, confidence: 'high' as const, confirmedBy: 'runtime' as const, runtime: ev }));
  return {
    schemaVersion: PROBE_SCHEMA_VERSION,
    tool: { name: 'goready', version: toolVersion() },
    target: { source: run.target.source, kind: run.target.kind, ...(opts.repo ? { repo: opts.repo.root } : {}) },
    startedAt: run.startedAt,
    samples: run.samples.map(({ sites: _s, ...rest }) => rest),
    goroutines: stats(totals),
    ...(heap ? { heap } : {}),
    ...(Object.keys(gc).length ? { gc } : {}),
    sites,
    ...(allocations ? { allocations } : {}),
    blocked,
    findings: [...confirmedFindings, ...findings],
    diagnostics: run.diagnostics,
  };
}

/** The faults of GC settings read at runtime: RUN9003's message ids and their data. */
function gcSettingsFaults(gc: { gogc?: number; gomemlimit?: number }): { messageId: string; data: Record<string, string | number> }[] {
  const out: { messageId: string; data: Record<string, string | number> }[] = [];
  const noLimit = gc.gomemlimit === undefined || gc.gomemlimit >= 2 ** 62;
  const off = gc.gogc !== undefined && (gc.gogc < 0 || gc.gogc >= 2 ** 31);
  if (off && noLimit) out.push({ messageId: 'settings', data: {} });
  else if (gc.gogc !== undefined && !off && gc.gogc > 1000 && noLimit) out.push({ messageId: 'highGogc', data: { gogc: gc.gogc, factor: Math.round(1 + gc.gogc / 100) } });
  else if (gc.gogc !== undefined && !off && gc.gogc < 25) out.push({ messageId: 'lowGogc', data: { gogc: gc.gogc } });
  if (gc.gomemlimit !== undefined && gc.gomemlimit >= 0 && gc.gomemlimit < 16 * MIB) out.push({ messageId: 'lowMemLimit', data: { limit: mib(gc.gomemlimit) } });
  return out;
}

/** The messages of those faults (RUN9003). */
export function judgeGcSettings(gc: { gogc?: number; gomemlimit?: number }): string[] {
  return gcSettingsFaults(gc).map((f) => ruleMessage(PROBE_RULES.gcSettings, f.messageId, f.data));
}

function mib(n: number): string {
  return (n / MIB).toFixed(1);
}

function formatMinutes(m: number): string {
  return m >= 1 ? `${m.toFixed(1)} min` : `${Math.round(m * 60)} s`;
}
