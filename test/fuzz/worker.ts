/** Watchdog worker process: runs fuzz targets on request; the parent kills it on a timeout or an OOM. */
import { digest } from './targets.js';
import type { CallInput } from './runners.js';

export interface CallRequest { id: number; input: CallInput; twice?: boolean }
export type CallReply =
  | { id: number; ok: true; ms: number; digest: string; digest2?: string }
  | { id: number; ok: false; ms: number; name: string; message: string; stack?: string; malformed: boolean };

if (process.send && process.argv[2]) {
  const send = (m: unknown) => process.send!(m);
  const { runTarget } = await import('./runners.js');
  const { Malformed, setScratchRoot } = await import('./targets.js');
  setScratchRoot(process.argv[2]);
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (req: CallRequest) => {
    const t0 = performance.now();
    try {
      const d = digest(await runTarget(req.input));
      const d2 = req.twice ? digest(await runTarget(req.input)) : undefined;
      send({ id: req.id, ok: true, ms: performance.now() - t0, digest: d, digest2: d2 } satisfies CallReply);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      send({ id: req.id, ok: false, ms: performance.now() - t0, name: err.name, message: err.message.slice(0, 2000), stack: err.stack?.split('\n').slice(0, 12).join('\n'), malformed: err instanceof Malformed } satisfies CallReply);
    }
  });
  send('ready');
}
