/**
 * `goready artifact image.tar`: docker-save and OCI layout tarballs made here from real Go
 * binaries (tar + JSON, gzip and plain layers, a whiteout, a symlinked /lib64), judged like a
 * Dockerfile; hostile tarballs (path traversal names, a gzip bomb, not a tar) give diagnostics.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Ajv } from 'ajv';
import { runArtifact } from '../src/artifact/run-artifact.js';
import { readImageTar, safeEntryName, DEFAULT_IMAGE_LIMITS } from '../src/artifact/image-tar.js';
import type { ImageArtifact } from '../src/artifact/model.js';
import { goBinaries, goSkip, type BuiltBinaries } from './helpers/go-binaries.js';
import { cli } from './helpers/cli.js';
import { jsonBytes, sha256, tarOf } from './helpers/tarball.js';
import { projectRoot } from './helpers/paths.js';

const sha = sha256;
const json = jsonBytes;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-image-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
let bins: BuiltBinaries;
let dockerTar: string;
let ociTar: string;

async function makeDockerSave(): Promise<string> {
  const l1 = zlib.gzipSync(await tarOf([
    { name: 'usr/', type: 'directory' }, { name: 'usr/local/bin/', type: 'directory' },
    { name: 'usr/local/bin/app', data: fs.readFileSync(bins.plain), mode: 0o755 },
    { name: 'usr/local/bin/old', data: fs.readFileSync(bins.release), mode: 0o755 },
    { name: 'etc/passwd', data: Buffer.from('root:x:0:0:root:/root:/bin/sh\n') },
  ]));
  // the second layer deletes the old binary (whiteout) and is not compressed
  const l2 = await tarOf([{ name: 'usr/local/bin/.wh.old' }, { name: 'etc/motd', data: Buffer.from('hi\n') }]);
  const config = json({
    architecture: 'amd64', os: 'linux',
    config: { User: '', Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOMEMLIMIT=512M', 'GOGC=off', 'GOMAXPROCS=two'], Entrypoint: ['app'], Cmd: ['--serve'] },
  });
  const outer = await tarOf([
    { name: 'manifest.json', data: json([{ Config: 'cfg.json', RepoTags: ['shop:1.0'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }]) },
    { name: 'cfg.json', data: config },
    { name: 'l1/layer.tar', data: l1 },
    { name: 'l2/layer.tar', data: l2 },
  ]);
  const f = path.join(tmp, 'docker-save.tar');
  fs.writeFileSync(f, outer);
  return f;
}

async function makeOci(): Promise<string> {
  const layer = zlib.gzipSync(await tarOf([
    { name: 'app', data: fs.readFileSync(bins.release), mode: 0o755 },
    { name: 'plain', data: fs.readFileSync(bins.plain), mode: 0o755 },
    // merged /usr: /lib64 -> usr/lib64, the loader lives under usr/lib64
    { name: 'lib64', type: 'symlink', linkname: 'usr/lib64' },
    { name: 'usr/lib64/ld-linux-x86-64.so.2', data: Buffer.alloc(128, 1), mode: 0o755 },
    { name: 'usr/lib/x86_64-linux-gnu/libc.so.6', data: Buffer.alloc(128, 1) },
  ]));
  const config = json({ architecture: 'amd64', os: 'linux', config: { User: '65532:65532', Env: ['GOMEMLIMIT=900MiB'], Entrypoint: ['/app'] } });
  const manifest = json({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha(config)}`, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${sha(layer)}`, size: layer.length }],
  });
  const index = json({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(manifest)}`, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 'shop:oci' } }] });
  const outer = await tarOf([
    { name: 'oci-layout', data: json({ imageLayoutVersion: '1.0.0' }) },
    { name: 'index.json', data: index },
    { name: 'blobs/', type: 'directory' },
    { name: `blobs/sha256/${sha(manifest)}`, data: manifest },
    { name: `blobs/sha256/${sha(config)}`, data: config },
    { name: `blobs/sha256/${sha(layer)}`, data: layer },
  ]);
  const f = path.join(tmp, 'oci.tar');
  fs.writeFileSync(f, outer);
  return f;
}

const imageTmpDirs = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('goready-image-') && !n.startsWith('goready-image-test-'));

describe('image tarballs', { skip: goSkip }, () => {
  before(async () => {
    bins = goBinaries();
    dockerTar = await makeDockerSave();
    ociTar = await makeOci();
  });

  test('docker save: config, whiteout, entrypoint through PATH, root user, malformed Go env, dynamic binary without loader', async () => {
    const before = imageTmpDirs().length;
    const r = await runArtifact([dockerTar]);
    assert.equal(imageTmpDirs().length, before, 'the temp directory is removed');
    const a = r.artifacts[0] as ImageArtifact;
    assert.equal(a.kind, 'image');
    assert.equal(a.image.layout, 'docker-save');
    assert.deepEqual(a.image.tags, ['shop:1.0']);
    assert.equal(a.image.layers, 2);
    assert.equal(a.image.user, null);
    assert.deepEqual(a.image.entrypoint, ['app']);
    assert.equal(a.image.env.GOGC, 'off');
    assert.deepEqual(a.image.binaries.map((b) => b.path), [`${dockerTar}:/usr/local/bin/app`], 'the whited-out binary is gone');
    assert.deepEqual(a.mainModule, { path: 'example.com/shop', version: '(devel)' });
    assert.equal(a.static, false);
    const ids = r.findings.filter((f) => f.file === dockerTar).map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ['BLD1009', 'RUN2004', 'RUN2004']);
    assert.ok(r.findings.some((f) => f.ruleId === 'RUN2004' && /GOMEMLIMIT=512M.*512MiB/.test(f.message)));
    const cgo = r.findings.find((f) => f.ruleId === 'BLD1004');
    assert.equal(cgo?.file, `${dockerTar}:/usr/local/bin/app`);
    assert.match(cgo!.message, /dynamically linked.*CGO_ENABLED=1.*no \/lib64\/ld-linux-x86-64\.so\.2/);
    assert.ok(r.findings.some((f) => f.ruleId === 'BLD1003' && f.file === `${dockerTar}:/usr/local/bin/app`));
  });

  test('OCI layout: non-root user, loader found through a symlinked /lib64, two Go binaries, entrypoint picks /app', async () => {
    const r = await runArtifact([ociTar]);
    const a = r.artifacts[0] as ImageArtifact;
    assert.equal(a.image.layout, 'oci');
    assert.deepEqual(a.image.tags, ['shop:oci']);
    assert.equal(a.image.user, '65532:65532');
    assert.deepEqual(a.image.binaries.map((b) => b.path.slice(ociTar.length + 1)), ['/app', '/plain']);
    assert.equal(a.settings['-trimpath'], 'true', 'top-level fields describe the entrypoint binary (/app, the release build)');
    assert.equal(a.stripped, true);
    assert.ok(a.image.libc.includes('/lib64/ld-linux-x86-64.so.2'), JSON.stringify(a.image.libc));
    const ids = r.findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('BLD1009'));
    assert.ok(!ids.includes('BLD1004'), 'the loader is there');
    assert.ok(!ids.includes('RUN2004'));
  });

  test('CLI JSON for images validates against the schema', async () => {
    const run = await cli(['artifact', ociTar, dockerTar, '--format', 'json', '--vulndb', path.join(projectRoot, 'test', 'fixtures', 'vulndb', 'osv')]);
    assert.equal(run.code, 0, run.stderr);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'artifact.schema.json'), 'utf8')));
    const report: unknown = JSON.parse(run.stdout);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  });
});

describe('hostile image tarballs', () => {
  test('entry names: traversal is rejected, ./ and // are normalised', async () => {
    assert.equal(safeEntryName('../../etc/passwd'), undefined);
    assert.equal(safeEntryName('a/../../b'), undefined);
    assert.equal(safeEntryName('./usr//bin/app'), 'usr/bin/app');
    assert.equal(safeEntryName('/abs/path'), 'abs/path');
  });

  test('path traversal names in the outer tar and in a layer: diagnostics, nothing written outside the temp directory', async () => {
    const evilLayer = await tarOf([{ name: '../../../escaped-layer', data: Buffer.from('x') }, { name: 'ok', data: Buffer.from('y') }]);
    const config = json({ config: { User: 'app', Entrypoint: ['/ok'] } });
    const outer = await tarOf([
      { name: '../../escaped-outer', data: Buffer.from('x') },
      { name: 'manifest.json', data: json([{ Config: 'c.json', Layers: ['l.tar'] }]) },
      { name: 'c.json', data: config },
      { name: 'l.tar', data: evilLayer },
    ]);
    const f = path.join(tmp, 'evil.tar');
    fs.writeFileSync(f, outer);
    const r = await runArtifact([f]);
    const trav = r.diagnostics.filter((d) => d.code === 'image-path-traversal');
    assert.equal(trav.length, 2, JSON.stringify(r.diagnostics));
    for (const p of [path.join(tmp, '..', 'escaped-outer'), path.join(os.tmpdir(), '..', 'escaped-outer'), path.join(os.tmpdir(), 'escaped-layer'), path.resolve('escaped-layer')]) assert.ok(!fs.existsSync(p), p);
    assert.equal(r.artifacts.length, 1, 'the rest of the image is still read');
  });

  test('gzip bomb: the ratio guard and the size cap stop decompression with a diagnostic', async () => {
    const bombTar = await tarOf([{ name: 'zeros', data: Buffer.alloc(80 * 1024 * 1024), mode: 0o755 }]);
    const bomb = zlib.gzipSync(bombTar, { level: 9 });
    assert.ok(bomb.length < 1024 * 1024);
    const outer = await tarOf([
      { name: 'manifest.json', data: json([{ Config: 'c.json', Layers: ['bomb.tar.gz'] }]) },
      { name: 'c.json', data: json({ config: {} }) },
      { name: 'bomb.tar.gz', data: bomb },
    ]);
    const f = path.join(tmp, 'bomb.tar');
    fs.writeFileSync(f, outer);
    const byRatio = await readImageTar(f);
    byRatio.cleanup();
    assert.ok(byRatio.diagnostics.some((d) => d.code === 'image-layer-unreadable' && /gzip bomb/.test(d.message)), JSON.stringify(byRatio.diagnostics));
    const byCap = await readImageTar(f, { ...DEFAULT_IMAGE_LIMITS, maxLayerBytes: 4 * 1024 * 1024 });
    byCap.cleanup();
    assert.ok(byCap.diagnostics.some((d) => /exceeds 4194304 bytes/.test(d.message)), JSON.stringify(byCap.diagnostics));
  });

  test('not a tar, a gzip that is not a tar, a manifest pointing at nothing', async () => {
    const gz = path.join(tmp, 'x.tar.gz');
    fs.writeFileSync(gz, zlib.gzipSync(Buffer.from('hello')));
    const r1 = await runArtifact([gz]);
    assert.ok(r1.diagnostics.some((d) => d.code === 'image-unreadable' || d.code === 'image-layout'), JSON.stringify(r1.diagnostics));
    const missing = path.join(tmp, 'missing.tar');
    fs.writeFileSync(missing, await tarOf([{ name: 'manifest.json', data: json([{ Config: 'nope.json', Layers: [] }]) }]));
    const r2 = await runArtifact([missing]);
    assert.ok(r2.diagnostics.some((d) => d.code === 'image-layout' && /nope\.json is missing/.test(d.message)), JSON.stringify(r2.diagnostics));
    const huge = path.join(tmp, 'huge-manifest.tar');
    fs.writeFileSync(huge, await tarOf([{ name: 'manifest.json', data: Buffer.from('[{"Config": 1}]') }]));
    assert.ok((await runArtifact([huge])).diagnostics.some((d) => d.code === 'image-layout'));
  });
});
