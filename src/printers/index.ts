/** The printers by format name; each takes only the report model. */
import type { Report } from '../report/model.js';
import { printJson } from './json.js';
import { printSarif } from './sarif.js';
import { printText } from './text.js';
import { printMarkdown } from './markdown.js';
import { printJunit } from './junit.js';
import { printHtml } from './html.js';
import { FORMAT_NAMES, type FormatName } from './formats.js';

export { FORMAT_NAMES };

export interface PrintOptions { color: boolean; showSuppressed?: boolean }

export const PRINTERS: Record<string, (report: Report, opts: PrintOptions) => string> = {
  text: (r, o) => printText(r, o),
  json: (r) => printJson(r),
  sarif: (r) => printSarif(r),
  markdown: (r) => printMarkdown(r),
  junit: (r) => printJunit(r),
  html: (r) => printHtml(r),
} satisfies Record<FormatName, (report: Report, opts: PrintOptions) => string>;

export const FORMAT_ALIASES: Record<string, string> = { md: 'markdown', txt: 'text', xml: 'junit', htm: 'html' };

export interface FormatSpec { name: string; path?: string }

/** Parses `--format name` / `--format name=path` specs; throws a message on a bad spec. */
export function parseFormatSpecs(specs: string[]): FormatSpec[] {
  const out = specs.map((s) => {
    const eq = s.indexOf('=');
    const raw = (eq === -1 ? s : s.slice(0, eq)).trim().toLowerCase();
    const name = FORMAT_ALIASES[raw] ?? raw;
    if (!PRINTERS[name]) throw new Error(`unknown format '${raw}' (one of ${FORMAT_NAMES.join(', ')})`);
    const path = eq === -1 ? undefined : s.slice(eq + 1).trim();
    if (path === '') throw new Error(`--format ${s}: missing file name after '='`);
    return { name, path };
  });
  if (out.filter((f) => !f.path).length > 1) throw new Error('only one --format can go to standard output; give the others a file (e.g. --format sarif=out.sarif)');
  return out;
}
