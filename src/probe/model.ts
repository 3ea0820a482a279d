/** The probe's data model: samples of a running Go service, creation sites, findings (schema/probe.schema.json). */
import type { Diagnostic, Finding } from '../core/types.js';

/** Output formats of `goready probe` (here, not in print.ts: the CLI lists them at start-up without loading the printers). */
export const PROBE_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type ProbeFormat = (typeof PROBE_FORMATS)[number];

/**
 * 1.0.0: first version of `goready probe --format json` and of `--save run.json`.
 * 1.1.0: `allocations` (heap profile allocation sites) in the report; `heapProfiles` and `listen` in saved runs.
 */
export const PROBE_SCHEMA_VERSION = '1.1.0';

export interface Frame {
  function: string;
  file: string;
  line: number;
}

/** Goroutines sharing one stack (debug=1 and protobuf give counts; debug=2 one per goroutine). */
export interface GoroutineGroup {
  count: number;
  /** Wait reason from a debug=2 header ("chan send", "select", "IO wait"…). */
  state?: string;
  /** Minutes blocked, when the runtime printed it (only after one minute). */
  waitMinutes?: number;
  /** Innermost first. */
  frames: Frame[];
  /** The `go` statement that started it (debug=2 only). */
  createdBy?: Frame;
}

export interface GoroutineSnapshot {
  format: 'debug=2' | 'debug=1' | 'protobuf';
  total: number;
  groups: GoroutineGroup[];
}

/** Runtime settings and GC figures from Prometheus metrics or expvar memstats. */
export interface RuntimeGauges {
  goroutines?: number;
  heapInuse?: number;
  heapAlloc?: number;
  gcCycles?: number;
  gcCpuFraction?: number;
  gogc?: number;
  gomemlimit?: number;
  gomaxprocs?: number;
}

/** One allocation site of a heap profile: the innermost frame outside the runtime and the standard library. */
export interface HeapSite {
  key: string;
  function: string;
  file: string;
  line: number;
  /** Innermost first (at most 16 frames). */
  stack: Frame[];
  /** Bytes in use (the profile's sampled estimate) at the time of the profile. */
  inuseBytes: number;
  /** Bytes allocated since the process started. */
  allocBytes: number;
}

/** A heap (= allocs) profile reduced to totals and its largest allocation sites. */
export interface HeapProfile {
  inuseBytes: number;
  allocBytes?: number;
  sites: HeapSite[];
}

/** Counts per creation-site key in one sample. */
export interface Sample {
  /** ISO time the sample was taken (offline: file modification time order). */
  at: string;
  goroutines?: number;
  heapInuse?: number;
  gcCycles?: number;
  gcCpuFraction?: number;
  /** site key → goroutine count. */
  sites: Record<string, number>;
}

export interface SiteInfo {
  key: string;
  /** What the goroutines run (their entry function). */
  function: string;
  /** The function whose `go` statement created them (debug=2). */
  createdBy?: string;
  /** The `go` statement (debug=2), else the entry frame, as the profile names it. */
  file: string;
  line: number;
  /** Mapped into the repository (relative path), when --repo was given and the file is there. */
  repoFile?: string;
  repoLine?: number;
  /** A representative stack, innermost first (at most 32 frames). */
  stack: Frame[];
  state?: string;
}

export interface SiteSummary {
  key: string;
  function: string;
  createdBy?: string;
  file: string;
  line: number;
  start: number;
  end: number;
  peak: number;
  /** Least-squares slope, goroutines per minute. */
  slope: number;
  leakSuspect: boolean;
}

export interface AllocationSummary {
  function: string;
  file: string;
  line: number;
  repoFile?: string;
  repoLine?: number;
  /** Bytes in use at the first and the last heap profile (equal with one profile). */
  inuseStart: number;
  inuseEnd: number;
  /** Bytes allocated between the two profiles (with one profile: since the process started). */
  allocatedBytes: number;
  /** allocatedBytes per minute, when two profiles were taken apart in time. */
  allocatedPerMinute?: number;
}

export interface BlockedGoroutines {
  site: string;
  state: string;
  minutes: number;
  count: number;
  stack: Frame[];
  file?: string;
  line?: number;
}

/** What `--save run.json` keeps: enough to analyse again and to compare. */
export interface ProbeRun {
  schemaVersion: string;
  tool: { name: 'goready'; version: string };
  target: { source: string; kind: 'url' | 'directory' };
  startedAt: string;
  intervalMs?: number;
  durationMs?: number;
  samples: Sample[];
  siteInfo: SiteInfo[];
  /** Blocked goroutines seen in the last debug=2 snapshot. */
  blocked: BlockedGoroutines[];
  gauges: RuntimeGauges;
  /** Endpoints that answered (path → HTTP status), for the exposure judgement. */
  endpoints: { path: string; status: number; kind: 'pprof' | 'expvar' | 'metrics' }[];
  /** The first and the last heap profile read (allocation sites: in-use growth, bytes allocated in between). */
  heapProfiles?: (HeapProfile & { at: string })[];
  /** A loopback target's port and the local addresses it listens on (from the kernel's socket tables), when readable. */
  listen?: { port: number; addresses: string[] };
  diagnostics: Diagnostic[];
}

export interface ProbeReport {
  schemaVersion: string;
  tool: { name: 'goready'; version: string };
  target: { source: string; kind: 'url' | 'directory'; repo?: string };
  startedAt: string;
  samples: (Omit<Sample, 'sites'>)[];
  goroutines: { start: number; end: number; peak: number };
  heap?: { start: number; end: number; peak: number; growthPercent: number };
  gc?: { cyclesPerMinute?: number; cpuFraction?: number; gogc?: number; gomemlimit?: number; gomaxprocs?: number };
  sites: (SiteSummary & { repoFile?: string; repoLine?: number })[];
  /** Allocation sites from the heap profiles, largest in-use growth first (then bytes allocated); at most 20. */
  allocations?: AllocationSummary[];
  blocked: BlockedGoroutines[];
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** Before/after per creation site (`goready probe compare`). */
export interface ProbeComparison {
  schemaVersion: string;
  before: string;
  after: string;
  total: CompareRow;
  sites: CompareRow[];
}

export interface CompareRow {
  site: string;
  file?: string;
  line?: number;
  peakBefore: number;
  peakAfter: number;
  endBefore: number;
  endAfter: number;
  /** (after − before) / before × 100 on the peak; null when before is 0 and after is not (a new site). */
  peakChangePercent: number | null;
  endChangePercent: number | null;
}
