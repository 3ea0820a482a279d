/** `goready diff` output: text (terminal) and markdown (json and the registry: printers/index.ts). */
import type { DiffFinding, DiffReport } from '../report/diff-model.js';
import { mdEscape } from './markdown.js';

const loc = (f: DiffFinding) => `${f.file}:${f.line}`;

export function printDiffText(d: DiffReport): string {
  const out = [`goready diff: ${d.from.kind} #${d.from.id} ${d.from.label} → ${d.to.kind} #${d.to.id} ${d.to.label}`, ''];
  for (const r of d.repos) {
    if (d.repos.length > 1 || !r.from || !r.to) {
      const note = !r.from ? ' (only in the second)' : !r.to ? ' (only in the first)' : '';
      out.push(`${r.name}${note}: ${r.new.length} new, ${r.fixed.length} fixed, ${r.unchanged} unchanged`);
    }
    for (const f of r.new) out.push(`  + ${loc(f)}  ${f.severity}  ${f.ruleId} ${f.ruleName}: ${f.message}`);
    for (const f of r.fixed) out.push(`  - ${loc(f)}  ${f.severity}  ${f.ruleId} ${f.ruleName}: ${f.message}`);
  }
  out.push('', `${d.totals.new} new, ${d.totals.fixed} fixed, ${d.totals.unchanged} unchanged`);
  return `${out.join('\n')}\n`;
}

export function printDiffMarkdown(d: DiffReport): string {
  const out = [`## goready diff: ${d.from.kind} #${d.from.id} → #${d.to.id}`, '', `**${d.totals.new} new, ${d.totals.fixed} fixed, ${d.totals.unchanged} unchanged**`, '',
    '| project | new | fixed | unchanged |', '|---|---:|---:|---:|',
    ...d.repos.map((r) => `| ${mdEscape(r.name)} | ${r.new.length} | ${r.fixed.length} | ${r.unchanged} |`), ''];
  const rows = d.repos.flatMap((r) => [...r.new.map((f) => ['new', r.name, f] as const), ...r.fixed.map((f) => ['fixed', r.name, f] as const)]);
  if (rows.length) {
    out.push('| change | project | location | rule | message |', '|---|---|---|---|---|',
      ...rows.slice(0, 500).map(([k, name, f]) => `| ${k} | ${mdEscape(name)} | \`${loc(f).replace(/`/g, "'")}\` | ${f.ruleId} | ${mdEscape(f.message)} |`));
    if (rows.length > 500) out.push('', `… and ${rows.length - 500} more.`);
  }
  return `${out.join('\n')}\n`;
}
