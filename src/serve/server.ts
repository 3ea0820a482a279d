/** Starts the dashboard's HTTP server (Node adapter of Hono), on 127.0.0.1 unless told otherwise. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { UserError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';

export const DEFAULT_HOST = '127.0.0.1';

export interface Dashboard {
  host: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startDashboard(opts: { store: Store; port: number; host?: string }): Promise<Dashboard> {
  const host = opts.host ?? DEFAULT_HOST;
  // On a loopback address, only loopback Host headers are served: a web page cannot use DNS
  // rebinding to read the database through the user's browser.
  const allowedHosts = LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : undefined;
  const app = createApp(opts.store, { allowedHosts });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
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
