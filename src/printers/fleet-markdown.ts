/** The fleet report as Markdown (for an issue or a wiki page); every repo string is escaped. */
import { DIMENSIONS, DIMENSION_TITLES } from '../core/types.js';
import type { FleetReport } from '../report/fleet-model.js';
import { mdEscape } from './markdown.js';

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

export function printFleetMarkdown(report: FleetReport): string {
  const s = report.survey;
  const out: string[] = [
    `# goready fleet report: ${mdEscape(s.name)}`,
    '',
    `Survey #${s.id}, ${s.createdAt.slice(0, 16).replace('T', ' ')}: ${s.done}/${s.total} audited${s.failed ? `, ${s.failed} failed` : ''}${s.pending ? `, ${s.pending} pending` : ''}. ` +
      `Mean overall score ${cell(report.overall.mean)} (median ${cell(report.overall.median)}).`,
    '',
    '## Dimension × repository',
    '',
    `| repository | overall | ${DIMENSIONS.map((d) => DIMENSION_TITLES[d]).join(' | ')} | findings |`,
    `|---|---:|${DIMENSIONS.map(() => '---:').join('|')}|---:|`,
    ...report.repos.map((r) => r.scores
      ? `| ${mdEscape(r.name)} | ${cell(r.scores.overall)} ${r.scores.grade} | ${DIMENSIONS.map((d) => cell(r.scores!.dimensions[d]?.score)).join(' | ')} | ${r.findingCounts.total} |`
      : `| ${mdEscape(r.name)} | ${r.status} | ${DIMENSIONS.map(() => '').join(' | ')} | |`),
    '',
    '## Score distribution per dimension',
    '',
    '| dimension | repos scored | min | Q1 | median | Q3 | max | mean | pass | at risk | inconclusive |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...[['overall', report.overall] as const, ...DIMENSIONS.map((d) => [DIMENSION_TITLES[d], report.dimensions[d]] as const)].map(([label, x]) =>
      `| ${label} | ${x.scored} | ${cell(x.min)} | ${cell(x.q1)} | ${cell(x.median)} | ${cell(x.q3)} | ${cell(x.max)} | ${cell(x.mean)} | ${x.pass} | ${x.risk} | ${x.inconclusive} |`),
    '',
    '## Top rules by repositories affected',
    '',
  ];
  if (report.topRules.length) {
    out.push('| rule | dimension | severity | repos | findings |', '|---|---|---|---:|---:|',
      ...report.topRules.map((t) => `| ${t.ruleId} ${mdEscape(t.ruleName)}: ${mdEscape(t.title)} | ${DIMENSION_TITLES[t.dimension] ?? t.dimension} | ${t.severity} | ${t.repos} | ${t.findings} |`));
  } else out.push('No findings across the fleet.');
  out.push('', '## Worst repositories', '', '| repository | overall | grade | weakest dimension | findings |', '|---|---:|---|---|---:|',
    ...report.worstRepos.map((w) => `| ${mdEscape(w.name)} | ${cell(w.overall)} | ${w.grade} | ${w.weakest ? DIMENSION_TITLES[w.weakest] : '—'} | ${w.findings} |`));
  if (report.comparison) {
    const c = report.comparison;
    const sign = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));
    out.push('', `## Before / after (survey #${c.base.id} → #${s.id})`, '', '| project | findings before | after | change |', '|---|---:|---:|---:|',
      ...c.rows.map((r) => `| ${mdEscape(r.name)} | ${cell(r.before)} | ${cell(r.after)} | ${sign(r.change)} |`),
      `| **total** | ${c.totalBefore} | ${c.totalAfter} | ${sign(c.totalAfter - c.totalBefore)} |`);
  }
  out.push('', '## Trends', '', `| survey | date | repos | mean overall | ${DIMENSIONS.map((d) => DIMENSION_TITLES[d]).join(' | ')} | findings |`,
    `|---|---|---:|---:|${DIMENSIONS.map(() => '---:').join('|')}|---:|`,
    ...report.trends.map((t) => `| #${t.surveyId} ${mdEscape(t.name)} | ${t.createdAt.slice(0, 10)} | ${t.repos} | ${cell(t.meanOverall)} | ${DIMENSIONS.map((d) => cell(t.dimensions[d])).join(' | ')} | ${t.findings} |`));
  const failed = report.repos.filter((r) => r.status === 'failed');
  if (failed.length) out.push('', '## Failed', '', ...failed.map((r) => `- **${mdEscape(r.name)}**: ${mdEscape(r.error ?? 'unknown error')}`));
  return `${out.join('\n')}\n`;
}
