/**
 * A rule's documentation (report/rule-doc.ts) as markdown: the full page (docs/rules/<ID>.md) and
 * the short help a SARIF rule carries.
 */
import { DIMENSION_TITLES, fenceLanguage } from '../core/types.js';
import type { RuleDoc, RuleDocExample } from '../report/rule-doc.js';

const codeList = (xs: string[]) => xs.map((s) => `\`${s}\``).join(', ');

function fenced(ex: RuleDocExample, code: string): string[] {
  return [`\`\`\`${fenceLanguage(ex.filename)}`, code.trimEnd(), '```'];
}

/** The rule's page: metadata table, pass criterion, why, fix, notes, messages, examples, suppressing, where it lives. */
export function ruleDocMarkdown(d: RuleDoc): string {
  const weight = (x: number) => Number(x.toFixed(2)).toString();
  const dim = DIMENSION_TITLES[d.dimension];
  const lines = [
    `# ${d.id} ${d.name}`,
    '',
    `**${d.title}**`,
    '',
    '| dimension | severity | confidence | lifecycle | fix effort | equivalents |',
    '|---|---|---|---|---|---|',
    `| ${dim} | ${d.severity} | ${d.confidence} | ${d.lifecycle} | ${d.fix.effort} | ${d.sources.length ? codeList(d.sources) : 'none'} |`,
    '',
    ...(d.experimentalReason ? [`**Experimental (off by default; \`enable: [${d.id}]\` turns it on):** ${d.experimentalReason}`, ''] : []),
    ...(d.passCriterion ? ['## Pass criterion', '', `${d.passCriterion[0]!.toUpperCase()}${d.passCriterion.slice(1)}.`, ''] : []),
    '## Why it matters',
    '',
    d.rationale,
    '',
    '## How to fix',
    '',
    d.fix.text,
    '',
  ];
  if (d.notes) lines.push('## Notes', '', d.notes, '');
  lines.push('## Messages', '', ...d.messages.map(([k, v]) => `- \`${k}\`: ${v}`), '');
  for (const [i, ex] of d.examples.entries()) {
    const n = d.examples.length > 1 ? ` ${i + 1}` : '';
    const file = ex.filename ? ` (\`${ex.filename}\`)` : '';
    lines.push(`## Before${n}${file}`, '', ...fenced(ex, ex.bad), '', `## After${n}${file}`, '', ...fenced(ex, ex.good), '');
  }
  lines.push('## Suppressing', '', `\`${d.suppress}\` on the line or the line above${d.sources.length ? `; the peer directives for ${d.sources.join(', ')} are honoured too` : ''}.`, '');
  const w = d.where;
  lines.push(
    '## Where it lives',
    '',
    ...(w ? [`- Source: [\`${w.source}\`](../../${w.source})`] : []),
    ...(w?.testdata ? [`- Testdata (\`// want\` lines, run by \`test/rules.test.ts\`): [\`${w.testdata}\`](../../${w.testdata})`] : []),
    ...(w?.tests?.length ? [`- Tested on real evidence by ${w.tests.map((t) => `[\`${t}\`](../../${t})`).join(', ')}`] : []),
    `- Score weight: ${weight(d.weight.points)} penalty points per finding in the ${dim} score (severity ${d.severity} ${d.weight.severity} × confidence ${d.confidence} ${d.weight.confidence}, as reported; a finding may lower its own confidence or severity; ×${d.weight.nonShipped} in code that does not ship when \`--include-non-shipped\` keeps it). The policy: \`src/scoring/policy.ts\`.`,
    `- Id scheme: [rules index](README.md#ids).`,
    '',
  );
  return lines.join('\n');
}

/** The short help of a SARIF rule: title, why, fix, the first example, equivalents, how to suppress. */
export function ruleHelpMarkdown(d: RuleDoc): string {
  const parts = [
    `**${d.title}**`,
    '',
    d.rationale,
    '',
    `**How to fix** (effort: ${d.fix.effort}): ${d.fix.text}`,
  ];
  const ex = d.examples[0];
  if (ex) parts.push('', '**Before**', '', ...fenced(ex, ex.bad), '', '**After**', '', ...fenced(ex, ex.good));
  if (d.sources.length) parts.push('', `Equivalent checks: ${codeList(d.sources)}.`);
  parts.push('', `Suppress with \`${d.suppress}\`.`);
  return parts.join('\n');
}
