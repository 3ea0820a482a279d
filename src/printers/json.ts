/** JSON printer: the report model as is (schema: schema/report.schema.json). */
import type { Report } from '../report/model.js';

export function printJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
