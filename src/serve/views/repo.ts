/** Dashboard page: one repository (its latest audit's scorecard and its audit history). */
import { html, safeHref, type SafeHtml } from '../../printers/html-kit/safe-html.js';
import { scoreClass } from '../../printers/html-kit/parts.js';
import type { AuditView, RepoView } from '../view-models.js';
import { layout, LINE_COLORS, type Crumb } from './layout.js';

function scorecard(a: AuditView): SafeHtml {
  return html`<table id="scorecard"><thead><tr><th>dimension</th><th class="num">score</th><th>verdict</th><th class="num">findings</th><th>why</th></tr></thead><tbody>
<tr><th>overall</th><td class="num ${scoreClass(a.overall)}">${a.overall ?? '—'}</td><td>grade ${a.grade}</td><td class="num"><a href="/findings?audit=${a.id}">${a.findingsActive}</a></td><td class="muted">${a.suppressed} suppressed</td></tr>
${a.dimensions.map((x) => html`<tr><td>${x.title}</td><td class="num ${scoreClass(x.score)}">${x.score ?? '—'}</td><td class="status-${x.status}">${x.status}</td><td class="num"><a href="/findings?audit=${a.id}&amp;dimension=${x.dimension}">${x.findings}</a></td><td class="muted">${x.reason}</td></tr>`)}
</tbody></table>`;
}

export function repoPage(repo: RepoView, survey: { id: number; name: string } | undefined): string {
  const crumbs: Crumb[] = [{ label: 'surveys', href: '/' }];
  if (survey) crumbs.push({ label: `#${survey.id} ${survey.name}`, href: `/surveys/${survey.id}` });
  crumbs.push({ label: repo.name });
  const a = repo.current;
  const body = html`<h1>${repo.name}</h1>
<dl class="kv"><dt>location</dt><dd>${repo.location.url ? html`<a href="${safeHref(repo.location.url)}" rel="noreferrer noopener">${repo.location.text}</a>` : html`<code>${repo.location.text}</code>`}</dd>
${a ? html`<dt>audit</dt><dd>#${a.id} · ${a.started} · commit <code>${a.commit}</code>${a.dirty ? ' (uncommitted changes)' : ''}${a.commitDate ? ` of ${a.commitDate}` : ''} · goready ${a.toolVersion} · ${a.goFiles} Go files, ${a.codeLines} code lines</dd>` : ''}</dl>
<h2>Scorecard</h2>
${a ? scorecard(a) : html`<p class="empty">Not audited yet.</p>`}
<h2>History</h2>
<div class="chart small"><canvas id="chart-history" aria-label="score history" role="img"></canvas></div>
<table id="history"><thead><tr><th>audit</th><th>date</th><th>commit</th><th class="num">overall</th><th class="num">findings</th><th>surveys</th></tr></thead><tbody>
${repo.history.map((h) => html`<tr><td><a href="/findings?audit=${h.id}">#${h.id}</a></td><td>${h.started}</td><td><code>${h.commit}</code>${h.dirty ? ' +dirty' : ''}</td><td class="num ${scoreClass(h.overall)}">${h.overall ?? '—'} ${h.grade}</td><td class="num">${h.findingsActive}</td><td>${h.surveyIds.map((id, i) => html`${i ? ', ' : ''}<a href="/surveys/${id}">#${id}</a>`)}</td></tr>`)}
</tbody></table>`;
  const t = repo.trend;
  const chart = {
    canvas: 'chart-history',
    config: {
      type: 'line',
      data: {
        labels: t.labels,
        datasets: [
          { label: 'overall', data: t.overall, borderColor: LINE_COLORS[0], backgroundColor: LINE_COLORS[0], borderWidth: 3, spanGaps: true },
          ...t.dimensions.map((d, i) => ({ label: d.title, data: d.scores, borderColor: LINE_COLORS[(i + 1) % LINE_COLORS.length], backgroundColor: LINE_COLORS[(i + 1) % LINE_COLORS.length], borderWidth: 1.5, spanGaps: true })),
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } }, plugins: { title: { display: true, text: 'Scores per audit' } } },
    },
  };
  return layout(repo.name, crumbs, body, [chart]);
}
