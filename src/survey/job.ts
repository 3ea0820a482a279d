/**
 * The job boundary of a survey: one job = one repository audit, one result = one row set.
 * Both are plain JSON, carry everything they need (no database handle, no shared state), so the
 * local process pool can be swapped for a distributed queue: a remote worker runs `runAuditJob`
 * and sends the result back; only the coordinator writes to the store.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadConfig, type CliOverrides } from '../config/config.js';
import { auditWithFindings } from '../audit/run-audit.js';
import { ResultCache } from '../cache/result-cache.js';
import { auditRecordFromReport, type AuditRecord, type CheckoutInfo } from '../store/record.js';
import type { RepoKind } from '../store/store.js';
import { checkoutInfo, fetchShallow } from './git.js';

/** Audit options shared by every repository of a survey (part of the reuse key). */
export interface SurveyAuditOptions {
  cli: CliOverrides;
  noConfig: boolean;
}

export interface AuditJob {
  surveyId: number;
  repoId: number;
  name: string;
  kind: RepoKind;
  location: string;
  ref: string | null;
  options: SurveyAuditOptions;
  optionsHash: string;
  /** Clean commits already audited with the same tool version and options: not audited again. */
  reusableCommits: string[];
  /** Worker threads inside this one audit. */
  innerJobs: number;
  /** Where git URLs are fetched. */
  cacheDir: string;
  /** The result cache's directory (absent: no cache). */
  resultCacheDir?: string;
  /** The list line's `probe=`: runtime evidence merged into this audit (as `audit --probe`). */
  probe?: { target: string; durationMs: number; intervalMs: number };
}

export type AuditJobResult =
  | { status: 'audited'; record: AuditRecord }
  | { status: 'unchanged'; checkout: CheckoutInfo }
  | { status: 'failed'; error: string };

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export function hashJson(v: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(v))).digest('hex').slice(0, 16);
}

/** Runs one job: fetch (git URLs), skip an unchanged commit, audit, build the row set. Never throws. */
export async function runAuditJob(job: AuditJob): Promise<AuditJobResult> {
  try {
    const dir = job.kind === 'git' ? await fetchShallow(job.location, job.ref, job.cacheDir) : job.location;
    const info = await checkoutInfo(dir, job.ref);
    if (info.commit && !info.dirty && job.reusableCommits.includes(info.commit)) return { status: 'unchanged', checkout: info };
    const { config, errors } = loadConfig(dir, { noConfig: job.options.noConfig, cli: job.options.cli });
    // the probe's machinery is loaded by a job that probes only; the audit's engine resolves its evidence
    const runtime = job.probe ? (await import('../probe/evidence.js')).runtimeEvidence(job.probe.target, job.probe) : undefined;
    const { report, repo } = await auditWithFindings({
      target: dir,
      config,
      jobs: job.innerJobs,
      cache: job.resultCacheDir ? new ResultCache(job.resultCacheDir) : undefined,
      preDiagnostics: errors.map((message) => ({ level: 'error' as const, code: 'config-error', message })),
      evidence: runtime,
    });
    const withProbe = runtime ? (await (await import('../probe/run-probe.js')).joinRuntimeEvidence(report, dir, repo, config)).report : report;
    withProbe.target = { name: job.name, path: job.kind === 'git' ? job.location : path.resolve(dir) };
    return { status: 'audited', record: auditRecordFromReport(withProbe, info, job.optionsHash) };
  } catch (e) {
    return { status: 'failed', error: (e as Error).message || String(e) };
  }
}
