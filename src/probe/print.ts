/** Printers of the probe report and of the before/after comparison: text, JSON, Markdown, HTML. */
import { createColors } from 'picocolors';
import type { Finding } from '../core/types.js';
import { mdEscape } from '../printers/markdown.js';
import { html, raw } from '../printers/html-kit/safe-html.js';
import type { CompareRow, ProbeComparison, ProbeFormat, ProbeReport } from './model.js';

export { PROBE_FORMATS, type ProbeFormat } from './model.js';

const MIB = 1024 * 1024;
const mib = (n: number) => `${(n / MIB).toFixed(1)} MiB`;
const pct = (p: number | null) => (p === null ? 'new' : `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p)} %`);
const where = (f: Finding) => `${f.file}:${f.line}`;
const MAX_SITES = 30;

function siteName(s: ProbeReport['sites'][number]): string {
  return `${s.function}${s.createdBy ? ` ← ${s.createdBy}` : ''}`;
}
function siteWhere(s: { file: string; line: number; repoFile?: string; repoLine?: number }): string {
  return s.repoFile ? `${s.repoFile}:${s.repoLine}` : `${s.file}:${s.line}`;
}
type Allocation = NonNullable<ProbeReport['allocations']>[number];
const MAX_ALLOCATIONS = 10;
const growth = (a: Allocation) => `${a.inuseEnd >= a.inuseStart ? '+' : '−'}${mib(Math.abs(a.inuseEnd - a.inuseStart))}`;
const allocated = (a: Allocation) => `${mib(a.allocatedBytes)}${a.allocatedPerMinute !== undefined ? ` (${mib(a.allocatedPerMinute)}/min)` : ''}`;

export function printProbeText(r: ProbeReport, color = false): string {
  const c = createColors(color);
  const out: string[] = [];
  out.push(c.bold(`goready probe ${r.tool.version}`) + ` — ${r.target.source}: ${r.samples.length} sample(s)${r.target.repo ? `, repository ${r.target.repo}` : ''}`);
  out.push(`goroutines: start ${r.goroutines.start}, end ${r.goroutines.end}, peak ${r.goroutines.peak}`);
  if (r.heap) out.push(`heap in use: start ${mib(r.heap.start)}, end ${mib(r.heap.end)}, peak ${mib(r.heap.peak)} (${r.heap.growthPercent >= 0 ? '+' : ''}${r.heap.growthPercent} %)`);
  if (r.gc) {
    const g = r.gc;
    const parts = [g.cyclesPerMinute !== undefined && `${g.cyclesPerMinute} GC cycles/min`, g.cpuFraction !== undefined && `GC CPU ${(g.cpuFraction * 100).toFixed(2)} %`,
      g.gogc !== undefined && `GOGC ${g.gogc}`, g.gomemlimit !== undefined && `GOMEMLIMIT ${g.gomemlimit >= 2 ** 62 ? 'unset' : mib(g.gomemlimit)}`, g.gomaxprocs !== undefined && `GOMAXPROCS ${g.gomaxprocs}`].filter(Boolean);
    if (parts.length) out.push(`runtime: ${parts.join(', ')}`);
  }
  out.push('');
  if (r.sites.length) {
    out.push(c.bold('Goroutines per creation site'));
    out.push(`${'start'.padStart(6)} ${'end'.padStart(6)} ${'peak'.padStart(6)} ${'/min'.padStart(8)}  site`);
    for (const s of r.sites.slice(0, MAX_SITES)) {
      const line = `${String(s.start).padStart(6)} ${String(s.end).padStart(6)} ${String(s.peak).padStart(6)} ${s.slope.toFixed(2).padStart(8)}  ${siteName(s)} @ ${siteWhere(s)}${s.leakSuspect ? '  LEAK SUSPECT' : ''}`;
      out.push(s.leakSuspect ? c.red(line) : line);
    }
    if (r.sites.length > MAX_SITES) out.push(c.dim(`… ${r.sites.length - MAX_SITES} more site(s) in --format json`));
    out.push('');
  }
  if (r.allocations?.length) {
    out.push(c.bold('Allocation sites (heap profile)'));
    out.push(`${'in use'.padStart(11)} ${'growth'.padStart(11)}  ${'allocated'.padEnd(24)}  site`);
    for (const a of r.allocations.slice(0, MAX_ALLOCATIONS)) out.push(`${mib(a.inuseEnd).padStart(11)} ${growth(a).padStart(11)}  ${allocated(a).padEnd(24)}  ${a.function} @ ${siteWhere(a)}`);
    out.push('');
  }
  if (r.blocked.length) {
    out.push(c.bold('Long-blocked goroutines'));
    for (const b of r.blocked) {
      out.push(`  ${b.count} × ${b.state}, ${b.minutes} minutes — ${b.site}`);
      for (const f of b.stack.slice(0, 6)) out.push(c.dim(`      ${f.function}  ${f.file}:${f.line}`));
    }
    out.push('');
  }
  out.push(c.bold(`Findings (${r.findings.length})`));
  if (!r.findings.length) out.push(c.green('  No runtime finding.'));
  for (const f of r.findings) {
    const mark = f.confirmedBy === 'runtime' ? c.green(' [confirmed at runtime]') : '';
    out.push(`  ${where(f)}  ${f.severity}  ${f.ruleId} ${f.ruleName}${mark}`);
    out.push(`      ${f.message}`);
    if (f.runtime) out.push(c.dim(`      runtime: ${f.runtime.site}: start ${f.runtime.start}, end ${f.runtime.end}, peak ${f.runtime.peak}${f.runtime.confirms?.length ? `; confirms ${f.runtime.confirms.join(', ')}` : ''}`));
  }
  if (r.diagnostics.length) {
    out.push('', c.bold('Diagnostics'));
    for (const d of r.diagnostics) out.push(`  ${d.level} ${d.code}: ${d.file ? `${d.file}: ` : ''}${d.message}`);
  }
  return `${out.join('\n')}\n`;
}

export function printProbeMarkdown(r: ProbeReport): string {
  const out: string[] = [];
  out.push(`## goready probe — ${mdEscape(r.target.source)}`, '');
  out.push(`Goroutines: start **${r.goroutines.start}**, end **${r.goroutines.end}**, peak **${r.goroutines.peak}** over ${r.samples.length} sample(s).`);
  if (r.heap) out.push(`Heap in use: ${mib(r.heap.start)} → ${mib(r.heap.end)} (peak ${mib(r.heap.peak)}, ${r.heap.growthPercent} %).`);
  out.push('');
  if (r.sites.length) {
    out.push('| site | where | start | end | peak | slope /min | leak suspect |', '|---|---|---:|---:|---:|---:|---|');
    for (const s of r.sites.slice(0, MAX_SITES)) out.push(`| ${mdEscape(siteName(s))} | ${mdEscape(siteWhere(s))} | ${s.start} | ${s.end} | ${s.peak} | ${s.slope} | ${s.leakSuspect ? 'yes' : ''} |`);
    out.push('');
  }
  if (r.allocations?.length) {
    out.push('| allocation site | where | in use | growth | allocated |', '|---|---|---:|---:|---:|');
    for (const a of r.allocations.slice(0, MAX_ALLOCATIONS)) out.push(`| ${mdEscape(a.function)} | ${mdEscape(siteWhere(a))} | ${mib(a.inuseEnd)} | ${growth(a)} | ${allocated(a)} |`);
    out.push('');
  }
  out.push(`### Findings (${r.findings.length})`, '');
  for (const f of r.findings) out.push(`- **${f.severity}** \`${f.ruleId}\` ${mdEscape(where(f))}${f.confirmedBy === 'runtime' ? ' — **confirmed at runtime**' : ''}: ${mdEscape(f.message)}`);
  return `${out.join('\n')}\n`;
}

const STYLE = 'body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}td.n{text-align:right}.leak{background:#fde8e8}.ok{color:#176f2c;font-weight:600}code{font-size:12px}';

function page(title: string, body: unknown): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title><style>${raw(STYLE)}</style></head>
<body>${body}</body></html>
`.toString();
}

export function printProbeHtml(r: ProbeReport): string {
  return page(`goready probe — ${r.target.source}`, html`
<h1>goready probe</h1>
<p>${r.target.source} — ${r.samples.length} sample(s). Goroutines: start ${r.goroutines.start}, end ${r.goroutines.end}, peak ${r.goroutines.peak}.
${r.heap ? html` Heap in use ${mib(r.heap.start)} → ${mib(r.heap.end)} (${r.heap.growthPercent} %).` : ''}</p>
<h2>Goroutines per creation site</h2>
<table><tr><th>site</th><th>where</th><th>start</th><th>end</th><th>peak</th><th>slope /min</th></tr>
${r.sites.slice(0, 200).map((s) => html`<tr class="${s.leakSuspect ? 'leak' : ''}"><td><code>${siteName(s)}</code></td><td><code>${siteWhere(s)}</code></td><td class="n">${s.start}</td><td class="n">${s.end}</td><td class="n">${s.peak}</td><td class="n">${s.slope}</td></tr>`)}
</table>
${r.allocations?.length ? html`<h2>Allocation sites (heap profile)</h2>
<table><tr><th>site</th><th>where</th><th>in use</th><th>growth</th><th>allocated</th></tr>
${r.allocations.map((a) => html`<tr><td><code>${a.function}</code></td><td><code>${siteWhere(a)}</code></td><td class="n">${mib(a.inuseEnd)}</td><td class="n">${growth(a)}</td><td class="n">${allocated(a)}</td></tr>`)}
</table>` : ''}
<h2>Findings (${r.findings.length})</h2>
<ul>${r.findings.map((f) => html`<li><b>${f.severity}</b> <code>${f.ruleId}</code> <code>${where(f)}</code>${f.confirmedBy === 'runtime' ? html` <span class="ok">confirmed at runtime</span>` : ''}: ${f.message}</li>`)}</ul>
${r.diagnostics.length ? html`<h2>Diagnostics</h2><ul>${r.diagnostics.map((d) => html`<li>${d.level} ${d.code}: ${d.message}</li>`)}</ul>` : ''}`);
}

export function printProbe(r: ProbeReport, format: ProbeFormat, color = false): string {
  switch (format) {
    case 'json': return `${JSON.stringify({ ...r, findings: r.findings.map((f) => ({ ...f, suppressed: f.suppressed ?? false })) }, null, 2)}\n`;
    case 'markdown': return printProbeMarkdown(r);
    case 'html': return printProbeHtml(r);
    default: return printProbeText(r, color);
  }
}

function rowCells(x: CompareRow): string[] {
  return [String(x.peakBefore), String(x.peakAfter), pct(x.peakChangePercent), String(x.endBefore), String(x.endAfter), pct(x.endChangePercent)];
}

export function printComparison(cmp: ProbeComparison, format: ProbeFormat): string {
  const rows = [cmp.total, ...cmp.sites];
  const label = (x: CompareRow) => `${x.site}${x.file ? ` (${x.file.split('/').slice(-2).join('/')}:${x.line})` : ''}`;
  if (format === 'json') return `${JSON.stringify(cmp, null, 2)}\n`;
  if (format === 'markdown') {
    return [`## Goroutines before and after`, '', `before: ${mdEscape(cmp.before)}, after: ${mdEscape(cmp.after)}`, '',
      '| site | peak before | peak after | peak change | end before | end after | end change |', '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map((x) => `| ${mdEscape(label(x))} | ${rowCells(x).join(' | ')} |`), ''].join('\n');
  }
  if (format === 'html') {
    return page('goready probe compare', html`<h1>Goroutines before and after</h1><p>before: ${cmp.before}, after: ${cmp.after}</p>
<table><tr><th>site</th><th>peak before</th><th>peak after</th><th>peak change</th><th>end before</th><th>end after</th><th>end change</th></tr>
${rows.map((x) => html`<tr><td><code>${label(x)}</code></td>${rowCells(x).map((v) => html`<td class="n">${v}</td>`)}</tr>`)}</table>`);
  }
  const head = ['peak before', 'peak after', 'change', 'end before', 'end after', 'change'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((x) => rowCells(x)[i]!.length)));
  const fmt = (cells: string[]) => cells.map((v, i) => v.padStart(w[i]!)).join('  ');
  return [`before: ${cmp.before}`, `after:  ${cmp.after}`, '', `${fmt(head)}  site`, ...rows.map((x) => `${fmt(rowCells(x))}  ${label(x)}`), ''].join('\n');
}
