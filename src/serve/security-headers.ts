/**
 * The dashboard's security headers, defined once and applied to every response: by a Hono
 * middleware to everything the app answers (pages, assets, redirects, 4xx, 5xx), and by the Node
 * server to what never reaches the app (a request Node or the adapter rejects before routing).
 */
import type { MiddlewareHandler } from 'hono';
import type { ServerResponse } from 'node:http';

/** Scripts and styles from this server only, no inline script, no framing, no plugins. */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
});

/** Hono middleware: the headers on whatever response the rest of the chain produced (errors included). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  };
}

/** Pre-sets the headers on a Node response (the adapter's writeHead merges its own over them). */
export function presetSecurityHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
}

/** A complete raw HTTP/1.1 response for a request Node's parser refused (no route ever saw it). */
export function rawErrorResponse(status: number, reason: string): string {
  const body = `${reason}\n`;
  const head = [`HTTP/1.1 ${status} ${reason}`, 'Connection: close', 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
