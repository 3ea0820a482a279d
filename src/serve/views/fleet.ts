/** Dashboard page: one survey's fleet overview (heatmap, charts, top rules, worst repositories, before / after, trends). */
import { DIMENSIONS, DIMENSION_TITLES, type Dimension } from '../../core/types.js';
import type { FleetReport, FleetRepo } from '../../report/fleet-model.js';
import { html } from '../../printers/html-kit/safe-html.js';
import { comparisonTable, failedList, heatmap, topRulesTable, trendsTable, worstReposTable } from '../../printers/html-kit/fleet-tables.js';
import { HEAT_COLORS } from '../../printers/html-kit/parts.js';
import { layout, LINE_COLORS } from './layout.js';
import { date } from '../view-models.js';

function bucketOf(score: number | null | undefined): number {
  if (score === null || score === undefined) return 4;
  return score < 50 ? 0 : score < 70 ? 1 : score < 90 ? 2 : 3;
}

function distributionChart(report: FleetReport) {
  const audited = report.repos.filter((r) => r.scores);
  const labels = ['overall', ...DIMENSIONS.map((d) => DIMENSION_TITLES[d])];
  const values = (i: number) => [
    audited.filter((r) => bucketOf(r.scores!.overall) === i).length,
    ...DIMENSIONS.map((d) => audited.filter((r) => bucketOf(r.scores!.dimensions[d]?.score) === i).length),
  ];
  const names = ['0–49', '50–69', '70–89', '90–100', 'inconclusive'];
  const colors = [HEAT_COLORS[1], HEAT_COLORS[3], HEAT_COLORS[7], HEAT_COLORS[9], '#c9d1d9'];
  return {
    canvas: 'chart-distribution',
    config: {
      type: 'bar',
      data: { labels, datasets: names.map((label, i) => ({ label, data: values(i), backgroundColor: colors[i] })) },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, title: { display: true, text: 'repositories' }, ticks: { precision: 0 } }, y: { stacked: true } }, plugins: { title: { display: true, text: 'Score distribution per dimension (repositories per score band)' } } },
    },
  };
}

function topRulesChart(report: FleetReport) {
  return {
    canvas: 'chart-top-rules',
    config: {
      type: 'bar',
      data: { labels: report.topRules.map((t) => `${t.ruleId} ${t.ruleName}`), datasets: [{ label: 'repositories affected', data: report.topRules.map((t) => t.repos), backgroundColor: HEAT_COLORS[2] }] },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, scales: { x: { ticks: { precision: 0 }, beginAtZero: true } }, plugins: { legend: { display: false }, title: { display: true, text: 'Top rules by repositories affected' } } },
    },
  };
}

function trendChart(report: FleetReport) {
  const series: [string, (number | null)[]][] = [
    ['mean overall', report.trends.map((t) => t.meanOverall)],
    ...DIMENSIONS.map((d) => [DIMENSION_TITLES[d], report.trends.map((t) => t.dimensions[d])] as [string, (number | null)[]]),
  ];
  return {
    canvas: 'chart-trend',
    config: {
      type: 'line',
      data: { labels: report.trends.map((t) => `#${t.surveyId} ${t.createdAt.slice(0, 10)}`), datasets: series.map(([label, data], i) => ({ label, data, borderColor: LINE_COLORS[i % LINE_COLORS.length], backgroundColor: LINE_COLORS[i % LINE_COLORS.length], borderWidth: i === 0 ? 3 : 1.5, spanGaps: true })) },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } }, plugins: { title: { display: true, text: 'Mean scores over surveys (this survey\u2019s repositories)' } } },
    },
  };
}

export function fleetPage(report: FleetReport, surveys: { id: number; name: string }[]): string {
  const s = report.survey;
  const repoHref = (r: FleetRepo) => `/repos/${r.repoId}?survey=${s.id}`;
  const cellHref = (r: FleetRepo, d: Dimension) => `/findings?survey=${s.id}&repo=${r.repoId}&dimension=${d}`;
  const others = surveys.filter((x) => x.id !== s.id);
  const body = html`<h1>${s.name}</h1>
<p class="muted">Survey #${s.id} · ${date(s.createdAt)} · ${s.done}/${s.total} audited${s.failed ? `, ${s.failed} failed` : ''}${s.pending ? `, ${s.pending} pending` : ''} · source <code>${s.source}</code></p>
<div class="cards">
  <div class="card"><b>${report.overall.mean ?? '—'}</b>mean overall</div>
  <div class="card"><b>${report.overall.median ?? '—'}</b>median overall</div>
  <div class="card"><b><a href="/findings?survey=${s.id}">${report.repos.reduce((n, r) => n + r.findingCounts.total, 0)}</a></b>findings</div>
  <div class="card"><b>${report.repos.filter((r) => r.scores).length}</b>repositories</div>
</div>
<h2>Dimension × repository</h2>
${heatmap(report, { repoHref, cellHref })}
<h2>Charts</h2>
<div class="grid2">
  <div class="chart"><canvas id="chart-distribution" aria-label="score distribution per dimension" role="img"></canvas></div>
  <div class="chart"><canvas id="chart-top-rules" aria-label="top rules by repositories affected" role="img"></canvas></div>
</div>
<div class="chart small"><canvas id="chart-trend" aria-label="trend of mean scores" role="img"></canvas></div>
<h2>Top rules by repositories affected</h2>
${topRulesTable(report, (id) => `/rules/${encodeURIComponent(id)}?survey=${s.id}`)}
<h2>Worst repositories</h2>
${worstReposTable(report, (id) => `/repos/${id}?survey=${s.id}`)}
<h2>Before / after</h2>
<form class="filters" method="get" action="/surveys/${s.id}">
  <label>compare with an earlier survey<select name="compare"><option value="">—</option>${others.map((o) => html`<option value="${o.id}"${report.comparison?.base.id === o.id ? html` selected` : ''}>#${o.id} ${o.name}</option>`)}</select></label>
  <button type="submit">compare</button>
</form>
${report.comparison ? comparisonTable(report) : html`<p class="muted">Choose a survey to see findings before / after per project.</p>`}
<h2>Trends</h2>
${trendsTable(report, (id) => `/surveys/${id}`)}
${failedList(report)}
<p class="muted"><a href="/api/surveys/${s.id}/report.json">report JSON</a></p>`;
  return layout(`survey ${s.name}`, [{ label: 'surveys', href: '/' }, { label: `#${s.id} ${s.name}` }], body, [distributionChart(report), topRulesChart(report), trendChart(report)]);
}
