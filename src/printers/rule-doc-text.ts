/** A rule's documentation (report/rule-doc.ts) as plain text: `goready explain` and the SARIF rule's help text. */
import { createColors } from 'picocolors';
import { DIMENSION_TITLES } from '../core/types.js';
import type { RuleDoc } from '../report/rule-doc.js';

function indent(code: string): string {
  return code.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
}

/** The whole rule for a terminal (bold headings when `color`). */
export function ruleDocText(d: RuleDoc, color: boolean): string {
  const c = createColors(color);
  const out = [
    c.bold(`${d.id} ${d.name}`) + ` — ${d.title}`,
    `dimension: ${DIMENSION_TITLES[d.dimension]}   severity: ${d.severity}   confidence: ${d.confidence}   lifecycle: ${d.lifecycle}`,
    d.sources.length ? `equivalents: ${d.sources.join(', ')}` : 'equivalents: none claimed',
    ...(d.reportedBy ? [`reported by: ${d.reportedBy}`] : []),
    ...(d.experimentalReason ? [c.yellow(`experimental (off by default): ${d.experimentalReason}`)] : []),
    ...(d.passCriterion ? ['', c.bold('Passes when'), d.passCriterion] : []),
    '',
    c.bold('Why'),
    d.rationale,
    '',
    c.bold(`Fix (effort: ${d.fix.effort})`),
    d.fix.text,
  ];
  if (d.notes) out.push('', c.bold('Notes'), d.notes);
  for (const [i, ex] of d.examples.entries()) {
    out.push('', c.bold(`Before${d.examples.length > 1 ? ` (${i + 1})` : ''}`), indent(ex.bad), c.bold('After'), indent(ex.good));
  }
  return `${out.join('\n')}\n`;
}

/** The short help text of a SARIF rule: why, and how to fix. */
export function ruleHelpText(d: RuleDoc): string {
  return `${d.rationale}\n\nHow to fix: ${d.fix.text}`;
}
