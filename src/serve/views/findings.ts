/** Dashboard page: the filtered, paged list of findings of a survey or an audit. */
import { DIMENSIONS, DIMENSION_TITLES, SEVERITIES } from '../../core/types.js';
import type { FindingLine } from '../view-models.js';
import { html } from '../../printers/html-kit/safe-html.js';
import { layout, type Crumb } from './layout.js';

export interface FindingsScope {
  survey?: { id: number; name: string };
  audit?: { id: number; repoId: number; repoName: string };
  /** Repos selectable in a survey scope: repoId → name, audit id. */
  repos: { repoId: number; name: string; auditId: number }[];
  rules: { id: string; name: string }[];
}

export interface FindingsQuery { dimension?: string; severity?: string; rule?: string; repo?: string; q?: string; suppressed?: boolean }

/** Where this page sits in the listing: rows before it, and the last finding id when more follow. */
export interface FindingsNav { start: number; nextAfter?: number }

/** The /findings URL for these filters (and page, when `page` is given). */
function findingsHref(scope: FindingsScope, q: FindingsQuery, page?: { after: number; start: number }): string {
  const p = new URLSearchParams();
  if (scope.survey) p.set('survey', String(scope.survey.id));
  else if (scope.audit) p.set('audit', String(scope.audit.id));
  for (const [k, v] of [['repo', q.repo], ['dimension', q.dimension], ['severity', q.severity], ['rule', q.rule], ['q', q.q]] as const) if (v) p.set(k, v);
  if (q.suppressed) p.set('suppressed', '1');
  if (page) { p.set('after', String(page.after)); p.set('start', String(page.start)); }
  return `/findings?${p.toString()}`;
}

export function findingsPage(scope: FindingsScope, q: FindingsQuery, rows: FindingLine[], count: { n: number; capped: boolean }, nav: FindingsNav = { start: 0 }): string {
  const total = count.n;
  const paged = nav.start > 0 || nav.nextAfter !== undefined;
  const countText = `${count.capped ? `more than ${total} findings` : `${total} finding${total === 1 ? '' : 's'}`}${paged && rows.length ? ` (${nav.start + 1}–${nav.start + rows.length} shown)` : ''}`;
  const crumbs: Crumb[] = [{ label: 'surveys', href: '/' }];
  if (scope.survey) crumbs.push({ label: `#${scope.survey.id} ${scope.survey.name}`, href: `/surveys/${scope.survey.id}` });
  if (scope.audit) crumbs.push({ label: scope.audit.repoName, href: `/repos/${scope.audit.repoId}` });
  crumbs.push({ label: 'findings' });
  const sel = (name: string, current: string | undefined, options: [string, string][], label: string) => html`<label>${label}<select name="${name}"><option value="">all</option>${options.map(([v, l]) => html`<option value="${v}"${current === v ? html` selected` : ''}>${l}</option>`)}</select></label>`;
  const body = html`<h1>Findings ${scope.audit ? html`of ${scope.audit.repoName} <span class="muted">audit #${scope.audit.id}</span>` : scope.survey ? html`in ${scope.survey.name}` : ''}</h1>
<form class="filters" method="get" action="/findings" id="findings-filter">
  ${scope.survey ? html`<input type="hidden" name="survey" value="${scope.survey.id}">` : ''}
  ${scope.audit && !scope.survey ? html`<input type="hidden" name="audit" value="${scope.audit.id}">` : ''}
  ${scope.survey ? sel('repo', q.repo, scope.repos.map((r) => [String(r.repoId), r.name]), 'repository') : ''}
  ${sel('dimension', q.dimension, DIMENSIONS.map((d) => [d, DIMENSION_TITLES[d]]), 'dimension')}
  ${sel('severity', q.severity, [...SEVERITIES].reverse().map((s) => [s, s]), 'severity')}
  ${sel('rule', q.rule, scope.rules.map((r) => [r.id, `${r.id} ${r.name}`]), 'rule')}
  <label>file or message contains<input type="search" name="q" value="${q.q ?? ''}"></label>
  <label>suppressed<select name="suppressed"><option value="">hide</option><option value="1"${q.suppressed ? html` selected` : ''}>show</option></select></label>
  <button type="submit">filter</button>
</form>
<p id="findings-count">${countText}</p>
${rows.length ? html`<table id="findings-table"><thead><tr>${scope.survey ? html`<th>repository</th>` : ''}<th>severity</th><th>rule</th><th>location</th><th>message</th></tr></thead><tbody>
${rows.map((f) => html`<tr data-finding-id="${f.id}">${scope.survey ? html`<td>${f.repo ? html`<a href="/repos/${f.repo.id}?survey=${scope.survey.id}">${f.repo.name}</a>` : ''}</td>` : ''}<td class="sev-${f.severity}">${f.severity}</td><td><a href="/rules/${encodeURIComponent(f.ruleId)}">${f.ruleId}</a> ${f.ruleName}</td><td><a class="finding-link" href="/findings/${f.id}">${f.where}</a>${f.suppressed ? html` <span class="muted">(suppressed)</span>` : ''}</td><td>${f.message}</td></tr>`)}
</tbody></table>` : html`<p class="empty">No finding matches these filters.</p>`}
${paged ? html`<nav class="pager" id="findings-pager">${nav.start > 0 ? html`<a href="${findingsHref(scope, q)}" id="findings-first">« first page</a>` : ''}${nav.nextAfter !== undefined ? html` <a href="${findingsHref(scope, q, { after: nav.nextAfter, start: nav.start + rows.length })}" id="findings-next" rel="next">next ${rows.length} »</a>` : ''}</nav>` : ''}`;
  return layout('findings', crumbs, body);
}
