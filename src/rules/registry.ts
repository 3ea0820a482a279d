/** Lookup over all rules: by id, by kebab-case name, by dimension. */
import { DIMENSIONS, type Dimension } from '../core/types.js';
import type { FileRule, RepoRule, Rule } from './define-rule.js';
import { rules } from './registry.generated.js';
import { namesRule } from './metadata.js';
import { ProviderRegistry } from '../facts/fact-provider.js';
import { FACT_PROVIDER_LIST } from '../facts/fact-providers.js';
import { govulncheckEvidenceProvider } from '../supply/govulncheck-evidence.js';

let providers: ProviderRegistry | undefined;

/** Every fact provider rules may require: those of src/facts/ and the evidence providers of src/supply/. */
export function factProviders(): ProviderRegistry {
  providers ??= new ProviderRegistry([...FACT_PROVIDER_LIST, govulncheckEvidenceProvider]);
  return providers;
}

export function allRules(): readonly Rule[] {
  return rules;
}

export function fileRulesOf(list: readonly Rule[]): FileRule[] {
  return list.filter((r): r is FileRule => r.kind === 'file');
}

export function repoRulesOf(list: readonly Rule[]): RepoRule[] {
  return list.filter((r): r is RepoRule => r.kind === 'repo');
}

export function findRule(idOrName: string): Rule | undefined {
  return rules.find((r) => namesRule(r.meta, idOrName));
}

export function isDimension(s: string): s is Dimension {
  return (DIMENSIONS as readonly string[]).includes(s);
}

/** Rules selected by an id, a name or a dimension. */
export function selectRules(selector: string): Rule[] {
  if (isDimension(selector)) return rules.filter((r) => r.meta.dimension === selector);
  // every rule that is off by default for its blind precision: the thorough audit, one word
  if (selector === 'experimental') return rules.filter((r) => r.meta.lifecycle === 'experimental');
  const r = findRule(selector);
  return r ? [r] : [];
}
