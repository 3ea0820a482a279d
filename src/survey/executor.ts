/**
 * Executors run audit jobs. The survey only needs `run(job) → result` and `close()`: the local
 * one below keeps a bounded pool of child processes (each audit in its own process, with its own
 * worker threads and memory); a distributed queue would implement the same interface.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runAuditJob, type AuditJob, type AuditJobResult } from './job.js';

export interface AuditExecutor {
  /** How many jobs may run at once. */
  readonly concurrency: number;
  run(job: AuditJob): Promise<AuditJobResult>;
  /** Stops every running job (their results are dropped) and frees resources. */
  close(): Promise<void>;
}

/** Runs jobs in this process (tests, debugging). */
export class InProcessExecutor implements AuditExecutor {
  constructor(readonly concurrency = 1) {}
  run(job: AuditJob): Promise<AuditJobResult> {
    return runAuditJob(job);
  }
  async close(): Promise<void> {}
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  pending?: { id: number; resolve: (r: AuditJobResult) => void };
}

const WORKER = fileURLToPath(new URL('./audit-worker.js', import.meta.url));

/** A bounded pool of child processes, one job each at a time; a crashed child fails its job only. */
export class ChildProcessExecutor implements AuditExecutor {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly concurrency: number) {}

  private spawn(): Slot {
    const child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    let markReady!: () => void;
    const slot: Slot = { child, busy: false, ready: new Promise<void>((r) => { markReady = r; }) };
    child.on('message', (msg: { type: string; id?: number; result?: AuditJobResult }) => {
      if (msg.type === 'ready') markReady();
      else if (msg.type === 'result' && slot.pending?.id === msg.id) {
        const p = slot.pending!;
        slot.pending = undefined;
        slot.busy = false;
        p.resolve(msg.result!);
      }
    });
    child.on('exit', (code, signal) => {
      markReady();
      this.slots = this.slots.filter((s) => s !== slot);
      const p = slot.pending;
      slot.pending = undefined;
      if (p) p.resolve({ status: 'failed', error: this.closed ? 'interrupted' : `audit process died (${signal ?? `exit code ${code}`})` });
    });
    this.slots.push(slot);
    return slot;
  }

  async run(job: AuditJob): Promise<AuditJobResult> {
    if (this.closed) return { status: 'failed', error: 'interrupted' };
    let slot = this.slots.find((s) => !s.busy);
    if (!slot) {
      if (this.slots.length >= this.concurrency) throw new Error('executor: more jobs than its concurrency');
      slot = this.spawn();
    }
    slot.busy = true;
    await slot.ready;
    if (slot.child.exitCode !== null || slot.child.signalCode !== null || !slot.child.connected) {
      slot.busy = false;
      return { status: 'failed', error: this.closed ? 'interrupted' : 'audit process could not start' };
    }
    const id = this.nextId++;
    return new Promise<AuditJobResult>((resolve) => {
      slot.pending = { id, resolve };
      slot.child.send({ type: 'job', id, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots];
    await Promise.all(slots.map((s) => new Promise<void>((resolve) => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) { resolve(); return; }
      s.child.once('exit', () => resolve());
      if (s.busy) s.child.kill('SIGTERM');
      else s.child.disconnect();
      setTimeout(() => { s.child.kill('SIGKILL'); }, 3000).unref();
    })));
  }
}
