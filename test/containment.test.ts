/**
 * Nothing outside the audited root is ever read: links from a Dockerfile, Makefile, go.mod, Go
 * file, Kubernetes YAML, Helm values, kustomize resource, .gitignore, .goready.yaml, a baseline or
 * a directory to a "secret" outside the root are refused and reported by their own path, and the
 * secret's marker appears in no output format. Links inside the root keep working. FIFOs and links
 * to /dev/zero under the names that were read without a file-type check finish quickly.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContainedReader, readRegularFile } from '../src/core/safe-read.js';
import { projectRoot } from './helpers/paths.js';
import { cli, withFixtureRules } from './helpers/cli.js';

const MARKER = `SECRETMARKER${process.pid}x${Date.now().toString(36)}`;
const INSIDE = 'INSIDEMARKER7q';

function run(args: string[], cwd: string, timeoutMs = 90_000) {
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), ...withFixtureRules(args)], {
    cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', GOREADY_CACHE: path.join(cwd, '.no-cache') },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The same run in this process, for the tests where nothing can block (links, not special files). */
function inProcess(args: string[], cwd: string) {
  return cli(args, { cwd, env: { GOREADY_CACHE: path.join(cwd, '.no-cache') } });
}

const canFifo = process.platform !== 'win32' && (() => { try { execFileSync('mkfifo', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('containment: links out of the root', () => {
  let base: string;
  let root: string;
  let secretDir: string;

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-contain-'));
    secretDir = path.join(base, 'secret');
    root = path.join(base, 'repo');
    fs.mkdirSync(secretDir);
    fs.mkdirSync(root);
    // secrets shaped so that, if read, they would produce findings, snippets, context and errors carrying the marker
    const secrets: Record<string, string> = {
      'Dockerfile': `FROM ubuntu:latest\nRUN curl -fsSL https://example.com/${MARKER}.sh | sh\nUSER root\n`,
      'Makefile': `build:\n\tgo build -o ${MARKER} ./...\n`,
      'go.mod': `module example.com/${MARKER}\n\ngo 1.16\n\nrequire example.com/${MARKER}/dep v0.0.0\n`,
      'deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${MARKER}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${MARKER}:latest\n          securityContext:\n            privileged: true\n`,
      'values.yaml': `image:\n  repository: ${MARKER}\n  tag: latest\n`,
      'goready.yaml': `version: 1\nrules:\n  disable: [${MARKER}]\n`,
      'baseline.json': `{"version": 1, "tool": "goready", "files": {"${MARKER}.go": {"CON1001": -1}}}`,
      'leak.go': `package main\n\nimport "time"\n\nfunc Leak() {\n\tt := time.NewTicker(time.Second) // ${MARKER}\n\t<-t.C\n}\n`,
      'gitignore': `${MARKER}\n`,
    };
    for (const [n, c] of Object.entries(secrets)) fs.writeFileSync(path.join(secretDir, n), c);
    fs.mkdirSync(path.join(secretDir, 'pkg'));
    fs.writeFileSync(path.join(secretDir, 'pkg', 'x.go'), secrets['leak.go']!.replace('package main', 'package pkg'));

    const w = (rel: string, data: string) => { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.writeFileSync(path.join(root, rel), data); };
    const link = (rel: string, target: string) => { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.symlinkSync(target, path.join(root, rel)); };
    w('main.go', 'package main\n\nfunc main() {}\n\nvar _ = Tick\n');
    // a link inside the root keeps working: linked.go -> impl/ticker.go.txt
    w('impl/ticker.go.txt', `package main\n\nimport "time"\n\nfunc Tick() {\n\tt := time.NewTicker(time.Second) // ${INSIDE}\n\t<-t.C\n}\n`);
    link('linked.go', 'impl/ticker.go.txt');
    // links out of the root, absolute and relative
    link('go.mod', path.join(secretDir, 'go.mod'));
    link('Dockerfile', path.join(secretDir, 'Dockerfile'));
    link('Makefile', '../secret/Makefile');
    link('deploy/k8s/deployment.yaml', path.join(secretDir, 'deploy.yaml'));
    link('charts/app/values.yaml', path.join(secretDir, 'values.yaml'));
    w('charts/app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    w('charts/app/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n');
    w('kustomize/kustomization.yaml', 'resources:\n  - ../../secret/deploy.yaml\n  - outside.yaml\n');
    link('kustomize/outside.yaml', path.join(secretDir, 'deploy.yaml'));
    link('.goready.yaml', path.join(secretDir, 'goready.yaml'));
    link('.goready-baseline.json', path.join(secretDir, 'baseline.json'));
    link('leak.go', path.join(secretDir, 'leak.go'));
    link('.gitignore', path.join(secretDir, 'gitignore'));
    link('vendored', path.join(secretDir, 'pkg'));
    link('cmd/tool/go.mod', '../../../secret/go.mod');
    w('cmd/tool/main.go', 'package main\n\nfunc main() {}\n');
  });

  after(() => fs.rmSync(base, { recursive: true, force: true }));

  test('no output format carries the secret; every link is reported by its own path', async () => {
    const outDir = path.join(base, 'out');
    fs.mkdirSync(outDir);
    const formats = { json: 'r.json', sarif: 'r.sarif', markdown: 'r.md', html: 'r.html', junit: 'r.xml' };
    const r = await inProcess(['audit', root, '--format', 'text', ...Object.entries(formats).flatMap(([f, n]) => ['--format', `${f}=${path.join(outDir, n)}`])], base);
    assert.notEqual(r.code, null, 'the audit finished');
    assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `exit ${r.code}: ${r.stderr}`);
    const outputs: Record<string, string> = { text: r.stdout, stderr: r.stderr };
    for (const [f, n] of Object.entries(formats)) outputs[f] = fs.readFileSync(path.join(outDir, n), 'utf8');
    for (const [f, text] of Object.entries(outputs)) {
      assert.ok(!text.includes(MARKER), `${f} output leaks the secret:\n${text.slice(Math.max(0, text.indexOf(MARKER) - 300), text.indexOf(MARKER) + 100)}`);
      assert.ok(!text.includes(secretDir), `${f} output names the link target`);
    }
    const report = JSON.parse(outputs.json!) as { findings: { file: string; snippet?: string; context?: { lines: string[] } }[]; diagnostics: { code: string; file?: string; message: string }[]; modules: { dir: string }[] };
    const refused = new Set(report.diagnostics.filter((d) => d.code === 'link-outside-root').map((d) => d.file));
    for (const rel of ['Dockerfile', 'Makefile', 'go.mod', 'leak.go', 'vendored', 'deploy/k8s/deployment.yaml', 'charts/app/values.yaml', 'kustomize/outside.yaml', '.gitignore', 'cmd/tool/go.mod']) {
      assert.ok(refused.has(rel), `${rel} reported as a refused link: ${JSON.stringify([...refused])}`);
    }
    assert.ok(report.diagnostics.some((d) => d.message.includes('.goready.yaml') && /outside/.test(d.message)), 'the config link is refused (a config error)');
    // links inside the root keep working
    const inside = report.findings.find((f) => f.file === 'linked.go' && f.snippet?.includes(INSIDE));
    assert.ok(inside, `a finding in the in-root link linked.go: ${JSON.stringify(report.findings.map((f) => f.file))}`);
    assert.ok(inside.snippet?.includes(INSIDE) && inside.context?.lines.some((l) => l.includes(INSIDE)), 'its snippet and context come from the in-root target');
  });

  test('--baseline: a link out of the root is refused without echoing it (exit 2)', async () => {
    const r = await inProcess(['audit', root, '--no-config', '--baseline', path.join(root, '.goready-baseline.json')], base);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /outside the audited root/);
    assert.ok(!r.stdout.includes(MARKER) && !r.stderr.includes(MARKER));
    // the same file named directly (outside the root) is the user's choice and is read
    const direct = await inProcess(['audit', root, '--no-config', '--baseline', path.join(secretDir, 'baseline.json')], base);
    assert.equal(direct.code, 2);
    assert.match(direct.stderr, /must be a non-negative integer/, 'read, and rejected for its content');
  });

  test('baseline write: a link at the baseline path is replaced, never written through', async () => {
    const target = path.join(secretDir, 'baseline.json');
    const before = fs.readFileSync(target, 'utf8');
    const r = await inProcess(['baseline', 'write', root, '--no-config'], base);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(target, 'utf8'), before, 'the link target is untouched');
    const written = path.join(root, '.goready-baseline.json');
    assert.ok(!fs.lstatSync(written).isSymbolicLink(), 'the link was replaced by a regular file');
    assert.match(fs.readFileSync(written, 'utf8'), /"tool": "goready"/);
    fs.rmSync(written);
    fs.symlinkSync(target, written);
  });

  test('safe reader: in-root links read, out-of-root and special files refused, byte cap enforced', () => {
    const reader = new ContainedReader(root, []);
    const ok = reader.read(path.join(root, 'linked.go'), { maxBytes: 1 << 20 });
    assert.ok(ok.ok && ok.buf.toString().includes(INSIDE));
    for (const rel of ['go.mod', 'Dockerfile', 'Makefile', '../secret/Makefile', 'vendored/x.go']) {
      const r = reader.read(rel, { maxBytes: 1 << 20 });
      assert.ok(!r.ok && r.reason === 'outside-root', `${rel}: ${JSON.stringify(r)}`);
      assert.ok(!r.ok && !r.message.includes(secretDir));
    }
    const capped = reader.read('impl/ticker.go.txt', { maxBytes: 10 });
    assert.ok(!capped.ok && capped.reason === 'too-large');
    const dir = readRegularFile(root, { maxBytes: 10 });
    assert.ok(!dir.ok && dir.reason === 'not-regular');
    if (fs.existsSync('/dev/zero')) {
      const z = readRegularFile('/dev/zero', { maxBytes: 10 });
      assert.ok(!z.ok && z.reason === 'not-regular');
    }
  });
});

describe('special files: FIFOs and /dev/zero under every name', { skip: !canFifo && 'mkfifo not available' }, () => {
  test('FIFOs named .gitignore, .goready.yaml, go.sum, go.work.sum, Dockerfile, x.go: the audit finishes quickly', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-fifo-'));
    try {
      fs.writeFileSync(path.join(root, 'go.mod'), 'module example.com/f\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n');
      fs.writeFileSync(path.join(root, 'main.go'), 'package main\n\nfunc main() {}\n');
      fs.mkdirSync(path.join(root, 'sub'));
      const fifos = ['.gitignore', '.goready.yaml', 'go.sum', 'go.work.sum', 'Dockerfile', 'x.go', 'sub/.gitignore', 'Makefile'];
      for (const n of fifos) execFileSync('mkfifo', [path.join(root, n)]);
      const t0 = Date.now();
      const r = run(['audit', root, '--format', 'json'], root, 60_000);
      assert.equal(r.signal, null, `killed after ${Date.now() - t0} ms: blocked on a FIFO`);
      assert.ok(r.code === 0 || r.code === 2, `exit ${r.code}: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as { diagnostics: { code: string; file?: string; message: string }[] };
      const special = report.diagnostics.filter((d) => /not a regular file/.test(d.message)).map((d) => d.file ?? d.message);
      for (const n of ['.gitignore', 'go.sum', 'sub/.gitignore']) assert.ok(special.some((s) => s === n || s.includes(n)), `${n}: ${JSON.stringify(special)}`);
      assert.ok(report.diagnostics.some((d) => /\.goready\.yaml/.test(d.message) && /not a regular file/.test(d.message)), JSON.stringify(report.diagnostics));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('links to /dev/zero named .gitignore, .goready.yaml, go.sum, go.work.sum, go.mod, x.go: refused at once', { skip: !fs.existsSync('/dev/zero') && 'no /dev/zero' }, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-zero-'));
    try {
      fs.writeFileSync(path.join(root, 'main.go'), 'package main\n\nfunc main() {}\n');
      fs.mkdirSync(path.join(root, 'm'));
      fs.writeFileSync(path.join(root, 'm', 'go.mod'), 'module example.com/m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n');
      for (const n of ['.gitignore', '.goready.yaml', 'go.sum', 'go.work.sum', 'go.mod', 'x.go', 'm/go.sum', 'Dockerfile']) fs.symlinkSync('/dev/zero', path.join(root, n));
      const r = run(['audit', root, '--format', 'json'], root, 60_000);
      assert.equal(r.signal, null, 'killed: /dev/zero was read');
      const report = JSON.parse(r.stdout) as { diagnostics: { code: string; file?: string }[] };
      const refused = report.diagnostics.filter((d) => d.code === 'link-outside-root').map((d) => d.file);
      for (const n of ['.gitignore', 'go.mod', 'x.go', 'm/go.sum', 'go.sum', 'Dockerfile']) assert.ok(refused.includes(n), `${n}: ${JSON.stringify(report.diagnostics)}`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
