/** `goready baseline write`: audit, then store the unsuppressed findings' counts file → rule → count. */
import fs from 'node:fs';
import path from 'node:path';
import { buildBaseline, serializeBaseline } from '../pipeline/baseline.js';
import type { AuditOptions } from './run-audit.js';

export const DEFAULT_BASELINE_NAME = '.goready-baseline.json';

export interface BaselineWritten { path: string; files: number; findings: number }

export async function writeBaseline(opts: AuditOptions & { output?: string }): Promise<BaselineWritten> {
  // loaded here, not at import: the CLI reads DEFAULT_BASELINE_NAME at start-up without the audit's code
  const { auditWithFindings } = await import('./run-audit.js');
  const { judged } = await auditWithFindings({ ...opts, baselineFile: undefined, newFromRev: undefined, contextLines: 0 });
  const baseline = buildBaseline(judged);
  const out = opts.output ?? path.join(opts.target, DEFAULT_BASELINE_NAME);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  // written aside then renamed over: a link at the baseline's path (the default is inside the
  // audited repository) is replaced, never written through to its target
  const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.tmp-${process.pid}`);
  fs.writeFileSync(tmp, serializeBaseline(baseline), { flag: 'wx' });
  try {
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const counts = Object.values(baseline.files).flatMap((r) => Object.values(r));
  return { path: out, files: Object.keys(baseline.files).length, findings: counts.reduce((a, b) => a + b, 0) };
}
