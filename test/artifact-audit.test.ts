/**
 * `goready audit . --artifact BIN`: the built binary corrects the source audit — stdlib
 * vulnerabilities against the Go release that built it, -trimpath / -s -w findings confirmed or
 * refuted, go.mod vs linked versions.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goBinaries, goSkip, type BuiltBinaries } from './helpers/go-binaries.js';
import { cli } from './helpers/cli.js';
import { fixture } from './helpers/paths.js';
import { dockerSave } from './helpers/tarball.js';

interface F { ruleId: string; file: string; line?: number; message: string; confidence: string; suppressed: false | { kind: string; reason?: string }; vuln?: { module: string; version: string } }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-artifact-audit-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
let bins: BuiltBinaries;
let repo: string;

async function audit(...extra: string[]): Promise<{ findings: F[]; diagnostics: { code: string; message: string }[] }> {
  const r = await cli(['audit', repo, '--no-config', '--format', 'json', '-q', '--vulndb', fixture('vulndb', 'osv'), ...extra]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as { findings: F[]; diagnostics: { code: string; message: string }[] };
}

describe('audit --artifact', { skip: goSkip }, () => {
  before(() => {
    bins = goBinaries();
    repo = path.join(tmp, 'shop');
    fs.mkdirSync(path.join(repo, 'bin'), { recursive: true });
    // the go directive allows go1.22.0, which the fixture database's GO-2099-0004 (net/http) affects
    fs.writeFileSync(path.join(repo, 'go.mod'), 'module example.com/shop\n\ngo 1.22.0\n\nrequire golang.org/x/text v0.3.8\n');
    fs.writeFileSync(path.join(repo, 'go.sum'), '');
    fs.writeFileSync(path.join(repo, 'main.go'), 'package main\n\nimport (\n\t"net/http"\n\n\t"golang.org/x/text/language"\n)\n\nfunc main() {\n\t_, _ = language.Parse("en")\n\t_ = http.ListenAndServe(":8080", nil)\n}\n');
    fs.writeFileSync(path.join(repo, 'Makefile'), 'build:\n\tgo build -ldflags="-X main.v=1" -o bin/app .\n');
    fs.copyFileSync(bins.release, path.join(repo, 'bin', 'release'));
    fs.copyFileSync(bins.plain, path.join(repo, 'bin', 'plain'));
  });

  test('stdlib findings move from the go directive to the binary\'s Go release', async () => {
    const src = await audit();
    assert.ok(src.findings.some((f) => f.ruleId === 'SUP1001' && f.vuln?.module === 'stdlib' && f.vuln.version === 'go1.22.0'), 'the source audit reports GO-2099-0004 from the go directive');
    const joined = await audit('--artifact', path.join(repo, 'bin', 'release'));
    assert.deepEqual(joined.findings.filter((f) => f.vuln?.module === 'stdlib' && f.vuln.version === 'go1.22.0'), [], 'the go directive no longer decides');
    assert.ok(joined.diagnostics.some((d) => d.code === 'artifact-stdlib' && /judged against go1\.\d+/.test(d.message)));
  });

  test('-trimpath / -s -w Makefile findings: refuted by the release binary, confirmed by the default build', async () => {
    // BLD1003 and BLD1005 are experimental (the blind-record gate): enabled here, as a user would
    const refuted = (await audit('--artifact', path.join(repo, 'bin', 'release'), '--enable', 'BLD1003,BLD1005')).findings;
    const t = refuted.find((f) => f.ruleId === 'BLD1003' && f.file === 'Makefile');
    assert.deepEqual(t?.suppressed, { kind: 'artifact', reason: 'refuted by bin/release: it was built with -trimpath' });
    assert.equal(refuted.find((f) => f.ruleId === 'BLD1005' && f.file === 'Makefile')?.suppressed && true, true);
    const confirmed = (await audit('--artifact', path.join(repo, 'bin', 'plain'), '--enable', 'BLD1003,BLD1005')).findings;
    const c = confirmed.find((f) => f.ruleId === 'BLD1003' && f.file === 'Makefile');
    assert.equal(c?.suppressed, false);
    assert.equal(c?.confidence, 'high');
    assert.match(c!.message, /confirmed by bin\/plain: it was built without -trimpath/);
  });

  test('go.mod requirement vs linked version', async () => {
    const f = (await audit('--artifact', path.join(repo, 'bin', 'release'))).findings.filter((x) => x.ruleId === 'SUP1101');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.file, 'go.mod');
    assert.match(f[0]!.message, /requires golang\.org\/x\/text v0\.3\.8, but bin\/release links v0\.3\.5/);
  });

  test('artifact evidence rules are described in the report: SARIF ruleIndex, disabled by --disable', async () => {
    const sarifOut = await cli(['audit', repo, '--no-config', '--format', 'sarif', '-q', '--vulndb', fixture('vulndb', 'osv'), '--artifact', path.join(repo, 'bin', 'release')]);
    const sarif = JSON.parse(sarifOut.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    const run = sarif.runs[0]!;
    const own = run.results.filter((r) => r.ruleId === 'SUP1101' || r.ruleId === 'BLD1101');
    assert.deepEqual(own.map((r) => r.ruleId).sort(), ['BLD1101', 'SUP1101']);
    for (const r of run.results) assert.notEqual(r.ruleIndex, -1, `${r.ruleId} has no rule entry`);
    for (const r of own) assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
    const plain = JSON.parse((await cli(['audit', repo, '--no-config', '--format', 'json', '-q', '--vulndb', fixture('vulndb', 'osv')])).stdout) as { rules: { id: string }[] };
    assert.ok(!plain.rules.some((r) => r.id === 'BLD1101'), 'without --artifact the evidence rules are not part of the audit');
    const disabled = await audit('--artifact', path.join(repo, 'bin', 'release'), '--disable', 'SUP1101,binary-without-vcs-stamp');
    assert.deepEqual(disabled.findings.filter((f) => f.ruleId === 'SUP1101' || f.ruleId === 'BLD1101'), []);
  });

  test('an image tarball as --artifact: its config confirms the Dockerfile finding, adds its own, and its binary joins like one given alone', async () => {
    fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM debian:12\nCOPY bin/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n');
    // BLD1009 is experimental (off by default since the blind sample): enabled here, as a user would
    const before = await audit('--enable', 'BLD1009');
    const root = before.findings.find((f) => f.ruleId === 'BLD1009' && f.file === 'Dockerfile');
    assert.ok(root, `the Dockerfile rule reports the root user: ${JSON.stringify(before.findings.map((f) => `${f.ruleId} ${f.file}`))}`);
    const tarFile = path.join(repo, 'bin', 'shop-image.tar');
    fs.writeFileSync(tarFile, await dockerSave(
      [[{ name: 'usr/local/bin/app', data: fs.readFileSync(bins.plain), mode: 0o755 }, { name: 'usr/local/bin/tool', data: fs.readFileSync(bins.release), mode: 0o755 }]],
      { os: 'linux', architecture: 'amd64', config: { User: '', Env: ['GOGC=off'], Entrypoint: ['/usr/local/bin/app'] } },
      ['shop:1'],
    ));
    try {
      const r = await audit('--artifact', tarFile, '--enable', 'BLD1009,BLD1003');
      const confirmed = r.findings.find((f) => f.ruleId === 'BLD1009' && f.file === 'Dockerfile')!;
      assert.equal(confirmed.confidence, 'high');
      assert.match(confirmed.message, /confirmed by bin\/shop-image\.tar: the image runs as root/);
      assert.equal(r.findings.filter((f) => f.ruleId === 'BLD1009').length, 1, 'not repeated at the image');
      const gogc = r.findings.find((f) => f.ruleId === 'RUN2006')!;
      assert.equal(gogc.file, 'bin/shop-image.tar');
      assert.match(gogc.message, /GOGC=off in the image config/);
      // both binaries are of this repository's module: each is joined under its path in the image
      const trim = r.findings.find((f) => f.ruleId === 'BLD1003' && f.file === 'Makefile')!;
      assert.match(trim.message, /confirmed by bin\/shop-image\.tar:\/usr\/local\/bin\/app: it was built without -trimpath/);
      assert.equal(trim.suppressed, false, 'the release-built tool beside it does not refute what the app shows');
      assert.ok(r.diagnostics.some((d) => d.code === 'artifact-image' && /docker-save image, 1 layer\(s\), user "", 2 Go binary\(ies\); joined: bin\/shop-image\.tar:\/usr\/local\/bin\/app, bin\/shop-image\.tar:\/usr\/local\/bin\/tool/.test(d.message)), JSON.stringify(r.diagnostics));
      assert.deepEqual(r.findings.filter((f) => f.vuln?.module === 'stdlib' && f.vuln.version === 'go1.22.0'), []);
      // a tarball that is not an image: a diagnostic, the audit completes
      fs.writeFileSync(path.join(tmp, 'empty.tar'), await dockerSave([], {}).then((b) => b.subarray(0, 1024)));
      const bad = await audit('--artifact', path.join(tmp, 'empty.tar'));
      assert.ok(bad.diagnostics.some((d) => d.code === 'artifact-unusable'), JSON.stringify(bad.diagnostics));
    } finally {
      fs.rmSync(path.join(repo, 'Dockerfile'));
      fs.rmSync(tarFile);
    }
  });

  test('a non-Go file as --artifact: a diagnostic, the audit completes', async () => {
    fs.writeFileSync(path.join(repo, 'bin', 'notgo'), 'plain text');
    const r = await audit('--artifact', path.join(repo, 'bin', 'notgo'));
    assert.ok(r.diagnostics.some((d) => d.code === 'artifact-unusable'));
    const missing = await cli(['audit', repo, '--no-config', '--artifact', path.join(repo, 'nope')]);
    assert.equal(missing.code, 2);
  });
});
