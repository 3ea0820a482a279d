/**
 * The goready command line. Exit codes: 0 ok; 1 a gate failed (--fail-on / --min-score);
 * 2 usage or configuration error; 3 internal error.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { DIMENSIONS, SEVERITIES, type Dimension, type Severity } from '../core/types.js';
import { toolVersion } from '../core/tool-package.js';
import type { CliOverrides } from '../config/config.js';
import { DEFAULT_VULNDB_URL, updateVulnDb } from '../supply/vulndb-update.js';
import { DEFAULT_BASELINE_NAME, writeBaseline } from '../audit/baseline-file.js';
import { FORMAT_NAMES } from '../printers/formats.js';
import type { FormatSpec } from '../printers/index.js';
import { createProgress } from './progress.js';
import { writeStarterConfig } from './init-command.js';
import { UsageError } from './errors.js';
import { addAuditScopeOptions, auditScopeOverrides, list, parseNumber, type AuditScopeFlags } from './audit-options.js';
import { registerFleetCommands } from './fleet-commands.js';
import { registerArtifactCommand } from './artifact-command.js';
import { probeEvidenceFor, registerProbeCommands, withRuntimeEvidence } from './probe-command.js';
import { redactSecrets } from '../store/db-url.js';
import { UserError } from '../core/errors.js';
import { defaultCacheDir, ResultCache } from '../cache/result-cache.js';

export const EXIT = { OK: 0, GATE_FAILED: 1, USAGE: 2, INTERNAL: 3 } as const;

// The configuration (which loads every rule) and the audit are loaded by the commands that use
// them: `goready --version`, `rules` and `explain` start without them.
const lazy = {
  config: () => import('../config/config.js'),
  audit: () => import('../audit/run-audit.js'),
};



function colorFor(stream: NodeJS.WriteStream, toFile: boolean): boolean {
  if (toFile) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY && pc.isColorSupported;
}

interface AuditFlags extends AuditScopeFlags {
  format: string[];
  output?: string;
  config?: string;
  noConfig?: boolean;
  config_?: boolean;
  showSuppressed?: boolean;
  failOn?: Severity;
  minScore?: string;
  minDimensionScore?: string[];
  minSeverity?: Severity;
  baseline?: string;
  newFromRev?: string;
  jobs?: string;
  evidence?: string;
  artifact?: string[];
  progress: boolean;
  quiet?: boolean;
  probe?: string;
  probeDuration?: string;
  probeInterval?: string;
  /** `--no-cache` sets it false. */
  cache?: boolean;
  cacheDir?: string;
}

/** The result cache the flags ask for: `--cache-dir DIR`, the default directory, or none (`--no-cache`). */
function resultCacheOf(flags: { cache?: boolean; cacheDir?: string }): ResultCache | undefined {
  if (flags.cache === false) return undefined;
  return new ResultCache(flags.cacheDir ? path.resolve(flags.cacheDir) : defaultCacheDir());
}


/** `--min-dimension-score security=80` (repeatable, comma-separated). */
function parseDimensionScores(specs: string[] | undefined): Partial<Record<Dimension, number>> | undefined {
  if (!specs?.length) return undefined;
  const out: Partial<Record<Dimension, number>> = {};
  for (const spec of specs) {
    const m = /^([a-z-]+)=(.+)$/.exec(spec);
    if (!m || !(DIMENSIONS as readonly string[]).includes(m[1]!)) {
      throw new UsageError(`--min-dimension-score ${spec}: expected <dimension>=<score> with a dimension among ${DIMENSIONS.join(', ')}`);
    }
    out[m[1] as Dimension] = parseNumber(m[2], `--min-dimension-score ${m[1]}`, 0, 100);
  }
  return out;
}

function checkTarget(target: string, verb: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    throw new UsageError(`cannot ${verb} '${target}': no such file or directory`);
  }
  if (!st.isDirectory()) throw new UsageError(`cannot ${verb} '${target}': not a directory (give the repository root)`);
}

function cliOverrides(flags: AuditFlags): CliOverrides {
  return {
    ...auditScopeOverrides(flags),
    failOn: flags.failOn, minScore: parseNumber(flags.minScore, '--min-score', 0, 100), minSeverity: flags.minSeverity,
    minDimensionScores: parseDimensionScores(flags.minDimensionScore),
    govulncheckEvidence: flags.evidence,
  };
}

/**
 * `--vulndb URL`: the v1 database at URL, fetched (or refreshed when it changed) into a cache
 * directory of its own, then read like a local one. A failed download leaves the supply-chain
 * dimension inconclusive, with the reason on stderr.
 */
async function vulnDbFromUrl(url: string, quiet: boolean): Promise<string> {
  const { defaultVulnDbDir } = await lazy.config();
  const dir = path.join(path.dirname(defaultVulnDbDir()), 'vulndb-url', createHash('sha256').update(url).digest('hex').slice(0, 16));
  try {
    const r = await updateVulnDb({ from: url, dir });
    if (!quiet) process.stderr.write(`goready: vulnerability database from ${url} in ${dir} (${r.status === 'updated' ? 'downloaded' : 'unchanged'})\n`);
    return dir;
  } catch (e) {
    process.stderr.write(`goready: --vulndb ${url}: ${(e as Error).message}${fs.existsSync(path.join(dir, 'index')) ? '; using the copy fetched earlier' : '; known vulnerabilities are not checked'}\n`);
    // the (possibly missing) directory stays the chosen database: never fall back to another one silently
    return dir;
  }
}

async function auditCommand(target: string, flags: AuditFlags): Promise<number> {
  checkTarget(target, 'audit');
  if (flags.config && !fs.existsSync(flags.config)) throw new UsageError(`--config ${flags.config}: no such file`);
  if (flags.vulndb && /^https?:\/\//i.test(flags.vulndb)) flags.vulndb = await vulnDbFromUrl(flags.vulndb, !!flags.quiet);
  else if (flags.vulndb && !fs.existsSync(flags.vulndb)) throw new UsageError(`--vulndb ${flags.vulndb}: no such directory`);
  if (flags.evidence && !fs.existsSync(flags.evidence)) throw new UsageError(`--evidence ${flags.evidence}: no such file`);
  for (const a of flags.artifact ?? []) if (!fs.existsSync(a)) throw new UsageError(`--artifact ${a}: no such file`);
  const cli = cliOverrides(flags);
  const jobs = parseNumber(flags.jobs, '--jobs', 1, 64);
  const { parseFormatSpecs, PRINTERS } = await import('../printers/index.js');
  let specs: FormatSpec[];
  try {
    specs = parseFormatSpecs(flags.format.length ? flags.format : ['text']);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { loadConfig } = await lazy.config();
  const { AuditInputError, auditWithFindings } = await lazy.audit();
  const { config, errors } = loadConfig(target, { explicit: flags.config, noConfig: flags.noConfig, cli });
  const evidence = flags.probe ? await probeEvidenceFor(flags.probe, { duration: flags.probeDuration, interval: flags.probeInterval, quiet: flags.quiet }) : undefined;
  const progress = createProgress(flags.progress && !flags.quiet);
  let report;
  let facts;
  try {
    ({ report, repo: facts } = await auditWithFindings({
      target, config, jobs, baselineFile: flags.baseline, newFromRev: flags.newFromRev, artifacts: flags.artifact, cache: resultCacheOf(flags), evidence,
      preDiagnostics: errors.map((message) => ({ level: 'error' as const, code: 'config-error', message })),
      onProgress: (d, t) => progress.update(d, t),
    }));
  } catch (e) {
    if (e instanceof AuditInputError) throw new UsageError(e.message);
    throw e;
  } finally {
    progress.done();
  }
  if (flags.probe) report = await withRuntimeEvidence(report, target, facts, flags.probe, config);
  for (const spec of specs) {
    const file = spec.path ?? flags.output;
    const text = PRINTERS.audit[spec.name](report, { color: colorFor(process.stdout, !!file), showSuppressed: flags.showSuppressed });
    if (file) {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, text);
      if (!flags.quiet) process.stderr.write(`goready: ${spec.name} report written to ${file}\n`);
    } else {
      process.stdout.write(text);
    }
  }
  if (errors.length) {
    for (const e of errors) process.stderr.write(`goready: config error: ${e}\n`);
    return EXIT.USAGE;
  }
  // the exit code depends on the gates only, never on the output formats
  return report.gate?.failed ? EXIT.GATE_FAILED : EXIT.OK;
}

async function baselineWriteCommand(target: string, flags: AuditFlags): Promise<number> {
  checkTarget(target, 'audit');
  if (flags.config && !fs.existsSync(flags.config)) throw new UsageError(`--config ${flags.config}: no such file`);
  if (flags.vulndb && !fs.existsSync(flags.vulndb)) throw new UsageError(`--vulndb ${flags.vulndb}: no such directory`);
  const { loadConfig } = await lazy.config();
  const { config, errors } = loadConfig(target, { explicit: flags.config, noConfig: flags.noConfig, cli: cliOverrides(flags) });
  const progress = createProgress(flags.progress && !flags.quiet);
  let written;
  try {
    written = await writeBaseline({ target, config, jobs: parseNumber(flags.jobs, '--jobs', 1, 64), output: flags.output, onProgress: (d, t) => progress.update(d, t) });
  } finally {
    progress.done();
  }
  if (!flags.quiet) process.stderr.write(`goready: baseline of ${written.findings} finding(s) in ${written.files} file(s) written to ${written.path}\n`);
  if (errors.length) {
    for (const e of errors) process.stderr.write(`goready: config error: ${e}\n`);
    return EXIT.USAGE;
  }
  return EXIT.OK;
}

export function buildProgram(out: { code: number }): Command {
  const program = new Command();
  program
    .name('goready')
    .description('Production-readiness auditor for Go repositories')
    .version(toolVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError('(run `goready --help` for usage)')
    .addHelpText('after', '\nExit codes: 0 ok, 1 gate failed (--fail-on/--min-score/--min-dimension-score) or `vulndb update` failed, 2 usage or config error, 3 internal error.');

  addAuditScopeOptions(program
    .command('audit')
    .description('audit a Go repository and print findings and a scorecard')
    .argument('[path]', 'repository root', '.'))
    .option('-f, --format <format[=file]>', `output format, repeatable: ${FORMAT_NAMES.join(', ')}; name=file writes to a file (e.g. --format text --format sarif=out.sarif)`, list, [])
    .option('-o, --output <file>', 'write the (single) standard-output format to a file instead')
    .option('-c, --config <file>', 'configuration file (default: .goready.yaml found walking up from the path)')
    .option('--no-config', 'ignore any .goready.yaml')
    .option('--show-suppressed', 'list suppressed findings in text output')
    .addOption(new Option('--fail-on <severity>', 'exit 1 if an unsuppressed finding has at least this severity').choices(SEVERITIES))
    .option('--min-score <n>', 'exit 1 if the overall score is below n')
    .option('--min-dimension-score <dimension=n>', 'exit 1 if a dimension scores below n (or is inconclusive); repeatable, e.g. security=80', list)
    .option('--baseline <file>', 'hide findings covered by this baseline (goready baseline write); report what is new or increased')
    .option('--new-from-rev <rev>', 'keep only findings on lines changed since this git revision (working tree included)')
    .addOption(new Option('--min-severity <severity>', 'hide findings below this severity').choices(SEVERITIES))
    .option('-j, --jobs <n>', 'worker threads (default: number of CPUs, up to 8)')
    .option('--evidence <file>', 'merge `govulncheck -json` output: its call-graph-confirmed findings become symbol-level, marked confirmed')
    .option('--artifact <binary|image.tar>', 'a Go binary built from this repository, or a container image tarball (docker save / OCI layout) that holds one (repeatable): the image config is judged as a Dockerfile is; standard-library vulnerabilities are judged against the Go release that built it, build findings confirmed or refuted by its settings, go.mod compared with the linked versions', (v: string, prev: string[] = []) => [...prev, v])
    .option('--probe <url>', 'merge runtime evidence from a running service (goready probe): pprof URL, or a directory of saved profiles')
    .option('--probe-duration <d>', 'how long --probe samples', '30s')
    .option('--probe-interval <d>', 'time between --probe samples', '5s')
    .option('--cache-dir <dir>', 'result cache: unchanged files and repository inputs are not analysed again (default: $XDG_CACHE_HOME/goready/results or ~/.cache/goready/results)')
    .option('--no-cache', 'neither read nor write the result cache')
    .option('--no-progress', 'no progress bar')
    .option('-q, --quiet', 'no progress bar or notices on stderr')
    .action(async (target: string, flags: Omit<AuditFlags, "config"> & { config?: string | false }) => {
      if (flags.config === false) { flags.noConfig = true; flags.config = undefined; }
      out.code = await auditCommand(target, { ...flags, config: flags.config || undefined });
    });

  const baseline = program.command('baseline').description('manage baselines (counts of known findings per file and rule)');
  addAuditScopeOptions(baseline
    .command('write')
    .description(`audit and store the current findings' counts (file → rule → count) so that \`audit --baseline\` shows only new ones`)
    .argument('[path]', 'repository root', '.'))
    .option('-o, --output <file>', `baseline file (default: <path>/${DEFAULT_BASELINE_NAME})`)
    .option('-c, --config <file>', 'configuration file (default: .goready.yaml found walking up from the path)')
    .option('--no-config', 'ignore any .goready.yaml')
    .option('-j, --jobs <n>', 'worker threads (default: number of CPUs, up to 8)')
    .option('--no-progress', 'no progress bar')
    .option('-q, --quiet', 'no progress bar or notices on stderr')
    .action(async (target: string, flags: Omit<AuditFlags, 'config' | 'format'> & { config?: string | false }) => {
      if (flags.config === false) { flags.noConfig = true; flags.config = undefined; }
      out.code = await baselineWriteCommand(target, { ...flags, format: [], config: flags.config || undefined });
    });

  program
    .command('rules')
    .description('list the rules')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-d, --dimension <dimension>', 'only this dimension')
    .action(async (flags: { format: 'text' | 'json'; dimension?: string }) => {
      const { listRules } = await import('./rules-commands.js');
      process.stdout.write(listRules(flags.format, colorFor(process.stdout, false), flags.dimension));
    });

  program
    .command('explain')
    .description('explain one rule: why, how to fix, before/after')
    .argument('<rule>', 'rule id or name')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (rule: string, flags: { format: 'text' | 'json' }) => {
      const { explainRule } = await import('./rules-commands.js');
      const text = explainRule(rule, flags.format, colorFor(process.stdout, false));
      if (!text) throw new UsageError(`no rule '${rule}' (see \`goready rules\`)`);
      process.stdout.write(text);
    });

  const vulndb = program.command('vulndb').description('manage the local copy of the Go vulnerability database');
  vulndb
    .command('update')
    .description('download the Go vulnerability database (vuln.go.dev v1 layout) into the cache that `audit` uses by default')
    .option('--from <url>', 'database URL', DEFAULT_VULNDB_URL)
    .option('--dir <path>', 'cache directory (default: $GOREADY_CACHE/vulndb, else $XDG_CACHE_HOME or ~/.cache /goready/vulndb)')
    .option('--force', 'download even when the cache is up to date')
    .action(async (flags: { from: string; dir?: string; force?: boolean }) => {
      const dir = flags.dir ?? (await lazy.config()).defaultVulnDbDir();
      try {
        const r = await updateVulnDb({ from: flags.from, dir, force: flags.force });
        const when = `last modified ${r.modified.slice(0, 10)}`;
        process.stdout.write(r.status === 'up-to-date'
          ? `vulnerability database in ${r.dir} is up to date (${r.entries} entries, ${when})\n`
          : `vulnerability database updated: ${r.entries} entries, ${when}, from ${r.source} into ${r.dir} (${(r.ms / 1000).toFixed(1)}s)\n`);
      } catch (e) {
        process.stderr.write(`goready: vulndb update failed, the previous copy is unchanged: ${(e as Error).message}\n`);
        out.code = EXIT.GATE_FAILED;
      }
    });

  program
    .command('init')
    .description('write a commented starter .goready.yaml in the current directory')
    .option('--force', 'overwrite an existing file')
    .action((flags: { force?: boolean }) => {
      const r = writeStarterConfig(process.cwd(), !!flags.force);
      if (!r.written) throw new UsageError(`${r.path} already exists (use --force to overwrite)`);
      process.stdout.write(`wrote ${r.path}\n`);
    });

  registerFleetCommands(program, out);
  registerArtifactCommand(program, out);
  registerProbeCommands(program, out, (toFile) => colorFor(process.stdout, toFile));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const out = { code: EXIT.OK as number };
  const program = buildProgram(out);
  try {
    await program.parseAsync(argv);
    return out.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (e instanceof UserError) {
      process.stderr.write(`goready: ${redactSecrets(e.message)}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`goready: internal error: ${redactSecrets((e as Error).stack ?? String(e))}\n`);
    return EXIT.INTERNAL;
  }
}
