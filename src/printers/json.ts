/** JSON printer: the report model as is (schema: schema/report.schema.json). */
import type { Report } from '../report/model.js';

export function printJson(report: Report): string {
  const findings = report.findings.map((f) => ({ ...f, role: f.role ?? 'production', suppressed: f.suppressed ?? false }));
  return `${JSON.stringify({ ...report, findings }, null, 2)}\n`;
}
