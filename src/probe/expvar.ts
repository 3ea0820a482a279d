/** Reads runtime.MemStats from expvar's /debug/vars JSON (the "memstats" variable). */
import type { RuntimeGauges } from './model.js';

export function gaugesFromExpvar(text: string): RuntimeGauges & { isGo: boolean } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`not expvar JSON (${(e as Error).message})`);
  }
  const ms = (doc && typeof doc === 'object' ? (doc as Record<string, unknown>).memstats : undefined) as Record<string, unknown> | undefined;
  if (!ms || typeof ms !== 'object') return { isGo: false };
  const n = (k: string): number | undefined => (typeof ms[k] === 'number' && Number.isFinite(ms[k]) ? (ms[k] as number) : undefined);
  const g: RuntimeGauges & { isGo: boolean } = { isGo: true, heapInuse: n('HeapInuse'), heapAlloc: n('HeapAlloc'), gcCycles: n('NumGC'), gcCpuFraction: n('GCCPUFraction') };
  for (const k of Object.keys(g) as (keyof typeof g)[]) if (g[k] === undefined) delete g[k];
  return g;
}
