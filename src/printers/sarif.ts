/**
 * SARIF 2.1.0 printer (GitHub code scanning): rule metadata with help text and markdown,
 * results with ruleIndex, root-relative locations (uriBaseId), partialFingerprints stable
 * under line moves, and in-source suppressions with their justification.
 */
import { DIMENSION_TITLES, type Severity } from '../core/types.js';
import type { Report, ReportRule } from '../report/model.js';
import { fingerprintAll } from '../report/fingerprint.js';
import { ruleDocOfReport } from '../report/rule-doc.js';
import { ruleHelpMarkdown } from './rule-doc-markdown.js';
import { ruleHelpText } from './rule-doc-text.js';

const LEVEL: Record<Severity, 'none' | 'note' | 'warning' | 'error'> = {
  info: 'note', low: 'note', medium: 'warning', high: 'error', critical: 'error',
};

/** GitHub's security-severity scale (0–10) for security findings. */
const SECURITY_SEVERITY: Record<Severity, string> = { info: '1.0', low: '3.0', medium: '5.5', high: '8.0', critical: '9.5' };

const PRECISION: Record<string, string> = { low: 'low', medium: 'medium', high: 'high' };

function pascal(name: string): string {
  return name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function sarifRule(r: ReportRule) {
  const doc = ruleDocOfReport(r);
  const tags = [r.dimension, DIMENSION_TITLES[r.dimension], ...r.sources];
  if (r.dimension === 'security') tags.push('security');
  const properties: Record<string, unknown> = { tags: [...new Set(tags)], precision: PRECISION[r.confidence], 'problem.severity': LEVEL[r.severity] === 'error' ? 'error' : LEVEL[r.severity] === 'warning' ? 'warning' : 'recommendation' };
  if (r.dimension === 'security') properties['security-severity'] = SECURITY_SEVERITY[r.severity];
  return {
    id: r.id,
    name: pascal(r.name),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: { text: ruleHelpText(doc), markdown: ruleHelpMarkdown(doc) },
    helpUri: r.helpUri,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties,
  };
}

export function toSarif(report: Report) {
  const rules = report.rules.map(sarifRule);
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const fingerprints = fingerprintAll(report.findings);
  const results = report.findings.map((f, i) => {
    const region: Record<string, unknown> = { startLine: f.line, startColumn: f.column };
    if (f.endLine && f.endColumn && (f.endLine > f.line || f.endColumn > f.column)) {
      region.endLine = f.endLine;
      region.endColumn = f.endColumn;
    }
    if (f.snippet) region.snippet = { text: f.snippet };
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: `${f.message}. Fix: ${f.fix}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' }, region } }],
      ...(f.related?.length ? {
        relatedLocations: f.related.map((r, id) => ({
          id, physicalLocation: { artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' }, region: { startLine: r.line } },
          message: { text: 'the same concern in another variant of this manifest' },
        })),
      } : {}),
      partialFingerprints: { 'goready/v1': fingerprints[i]! },
      properties: {
        dimension: f.dimension, severity: f.severity, confidence: f.confidence, role: f.role ?? 'production', ...(f.generated ? { generated: true } : {}),
        ...(f.confirmedBy ? { confirmedBy: f.confirmedBy } : {}), ...(f.runtime ? { runtime: f.runtime } : {}),
      },
    };
    if (f.suppressed) {
      result.suppressions = [{ kind: f.suppressed.kind === 'config' ? 'external' : 'inSource', status: 'accepted', justification: f.suppressed.reason ?? `suppressed by ${f.suppressed.kind}` }];
    } else if (f.baseline === 'covered') {
      result.suppressions = [{ kind: 'external', status: 'accepted', justification: `covered by the baseline ${report.baseline?.file ?? ''}`.trim() }];
    }
    if (f.baseline) result.baselineState = f.baseline === 'covered' ? 'unchanged' : 'new';
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'goready',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: report.rules[0]?.helpUri.replace(/\/blob\/.*$/, '') || 'https://github.com/goready/goready',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits' as const,
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.diagnostics.filter((d) => d.level !== 'info').slice(0, 1000).map((d) => ({
              level: d.level === 'error' ? 'error' : 'warning',
              message: { text: `[${d.code}] ${d.message}` },
              ...(d.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' }, ...(d.line ? { region: { startLine: d.line } } : {}) } }] } : {}),
            })),
          },
        ],
      },
    ],
  };
}

export function printSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
