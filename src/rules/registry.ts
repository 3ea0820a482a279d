/** Lookup over all rules: by id, by kebab-case name, by dimension. */
import { DIMENSIONS, type Dimension } from '../core/types.js';
import type { FileRule } from './define-rule.js';
import { fileRules } from './registry.generated.js';

export function allRules(): readonly FileRule[] {
  return fileRules;
}

export function findRule(idOrName: string): FileRule | undefined {
  const key = idOrName.trim();
  return fileRules.find((r) => r.meta.id.toLowerCase() === key.toLowerCase() || r.meta.name === key.toLowerCase());
}

export function isDimension(s: string): s is Dimension {
  return (DIMENSIONS as readonly string[]).includes(s);
}

/** Rules selected by an id, a name or a dimension. */
export function selectRules(selector: string): FileRule[] {
  if (isDimension(selector)) return fileRules.filter((r) => r.meta.dimension === selector);
  const r = findRule(selector);
  return r ? [r] : [];
}
