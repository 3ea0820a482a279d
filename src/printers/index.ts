/**
 * The printer registry: for each report kind (audit, fleet, diff), its printers by format name.
 * Which formats a kind has is the table in formats.ts; the types make this registry match it.
 */
import type { Report } from '../report/model.js';
import type { FleetReport } from '../report/fleet-model.js';
import type { DiffReport } from '../report/diff-model.js';
import { printJson } from './json.js';
import { printSarif } from './sarif.js';
import { printText } from './text.js';
import { printMarkdown } from './markdown.js';
import { printJunit } from './junit.js';
import { printHtml } from './html.js';
import { printFleetHtml } from './fleet-html.js';
import { printFleetMarkdown } from './fleet-markdown.js';
import { printDiffMarkdown, printDiffText } from './diff.js';
import { FORMAT_NAMES, resolveFormat, type FormatOf, type ReportKind } from './formats.js';

export { FORMAT_NAMES };

export interface PrintOptions { color: boolean; showSuppressed?: boolean }

interface ReportOfKind { audit: Report; fleet: FleetReport; diff: DiffReport }

export type Printer<K extends ReportKind> = (report: ReportOfKind[K], opts: PrintOptions) => string;

const asJson = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export const PRINTERS: { [K in ReportKind]: Record<FormatOf<K>, Printer<K>> } = {
  audit: {
    text: (r, o) => printText(r, o),
    json: (r) => printJson(r),
    sarif: (r) => printSarif(r),
    markdown: (r) => printMarkdown(r),
    junit: (r) => printJunit(r),
    html: (r) => printHtml(r),
  },
  fleet: {
    json: asJson,
    markdown: (r) => printFleetMarkdown(r),
    html: (r) => printFleetHtml(r),
  },
  diff: {
    text: (d) => printDiffText(d),
    markdown: (d) => printDiffMarkdown(d),
    json: asJson,
  },
};

/** The printer of this kind for a format name or alias; throws a message listing the kind's formats. */
export function printerFor<K extends ReportKind>(kind: K, format: string): Printer<K> {
  return PRINTERS[kind][resolveFormat(format, kind)];
}

export interface FormatSpec { name: FormatOf<'audit'>; path?: string }

/** Parses the audit's `--format name` / `--format name=path` specs; throws a message on a bad spec. */
export function parseFormatSpecs(specs: string[]): FormatSpec[] {
  const out = specs.map((s) => {
    const eq = s.indexOf('=');
    const name = resolveFormat(eq === -1 ? s : s.slice(0, eq), 'audit');
    const path = eq === -1 ? undefined : s.slice(eq + 1).trim();
    if (path === '') throw new Error(`--format ${s}: missing file name after '='`);
    return { name, path };
  });
  if (out.filter((f) => !f.path).length > 1) throw new Error('only one --format can go to standard output; give the others a file (e.g. --format sarif=out.sarif)');
  return out;
}
