/**
 * The dashboard's page frame (the HTML kit's page shell) and what every page shares. Every untrusted string (repo names, paths,
 * URLs, messages, snippets, rule text from the database) goes through the escaping `html` template;
 * chart data goes through a JSON script block that cannot break out of its element.
 */
import { html, jsonForScript, type SafeHtml } from '../../printers/html-kit/safe-html.js';
import { htmlPage } from '../../printers/html-kit/page.js';

export interface Crumb { label: string; href?: string }

export function layout(title: string, crumbs: Crumb[], body: SafeHtml, charts: unknown[] = []): string {
  return htmlPage({
    title: `${title} · goready`,
    head: html`<link rel="stylesheet" href="/static/dashboard.css">
<script src="/static/chart.umd.min.js" defer></script>
<script src="/static/dashboard.js" defer></script>`,
    body: html`<header class="top"><a class="brand" href="/">goready</a><a href="/">surveys</a><a href="/rules">rules</a><span class="muted">read-only dashboard</span></header>
<main>
<nav class="crumbs">${crumbs.map((c, i) => html`${i ? ' / ' : ''}${c.href ? html`<a href="${c.href}">${c.label}</a>` : c.label}`)}</nav>
${body}
</main>
${charts.length ? html`<script type="application/json" id="chart-data">${jsonForScript({ charts })}</script>` : ''}`,
  });
}


/** Line colours of the score charts: overall first, then one per dimension. */
export const LINE_COLORS = ['#24292f', '#0969da', '#8250df', '#bf3989', '#cf222e', '#bc4c00', '#4d2d00', '#1a7f37'];
