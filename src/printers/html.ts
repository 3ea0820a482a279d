/**
 * Self-contained HTML report: one file, no network (inline CSS and JS, inline SVG charts),
 * locked down by a Content-Security-Policy that allows only its own hashed style and script.
 * Sections: header (score, gate, modules), scorecard with a chart per dimension, a due-diligence
 * table per dimension, a findings browser (filter by dimension, severity, rule, text; source
 * context with the line highlighted), rule docs inline, diagnostics.
 *
 * Everything that comes from the audited repository (paths, messages, snippets, module names,
 * diagnostics) reaches markup only through the HTML kit's escaping `html` template (printers/html-kit/),
 * or goes through the embedded JSON (escaped for <script> with `jsonForScript`) and is put on the page
 * with textContent by the script.
 */
import { createHash } from 'node:crypto';
import { DIMENSIONS, DIMENSION_TITLES, SEVERITIES, type Dimension, type Finding, type Severity } from '../core/types.js';
import type { Report } from '../report/model.js';
import { dueDiligence } from '../report/due-diligence.js';
import { HTML_CSS, HTML_JS } from './html-assets.js';
import { html, joinHtml, jsonForScript, type SafeHtml } from './html-kit/safe-html.js';
import { severityPill } from './html-kit/parts.js';
import { htmlPage, scriptElement, styleElement } from './html-kit/page.js';
import { ruleDocDetails } from './rule-doc-html.js';
import { ruleDocOfReport } from '../report/rule-doc.js';

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

const STATUS_COLOR = { pass: 'var(--pass)', risk: 'var(--risk)', inconclusive: 'var(--inc)' } as const;
const SEV_DESC = [...SEVERITIES].reverse() as Severity[];

/** A ring gauge: the arc is the score out of 100. */
function gauge(score: number | null, status: keyof typeof STATUS_COLOR, size: number, label: string): SafeHtml {
  const r = size / 2 - 7;
  const c = 2 * Math.PI * r;
  const frac = score === null ? 0 : Math.max(0, Math.min(100, score)) / 100;
  const half = size / 2;
  const text = score === null ? '—' : String(score);
  const arc = frac > 0
    ? html`<circle cx="${half}" cy="${half}" r="${r.toFixed(1)}" fill="none" stroke="${STATUS_COLOR[status]}" stroke-width="9" stroke-linecap="round" stroke-dasharray="${(c * frac).toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 ${half} ${half})"/>`
    : '';
  return html`<svg class="gauge" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="${label}"><circle cx="${half}" cy="${half}" r="${r.toFixed(1)}" fill="none" stroke="var(--line)" stroke-width="9"/>${arc}<text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" font-size="${Math.round(size / 4)}" font-weight="700" fill="var(--fg)">${text}</text></svg>`;
}

/** A stacked bar of findings by severity. */
function severityBar(counts: Record<Severity, number>, width = 180): SafeHtml {
  const total = SEV_DESC.reduce((n, s) => n + counts[s], 0);
  let x = 0;
  const parts = total
    ? SEV_DESC.filter((s) => counts[s]).map((s) => {
      const w = (counts[s] / total) * width;
      const rect = html`<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="10" fill="var(--${s})"><title>${counts[s]} ${s}</title></rect>`;
      x += w;
      return rect;
    })
    : html`<rect x="0" y="0" width="${width}" height="10" fill="var(--line)"/>`;
  return html`<svg width="${width}" height="10" viewBox="0 0 ${width} 10" role="img" aria-label="findings by severity">${parts}</svg>`;
}

function sevCounts(fs: Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of fs) out[f.severity]++;
  return out;
}

const isActive = (f: Finding) => !f.suppressed;

function header(report: Report): SafeHtml {
  const s = report.scores;
  const st = report.stats;
  const overallStatus = s.overall === null ? 'inconclusive' : s.overall >= 70 ? 'pass' : 'risk';
  const modules = report.modules.length
    ? html`<p class="small muted">Modules: ${joinHtml(report.modules.map((m) => html`<span class="mono">${m.path ?? '(no module path)'}</span>${m.dir ? html` in <span class="mono">${m.dir}/</span>` : ''}${m.go ? ` (go ${m.go})` : ''}`), ', ')}</p>`
    : '';
  const gate = report.gate
    ? html`<div class="gate ${report.gate.failed ? 'failed' : 'passed'}">${report.gate.failed ? html`<strong>Gate failed:</strong> ${report.gate.reasons.join('; ')}` : html`<strong>Gate passed.</strong>`}</div>`
    : '';
  const view: SafeHtml[] = [];
  if (report.baseline) {
    const b = report.baseline;
    view.push(html`Baseline <span class="mono">${b.file}</span>: ${b.new} new, ${b.increased} in file/rule counts that increased, ${b.covered} covered (hidden unless “show suppressed and baselined”), ${b.fixed} fixed.`);
  }
  if (report.newFromRev) view.push(html`Only findings on lines changed since <span class="mono">${report.newFromRev.rev}</span> (${st.hiddenByRev} others not shown).`);
  if (st.hiddenBySeverity) view.push(html`${st.hiddenBySeverity} finding(s) below the minimum severity are not listed.`);
  if (st.hiddenByCaps) view.push(html`${st.hiddenByCaps} finding(s) over the per-rule cap are not listed.`);
  return html`<header>
<div class="title">
<h1>goready report: ${report.target.name}</h1>
<p class="muted">${st.analysedFiles} Go files · ${st.lines.toLocaleString('en-US')} lines · ${report.modules.length} module(s) · ${report.findings.filter(isActive).length} unsuppressed finding(s) listed, ${st.suppressed} suppressed · goready ${report.tool.version}</p>
${modules}
${joinHtml(view.map((v) => html`<p class="small">${v}</p>`), '\n')}
${gate}
</div>
<div>${gauge(s.overall, overallStatus, 120, `overall score ${s.overall ?? 'inconclusive'}`)}<div class="muted small" id="grade">overall · grade <strong>${s.grade}</strong></div></div>
</header>`;
}

function scorecard(report: Report): SafeHtml {
  const cards = DIMENSIONS.map((d) => {
    const x = report.scores.dimensions[d];
    const fs = report.findings.filter((f) => f.dimension === d && isActive(f));
    const counts = sevCounts(fs);
    const legend = joinHtml(SEV_DESC.filter((s) => counts[s]).map((s) => html`<span>${severityPill(s, counts[s])} ${s}</span>`), ' ');
    const detail = x.status === 'inconclusive'
      ? html`<p class="small muted">${x.reason}</p>`
      : html`<p class="small"><a href="#findings" data-filter-dimension="${d}">${x.findings} finding(s)</a>${x.suppressed ? `, ${x.suppressed} suppressed` : ''} · ${x.rulesApplicable}/${x.rulesRun} rules applicable</p>`;
    return html`<div class="card" id="card-${d}">
<h3>${DIMENSION_TITLES[d]} <span class="status ${x.status}">${x.status}</span></h3>
${gauge(x.score, x.status, 96, `${DIMENSION_TITLES[d]} score ${x.score ?? 'inconclusive'}`)}
${x.status === 'inconclusive' ? '' : html`<p>${severityBar(counts)}</p><p class="bar-legend small">${legend.value ? legend : html`<span class="muted">no unsuppressed findings</span>`}</p>`}
${detail}
</div>`;
  });
  return html`<section id="scorecard"><h2>Scorecard</h2><div class="cards">${joinHtml(cards, '\n')}</div>
<p class="small muted">A dimension passes at 70 or above with no unsuppressed critical finding; one with nothing to judge is inconclusive, never a free pass. Overall: weighted mean of the conclusive dimensions.</p></section>`;
}

function dueDiligenceSection(report: Report): SafeHtml {
  const partial = report.stats.hiddenByCaps || report.stats.hiddenBySeverity || report.stats.hiddenByRev;
  const verdict = (status: string, text: string) => html`<td class="verdict"><span class="status ${status}">${text}</span></td>`;
  const sections = dueDiligence(report).map((x) => {
    const d = x.dimension;
    const rows: SafeHtml[] = [
      html`<tr><td><strong>Dimension score</strong></td><td>score ≥ 70 and no unsuppressed critical finding</td><td>${x.status === 'inconclusive' ? x.reason : `score ${x.score}; ${x.findings} unsuppressed finding(s), penalty ${x.penalty}`}</td>${verdict(x.status, x.status)}</tr>`,
    ];
    if (x.minimum) {
      rows.push(html`<tr><td><strong>Configured minimum</strong></td><td>score ≥ ${x.minimum.score} (min-dimension-scores)</td><td>${x.score === null ? 'no score (inconclusive)' : `score ${x.score}`}</td>${verdict(x.minimum.met ? 'pass' : 'risk', x.minimum.met ? 'met' : 'not met')}</tr>`);
    }
    for (const c of x.checks) {
      const r = c.rule;
      const locs = c.active.slice(0, 3).map((f) => html`<span class="loc mono">${f.file}:${f.line}</span>`);
      const signals = c.active.length
        ? html`<a href="#findings" data-filter-rule="${r.id}">${c.active.length} finding(s)</a>${c.suppressed ? `, ${c.suppressed} suppressed` : ''}${locs}${c.active.length > 3 ? html`<span class="muted small">… and ${c.active.length - 3} more</span>` : ''}`
        : c.suppressed ? html`none unsuppressed (${c.suppressed} suppressed)` : r.applicable ? html`none` : html`<span class="muted">nothing to judge</span>`;
      const v = c.verdict === 'risk' ? verdict('risk', 'risk') : c.verdict === 'pass' ? verdict('pass', 'pass') : verdict('inconclusive', 'not judged');
      rows.push(html`<tr><td><a href="#rule-${r.id}" class="mono">${r.id}</a> ${r.title}</td><td>${c.criterion} <span class="muted small">(${r.severity})</span></td><td>${signals}</td>${v}</tr>`);
    }
    if (!x.checks.length) rows.push(html`<tr><td colspan="4" class="muted">No rules of this dimension are enabled (or exist yet).</td></tr>`);
    return html`<h3 id="dd-${d}">${DIMENSION_TITLES[d]} — <span class="status ${x.status}">${x.status}</span>${x.score === null ? '' : ` score ${x.score}`}</h3>
<table class="dd"><thead><tr><th>Check</th><th>Pass criterion</th><th>Risk signals found</th><th>Verdict</th></tr></thead>
<tbody>${joinHtml(rows, '\n')}</tbody></table>`;
  });
  return html`<section id="due-diligence"><h2>Due diligence</h2>
<p class="small muted">One table per dimension: what passing means, what was found, the verdict.${partial ? ' Per-rule counts are of the listed findings (some are not listed: see above).' : ''}</p>
${joinHtml(sections, '\n')}</section>`;
}

function findingsBrowser(report: Report): SafeHtml {
  const count = <K extends string>(key: (f: Finding) => K) => {
    const m = new Map<K, number>();
    for (const f of report.findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
    return m;
  };
  const dims = count((f) => f.dimension);
  const sevs = count((f) => f.severity);
  const rules = count((f) => f.ruleId);
  const ruleName = new Map(report.rules.map((r) => [r.id, r.name]));
  const opt = (value: string, label: string) => html`<option value="${value}">${label}</option>`;
  return html`<section id="findings"><h2>Findings</h2>
<div class="filters" role="search">
<label>Dimension <select id="f-dim">${opt('', 'all')}${DIMENSIONS.filter((d) => dims.has(d)).map((d) => opt(d, `${DIMENSION_TITLES[d]} (${dims.get(d)})`))}</select></label>
<label>Severity <select id="f-sev">${opt('', 'all')}${SEV_DESC.filter((s) => sevs.has(s)).map((s) => opt(s, `${s} (${sevs.get(s)})`))}</select></label>
<label>Rule <select id="f-rule">${opt('', 'all')}${[...rules.keys()].sort().map((id) => opt(id, `${id} ${ruleName.get(id) ?? ''} (${rules.get(id)})`))}</select></label>
<label>Search <input type="search" id="f-text" placeholder="file, message, rule"></label>
<label><input type="checkbox" id="f-hidden"> show suppressed and baselined</label>
<label>Order <select id="f-sort">${opt('file', 'file')}${opt('severity', 'severity')}</select></label>
<span id="f-count"></span>
</div>
<noscript><p>The findings browser needs JavaScript. The same findings are in <code>goready audit --format text</code> or <code>--format json</code>.</p></noscript>
<div id="f-list"></div>
<button type="button" id="f-more" hidden>Show more</button>
</section>`;
}

function rulesSection(report: Report): SafeHtml {
  const n = new Map<string, number>();
  for (const f of report.findings) if (isActive(f)) n.set(f.ruleId, (n.get(f.ruleId) ?? 0) + 1);
  const groups = DIMENSIONS.map((d: Dimension) => {
    const rules = report.rules.filter((r) => r.dimension === d);
    return rules.length ? html`<h3>${DIMENSION_TITLES[d]}</h3>${joinHtml(rules.map((r) => ruleDocDetails(ruleDocOfReport(r), n.get(r.id) ?? 0)), '\n')}` : '';
  });
  return html`<section id="rules"><h2>Rules</h2>${joinHtml(groups, '\n')}</section>`;
}

function diagnosticsSection(report: Report, max = 500): SafeHtml | '' {
  const ds = report.diagnostics;
  if (!ds.length) return '';
  const rows = ds.slice(0, max).map((d) => html`<tr><td>${d.level}</td><td class="mono">${d.code}</td><td class="mono">${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : ''}</td><td>${d.message}</td></tr>`);
  return html`<section id="diagnostics"><h2>Diagnostics (${ds.length})</h2>
<table><thead><tr><th>Level</th><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>${joinHtml(rows, '\n')}</tbody></table>
${ds.length > max ? html`<p class="muted">… and ${ds.length - max} more (see <code>--format json</code>).</p>` : ''}</section>`;
}

export function printHtml(report: Report): string {
  const data = {
    target: report.target.name,
    findings: report.findings.map((f) => ({ ...f, suppressed: f.suppressed ?? false })),
    rules: report.rules.map((r) => ({ id: r.id, name: r.name, dimension: r.dimension })),
  };
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${sha256(HTML_CSS)}'`,
    `script-src 'sha256-${sha256(HTML_JS)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return htmlPage({
    title: `goready report: ${report.target.name} — ${report.scores.overall ?? '—'}/100, grade ${report.scores.grade}`,
    csp,
    generator: report.tool.version,
    head: styleElement(HTML_CSS),
    body: html`${header(report)}
<nav><a href="#scorecard">Scorecard</a><a href="#due-diligence">Due diligence</a><a href="#findings">Findings</a><a href="#rules">Rules</a>${report.diagnostics.length ? html`<a href="#diagnostics">Diagnostics</a>` : ''}</nav>
<main>
${scorecard(report)}
${dueDiligenceSection(report)}
${findingsBrowser(report)}
${rulesSection(report)}
${diagnosticsSection(report)}
</main>
<footer class="small muted">Generated by goready ${report.tool.version}. This file is self-contained: it loads nothing from the network.</footer>
<script type="application/json" id="goready-data">${jsonForScript(data)}</script>
${scriptElement(HTML_JS)}`,
  });
}
