/**
 * The HTML report's inline stylesheet and script (no network, no library). The script builds the
 * findings list from the embedded JSON with DOM APIs only (createElement / textContent, never
 * innerHTML), so nothing from the audited repository is ever parsed as markup.
 */

export const HTML_CSS = String.raw`
:root { --fg:#1f2328; --muted:#59636e; --bg:#ffffff; --panel:#f6f8fa; --line:#d1d9e0; --accent:#0969da;
  --pass:#1a7f37; --risk:#cf222e; --inc:#6e7781; --critical:#82071e; --high:#cf222e; --medium:#9a6700; --low:#0969da; --info:#6e7781;
  --hit:#fff8c5; --mark:#ffd33d; }
@media (prefers-color-scheme: dark) {
  :root { --fg:#e6edf3; --muted:#9198a1; --bg:#0d1117; --panel:#151b23; --line:#3d444d; --accent:#4493f8;
    --pass:#3fb950; --risk:#f85149; --inc:#9198a1; --critical:#ff7b72; --high:#f85149; --medium:#d29922; --low:#4493f8; --info:#9198a1;
    --hit:#3b2e00; --mark:#9e6a03; }
}
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color:var(--fg); background:var(--bg); }
header, main { max-width:1200px; margin:0 auto; padding:0 20px; }
header { padding-top:20px; display:flex; gap:24px; align-items:center; flex-wrap:wrap; }
header .title { flex:1; min-width:280px; }
h1 { font-size:22px; margin:0 0 4px; word-break:break-all; }
h2 { font-size:18px; margin:32px 0 12px; padding-bottom:6px; border-bottom:1px solid var(--line); }
h3 { font-size:15px; margin:20px 0 8px; }
a { color:var(--accent); }
.muted { color:var(--muted); }
.small { font-size:12px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12px; }
nav { max-width:1200px; margin:12px auto 0; padding:0 20px; display:flex; gap:16px; flex-wrap:wrap; }
.gate { padding:8px 12px; border-radius:6px; border:1px solid var(--line); background:var(--panel); margin-top:8px; }
.gate.failed { border-color:var(--risk); }
.gate.passed { border-color:var(--pass); }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(210px, 1fr)); gap:12px; }
.card { border:1px solid var(--line); border-radius:8px; padding:12px; background:var(--panel); }
.card h3 { margin:0 0 6px; font-size:14px; }
.card .gauge { display:block; margin:0 auto; }
.card p { margin:6px 0 0; }
.status { display:inline-block; padding:0 8px; border-radius:10px; font-size:12px; font-weight:600; color:#fff; }
.status.pass { background:var(--pass); } .status.risk { background:var(--risk); } .status.inconclusive { background:var(--inc); }
.sev { display:inline-block; min-width:64px; text-align:center; padding:0 6px; border-radius:4px; font-size:12px; font-weight:600; color:#fff; }
.sev.critical { background:var(--critical); } .sev.high { background:var(--high); } .sev.medium { background:var(--medium); }
.sev.low { background:var(--low); } .sev.info { background:var(--info); }
.bar-legend > span { margin-right:8px; white-space:nowrap; }
.bar-legend .sev { min-width:0; }
table { border-collapse:collapse; width:100%; margin-bottom:8px; }
th, td { text-align:left; vertical-align:top; padding:6px 8px; border-bottom:1px solid var(--line); }
th { background:var(--panel); font-weight:600; }
td.verdict { white-space:nowrap; }
td .loc { display:block; word-break:break-all; }
.filters { display:flex; gap:10px; flex-wrap:wrap; align-items:center; padding:10px; border:1px solid var(--line); border-radius:8px; background:var(--panel); position:sticky; top:0; z-index:1; }
.filters label { display:flex; gap:6px; align-items:center; }
select, input[type=search], button { font:inherit; padding:3px 6px; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); }
button { cursor:pointer; }
#f-count { margin-left:auto; font-weight:600; }
.finding { border:1px solid var(--line); border-radius:8px; margin:10px 0; overflow:hidden; }
.finding.muted-finding { opacity:.7; }
.finding header { display:flex; gap:8px; align-items:baseline; flex-wrap:wrap; padding:8px 10px; background:var(--panel); max-width:none; margin:0; }
.finding .loc { font-weight:600; word-break:break-all; }
.finding .tag { font-size:12px; border:1px solid var(--line); border-radius:10px; padding:0 6px; }
.finding .body { padding:6px 10px 10px; }
.finding .msg { margin:0 0 4px; word-break:break-word; }
.finding .fix { margin:0 0 6px; color:var(--muted); }
pre { tab-size:4; }
pre.code { margin:0; padding:6px 0; background:var(--panel); border:1px solid var(--line); border-radius:6px; overflow-x:auto; }
pre.code .l { display:block; padding:0 10px; white-space:pre; }
pre.code .l.hit { background:var(--hit); }
pre.code .n { display:inline-block; min-width:44px; color:var(--muted); user-select:none; text-align:right; margin-right:12px; }
pre.code mark { background:var(--mark); color:inherit; border-radius:2px; }
details.rule { border:1px solid var(--line); border-radius:8px; margin:8px 0; padding:0 10px; }
details.rule[open] { padding-bottom:10px; }
details.rule summary { cursor:pointer; padding:8px 0; }
details.rule pre { padding:8px; background:var(--panel); border:1px solid var(--line); border-radius:6px; overflow-x:auto; }
.examples { display:grid; grid-template-columns:1fr 1fr; gap:10px; }
@media (max-width: 800px) { .examples { grid-template-columns:1fr; } }
footer { max-width:1200px; margin:40px auto 20px; padding:0 20px; }
`;

export const HTML_JS = String.raw`
(function () {
  'use strict';
  var dataEl = document.getElementById('goready-data');
  if (!dataEl) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var findings = data.findings || [];
  var ruleIds = {};
  (data.rules || []).forEach(function (r) { ruleIds[r.id] = r; });
  var SEV = ['info', 'low', 'medium', 'high', 'critical'];
  var $ = function (id) { return document.getElementById(id); };
  var fDim = $('f-dim'), fSev = $('f-sev'), fRule = $('f-rule'), fText = $('f-text'), fHidden = $('f-hidden'), fSort = $('f-sort');
  var list = $('f-list'), count = $('f-count'), more = $('f-more');
  var PAGE = 100, limit = PAGE;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function isHidden(f) { return !!f.suppressed || f.baseline === 'covered'; }
  function matches(f) {
    if (fDim.value && f.dimension !== fDim.value) return false;
    if (fSev.value && f.severity !== fSev.value) return false;
    if (fRule.value && f.ruleId !== fRule.value) return false;
    if (!fHidden.checked && isHidden(f)) return false;
    var q = fText.value.trim().toLowerCase();
    if (q && (f.file + ' ' + f.message + ' ' + f.ruleId + ' ' + f.ruleName).toLowerCase().indexOf(q) === -1) return false;
    return true;
  }
  function codeBlock(f) {
    var pre = el('pre', 'code');
    var ctx = f.context;
    var lines = ctx ? ctx.lines : (f.snippet ? [f.snippet] : []);
    var start = ctx ? ctx.startLine : f.line;
    if (!lines.length) return null;
    lines.forEach(function (text, i) {
      var n = start + i;
      var row = el('span', 'l' + (n === f.line ? ' hit' : ''));
      row.appendChild(el('span', 'n', n));
      if (n === f.line && ctx) {
        var from = Math.max(0, (f.column || 1) - 1);
        var to = f.endLine === f.line && f.endColumn ? f.endColumn - 1 : text.length;
        if (from < text.length && to > from) {
          row.appendChild(document.createTextNode(text.slice(0, from)));
          row.appendChild(el('mark', null, text.slice(from, to)));
          row.appendChild(document.createTextNode(text.slice(to)));
        } else {
          row.appendChild(document.createTextNode(text));
        }
      } else {
        row.appendChild(document.createTextNode(text));
      }
      pre.appendChild(row);
    });
    return pre;
  }
  function findingNode(f) {
    var art = el('article', 'finding' + (isHidden(f) ? ' muted-finding' : ''));
    art.setAttribute('data-rule', String(f.ruleId));
    art.setAttribute('data-dimension', String(f.dimension));
    art.setAttribute('data-severity', String(f.severity));
    var head = el('header');
    head.appendChild(el('span', 'sev ' + (SEV.indexOf(f.severity) >= 0 ? f.severity : 'info'), f.severity));
    var rule = el('a', 'mono', f.ruleId + ' ' + f.ruleName);
    if (/^[A-Z]{3}[0-9]{4}$/.test(String(f.ruleId))) rule.setAttribute('href', '#rule-' + f.ruleId);
    head.appendChild(rule);
    head.appendChild(el('span', 'loc mono', f.file + ':' + f.line + ':' + f.column));
    if (f.confidence && f.confidence !== 'high') head.appendChild(el('span', 'tag', f.confidence + ' confidence'));
    if (f.suppressed) head.appendChild(el('span', 'tag', 'suppressed by ' + f.suppressed.kind + (f.suppressed.reason ? ': ' + f.suppressed.reason : '')));
    if (f.baseline === 'covered') head.appendChild(el('span', 'tag', 'in baseline'));
    if (f.baseline === 'new') head.appendChild(el('span', 'tag', 'new'));
    if (f.baseline === 'increased') head.appendChild(el('span', 'tag', 'count above baseline'));
    if (f.confirmedBy === 'runtime') head.appendChild(el('span', 'tag', 'confirmed at runtime'));
    if (f.runtime && f.runtime.site) head.appendChild(el('span', 'tag', 'runtime: ' + f.runtime.site + ' · start ' + f.runtime.start + ', end ' + f.runtime.end + ', peak ' + f.runtime.peak));
    if (f.vuln && f.vuln.id) {
      var aliases = Array.isArray(f.vuln.aliases) && f.vuln.aliases.length ? ' (' + f.vuln.aliases.join(', ') + ')' : '';
      head.appendChild(el('span', 'tag', String(f.vuln.id) + aliases + ' · ' + f.vuln.module + '@' + f.vuln.version + ' · ' + (f.vuln.fixed ? 'fixed in ' + f.vuln.fixed : 'no fixed version')));
    }
    if (f.role && f.role !== 'production') head.appendChild(el('span', 'tag', 'does not ship: ' + f.role + (f.roleReason ? ' (' + f.roleReason + ')' : '')));
    else if (f.inTest) head.appendChild(el('span', 'tag', 'test file'));
    if (f.generated) head.appendChild(el('span', 'tag', 'generated'));
    art.appendChild(head);
    var body = el('div', 'body');
    body.appendChild(el('p', 'msg', f.message));
    if (Array.isArray(f.related) && f.related.length) {
      body.appendChild(el('p', 'loc mono', 'Also at: ' + f.related.map(function (r) { return r.file + ':' + r.line; }).join(', ')));
    }
    body.appendChild(el('p', 'fix', 'Fix: ' + f.fix));
    var code = codeBlock(f);
    if (code) body.appendChild(code);
    art.appendChild(body);
    return art;
  }
  function sorted(arr) {
    if (fSort.value !== 'severity') return arr;
    return arr.slice().sort(function (a, b) { return SEV.indexOf(b.severity) - SEV.indexOf(a.severity); });
  }
  function render() {
    var shown = sorted(findings.filter(matches));
    var frag = document.createDocumentFragment();
    shown.slice(0, limit).forEach(function (f) { frag.appendChild(findingNode(f)); });
    list.replaceChildren(frag);
    count.textContent = shown.length + ' of ' + findings.length + ' finding' + (findings.length === 1 ? '' : 's');
    list.setAttribute('data-shown', String(shown.length));
    more.hidden = shown.length <= limit;
    more.textContent = 'Show ' + Math.min(PAGE, shown.length - limit) + ' more (' + (shown.length - limit) + ' not shown)';
    if (!shown.length) list.appendChild(el('p', 'muted', findings.length ? 'No finding matches these filters.' : 'No findings.'));
  }
  function reset() { limit = PAGE; render(); }
  [fDim, fSev, fRule, fHidden, fSort].forEach(function (c) { c.addEventListener('change', reset); });
  fText.addEventListener('input', reset);
  more.addEventListener('click', function () { limit += PAGE; render(); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-dimension]'), function (a) {
    a.addEventListener('click', function () { fDim.value = a.getAttribute('data-filter-dimension') || ''; fSev.value = ''; fRule.value = ''; reset(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-rule]'), function (a) {
    a.addEventListener('click', function () { fRule.value = a.getAttribute('data-filter-rule') || ''; fDim.value = ''; fSev.value = ''; reset(); });
  });
  function openTarget() {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
    var t = id ? document.getElementById(id) : null;
    if (t && t.tagName === 'DETAILS') t.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
