/** Small pieces of markup the HTML printers and the dashboard share: severity pills, score colours. */
import type { Severity } from '../../core/types.js';
import { html, type SafeHtml } from './safe-html.js';

/** A severity as a coloured pill (the HTML report's `.sev` style). */
export function severityPill(s: Severity, label: string | number = s): SafeHtml {
  return html`<span class="sev ${s}">${label}</span>`;
}

/** The heatmap's colours, from score 0–9 (h0) to 100 (h10). */
export const HEAT_COLORS = ['#a50026', '#d73027', '#f46d43', '#fdae61', '#fee08b', '#ffffbf', '#d9ef8b', '#a6d96a', '#66bd63', '#1a9850', '#006837'];

/** CSS class of a score cell: h0 (0–9) … h10 (100), hna when inconclusive. */
export function scoreClass(score: number | null | undefined): string {
  return score === null || score === undefined ? 'hna' : `h${Math.max(0, Math.min(10, Math.floor(score / 10)))}`;
}
