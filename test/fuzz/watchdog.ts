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

export type Outcome =
  | { kind: 'ok'; ms: number; digest: string; digest2?: string }
  | { kind: 'crash' | 'malformed'; ms: number; error: string; stack?: string }
  | { kind: 'hang'; ms: number; error: string }
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
      clearTimeout(p.timer);
      p.resolve(m.ok ? { kind: 'ok', ms: m.ms, digest: m.digest, digest2: m.digest2 } : { kind: m.malformed ? 'malformed' : 'crash', ms: m.ms, error: `${m.name}: ${m.message}`, stack: m.stack });
    });
    const dead = (why: string, oom: boolean) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.ready = undefined;
      const p = this.pending;
      if (p) {
        this.pending = undefined;
        clearTimeout(p.timer);
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

  /** Runs one call; `twice` runs the target a second time in the same worker (determinism). */
  async call(input: CallInput, timeoutMs: number, twice = false): Promise<Outcome> {
    if (!this.worker) {
      await this.start();
    } else await this.ready;
    const w = this.worker!;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.worker = undefined;
        this.ready = undefined;
        this.restarts++;
        w.kill('SIGKILL');
        resolve({ kind: 'hang', ms: performance.now() - t0, error: `no answer within ${timeoutMs} ms` });
      }, timeoutMs * (twice ? 2 : 1));
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
