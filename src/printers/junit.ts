/** JUnit XML: one testcase per enabled rule, one failure per unsuppressed finding not covered by a baseline. */
import type { Report } from '../report/model.js';

export function xmlEscape(s: string): string {
  // also drops characters XML 1.0 cannot carry
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function printJunit(report: Report): string {
  const active = report.findings.filter((f) => !f.suppressed && f.baseline !== 'covered');
  const cases = report.rules.map((r) => {
    const fs = active.filter((f) => f.ruleId === r.id);
    const name = xmlEscape(`${r.id} ${r.name}`);
    const cls = xmlEscape(`goready.${r.dimension}`);
    if (!fs.length) return `    <testcase name="${name}" classname="${cls}"/>`;
    const failures = fs.map((f) => `      <failure type="${xmlEscape(f.severity)}" message="${xmlEscape(`${f.file}:${f.line}:${f.column}: ${f.message}`)}">${xmlEscape(`${f.file}:${f.line}:${f.column}: ${f.message}\nfix: ${f.fix}`)}</failure>`);
    return [`    <testcase name="${name}" classname="${cls}">`, ...failures, '    </testcase>'].join('\n');
  });
  const failures = report.rules.filter((r) => active.some((f) => f.ruleId === r.id)).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="goready" tests="${report.rules.length}" failures="${failures}">`,
    `  <testsuite name="${xmlEscape(`goready ${report.target.name}`)}" tests="${report.rules.length}" failures="${failures}" errors="0" skipped="0" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
