/** Watchdog worker process: runs fuzz targets on request; the parent kills it on a timeout or an OOM. */
import { digest } from './targets.js';
import type { CallInput } from './runners.js';

export interface CallRequest { id: number; input: CallInput; twice?: boolean }

/**
 * Targets that test the watchdog itself (test/fuzz-watchdog.test.ts): `watchdog:work` spends the
 * CPU milliseconds its input names and answers, `watchdog:spin` loops forever, `watchdog:block`
 * waits for something that never comes.
 */
async function selfTest(input: CallInput): Promise<unknown> {
  const arg = Number(Buffer.from(input.bytes).toString('utf8'));
  if (input.target === 'watchdog:work') {
    const c0 = process.cpuUsage();
    let x = 0;
    while (true) {
      for (let i = 0; i < 1e5; i++) x = (x * 31 + i) % 1000003;
      const c = process.cpuUsage(c0);
      if ((c.user + c.system) / 1000 >= arg) return { done: true, x: x >= 0 };
    }
  }
  if (input.target === 'watchdog:spin') for (;;);
  return new Promise(() => {});
}
export type CallReply =
  | { id: number; ok: true; ms: number; cpuMs: number; digest: string; digest2?: string }
  | { id: number; ok: false; ms: number; name: string; message: string; stack?: string; malformed: boolean };

if (process.send && process.argv[2]) {
  const send = (m: unknown) => process.send!(m);
  const { runTarget } = await import('./runners.js');
  const { Malformed, setScratchRoot } = await import('./targets.js');
  setScratchRoot(process.argv[2]);
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (req: CallRequest) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const run = (i: CallInput) => (i.target.startsWith('watchdog:') ? selfTest(i) : runTarget(i));
    try {
      const d = digest(await run(req.input));
      const d2 = req.twice ? digest(await run(req.input)) : undefined;
      const c = process.cpuUsage(c0);
      send({ id: req.id, ok: true, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, digest: d, digest2: d2 } satisfies CallReply);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      send({ id: req.id, ok: false, ms: performance.now() - t0, name: err.name, message: err.message.slice(0, 2000), stack: err.stack?.split('\n').slice(0, 12).join('\n'), malformed: err instanceof Malformed } satisfies CallReply);
    }
  });
  send('ready');
}
