/** Dashboard page: one repository (its latest audit's scorecard and its audit history). */
import { DIMENSIONS, DIMENSION_TITLES } from '../../core/types.js';
import type { AuditRow, HistoryRow, RepoRow } from '../../store/store.js';
import { html, safeHref, type SafeHtml } from '../../printers/html-kit/safe-html.js';
import { scoreClass } from '../../printers/html-kit/parts.js';
import { date, layout, LINE_COLORS, type Crumb } from './layout.js';
import { shortCommit as short } from '../view-models.js';

function scorecard(a: AuditRow): SafeHtml {
  return html`<table id="scorecard"><thead><tr><th>dimension</th><th class="num">score</th><th>verdict</th><th class="num">findings</th><th>why</th></tr></thead><tbody>
<tr><th>overall</th><td class="num ${scoreClass(a.overall)}">${a.overall ?? '—'}</td><td>grade ${a.grade}</td><td class="num"><a href="/findings?audit=${a.id}">${a.findingsActive}</a></td><td class="muted">${a.findingsTotal - a.findingsActive} suppressed</td></tr>
${DIMENSIONS.map((d) => {
    const x = a.scores.dimensions[d];
    if (!x) return '';
    return html`<tr><td>${DIMENSION_TITLES[d]}</td><td class="num ${scoreClass(x.score)}">${x.score ?? '—'}</td><td class="status-${x.status}">${x.status}</td><td class="num"><a href="/findings?audit=${a.id}&amp;dimension=${d}">${x.findings}</a></td><td class="muted">${x.reason}</td></tr>`;
  })}
</tbody></table>`;
}

export function repoPage(repo: RepoRow, history: HistoryRow[], current: AuditRow | undefined, surveyId: number | undefined, surveyName: string | undefined): string {
  const crumbs: Crumb[] = [{ label: 'surveys', href: '/' }];
  if (surveyId !== undefined) crumbs.push({ label: `#${surveyId} ${surveyName ?? ''}`, href: `/surveys/${surveyId}` });
  crumbs.push({ label: repo.name });
  const isUrl = /^https?:\/\//i.test(repo.location);
  const body = html`<h1>${repo.name}</h1>
<dl class="kv"><dt>location</dt><dd>${isUrl ? html`<a href="${safeHref(repo.location)}" rel="noreferrer noopener">${repo.location}</a>` : html`<code>${repo.location}</code>`}</dd>
${current ? html`<dt>audit</dt><dd>#${current.id} · ${date(current.startedAt)} · commit <code>${short(current.commit)}</code>${current.dirty ? ' (uncommitted changes)' : ''}${current.commitDate ? ` of ${date(current.commitDate)}` : ''} · goready ${current.toolVersion} · ${current.stats.analysedFiles} Go files, ${current.stats.codeLines} code lines</dd>` : ''}</dl>
<h2>Scorecard</h2>
${current ? scorecard(current) : html`<p class="empty">Not audited yet.</p>`}
<h2>History</h2>
<div class="chart small"><canvas id="chart-history" aria-label="score history" role="img"></canvas></div>
<table id="history"><thead><tr><th>audit</th><th>date</th><th>commit</th><th class="num">overall</th><th class="num">findings</th><th>surveys</th></tr></thead><tbody>
${history.slice().reverse().map((h) => html`<tr><td><a href="/findings?audit=${h.id}">#${h.id}</a></td><td>${date(h.startedAt)}</td><td><code>${short(h.commit)}</code>${h.dirty ? ' +dirty' : ''}</td><td class="num ${scoreClass(h.overall)}">${h.overall ?? '—'} ${h.grade}</td><td class="num">${h.findingsActive}</td><td>${h.surveys.map((s, i) => html`${i ? ', ' : ''}<a href="/surveys/${s.id}">#${s.id}</a>`)}</td></tr>`)}
</tbody></table>`;
  const chart = {
    canvas: 'chart-history',
    config: {
      type: 'line',
      data: {
        labels: history.map((h) => `#${h.id} ${h.startedAt.slice(0, 10)}`),
        datasets: [
          { label: 'overall', data: history.map((h) => h.overall), borderColor: LINE_COLORS[0], backgroundColor: LINE_COLORS[0], borderWidth: 3, spanGaps: true },
          ...DIMENSIONS.map((d, i) => ({ label: DIMENSION_TITLES[d], data: history.map((h) => h.scores.dimensions[d]?.score ?? null), borderColor: LINE_COLORS[(i + 1) % LINE_COLORS.length], backgroundColor: LINE_COLORS[(i + 1) % LINE_COLORS.length], borderWidth: 1.5, spanGaps: true })),
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } }, plugins: { title: { display: true, text: 'Scores per audit' } } },
    },
  };
  return layout(repo.name, crumbs, body, [chart]);
}
