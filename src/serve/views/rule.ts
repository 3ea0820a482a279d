/** Dashboard page: one rule's documentation and the repositories it affects in a survey. */
import type { RuleDoc } from '../../report/rule-doc.js';
import { html } from '../../printers/html-kit/safe-html.js';
import { ruleDocSections } from '../../printers/rule-doc-html.js';
import { layout } from './layout.js';

/** A repository with findings of the rule in the survey shown. */
export interface AffectedRepo { repoId: number; name: string; findings: number }

export function rulePage(d: RuleDoc, survey: { id: number } | undefined, affected: AffectedRepo[]): string {
  const body = html`${ruleDocSections(d)}
${survey ? html`<h2>Repositories affected in survey #${survey.id}</h2>${affected.length
    ? html`<table id="rule-repos"><thead><tr><th>repository</th><th class="num">findings</th></tr></thead><tbody>${affected.map((a) => html`<tr><td><a href="/findings?survey=${survey.id}&amp;repo=${a.repoId}&amp;rule=${encodeURIComponent(d.id)}">${a.name}</a></td><td class="num">${a.findings}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">None.</p>`}` : ''}`;
  return layout(`${d.id} ${d.name}`, [{ label: 'surveys', href: '/' }, { label: 'rules', href: '/rules' }, { label: d.id }], body);
}
