/**
 * The fleet report as one self-contained HTML page (no script, no external resource; a strict
 * Content-Security-Policy): heatmap, per-dimension distribution (inline SVG box plots), top rules,
 * worst repos, comparison with an earlier survey, trends. The tables are the HTML kit's
 * (html-kit/fleet-tables.ts), which the dashboard shows too.
 */
import { DIMENSIONS, DIMENSION_TITLES } from '../core/types.js';
import type { FleetReport, ScoreStats } from '../report/fleet-model.js';
import { esc, html, raw, type SafeHtml } from './html-kit/safe-html.js';
import { comparisonTable, failedList, heatmap, topRulesTable, trendsTable, worstReposTable } from './html-kit/fleet-tables.js';
import { KIT_CSS } from './html-kit/css.js';
import { htmlPage, styleElement } from './html-kit/page.js';

/** One SVG with a box plot (min, quartiles, median, max) per dimension on a 0–100 axis. */
export function distributionSvg(report: Pick<FleetReport, 'dimensions' | 'overall'>): SafeHtml {
  const rows: [string, ScoreStats][] = [['overall', report.overall], ...DIMENSIONS.map((d) => [DIMENSION_TITLES[d], report.dimensions[d]] as [string, ScoreStats])];
  const left = 170;
  const width = 640;
  const rowH = 26;
  const x = (v: number) => left + (v / 100) * (width - left - 20);
  const parts: string[] = [];
  rows.forEach(([label, s], i) => {
    const y = 20 + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end" font-size="12">${esc(label)}</text>`);
    if (s.scored === 0) {
      parts.push(`<text x="${x(0)}" y="${y + 4}" font-size="11" fill="#57606a">inconclusive for every repo</text>`);
      return;
    }
    parts.push(`<line x1="${x(s.min!)}" x2="${x(s.max!)}" y1="${y}" y2="${y}" stroke="#57606a"/>`);
    parts.push(`<rect x="${x(s.q1!)}" y="${y - 8}" width="${Math.max(1, x(s.q3!) - x(s.q1!))}" height="16" fill="#a6d96a" stroke="#1b1f24"/>`);
    parts.push(`<line x1="${x(s.median!)}" x2="${x(s.median!)}" y1="${y - 8}" y2="${y + 8}" stroke="#1b1f24" stroke-width="2"/>`);
    parts.push(`<text x="${x(100) + 4}" y="${y + 4}" font-size="11" fill="#57606a">n=${s.scored}</text>`);
  });
  const axisY = 20 + rows.length * rowH - 8;
  for (let v = 0; v <= 100; v += 20) {
    parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="8" y2="${axisY}" stroke="#eaeef2"/>`);
    parts.push(`<text x="${x(v)}" y="${axisY + 14}" font-size="11" text-anchor="middle" fill="#57606a">${v}</text>`);
  }
  return raw(`<svg xmlns="http://www.w3.org/2000/svg" width="${width + 30}" height="${axisY + 24}" role="img" aria-label="score distribution per dimension">${parts.join('')}</svg>`);
}

export function printFleetHtml(report: FleetReport): string {
  const s = report.survey;
  const body = html`<main>
<h1>goready fleet report: ${s.name}</h1>
<p class="muted">Survey #${s.id} · ${s.createdAt.slice(0, 16).replace('T', ' ')} · ${s.done}/${s.total} audited${s.failed ? `, ${s.failed} failed` : ''}${s.pending ? `, ${s.pending} pending` : ''} · goready ${report.tool.version}</p>
<div class="cards">
  <div class="card"><b>${report.overall.mean ?? '—'}</b>mean overall score</div>
  <div class="card"><b>${report.overall.median ?? '—'}</b>median</div>
  <div class="card"><b>${report.repos.reduce((n, r) => n + r.findingCounts.total, 0)}</b>findings</div>
  <div class="card"><b>${report.repos.filter((r) => r.scores).length}</b>repositories</div>
</div>
<h2>Dimension × repository</h2>
${heatmap(report)}
<h2>Score distribution per dimension</h2>
${distributionSvg(report)}
<h2>Top rules by repositories affected</h2>
${topRulesTable(report)}
<h2>Worst repositories</h2>
${worstReposTable(report)}
${report.comparison ? html`<h2>Before / after</h2>${comparisonTable(report)}` : ''}
<h2>Trends</h2>
${trendsTable(report)}
${failedList(report)}
</main>`;
  return htmlPage({
    title: `goready fleet: ${s.name}`,
    csp: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    head: styleElement(KIT_CSS),
    body,
  });
}
