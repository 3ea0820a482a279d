/**
 * `goready artifact` on real Go binaries built here (ELF with and without -trimpath, -s -w, cgo,
 * -buildvcs=false, a dirty checkout, a local replace; Mach-O and PE cross builds), on the old
 * pointer buildinfo format (a synthetic ELF), and on hostile input (truncated files, fake
 * buildinfo with huge lengths, absurd headers): a diagnostic, never a crash.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { readBinaryFile, readBinarySource } from '../src/artifact/binary.js';
import { bufferSource } from '../src/artifact/source.js';
import { BUILDINFO_MAGIC } from '../src/artifact/buildinfo.js';
import { parseModInfo, goUnquote } from '../src/artifact/modinfo.js';
import { packageOfSymbol, symbolKey } from '../src/artifact/linked-packages.js';
import { runArtifact } from '../src/artifact/run-artifact.js';
import { vulnFindings, buildFindings } from '../src/artifact/judge.js';
import { CHECKS } from '../src/artifact/checks.js';
import { findRule } from '../src/rules/registry.js';
import { openVulnDb } from '../src/supply/vulndb.js';
import type { BinaryInfo } from '../src/artifact/model.js';
import { supportWindow } from '../src/facts/go-releases.js';
import { goBinaries, goSkip, type BuiltBinaries } from './helpers/go-binaries.js';
import { cli } from './helpers/cli.js';
import { fixture, projectRoot } from './helpers/paths.js';

// ../shared next to the project (a worktree one level deeper: ../../shared)
const SHARED_DB = [path.resolve(projectRoot, '..', 'shared', 'vulndb', 'osv'), path.resolve(projectRoot, '..', '..', 'shared', 'vulndb', 'osv')].find((d) => fs.existsSync(d)) ?? path.resolve(projectRoot, '..', 'shared', 'vulndb', 'osv');
const sharedSkip = fs.existsSync(SHARED_DB) ? false : `shared vulnerability database not found at ${SHARED_DB} (real-data test skipped)`;
const FIXTURE_DB = fixture('vulndb', 'osv');

let bins: BuiltBinaries;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-artifact-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

describe('real Go binaries', { skip: goSkip }, () => {
  before(() => {
    bins = goBinaries();
  });

  test('default build: Go version, main module, the vendored dependency, cgo dynamic ELF, symbols and DWARF', async () => {
    const r = readBinaryFile(bins.plain);
    assert.deepEqual(r.diagnostics, []);
    const i = r.info!;
    assert.match(i.goVersion!, /^go1\.\d+/);
    assert.deepEqual(i.mainModule, { path: 'example.com/shop', version: '(devel)' });
    assert.equal(i.mainPackage, 'example.com/shop');
    assert.deepEqual(i.modules, [{ path: 'golang.org/x/text', version: 'v0.3.5' }]);
    assert.equal(i.format, 'elf');
    assert.equal(i.settings.CGO_ENABLED, '1');
    assert.equal(i.settings.GOOS, 'linux');
    assert.equal(i.settings['-trimpath'], undefined);
    assert.equal(i.buildinfoFormat, 'inline');
    assert.equal(i.stripped, false);
    assert.equal(i.symbols, true);
    assert.equal(i.dwarf, true);
    assert.equal(i.static, false, 'cgo + os/user + net: dynamically linked');
    assert.match(i.interpreter ?? '', /ld-linux|ld-musl/);
    assert.ok(i.needed?.some((n) => /^libc\./.test(n)));
    assert.equal(r.linked?.source, 'pclntab');
    assert.ok(r.linked!.packages.has('golang.org/x/text/language'));
    assert.ok(r.linked!.packages.has('net/http'));
    const ids = buildFindings(i).map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ['BLD1003', 'BLD1005', 'BLD1101']);
  });

  test('-trimpath -ldflags="-s -w" CGO_ENABLED=0 -buildvcs=false: stripped, static, no trimpath/strip findings, VCS stamp missing', async () => {
    const i = readBinaryFile(bins.release).info!;
    assert.equal(i.settings['-trimpath'], 'true');
    assert.equal(i.settings.CGO_ENABLED, '0');
    assert.equal(i.stripped, true);
    assert.equal(i.symbols, false);
    assert.equal(i.dwarf, false);
    assert.equal(i.static, true);
    assert.equal(i.interpreter, undefined);
    assert.equal(i.settings['vcs.revision'], undefined);
    assert.deepEqual(buildFindings(i).map((f) => f.ruleId), ['BLD1101']);
    assert.equal(buildFindings(i)[0]!.message, `${bins.release} records no VCS revision (built with -buildvcs=false, from a copy without .git, or by go run/test): nobody can tell which commit it is`);
    // function names survive -s -w (the pclntab): vulnerabilities stay package/symbol level
    assert.equal(readBinaryFile(bins.release).linked?.source, 'pclntab');
  });

  test('dirty checkout: vcs.modified=true → BLD1102, +dirty pseudo-version', async () => {
    const i = readBinaryFile(bins.dirty).info!;
    assert.equal(i.settings.vcs, 'git');
    assert.match(i.settings['vcs.revision'] ?? '', /^[0-9a-f]{40}$/);
    assert.equal(i.settings['vcs.modified'], 'true');
    assert.match(i.mainModule!.version, /\+dirty$/);
    assert.deepEqual(buildFindings(i).map((f) => f.ruleId), ['BLD1102']);
    assert.equal(buildFindings(i)[0]!.message, `${bins.dirty} was built from revision ${i.settings['vcs.revision']!.slice(0, 12)} with uncommitted changes (vcs.modified=true): the shipped code matches no commit`);
  });

  test('-buildmode=pie: ET_DYN, PIE, needs the dynamic loader even without cgo', async () => {
    const i = readBinaryFile(bins.pie).info!;
    assert.equal(i.settings['-buildmode'], 'pie');
    assert.equal(i.pie, true);
    assert.equal(readBinaryFile(bins.release).info!.pie, false);
  });

  test('local replace is reported with its target', async () => {
    const i = readBinaryFile(bins.replaced).info!;
    assert.deepEqual(i.modules, [{ path: 'golang.org/x/text', version: 'v0.3.5', replace: { path: '../stub-text' } }]);
  });

  test('Mach-O (darwin/arm64, -s -w) and PE (windows/amd64) cross builds', async () => {
    const mac = readBinaryFile(bins.darwin);
    assert.equal(mac.info?.format, 'macho');
    assert.equal(mac.info?.arch, 'arm64');
    assert.equal(mac.info?.settings.GOOS, 'darwin');
    assert.equal(mac.info?.stripped, true, '-s -w: only imported symbols remain');
    assert.equal(mac.info?.pie, true);
    assert.deepEqual(mac.info?.modules, [{ path: 'golang.org/x/text', version: 'v0.3.5' }]);
    assert.ok(mac.linked?.packages.has('golang.org/x/text/language'));
    const win = readBinaryFile(bins.windows);
    assert.equal(win.info?.format, 'pe');
    assert.equal(win.info?.settings.GOOS, 'windows');
    assert.equal(win.info?.stripped, false);
    assert.ok(win.info?.needed?.some((d) => /kernel32\.dll/i.test(d)));
    assert.equal(win.linked?.source, 'pclntab', 'the pclntab is found by its header in .rdata');
    assert.ok(win.linked?.packages.has('golang.org/x/text/language'));
  });

  test('vulnerabilities against the exact linked version, symbol and package level from function names (shared DB)', { skip: sharedSkip }, async () => {
    const r = await runArtifact([bins.plain, bins.release, bins.replaced], { vulndb: SHARED_DB });
    const v = (file: string, id: string) => r.findings.find((f) => f.file === file && f.vuln?.id === id);
    const sym = v(bins.plain, 'GO-2021-0113');
    assert.ok(sym, 'GO-2021-0113 (golang.org/x/text/language.Parse, fixed in v0.3.7) is found');
    assert.deepEqual([sym.vuln?.level, sym.vuln?.version, sym.vuln?.fixed, sym.severity, sym.ruleId], ['symbol', 'v0.3.5', 'v0.3.7', 'high', 'SUP1001']);
    assert.equal(v(bins.release, 'GO-2021-0113')?.vuln?.level, 'symbol', 'stripped binaries keep the pclntab');
    // GO-2022-1059 lists ParseAcceptLanguage etc., none linked: package level
    assert.equal(v(bins.plain, 'GO-2022-1059')?.vuln?.level, 'package');
    // local replacement: matched at the required version with low confidence; only language.Other is used
    const rep = v(bins.replaced, 'GO-2021-0113');
    assert.equal(rep?.confidence, 'low');
    assert.equal(rep?.vuln?.level, 'package');
    assert.match(rep!.message, /replaced by a local directory/);
    assert.equal(r.vulndb?.path, SHARED_DB);
  });

  test('CLI: --format json validates against schema/artifact.schema.json; text and markdown', async () => {
    const run = await cli(['artifact', bins.plain, bins.release, '--format', 'json', '--vulndb', FIXTURE_DB]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { artifacts: { kind: string; stripped: boolean }[] };
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'artifact.schema.json'), 'utf8')));
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    assert.equal(report.artifacts.length, 2);
    assert.equal(report.artifacts[0].kind, 'binary');
    assert.equal(report.artifacts[1].stripped, true);
    const text = await cli(['artifact', bins.release]);
    assert.match(text.stdout, /static, not PIE, stripped/);
    assert.match(text.stdout, /BLD1101 binary-without-vcs-stamp/);
    const md = await cli(['artifact', bins.release, '--format', 'markdown']);
    assert.match(md.stdout, /^## goready artifact/);
    const gate = await cli(['artifact', bins.plain, '--fail-on', 'low']);
    assert.equal(gate.code, 1);
  });

  test('hostile: truncated binaries and a fake buildinfo length give diagnostics, never a crash', async () => {
    const buf = fs.readFileSync(bins.release);
    for (const n of [3, 64, 4096, Math.floor(buf.length / 2)]) {
      const r = readBinarySource(bufferSource(buf.subarray(0, n)), `cut-${n}`);
      assert.ok(r.diagnostics.length > 0 || r.info?.goVersion, `a truncated file (${n} bytes) gives a diagnostic`);
    }
    const at = buf.indexOf(BUILDINFO_MAGIC);
    assert.ok(at > 0);
    const bad = Buffer.from(buf);
    // version length varint = 2^42: must be refused before any allocation
    Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).copy(bad, at + 32);
    const r = readBinarySource(bufferSource(bad), 'fake');
    assert.ok(r.diagnostics.some((d) => d.code === 'artifact-buildinfo' && /exceeds|beyond/.test(d.message)), JSON.stringify(r.diagnostics));
    assert.equal(r.info?.goVersion, null);
    const garbage = path.join(tmp, 'garbage');
    fs.writeFileSync(garbage, 'not an executable at all');
    assert.ok(readBinaryFile(garbage).diagnostics.some((d) => d.code === 'artifact-malformed'));
    // ELF header claiming 65535 sections at an offset past the end
    const hdr = Buffer.from(buf.subarray(0, 4096));
    hdr.writeBigUInt64LE(0xffffffffffn, 40);
    hdr.writeUInt16LE(0xffff, 60);
    assert.ok(readBinarySource(bufferSource(hdr), 'hdr').diagnostics.some((d) => d.code === 'artifact-malformed'));
  });

  test('hostile: random corruption of headers, section tables and buildinfo never throws', async () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const file of [bins.release, bins.darwin, bins.windows]) {
      const buf = fs.readFileSync(file);
      const hot = [0, buf.indexOf(BUILDINFO_MAGIC)];
      if (buf[0] === 0x7f) hot.push(Number(buf.readBigUInt64LE(40)));
      for (let i = 0; i < 60; i++) {
        const b = Buffer.from(buf);
        const base = hot[i % hot.length]!;
        for (let k = 0; k < 8; k++) b[Math.min(b.length - 1, base + Math.floor(rnd() * 256))] = Math.floor(rnd() * 256);
        assert.doesNotThrow(() => readBinarySource(bufferSource(b), `mutant-${i}`));
      }
    }
  });
});

/** A minimal ELF64 little-endian executable: one PT_LOAD per section, section headers, shstrtab. */
function makeElf(sections: { name: string; addr: number; data: Buffer; writable?: boolean }[]): Buffer {
  const phoff = 64;
  let off = phoff + sections.length * 56;
  const placed = sections.map((s) => {
    off = Math.ceil(off / 16) * 16;
    const at = off;
    off += s.data.length;
    return { ...s, offset: at };
  });
  const names = Buffer.from(`\0${sections.map((s) => s.name).join('\0')}\0.shstrtab\0`, 'latin1');
  const shstrOff = off;
  off += names.length;
  const shoff = Math.ceil(off / 8) * 8;
  const shnum = sections.length + 2;
  const out = Buffer.alloc(shoff + shnum * 64);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  out.writeUInt16LE(2, 16); // ET_EXEC
  out.writeUInt16LE(62, 18);
  out.writeBigUInt64LE(BigInt(phoff), 32);
  out.writeBigUInt64LE(BigInt(shoff), 40);
  out.writeUInt16LE(64, 52);
  out.writeUInt16LE(56, 54);
  out.writeUInt16LE(sections.length, 56);
  out.writeUInt16LE(64, 58);
  out.writeUInt16LE(shnum, 60);
  out.writeUInt16LE(shnum - 1, 62);
  let nameAt = 1;
  placed.forEach((s, i) => {
    const p = phoff + i * 56;
    out.writeUInt32LE(1, p);
    out.writeBigUInt64LE(BigInt(s.offset), p + 8);
    out.writeBigUInt64LE(BigInt(s.addr), p + 16);
    out.writeBigUInt64LE(BigInt(s.data.length), p + 32);
    out.writeBigUInt64LE(BigInt(s.data.length), p + 40);
    s.data.copy(out, s.offset);
    const h = shoff + (i + 1) * 64;
    out.writeUInt32LE(nameAt, h);
    out.writeUInt32LE(1, h + 4); // PROGBITS
    out.writeBigUInt64LE(BigInt(s.writable ? 3 : 2), h + 8);
    out.writeBigUInt64LE(BigInt(s.addr), h + 16);
    out.writeBigUInt64LE(BigInt(s.offset), h + 24);
    out.writeBigUInt64LE(BigInt(s.data.length), h + 32);
    nameAt += s.name.length + 1;
  });
  names.copy(out, shstrOff);
  const h = shoff + (shnum - 1) * 64;
  out.writeUInt32LE(nameAt, h);
  out.writeUInt32LE(3, h + 4);
  out.writeBigUInt64LE(BigInt(shstrOff), h + 24);
  out.writeBigUInt64LE(BigInt(names.length), h + 32);
  return out;
}

const SENTINEL = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const MODINFO = 'path\texample.com/old/cmd\nmod\texample.com/old\tv1.2.3\th1:abc=\ndep\tgolang.org/x/text\tv0.3.5\th1:def=\n=>\tgithub.com/fork/text\tv0.3.8\th1:ghi=\nbuild\t-compiler=gc\nbuild\t"-ldflags"="-X \\"main.v=1 2\\""\nbuild\tCGO_ENABLED=0\n';

function pointerFormatElf(bigEndian: boolean): Buffer {
  const ptr = (v: number) => {
    const b = Buffer.alloc(8);
    if (bigEndian) b.writeBigUInt64BE(BigInt(v));
    else b.writeBigUInt64LE(BigInt(v));
    return b;
  };
  const version = Buffer.from('go1.16.15');
  const mod = Buffer.concat([SENTINEL, Buffer.from(MODINFO), SENTINEL]);
  const rodata = Buffer.concat([version, mod]);
  const RO = 0x700000;
  const DATA = 0x600000;
  const data = Buffer.concat([ptr(RO), ptr(version.length), ptr(RO + version.length), ptr(mod.length)]);
  const header = Buffer.alloc(32);
  BUILDINFO_MAGIC.copy(header, 0);
  header[14] = 8;
  header[15] = bigEndian ? 1 : 0;
  const blob = Buffer.concat([header.subarray(0, 16), ptr(DATA), ptr(DATA + 16)]);
  return makeElf([
    { name: '.rodata', addr: RO, data: rodata },
    { name: '.data', addr: DATA, data, writable: true },
    { name: '.go.buildinfo', addr: 0x500000, data: blob, writable: true },
  ]);
}

describe('buildinfo formats and module information', () => {
  test('old pointer format (Go < 1.18), little- and big-endian pointers, replace and quoted settings', async () => {
    for (const be of [false, true]) {
      const r = readBinarySource(bufferSource(pointerFormatElf(be)), 'old');
      assert.deepEqual(r.diagnostics.filter((d) => d.level !== 'info'), [], JSON.stringify(r.diagnostics));
      const i = r.info!;
      assert.equal(i.goVersion, 'go1.16.15');
      assert.equal(i.buildinfoFormat, 'pointer');
      assert.deepEqual(i.mainModule, { path: 'example.com/old', version: 'v1.2.3' });
      assert.deepEqual(i.modules, [{ path: 'golang.org/x/text', version: 'v0.3.5', replace: { path: 'github.com/fork/text', version: 'v0.3.8' } }]);
      assert.equal(i.settings['-ldflags'], '-X "main.v=1 2"');
      assert.equal(i.static, true);
    }
  });

  test('pointer format with a string header pointing outside every mapping: diagnostic', async () => {
    const elf = pointerFormatElf(false);
    const at = elf.indexOf(BUILDINFO_MAGIC);
    elf.writeBigUInt64LE(0xdead0000n, at + 16);
    const r = readBinarySource(bufferSource(elf), 'bad-ptr');
    assert.ok(r.diagnostics.some((d) => d.code === 'artifact-buildinfo' && /not mapped/.test(d.message)));
  });

  test('modinfo: bad lines are counted, quoted keys and escapes decoded', async () => {
    const m = parseModInfo('path\tx\nbogus line\nbuild\t"a=b"=c\nbuild\tk="\\x41\\u00e9\\101"\n=>\torphan\n');
    assert.deepEqual(m.settings, [['a=b', 'c'], ['k', 'Aé' + 'A']]);
    assert.equal(m.bad.length, 1 + 0 + 1 - 1 + 1, JSON.stringify(m.bad));
    assert.equal(goUnquote('"unterminated'), undefined);
    assert.equal(goUnquote('"\\q"'), undefined);
  });

  test('function names → packages and vulnerability-database symbols', async () => {
    assert.equal(packageOfSymbol('net/http.(*Server).Serve'), 'net/http');
    assert.equal(packageOfSymbol('gopkg.in/yaml%2ev3.Unmarshal'), 'gopkg.in/yaml.v3');
    assert.equal(packageOfSymbol('main.main'), 'main');
    assert.equal(packageOfSymbol('type:.eq.[2]interface {}'), undefined);
    assert.equal(symbolKey('net/http.(*Server).Serve.func1'), 'net/http.Server.Serve');
    assert.equal(symbolKey('golang.org/x/net/http2.ConfigureServer'), 'golang.org/x/net/http2.ConfigureServer');
    assert.equal(symbolKey('example.com/m/pkg.Map[go.shape.int]'), 'example.com/m/pkg.Map');
  });
});

describe('judgement', () => {
  const info = (over: Partial<BinaryInfo>): BinaryInfo => ({
    path: 'bin/app', kind: 'binary', goVersion: 'go1.22.1', mainModule: { path: 'example.com/app', version: 'v1.0.0' },
    settings: { '-trimpath': 'true', vcs: 'git', 'vcs.revision': 'abc', 'vcs.modified': 'false' }, modules: [],
    stripped: true, static: true, pie: false, format: 'elf', arch: 'amd64', ...over,
  });
  const linked = (pkgs: string[], syms: string[] = []) => ({ packages: new Set(pkgs), symbols: new Set(syms), source: 'pclntab' as const, functions: 1 });

  test('stdlib: judged against the exact Go version; only when an affected package is linked', async () => {
    const db = openVulnDb(FIXTURE_DB);
    const sym = vulnFindings(info({}), linked(['net/http'], ['net/http.Server.Serve']), db).filter((f) => f.vuln?.module === 'stdlib');
    assert.deepEqual(sym.map((f) => [f.vuln?.id, f.vuln?.version, f.vuln?.fixed, f.vuln?.level]), [['GO-2099-0004', 'go1.22.1', 'go1.22.2', 'symbol']]);
    assert.deepEqual(vulnFindings(info({}), linked(['fmt']), db).filter((f) => f.vuln?.module === 'stdlib'), [], 'net/http not linked: not reported');
    assert.deepEqual(vulnFindings(info({ goVersion: 'go1.22.2' }), linked(['net/http'], ['net/http.Server.Serve']), db).filter((f) => f.vuln?.module === 'stdlib'), [], 'fixed release');
    const pkg = vulnFindings(info({ goVersion: 'go1.22.1 X:boringcrypto' }), linked(['net/http']), db).filter((f) => f.vuln?.module === 'stdlib');
    assert.equal(pkg[0]?.vuln?.level, 'package');
  });

  test('Go release out of support, debug gcflags', async () => {
    const w = supportWindow(new Date('2026-12-01'));
    assert.deepEqual(buildFindings(info({ goVersion: 'go1.20.3' }), w).map((f) => f.ruleId), ['BLD1001']);
    assert.deepEqual(buildFindings(info({ goVersion: `go1.${w.newest.minor}.0` }), w), []);
    assert.deepEqual(buildFindings(info({ goVersion: `go1.${w.newest.minor}.0`, settings: { ...info({}).settings, '-gcflags': 'all=-N -l' } }), w).map((f) => f.ruleId), ['BLD1011']);
  });

  test('every check is a registry rule: reused source rules, or the artifact\'s own evidence rules (explain, rules list)', async () => {
    const listed = (await cli(['rules'])).stdout;
    for (const c of Object.values(CHECKS)) {
      const r = findRule(c.id);
      assert.equal(r?.meta.name, c.name, c.id);
      // a check made from an evidence rule carries its messages; the others reuse a source rule's id
      if (!('messages' in c)) assert.notEqual(r?.kind, 'evidence', c.id);
      else {
        assert.equal(r?.kind, 'evidence', `${c.id} is an evidence rule`);
        assert.equal(r?.kind === 'evidence' && r.evidence, 'artifact');
        assert.match((await cli(['explain', c.name])).stdout, new RegExp(`^${c.id} ${c.name} — [^]*reported by: goready artifact`));
        assert.match(listed, new RegExp(`${c.id}\\s+${c.name}\\b.*\\(artifact evidence\\)`));
      }
    }
  });
});
