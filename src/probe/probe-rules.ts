/**
 * The checks a probe makes: evidence rules of the registry (ids in the 9xxx range of their
 * dimension), so runtime findings carry the audit's finding shape, docs and SARIF rule metadata.
 */
import { evidenceCheck, type EvidenceCheck } from '../core/evidence-check.js';
import leak from '../rules/concurrency/runtime-goroutine-leak.js';
import blocked from '../rules/concurrency/runtime-goroutine-blocked.js';
import heap from '../rules/runtime/runtime-heap-growth.js';
import gcPressure from '../rules/runtime/runtime-gc-pressure.js';
import gcSettings from '../rules/runtime/runtime-gc-settings.js';
import exposed from '../rules/security/runtime-debug-endpoint-exposed.js';

export type ProbeRule = EvidenceCheck;

export const PROBE_RULES = {
  leak: evidenceCheck(leak),
  blocked: evidenceCheck(blocked),
  heap: evidenceCheck(heap),
  gcPressure: evidenceCheck(gcPressure),
  gcSettings: evidenceCheck(gcSettings),
  exposed: evidenceCheck(exposed),
} as const satisfies Record<string, ProbeRule>;

/** The registry rules behind PROBE_RULES. */
export const PROBE_RULE_LIST = [leak, blocked, heap, gcPressure, gcSettings, exposed];
