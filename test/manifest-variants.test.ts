import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseVariantFindings, manifestVariantSpans } from '../src/facts/manifest-variants.js';
import type { Workload } from '../src/facts/workload-types.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';

function workload(file: string, from: number, to: number, extra: Partial<Workload> = {}): Workload {
  return { kind: 'DaemonSet', name: 'speaker', namespace: 'lb-system', file, loc: { file, line: from + 1 }, lines: { from, to }, source: 'manifest', role: 'deploy', containers: [], podUnknown: false, ...extra };
}

test('variants of one install bundle: one finding per rule, message and object, the others as related locations', () => {
  const spans = manifestVariantSpans([
    workload('config/manifests/lb-frr.yaml', 100, 200),
    workload('config/manifests/lb-native.yaml', 50, 120),
    workload('config/manifests/lb-native-prometheus.yaml', 60, 140),
    // another folder (a kustomize base), a chart, a test fixture: not variants of the bundle
    workload('config/base/speaker.yaml', 1, 40),
    workload('charts/lb/templates/speaker.yaml', 1, 40, { source: 'helm' }),
    workload('test/e2e/speaker.yaml', 1, 40, { role: 'test' }),
    // alone in its file set: no variants
    workload('config/manifests/lb-native.yaml', 130, 160, { name: 'controller', kind: 'Deployment' }),
  ]);
  assert.deepEqual(spans.map((s) => s.file).sort(), ['config/manifests/lb-frr.yaml', 'config/manifests/lb-native-prometheus.yaml', 'config/manifests/lb-native.yaml']);
  const f = (file: string, line: number, message: string, ruleId = 'RUN2030'): { ruleId: string; message: string; file: string; line: number; related?: { file: string; line: number }[] } => ({ ruleId, message, file, line });
  const findings = [
    f('config/manifests/lb-native-prometheus.yaml', 70, 'speaker: no seccomp'),
    f('config/manifests/lb-frr.yaml', 110, 'speaker: no seccomp'),
    f('config/manifests/lb-native.yaml', 60, 'speaker: no seccomp'),
    f('config/manifests/lb-frr.yaml', 150, 'frr: no seccomp'), // only in one variant
    f('config/manifests/lb-native.yaml', 61, 'speaker: no memory limit', 'RUN2001'), // another rule
    f('config/manifests/lb-native.yaml', 140, 'controller: no seccomp'), // outside every span
    f('config/base/speaker.yaml', 10, 'speaker: no seccomp'),
  ];
  const kept = collapseVariantFindings(findings, spans);
  assert.deepEqual(kept.map((k) => `${k.file}:${k.line}`), [
    'config/manifests/lb-frr.yaml:110', 'config/manifests/lb-frr.yaml:150', 'config/manifests/lb-native.yaml:61',
    'config/manifests/lb-native.yaml:140', 'config/base/speaker.yaml:10',
  ]);
  // the shortest file name keeps the finding
  assert.deepEqual(kept[0]!.related, [{ file: 'config/manifests/lb-native.yaml', line: 60 }, { file: 'config/manifests/lb-native-prometheus.yaml', line: 70 }]);
  assert.equal(kept[1]!.related, undefined);
  assert.equal(collapseVariantFindings(findings, []), findings);
});

test('variants in the printers: JSON related, SARIF relatedLocations, text "also in"', async () => {
  const dir = path.join(projectRoot, 'src', 'rules', 'runtime', 'testdata', 'pod-security-not-restricted', 'install-variants');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-variants-'));
  try {
    const run = await cli(['audit', dir, '--no-config', '--include-testdata', '--enable', 'RUN2030', '--format', `json=${out}/r.json`, '--format', `sarif=${out}/r.sarif`, '--format', `text=${out}/r.txt`, '--quiet']);
    assert.notEqual(run.code, 2, run.stderr);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8')) as { findings: { ruleId: string; file: string; line: number; related?: { file: string; line: number }[] }[] };
    const kept = json.findings.find((f) => f.ruleId === 'RUN2030' && f.file === 'config/manifests/lb-native.yaml');
    assert.deepEqual(kept?.related, [{ file: 'config/manifests/lb-native-prometheus.yaml', line: 12 }]);
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'r.sarif'), 'utf8')) as { runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const rel = sarif.runs[0]!.results.flatMap((r) => (r.ruleId === 'RUN2030' ? r.relatedLocations ?? [] : []));
    assert.deepEqual(rel.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`), ['config/manifests/lb-native-prometheus.yaml:12']);
    assert.match(fs.readFileSync(path.join(out, 'r.txt'), 'utf8'), /also in: config\/manifests\/lb-native-prometheus\.yaml:12/);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('a repo rule reporting one concern for several places: JSON related relative to the root (SUP1010, two release configs)', async () => {
  const dir = path.join(projectRoot, 'src', 'rules', 'supply-chain', 'testdata', 'release-without-signature-or-sbom', 'goreleaser-nightly');
  const run = await cli(['audit', dir, '--no-config', '--include-testdata', '--enable', 'SUP1010', '--format', 'json', '--quiet', '--no-cache']);
  assert.notEqual(run.code, 2, run.stderr);
  const json = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number; related?: { file: string; line: number }[] }[] };
  const sup = json.findings.filter((f) => f.ruleId === 'SUP1010');
  assert.equal(sup.length, 1);
  assert.equal(sup[0]!.file, '.goreleaser.yml');
  assert.deepEqual(sup[0]!.related, [{ file: '.goreleaser-nightly.yml', line: 3 }]);
});
