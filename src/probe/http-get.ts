/**
 * The probe's only network primitive: an HTTP(S) GET to the target's own host, with a timeout, a
 * response size cap, and redirects followed only within the same origin (at most 3). Never sends
 * a body, credentials or anything that changes the target.
 */
import http from 'node:http';
import https from 'node:https';
import { LIMITS } from './limits.js';

export class ProbeHttpError extends Error {}

export interface GetResult {
  status: number;
  contentType: string;
  body: Buffer;
  url: string;
}

export interface GetOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

function once(url: URL, opts: Required<GetOptions>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: 'GET', agent: false, headers: { 'user-agent': 'goready-probe', accept: '*/*', connection: 'close' }, timeout: opts.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.destroy();
        reject(new ProbeHttpError(`${url.pathname}: response of ${declared} bytes exceeds the ${opts.maxBytes}-byte limit`));
        return;
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          res.destroy();
          reject(new ProbeHttpError(`${url.pathname}: response exceeds the ${opts.maxBytes}-byte limit`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => reject(new ProbeHttpError(`${url.pathname}: ${e.message}`)));
    });
    req.on('timeout', () => req.destroy(new ProbeHttpError(`${url.href}: no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (e) => {
      if (e instanceof ProbeHttpError) reject(e);
      else {
        const code = (e as NodeJS.ErrnoException).code;
        reject(new ProbeHttpError(code === 'ECONNREFUSED' ? `${url.host}: connection refused (is the service running and listening there?)`
          : code === 'ENOTFOUND' ? `${url.hostname}: host not found` : `${url.href}: ${e.message}`));
      }
    });
    req.end();
  });
}

/** GET `url`; `origin` is the only origin requests and redirects may reach. */
export async function safeGet(url: URL, origin: string, o: GetOptions = {}): Promise<GetResult> {
  const opts = { timeoutMs: o.timeoutMs ?? LIMITS.requestTimeoutMs, maxBytes: o.maxBytes ?? LIMITS.maxBodyBytes };
  let current = url;
  for (let hop = 0; hop <= 3; hop++) {
    if (current.origin !== origin) throw new ProbeHttpError(`refusing to request ${current.origin}: the probe only talks to ${origin}`);
    const r = await once(current, opts);
    if (r.status >= 300 && r.status < 400 && r.headers.location) {
      const next = new URL(r.headers.location, current);
      if (next.origin !== origin) throw new ProbeHttpError(`${current.pathname} redirects to ${next.origin}: not followed (the probe only talks to ${origin})`);
      current = next;
      continue;
    }
    return { status: r.status, contentType: String(r.headers['content-type'] ?? ''), body: r.body, url: current.href };
  }
  throw new ProbeHttpError(`${url.pathname}: too many redirects`);
}

export { isLoopbackHost } from '../core/loopback.js';
