/** `goready db migrate` and `goready db copy`: the history database itself, on either engine. */
import type { Command } from 'commander';
import { isPostgresUrl } from '../store/db-url.js';
import { latestSchemaVersion } from '../store/migrations.js';
import { UsageError } from './errors.js';
import { openStore } from './open-store.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the history database: schema migrations, copying between SQLite and PostgreSQL');

  db.command('migrate')
    .description('bring a database to the latest schema (the same numbered migrations for SQLite and PostgreSQL); with PostgreSQL also the job queue\'s')
    .requiredOption('--db <file|url>', 'SQLite file or postgres://user@host/db')
    .action(async (flags: { db: string }) => {
      const store = await openStore(flags.db);
      try {
        if (isPostgresUrl(flags.db)) {
          const { AuditQueue } = await import('../survey/queue.js');
          await (await AuditQueue.open(flags.db)).stop();
        }
        process.stdout.write(`${store.label}: schema version ${latestSchemaVersion()} (latest)${isPostgresUrl(flags.db) ? ', job queue ready' : ''}\n`);
      } finally {
        await store.close();
      }
    });

  db.command('copy')
    .description('copy the whole history (surveys, audits, findings) into an empty database: SQLite → PostgreSQL or back; ids are kept')
    .argument('[from]', 'source database (or --from)')
    .argument('[to]', 'target database (or --to)')
    .option('--from <file|url>', 'source: SQLite file or postgres:// URL')
    .option('--to <file|url>', 'target: SQLite file or postgres:// URL (created and migrated when needed; must hold no history)')
    .action(async (fromArg: string | undefined, toArg: string | undefined, flags: { from?: string; to?: string }) => {
      const from = flags.from ?? fromArg;
      const to = flags.to ?? toArg;
      if (!from || !to) throw new UsageError('db copy needs a source and a target: goready db copy --from goready.db --to postgres://…');
      if (from === to) throw new UsageError('db copy: source and target are the same database');
      const { copyHistory } = await import('../store/copy.js');
      const source = await openStore(from, { readonly: true });
      try {
        const target = await openStore(to);
        try {
          const counts = await copyHistory(source, target, (table, n) => process.stderr.write(`  ${table}: ${n} rows\n`));
          process.stdout.write(`copied ${source.label} → ${target.label}: ${counts.surveys} surveys, ${counts.audits} audits, ${counts.findings} findings\n`);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
