/** `goready probe <url|dir>` and `goready probe compare before.json after.json`. */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { UsageError } from './errors.js';
import { PROBE_FORMATS, type ProbeFormat } from '../probe/model.js';
// the probe's machinery (and, through it, the audit's) is loaded by the probe commands only
const lazyRun = () => import('../probe/run-probe.js');
import type { Report } from '../report/model.js';
import type { MergeConfig } from '../probe/merge-audit.js';
import type { AuditOptions, AuditResult } from '../audit/run-audit.js';

/**
 * `audit --probe URL`: the runtime evidence the audit resolves (its provider probes the service,
 * or reads saved profiles, while the engine runs): `runtimeEvidence` before the audit, then
 * `withRuntimeEvidence` merges it into the audit report. A probe that cannot run leaves the audit
 * as it is, with the reason on stderr and in `probe.error`.
 */
export async function probeEvidenceFor(target: string, o: { duration?: string; interval?: string; quiet?: boolean }): Promise<NonNullable<AuditOptions['evidence']>> {
  const durationMs = parseDuration(o.duration ?? '30s', '--probe-duration');
  const intervalMs = parseDuration(o.interval ?? '5s', '--probe-interval');
  if (!o.quiet) process.stderr.write(`goready: probing ${target} for ${durationMs / 1000}s\n`);
  const { runtimeEvidence } = await import('../probe/evidence.js');
  return runtimeEvidence(target, { durationMs, intervalMs });
}

export async function withRuntimeEvidence(report: Report, repo: string, facts: AuditResult['repo'], target: string, config: MergeConfig): Promise<Report> {
  const { joinRuntimeEvidence } = await lazyRun();
  const r = await joinRuntimeEvidence(report, repo, facts, config);
  if (r.error) process.stderr.write(`goready: --probe ${target}: ${r.error}; the audit is reported without runtime evidence\n`);
  return r.report;
}

/** `60s`, `2m`, `500ms`, `1h` or plain seconds → milliseconds. */
export function parseDuration(v: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new UsageError(`${name} ${v}: expected a duration such as 30s, 2m or 500ms`);
  const n = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000);
  if (!(n > 0) || n > 24 * 3_600_000) throw new UsageError(`${name} ${v}: must be above 0 and at most 24h`);
  return n;
}

function write(text: string, output: string | undefined, quiet: boolean | undefined, what: string): void {
  if (output) {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
    if (!quiet) process.stderr.write(`goready: ${what} written to ${output}\n`);
  } else process.stdout.write(text);
}

interface ProbeFlags {
  repo?: string;
  duration: string;
  interval: string;
  save?: string;
  format: ProbeFormat;
  output?: string;
  metrics?: string;
  expvar?: string;
  leakThreshold?: string;
  blockedMinutes?: string;
  quiet?: boolean;
}

export function registerProbeCommands(program: Command, out: { code: number }, colorFor: (toFile: boolean) => boolean): void {
  const probe = program
    .command('probe')
    .description('sample a running Go service (pprof, Prometheus /metrics, expvar) or saved profiles, and join what runs to the code')
    .argument('<target>', 'pprof URL (http://127.0.0.1:6060/debug/pprof/), a directory or file of saved profiles, or a saved run (--save)')
    .option('--repo <path>', 'repository of the service: frames are mapped to its files and its static findings are confirmed')
    .option('--duration <d>', 'how long to sample (e.g. 60s, 2m)', '30s')
    .option('--interval <d>', 'time between samples', '5s')
    .option('--save <file>', 'keep the samples (for `goready probe <file>` and `goready probe compare`)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(PROBE_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--metrics <url>', 'Prometheus text exposition URL (default: /metrics on the same host, when it answers)')
    .option('--expvar <url>', 'expvar URL (default: /debug/vars on the same host, when it answers)')
    .option('--leak-threshold <n>', 'growth of a monotonic creation site that makes it a leak suspect', '10')
    .option('--blocked-minutes <n>', 'report goroutines blocked at least this long on a channel or lock', '10')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (target: string, flags: ProbeFlags) => {
      const durationMs = parseDuration(flags.duration, '--duration');
      const intervalMs = parseDuration(flags.interval, '--interval');
      const leakThreshold = Number(flags.leakThreshold ?? 10);
      const blockedMinutes = Number(flags.blockedMinutes ?? 10);
      if (!Number.isFinite(leakThreshold) || leakThreshold < 1) throw new UsageError('--leak-threshold must be a number ≥ 1');
      if (!Number.isFinite(blockedMinutes) || blockedMinutes < 0) throw new UsageError('--blocked-minutes must be a number ≥ 0');
      const progress = !flags.quiet && process.stderr.isTTY;
      try {
        const { runProbe } = await lazyRun();
        const { run, report } = await runProbe({
          target, repo: flags.repo, durationMs, intervalMs, metricsUrl: flags.metrics, expvarUrl: flags.expvar, leakThreshold, blockedMinutes,
          onSample: progress ? (n, t) => process.stderr.write(`\rgoready probe: sample ${n}/${t}`) : undefined,
        });
        if (progress) process.stderr.write('\n');
        if (flags.save) write(`${JSON.stringify(run)}\n`, flags.save, flags.quiet, 'probe run');
        const { printProbe } = await import('../probe/print.js');
        write(printProbe(report, flags.format, flags.format === 'text' && colorFor(!!flags.output)), flags.output, flags.quiet, `${flags.format} probe report`);
        // exit 1: a leak suspect or a high/critical finding (as a failed gate); 0 otherwise
        out.code = report.sites.some((s) => s.leakSuspect) || report.findings.some((f) => f.severity === 'high' || f.severity === 'critical') ? 1 : 0;
      } catch (e) {
        if (e instanceof (await import('../probe/collect.js')).ProbeInputError) throw new UsageError(e.message);
        throw e;
      }
    });

  probe
    .command('compare')
    .description('before/after table per goroutine creation site (peak, end, % change) from two saved runs or probe JSON reports')
    .argument('<before>', 'saved run (--save) or --format json report')
    .argument('<after>', 'saved run (--save) or --format json report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(PROBE_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the table to a file')
    .action(async (before: string, after: string, own: { format: ProbeFormat; output?: string }, cmd: Command) => {
      // `probe` has the same options and parses them first: take whichever was given
      const parent = (cmd.parent?.opts() ?? {}) as { format?: ProbeFormat; output?: string };
      const flags = { format: own.format !== 'text' ? own.format : parent.format ?? own.format, output: own.output ?? parent.output };
      const read = (f: string) => {
        try {
          if (fs.statSync(f).size > 256 * 1024 * 1024) throw new UsageError(`${f}: too large`);
          return fs.readFileSync(f, 'utf8');
        } catch (e) {
          if (e instanceof UsageError) throw e;
          throw new UsageError(`${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        }
      };
      try {
        const { compareSides, loadSide } = await import('../probe/compare.js');
        const cmp = compareSides(loadSide(read(before), before), loadSide(read(after), after), { before, after });
        const { printComparison } = await import('../probe/print.js');
        write(printComparison(cmp, flags.format), flags.output, false, 'comparison');
      } catch (e) {
        if (e instanceof (await import('../probe/collect.js')).ProbeInputError) throw new UsageError(e.message);
        throw e;
      }
    });
}
