/** `goready rules` and `goready explain`: the rule metadata, as text or JSON. */
import { createColors } from 'picocolors';
import { DIMENSIONS, DIMENSION_TITLES } from '../core/types.js';
import type { Rule } from '../rules/define-rule.js';
import { allRules, findRule } from '../rules/registry.js';

/** The commands that report an evidence rule. */
const REPORTED_BY = {
  artifact: 'goready artifact BIN|IMAGE.tar, goready audit --artifact BIN|IMAGE.tar (from a built binary\'s build information or an image config)',
  probe: 'goready probe URL|DIR|run.json, goready audit --probe URL (from a running service\'s pprof, expvar and metrics)',
} as const;

export function ruleToJson(r: Rule) {
  if (r.kind === 'file') return { ...r.meta, kind: r.kind, prefilter: r.prefilter ?? null, prefilterAll: r.prefilterAll ?? null, prefilterRegex: r.prefilterRegex?.source ?? null, includeTests: !!r.includeTests, crossFile: !!r.finish };
  if (r.kind === 'evidence') return { ...r.meta, kind: r.kind, evidence: r.evidence, reportedBy: REPORTED_BY[r.evidence] };
  return { ...r.meta, kind: r.kind };
}

export function listRules(format: 'text' | 'json', color: boolean, dimension?: string): string {
  const rules = allRules().filter((r) => !dimension || r.meta.dimension === dimension);
  if (format === 'json') return `${JSON.stringify(rules.map(ruleToJson), null, 2)}\n`;
  const c = createColors(color);
  const out: string[] = [];
  for (const dim of DIMENSIONS) {
    const list = rules.filter((r) => r.meta.dimension === dim);
    if (!list.length) continue;
    out.push(c.bold(DIMENSION_TITLES[dim]));
    for (const r of list) {
      const exp = r.meta.lifecycle === 'experimental' ? c.yellow(' (experimental, off by default)') : r.kind === 'evidence' ? c.dim(` (${r.evidence} evidence)`) : '';
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
  if (format === 'json') return `${JSON.stringify(ruleToJson(r), null, 2)}\n`;
  const c = createColors(color);
  const m = r.meta;
  const out = [
    c.bold(`${m.id} ${m.name}`) + ` — ${m.title}`,
    `dimension: ${DIMENSION_TITLES[m.dimension]}   severity: ${m.severity}   confidence: ${m.confidence}   lifecycle: ${m.lifecycle}`,
    m.sources.length ? `equivalents: ${m.sources.join(', ')}` : 'equivalents: none claimed',
    ...(r.kind === 'evidence' ? [`reported by: ${REPORTED_BY[r.evidence]}`] : []),
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
