/**
 * A rule's documentation (report/rule-doc.ts) as HTML: the collapsible entry of the HTML report's
 * rule list, and the sections of the dashboard's rule page. Everything goes through the kit's
 * escaping `html` template.
 */
import { DIMENSION_TITLES } from '../core/types.js';
import type { RuleDoc } from '../report/rule-doc.js';
import { html, safeHref, type SafeHtml } from './html-kit/safe-html.js';
import { severityPill } from './html-kit/parts.js';

const sourcesHtml = (d: RuleDoc) => d.sources.map((s, i) => html`${i ? ', ' : ''}<code>${s}</code>`);

/** The HTML report's entry: a <details> with the severity, title, why, fix, the first example and the metadata line. */
export function ruleDocDetails(d: RuleDoc, findings: number): SafeHtml {
  const ex = d.examples[0];
  const examples = ex
    ? html`<div class="examples"><div><strong>Before</strong><pre>${ex.bad.trimEnd()}</pre></div><div><strong>After</strong><pre>${ex.good.trimEnd()}</pre></div></div>`
    : '';
  return html`<details class="rule" id="rule-${d.id}"><summary>${severityPill(d.severity)} <span class="mono">${d.id} ${d.name}</span> — ${d.title}${findings ? html` <span class="muted">(${findings} finding(s))</span>` : ''}</summary>
<p>${d.rationale}</p>
<p><strong>How to fix</strong> (effort: ${d.fix.effort}): ${d.fix.text}</p>
${examples}
<p class="small muted">Dimension ${DIMENSION_TITLES[d.dimension]} · confidence ${d.confidence} · ${d.lifecycle}${d.sources.length ? html` · equivalent checks: ${sourcesHtml(d)}` : ''} · suppress with <code>${d.suppress}</code> · <a href="${d.helpUri}" rel="noreferrer">documentation</a></p>
</details>`;
}

/** The dashboard's rule page: heading, metadata, why, fix, every example, how to suppress. */
export function ruleDocSections(d: RuleDoc): SafeHtml {
  return html`<h1>${d.id} ${d.name}</h1>
<p><b>${d.title}</b></p>
<dl class="kv"><dt>dimension</dt><dd>${DIMENSION_TITLES[d.dimension] ?? d.dimension}</dd><dt>severity</dt><dd class="sev-${d.severity}">${d.severity}</dd><dt>confidence</dt><dd>${d.confidence}</dd><dt>lifecycle</dt><dd>${d.lifecycle}</dd>
${d.sources.length ? html`<dt>equivalent checks</dt><dd>${sourcesHtml(d)}</dd>` : ''}
<dt>documentation</dt><dd><a href="${safeHref(d.helpUri)}" rel="noreferrer noopener">${d.helpUri}</a></dd></dl>
<h2>Why it matters</h2><p id="rule-rationale">${d.rationale}</p>
<h2>How to fix</h2><p>${d.fix.text} <span class="muted">(effort: ${d.fix.effort})</span></p>
${d.examples.map((e, i) => html`<h2>Example${d.examples.length > 1 ? ` ${i + 1}` : ''}</h2><div class="grid2"><div><b>Before</b><pre><code>${e.bad}</code></pre></div><div><b>After</b><pre><code>${e.good}</code></pre></div></div>`)}
<p>Suppress one finding with <code>${d.suppress}</code>.</p>`;
}
