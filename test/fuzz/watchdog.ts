/**
 * Runs fuzz targets in a watchdog process with a heap limit, a main-thread-sized stack and a
 * per-call timeout: a hang or an out-of-memory kills the worker (and is reported), never the
 * fuzzer. The worker is reused between calls and restarted after each kill.
 *
 * A child process rather than a worker thread: a thread's `resourceLimits` heap cap was seen to
 * take the whole fuzzer down ("FATAL ERROR: Reached heap limit") instead of only the thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import type { CallInput } from './runners.js';
import type { CallReply, CallRequest } from './worker.js';
import { readCpu } from './cpu-meter.js';

/** How often the worker's CPU time is read. */
const POLL_MS = 100;
/** Wall-time backstop, in multiples of the CPU budget (a starved worker still gets some CPU). */
const WALL_FACTOR = 30;

export type Outcome =
  | { kind: 'ok'; ms: number; cpuMs?: number; digest: string; digest2?: string }
  | { kind: 'crash' | 'malformed'; ms: number; error: string; stack?: string }
  | { kind: 'hang'; ms: number; cpuMs: number; error: string }
  | { kind: 'oom'; ms: number; error: string };

export interface WatchdogOptions {
  /** V8 old-generation limit of the worker (MiB). */
  heapMb?: number;
  /** V8 stack size (KiB); 984, Node's default, as on the main thread where most readers run. */
  stackKb?: number;
}

export class Watchdog {
  private worker: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private pending: { id: number; resolve: (o: Outcome) => void; timer: NodeJS.Timeout; t0: number } | undefined;
  restarts = 0;
  private readonly scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-fuzz-'));

  constructor(private readonly opts: WatchdogOptions = {}) {}

  private start(): Promise<void> {
    const w = fork(new URL('./worker.js', import.meta.url), [path.join(this.scratch, String(this.restarts))], {
      execArgv: [`--max-old-space-size=${this.opts.heapMb ?? 768}`, `--stack-size=${this.opts.stackKb ?? 984}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    w.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    this.worker = w;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: unknown) => {
        if (m === 'ready') {
          w.off('message', onMsg);
          resolve();
        }
      };
      w.on('message', onMsg);
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`fuzz worker exited at start (${code}): ${stderr}`)));
    });
    w.on('message', (m: CallReply | 'ready') => {
      if (m === 'ready' || !this.pending || m.id !== this.pending.id) return;
      const p = this.pending;
      this.pending = undefined;
      clearInterval(p.timer);
      p.resolve(m.ok ? { kind: 'ok', ms: m.ms, cpuMs: m.cpuMs, digest: m.digest, digest2: m.digest2 } : { kind: m.malformed ? 'malformed' : 'crash', ms: m.ms, error: `${m.name}: ${m.message}`, stack: m.stack });
    });
    const dead = (why: string, oom: boolean) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.ready = undefined;
      const p = this.pending;
      if (p) {
        this.pending = undefined;
        clearInterval(p.timer);
        p.resolve({ kind: oom ? 'oom' : 'crash', ms: performance.now() - p.t0, error: why });
      }
    };
    w.on('error', (e: Error) => dead(`${e.name}: ${e.message}`, false));
    w.on('exit', (code, signal) => {
      const oom = /heap out of memory|Reached heap limit|Invalid array length|Invalid string length/.test(stderr);
      const last = stderr.split('\n').filter((l) => /Error|FATAL/.test(l)).slice(-1)[0] ?? '';
      dead(oom ? `out of memory (${this.opts.heapMb ?? 768} MiB heap): ${last.trim()}` : `worker died (${code ?? signal}): ${last.trim()}`, oom);
    });
    return this.ready;
  }

  /** Process id of the current worker (tests stop it to stand for a starved process). */
  get pid(): number | undefined {
    return this.worker?.pid;
  }

  /**
   * Runs one call; `twice` runs the target a second time in the same worker (determinism).
   *
   * `timeoutMs` is a budget of the worker's CPU time (all its threads), not of wall time: on a
   * loaded machine a call may take many times its CPU in wall time, and that is not a hang. A
   * call is a hang when the worker (a) has spent more CPU than the budget without answering (a
   * loop, runaway expansion), or (b) has used no CPU for `stallMs` while none of its threads is
   * runnable or in disk wait (it waits for something that never comes: a FIFO, a lost promise),
   * or (c) as a backstop, has not answered within `WALL_FACTOR` times the budget of wall time.
   * Where CPU time cannot be read (no /proc), the budget is wall time, as before.
   */
  async call(input: CallInput, timeoutMs: number, twice = false): Promise<Outcome> {
    if (!this.worker) {
      await this.start();
    } else await this.ready;
    const w = this.worker!;
    const id = this.nextId++;
    const budget = timeoutMs * (twice ? 2 : 1);
    const stallMs = Math.min(Math.max(budget, 2000), 10_000);
    return new Promise<Outcome>((resolve) => {
      const t0 = performance.now();
      const base = w.pid === undefined ? undefined : readCpu(w.pid);
      let lastCpu = base?.cpuMs ?? 0;
      let lastProgress = t0;
      let cpuUsed = 0;
      const hang = (error: string) => {
        if (this.pending?.id !== id) return;
        clearInterval(timer);
        this.pending = undefined;
        this.worker = undefined;
        this.ready = undefined;
        this.restarts++;
        w.kill('SIGKILL');
        resolve({ kind: 'hang', ms: performance.now() - t0, cpuMs: cpuUsed, error });
      };
      const timer = setInterval(() => {
        const now = performance.now();
        const wall = now - t0;
        const s = base && w.pid !== undefined ? readCpu(w.pid) : undefined;
        if (!base) {
          if (wall > budget) hang(`no answer within ${budget} ms`);
          return;
        }
        if (!s) return; // the worker is exiting: its exit handler reports it
        cpuUsed = s.cpuMs - base.cpuMs;
        if (cpuUsed > budget) return hang(`no answer after ${Math.round(cpuUsed)} ms of CPU (budget ${budget} ms; ${Math.round(wall)} ms wall)`);
        if (s.cpuMs > lastCpu || s.busy || s.stopped) {
          if (s.cpuMs > lastCpu) lastCpu = s.cpuMs;
          lastProgress = now;
        } else if (now - lastProgress > stallMs) {
          return hang(`blocked: no CPU used and no thread runnable for ${Math.round(now - lastProgress)} ms (${Math.round(cpuUsed)} ms of CPU spent)`);
        }
        if (wall > budget * WALL_FACTOR) hang(`no answer within ${Math.round(wall)} ms wall (${Math.round(cpuUsed)} ms of CPU)`);
      }, POLL_MS);
      this.pending = { id, resolve, timer, t0 };
      const bytes = input.bytes;
      w.send({ id, input: { ...input, bytes }, twice } satisfies CallRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w && w.exitCode === null) {
      const gone = new Promise((r) => w.once('exit', r));
      w.kill('SIGKILL');
      await gone;
    }
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}
