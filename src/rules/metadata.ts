/**
 * Rule metadata as plain data (what `goready rules --format json` prints): the rule's `meta`, its
 * kind and its prefilters. `metadata.generated.ts` holds it for every rule, so listing and
 * explaining rules loads no rule code; the test suite keeps it equal to the rules themselves.
 */
import type { RuleMeta } from '../core/types.js';
import type { EvidenceSource } from '../core/evidence-check.js';
import type { Rule } from './define-rule.js';

/** The commands that report an evidence rule. */
export const REPORTED_BY: Record<EvidenceSource, string> = {
  artifact: 'goready artifact BIN|IMAGE.tar, goready audit --artifact BIN|IMAGE.tar (from a built binary\'s build information or an image config)',
  probe: 'goready probe URL|DIR|run.json, goready audit --probe URL (from a running service\'s pprof, expvar and metrics)',
};

export type RuleMetadata = RuleMeta & (
  | { kind: 'file'; prefilter: string[] | null; prefilterAll: (string | string[])[] | null; prefilterRegex: string | null; includeTests: boolean; crossFile: boolean }
  | { kind: 'repo' }
  | { kind: 'evidence'; evidence: EvidenceSource; reportedBy: string }
);

export function ruleMetadataOf(r: Rule): RuleMetadata {
  if (r.kind === 'file') return { ...r.meta, kind: r.kind, prefilter: r.prefilter ?? null, prefilterAll: r.prefilterAll ?? null, prefilterRegex: r.prefilterRegex?.source ?? null, includeTests: !!r.includeTests, crossFile: !!r.finish };
  if (r.kind === 'evidence') return { ...r.meta, kind: r.kind, evidence: r.evidence, reportedBy: REPORTED_BY[r.evidence] };
  return { ...r.meta, kind: r.kind };
}

/** Whether `idOrName` names this rule: its id (any case) or its kebab-case name. */
export function namesRule(meta: RuleMeta, idOrName: string): boolean {
  const key = idOrName.trim().toLowerCase();
  return meta.id.toLowerCase() === key || meta.name === key;
}
