/**
 * Security headers on every dashboard response, whatever its status: pages, assets, redirects,
 * 4xx from the routes, the method and Host guards, a 500, and the 400/431 that Node or the
 * adapter send before any route runs (checked over a real socket).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/serve/app.js';
import { startDashboard, type Dashboard } from '../src/serve/server.js';
import { SqliteStore } from '../src/store/store.js';
import { writeSyntheticFleet } from '../scripts/synthetic-fleet.js';

/** The values a browser must see (written out here, not read from the implementation). */
const EXPECTED: Record<string, RegExp> = {
  'content-security-policy': /^default-src 'none'; script-src 'self'; .*frame-ancestors 'none'$/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
  'cross-origin-resource-policy': /^same-origin$/,
};

function assertHeaders(get: (name: string) => string | null | undefined, what: string): void {
  for (const [name, want] of Object.entries(EXPECTED)) assert.match(get(name) ?? '(missing)', want, `${what}: ${name}`);
}

/** Sends raw bytes, returns the status code and headers of the reply. */
function raw(port: number, request: string): Promise<{ status: number; headers: Map<string, string> }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.setTimeout(5000, () => s.destroy(new Error(`no reply to ${JSON.stringify(request.slice(0, 40))}`)));
    s.on('data', (b) => {
      out += b;
      if (out.includes('\r\n\r\n')) s.end();
    });
    s.on('error', reject);
    s.on('close', () => {
      const [first, ...lines] = out.split('\r\n\r\n')[0]!.split('\r\n');
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(first ?? '')?.[1] ?? 0), headers });
    });
    s.write(request);
  });
}

describe('dashboard security headers', () => {
  let dir: string;
  let store: SqliteStore;
  let server: Dashboard;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-headers-'));
    await writeSyntheticFleet(path.join(dir, 'g.db'), { repos: 2, perRepo: 5 });
    store = SqliteStore.open(path.join(dir, 'g.db'), { readonly: true });
    server = await startDashboard({ store, port: 0 });
  });
  after(async () => {
    await server.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('in the app: 200, 204, 302, 400, 404, 405, 421, 500, HEAD and static assets', async () => {
    const app = createApp(store, { allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] });
    const cases: [string, RequestInit | undefined, number][] = [
      ['http://127.0.0.1/', undefined, 200],
      ['http://127.0.0.1/findings?survey=1', undefined, 200],
      ['http://127.0.0.1/static/dashboard.css', undefined, 200],
      ['http://127.0.0.1/static/dashboard.js', undefined, 200],
      ['http://127.0.0.1/static/chart.umd.min.js', undefined, 200],
      ['http://127.0.0.1/', { method: 'HEAD' }, 200],
      ['http://127.0.0.1/favicon.ico', undefined, 204],
      ['http://127.0.0.1/surveys', undefined, 302],
      ['http://127.0.0.1/findings?survey=1&after=not-a-cursor', undefined, 400],
      ['http://127.0.0.1/nope', undefined, 404],
      ['http://127.0.0.1/surveys/999', undefined, 404],
      ['http://127.0.0.1/', { method: 'POST' }, 405],
      ['http://127.0.0.1/', { method: 'DELETE' }, 405],
      ['http://evil.example/', undefined, 421],
    ];
    for (const [url, init, status] of cases) {
      const res = await app.request(url, init);
      assert.equal(res.status, status, `${init?.method ?? 'GET'} ${url}`);
      assertHeaders((n) => res.headers.get(n), `${status} ${url}`);
    }
    // a route that throws: 500, headers still there
    const broken = createApp(new Proxy({}, { get: () => () => { throw new Error('database gone'); } }) as unknown as SqliteStore);
    const quiet = process.stderr.write;
    process.stderr.write = () => true;
    try {
      const res = await broken.request('http://127.0.0.1/');
      assert.equal(res.status, 500);
      assert.equal(await res.text(), 'internal error', 'no stack trace to the browser');
      assertHeaders((n) => res.headers.get(n), '500');
    } finally {
      process.stderr.write = quiet;
    }
  });

  test('over a socket: also what Node and the adapter refuse before any route (400, 431), and absolute-form foreign hosts (421)', async () => {
    const host = 'Host: 127.0.0.1\r\n';
    const cases: [string, number][] = [
      [`GET / HTTP/1.1\r\n${host}\r\n`, 200],
      [`GET /static/dashboard.css HTTP/1.1\r\n${host}\r\n`, 200],
      [`GET /surveys HTTP/1.1\r\n${host}\r\n`, 302],
      [`GET /findings?survey=1&after=zz HTTP/1.1\r\n${host}\r\n`, 400],
      [`GET /nope HTTP/1.1\r\n${host}\r\n`, 404],
      [`POST / HTTP/1.1\r\n${host}Content-Length: 0\r\n\r\n`, 405],
      ['GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n', 421],
      [`GET http://evil.example/ HTTP/1.1\r\n${host}\r\n`, 421],
      ['GET / HTTP/1.1\r\n\r\n', 400], // no Host header: the adapter cannot build a URL
      [`OPTIONS * HTTP/1.1\r\n${host}\r\n`, 400],
      ['NOT HTTP AT ALL\r\n\r\n', 400], // Node's parser
      [`GET / HTTP/1.1\r\n${host}Bad Header Line\r\n\r\n`, 400],
      [`GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ];
    for (const [req, status] of cases) {
      const res = await raw(server.port, req);
      assert.equal(res.status, status, JSON.stringify(req.slice(0, 50)));
      assertHeaders((n) => res.headers.get(n), `${status} ${JSON.stringify(req.slice(0, 40))}`);
    }
  });
});
