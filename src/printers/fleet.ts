/** Fleet report printers by format name; each takes only the fleet report model. */
import type { FleetReport } from '../report/fleet-model.js';
import { printFleetHtml } from './fleet-html.js';
import { printFleetMarkdown } from './fleet-markdown.js';

export const FLEET_PRINTERS: Record<string, (r: FleetReport) => string> = {
  json: (r) => `${JSON.stringify(r, null, 2)}\n`,
  markdown: printFleetMarkdown,
  html: printFleetHtml,
};
