/** The probe's data model: samples of a running Go service, creation sites, findings (schema/probe.schema.json). */
import type { Diagnostic, Finding } from '../core/types.js';

/** Output formats of `goready probe` (here, not in print.ts: the CLI lists them at start-up without loading the printers). */
export const PROBE_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type ProbeFormat = (typeof PROBE_FORMATS)[number];

/** 1.0.0: first version of `goready probe --format json` and of `--save run.json`. */
export const PROBE_SCHEMA_VERSION = '1.0.0';

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
