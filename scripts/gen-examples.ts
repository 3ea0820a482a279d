/**
 * Generates docs/examples/report.{txt,json,sarif,md,html,junit.xml}: one audit of the fixture
 * repository test/fixtures/showcase (with its .goready.yaml), printed in every format.
 * Output is normalised so that it is the same on every machine and run: no timestamp, no
 * duration, no absolute path. test/examples.test.ts regenerates them in memory and compares.
 * Run `npm run gen` (or `node dist/scripts/gen-examples.js`) after changing a rule or a printer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/config.js';
import { runAudit } from '../src/audit/run-audit.js';
import { printerFor } from '../src/printers/index.js';
import type { Report } from '../src/report/model.js';
import { projectRoot } from './gen-registry.js';

export const EXAMPLES_DIR = 'docs/examples';
export const EXAMPLE_FIXTURE = 'test/fixtures/showcase';

/** format → file name under docs/examples */
export const EXAMPLE_FILES: Record<string, string> = {
  text: 'report.txt',
  json: 'report.json',
  sarif: 'report.sarif',
  markdown: 'report.md',
  html: 'report.html',
  junit: 'report.junit.xml',
};

/** Removes what differs between runs and machines (absolute paths become relative to the project root). */
export function normaliseReport(report: Report, root: string): Report {
  const scrub = (s: string) => s.split(`${root}${path.sep}`).join('').split(root).join('.');
  const config = { ...report.config, path: report.config.path ? path.basename(report.config.path) : undefined } as Report['config'] & { vulndb?: string };
  if (typeof config.vulndb === 'string') config.vulndb = scrub(config.vulndb);
  return {
    ...report,
    target: { ...report.target, path: EXAMPLE_FIXTURE },
    startedAt: '2000-01-01T00:00:00.000Z',
    durationMs: 0,
    config,
    diagnostics: report.diagnostics
      .map((d) => ({ ...d, message: scrub(d.message), ...(d.file ? { file: scrub(d.file) } : {}) }))
      .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code) || a.message.localeCompare(b.message)),
  };
}

/** Every example: relative path → content. */
export async function renderExamples(root = projectRoot()): Promise<Map<string, string>> {
  const target = path.join(root, EXAMPLE_FIXTURE);
  // the fixed, fictitious vulnerability database (never the machine's cache), so the examples are the
  // same everywhere; given as --vulndb would be, since a `vulndb:` path in a repository's own
  // config may not leave the repository
  const { config, errors } = loadConfig(target, { cli: { vulndb: path.join(root, 'test', 'fixtures', 'vulndb', 'osv') } });
  if (errors.length) throw new Error(`${EXAMPLE_FIXTURE}: ${errors.join('; ')}`);
  const report = normaliseReport(await runAudit({ target, config, jobs: 1 }), root);
  const out = new Map<string, string>();
  for (const [format, file] of Object.entries(EXAMPLE_FILES)) {
    const text = printerFor('audit', format)(report, { color: false });
    if (text.includes(root)) throw new Error(`${file} contains the machine path ${root}: normalise it in scripts/gen-examples.ts`);
    out.set(`${EXAMPLES_DIR}/${file}`, text);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = projectRoot();
  fs.mkdirSync(path.join(root, EXAMPLES_DIR), { recursive: true });
  const files = await renderExamples(root);
  for (const [rel, text] of files) fs.writeFileSync(path.join(root, rel), text);
  console.log(`wrote ${files.size} files under ${EXAMPLES_DIR}`);
}
