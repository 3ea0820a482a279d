/**
 * The coordinator side of a distributed survey (PostgreSQL store and queue): open or join the
 * survey, enqueue one job per pending entry, then follow the survey in the store until every
 * entry is done or failed. Workers (queue-worker.ts), here or on other machines, do the audits.
 */
import type { EntryRow, HistoryStore, SurveyRow } from '../store/types.js';
import { openSurvey, type SurveyTarget } from './run-survey.js';
import type { AuditQueue, EnqueueOptions } from './queue.js';

export interface EnqueuedSurvey {
  survey: SurveyRow;
  resumed: boolean;
  /** Jobs handed to the queue (already queued ones are not added twice). */
  enqueued: number;
}

/**
 * Opens (or joins) the survey and enqueues its pending entries. With `resumeId`, failed entries
 * get another round of attempts first. Safe to run from several coordinators at once: they share
 * the survey (findOrCreateSurvey) and job ids are derived from survey, repository and round.
 */
export async function enqueueSurvey(target: SurveyTarget, queue: AuditQueue, o: EnqueueOptions & { force?: boolean }): Promise<EnqueuedSurvey> {
  const { store } = target;
  const { survey, resumed } = await openSurvey(target);
  if (target.resumeId !== undefined) await store.requeueFailed(survey.id);
  const pending = (await store.unfinishedEntries(survey.id)).filter((e) => e.status === 'pending');
  await queue.enqueue(pending.map((e) => ({ surveyId: survey.id, repoId: e.repoId, round: e.round, ...(o.force ? { force: true } : {}) })), o);
  return { survey: (await store.survey(survey.id))!, resumed, enqueued: pending.length };
}

/** The survey's entries that are no longer pending (done or failed). */
export async function settledEntries(store: HistoryStore, surveyId: number): Promise<EntryRow[]> {
  return (await store.entries(surveyId)).filter((e) => e.status !== 'pending');
}

/**
 * Follows a survey until every entry is settled (or `stopped()`), calling `onSettled` once per
 * entry as it settles. Polls the store: progress made by any worker anywhere shows.
 */
export async function followSurvey(store: HistoryStore, surveyId: number, o: {
  onSettled?: (e: EntryRow) => void | Promise<void>;
  stopped?: () => boolean;
  intervalMs?: number;
  seen?: Set<number>;
}): Promise<{ finished: boolean }> {
  const seen = o.seen ?? new Set<number>();
  for (;;) {
    const entries = await store.entries(surveyId);
    for (const e of entries) {
      if (e.status === 'pending' || seen.has(e.repoId)) continue;
      seen.add(e.repoId);
      await o.onSettled?.(e);
    }
    if (entries.every((e) => e.status !== 'pending')) {
      await store.finishIfComplete(surveyId);
      return { finished: true };
    }
    if (o.stopped?.()) return { finished: false };
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 1000));
  }
}
