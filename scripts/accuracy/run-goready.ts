/** Runs the real goready CLI (JSON output) on a directory with only the given rules enabled. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DIMENSIONS } from '../../src/core/types.js';
import { projectRoot } from '../gen-registry.js';

export interface ReportedFinding { ruleId: string; file: string; line: number; sources?: string[] }

export function auditWith(dir: string, ruleIds: string[]): ReportedFinding[] {
  const args = [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', dir, '--format', 'json', '--no-config', '--quiet',
    '--include-generated', '--disable', DIMENSIONS.join(','), '--enable', ruleIds.join(',')];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`goready exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout) as { findings: (ReportedFinding & { suppressed?: boolean })[] };
  return report.findings.filter((f) => !f.suppressed).map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, sources: f.sources }));
}
