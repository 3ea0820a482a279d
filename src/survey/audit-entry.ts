/**
 * One survey entry, the same for a local survey and a queue worker: audited, or reused when its commit
 * is unchanged since an audit made with the same tool version and options (audited after all when that
 * audit is gone), and the result recorded. What to do with a failure is the caller's policy.
 */
import os from 'node:os';
import { toolVersion } from '../core/tool-package.js';
import type { HistoryStore } from '../store/types.js';
import type { AuditExecutor } from './executor.js';
import type { AuditJob } from './job.js';

export type EntryOutcome =
  | { status: 'unchanged' | 'audited'; auditId: number }
  | { status: 'failed'; error: string }
  /** Only if a forced audit came back "unchanged": nothing recorded. */
  | { status: 'none' };

export async function auditEntry(
  store: HistoryStore, executor: AuditExecutor, at: { surveyId: number; repoId: number; optionsHash: string },
  jobFor: (force: boolean) => Promise<AuditJob>,
): Promise<EntryOutcome> {
  let result = await executor.run(await jobFor(false));
  if (result.status === 'unchanged') {
    const auditId = result.checkout.commit ? await store.recordReuse(at.surveyId, at.repoId, result.checkout.commit, toolVersion(), at.optionsHash) : undefined;
    if (auditId !== undefined) return { status: 'unchanged', auditId };
    result = await executor.run(await jobFor(true));
  }
  if (result.status === 'audited') return { status: 'audited', auditId: (await store.recordAudit(at.surveyId, at.repoId, result.record)).auditId };
  if (result.status === 'failed') return { status: 'failed', error: result.error };
  return { status: 'none' };
}

/** Worker threads each audit may use: the machine's cores shared among the executor's parallel audits. */
export function innerJobsFor(executor: AuditExecutor): number {
  return Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, executor.concurrency)));
}
