/** One probe: collect (live or offline) → locate in the repository → static audit → analyse. */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/types.js';
import { loadConfig } from '../config/config.js';
import { runAudit } from '../audit/run-audit.js';
import { analyzeRun, type AnalyzeOptions } from './analyze.js';
import { collectLive, collectOffline, ProbeInputError, type LiveOptions } from './collect.js';
import { RepoIndex } from './locate.js';
import { LIMITS } from './limits.js';
import { PROBE_SCHEMA_VERSION, type ProbeReport, type ProbeRun } from './model.js';
import { mergeProbeIntoReport } from './merge-audit.js';
import type { Report } from '../report/model.js';
import type { Severity } from '../core/types.js';

export interface ProbeOptions {
  /** A URL, a directory (or file) of saved profiles, or a saved run (`--save run.json`). */
  target: string;
  repo?: string;
  durationMs?: number;
  intervalMs?: number;
  metricsUrl?: string;
  expvarUrl?: string;
  leakThreshold?: number;
  blockedMinutes?: number;
  /** Static findings to join with (else the repository is audited when `repo` is given). */
  staticFindings?: Finding[];
  onSample?: LiveOptions['onSample'];
  afterSample?: LiveOptions['afterSample'];
}

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** A saved run (`--save`), validated enough to analyse; throws ProbeInputError otherwise. */
export function parseSavedRun(text: string, name: string): ProbeRun {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ProbeInputError(`${name}: not JSON (${(e as Error).message})`);
  }
  const d = doc as Partial<ProbeRun>;
  if (!d || typeof d !== 'object' || !Array.isArray(d.samples) || !Array.isArray(d.siteInfo) || typeof d.schemaVersion !== 'string') {
    throw new ProbeInputError(`${name}: not a saved probe run (goready probe --save run.json)`);
  }
  if (d.schemaVersion.split('.')[0] !== PROBE_SCHEMA_VERSION.split('.')[0]) throw new ProbeInputError(`${name}: schema version ${d.schemaVersion} is not readable by this goready (${PROBE_SCHEMA_VERSION})`);
  if (d.samples.length > LIMITS.maxSamples) throw new ProbeInputError(`${name}: ${d.samples.length} samples, more than the ${LIMITS.maxSamples} read`);
  const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
  for (const s of d.samples) {
    if (!s || typeof s !== 'object' || typeof s.at !== 'string' || typeof s.sites !== 'object' || s.sites === null || Array.isArray(s.sites)) throw new ProbeInputError(`${name}: malformed sample`);
    if (!Object.values(s.sites).every((v) => typeof v === 'number' && finite(v)) || !finite(s.goroutines) || !finite(s.heapInuse)) throw new ProbeInputError(`${name}: a sample holds a count that is not a number`);
  }
  for (const i of d.siteInfo) {
    if (!i || typeof i !== 'object' || typeof i.key !== 'string' || typeof i.function !== 'string' || typeof i.file !== 'string' || typeof i.line !== 'number' || !Array.isArray(i.stack)) throw new ProbeInputError(`${name}: malformed site`);
  }
  if (d.heapProfiles !== undefined) {
    const frames = (x: unknown) => Array.isArray(x) && x.length <= 64 && x.every((f) => f && typeof f === 'object' && typeof f.function === 'string' && typeof f.file === 'string' && typeof f.line === 'number');
    const ok = Array.isArray(d.heapProfiles) && d.heapProfiles.length <= 2 && d.heapProfiles.every((h) => h && typeof h === 'object' && typeof h.at === 'string' && finite(h.inuseBytes) && finite(h.allocBytes)
      && Array.isArray(h.sites) && h.sites.length <= LIMITS.maxHeapSites * 2
      && h.sites.every((x) => x && typeof x === 'object' && typeof x.key === 'string' && typeof x.function === 'string' && typeof x.file === 'string' && typeof x.line === 'number' && finite(x.inuseBytes) && finite(x.allocBytes) && frames(x.stack)));
    if (!ok) throw new ProbeInputError(`${name}: malformed heap profiles`);
  }
  if (d.listen !== undefined && !(d.listen && typeof d.listen === 'object' && typeof d.listen.port === 'number' && Array.isArray(d.listen.addresses) && d.listen.addresses.length <= 64 && d.listen.addresses.every((a) => typeof a === 'string' && a.length <= 64))) {
    throw new ProbeInputError(`${name}: malformed listening addresses`);
  }
  return { blocked: [], gauges: {}, endpoints: [], diagnostics: [], ...d } as ProbeRun;
}

export async function collect(o: ProbeOptions): Promise<ProbeRun> {
  if (isUrl(o.target)) {
    return collectLive({ url: o.target, durationMs: o.durationMs ?? 30_000, intervalMs: o.intervalMs ?? 5_000, metricsUrl: o.metricsUrl, expvarUrl: o.expvarUrl, onSample: o.onSample, afterSample: o.afterSample });
  }
  let st: fs.Stats;
  try {
    st = fs.statSync(o.target);
  } catch {
    throw new ProbeInputError(`${o.target}: no such file or directory, and not an http(s) URL`);
  }
  if (st.isFile() && o.target.endsWith('.json')) {
    if (st.size > LIMITS.maxBodyBytes) throw new ProbeInputError(`${o.target}: ${st.size} bytes, more than the ${LIMITS.maxBodyBytes} read`);
    const head = fs.readFileSync(o.target, 'utf8');
    if (/"siteInfo"\s*:/.test(head)) return parseSavedRun(head, path.basename(o.target));
  }
  return collectOffline(o.target);
}

export async function staticFindingsOf(repo: string): Promise<Finding[]> {
  const { config } = loadConfig(repo, {});
  const report = await runAudit({ target: repo, config, contextLines: 0 });
  return report.findings.filter((f) => !f.suppressed);
}

export async function analyze(run: ProbeRun, o: Omit<ProbeOptions, 'target'>): Promise<ProbeReport> {
  const opts: AnalyzeOptions = { leakThreshold: o.leakThreshold, blockedMinutes: o.blockedMinutes };
  if (o.repo) {
    if (!fs.existsSync(o.repo) || !fs.statSync(o.repo).isDirectory()) throw new ProbeInputError(`--repo ${o.repo}: not a directory`);
    opts.repo = new RepoIndex(path.resolve(o.repo));
    opts.staticFindings = o.staticFindings ?? (await staticFindingsOf(o.repo));
  }
  return analyzeRun(run, opts);
}

export async function runProbe(o: ProbeOptions): Promise<{ run: ProbeRun; report: ProbeReport }> {
  const run = await collect(o);
  return { run, report: await analyze(run, o) };
}

/**
 * `audit --probe` and a survey line's `probe=`: probes the service (or reads saved profiles) and
 * merges the evidence into the audit report. A probe that cannot run (ProbeInputError) leaves the
 * audit as it is, with the reason in `probe.error`; other errors propagate.
 */
export async function auditWithRuntimeEvidence(report: Report, repo: string, target: string, o: { durationMs: number; intervalMs: number; failOn?: Severity; minScore?: number }): Promise<{ report: Report; error?: string }> {
  try {
    const run = await collect({ target, durationMs: o.durationMs, intervalMs: o.intervalMs });
    const probe = await analyze(run, { repo, staticFindings: report.findings.filter((f) => !f.suppressed) });
    return { report: mergeProbeIntoReport(report, probe, o.failOn, o.minScore) };
  } catch (e) {
    if (!(e instanceof ProbeInputError)) throw e;
    return { report: { ...report, probe: { target, samples: 0, goroutines: { start: 0, end: 0, peak: 0 }, sites: 0, leakSuspects: 0, confirmed: 0, added: 0, error: e.message } }, error: e.message };
  }
}
