/** The report formats' names (the CLI lists them at start-up without loading the printers). */
export const FORMAT_NAMES = ['text', 'json', 'sarif', 'markdown', 'junit', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
