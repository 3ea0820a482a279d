/** `--evidence govulncheck.json`: call-graph-confirmed findings are merged and marked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseGovulncheck, confirmedCalls, parseJsonStream } from '../src/supply/govulncheck-evidence.js';
import { fixture } from './helpers/paths.js';
import { cli } from './helpers/cli.js';

function stream(root: string): string {
  // the shape govulncheck -json prints: pretty-printed objects one after another
  const objs = [
    { config: { protocol_version: 'v1.0.0', scanner_name: 'govulncheck' } },
    { progress: { message: 'Scanning your code and 12 packages across 3 dependent modules for known vulnerabilities...' } },
    { osv: { id: 'GO-2099-0002', summary: 'HTTP/2 flood in example.com/net', aliases: ['CVE-2099-0002'] } },
    { finding: { osv: 'GO-2099-0002', fixed_version: 'v0.17.0', trace: [{ module: 'example.com/net', version: 'v0.10.0', package: 'example.com/net/http2' }] } },
    { finding: { osv: 'GO-2099-0002', fixed_version: 'v0.17.0', trace: [
      { module: 'example.com/net', version: 'v0.10.0', package: 'example.com/net/http2', function: 'ConfigureServer' },
      { module: 'example.com/app', package: 'example.com/app', function: 'serve', position: { filename: path.join(root, 'server.go'), line: 9, column: 2 } },
    ] } },
    { finding: { osv: 'GO-2099-0001', fixed_version: 'v1.4.1', trace: [
      { module: 'example.com/websocket', version: 'v1.4.0', package: 'example.com/websocket', function: 'ReadMessage', receiver: '*Conn' },
      { module: 'example.com/app', package: 'example.com/app', function: 'handle', position: { filename: 'ws.go', line: 5, column: 9 } },
    ] } },
  ];
  return objs.map((o) => JSON.stringify(o, null, 2)).join('\n');
}

test('parses a govulncheck JSON stream; only traces that name a function are confirmed', async () => {
  const ev = parseGovulncheck(stream('/repo'));
  assert.deepEqual(ev.errors, []);
  assert.equal(ev.findings.length, 3);
  const calls = confirmedCalls(ev, '/repo');
  assert.deepEqual(calls.map((c) => [c.osv, c.symbol, c.site?.file, c.site?.line]), [
    ['GO-2099-0002', 'http2.ConfigureServer', 'server.go', 9],
    ['GO-2099-0001', 'Conn.ReadMessage', 'ws.go', 5],
  ]);
  const errors: string[] = [];
  parseJsonStream('{"a": "}{"} {"b": [1, 2', errors);
  assert.deepEqual(errors, ['truncated JSON stream']);
});

test('audit --evidence upgrades matches to symbol level, marked confirmed, at the call site', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-gvc-'));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/net v0.10.0\n\texample.com/websocket v1.4.0\n)\n');
  fs.writeFileSync(path.join(dir, 'go.sum'), '');
  fs.writeFileSync(path.join(dir, 'server.go'), 'package app\n\nimport (\n\t"net/http"\n\n\t"example.com/net/http2"\n)\n\nfunc serve(s *http.Server) { http2.ConfigureServer(s, nil) }\n');
  fs.writeFileSync(path.join(dir, 'ws.go'), 'package app\n\nfunc handle(c interface{ ReadMessage() }) {\n\t// the websocket connection arrives through an interface: no import here\n\tc.ReadMessage()\n}\n');
  const evidence = path.join(dir, 'govulncheck.json');
  fs.writeFileSync(evidence, stream(dir));
  const db = fixture('vulndb', 'osv');
  const run = async (extra: string[]) => {
    const r = await cli(['audit', dir, '--no-config', '--format', 'json', '--vulndb', db, ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout).findings as { ruleId: string; file: string; line: number; confidence: string; vuln?: { id: string; level: string; confirmed?: string } }[]).filter((f) => f.ruleId === 'SUP1001');
  };
  const without = await run([]);
  const ws = without.find((f) => f.vuln?.id === 'GO-2099-0001');
  assert.equal(ws?.vuln?.level, 'module', 'without evidence: the websocket module is only required');
  const withEv = await run(['--evidence', evidence]);
  const net = withEv.find((f) => f.vuln?.id === 'GO-2099-0002')!;
  assert.deepEqual([net.vuln?.level, net.vuln?.confirmed, net.file, net.line, net.confidence], ['symbol', 'govulncheck', 'server.go', 9, 'high']);
  const ws2 = withEv.find((f) => f.vuln?.id === 'GO-2099-0001')!;
  assert.deepEqual([ws2.vuln?.level, ws2.vuln?.confirmed, ws2.file, ws2.line], ['symbol', 'govulncheck', 'ws.go', 5]);
  assert.equal((await cli(['audit', dir, '--evidence', path.join(dir, 'missing.json')])).code, 2);
  fs.rmSync(dir, { recursive: true, force: true });
});
