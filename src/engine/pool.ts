/**
 * Runs file analysis across worker threads with dynamic batching (or in-process for small
 * inputs). Each file has a time budget: rules are stopped cooperatively at the budget (see
 * analyzeFile); a worker still busy with one file at the hard budget (twice the budget, at least
 * one second more) is terminated, the file is reported as a `file-timeout` diagnostic, the rest of
 * its batch is queued again and a fresh worker takes its place. A watchdog guards against a stalled
 * pool: when no worker says anything for `stallMs`, the workers are stopped and the unfinished
 * files are analysed in-process. A worker that runs out of heap (its old-generation limit, `workerHeapMb`) is
 * handled like one stopped at the hard budget: the file it was analysing is reported as a `file-out-of-memory`
 * diagnostic and never analysed again (no loop), the rest of its batch is queued again, a fresh worker starts.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileRule } from '../rules/define-rule.js';
import { getGoParser } from '../go/parser.js';
import { analyzeFile, roleOf, DEFAULT_FILE_BUDGET_MS, fileTimeoutDiagnostic, type AnalyzeRequest, type AnalyzeResult } from './analyze-file.js';
import type { WorkerMessage } from './worker.js';
import type { Diagnostic } from '../core/types.js';
import { callSitesFromText } from '../facts/code-facts.js';

export interface RunOptions {
  jobs?: number;
  /** Below this many files analysis runs in-process (worker start-up costs ~100 ms). */
  inProcessBelow?: number;
  onProgress?: (done: number, total: number) => void;
  /** No completed batch for this long means a stalled pool (default 120 s). */
  stallMs?: number;
  /** Told when the pool stalled and the rest ran in-process. */
  onStall?: (pending: number) => void;
  /** Per-file budget in ms (default 10 s), checked by the rules' dispatcher. */
  fileBudgetMs?: number;
  /** A worker busy with one file this long is terminated (default: 2 × budget, at least budget + 1 s). */
  hardBudgetMs?: number;
  /** Old-generation heap limit of each worker thread in MiB (default WORKER_OLD_GENERATION_MB). */
  workerHeapMb?: number;
}

/**
 * The old-generation limit of a worker thread's heap (MiB). A worker keeps little from one file to the next
 * (~15 MB) but makes a lot of garbage, and V8 lets a heap grow up to 4x its live size between full
 * collections when the limit is 2 GiB or more (its default here is ~4 GiB), at most 2x below that: with
 * two workers and the main thread, that headroom was the peak RSS of an audit. Still far above what the
 * analysis of the largest file keeps alive.
 */
export const WORKER_OLD_GENERATION_MB = 2000;

export function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(n, 8));
}

async function inProcess(rules: readonly FileRule[], reqs: AnalyzeRequest[], onDone: (r: AnalyzeResult) => void): Promise<void> {
  const parser = await getGoParser();
  for (const r of reqs) onDone(analyzeFile(parser, rules, r));
}

export async function analyzeAll(rules: readonly FileRule[], reqsIn: AnalyzeRequest[], opts: RunOptions = {}): Promise<AnalyzeResult[]> {
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  const budgetMs = opts.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS;
  const hardMs = opts.hardBudgetMs ?? Math.max(2 * budgetMs, budgetMs + 1000);
  const heapMb = opts.workerHeapMb ?? WORKER_OLD_GENERATION_MB;
  const reqs = reqsIn.map((r) => (r.budgetMs === undefined ? { ...r, budgetMs } : r));
  const total = reqs.length;
  const results: AnalyzeResult[] = [];
  let done = 0;
  const collect = (r: AnalyzeResult) => {
    results.push(r);
    done++;
    opts.onProgress?.(done, total);
  };
  if (jobs === 1 || total < (opts.inProcessBelow ?? 64)) {
    await inProcess(rules, reqs, collect);
    return results;
  }
  const ruleIds = rules.map((r) => r.meta.id);
  const batchSize = Math.max(8, Math.min(64, Math.ceil(total / (jobs * 16))));
  let next = 0;
  /** Files handed back by a terminated worker, analysed before the rest. */
  const requeued: AnalyzeRequest[] = [];
  interface Slot { w: Worker; batch: AnalyzeRequest[]; finished: number; current: number; since: number; retired: boolean; idle: boolean }
  const slots = new Set<Slot>();
  let stalled = false;
  let lastProgress = Date.now();
  let watchdog: NodeJS.Timeout | undefined;
  const stallMs = opts.stallMs ?? 120_000;
  const unfinished = () => [...slots].flatMap((s) => s.batch.slice(s.finished));
  try {
    await new Promise<void>((resolve, reject) => {
      const maybeDone = () => { if (done === total) resolve(); };
      const send = (slot: Slot) => {
        let batch: AnalyzeRequest[];
        if (requeued.length) batch = requeued.splice(0, batchSize);
        else if (next < total) { batch = reqs.slice(next, next + batchSize); next += batch.length; }
        else { slot.batch = []; slot.finished = 0; slot.idle = true; return; }
        slot.idle = false;
        slot.batch = batch;
        slot.finished = 0;
        slot.current = -1;
        slot.w.postMessage(batch);
      };
      const spawn = () => {
        const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { ruleIds }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
        const slot: Slot = { w, batch: [], finished: 0, current: -1, since: Date.now(), retired: false, idle: false };
        slots.add(slot);
        w.on('message', (msg: WorkerMessage) => {
          if (slot.retired) return;
          lastProgress = Date.now();
          if (msg.t === 'start') { slot.current = msg.i; slot.since = Date.now(); return; }
          if (msg.t === 'result') {
            if (msg.callSites !== undefined && msg.r.codeFacts) callSitesFromText(msg.r.codeFacts, msg.callSites);
            slot.finished++; slot.current = -1; collect(msg.r); maybeDone(); return;
          }
          send(slot); // ready, or done with its batch
        });
        w.on('error', (e) => {
          if (slot.retired) return;
          if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') { reject(e); return; }
          // out of heap: the file in hand is given up, never analysed again (the 'start' of a file always arrives before
          // its worker's 'error'). Between two files, the rest of the batch goes to a fresh worker only if this one got
          // somewhere: a worker that dies before finishing any file (a limit too small to load the parser) ends the audit.
          if (slot.current >= 0) retire(slot, slot.current, (req) => emptyOutOfMemory(req, heapMb));
          else if (slot.finished > 0) retire(slot, slot.finished - 1);
          else reject(new Error(`a worker thread ran out of memory before analysing any file (heap limit ${heapMb} MiB)`, { cause: e }));
        });
        w.on('exit', (code) => { if (code !== 0 && !slot.retired && !stalled) reject(new Error(`worker exited with code ${code}`)); });
      };
      /**
       * Stops a worker stuck on file `at` of its batch (or dead on it): that file is given up (`result`: a timeout or
       * out-of-memory diagnostic; none when `at` was finished), the rest of the batch goes back in the queue, a fresh
       * worker takes its place.
       */
      const retire = (slot: Slot, at: number, result?: (req: AnalyzeRequest) => AnalyzeResult) => {
        slot.retired = true;
        slots.delete(slot);
        void slot.w.terminate();
        requeued.unshift(...slot.batch.slice(at + 1));
        if (result) collect(result(slot.batch[at]!));
        spawn();
        for (const s of slots) if (s.idle && requeued.length) send(s);
        maybeDone();
      };
      watchdog = setInterval(() => {
        const now = Date.now();
        for (const slot of [...slots]) {
          if (slot.current >= 0 && now - slot.since > hardMs) retire(slot, slot.current, (req) => emptyTimeout(req, budgetMs));
        }
        if (now - lastProgress > stallMs) {
          stalled = true;
          resolve();
        }
      }, Math.max(10, Math.min(1000, hardMs / 4, stallMs)));
      watchdog.unref();
      const count = Math.min(jobs, Math.ceil(total / batchSize));
      for (let i = 0; i < count; i++) spawn();
    });
  } finally {
    if (watchdog) clearInterval(watchdog);
    const workers = [...slots].map((s) => { s.retired = true; return s.w; });
    if (stalled) {
      // finish whatever the workers had in hand or never got, here
      const pending = [...unfinished(), ...requeued, ...reqs.slice(next)];
      await Promise.all(workers.map((w) => w.terminate()));
      opts.onStall?.(pending.length);
      await inProcess(rules, pending, collect);
    } else {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  // deterministic order regardless of scheduling
  const order = new Map(reqs.map((r, i) => [r.absPath, i]));
  results.sort((a, b) => order.get(a.absPath)! - order.get(b.absPath)!);
  return results;
}

/** The result of a file whose worker was terminated at the hard budget. */
function emptyTimeout(req: AnalyzeRequest, budgetMs: number): AnalyzeResult {
  return givenUp(req, 'timeout', fileTimeoutDiagnostic(req.absPath, budgetMs, 'stopped (its worker thread was terminated)'));
}

/** The result of a file whose worker ran out of heap while analysing it. */
function emptyOutOfMemory(req: AnalyzeRequest, heapMb: number): AnalyzeResult {
  return givenUp(req, 'out-of-memory', { level: 'warning', code: 'file-out-of-memory', file: req.absPath,
    message: `analysis of ${req.relPath} ran out of memory (worker heap limit ${heapMb} MiB) and was stopped: no findings from it` });
}

function givenUp(req: AnalyzeRequest, skipped: string, diagnostic: Diagnostic): AnalyzeResult {
  return {
    absPath: req.absPath, relPath: req.relPath, findings: [], facts: [], directives: [], lines: 0, bytes: 0,
    parsed: false, generated: false, isTest: req.relPath.endsWith('_test.go'), applicable: [], ruleErrors: [], ...roleOf(req),
    skipped, diagnostics: [diagnostic],
  };
}
