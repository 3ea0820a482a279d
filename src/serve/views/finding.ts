/** Dashboard page: one finding with its source and its rule's rationale. */
import { html } from '../../printers/html-kit/safe-html.js';
import type { FindingView } from '../view-models.js';
import { layout } from './layout.js';

export function findingPage(f: FindingView): string {
  const body = html`<h1 id="finding-title"><span class="sev-${f.severity}">${f.severity}</span> ${f.ruleId} ${f.ruleName}</h1>
<p>${f.message}</p>
<dl class="kv">
  <dt>repository</dt><dd><a href="/repos/${f.repo.id}">${f.repo.name}</a> · audit <a href="/findings?audit=${f.audit.id}">#${f.audit.id}</a> · commit <code>${f.audit.commit}</code></dd>
  <dt>location</dt><dd><code id="finding-location">${f.location}</code>${f.marks.map((m) => ` (${m})`)}</dd>
  <dt>dimension</dt><dd>${f.dimension}</dd>
  <dt>confidence</dt><dd>${f.confidence}</dd>
  <dt>fix</dt><dd>${f.fix}</dd>
  ${f.suppressed ? html`<dt>suppressed</dt><dd>by ${f.suppressed.by}${f.suppressed.reason ? html`: ${f.suppressed.reason}` : ''}</dd>` : ''}
  <dt>fingerprint</dt><dd><code>${f.fingerprint}</code></dd>
</dl>
${f.snippet ? html`<h2>Source</h2><pre><code>${f.snippet}</code></pre>` : ''}
${f.rule ? html`<h2>Why it matters</h2><p>${f.rule.rationale}</p><p><a href="/rules/${encodeURIComponent(f.rule.id)}">Rule ${f.rule.id} documentation</a></p>` : ''}`;
  return layout(`${f.ruleId} in ${f.repo.name}`, [{ label: 'surveys', href: '/' }, { label: f.repo.name, href: `/repos/${f.repo.id}` }, { label: 'findings', href: `/findings?audit=${f.audit.id}` }, { label: `${f.file}:${f.line}` }], body);
}
