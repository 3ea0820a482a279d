/** Runs the real goready CLI (JSON output) on a directory with only the given rules enabled: every place it reports. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DIMENSIONS } from '../../src/core/types.js';
import { projectRoot } from '../gen-registry.js';

export interface ReportedFinding { ruleId: string; file: string; line: number; sources?: string[] }

/**
 * `--include-non-shipped`: a peer's samples are fragments whose functions nothing calls (go vet's testdata declares
 * `func _()` and uncalled helpers); an audit leaves such code out as unreachable, the harness scores the rule's check.
 */
export function auditWith(dir: string, ruleIds: string[]): ReportedFinding[] {
  const args = [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', dir, '--format', 'json', '--no-config', '--quiet',
    '--include-generated', '--include-non-shipped', '--disable', DIMENSIONS.join(','), '--enable', ruleIds.join(',')];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`goready exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout) as { findings: (ReportedFinding & { suppressed?: boolean; related?: { file: string; line: number }[] })[] };
  // a finding's related places are reported places too (every printer shows them): go vet's lostcancel reports the
  // assignment and each return reached without the cancel, goready one finding at the assignment with the returns
  // as related places; each counts as reported, and is scored like any other place (a related place no peer label
  // expects is a false positive)
  return report.findings.filter((f) => !f.suppressed).flatMap((f) => [f, ...(f.related ?? [])].map((p) =>
    ({ ruleId: f.ruleId, file: p.file, line: p.line, sources: f.sources })));
}
