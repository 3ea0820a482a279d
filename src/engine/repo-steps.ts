/**
 * Repo-level work in the result cache: each repo rule and each file rule's cross-file `finish`
 * hook is one step. A step runs under `RepoFacts.track`, which records what it read (files by
 * content digest, the Go files' facts, the root path); its outputs are recorded as events (reports,
 * diagnostics, applicable, inconclusive). A later run replays the events instead of running the
 * step while every recorded input is unchanged. Steps that read outside the repository (the
 * vulnerability database, the module cache) are marked `volatile` and always run, as do steps
 * that read evidence given to the audit (a govulncheck stream, through its provider). The key holds
 * the UTC day, so steps that compare with today's date are re-run daily. A step whose output
 * depends on the clock (a fact reader it used went over the per-file budget, `--file-timeout`) is
 * never stored, as the per-file results are not.
 */
import type { Diagnostic } from '../core/types.js';
import type { RepoDeps, RepoFacts } from '../facts/repo-facts.js';
import { buildFingerprint } from '../cache/fingerprint.js';
import { cacheKey, type ResultCache } from '../cache/result-cache.js';

export type StepEvent =
  | { t: 'report'; r: unknown }
  | { t: 'applicable' }
  | { t: 'inconclusive'; reason: string }
  | { t: 'diagnostic'; d: unknown };

interface StoredStep {
  go: string | null;
  root: string | null;
  files: [string, string][];
  events: StepEvent[];
  repoDiagnostics: Diagnostic[];
}

function isStored(v: unknown): v is StoredStep {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (s.go === null || typeof s.go === 'string') && (s.root === null || typeof s.root === 'string')
    && Array.isArray(s.files) && s.files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string')
    && Array.isArray(s.events) && s.events.every((e) => !!e && typeof e === 'object' && typeof (e as { t?: unknown }).t === 'string')
    && Array.isArray(s.repoDiagnostics);
}

/** The step's output depends on how fast this run was: a reader it used was cut off by the per-file budget. */
function timedOut(deps: RepoDeps, events: readonly StepEvent[]): boolean {
  return deps.diagnostics.some((d) => d.code === 'file-timeout')
    || events.some((e) => e.t === 'diagnostic' && (e.d as Diagnostic | undefined)?.code === 'file-timeout');
}

export class RepoStepRunner {
  private readonly base: string;
  /** Steps replayed from the cache in this run. */
  hits = 0;

  constructor(private readonly cache: ResultCache | undefined, private readonly repo: RepoFacts, inputs: unknown) {
    this.base = cache ? cacheKey('repo-step', buildFingerprint(), new Date().toISOString().slice(0, 10), JSON.stringify(inputs)) : '';
  }

  private holds(s: StoredStep): boolean {
    if (s.go !== null && s.go !== this.repo.goFactsDigest()) return false;
    if (s.root !== null && s.root !== this.repo.rootUntracked) return false;
    return s.files.every(([rel, digest]) => this.repo.textDigest(rel) === digest);
  }

  /**
   * Runs one step, or replays it. `run` reports through `emit`, which applies each event at once
   * (with `apply`) and records it. Returns the repository diagnostics the step caused.
   */
  step(id: string, extraKey: string, volatile: boolean, run: (emit: (e: StepEvent) => void) => void, apply: (e: StepEvent) => void): Diagnostic[] {
    const key = this.cache && !volatile ? cacheKey(this.base, id, extraKey) : undefined;
    if (key) {
      const stored = this.cache!.get('repo', key);
      if (isStored(stored) && this.holds(stored)) {
        this.hits++;
        for (const e of stored.events) apply(e);
        return stored.repoDiagnostics;
      }
    }
    const events: StepEvent[] = [];
    const { deps } = this.repo.track(() => run((e) => { events.push(e); apply(e); }));
    // a step that read evidence given to the audit is not keyed by it: it runs again
    if (key && !deps.opaque && !deps.evidence && !timedOut(deps, events)) this.cache!.put('repo', key, this.toStored(deps, events));
    return deps.diagnostics;
  }

  private toStored(deps: RepoDeps, events: StepEvent[]): StoredStep {
    return {
      go: deps.go ? this.repo.goFactsDigest() : null,
      root: deps.root ? this.repo.rootUntracked : null,
      files: [...deps.files],
      events: JSON.parse(JSON.stringify(events)) as StepEvent[],
      repoDiagnostics: deps.diagnostics,
    };
  }
}
