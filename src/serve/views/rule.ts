/** Dashboard page: one rule's documentation and the repositories it affects in a survey. */
import { DIMENSION_TITLES } from '../../core/types.js';
import type { ReportRule } from '../../report/model.js';
import type { SurveyRow } from '../../store/store.js';
import { html, safeHref } from '../../printers/safe-html.js';
import { layout } from './layout.js';

export function rulePage(r: ReportRule, survey: SurveyRow | undefined, affected: { repoId: number; name: string; findings: number }[]): string {
  const body = html`<h1>${r.id} ${r.name}</h1>
<p><b>${r.title}</b></p>
<dl class="kv"><dt>dimension</dt><dd>${DIMENSION_TITLES[r.dimension] ?? r.dimension}</dd><dt>severity</dt><dd class="sev-${r.severity}">${r.severity}</dd><dt>confidence</dt><dd>${r.confidence}</dd><dt>lifecycle</dt><dd>${r.lifecycle}</dd>
${r.sources.length ? html`<dt>equivalent checks</dt><dd>${r.sources.map((s, i) => html`${i ? ', ' : ''}<code>${s}</code>`)}</dd>` : ''}
<dt>documentation</dt><dd><a href="${safeHref(r.helpUri)}" rel="noreferrer noopener">${r.helpUri}</a></dd></dl>
<h2>Why it matters</h2><p id="rule-rationale">${r.rationale}</p>
<h2>How to fix</h2><p>${r.fix} <span class="muted">(effort: ${r.fixEffort})</span></p>
${r.examples.map((e, i) => html`<h2>Example${r.examples.length > 1 ? ` ${i + 1}` : ''}</h2><div class="grid2"><div><b>Before</b><pre><code>${e.bad}</code></pre></div><div><b>After</b><pre><code>${e.good}</code></pre></div></div>`)}
<p>Suppress one finding with <code>//goready:ignore ${r.id} -- reason</code>.</p>
${survey ? html`<h2>Repositories affected in survey #${survey.id}</h2>${affected.length
    ? html`<table id="rule-repos"><thead><tr><th>repository</th><th class="num">findings</th></tr></thead><tbody>${affected.map((a) => html`<tr><td><a href="/findings?survey=${survey.id}&amp;repo=${a.repoId}&amp;rule=${encodeURIComponent(r.id)}">${a.name}</a></td><td class="num">${a.findings}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">None.</p>`}` : ''}`;
  return layout(`${r.id} ${r.name}`, [{ label: 'surveys', href: '/' }, { label: 'rules', href: '/rules' }, { label: r.id }], body);
}
