/**
 * The runtime evidence (`audit --probe URL|DIR`, a survey line's `probe=`) as one fact provider:
 * it reads the probe's target (an `evidence` input with the duration and interval: a live
 * service is different on every run, saved profiles are keyed by content) and collects the run —
 * sampled live for the duration, or read from saved profiles. The runtime join
 * (`joinRuntimeEvidence`, src/probe/run-probe.ts) requires it and judges the audit's findings
 * with it; runtime evidence is never reused from an earlier audit (not cacheable).
 */
import { defineAsyncProvider, evidenceInput, factKey, type EvidenceJoin } from '../facts/fact-provider.js';
import { collect, ProbeInputError } from './collect.js';
import type { ProbeRun } from './model.js';

export interface RuntimeEvidence {
  /** The probe's target as given. */
  target: string;
  run?: ProbeRun;
  /** Why nothing could be probed (ProbeInputError): the audit is reported without runtime evidence. */
  error?: string;
}

export const PROBE_EVIDENCE = factKey<RuntimeEvidence | undefined>('evidence:probe');

export const probeEvidenceProvider = defineAsyncProvider({
  provides: PROBE_EVIDENCE,
  reads: [evidenceInput('probe')],
  cacheable: false,
  computeAsync: async (repo): Promise<RuntimeEvidence | undefined> => {
    const target = repo.evidenceSources('probe')[0];
    if (target === undefined) return undefined;
    const { durationMs, intervalMs } = repo.evidenceSettings('probe');
    try {
      return { target, run: await collect({ target, durationMs: Number(durationMs), intervalMs: Number(intervalMs) }) };
    } catch (e) {
      if (!(e instanceof ProbeInputError)) throw e;
      return { target, error: e.message };
    }
  },
});

/** The evidence the runtime join requires: the probe of `target` for `durationMs`, sampled every `intervalMs`. */
export function runtimeEvidence(target: string, o: { durationMs: number; intervalMs: number }): EvidenceJoin {
  return { providers: [probeEvidenceProvider], requires: [PROBE_EVIDENCE], given: { probe: { sources: [target], settings: { durationMs: o.durationMs, intervalMs: o.intervalMs } } } };
}
