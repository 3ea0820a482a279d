/**
 * A worker of distributed surveys: takes audit jobs from the queue, audits each repository in a
 * child process (the local executor), records the result in one transaction. What it records is
 * decided by the store, not by the queue: an entry already done (another worker, an earlier
 * lease) is left alone, so a job delivered twice records nothing twice. A failed audit is retried
 * by the queue until its attempts are used up, then recorded as failed with its error; a job whose
 * worker vanished comes back after its lease and, on its last attempt, ends in the dead-letter
 * queue, which any worker records as failed.
 */
import { auditEntry, innerJobsFor } from './audit-entry.js';
import { toolVersion } from '../core/tool-package.js';
import type { AuditRow, EntryRow, HistoryStore } from '../store/types.js';
import type { AuditExecutor } from './executor.js';
import type { AuditJob, SurveyAuditOptions } from './job.js';
import { AUDIT_QUEUE, DEAD_QUEUE, type AuditQueue, type QueueJob } from './queue.js';

export type WorkerEvent =
  | { type: 'job-start'; entry: EntryRow; attempt: number }
  | { type: 'job-done'; entry: EntryRow; status: 'audited' | 'unchanged' | 'failed' | 'retry' | 'handed-back'; audit?: AuditRow; error?: string; ms: number };

export interface QueueWorkerOptions {
  store: HistoryStore;
  queue: AuditQueue;
  executor: AuditExecutor;
  cacheDir: string;
  /** The result cache's directory for the audits (none: every audit is cold). */
  resultCacheDir?: string;
  /** Worker threads per audit (default: cores / concurrency, at least 1). */
  innerJobs?: number;
  onEvent?: (e: WorkerEvent) => void;
}

export class QueueWorker {
  private inFlight = 0;
  private stopping = false;
  private settled: (() => void)[] = [];
  private readonly surveys = new Map<number, { options: SurveyAuditOptions; optionsHash: string }>();

  constructor(private readonly o: QueueWorkerOptions) {}

  get busy(): number {
    return this.inFlight;
  }

  async start(): Promise<void> {
    const { boss } = this.o.queue;
    const concurrency = this.o.executor.concurrency;
    await boss.work<QueueJob['data']>(AUDIT_QUEUE, { localConcurrency: concurrency, batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
      async ([job]) => this.track(() => this.audit(job as unknown as QueueJob)));
    await boss.work<QueueJob['data']>(DEAD_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 2 },
      async ([job]) => this.track(() => this.giveUp(job as unknown as QueueJob)));
  }

  private async track<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
      if (!this.inFlight) for (const r of this.settled.splice(0)) r();
    }
  }

  private async surveyOf(id: number): Promise<{ options: SurveyAuditOptions; optionsHash: string } | undefined> {
    let s = this.surveys.get(id);
    if (!s) {
      const row = await this.o.store.survey(id);
      if (!row) return undefined;
      s = { options: row.options as unknown as SurveyAuditOptions, optionsHash: row.optionsHash };
      this.surveys.set(id, s);
    }
    return s;
  }

  private async audit(job: QueueJob): Promise<void> {
    const { store, executor } = this.o;
    const d = job.data;
    const entry = await store.entry(d.surveyId, d.repoId);
    // done by someone else, or a job of an earlier round: nothing to do
    if (!entry || entry.status !== 'pending' || entry.round !== d.round) return;
    const survey = await this.surveyOf(d.surveyId);
    if (!survey) return;
    const t0 = Date.now();
    this.o.onEvent?.({ type: 'job-start', entry, attempt: job.retryCount + 1 });
    const jobFor = async (force: boolean): Promise<AuditJob> => ({
      surveyId: d.surveyId, repoId: entry.repoId, name: entry.name, kind: entry.kind, location: entry.location, ref: entry.ref,
      options: survey.options, optionsHash: survey.optionsHash,
      reusableCommits: force || d.force ? [] : await store.reusableCommits(entry.repoId, toolVersion(), survey.optionsHash),
      innerJobs: this.o.innerJobs ?? innerJobsFor(executor), cacheDir: this.o.cacheDir, resultCacheDir: this.o.resultCacheDir,
    });
    const result = await auditEntry(store, executor, { surveyId: d.surveyId, repoId: entry.repoId, optionsHash: survey.optionsHash }, jobFor);
    if (result.status === 'unchanged' || result.status === 'audited') {
      await store.finishIfComplete(d.surveyId);
      this.o.onEvent?.({ type: 'job-done', entry, status: result.status, audit: await store.audit(result.auditId), ms: Date.now() - t0 });
      return;
    }
    if (result.status !== 'failed') return;
    if (this.stopping) {
      // cut short by SIGTERM: the job goes back to the queue (thrown: pg-boss retries it)
      this.o.onEvent?.({ type: 'job-done', entry, status: 'handed-back', ms: Date.now() - t0 });
      throw new Error('handed back: the worker was stopped');
    }
    if (job.retryCount >= job.retryLimit) {
      await store.recordFailure(d.surveyId, entry.repoId, result.error);
      await store.finishIfComplete(d.surveyId);
      this.o.onEvent?.({ type: 'job-done', entry, status: 'failed', error: result.error, ms: Date.now() - t0 });
      return;
    }
    await store.recordAttempt(d.surveyId, entry.repoId, result.error);
    this.o.onEvent?.({ type: 'job-done', entry, status: 'retry', error: result.error, ms: Date.now() - t0 });
    throw new Error(result.error);
  }

  /** A job whose every attempt ended without a result (workers lost, lease or time limit expired). */
  private async giveUp(job: QueueJob): Promise<void> {
    const { store } = this.o;
    const d = job.data;
    const entry = await store.entry(d.surveyId, d.repoId);
    if (!entry || entry.status !== 'pending' || entry.round !== d.round) return;
    const why = `no result after ${entry.attempts > 0 ? `${entry.attempts} failed attempt(s) and ` : ''}its lease or time limit expired on every try (worker lost or audit too slow)`;
    await store.recordFailure(d.surveyId, entry.repoId, entry.error ? `${why}; last error: ${entry.error}` : why);
    await store.finishIfComplete(d.surveyId);
    this.o.onEvent?.({ type: 'job-done', entry, status: 'failed', error: why, ms: 0 });
  }

  /**
   * Stops taking jobs; lets the running ones finish for up to `graceMs`, then stops their audits
   * (those jobs are handed back to the queue). Resolves when no handler runs any more.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const { boss } = this.o.queue;
    await Promise.all([AUDIT_QUEUE, DEAD_QUEUE].map((q) => boss.offWork(q, { wait: false }).catch(() => {})));
    const idle = () => new Promise<void>((resolve) => { if (!this.inFlight) resolve(); else this.settled.push(resolve); });
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace'>((resolve) => { timer = setTimeout(() => resolve('grace'), graceMs); });
    const first = await Promise.race([idle().then(() => 'idle' as const), graceOver]);
    clearTimeout(timer);
    if (first === 'grace') {
      await this.o.executor.close();
      await idle();
    }
  }
}
