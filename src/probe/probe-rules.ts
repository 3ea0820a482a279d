/**
 * The checks a probe makes, described like rules (ids in the 9xxx range of their dimension, never
 * reused) so that runtime findings carry the audit's finding shape and SARIF rule metadata.
 */
import type { EvidenceCheck } from '../core/evidence-check.js';

export interface ProbeRule extends EvidenceCheck {
  rationale: string;
}

export const PROBE_RULES = {
  leak: {
    id: 'CON9001', name: 'runtime-goroutine-leak', dimension: 'concurrency', severity: 'high', confidence: 'high',
    title: 'Goroutines from one creation site kept growing while the service was probed',
    rationale: 'A creation site whose goroutine count only grows is a leak: each goroutine holds its stack, the memory it references and often a timer or connection, until the process runs out of memory.',
    fix: 'Give the goroutine a way to end (context cancellation, a closed channel, a buffered result channel) and stop its tickers; then probe again and compare (`goready probe compare`).',
  },
  blocked: {
    id: 'CON9002', name: 'runtime-goroutine-blocked', dimension: 'concurrency', severity: 'medium', confidence: 'medium',
    title: 'Goroutines blocked on a channel or lock for a long time',
    rationale: 'A goroutine blocked for many minutes on a send, receive or lock is usually waiting for a peer that has gone: it never ends.',
    fix: 'Make the operation cancellable (select on ctx.Done()), or give the channel room for the one result nobody may read.',
  },
  heap: {
    id: 'RUN9001', name: 'runtime-heap-growth', dimension: 'runtime', severity: 'medium', confidence: 'medium',
    title: 'Heap in use kept growing while the service was probed',
    rationale: 'Heap in use that only grows under steady load ends in an out-of-memory kill.',
    fix: 'Compare heap profiles (`go tool pprof -base before.pb.gz after.pb.gz`) to find what is retained; bound caches and queues.',
  },
  gcPressure: {
    id: 'RUN9002', name: 'runtime-gc-pressure', dimension: 'runtime', severity: 'medium', confidence: 'medium',
    title: 'The garbage collector takes a large share of CPU',
    rationale: 'A GC CPU fraction above 10 % or hundreds of cycles a minute means the heap target is too small for the allocation rate (GOGC too low, or GOMEMLIMIT close to the live heap).',
    fix: 'Reduce allocations on hot paths, or raise GOGC / GOMEMLIMIT within the container limit.',
  },
  gcSettings: {
    id: 'RUN9003', name: 'runtime-gc-settings', dimension: 'runtime', severity: 'medium', confidence: 'high',
    title: 'The running process has extreme GC settings',
    rationale: 'As the static rule extreme-gc-settings (RUN1002) judges them: GOGC off or very high without a memory limit lets the heap grow unbounded; GOGC below 25 makes the collector run constantly; a memory limit below 16 MiB thrashes.',
    fix: 'Set GOMEMLIMIT below the container memory limit and keep GOGC between 25 and 1000 (or off only together with a memory limit).',
  },
  exposed: {
    id: 'SEC9001', name: 'runtime-debug-endpoint-exposed', dimension: 'security', severity: 'high', confidence: 'high',
    title: 'A debug endpoint answers without authentication on a non-loopback address',
    rationale: 'pprof hands out stacks, heap contents and command lines, and lets anyone run CPU profiles; expvar and metrics leak internals. Reachable from other hosts without authentication, they are an information leak and a denial-of-service lever.',
    fix: 'Serve net/http/pprof and expvar on a separate listener bound to 127.0.0.1 (or behind authentication), never on the public mux.',
  },
} as const satisfies Record<string, ProbeRule>;

export const PROBE_RULE_LIST: ProbeRule[] = Object.values(PROBE_RULES);
