/**
 * Rule metadata as plain data (what `goready rules --format json` prints): the rule's `meta`, its
 * kind and its prefilters. `metadata.generated.ts` holds it for every rule, so listing and
 * explaining rules loads no rule code; the test suite keeps it equal to the rules themselves.
 */
import type { RuleMeta } from '../core/types.js';
import type { Rule } from './define-rule.js';

export type RuleMetadata = RuleMeta & (
  | { kind: 'file'; prefilter: string[] | null; prefilterAll: (string | string[])[] | null; prefilterRegex: string | null; includeTests: boolean; crossFile: boolean }
  | { kind: 'repo' }
);

export function ruleMetadataOf(r: Rule): RuleMetadata {
  return r.kind === 'file'
    ? { ...r.meta, kind: r.kind, prefilter: r.prefilter ?? null, prefilterAll: r.prefilterAll ?? null, prefilterRegex: r.prefilterRegex?.source ?? null, includeTests: !!r.includeTests, crossFile: !!r.finish }
    : { ...r.meta, kind: r.kind };
}

/** Whether `idOrName` names this rule: its id (any case) or its kebab-case name. */
export function namesRule(meta: RuleMeta, idOrName: string): boolean {
  const key = idOrName.trim().toLowerCase();
  return meta.id.toLowerCase() === key || meta.name === key;
}
