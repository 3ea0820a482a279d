/**
 * The fleet report's tables as the fleet HTML report and the dashboard show them: heatmap, top
 * rules, worst repositories, before / after, trends, failed audits. Each renders the fleet report
 * model (report/fleet-model.ts); links are the caller's (the dashboard links into its pages).
 */
import { DIMENSIONS, DIMENSION_TITLES, type Dimension } from '../../core/types.js';
import type { FleetReport, FleetRepo } from '../../report/fleet-model.js';
import { html, type SafeHtml } from './safe-html.js';
import { HEAT_COLORS, scoreClass } from './parts.js';

export function heatmap(report: Pick<FleetReport, 'repos'>, opts: { repoHref?: (r: FleetRepo) => string; cellHref?: (r: FleetRepo, d: Dimension) => string } = {}): SafeHtml {
  const cell = (r: FleetRepo, d: Dimension) => {
    const x = r.scores?.dimensions[d];
    const label = x?.score ?? (r.scores ? '—' : '');
    const title = x ? `${r.name} · ${DIMENSION_TITLES[d]}: ${x.score ?? 'inconclusive'} (${x.reason})` : r.name;
    const inner = opts.cellHref && r.scores ? html`<a href="${opts.cellHref(r, d)}">${label}</a>` : html`${label}`;
    return html`<td class="cell ${scoreClass(x?.score)}" data-dimension="${d}" title="${title}">${inner}</td>`;
  };
  const rows = report.repos.map((r) => html`<tr data-repo="${r.name}">
    <th scope="row">${opts.repoHref ? html`<a href="${opts.repoHref(r)}">${r.name}</a>` : r.name}${r.status !== 'done' ? html` <span class="muted">(${r.status})</span>` : ''}</th>
    <td class="cell ${scoreClass(r.scores?.overall)}" data-dimension="overall">${r.scores ? `${r.scores.overall ?? '—'} ${r.scores.grade}` : ''}</td>
    ${DIMENSIONS.map((d) => cell(r, d))}
    <td class="num">${r.scores ? r.findingCounts.total : ''}</td></tr>`);
  return html`<table class="heatmap" id="heatmap"><thead><tr><th>repository</th><th class="dim">overall</th>${DIMENSIONS.map((d) => html`<th class="dim" title="${d}">${DIMENSION_TITLES[d]}</th>`)}<th class="num">findings</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="legend muted">score: ${HEAT_COLORS.map((_, i) => html`<span class="h${i}">${i * 10}</span>`)} <span class="hna">n/a</span> inconclusive</p>`;
}

export function topRulesTable(report: Pick<FleetReport, 'topRules' | 'repos'>, ruleHref?: (id: string) => string): SafeHtml {
  if (!report.topRules.length) return html`<p>No findings across the fleet.</p>`;
  const audited = report.repos.filter((r) => r.scores).length;
  return html`<table id="top-rules"><thead><tr><th>rule</th><th>dimension</th><th>severity</th><th class="num">repos affected</th><th class="num">findings</th></tr></thead><tbody>
${report.topRules.map((t) => html`<tr><td>${ruleHref ? html`<a href="${ruleHref(t.ruleId)}">${t.ruleId}</a>` : t.ruleId} ${t.ruleName}<br><span class="muted">${t.title}</span></td><td>${DIMENSION_TITLES[t.dimension] ?? t.dimension}</td><td class="sev-${t.severity}">${t.severity}</td><td class="num">${t.repos} / ${audited}</td><td class="num">${t.findings}</td></tr>`)}
</tbody></table>`;
}

export function worstReposTable(report: Pick<FleetReport, 'worstRepos'>, repoHref?: (repoId: number) => string): SafeHtml {
  return html`<table id="worst-repos"><thead><tr><th>repository</th><th class="num">overall</th><th>grade</th><th>weakest dimension</th><th class="num">findings</th></tr></thead><tbody>
${report.worstRepos.map((w) => html`<tr><td>${repoHref ? html`<a href="${repoHref(w.repoId)}">${w.name}</a>` : w.name}</td><td class="num ${scoreClass(w.overall)}">${w.overall ?? '—'}</td><td>${w.grade}</td><td>${w.weakest ? DIMENSION_TITLES[w.weakest] : '—'}</td><td class="num">${w.findings}</td></tr>`)}
</tbody></table>`;
}

function signed(n: number | null): SafeHtml {
  if (n === null) return html`—`;
  return html`<span class="${n < 0 ? 'up' : n > 0 ? 'down' : ''}">${n > 0 ? `+${n}` : n}</span>`;
}

export function comparisonTable(report: Pick<FleetReport, 'comparison'>): SafeHtml {
  const c = report.comparison;
  if (!c) return html``;
  return html`<p class="muted">Compared with survey #${c.base.id} “${c.base.name}” (${c.base.createdAt.slice(0, 10)}). Unsuppressed findings; a negative change is an improvement.</p>
<table id="comparison"><thead><tr><th>project</th><th class="num">findings before</th><th class="num">after</th><th class="num">change</th><th class="num">score before</th><th class="num">after</th></tr></thead><tbody>
${c.rows.map((r) => html`<tr><td>${r.name}</td><td class="num">${r.before ?? '—'}</td><td class="num">${r.after ?? '—'}</td><td class="num">${signed(r.change)}</td><td class="num">${r.scoreBefore ?? '—'}</td><td class="num">${r.scoreAfter ?? '—'}</td></tr>`)}
<tr><th>total</th><th class="num">${c.totalBefore}</th><th class="num">${c.totalAfter}</th><th class="num">${signed(c.totalAfter - c.totalBefore)}</th><th></th><th></th></tr>
</tbody></table>`;
}

export function trendsTable(report: Pick<FleetReport, 'trends'>, surveyHref?: (id: number) => string): SafeHtml {
  return html`<table id="trends"><thead><tr><th>survey</th><th>date</th><th class="num">repos</th><th class="num">mean overall</th>${DIMENSIONS.map((d) => html`<th class="num">${DIMENSION_TITLES[d]}</th>`)}<th class="num">findings</th></tr></thead><tbody>
${report.trends.map((t) => html`<tr><td>${surveyHref ? html`<a href="${surveyHref(t.surveyId)}">#${t.surveyId}</a>` : `#${t.surveyId}`} ${t.name}</td><td>${t.createdAt.slice(0, 16).replace('T', ' ')}</td><td class="num">${t.repos}</td><td class="num ${scoreClass(t.meanOverall)}">${t.meanOverall ?? '—'}</td>${DIMENSIONS.map((d) => html`<td class="num ${scoreClass(t.dimensions[d])}">${t.dimensions[d] ?? '—'}</td>`)}<td class="num">${t.findings}</td></tr>`)}
</tbody></table>`;
}

export function failedList(report: Pick<FleetReport, 'repos'>): SafeHtml {
  const failed = report.repos.filter((r) => r.status === 'failed');
  if (!failed.length) return html``;
  return html`<h2>Failed</h2><ul>${failed.map((r) => html`<li><b>${r.name}</b> <code>${r.path}</code>: ${r.error ?? 'unknown error'}</li>`)}</ul>`;
}
