/**
 * `goready rules` and `goready explain`: the rule metadata, as text or JSON. Reads the generated
 * metadata only: no rule code is loaded (start-up stays fast).
 */
import { createColors } from 'picocolors';
import { DIMENSIONS, DIMENSION_TITLES } from '../core/types.js';
import { namesRule, type RuleMetadata } from '../rules/metadata.js';
import { ruleMetadata } from '../rules/metadata.generated.js';
import { ruleDocOf } from '../report/rule-doc.js';
import { ruleDocText } from '../printers/rule-doc-text.js';

/** The rules as `goready rules` lists them, each with its metadata under `meta`. */
function allRules(): { meta: RuleMetadata }[] {
  return ruleMetadata.map((meta) => ({ meta }));
}

function findRule(idOrName: string): { meta: RuleMetadata } | undefined {
  const meta = ruleMetadata.find((m) => namesRule(m, idOrName));
  return meta && { meta };
}

export function listRules(format: 'text' | 'json', color: boolean, dimension?: string): string {
  const rules = allRules().filter((r) => !dimension || r.meta.dimension === dimension);
  if (format === 'json') return `${JSON.stringify(rules.map((r) => r.meta), null, 2)}\n`;
  const c = createColors(color);
  const out: string[] = [];
  for (const dim of DIMENSIONS) {
    const list = rules.filter((r) => r.meta.dimension === dim);
    if (!list.length) continue;
    out.push(c.bold(DIMENSION_TITLES[dim]));
    for (const r of list) {
      const exp = r.meta.lifecycle === 'experimental' ? c.yellow(' (experimental, off by default)') : r.meta.kind === 'evidence' ? c.dim(` (${r.meta.evidence} evidence)`) : '';
      out.push(`  ${c.magenta(r.meta.id)}  ${r.meta.name.padEnd(34)} ${r.meta.severity.padEnd(8)} ${r.meta.title}${exp}`);
    }
    out.push('');
  }
  out.push(`${rules.length} rules. \`goready explain <ID|name>\` shows one in full.`);
  return `${out.join('\n')}\n`;
}

export function explainRule(idOrName: string, format: 'text' | 'json', color: boolean): string | undefined {
  const r = findRule(idOrName);
  if (!r) return undefined;
  if (format === 'json') return `${JSON.stringify(r.meta, null, 2)}\n`;
  return ruleDocText(ruleDocOf(r.meta), color);
}
