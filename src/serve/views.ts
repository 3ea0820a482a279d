/**
 * Dashboard pages. Every untrusted string (repo names, paths, URLs, messages, snippets, rule text
 * from the database) goes through the escaping `html` template; chart data goes through a JSON
 * script block that cannot break out of its element.
 */
import { DIMENSIONS, DIMENSION_TITLES, SEVERITIES, type Dimension } from '../core/types.js';
import type { FleetReport, FleetRepo } from '../report/fleet-model.js';
import type { ReportRule } from '../report/model.js';
import type { AuditRow, FindingListRow, FindingRow, HistoryRow, RepoRow, SurveyRow } from '../store/store.js';
import { html, jsonForScript, safeHref, type SafeHtml } from '../printers/safe-html.js';
import { comparisonTable, failedList, heatmap, HEAT_COLORS, scoreClass, topRulesTable, trendsTable, worstReposTable } from '../printers/fleet-html.js';

export interface Crumb { label: string; href?: string }

export function layout(title: string, crumbs: Crumb[], body: SafeHtml, charts: unknown[] = []): string {
  return `<!doctype html>
${html`<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · goready</title>
<link rel="stylesheet" href="/static/dashboard.css">
<script src="/static/chart.umd.min.js" defer></script>
<script src="/static/dashboard.js" defer></script>
</head><body>
<header class="top"><a class="brand" href="/">goready</a><a href="/">surveys</a><a href="/rules">rules</a><span class="muted">read-only dashboard</span></header>
<main>
<nav class="crumbs">${crumbs.map((c, i) => html`${i ? ' / ' : ''}${c.href ? html`<a href="${c.href}">${c.label}</a>` : c.label}`)}</nav>
${body}
</main>
${charts.length ? html`<script type="application/json" id="chart-data">${jsonForScript({ charts })}</script>` : ''}
</body></html>`}
`;
}

const date = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
const short = (sha: string | null | undefined) => (sha ? sha.slice(0, 12) : '—');

export function notFound(what: string): string {
  return layout('not found', [{ label: 'surveys', href: '/' }], html`<h1>Not found</h1><p class="empty">${what}</p>`);
}

export function badRequest(what: string): string {
  return layout('bad request', [{ label: 'surveys', href: '/' }], html`<h1>Bad request</h1><p class="empty">${what}</p>`);
}

// ------------------------------------------------------------------ surveys list

export function surveysPage(surveys: SurveyRow[], means: Map<number, number | null>): string {
  const body = surveys.length
    ? html`<h1>Surveys</h1>
<table id="surveys"><thead><tr><th>#</th><th>name</th><th>created</th><th class="num">repositories</th><th class="num">failed</th><th class="num">mean overall</th><th>state</th></tr></thead><tbody>
${surveys.map((s) => html`<tr><td><a href="/surveys/${s.id}">#${s.id}</a></td><td><a href="/surveys/${s.id}">${s.name}</a><br><span class="muted"><code>${s.source}</code></span></td><td>${date(s.createdAt)}</td><td class="num">${s.done}/${s.total}</td><td class="num">${s.failed || ''}</td><td class="num ${scoreClass(means.get(s.id))}">${means.get(s.id) ?? '—'}</td><td>${s.finishedAt ? 'finished' : 'unfinished'}</td></tr>`)}
</tbody></table>`
    : html`<h1>Surveys</h1><p class="empty">No surveys in this database yet. Run <code>goready survey repos.txt --db FILE</code>, then reload.</p>`;
  return layout('surveys', [{ label: 'surveys' }], body);
}

// ------------------------------------------------------------------ fleet overview

function bucketOf(score: number | null | undefined): number {
  if (score === null || score === undefined) return 4;
  return score < 50 ? 0 : score < 70 ? 1 : score < 90 ? 2 : 3;
}

function distributionChart(report: FleetReport) {
  const audited = report.repos.filter((r) => r.scores);
  const labels = ['overall', ...DIMENSIONS.map((d) => DIMENSION_TITLES[d])];
  const values = (i: number) => [
    audited.filter((r) => bucketOf(r.scores!.overall) === i).length,
    ...DIMENSIONS.map((d) => audited.filter((r) => bucketOf(r.scores!.dimensions[d]?.score) === i).length),
  ];
  const names = ['0–49', '50–69', '70–89', '90–100', 'inconclusive'];
  const colors = [HEAT_COLORS[1], HEAT_COLORS[3], HEAT_COLORS[7], HEAT_COLORS[9], '#c9d1d9'];
  return {
    canvas: 'chart-distribution',
    config: {
      type: 'bar',
      data: { labels, datasets: names.map((label, i) => ({ label, data: values(i), backgroundColor: colors[i] })) },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, title: { display: true, text: 'repositories' }, ticks: { precision: 0 } }, y: { stacked: true } }, plugins: { title: { display: true, text: 'Score distribution per dimension (repositories per score band)' } } },
    },
  };
}

function topRulesChart(report: FleetReport) {
  return {
    canvas: 'chart-top-rules',
    config: {
      type: 'bar',
      data: { labels: report.topRules.map((t) => `${t.ruleId} ${t.ruleName}`), datasets: [{ label: 'repositories affected', data: report.topRules.map((t) => t.repos), backgroundColor: HEAT_COLORS[2] }] },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, scales: { x: { ticks: { precision: 0 }, beginAtZero: true } }, plugins: { legend: { display: false }, title: { display: true, text: 'Top rules by repositories affected' } } },
    },
  };
}

const LINE_COLORS = ['#24292f', '#0969da', '#8250df', '#bf3989', '#cf222e', '#bc4c00', '#4d2d00', '#1a7f37'];

function trendChart(report: FleetReport) {
  const series: [string, (number | null)[]][] = [
    ['mean overall', report.trends.map((t) => t.meanOverall)],
    ...DIMENSIONS.map((d) => [DIMENSION_TITLES[d], report.trends.map((t) => t.dimensions[d])] as [string, (number | null)[]]),
  ];
  return {
    canvas: 'chart-trend',
    config: {
      type: 'line',
      data: { labels: report.trends.map((t) => `#${t.surveyId} ${t.createdAt.slice(0, 10)}`), datasets: series.map(([label, data], i) => ({ label, data, borderColor: LINE_COLORS[i % LINE_COLORS.length], backgroundColor: LINE_COLORS[i % LINE_COLORS.length], borderWidth: i === 0 ? 3 : 1.5, spanGaps: true })) },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } }, plugins: { title: { display: true, text: 'Mean scores over surveys (this survey\u2019s repositories)' } } },
    },
  };
}

export function fleetPage(report: FleetReport, surveys: SurveyRow[]): string {
  const s = report.survey;
  const repoHref = (r: FleetRepo) => `/repos/${r.repoId}?survey=${s.id}`;
  const cellHref = (r: FleetRepo, d: Dimension) => `/findings?survey=${s.id}&repo=${r.repoId}&dimension=${d}`;
  const others = surveys.filter((x) => x.id !== s.id);
  const body = html`<h1>${s.name}</h1>
<p class="muted">Survey #${s.id} · ${date(s.createdAt)} · ${s.done}/${s.total} audited${s.failed ? `, ${s.failed} failed` : ''}${s.pending ? `, ${s.pending} pending` : ''} · source <code>${s.source}</code></p>
<div class="cards">
  <div class="card"><b>${report.overall.mean ?? '—'}</b>mean overall</div>
  <div class="card"><b>${report.overall.median ?? '—'}</b>median overall</div>
  <div class="card"><b><a href="/findings?survey=${s.id}">${report.repos.reduce((n, r) => n + r.findingCounts.total, 0)}</a></b>findings</div>
  <div class="card"><b>${report.repos.filter((r) => r.scores).length}</b>repositories</div>
</div>
<h2>Dimension × repository</h2>
${heatmap(report, { repoHref, cellHref })}
<h2>Charts</h2>
<div class="grid2">
  <div class="chart"><canvas id="chart-distribution" aria-label="score distribution per dimension" role="img"></canvas></div>
  <div class="chart"><canvas id="chart-top-rules" aria-label="top rules by repositories affected" role="img"></canvas></div>
</div>
<div class="chart small"><canvas id="chart-trend" aria-label="trend of mean scores" role="img"></canvas></div>
<h2>Top rules by repositories affected</h2>
${topRulesTable(report, (id) => `/rules/${encodeURIComponent(id)}?survey=${s.id}`)}
<h2>Worst repositories</h2>
${worstReposTable(report, (id) => `/repos/${id}?survey=${s.id}`)}
<h2>Before / after</h2>
<form class="filters" method="get" action="/surveys/${s.id}">
  <label>compare with an earlier survey<select name="compare"><option value="">—</option>${others.map((o) => html`<option value="${o.id}"${report.comparison?.base.id === o.id ? html` selected` : ''}>#${o.id} ${o.name}</option>`)}</select></label>
  <button type="submit">compare</button>
</form>
${report.comparison ? comparisonTable(report) : html`<p class="muted">Choose a survey to see findings before / after per project.</p>`}
<h2>Trends</h2>
${trendsTable(report, (id) => `/surveys/${id}`)}
${failedList(report)}
<p class="muted"><a href="/api/surveys/${s.id}/report.json">report JSON</a></p>`;
  return layout(`survey ${s.name}`, [{ label: 'surveys', href: '/' }, { label: `#${s.id} ${s.name}` }], body, [distributionChart(report), topRulesChart(report), trendChart(report)]);
}

// ------------------------------------------------------------------ repo page

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

// ------------------------------------------------------------------ findings

export interface FindingsScope {
  survey?: SurveyRow;
  audit?: AuditRow;
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

export function findingsPage(scope: FindingsScope, q: FindingsQuery, rows: FindingListRow[], count: { n: number; capped: boolean }, repoNameByAudit: Map<number, { name: string; repoId: number }>, nav: FindingsNav = { start: 0 }): string {
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
${rows.map((f) => {
    const repo = repoNameByAudit.get(f.auditId);
    return html`<tr data-finding-id="${f.id}">${scope.survey ? html`<td>${repo ? html`<a href="/repos/${repo.repoId}?survey=${scope.survey.id}">${repo.name}</a>` : ''}</td>` : ''}<td class="sev-${f.severity}">${f.severity}</td><td><a href="/rules/${encodeURIComponent(f.ruleId)}">${f.ruleId}</a> ${f.ruleName}</td><td><a class="finding-link" href="/findings/${f.id}">${f.file}:${f.line}</a>${f.suppressed ? html` <span class="muted">(suppressed)</span>` : ''}</td><td>${f.message}</td></tr>`;
  })}
</tbody></table>` : html`<p class="empty">No finding matches these filters.</p>`}
${paged ? html`<nav class="pager" id="findings-pager">${nav.start > 0 ? html`<a href="${findingsHref(scope, q)}" id="findings-first">« first page</a>` : ''}${nav.nextAfter !== undefined ? html` <a href="${findingsHref(scope, q, { after: nav.nextAfter, start: nav.start + rows.length })}" id="findings-next" rel="next">next ${rows.length} »</a>` : ''}</nav>` : ''}`;
  return layout('findings', crumbs, body);
}

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

// ------------------------------------------------------------------ rules

export function rulesPage(rules: ReportRule[], counts: Map<string, { repos: number; findings: number }>, survey: SurveyRow | undefined): string {
  const body = html`<h1>Rules</h1>
${survey ? html`<p class="muted">Counts from the latest survey, #${survey.id} ${survey.name}.</p>` : ''}
<table id="rules"><thead><tr><th>rule</th><th>dimension</th><th>severity</th><th>title</th><th class="num">repos</th><th class="num">findings</th></tr></thead><tbody>
${rules.map((r) => html`<tr><td><a href="/rules/${encodeURIComponent(r.id)}">${r.id}</a> ${r.name}</td><td>${DIMENSION_TITLES[r.dimension] ?? r.dimension}</td><td class="sev-${r.severity}">${r.severity}</td><td>${r.title}</td><td class="num">${counts.get(r.id)?.repos ?? 0}</td><td class="num">${counts.get(r.id)?.findings ?? 0}</td></tr>`)}
</tbody></table>`;
  return layout('rules', [{ label: 'surveys', href: '/' }, { label: 'rules' }], body);
}

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
