/**
 * Distributed surveys (--db postgres://…): `goready survey` as coordinator (enqueue, optionally
 * work, follow until complete) and `goready worker` (take jobs until stopped). PostgreSQL is both
 * the store and the job queue; any number of workers on any machines.
 */
import os from 'node:os';
import path from 'node:path';
import { redactSecrets } from '../store/db-url.js';
import { cacheDir } from '../store/paths.js';
import { defaultCacheDir as defaultResultCacheDir } from '../cache/result-cache.js';
import type { EntryRow, HistoryStore } from '../store/types.js';
import { ChildProcessExecutor } from '../survey/executor.js';
import { enqueueSurvey, followSurvey, settledEntries } from '../survey/distributed.js';
import { readSurveyList } from '../survey/list.js';
import { AuditQueue, DEFAULT_ENQUEUE } from '../survey/queue.js';
import { QueueWorker, type WorkerEvent } from '../survey/queue-worker.js';
import { EXIT_INTERRUPTED, UsageError } from './errors.js';
import type { SurveyFlags } from './fleet-commands.js';
import { openStore, positiveInt } from './open-store.js';
import { createSurveyProgress, formatDuration } from './survey-progress.js';
import { printSurveySummary, surveyAuditOptions } from './survey-summary.js';

const cores = () => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/** Queue errors (the server restarting, say) are reported once per distinct message and minute, password-free. */
function errorReporter(prefix: string, quiet?: boolean): (message: string) => void {
  const last = new Map<string, number>();
  return (message) => {
    if (quiet) return;
    const t = last.get(message);
    if (t !== undefined && Date.now() - t < 60_000) return;
    last.set(message, Date.now());
    process.stderr.write(`${prefix}: ${redactSecrets(message)} (retrying)\n`);
  };
}

function auditDetail(store: HistoryStore, e: EntryRow): Promise<string | undefined> {
  if (e.auditId === null) return Promise.resolve(undefined);
  return store.audit(e.auditId).then((a) => a && `score ${a.overall ?? '—'} ${a.grade}, ${a.findingsActive} findings${a.commit ? ` @${a.commit.slice(0, 12)}` : ''}`);
}

export async function distributedSurvey(listArg: string, flags: SurveyFlags): Promise<number> {
  const db = flags.db!;
  const { source, entries } = readSurveyList(listArg);
  // workers run elsewhere: a service on this machine's loopback (or a local profile directory) is not theirs to probe
  const probed = entries.filter((e) => e.probe).map((e) => e.name);
  if (probed.length) throw new UsageError(`probe= (${probed.slice(0, 3).join(', ')}${probed.length > 3 ? ', …' : ''}): runtime evidence is taken by a local survey only, not by a distributed one (--db postgres://…)`);
  const enqueueOptions = {
    attempts: positiveInt(flags.attempts, '--attempts', 1, 100) ?? DEFAULT_ENQUEUE.attempts,
    leaseSeconds: positiveInt(flags.leaseSeconds, '--lease-seconds', 10, 86_400) ?? DEFAULT_ENQUEUE.leaseSeconds,
    timeoutSeconds: positiveInt(flags.timeoutSeconds, '--timeout-seconds', 10, 86_400) ?? DEFAULT_ENQUEUE.timeoutSeconds,
    force: flags.force,
  };
  if (flags.detach && flags.work) throw new UsageError('--detach needs --no-work (a coordinator that works stays until the survey is complete)');
  const jobs = positiveInt(flags.jobs, '--jobs', 1, 64) ?? cores();
  const resumeId = positiveInt(flags.resume, '--resume');
  const quiet = flags.quiet;
  const store = await openStore(db, { quiet });
  let queue: AuditQueue | undefined;
  let executor: ChildProcessExecutor | undefined;
  let worker: QueueWorker | undefined;
  let aborted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (aborted) process.exit(EXIT_INTERRUPTED);
    aborted = true;
    process.stderr.write(`\ngoready: ${sig}: stopping; the survey's jobs stay queued for the workers (run the same command again to follow it)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    queue = await AuditQueue.open(db, { onError: errorReporter('goready: job queue', quiet) });
    const { survey, resumed, enqueued } = await enqueueSurvey({
      store, source, entries, name: flags.name, options: surveyAuditOptions(flags), fresh: flags.new, resumeId,
    }, queue, enqueueOptions);
    if (!quiet) {
      process.stderr.write(`goready: survey #${survey.id} "${survey.name}" in ${store.label}: ${survey.total} repos, ${enqueued} jobs enqueued` +
        `${resumed ? ` (joined: ${survey.done} already done)` : ''}${flags.work ? `; working with ${jobs} audits at once` : '; waiting for workers (goready worker --db …)'}\n`);
    }
    if (flags.detach) {
      process.stdout.write(`survey #${survey.id}: ${enqueued} jobs enqueued for the workers\n` +
        `follow:  goready survey ${listArg} --db ${redactSecrets(db)} --no-work\nreport:  goready report --survey ${survey.id} --db ${redactSecrets(db)}\n`);
      return 0;
    }
    const mode = quiet || !flags.progress ? 'off' : process.stderr.isTTY ? 'tty' : 'lines';
    const progress = createSurveyProgress(mode);
    const seen = new Set((await settledEntries(store, survey.id)).map((e) => e.repoId));
    progress.event({ type: 'start', survey, resumed, toRun: survey.total - seen.size, total: survey.total, alreadyDone: seen.size });
    let local = 0;
    if (flags.work) {
      executor = new ChildProcessExecutor(Math.min(jobs, Math.max(1, entries.length)));
      worker = new QueueWorker({
        store, queue, executor, cacheDir: flags.cacheDir ? path.resolve(flags.cacheDir) : cacheDir(),
        resultCacheDir: flags.resultCache === false ? undefined : defaultResultCacheDir(),
        onEvent: (e) => {
          if (e.entry.surveyId !== survey.id) return;
          if (e.type === 'job-start') progress.event({ type: 'job-start', entry: e.entry });
          else if (e.status === 'audited' || e.status === 'unchanged') local++;
        },
      });
      await worker.start();
    }
    const { finished } = await followSurvey(store, survey.id, {
      seen, stopped: () => aborted,
      onSettled: async (e) => {
        const audit = e.auditId !== null ? await store.audit(e.auditId) : undefined;
        progress.event({ type: 'job-done', entry: e, status: e.status === 'failed' ? 'failed' : e.reused ? 'unchanged' : 'audited', audit, error: e.error ?? undefined, ms: audit?.durationMs ?? 0 },
          await auditDetail(store, e));
      },
    });
    progress.done();
    if (!finished) {
      const s = (await store.survey(survey.id))!;
      process.stderr.write(`goready: survey #${s.id}: ${s.done}/${s.total} done so far; its remaining jobs stay queued\n`);
      return EXIT_INTERRUPTED;
    }
    const report = await printSurveySummary(store, survey.id, { format: flags.format, db }, `this run: ${enqueued} jobs enqueued${flags.work ? `, ${local} audited by this process` : ''}`);
    return report.survey.failed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // jobs of other surveys this process took are finished (or handed back when interrupted)
    await worker?.stop(aborted ? 0 : 600_000);
    await executor?.close();
    await queue?.stop(10_000);
    await store.close();
  }
}

function workerLine(e: WorkerEvent): string {
  const where = `${e.entry.name} (survey #${e.entry.surveyId})`;
  if (e.type === 'job-start') return `start ${where}${e.attempt > 1 ? `, attempt ${e.attempt}` : ''}`;
  const what = e.status === 'audited' ? `audited${e.audit ? `: score ${e.audit.overall ?? '—'} ${e.audit.grade}, ${e.audit.findingsActive} findings` : ''}`
    : e.status === 'unchanged' ? 'unchanged commit, earlier audit reused'
      : e.status === 'retry' ? `failed, will be retried: ${e.error}`
        : e.status === 'handed-back' ? 'stopped, handed back to the queue'
          : `FAILED: ${e.error}`;
  return `${e.status === 'failed' ? 'fail' : 'done'} ${where}: ${what} (${formatDuration(e.ms)})`;
}

export async function workerCommand(flags: { db: string; concurrency?: string; cacheDir?: string; resultCache?: boolean; graceSeconds?: string; exitWhenIdle?: boolean; quiet?: boolean }): Promise<number> {
  const { isPostgresUrl } = await import('../store/db-url.js');
  if (!isPostgresUrl(flags.db)) throw new UsageError('goready worker needs --db postgres://… (the survey database and job queue)');
  const concurrency = positiveInt(flags.concurrency, '--concurrency', 1, 64) ?? cores();
  const graceMs = (positiveInt(flags.graceSeconds, '--grace-seconds', 0, 86_400) ?? 600) * 1000;
  const log = (line: string) => { if (!flags.quiet) process.stderr.write(`goready worker ${process.pid}: ${line}\n`); };
  const store = await openStore(flags.db, { quiet: true });
  let queue: AuditQueue | undefined;
  const executor = new ChildProcessExecutor(concurrency);
  let signals = 0;
  let stop!: (why: string) => void;
  const stopped = new Promise<string>((resolve) => { stop = resolve; });
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      log(`${sig}: taking no new jobs; running audits finish (up to ${graceMs / 1000}s) or are handed back`);
      stop(sig);
    } else {
      log(`${sig} again: handing running jobs back now`);
      void executor.close();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let idleTimer: NodeJS.Timeout | undefined;
  try {
    queue = await AuditQueue.open(flags.db, { onError: errorReporter(`goready worker ${process.pid}: job queue`, flags.quiet) });
    const worker = new QueueWorker({
      store, queue, executor, cacheDir: flags.cacheDir ? path.resolve(flags.cacheDir) : cacheDir(),
      resultCacheDir: flags.resultCache === false ? undefined : defaultResultCacheDir(),
      onEvent: (e) => log(workerLine(e)),
    });
    await worker.start();
    log(`taking jobs from ${store.label}, ${concurrency} at once`);
    if (flags.exitWhenIdle) {
      const q = queue;
      const check = async () => {
        try {
          if (!worker.busy && (await q.outstanding()) === 0 && !worker.busy) { stop('idle'); return; }
        } catch { /* the server is restarting: ask again */ }
        idleTimer = setTimeout(() => { void check(); }, 2000);
      };
      idleTimer = setTimeout(() => { void check(); }, 2000);
    }
    const why = await stopped;
    if (idleTimer) clearTimeout(idleTimer);
    await worker.stop(why === 'idle' ? 0 : graceMs);
    log('stopped');
    return 0;
  } finally {
    if (idleTimer) clearTimeout(idleTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await executor.close();
    await queue?.stop(10_000);
    await store.close();
  }
}
