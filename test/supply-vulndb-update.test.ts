/** `goready vulndb update` against a local HTTP server serving the v1 layout (fixture entries, then a copy of the shared snapshot). */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { readStamp, updateVulnDb, VulnDbUpdateError } from '../src/supply/vulndb-update.js';
import { openVulnDb } from '../src/supply/vulndb.js';
import { fixture, projectRoot } from './helpers/paths.js';
import { cli, type CliRun } from './helpers/cli.js';

const SHARED_DB = path.resolve(projectRoot, '..', 'shared', 'vulndb', 'osv');
const sharedSkip = fs.existsSync(SHARED_DB) ? false : `shared vulnerability database not found at ${SHARED_DB} (real-data test skipped)`;
const MODIFIED = '2099-03-04T05:06:07Z';

interface Served { files: Map<string, Buffer>; gz: boolean }

/** Builds the v1 layout in memory from a directory of GO-*.json entries. */
function layoutFrom(dir: string, gz = false): Served {
  const files = new Map<string, Buffer>();
  const mods = new Map<string, { id: string; modified: string }[]>();
  for (const n of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const e = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { id: string; modified: string; affected: { package: { name: string } }[] };
    for (const name of new Set(e.affected.map((a) => a.package.name))) {
      const l = mods.get(name) ?? [];
      l.push({ id: e.id, modified: e.modified });
      mods.set(name, l);
    }
    files.set(`/ID/${e.id}.json`, Buffer.from(JSON.stringify(e)));
  }
  files.set('/index/modules.json', Buffer.from(JSON.stringify([...mods].map(([p, vulns]) => ({ path: p, vulns })))));
  files.set('/index/db.json', Buffer.from(JSON.stringify({ modified: MODIFIED })));
  return { files, gz };
}

/**
 * The CLI in this process (test/helpers/cli.ts: asynchronous, so the test's HTTP server keeps
 * answering) with its own cache: these tests are about the update and the audit, not the process.
 */
function runCli(args: string[], cache: string): Promise<CliRun> {
  return cli(args, { env: { GOREADY_CACHE: cache } });
}

let served: Served;
let server: http.Server;
let base: string;
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-update-'));

before(async () => {
  server = http.createServer((req, res) => {
    const body = served.files.get(req.url ?? '');
    if (!body) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(served.gz ? zlib.gzipSync(body) : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe('vulndb update', () => {
  test('downloads, verifies and stamps the database; a second run is up to date; --force re-downloads', async () => {
    served = layoutFrom(fixture('vulndb', 'osv'));
    const dir = path.join(tmpRoot, 'a', 'vulndb');
    const r = await updateVulnDb({ from: base, dir });
    assert.deepEqual([r.status, r.entries, r.modified], ['updated', 8, MODIFIED]);
    const db = openVulnDb(dir);
    assert.equal(db.info.layout, 'v1');
    assert.equal(db.info.modified, MODIFIED);
    assert.deepEqual(db.entriesFor('example.com/websocket').map((e) => e.id).sort(), ['GO-2099-0001', 'GO-2099-0008']);
    assert.deepEqual(db.errors, []);
    assert.equal(readStamp(dir)?.source, base);
    assert.equal((await updateVulnDb({ from: base, dir })).status, 'up-to-date');
    assert.equal((await updateVulnDb({ from: base, dir, force: true })).status, 'updated');
  });

  test('gzip-encoded responses are accepted', async () => {
    served = { ...layoutFrom(fixture('vulndb', 'osv')), gz: true };
    const r = await updateVulnDb({ from: base, dir: path.join(tmpRoot, 'gz', 'vulndb') });
    assert.equal(r.entries, 8);
  });

  test('integrity failures abort and keep the previous copy', async () => {
    const dir = path.join(tmpRoot, 'b', 'vulndb');
    served = layoutFrom(fixture('vulndb', 'osv'));
    await updateVulnDb({ from: base, dir });
    const before = readStamp(dir);
    const bad = (mutate: (s: Served) => void) => {
      served = layoutFrom(fixture('vulndb', 'osv'));
      served.files.set('/index/db.json', Buffer.from(JSON.stringify({ modified: '2099-05-05T00:00:00Z' })));
      mutate(served);
    };
    const cases: [string, (s: Served) => void, RegExp][] = [
      ['entry missing', (s) => s.files.delete('/ID/GO-2099-0003.json'), /ID\/GO-2099-0003\.json: HTTP 404/],
      ['wrong id', (s) => s.files.set('/ID/GO-2099-0003.json', s.files.get('/ID/GO-2099-0001.json')!), /ID\/GO-2099-0003\.json: holds entry GO-2099-0001/],
      ['stale entry', (s) => {
        const e = JSON.parse(s.files.get('/ID/GO-2099-0008.json')!.toString());
        e.modified = '2000-01-01T00:00:00Z';
        s.files.set('/ID/GO-2099-0008.json', Buffer.from(JSON.stringify(e)));
      }, /inconsistent mirror/],
      ['truncated entry', (s) => s.files.set('/ID/GO-2099-0002.json', Buffer.from('{"id": "GO-2099-0002", "affe')), /invalid JSON/],
      ['broken index', (s) => s.files.set('/index/modules.json', Buffer.from('{}')), /modules\.json: not a list/],
    ];
    for (const [name, mutate, re] of cases) {
      bad(mutate);
      await assert.rejects(updateVulnDb({ from: base, dir }), (e: Error) => e instanceof VulnDbUpdateError && re.test(e.message), name);
      assert.deepEqual(readStamp(dir), before, `${name}: previous copy kept`);
      assert.equal(openVulnDb(dir).info.entries, 8);
    }
    await assert.rejects(updateVulnDb({ from: 'ftp://example.com', dir }), /an http\(s\) URL is expected/);
    await assert.rejects(updateVulnDb({ from: 'http://127.0.0.1:9', dir, timeoutMs: 2000 }), VulnDbUpdateError);
  });

  test('the CLI fills the default cache, and audit uses it without --vulndb', async () => {
    served = layoutFrom(fixture('vulndb', 'osv'));
    const cache = path.join(tmpRoot, 'cli-cache');
    const run = (args: string[]) => runCli(args, cache);
    const target = path.join(projectRoot, 'src', 'rules', 'supply-chain', 'testdata', 'known-vulnerability', 'symbol');
    const none = await run(['audit', target, '--no-config', '--format', 'json']);
    assert.match(JSON.parse(none.stdout).scores.dimensions['supply-chain'].reason, /goready vulndb update/);
    const up = await run(['vulndb', 'update', '--from', base]);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /vulnerability database updated: 8 entries, last modified 2099-03-04/);
    const audit = await run(['audit', target, '--no-config', '--format', 'json']);
    const report = JSON.parse(audit.stdout);
    assert.equal(report.findings.find((f: { ruleId: string }) => f.ruleId === 'SUP1001')?.vuln?.id, 'GO-2099-0001');
    assert.equal(report.config.vulndb, path.join(cache, 'vulndb'));
    const fail = await run(['vulndb', 'update', '--from', `${base}/nowhere`]);
    assert.equal(fail.code, 1);
    assert.match(fail.stderr, /vulndb update failed, the previous copy is unchanged: .*HTTP 404/);
  });

  test('audit --vulndb URL fetches the database into a cache of its own and uses it', async () => {
    served = layoutFrom(fixture('vulndb', 'osv'));
    const cache = path.join(tmpRoot, 'url-cache');
    const run = (args: string[]) => runCli(args, cache);
    const target = path.join(projectRoot, 'src', 'rules', 'supply-chain', 'testdata', 'known-vulnerability', 'symbol');
    const first = await run(['audit', target, '--no-config', '--format', 'json', '--vulndb', base]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /vulnerability database from http:\/\/127\.0\.0\.1:\d+ in .*vulndb-url.* \(downloaded\)/);
    assert.equal(JSON.parse(first.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'SUP1001')?.vuln?.id, 'GO-2099-0001');
    const again = await run(['audit', target, '--no-config', '--format', 'json', '--vulndb', base]);
    assert.match(again.stderr, /\(unchanged\)/);
    const down = await run(['audit', target, '--no-config', '--format', 'json', '--vulndb', `${base}/nowhere`]);
    assert.equal(down.code, 0);
    assert.match(down.stderr, /known vulnerabilities are not checked/);
    assert.equal(JSON.parse(down.stdout).scores.dimensions['supply-chain'].status, 'inconclusive');
  });

  test('a copy of the shared snapshot (4,291 entries) downloads and loads', { skip: sharedSkip }, async () => {
    served = layoutFrom(SHARED_DB);
    const dir = path.join(tmpRoot, 'shared', 'vulndb');
    const r = await updateVulnDb({ from: base, dir });
    assert.equal(r.entries, fs.readdirSync(SHARED_DB).filter((n) => n.endsWith('.json')).length);
    const db = openVulnDb(dir);
    assert.ok(db.entriesFor('golang.org/x/net').length >= 20);
    assert.deepEqual(db.errors, []);
  });
});
