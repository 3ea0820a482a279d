/**
 * Reads the Go runtime's gauges from a Prometheus text exposition (client_golang's Go collector,
 * including the runtime/metrics-based go_gc_gogc_percent, go_gc_gomemlimit_bytes and
 * go_sched_gomaxprocs_threads) with parse-prometheus-text-format.
 */
import { createRequire } from 'node:module';
import type { RuntimeGauges } from './model.js';

interface PromMetric { value?: string; labels?: Record<string, string>; count?: string; sum?: string }
interface PromFamily { name: string; type: string; metrics: PromMetric[] }
type Parser = (text: string) => PromFamily[];

const require = createRequire(import.meta.url);
const parsePrometheusTextFormat = require('parse-prometheus-text-format') as Parser;

export function looksLikePrometheus(text: string): boolean {
  return /^(?:# (?:HELP|TYPE) [a-zA-Z_:][\w:]* |[a-zA-Z_:][\w:]*(?:\{[^}\n]*\})? [-+0-9.eEInfNa]+(?: -?\d+)?\s*$)/m.test(text.slice(0, 8192));
}

/** Throws a readable error when the text is not an exposition. */
export function parsePrometheus(text: string): PromFamily[] {
  let fams: PromFamily[];
  try {
    fams = parsePrometheusTextFormat(text);
  } catch (e) {
    throw new Error(`not a Prometheus text exposition (${(e as Error).message})`);
  }
  if (!Array.isArray(fams)) throw new Error('not a Prometheus text exposition');
  return fams;
}

function first(fams: Map<string, PromFamily>, name: string): number | undefined {
  const m = fams.get(name)?.metrics[0];
  if (!m) return undefined;
  const v = Number(m.value ?? m.count);
  return Number.isFinite(v) ? v : undefined;
}

export function gaugesFromPrometheus(text: string): RuntimeGauges & { isGo: boolean } {
  const fams = new Map(parsePrometheus(text).map((f) => [f.name, f]));
  const g: RuntimeGauges & { isGo: boolean } = { isGo: [...fams.keys()].some((n) => n.startsWith('go_')) };
  g.goroutines = first(fams, 'go_goroutines') ?? first(fams, 'go_sched_goroutines_goroutines');
  g.heapInuse = first(fams, 'go_memstats_heap_inuse_bytes');
  g.heapAlloc = first(fams, 'go_memstats_heap_alloc_bytes');
  // the summary's _count is the number of completed GC cycles; go_gc_cycles_total_gc_cycles_total with runtime/metrics
  const gcSummary = fams.get('go_gc_duration_seconds')?.metrics[0];
  const cycles = first(fams, 'go_gc_cycles_total_gc_cycles_total') ?? (gcSummary?.count !== undefined ? Number(gcSummary.count) : undefined);
  if (cycles !== undefined && Number.isFinite(cycles)) g.gcCycles = cycles;
  g.gcCpuFraction = first(fams, 'go_memstats_gc_cpu_fraction');
  g.gogc = first(fams, 'go_gc_gogc_percent');
  g.gomemlimit = first(fams, 'go_gc_gomemlimit_bytes');
  g.gomaxprocs = first(fams, 'go_sched_gomaxprocs_threads');
  for (const k of Object.keys(g) as (keyof typeof g)[]) if (g[k] === undefined) delete g[k];
  return g;
}
