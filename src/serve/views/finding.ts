/** Dashboard page: one finding with its source and its rule's rationale. */
import { DIMENSION_TITLES } from '../../core/types.js';
import type { ReportRule } from '../../report/model.js';
import type { AuditRow, FindingRow } from '../../store/store.js';
import { html } from '../../printers/safe-html.js';
import { layout, short } from './layout.js';

export function findingPage(f: FindingRow, audit: AuditRow, rule: ReportRule | undefined): string {
  const body = html`<h1 id="finding-title"><span class="sev-${f.severity}">${f.severity}</span> ${f.ruleId} ${f.ruleName}</h1>
<p>${f.message}</p>
<dl class="kv">
  <dt>repository</dt><dd><a href="/repos/${audit.repoId}">${audit.repoName}</a> · audit <a href="/findings?audit=${audit.id}">#${audit.id}</a> · commit <code>${short(audit.commit)}</code></dd>
  <dt>location</dt><dd><code id="finding-location">${f.file}:${f.line}:${f.column}</code>${f.inTest ? ' (test file)' : ''}${f.generated ? ' (generated)' : ''}</dd>
  <dt>dimension</dt><dd>${DIMENSION_TITLES[f.dimension] ?? f.dimension}</dd>
  <dt>confidence</dt><dd>${f.confidence}</dd>
  <dt>fix</dt><dd>${f.fix}</dd>
  ${f.suppressed ? html`<dt>suppressed</dt><dd>by ${f.suppressedKind ?? 'directive'}${f.suppressedReason ? html`: ${f.suppressedReason}` : ''}</dd>` : ''}
  <dt>fingerprint</dt><dd><code>${f.fingerprint}</code></dd>
</dl>
${f.snippet ? html`<h2>Source</h2><pre><code>${f.snippet}</code></pre>` : ''}
${rule ? html`<h2>Why it matters</h2><p>${rule.rationale}</p><p><a href="/rules/${encodeURIComponent(rule.id)}">Rule ${rule.id} documentation</a></p>` : ''}`;
  return layout(`${f.ruleId} in ${audit.repoName}`, [{ label: 'surveys', href: '/' }, { label: audit.repoName, href: `/repos/${audit.repoId}` }, { label: 'findings', href: `/findings?audit=${audit.id}` }, { label: `${f.file}:${f.line}` }], body);
}
