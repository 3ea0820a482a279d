/** `goready survey`, `report`, `diff` and `serve`: the fleet commands over the history store. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { cacheDir, defaultDbPath } from '../store/paths.js';
import { defaultCacheDir as defaultResultCacheDir } from '../cache/result-cache.js';
import { isPostgresUrl } from '../store/db-url.js';
import { printSurveySummary, surveyAuditOptions, type SurveyOptionFlags } from './survey-summary.js';
import { createSurveyProgress } from './survey-progress.js';
import { EXIT_INTERRUPTED, UsageError } from './errors.js';
import { openStore, positiveInt } from './open-store.js';
import { registerDbCommands } from './db-commands.js';
import { parseDuration } from './probe-command.js';
import { addAuditScopeOptions } from './audit-options.js';
import { formatChoices, resolveFormat } from '../printers/formats.js';

// The database (a native module), the survey machinery and the web server are loaded only by
// the commands that use them: `goready audit` neither pays for them nor depends on them.
const lazy = {
  list: () => import('../survey/list.js'),
  executor: () => import('../survey/executor.js'),
  survey: () => import('../survey/run-survey.js'),
  build: () => import('../fleet/build.js'),
  diff: () => import('../fleet/diff.js'),
  printers: () => import('../printers/index.js'),
  server: () => import('../serve/server.js'),
  distributed: () => import('./distributed-commands.js'),
};

function writeOut(text: string, output: string | undefined, label: string, quiet?: boolean): void {
  if (output) {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
    if (!quiet) process.stderr.write(`goready: ${label} written to ${output}\n`);
  } else {
    process.stdout.write(text);
  }
}

export interface SurveyFlags extends SurveyOptionFlags {
  db?: string; jobs?: string; name?: string; force?: boolean; new?: boolean; resume?: string; cacheDir?: string; resultCache?: boolean;
  format: 'text' | 'json'; progress: boolean; quiet?: boolean; probeDuration: string; probeInterval: string;
  /** Distributed surveys (--db postgres://…) only. */
  work: boolean; detach?: boolean; leaseSeconds?: string; attempts?: string; timeoutSeconds?: string;
}

async function surveyCommand(listArg: string, flags: SurveyFlags): Promise<number> {
  if (flags.db && isPostgresUrl(flags.db)) return (await lazy.distributed()).distributedSurvey(listArg, flags);
  const distributedOnly = [['--no-work', !flags.work], ['--detach', flags.detach], ['--lease-seconds', flags.leaseSeconds], ['--attempts', flags.attempts], ['--timeout-seconds', flags.timeoutSeconds]]
    .filter(([, v]) => v).map(([k]) => k);
  if (distributedOnly.length) throw new UsageError(`${distributedOnly.join(', ')}: only for a distributed survey (--db postgres://…)`);
  const { readSurveyList } = await lazy.list();
  const { ChildProcessExecutor, InProcessExecutor } = await lazy.executor();
  const { runSurvey } = await lazy.survey();
  const { source, entries } = readSurveyList(listArg);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const jobs = positiveInt(flags.jobs, '--jobs', 1, 64) ?? cores;
  const options = surveyAuditOptions(flags);
  const store = await openStore(flags.db, { quiet: flags.quiet });
  // GOREADY_TEST_SURVEY_IN_PROCESS=1: the audits in this process, for the tests about what a survey records rather
  // than its audit processes (each child costs a Node.js start and a module load; test/helpers/cli.ts)
  const Executor = process.env.GOREADY_TEST_SURVEY_IN_PROCESS === '1' ? InProcessExecutor : ChildProcessExecutor;
  const executor = new Executor(Math.min(jobs, entries.length));
  const mode = flags.quiet || !flags.progress ? 'off' : process.stderr.isTTY ? 'tty' : 'lines';
  const progress = createSurveyProgress(mode);
  let aborted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (aborted) process.exit(EXIT_INTERRUPTED);
    aborted = true;
    progress.done();
    process.stderr.write(`\ngoready: ${sig}: stopping; audits in flight are dropped (run the same command again to resume)\n`);
    void executor.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const outcome = await runSurvey({
      store, executor, source, entries, name: flags.name, options, force: flags.force, fresh: flags.new,
      resumeId: positiveInt(flags.resume, '--resume'), cacheDir: flags.cacheDir ? path.resolve(flags.cacheDir) : cacheDir(),
      resultCacheDir: flags.resultCache === false ? undefined : defaultResultCacheDir(),
      probeDurationMs: parseDuration(flags.probeDuration, '--probe-duration'), probeIntervalMs: parseDuration(flags.probeInterval, '--probe-interval'),
      aborted: () => aborted,
      onEvent: (e) => {
        let detail: string | undefined;
        if (e.type === 'job-done' && e.audit) {
          const a = e.audit;
          detail = `score ${a.overall ?? '—'} ${a.grade}, ${a.findingsActive} findings${a.commit ? ` @${a.commit.slice(0, 12)}` : ''}`;
        }
        progress.event(e, detail);
      },
    });
    progress.done();
    if (outcome.interrupted) {
      const s = (await store.survey(outcome.surveyId))!;
      process.stderr.write(`goready: survey #${s.id} interrupted: ${s.done}/${s.total} done\n`);
      return EXIT_INTERRUPTED;
    }
    const report = await printSurveySummary(store, outcome.surveyId, flags, `this run: ${outcome.audited} audited, ${outcome.unchanged} unchanged commits reused, ${outcome.failed} failed`);
    return report.survey.failed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await executor.close();
    await store.close();
  }
}

function surveyRef(arg: string): { kind: 'audit' | 'survey'; id: number } {
  const m = /^(?:(s|survey|a|audit)[:#]?)?(\d+)$/i.exec(arg.trim());
  if (!m) throw new UsageError(`'${arg}' is not an audit id (12) or a survey id (s12, survey:12)`);
  const k = m[1]?.toLowerCase();
  return { kind: k === 's' || k === 'survey' ? 'survey' : 'audit', id: Number(m[2]) };
}

export function registerFleetCommands(program: Command, out: { code: number }): void {
  const dbOption = () => new Option('--db <file|url>', `history database: a SQLite file (default: ${defaultDbPath().replace(os.homedir(), '~')}) or postgres://user@host/db`);

  addAuditScopeOptions(program
    .command('survey')
    .description('audit many repositories into the history database (resumable)')
    .argument('<list>', 'a file with one local path or git URL per line (optional name=… ref=… probe=URL), or a directory whose children are repositories'))
    .addOption(dbOption())
    .option('-j, --jobs <n>', 'repositories audited at once (default: number of CPUs)')
    .option('--name <name>', 'survey name (default: list name and date)')
    .option('--force', 'audit again even when the same clean commit was audited before')
    .option('--new', 'start a new survey even if an unfinished one of the same list exists')
    .option('--resume <id>', 'resume this survey (also retries its failed repositories)')
    .option('--cache-dir <dir>', 'where git URLs are cloned (default: ~/.cache/goready/repos)')
    .option('--no-result-cache', 'audit every repository cold (default: reuse the result cache, ~/.cache/goready/results)')
    .option('--no-config', "ignore the repositories' .goready.yaml")
    .option('--probe-duration <d>', 'how long a line\'s probe=URL samples its running service', '30s')
    .option('--probe-interval <d>', 'time between probe=URL samples', '5s')
    .addOption(new Option('-f, --format <format>', 'summary on stdout').choices(['text', 'json']).default('text'))
    .option('--no-progress', 'no progress on stderr')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .option('--no-work', 'distributed (--db postgres://…): only enqueue and follow progress; workers (`goready worker`) do the audits')
    .option('--detach', 'distributed, with --no-work: return as soon as the jobs are enqueued')
    .option('--lease-seconds <n>', 'distributed: a worker silent this long has lost its job, which is retried (default 60, at least 10)')
    .option('--attempts <n>', 'distributed: tries per repository before it is recorded as failed (default 3)')
    .option('--timeout-seconds <n>', 'distributed: the longest one audit may run (default 3600)')
    .action(async (listArg: string, flags: SurveyFlags) => {
      out.code = await surveyCommand(listArg, flags);
    });

  registerDbCommands(program);

  program
    .command('worker')
    .description('take audit jobs of distributed surveys from a PostgreSQL database and record the results (any number, on any machines)')
    .requiredOption('--db <url>', 'postgres://user@host/db: the survey database and job queue')
    .option('-c, --concurrency <n>', 'repositories audited at once (default: number of CPUs)')
    .option('--cache-dir <dir>', 'where git URLs are cloned (default: ~/.cache/goready/repos)')
    .option('--no-result-cache', 'audit every repository cold (default: reuse the result cache, ~/.cache/goready/results)')
    .option('--grace-seconds <n>', 'on SIGTERM/SIGINT, how long running audits may finish before they are handed back (default 600)')
    .option('--exit-when-idle', 'exit once no job is queued or running (batch use)')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .action(async (flags: { db: string; concurrency?: string; cacheDir?: string; resultCache?: boolean; graceSeconds?: string; exitWhenIdle?: boolean; quiet?: boolean }) => {
      out.code = await (await lazy.distributed()).workerCommand(flags);
    });

  program
    .command('report')
    .description('aggregate report of a survey: heatmap, distributions, top rules, worst repos, comparison, trends')
    .addOption(dbOption())
    .option('-s, --survey <id>', 'survey id (default: the latest)')
    .option('--compare <id>', 'earlier survey to compare with (findings before / after per project)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatChoices('fleet')).default('markdown'))
    .option('-o, --output <file>', 'write to a file')
    .option('--list', 'list the surveys in the database')
    .action(async (flags: { db?: string; survey?: string; compare?: string; format: string; output?: string; list?: boolean }) => {
      const { buildFleetReport } = await lazy.build();
      const { printerFor } = await lazy.printers();
      const print = printerFor('fleet', flags.format);
      const store = await openStore(flags.db, { readonly: true });
      try {
        if (flags.list) {
          const rows = await store.listSurveys();
          process.stdout.write(rows.length
            ? `${rows.map((s) => `#${s.id}  ${s.createdAt.slice(0, 16).replace('T', ' ')}  ${s.done}/${s.total} done${s.failed ? `, ${s.failed} failed` : ''}${s.finishedAt ? '' : ' (unfinished)'}  ${s.name}`).join('\n')}\n`
            : 'no surveys yet\n');
          return;
        }
        const id = positiveInt(flags.survey, '--survey') ?? (await store.listSurveys())[0]?.id;
        if (id === undefined) throw new UsageError('no surveys in the database (run `goready survey` first)');
        const report = await buildFleetReport(store, id, { compareId: positiveInt(flags.compare, '--compare') });
        writeOut(print(report, { color: false }), flags.output, `${resolveFormat(flags.format, 'fleet')} report`);
      } finally {
        await store.close();
      }
    });

  program
    .command('diff')
    .description('findings new, fixed and unchanged (by fingerprint) between two audits, or two surveys (s1 s2)')
    .argument('<from>', 'audit id, or survey id written s12 / survey:12')
    .argument('<to>', 'audit id, or survey id')
    .addOption(dbOption())
    .option('--surveys', 'both ids are survey ids')
    .option('--include-suppressed', 'count suppressed findings too')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatChoices('diff')).default('text'))
    .option('-o, --output <file>', 'write to a file')
    .action(async (fromArg: string, toArg: string, flags: { db?: string; surveys?: boolean; includeSuppressed?: boolean; format: string; output?: string }) => {
      const { diffAudits, diffSurveys } = await lazy.diff();
      const { printerFor } = await lazy.printers();
      const print = printerFor('diff', flags.format);
      const a = surveyRef(fromArg);
      const b = surveyRef(toArg);
      if (flags.surveys) { a.kind = 'survey'; b.kind = 'survey'; }
      if (a.kind !== b.kind) throw new UsageError('diff compares two audits or two surveys, not one of each');
      const store = await openStore(flags.db, { readonly: true });
      try {
        const d = a.kind === 'survey'
          ? await diffSurveys(store, a.id, b.id, { includeSuppressed: flags.includeSuppressed })
          : await diffAudits(store, a.id, b.id, { includeSuppressed: flags.includeSuppressed });
        writeOut(print(d, { color: false }), flags.output, 'diff');
      } finally {
        await store.close();
      }
    });

  program
    .command('serve')
    .description('local read-only web dashboard over the history database')
    .addOption(dbOption())
    .option('-p, --port <n>', 'port (0: any free port)', '7420')
    .option('--host <host>', 'address to bind (default 127.0.0.1: this machine only)')
    .action(async (flags: { db?: string; port: string; host?: string }) => {
      const port = positiveInt(flags.port, '--port', 0, 65535)!;
      const store = await openStore(flags.db, { readonly: true });
      const { startDashboard } = await lazy.server();
      const server = await startDashboard({ store, port, host: flags.host });
      const shownHost = server.host.includes(':') ? `[${server.host}]` : server.host;
      process.stdout.write(`goready dashboard: http://${shownHost}:${server.port}/\n`);
      process.stdout.write(flags.host
        ? `  bound to ${server.host} as asked with --host: anyone who can reach this address can read the database (no authentication)\n`
        : '  bound to 127.0.0.1: reachable from this machine only (use --host to change)\n');
      process.stdout.write(`  database ${store.label} (read-only) · Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        const stop = () => { void server.close().then(resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await store.close();
    });
}
