/** `goready artifact PATH…` — audit built binaries and image tarballs. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { severityRank, SEVERITIES, type Severity } from '../core/types.js';
import { artifactJson, artifactMarkdown, artifactText } from '../artifact/print.js';
import { UsageError } from './errors.js';

export function registerArtifactCommand(program: Command, out: { code: number }): void {
  program
    .command('artifact')
    .description('audit built Go binaries (ELF, Mach-O, PE) and container image tarballs (docker save, OCI layout): Go version, build settings, linked modules, known vulnerabilities')
    .argument('<paths...>', 'binaries or image tarballs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--vulndb <path>', 'vulnerability database directory (default: the cache `goready vulndb update` fills)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 if a finding has at least this severity').choices(SEVERITIES))
    .action(async (paths: string[], flags: { format: 'text' | 'json' | 'markdown'; output?: string; vulndb?: string; failOn?: Severity }) => {
      if (flags.vulndb && !fs.existsSync(flags.vulndb)) throw new UsageError(`--vulndb ${flags.vulndb}: no such directory`);
      const { defaultVulnDbDir } = await import('../config/config.js');
      const { runArtifact } = await import('../artifact/run-artifact.js');
      const vulndb = flags.vulndb ?? (fs.existsSync(defaultVulnDbDir()) ? defaultVulnDbDir() : undefined);
      const report = await runArtifact(paths, { vulndb });
      const text = flags.format === 'json' ? artifactJson(report) : flags.format === 'markdown' ? artifactMarkdown(report) : artifactText(report);
      if (flags.output) fs.writeFileSync(flags.output, text);
      else process.stdout.write(text);
      if (!report.artifacts.length) out.code = 2;
      else if (flags.failOn && report.findings.some((f) => severityRank(f.severity) >= severityRank(flags.failOn!))) out.code = 1;
    });
}
