/** Human text printer: findings grouped by dimension, then diagnostics, then the scorecard. */
import { createColors } from 'picocolors';
import { DIMENSIONS, DIMENSION_TITLES, type Finding, type Severity } from '../core/types.js';
import type { Report } from '../report/model.js';

export interface TextOptions {
  color: boolean;
  showSuppressed?: boolean;
  /** Max diagnostics listed one by one (the rest are summarised by code). */
  maxDiagnostics?: number;
}

export function printText(report: Report, opts: TextOptions): string {
  const c = createColors(opts.color);
  const sevColor: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim,
  };
  const out: string[] = [];
  const s = report.stats;
  out.push(c.bold(`goready ${report.tool.version}`) + ` — ${report.target.name}: ${s.analysedFiles} Go files, ${s.lines.toLocaleString('en-US')} lines, ${report.modules.length} module(s), ${(report.durationMs / 1000).toFixed(1)}s`);
  out.push('');
  const shown = report.findings.filter((f) => opts.showSuppressed || (!f.suppressed && f.baseline !== 'covered'));
  for (const dim of DIMENSIONS) {
    const list = shown.filter((f) => f.dimension === dim);
    if (!list.length) continue;
    out.push(c.bold(c.underline(`${DIMENSION_TITLES[dim]} (${list.length})`)));
    for (const f of list) out.push(...formatFinding(f, c, sevColor));
    out.push('');
  }
  if (!shown.length) out.push(c.green('No findings.'), '');
  const hidden: string[] = [];
  if (!opts.showSuppressed && s.suppressed) hidden.push(`${s.suppressed} suppressed (--show-suppressed)`);
  if (s.hiddenBySeverity) hidden.push(`${s.hiddenBySeverity} below --min-severity`);
  if (s.hiddenByCaps) hidden.push(`${s.hiddenByCaps} over the per-rule cap`);
  if (!opts.showSuppressed && report.baseline?.covered) hidden.push(`${report.baseline.covered} covered by the baseline`);
  if (s.hiddenByRev) hidden.push(`${s.hiddenByRev} not on lines changed since ${report.newFromRev?.rev ?? '--new-from-rev'}`);
  if (hidden.length) out.push(c.dim(`Not shown: ${hidden.join(', ')}.`), '');
  if (report.baseline) {
    const b = report.baseline;
    out.push(c.bold(`Baseline ${b.file}`) + `: ${b.new} new, ${b.increased} in file/rule counts that increased, ${b.covered} covered, ${b.fixed} fixed since it was written`);
    for (const g of b.increasedGroups) out.push(`  ${g.file} ${g.ruleId}: ${g.baseline} → ${g.current}`);
    out.push('');
  }

  if (report.diagnostics.length) {
    const max = opts.maxDiagnostics ?? 10;
    out.push(c.bold(`Diagnostics (${report.diagnostics.length})`));
    for (const d of report.diagnostics.slice(0, max)) {
      const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
      const lvl = d.level === 'error' ? c.red(d.level) : d.level === 'warning' ? c.yellow(d.level) : c.dim(d.level);
      out.push(`  ${lvl} ${c.dim(`[${d.code}]`)} ${where}${d.message}`);
    }
    if (report.diagnostics.length > max) {
      const byCode = new Map<string, number>();
      for (const d of report.diagnostics.slice(max)) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
      out.push(c.dim(`  … and ${report.diagnostics.length - max} more: ${[...byCode].map(([k, n]) => `${k} ×${n}`).join(', ')} (--format json lists all)`));
    }
    out.push('');
  }

  if (report.probe) {
    const p = report.probe;
    out.push(p.error ? c.yellow(`Runtime evidence (--probe ${p.target}): not gathered: ${p.error}`)
      : c.bold('Runtime evidence') + ` (--probe ${p.target}): ${p.samples} sample(s), goroutines start ${p.goroutines.start}, end ${p.goroutines.end}, peak ${p.goroutines.peak}; ${p.leakSuspects} leak suspect(s); ${p.confirmed} static finding(s) confirmed at runtime, ${p.added} runtime finding(s) added`, '');
  }
  out.push(c.bold('Scorecard'));
  const width = Math.max(...DIMENSIONS.map((d) => DIMENSION_TITLES[d].length));
  for (const dim of DIMENSIONS) {
    const d = report.scores.dimensions[dim];
    const score = d.score === null ? '  —' : String(d.score).padStart(3);
    const status = d.status === 'pass' ? c.green('pass') : d.status === 'risk' ? c.red('risk') : c.dim('inconclusive');
    const detail = d.status === 'inconclusive' ? c.dim(` (${d.reason})`) : c.dim(` (${d.findings} finding${d.findings === 1 ? '' : 's'})`);
    out.push(`  ${DIMENSION_TITLES[dim].padEnd(width)}  ${score}  ${status}${detail}`);
  }
  const overall = report.scores.overall === null ? '  —' : String(report.scores.overall).padStart(3);
  out.push(`  ${c.bold('overall'.padEnd(width))}  ${c.bold(overall)}  grade ${c.bold(report.scores.grade)}`);
  if (report.gate) {
    out.push('');
    out.push(report.gate.failed ? c.red(`Gate failed: ${report.gate.reasons.join('; ')}`) : c.green('Gate passed.'));
  }
  return `${out.join('\n')}\n`;
}

function formatFinding(f: Finding, c: ReturnType<typeof createColors>, sev: Record<Severity, (s: string) => string>): string[] {
  const loc = `${f.file}:${f.line}:${f.column}`;
  const conf = f.confidence === 'high' ? '' : c.dim(` (${f.confidence} confidence)`);
  const role = f.role && f.role !== 'production' ? c.dim(` [${f.role}${f.roleReason ? `: ${f.roleReason}` : ''}]`) : '';
  const sup = f.suppressed
    ? c.dim(` [suppressed by ${f.suppressed.kind}${f.suppressed.reason ? `: ${f.suppressed.reason}` : ''}]`)
    : f.baseline === 'covered' ? c.dim(' [in baseline]') : f.baseline === 'new' ? c.bold(' [new]') : f.baseline === 'increased' ? c.bold(' [count above baseline]') : '';
  const rt = f.confirmedBy === 'runtime' ? c.green(' [confirmed at runtime]') : f.runtime ? c.green(' [runtime]') : '';
  return [
    `  ${c.bold(loc)}  ${sev[f.severity](f.severity.padEnd(8))} ${c.magenta(f.ruleId)} ${c.dim(f.ruleName)}${role}${sup}${rt}`,
    `      ${f.message}${conf}`,
    ...(f.related?.length ? [`      ${c.dim('also in:')} ${f.related.map((r) => `${r.file}:${r.line}`).join(', ')}`] : []),
    ...(f.runtime ? [`      ${c.dim('runtime:')} ${f.runtime.site}: start ${f.runtime.start}, end ${f.runtime.end}, peak ${f.runtime.peak}`] : []),
    `      ${c.dim('fix:')} ${f.fix}`,
  ];
}
