/**
 * The options that shape what an audit reads and judges, declared once for every command that
 * audits — `audit`, `baseline write` and `survey` (where they apply to every repository's audit) —
 * with one conversion to configuration overrides. Options that only make sense for one command
 * (gates, output formats, evidence, distribution) stay with that command.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { CliOverrides } from '../config/config.js';
import { UsageError } from './errors.js';

export interface AuditScopeFlags {
  includeVendor?: boolean;
  includeGenerated?: boolean;
  includeTestdata?: boolean;
  includeNonShipped?: boolean;
  goVersion?: string;
  enable?: string[];
  disable?: string[];
  exclude?: string[];
  vulndb?: string;
  maxFileSize?: string;
  fileTimeout?: string;
}

/** Comma-separated, repeatable list option. */
export function list(value: string, prev: string[] = []): string[] {
  return [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function parseNumber(v: string | undefined, name: string, min: number, max = Infinity): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} must be a number between ${min} and ${max}, got '${v}'`);
  return n;
}

/** Adds the audit-shaping options to `cmd`, in one order and with one wording everywhere. */
export function addAuditScopeOptions(cmd: Command): Command {
  return cmd
    .option('--include-vendor', 'audit vendor/ directories too')
    .option('--include-generated', 'keep findings in generated files')
    .option('--include-testdata', 'audit testdata/ directories too')
    .option('--include-non-shipped', 'keep findings in code that does not ship: tests, test support, examples, docs, tooling (hack/, tools/, scripts/), third_party/')
    .option('--go-version <v>', 'override the go directive (e.g. 1.22)')
    .option('--enable <rules>', 'enable rules/dimensions (comma-separated ids, names or dimensions; `experimental` turns on every experimental rule)', list)
    .option('--disable <rules>', 'disable rules/dimensions', list)
    .option('--exclude <globs>', 'exclude paths (comma-separated gitignore-style globs)', list)
    .option('--max-file-size <bytes>', 'skip files larger than this (default 4194304)')
    .option('--file-timeout <seconds>', 'per-file analysis budget: a file over it is reported as a diagnostic and the audit goes on (default 10)')
    .option('--vulndb <path>', 'vulnerability database directory: GO-*.json OSV entries or the vuln.go.dev v1 layout (overrides vulndb: in .goready.yaml)');
}

/**
 * The configuration overrides the audit-shaping options give. `absolute` resolves --vulndb against
 * the working directory (for audits that run elsewhere: survey jobs).
 */
export function auditScopeOverrides(flags: AuditScopeFlags, opts: { absolute?: boolean } = {}): CliOverrides {
  const some = (xs: string[] | undefined) => (xs?.length ? xs : undefined);
  return {
    enable: some(flags.enable), disable: some(flags.disable), goVersion: flags.goVersion?.replace(/^go/, ''),
    includeVendor: flags.includeVendor || undefined, includeGenerated: flags.includeGenerated || undefined,
    includeTestdata: flags.includeTestdata || undefined, includeNonShipped: flags.includeNonShipped || undefined,
    maxFileSize: parseNumber(flags.maxFileSize, '--max-file-size', 1024),
    fileTimeout: parseNumber(flags.fileTimeout, '--file-timeout', 0.001),
    exclude: some(flags.exclude),
    vulndb: flags.vulndb && opts.absolute && !/^https?:\/\//i.test(flags.vulndb) ? path.resolve(flags.vulndb) : flags.vulndb,
  };
}
