/** Text, Markdown and JSON renderings of an artifact report. */
import { severityRank, type Finding } from '../core/types.js';
import type { Artifact, ArtifactReport, BinaryInfo } from './model.js';

const SHOWN_SETTINGS = ['-buildmode', '-trimpath', '-ldflags', '-gcflags', '-tags', 'CGO_ENABLED', 'GOOS', 'GOARCH', 'GOAMD64', 'GOARM64', 'vcs', 'vcs.revision', 'vcs.time', 'vcs.modified'];

function sortFindings(f: Finding[]): Finding[] {
  return [...f].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.ruleId < b.ruleId ? -1 : 1));
}

function linking(b: { static: boolean | null; pie: boolean | null; stripped: boolean | null }): string {
  const s = (v: boolean | null, yes: string, no: string) => (v === null ? '?' : v ? yes : no);
  return `${s(b.static, 'static', 'dynamic')}, ${s(b.pie, 'PIE', 'not PIE')}, ${s(b.stripped, 'stripped', 'not stripped')}`;
}

function binaryLines(b: BinaryInfo | Artifact, indent: string): string[] {
  const out: string[] = [];
  const main = b.mainModule ? `${b.mainModule.path} ${b.mainModule.version}` : 'no main module';
  out.push(`${indent}Go ${b.goVersion ?? '?'} · ${main} · ${linking(b)}${'format' in b ? ` · ${b.format}/${b.arch}` : ''}`);
  const set = SHOWN_SETTINGS.filter((k) => k in b.settings).map((k) => `${k}=${b.settings[k]}`);
  if (set.length) out.push(`${indent}settings: ${set.join(' ')}`);
  if ('interpreter' in b && b.interpreter) out.push(`${indent}interpreter ${b.interpreter}${b.needed?.length ? `, needs ${b.needed.join(', ')}` : ''}`);
  const reps = b.modules.filter((m) => m.replace);
  out.push(`${indent}${b.modules.length} linked module(s)${reps.length ? `, ${reps.length} replaced: ${reps.slice(0, 5).map((m) => `${m.path} => ${m.replace!.path}${m.replace!.version ? ` ${m.replace!.version}` : ''}`).join(', ')}` : ''}`);
  return out;
}

export function artifactText(r: ArtifactReport): string {
  const out: string[] = [];
  for (const a of r.artifacts) {
    out.push(`${a.path} (${a.kind})`);
    if (a.kind === 'image') {
      const i = a.image;
      out.push(`  ${i.layout} image${i.tags.length ? ` ${i.tags.join(', ')}` : ''}, ${i.layers} layer(s), user ${i.user ?? '(root)'}, entrypoint ${JSON.stringify(i.entrypoint ?? i.cmd ?? [])}`);
      const env = Object.entries(i.env).filter(([k]) => /^GO/.test(k)).map(([k, v]) => `${k}=${v}`);
      if (env.length) out.push(`  Go runtime env: ${env.join(' ')}`);
      if (!i.binaries.length) out.push('  no Go binary found');
      for (const b of i.binaries) {
        out.push(`  ${b.path.slice(a.path.length + 1)}`);
        out.push(...binaryLines(b, '    '));
      }
    } else out.push(...binaryLines(a, '  '));
  }
  out.push('');
  const fs = sortFindings(r.findings);
  out.push(fs.length ? `${fs.length} finding(s):` : 'no findings');
  for (const f of fs) out.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${f.ruleName}: ${f.message}`, `           fix: ${f.fix}`);
  if (r.diagnostics.length) {
    out.push('', 'diagnostics:');
    for (const d of r.diagnostics) out.push(`  ${d.level}: ${d.message}`);
  }
  out.push(r.vulndb ? `vulnerability database: ${r.vulndb.path} (${r.vulndb.entries} entries)` : 'vulnerability database: none (known vulnerabilities NOT checked)');
  return `${out.join('\n')}\n`;
}

/** Escapes text for Markdown table cells and prose (no HTML, links or emphasis from artifact strings). */
function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function artifactMarkdown(r: ArtifactReport): string {
  const out: string[] = ['## goready artifact', ''];
  out.push('| artifact | Go | main module | linking | modules |', '|---|---|---|---|---|');
  for (const a of r.artifacts) {
    const rows: (Artifact | BinaryInfo)[] = a.kind === 'image' ? a.image.binaries : [a];
    if (a.kind === 'image' && !rows.length) out.push(`| ${md(a.path)} (image) | – | – | – | – |`);
    for (const b of rows) out.push(`| ${md(b.path)} | ${md(b.goVersion ?? '?')} | ${md(b.mainModule ? `${b.mainModule.path} ${b.mainModule.version}` : '–')} | ${linking(b)} | ${b.modules.length} |`);
  }
  out.push('');
  const fs = sortFindings(r.findings);
  out.push(fs.length ? `### ${fs.length} finding(s)` : 'No findings.', '');
  for (const f of fs) out.push(`- **${f.severity}** \`${f.ruleId}\` ${md(f.ruleName)}: ${md(f.message)}`);
  if (r.diagnostics.length) {
    out.push('', '<details><summary>diagnostics</summary>', '');
    for (const d of r.diagnostics) out.push(`- ${d.level}: ${md(d.message)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

export function artifactJson(r: ArtifactReport): string {
  return `${JSON.stringify({ ...r, findings: sortFindings(r.findings).map((f) => ({ ...f, suppressed: f.suppressed ?? false })) }, null, 2)}\n`;
}
