/** Dashboard page: every rule with the repositories and findings it has in the latest survey. */
import { DIMENSION_TITLES } from '../../core/types.js';
import type { ReportRule } from '../../report/model.js';
import { html } from '../../printers/html-kit/safe-html.js';
import { layout } from './layout.js';

export function rulesPage(rules: ReportRule[], counts: Map<string, { repos: number; findings: number }>, survey: { id: number; name: string } | undefined): string {
  const body = html`<h1>Rules</h1>
${survey ? html`<p class="muted">Counts from the latest survey, #${survey.id} ${survey.name}.</p>` : ''}
<table id="rules"><thead><tr><th>rule</th><th>dimension</th><th>severity</th><th>title</th><th class="num">repos</th><th class="num">findings</th></tr></thead><tbody>
${rules.map((r) => html`<tr><td><a href="/rules/${encodeURIComponent(r.id)}">${r.id}</a> ${r.name}</td><td>${DIMENSION_TITLES[r.dimension] ?? r.dimension}</td><td class="sev-${r.severity}">${r.severity}</td><td>${r.title}</td><td class="num">${counts.get(r.id)?.repos ?? 0}</td><td class="num">${counts.get(r.id)?.findings ?? 0}</td></tr>`)}
</tbody></table>`;
  return layout('rules', [{ label: 'surveys', href: '/' }, { label: 'rules' }], body);
}
