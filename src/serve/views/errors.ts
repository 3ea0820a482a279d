/** Dashboard error pages: not found, bad request. */
import { html } from '../../printers/html-kit/safe-html.js';
import { layout } from './layout.js';

export function notFound(what: string): string {
  return layout('not found', [{ label: 'surveys', href: '/' }], html`<h1>Not found</h1><p class="empty">${what}</p>`);
}

export function badRequest(what: string): string {
  return layout('bad request', [{ label: 'surveys', href: '/' }], html`<h1>Bad request</h1><p class="empty">${what}</p>`);
}
