/** Starts the dashboard's HTTP server (Node adapter of Hono), on 127.0.0.1 unless told otherwise. */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { UserError } from '../core/errors.js';
import type { HistoryStore } from '../store/types.js';
import { createApp } from './app.js';
import { presetSecurityHeaders, rawErrorResponse } from './security-headers.js';

export const DEFAULT_HOST = '127.0.0.1';

export interface Dashboard {
  host: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startDashboard(opts: { store: HistoryStore; port: number; host?: string }): Promise<Dashboard> {
  const host = opts.host ?? DEFAULT_HOST;
  // On a loopback address, only loopback Host headers are served: a web page cannot use DNS
  // rebinding to read the database through the user's browser.
  const allowedHosts = LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : undefined;
  const app = createApp(opts.store, { allowedHosts });
  const listener = getRequestListener(app.fetch);
  // Headers preset on the Node response too: the adapter's own answers (a request it cannot turn
  // into a URL, e.g. no Host header) never reach the app's middleware. requireHostHeader is off
  // only so that Node does not send its own header-less 400 first: the adapter still refuses a
  // request without Host (400), and the app checks the Host of every other one.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    presetSecurityHeaders(res);
    void listener(req, res);
  });
  // A request Node's parser refuses (bad request line, oversized headers) gets the same headers.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return; }
    const [status, reason] = err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
    socket.end(rawErrorResponse(status, reason));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new UserError(`port ${opts.port} is in use on ${host} (use --port N, or --port 0 for any free port)`)
        : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' ? new UserError(`cannot bind ${host}: ${e.code}`) : e);
    });
    server.listen(opts.port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    host,
    port: addr.port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}
