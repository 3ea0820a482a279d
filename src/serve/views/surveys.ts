/** Dashboard page: the list of surveys. */
import { html } from '../../printers/html-kit/safe-html.js';
import { scoreClass } from '../../printers/html-kit/parts.js';
import type { SurveyView } from '../view-models.js';
import { layout } from './layout.js';

export function surveysPage(surveys: SurveyView[]): string {
  const body = surveys.length
    ? html`<h1>Surveys</h1>
<table id="surveys"><thead><tr><th>#</th><th>name</th><th>created</th><th class="num">repositories</th><th class="num">failed</th><th class="num">mean overall</th><th>state</th></tr></thead><tbody>
${surveys.map((s) => html`<tr><td><a href="/surveys/${s.id}">#${s.id}</a></td><td><a href="/surveys/${s.id}">${s.name}</a><br><span class="muted"><code>${s.source}</code></span></td><td>${s.created}</td><td class="num">${s.done}/${s.total}</td><td class="num">${s.failed || ''}</td><td class="num ${scoreClass(s.meanOverall)}">${s.meanOverall ?? '—'}</td><td>${s.finished ? 'finished' : 'unfinished'}</td></tr>`)}
</tbody></table>`
    : html`<h1>Surveys</h1><p class="empty">No surveys in this database yet. Run <code>goready survey repos.txt --db FILE</code>, then reload.</p>`;
  return layout('surveys', [{ label: 'surveys' }], body);
}
