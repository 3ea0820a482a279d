/** Runs file analysis across worker threads with dynamic batching (or in-process for small inputs). */
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
}

export function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(n, 8));
}

export async function analyzeAll(rules: readonly FileRule[], reqs: AnalyzeRequest[], opts: RunOptions = {}): Promise<AnalyzeResult[]> {
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  const total = reqs.length;
  if (jobs === 1 || total < (opts.inProcessBelow ?? 64)) {
    const parser = await getGoParser();
    const out: AnalyzeResult[] = [];
    for (const r of reqs) {
      out.push(analyzeFile(parser, rules, r));
      opts.onProgress?.(out.length, total);
    }
    return out;
  }
  const ruleIds = rules.map((r) => r.meta.id);
  const batchSize = Math.max(8, Math.min(64, Math.ceil(total / (jobs * 16))));
  const results: AnalyzeResult[] = [];
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, Math.ceil(total / batchSize)) }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { ruleIds } });
          workers.push(w);
          const send = () => {
            if (next >= total) { resolve(); return; }
            const batch = reqs.slice(next, next + batchSize);
            next += batch.length;
            w.postMessage(batch);
          };
          w.on('message', (msg: 'ready' | AnalyzeResult[]) => {
            if (msg !== 'ready') {
              for (const r of msg) results.push(r);
              done += msg.length;
              opts.onProgress?.(done, total);
            }
            send();
          });
          w.on('error', reject);
          w.on('exit', (code) => { if (code !== 0) reject(new Error(`worker exited with code ${code}`)); });
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // deterministic order regardless of scheduling
  const order = new Map(reqs.map((r, i) => [r.absPath, i]));
  results.sort((a, b) => order.get(a.absPath)! - order.get(b.absPath)!);
  return results;
}
