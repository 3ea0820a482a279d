/**
 * The output formats of every report kind, by name: which kinds (audit report, fleet report, diff)
 * each prints. Light on purpose: the CLI lists and checks formats at start-up without loading the
 * printers (printers/index.ts holds them, typed by this table).
 */
export const REPORT_KINDS = ['audit', 'fleet', 'diff'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const FORMAT_KINDS = {
  text: ['audit', 'diff'],
  json: ['audit', 'fleet', 'diff'],
  sarif: ['audit'],
  markdown: ['audit', 'fleet', 'diff'],
  junit: ['audit'],
  html: ['audit', 'fleet'],
} as const satisfies Record<string, readonly ReportKind[]>;

export type FormatName = keyof typeof FORMAT_KINDS;
/** The formats that print a report of kind K. */
export type FormatOf<K extends ReportKind> = { [F in FormatName]: K extends (typeof FORMAT_KINDS)[F][number] ? F : never }[FormatName];

/** The report formats' names, as the audit lists them. */
export const FORMAT_NAMES = Object.keys(FORMAT_KINDS) as FormatName[];

export const FORMAT_ALIASES: Record<string, FormatName> = { md: 'markdown', txt: 'text', xml: 'junit', htm: 'html' };

/** The formats that print a report of this kind, in the table's order. */
export function formatsFor<K extends ReportKind>(kind: K): FormatOf<K>[] {
  return FORMAT_NAMES.filter((f) => (FORMAT_KINDS[f] as readonly ReportKind[]).includes(kind)) as FormatOf<K>[];
}

/** A format name or alias as given (any case) → the format; throws a message listing this kind's formats. */
export function resolveFormat<K extends ReportKind>(raw: string, kind: K): FormatOf<K> {
  const key = raw.trim().toLowerCase();
  const name = FORMAT_ALIASES[key] ?? key;
  const ok = formatsFor(kind) as string[];
  if (!ok.includes(name)) throw new Error(`unknown format '${key}' (one of ${ok.join(', ')})`);
  return name as FormatOf<K>;
}

/** The names and aliases a `--format` of this kind accepts (for a command's list of choices). */
export function formatChoices(kind: ReportKind): string[] {
  const names: string[] = formatsFor(kind);
  return [...names, ...Object.keys(FORMAT_ALIASES).filter((a) => names.includes(FORMAT_ALIASES[a]!))];
}
