/**
 * Markdown for pull-request comments: scorecard table, top findings with links, the rest in a
 * collapsed section, then the due-diligence tables (each check's pass criterion and verdict) collapsed;
 * stays under GitHub's comment limit (65,536 characters), truncating the findings with a count.
 */
import { DIMENSIONS, DIMENSION_TITLES, severityRank, type Finding } from '../core/types.js';
import type { Report } from '../report/model.js';
import { dueDiligence } from '../report/due-diligence.js';

export const GITHUB_COMMENT_LIMIT = 65_536;

/** Escapes text for a Markdown table cell or inline text (no HTML, no links, no emphasis from repo strings). */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]|<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function row(f: Finding, ruleUrl: (id: string) => string | undefined): string {
  const url = ruleUrl(f.ruleId);
  const id = url ? `[${f.ruleId}](${url})` : f.ruleId;
  const rt = f.confirmedBy === 'runtime' ? ' **(confirmed at runtime)**' : f.runtime ? ' **(runtime)**' : '';
  const place = (file: string, line: number) => `\`${file.replace(/`/g, "'")}:${line}\``;
  // the other places of the same concern (Finding.related), capped so that one row stays readable
  const more = f.related?.length
    ? ` (also ${f.related.slice(0, 5).map((r) => place(r.file, r.line)).join(', ')}${f.related.length > 5 ? ` and ${f.related.length - 5} more` : ''})`
    : '';
  return `| ${f.severity} | ${id} | ${place(f.file, f.line)}${more} | ${mdEscape(f.message)}${rt} |`;
}

const VERDICT_MD = { pass: '✅ pass', risk: '⚠️ risk', 'not judged': '➖ not judged' } as const;

/** The due-diligence tables, collapsed: per dimension, each check with its pass criterion, what was found and the verdict. */
export function dueDiligenceMarkdown(report: Report, ruleUrl: (id: string) => string | undefined): string {
  const out = ['<details><summary>Due diligence: what passing means, per check</summary>', ''];
  for (const x of dueDiligence(report)) {
    const status = x.status === 'inconclusive' ? `inconclusive (${mdEscape(x.reason ?? '')})` : `${x.status}, score ${x.score}`;
    out.push(`#### ${DIMENSION_TITLES[x.dimension]} — ${status}`, '');
    if (!x.checks.length) {
      out.push('No rules of this dimension are enabled.', '');
      continue;
    }
    out.push('| check | passes when | found | verdict |', '|---|---|---|---|');
    if (x.minimum) out.push(`| configured minimum | score ≥ ${x.minimum.score} | ${x.score ?? '—'} | ${x.minimum.met ? '✅ met' : '⚠️ not met'} |`);
    for (const c of x.checks) {
      const url = ruleUrl(c.rule.id);
      const id = url ? `[${c.rule.id}](${url})` : c.rule.id;
      const first = c.active[0];
      const found = c.active.length
        ? `${c.active.length} (\`${first!.file.replace(/`/g, "'")}:${first!.line}\`${c.active.length > 1 ? ', …' : ''})${c.suppressed ? `, ${c.suppressed} suppressed` : ''}`
        : c.suppressed ? `none unsuppressed (${c.suppressed} suppressed)` : c.rule.applicable ? 'none' : 'nothing to judge';
      out.push(`| ${id} ${c.rule.name} | ${mdEscape(c.criterion)} | ${found} | ${VERDICT_MD[c.verdict]} |`);
    }
    out.push('');
  }
  out.push('</details>', '');
  return out.join('\n');
}

export function printMarkdown(report: Report, limit = GITHUB_COMMENT_LIMIT): string {
  const s = report.scores;
  const urls = new Map(report.rules.map((r) => [r.id, r.helpUri]));
  const ruleUrl = (id: string) => urls.get(id);
  const head: string[] = [
    `## goready: ${mdEscape(report.target.name)} — ${s.overall ?? '—'}/100, grade ${s.grade}`,
    '',
    ...(report.probe ? [report.probe.error ? `Runtime evidence (--probe): not gathered: ${mdEscape(report.probe.error)}` : `Runtime evidence (--probe): ${report.probe.samples} sample(s), goroutine peak ${report.probe.goroutines.peak}, ${report.probe.leakSuspects} leak suspect(s), ${report.probe.confirmed} finding(s) confirmed at runtime, ${report.probe.added} added.`, ''] : []),
    '| dimension | score | verdict | findings |',
    '|---|---:|---|---:|',
    ...DIMENSIONS.map((d) => {
      const x = s.dimensions[d];
      const verdict = x.status === 'pass' ? '✅ pass' : x.status === 'risk' ? '⚠️ risk' : `➖ inconclusive (${mdEscape(x.reason)})`;
      return `| ${DIMENSION_TITLES[d]} | ${x.score ?? '—'} | ${verdict} | ${x.findings} |`;
    }),
    '',
  ];
  if (report.gate) head.push(report.gate.failed ? `**Gate failed:** ${mdEscape(report.gate.reasons.join('; '))}` : '**Gate passed.**', '');
  if (report.baseline) {
    const b = report.baseline;
    head.push(`Baseline: ${b.new} new, ${b.increased} in file/rule counts that increased, ${b.covered} covered (hidden), ${b.fixed} fixed.`, '');
  }
  if (report.newFromRev) head.push(`Only findings on lines changed since \`${report.newFromRev.rev.replace(/`/g, "'")}\` (${report.stats.hiddenByRev} others not shown).`, '');
  const active = report.findings.filter((f) => !f.suppressed && f.baseline !== 'covered')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const dd = dueDiligenceMarkdown(report, ruleUrl);
  if (!active.length) {
    head.push('No findings.', '', dd);
    return `${head.join('\n')}\n`;
  }
  const table = ['| severity | rule | location | message |', '|---|---|---|---|'];
  const top = active.slice(0, 10);
  const rest = active.slice(10);
  const out = [...head, `### Top findings (${active.length} in all)`, '', ...table, ...top.map((f) => row(f, ruleUrl)), ''];
  const footer = `<sub>goready ${report.tool.version} · ${report.stats.analysedFiles} Go files · ${report.stats.suppressed} suppressed</sub>`;
  if (rest.length) {
    const details = ['<details><summary>All other findings</summary>', '', ...table];
    let used = out.join('\n').length + details.join('\n').length + dd.length + footer.length + 200;
    let shown = 0;
    for (const f of rest) {
      const line = row(f, ruleUrl);
      if (used + line.length + 1 > limit) break;
      details.push(line);
      used += line.length + 1;
      shown++;
    }
    if (shown < rest.length) details.push('', `… and ${rest.length - shown} more findings not shown (comment size limit); see the full report.`);
    details.push('', '</details>', '');
    out.push(...details);
  }
  out.push(dd, footer);
  return `${out.join('\n')}\n`;
}
