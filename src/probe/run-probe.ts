/** One probe: collect (live or offline) → locate in the repository → static audit → analyse. */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/types.js';
import { loadConfig } from '../config/config.js';
import { runAudit } from '../audit/run-audit.js';
import { analyzeRun, CONFIRMABLE_RULES, EXPOSURE_RULES, type AnalyzeOptions } from './analyze.js';
import { collect, ProbeInputError, type CollectOptions } from './collect.js';
import { RepoIndex } from './locate.js';
import type { ProbeReport, ProbeRun } from './model.js';
import { mergeProbeIntoReport, type MergeConfig } from './merge-audit.js';
import type { Report } from '../report/model.js';
import { PROBE_EVIDENCE, runtimeEvidence } from './evidence.js';
import { RepoFacts } from '../facts/repo-facts.js';
import { ProviderRegistry } from '../facts/fact-provider.js';

export { collect, isUrl, parseSavedRun } from './collect.js';

export interface ProbeOptions extends CollectOptions {
  repo?: string;
  leakThreshold?: number;
  blockedMinutes?: number;
  /** Static findings to join with (else the repository is audited when `repo` is given). */
  staticFindings?: Finding[];
}

/**
 * The static findings a probe joins with: the repository's own configuration plus every rule the
 * probe can confirm, experimental ones included (they are off by default for their blind precision;
 * a runtime confirmation is the evidence they lack on their own, and only confirmed ones are reported).
 */
export async function staticFindingsOf(repo: string): Promise<Finding[]> {
  const { config } = loadConfig(repo, { cli: { enable: [...CONFIRMABLE_RULES, ...EXPOSURE_RULES] } });
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
 * `audit --probe` and a survey line's `probe=`: judges the audit report with the runtime evidence
 * the engine resolved (`facts`, audited with `runtimeEvidence(...)`) and merges it under the
 * audit's `config` (its gate, disabled rules and severity overrides). A probe that cannot run
 * (ProbeInputError) leaves the audit as it is, with the reason in `probe.error`; other errors propagate.
 */
export async function joinRuntimeEvidence(report: Report, repo: string, facts: RepoFacts, config: MergeConfig): Promise<{ report: Report; error?: string }> {
  const ev = facts.declaring('runtime join', [PROBE_EVIDENCE], () => facts.fact(PROBE_EVIDENCE));
  if (!ev) return { report };
  try {
    if (!ev.run) throw new ProbeInputError(ev.error ?? `${ev.target}: nothing probed`);
    const probe = await analyze(ev.run, { repo, staticFindings: report.findings.filter((f) => !f.suppressed) });
    return { report: mergeProbeIntoReport(report, probe, config) };
  } catch (e) {
    if (!(e instanceof ProbeInputError)) throw e;
    return { report: { ...report, probe: { target: ev.target, samples: 0, goroutines: { start: 0, end: 0, peak: 0 }, sites: 0, leakSuspects: 0, confirmed: 0, added: 0, error: e.message } }, error: e.message };
  }
}

/** `joinRuntimeEvidence` for a report audited without the evidence: its provider is resolved on its own. */
export async function auditWithRuntimeEvidence(report: Report, repo: string, target: string, config: MergeConfig, o: { durationMs: number; intervalMs: number }): Promise<{ report: Report; error?: string }> {
  const evidence = runtimeEvidence(target, o);
  const facts = new RepoFacts(path.resolve(repo), [], [], []);
  facts.providers = new ProviderRegistry(evidence.providers);
  facts.evidence = evidence.given;
  await facts.resolve(PROBE_EVIDENCE);
  return joinRuntimeEvidence(report, repo, facts, config);
}
