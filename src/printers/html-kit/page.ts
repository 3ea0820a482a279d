/** The page shell every HTML page shares: the self-contained reports' and the dashboard's. */
import { html, raw, type SafeHtml } from './safe-html.js';

export interface PageParts {
  /** The <title> text (escaped). */
  title: string;
  /** Content-Security-Policy of a self-contained page (built by the printer, never from scanned input). */
  csp?: string;
  /** The tool's version, for <meta name="generator">. */
  generator?: string;
  /** What else goes in <head>: stylesheets, scripts. */
  head: SafeHtml;
  body: SafeHtml;
}

/** A whole HTML document. */
export function htmlPage(p: PageParts): string {
  return `<!DOCTYPE html>
${html`<html lang="en">
<head>
<meta charset="utf-8">
${p.csp ? html`<meta http-equiv="Content-Security-Policy" content="${raw(p.csp)}">\n` : ''}<meta name="viewport" content="width=device-width, initial-scale=1">
${p.generator ? html`<meta name="generator" content="goready ${p.generator}">\n` : ''}<title>${p.title}</title>
${p.head}
</head>
<body>
${p.body}
</body>
</html>`}
`;
}

/** A <style> element with the printer's own (trusted) stylesheet. */
export function styleElement(css: string): SafeHtml {
  return raw(`<style>${css}</style>`);
}

/** A <script> element with the printer's own (trusted) script. */
export function scriptElement(js: string): SafeHtml {
  return raw(`<script>${js}</script>`);
}
