/**
 * `goready rules` and `goready explain`: the rule metadata, as text or JSON. Reads the generated
 * metadata only: no rule code is loaded (start-up stays fast).
 */
import { createColors } from 'picocolors';
import { DIMENSIONS, DIMENSION_TITLES } from '../core/types.js';
import { namesRule, type RuleMetadata } from '../rules/metadata.js';
import { ruleMetadata } from '../rules/metadata.generated.js';

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
  const c = createColors(color);
  const m = r.meta;
  const out = [
    c.bold(`${m.id} ${m.name}`) + ` — ${m.title}`,
    `dimension: ${DIMENSION_TITLES[m.dimension]}   severity: ${m.severity}   confidence: ${m.confidence}   lifecycle: ${m.lifecycle}`,
    m.sources.length ? `equivalents: ${m.sources.join(', ')}` : 'equivalents: none claimed',
    ...(m.kind === 'evidence' ? [`reported by: ${m.reportedBy}`] : []),
    ...(m.experimentalReason ? [c.yellow(`experimental (off by default): ${m.experimentalReason}`)] : []),
    ...(m.passCriterion ? ['', c.bold('Passes when'), m.passCriterion] : []),
    '',
    c.bold('Why'),
    m.rationale,
    '',
    c.bold(`Fix (effort: ${m.fix.effort})`),
    m.fix.text,
  ];
  if (m.notes) out.push('', c.bold('Notes'), m.notes);
  for (const [i, ex] of m.examples.entries()) {
    out.push('', c.bold(`Before${m.examples.length > 1 ? ` (${i + 1})` : ''}`), indent(ex.bad), c.bold('After'), indent(ex.good));
  }
  return `${out.join('\n')}\n`;
}

function indent(code: string): string {
  return code.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
}
