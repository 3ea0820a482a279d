/** What the local and the distributed `goready survey` share: audit options from flags, the closing summary. */
import fs from 'node:fs';
import { redactSecrets } from '../store/db-url.js';
import { auditScopeOverrides, type AuditScopeFlags } from './audit-options.js';
import { UsageError } from './errors.js';
import type { HistoryStore } from '../store/types.js';
import type { SurveyAuditOptions } from '../survey/job.js';
import type { FleetReport } from '../report/fleet-model.js';

export interface SurveyOptionFlags extends AuditScopeFlags {
  config?: boolean;
}

/** The audit options of every repository of the survey (the audit-shaping options of src/cli/audit-options.ts). */
export function surveyAuditOptions(flags: SurveyOptionFlags): SurveyAuditOptions {
  if (flags.vulndb && /^https?:\/\//i.test(flags.vulndb)) throw new UsageError('--vulndb for a survey takes a directory (`goready vulndb update` fetches one)');
  if (flags.vulndb && !fs.existsSync(flags.vulndb)) throw new UsageError(`--vulndb ${flags.vulndb}: no such directory`);
  return { cli: auditScopeOverrides(flags, { absolute: true }), noConfig: flags.config === false };
}

/** Prints the survey's summary (text table or the JSON fleet report) on stdout; returns the report. */
export async function printSurveySummary(store: HistoryStore, surveyId: number, flags: { format: 'text' | 'json'; db?: string }, thisRun: string): Promise<FleetReport> {
  const { buildFleetReport } = await import('../fleet/build.js');
  const { PRINTERS } = await import('../printers/index.js');
  const report = await buildFleetReport(store, surveyId);
  if (flags.format === 'json') {
    process.stdout.write(PRINTERS.fleet.json(report, { color: false }));
    return report;
  }
  const w = Math.max(10, ...report.repos.map((r) => r.name.length));
  const lines = [`survey #${report.survey.id} "${report.survey.name}": ${report.survey.done}/${report.survey.total} audited` +
    `${report.survey.failed ? `, ${report.survey.failed} failed` : ''} (${thisRun})`, '',
    `${'repository'.padEnd(w)}  ${'commit'.padEnd(12)}  score  grade  findings`,
    ...report.repos.map((r) => r.scores
      ? `${r.name.padEnd(w)}  ${(r.commit ?? '-').slice(0, 12).padEnd(12)}  ${String(r.scores.overall ?? '—').padStart(5)}  ${r.scores.grade.padEnd(5)}  ${String(r.findingCounts.total).padStart(8)}`
      : `${r.name.padEnd(w)}  ${r.status.toUpperCase()}: ${r.error ?? ''}`),
    '', `report: goready report --survey ${report.survey.id} --format html --output fleet.html${flags.db ? ` --db ${redactSecrets(flags.db)}` : ''}`];
  process.stdout.write(`${lines.join('\n')}\n`);
  return report;
}
