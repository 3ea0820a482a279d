/**
 * Stable finding fingerprints, shared by SARIF (`partialFingerprints`), the store and `goready diff`:
 * rule + file + whitespace-normalised source line, so a finding keeps its identity when code
 * moves up or down; an occurrence counter separates identical lines in one file.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/types.js';

/** Fingerprint from rule, path and the whitespace-normalised source line: survives code moving. */
export function fingerprint(f: Pick<Finding, 'ruleId' | 'file' | 'snippet' | 'message'>, occurrence: number): string {
  const snippet = (f.snippet ?? f.message).replace(/\s+/g, ' ').trim();
  const h = createHash('sha256').update(`${f.ruleId}\0${f.file}\0${snippet}`).digest('hex').slice(0, 32);
  return `${h}:${occurrence}`;
}

/** Fingerprints of a report's findings, in order, numbering repeated ones 1, 2, 3… */
export function fingerprintAll(findings: readonly Pick<Finding, 'ruleId' | 'file' | 'snippet' | 'message'>[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = fingerprint(f, 0);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return fingerprint(f, occurrence);
  });
}
