/**
 * A survey: create (or resume) its entries in the store, hand one job per unfinished entry to
 * an executor with bounded concurrency, write each result in one transaction as it arrives.
 * Stopping at any point (SIGINT, SIGKILL, crash) loses at most the audits in flight; running the
 * same command again resumes with the entries not yet done.
 */
import { auditEntry, innerJobsFor } from './audit-entry.js';
import { toolVersion } from '../core/tool-package.js';
import { StoreError } from '../store/db.js';
import type { AuditRow, EntryRow, HistoryStore, SurveyEntryInput, SurveyRow } from '../store/types.js';
import type { AuditExecutor } from './executor.js';
import { hashJson, type AuditJob, type SurveyAuditOptions } from './job.js';

export type SurveyEvent =
  | { type: 'start'; survey: SurveyRow; resumed: boolean; toRun: number; total: number; alreadyDone: number }
  | { type: 'job-start'; entry: EntryRow }
  | { type: 'job-done'; entry: EntryRow; status: 'audited' | 'unchanged' | 'failed'; auditId?: number; audit?: AuditRow; error?: string; ms: number };

export interface SurveyRunOptions {
  store: HistoryStore;
  executor: AuditExecutor;
  /** Absolute path of the list file or directory. */
  source: string;
  entries: SurveyEntryInput[];
  name?: string;
  options: SurveyAuditOptions;
  /** Audit again even when the same clean commit was audited before. */
  force?: boolean;
  /** Always start a new survey (no resume). */
  fresh?: boolean;
  /** Resume (or retry the failed entries of) this survey. */
  resumeId?: number;
  cacheDir: string;
  /** The result cache's directory for the audits (none: every audit is cold). */
  resultCacheDir?: string;
  /** Worker threads per audit (default: cores / concurrency, at least 1). */
  innerJobs?: number;
  onEvent?: (e: SurveyEvent) => void;
  /** How long and how often a list line's `probe=` samples its service (default 30 s every 5 s). */
  probeDurationMs?: number;
  probeIntervalMs?: number;
  /** Checked between jobs: when it returns true no new job starts. */
  aborted?: () => boolean;
}

export interface SurveyOutcome {
  surveyId: number;
  resumed: boolean;
  audited: number;
  unchanged: number;
  failed: number;
  finished: boolean;
  interrupted: boolean;
}

export function surveyKeys(entries: SurveyEntryInput[], options: SurveyAuditOptions): { optionsHash: string; sourceHash: string } {
  const optionsHash = hashJson({ tool: toolVersion(), options });
  const sourceHash = hashJson({ entries: entries.map((e) => [e.location, e.name, e.ref ?? null, ...(e.probe ? [e.probe] : [])]), optionsHash });
  return { optionsHash, sourceHash };
}

/** What creating, resuming or finding a survey needs. */
export type SurveyTarget = Pick<SurveyRunOptions, 'store' | 'source' | 'entries' | 'name' | 'options' | 'fresh' | 'resumeId'>;

/**
 * The survey a run works on: the one asked for (--resume, reopened), else the unfinished survey of
 * the same list and options, else a new one. Finding and creating are one atomic step, so two
 * coordinators started at once on the same list share one survey.
 */
export async function openSurvey(o: SurveyTarget): Promise<{ survey: SurveyRow; resumed: boolean }> {
  const { store } = o;
  if (o.resumeId !== undefined) {
    const survey = await store.survey(o.resumeId);
    if (!survey) throw new StoreError(`no survey #${o.resumeId}`);
    await store.reopen(survey.id);
    return { survey: (await store.survey(survey.id))!, resumed: true };
  }
  const { optionsHash, sourceHash } = surveyKeys(o.entries, o.options);
  const input = {
    name: o.name ?? `${o.source.split(/[/\\]/).pop()} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
    source: o.source, sourceHash, optionsHash, options: o.options as unknown as Record<string, unknown>, toolVersion: toolVersion(), entries: o.entries,
  };
  const { id, created } = o.fresh ? { id: await store.createSurvey(input), created: true } : await store.findOrCreateSurvey(input);
  return { survey: (await store.survey(id))!, resumed: !created };
}

export async function runSurvey(o: SurveyRunOptions): Promise<SurveyOutcome> {
  const { store, executor } = o;
  let { survey, resumed } = await openSurvey(o);
  const surveyId = survey.id;
  await store.acquire(surveyId);
  const outcome: SurveyOutcome = { surveyId, resumed, audited: 0, unchanged: 0, failed: 0, finished: false, interrupted: false };
  try {
    const todo = await store.unfinishedEntries(surveyId);
    survey = (await store.survey(surveyId))!;
    o.onEvent?.({ type: 'start', survey, resumed, toRun: todo.length, total: survey.total, alreadyDone: survey.done });
    const innerJobs = o.innerJobs ?? innerJobsFor(executor);
    const surveyOptionsHash = survey.optionsHash;
    // `probe=` targets come from the list, not the store: runtime evidence is taken anew on every run
    const probes = new Map(o.entries.filter((e) => e.probe).map((e) => [e.location, e.probe!]));
    const jobFor = async (e: EntryRow, force: boolean): Promise<AuditJob> => {
      const probe = probes.get(e.location);
      return {
        surveyId, repoId: e.repoId, name: e.name, kind: e.kind, location: e.location, ref: e.ref,
        options: o.options, optionsHash: surveyOptionsHash,
        reusableCommits: force || probe ? [] : await store.reusableCommits(e.repoId, toolVersion(), surveyOptionsHash),
        innerJobs, cacheDir: o.cacheDir, resultCacheDir: o.resultCacheDir,
        ...(probe ? { probe: { target: probe, durationMs: o.probeDurationMs ?? 30_000, intervalMs: o.probeIntervalMs ?? 5_000 } } : {}),
      };
    };
    let next = 0;
    const lane = async () => {
      while (next < todo.length && !o.aborted?.()) {
        const entry = todo[next++]!;
        const t0 = Date.now();
        o.onEvent?.({ type: 'job-start', entry });
        const result = await auditEntry(store, executor, { surveyId, repoId: entry.repoId, optionsHash: surveyOptionsHash }, (force) => jobFor(entry, force || !!o.force));
        if (result.status === 'unchanged' || result.status === 'audited') {
          outcome[result.status]++;
          o.onEvent?.({ type: 'job-done', entry, status: result.status, auditId: result.auditId, audit: await store.audit(result.auditId), ms: Date.now() - t0 });
        } else if (result.status === 'failed') {
          // a job cut short by an interruption stays pending (it is retried on resume)
          if (o.aborted?.()) continue;
          await store.recordFailure(surveyId, entry.repoId, result.error);
          outcome.failed++;
          o.onEvent?.({ type: 'job-done', entry, status: 'failed', error: result.error, ms: Date.now() - t0 });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.concurrency, todo.length)) }, lane));
    outcome.interrupted = !!o.aborted?.();
    outcome.finished = !outcome.interrupted && await store.finishIfComplete(surveyId);
  } finally {
    await store.release(surveyId);
  }
  return outcome;
}
