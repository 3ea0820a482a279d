/**
 * Runs file analysis across worker threads with dynamic batching (or in-process for small
 * inputs). A watchdog guards against a stalled worker: when no batch completes for
 * `stallMs`, the workers are stopped and the unfinished files are analysed in-process.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileRule } from '../rules/define-rule.js';
import { getGoParser } from '../go/parser.js';
import { analyzeFile, type AnalyzeRequest, type AnalyzeResult } from './analyze-file.js';

export interface RunOptions {
  jobs?: number;
  /** Below this many files analysis runs in-process (worker start-up costs ~100 ms). */
  inProcessBelow?: number;
  onProgress?: (done: number, total: number) => void;
  /** No completed batch for this long means a stalled pool (default 120 s). */
  stallMs?: number;
  /** Told when the pool stalled and the rest ran in-process. */
  onStall?: (pending: number) => void;
}

export function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(n, 8));
}

async function inProcess(rules: readonly FileRule[], reqs: AnalyzeRequest[], onDone: (r: AnalyzeResult) => void): Promise<void> {
  const parser = await getGoParser();
  for (const r of reqs) onDone(analyzeFile(parser, rules, r));
}

export async function analyzeAll(rules: readonly FileRule[], reqs: AnalyzeRequest[], opts: RunOptions = {}): Promise<AnalyzeResult[]> {
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
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
  const workers: Worker[] = [];
  const inFlight = new Map<Worker, AnalyzeRequest[]>();
  let stalled = false;
  let lastProgress = Date.now();
  let watchdog: NodeJS.Timeout | undefined;
  const stallMs = opts.stallMs ?? 120_000;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const count = Math.min(jobs, Math.ceil(total / batchSize));
      const finishOne = () => { if (++finished === count) resolve(); };
      watchdog = setInterval(() => {
        if (Date.now() - lastProgress > stallMs) {
          stalled = true;
          resolve();
        }
      }, Math.min(5000, stallMs));
      watchdog.unref();
      for (let i = 0; i < count; i++) {
        const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { ruleIds } });
        workers.push(w);
        let closed = false;
        const send = () => {
          if (next >= total) { inFlight.delete(w); if (!closed) { closed = true; finishOne(); } return; }
          const batch = reqs.slice(next, next + batchSize);
          next += batch.length;
          inFlight.set(w, batch);
          w.postMessage(batch);
        };
        w.on('message', (msg: 'ready' | AnalyzeResult[]) => {
          if (msg !== 'ready') {
            lastProgress = Date.now();
            inFlight.delete(w);
            for (const r of msg) collect(r);
          }
          send();
        });
        w.on('error', reject);
        w.on('exit', (code) => { if (code !== 0 && !closed && !stalled) reject(new Error(`worker exited with code ${code}`)); });
      }
    });
  } finally {
    if (watchdog) clearInterval(watchdog);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (stalled) {
    // finish whatever the workers had in hand or never got, here
    const pending = [...[...inFlight.values()].flat(), ...reqs.slice(next)];
    opts.onStall?.(pending.length);
    await inProcess(rules, pending, collect);
  }
  // deterministic order regardless of scheduling
  const order = new Map(reqs.map((r, i) => [r.absPath, i]));
  results.sort((a, b) => order.get(a.absPath)! - order.get(b.absPath)!);
  return results;
}
