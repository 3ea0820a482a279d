/**
 * The job queue of a distributed survey: pg-boss (a maintained PostgreSQL queue library) in the
 * survey's own database, schema `pgboss`. One job per (survey, repository, round), its id derived
 * from those three, so enqueueing twice (two coordinators, a restarted one) adds nothing. A job
 * is leased to one worker: the worker's heartbeat keeps it; a worker that dies stops beating and
 * the job goes back to the queue when its lease (heartbeat interval) expires. A job that failed
 * `attempts` times goes to the dead-letter queue, where a worker records it as failed.
 */
import { createHash } from 'node:crypto';
import { PgBoss, type Job } from 'pg-boss';
import { redactSecrets } from '../store/db-url.js';

export const AUDIT_QUEUE = 'goready-audit';
export const DEAD_QUEUE = 'goready-audit-dead';

export interface AuditJobData {
  surveyId: number;
  repoId: number;
  round: number;
  /** Audit even an unchanged commit (survey --force); not part of the job id. */
  force?: boolean;
}

export interface EnqueueOptions {
  /** Tries per repository, including the first (default 3). */
  attempts: number;
  /** A worker that sends no heartbeat for this long has lost its job (default 60, at least 10). */
  leaseSeconds: number;
  /** The longest one audit may run (default 3600). */
  timeoutSeconds: number;
}

export const DEFAULT_ENQUEUE: EnqueueOptions = { attempts: 3, leaseSeconds: 60, timeoutSeconds: 3600 };

/** A stable UUID for a job: the same survey, repository and round always give the same id. */
export function jobId(d: Pick<AuditJobData, 'surveyId' | 'repoId' | 'round'>): string {
  const h = createHash('sha256').update(`goready-audit:${d.surveyId}:${d.repoId}:${d.round}`).digest('hex');
  // shaped as a version-5-style UUID (pg-boss ids are UUIDs)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export type QueueJob = Job<AuditJobData> & { retryCount: number; retryLimit: number };

export class AuditQueue {
  private constructor(readonly boss: PgBoss) {}

  /** Connects, installs or upgrades pg-boss's schema, and creates the two queues when missing. */
  static async open(url: string, opts: { onError?: (message: string) => void; max?: number } = {}): Promise<AuditQueue> {
    // the supervisor (one at a time, under pg-boss's advisory lock) hands back jobs whose heartbeat
    // stopped: every 5 s, so a lost job waits its lease plus at most 5 s. pg-boss fails stale
    // heartbeats in its monitor pass, which a supervise tick runs only once the queue's monitor
    // interval (default 60 s) has passed: that interval is 5 s too, else a lost job waited up to a minute more
    const boss = new PgBoss({ connectionString: url, max: opts.max ?? 4, schema: 'pgboss', superviseIntervalSeconds: 5, monitorIntervalSeconds: 5 });
    // connection errors while the server restarts are reported and retried by pg-boss itself
    boss.on('error', (e: Error) => opts.onError?.(redactSecrets(e.message)));
    try {
      await boss.start();
      const have = new Set((await boss.getQueues()).map((q) => q.name));
      if (!have.has(DEAD_QUEUE)) await boss.createQueue(DEAD_QUEUE, { retryLimit: 5, retryDelay: 5 });
      if (!have.has(AUDIT_QUEUE)) await boss.createQueue(AUDIT_QUEUE, { deadLetter: DEAD_QUEUE });
    } catch (e) {
      await boss.stop({ graceful: false, close: true }).catch(() => {});
      throw new Error(redactSecrets(`job queue: ${(e as Error).message}`));
    }
    return new AuditQueue(boss);
  }

  /** Enqueues one job per entry (ids derived from survey/repo/round: already queued ones are kept). */
  async enqueue(jobs: AuditJobData[], o: EnqueueOptions = DEFAULT_ENQUEUE): Promise<void> {
    for (let i = 0; i < jobs.length; i += 1000) {
      const batch = jobs.slice(i, i + 1000);
      // A job that ended (completed, failed, cancelled) while its entry is still pending was lost
      // (its result never recorded): it is replaced by a new one under the same id. An entry
      // recorded meanwhile makes the new job a no-op (the worker checks the entry first).
      await this.boss.getDb().executeSql(`DELETE FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[]) AND state IN ('completed', 'failed', 'cancelled')`,
        [AUDIT_QUEUE, batch.map(jobId)]);
      await this.boss.insert(AUDIT_QUEUE, batch.map((data) => ({
        id: jobId(data), data, retryLimit: Math.max(0, o.attempts - 1), retryDelay: 2, retryBackoff: true, retryDelayMax: 60,
        heartbeatSeconds: Math.max(10, o.leaseSeconds), expireInSeconds: o.timeoutSeconds, deadLetter: DEAD_QUEUE,
      })));
    }
  }

  /** Queued, retrying or running jobs of the audit and dead-letter queues, counted now (not from pg-boss's stats cache). */
  async outstanding(): Promise<number> {
    const r = await this.boss.getDb().executeSql(
      "SELECT COUNT(*)::int AS n FROM pgboss.job WHERE name = ANY($1::text[]) AND state IN ('created', 'retry', 'active')", [[AUDIT_QUEUE, DEAD_QUEUE]]);
    return (r.rows[0] as { n: number }).n;
  }

  async stop(graceMs = 0): Promise<void> {
    await this.boss.stop({ graceful: graceMs > 0, timeout: graceMs, close: true }).catch(() => {});
  }
}
