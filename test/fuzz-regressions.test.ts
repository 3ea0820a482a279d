/**
 * Regression tests for what the fuzzing campaign found (`npm run fuzz`; README "Fuzzing"). Each
 * reproducer is minimised and generated here. Crashes in parts of issue 9 fixed elsewhere are
 * listed at the end, as `todo` until those fixes are merged.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goready } from './helpers/cli.js';
import { loadSeeds } from './fuzz/seeds.js';
import { YAML_MAX_DEPTH, yamlNestingDepth } from '../src/core/yaml-depth.js';
import { Watchdog } from './fuzz/watchdog.js';

const dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-fuzzreg-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const GO = { 'go.mod': 'module example.com/deep\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' };

/** The shapes of deep YAML nesting, `n` levels each. */
const DEEP: Record<string, (n: number) => string> = {
  'unclosed flow sequences': (n) => `a: ${'['.repeat(n)}\n`,
  'closed flow sequences': (n) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  'flow maps': (n) => `a: ${'{b: '.repeat(n)}1${'}'.repeat(n)}\n`,
  'a compact mapping chain on one line': (n) => `runs-on: ${'ubuntu-latest-on: '.repeat(n)}x\n`,
  'block indentation': (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('') + `${' '.repeat(n)}x\n`,
  'nested block sequences': (n) => `${'- '.repeat(n)}x\n`,
};

describe('fuzz regressions: deeply nested YAML', () => {
  test('the depth estimate: real files are shallow, every deep shape is over the limit, quoted and block-scalar text does not count', () => {
    for (const s of loadSeeds().filter((x) => /ya?ml$/.test(x.src))) {
      assert.ok(yamlNestingDepth(s.bytes.toString('utf8')) < 40, `${s.src} is shallow`);
    }
    for (const [name, gen] of Object.entries(DEEP)) {
      assert.ok(yamlNestingDepth(gen(YAML_MAX_DEPTH + 50)) > YAML_MAX_DEPTH, `${name} at ${YAML_MAX_DEPTH + 50} levels`);
      assert.ok(yamlNestingDepth(gen(20)) <= 45, `${name} at 20 levels (flow maps count twice)`);
    }
    const inert = `a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\nc: |\n  ${'['.repeat(1000)}\n  ${'- '.repeat(500)}\nd: x # ${'['.repeat(1000)}\ne: a[b\n`;
    assert.ok(yamlNestingDepth(inert) < 10, `quoted strings, block scalars, comments, plain scalars: ${yamlNestingDepth(inert)}`);
  });

  test('a 4 KB .goready.yaml of "[" no longer aborts the process (was exit 134, "RegExpCompiler Allocation failed"): exit 2 and a message', () => {
    const dir = repo({ ...GO, '.goready.yaml': DEEP['unclosed flow sequences']!(4000) });
    const r = goready(['audit', dir, '--format', 'json']);
    assert.equal(r.code, 2, r.stderr.slice(0, 300));
    assert.match(r.stderr, /\.goready\.yaml: YAML nested more than 200 levels deep/);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string }[] };
    assert.ok(report.diagnostics.some((d) => d.code === 'config-error'));
  });

  test('deep YAML in every YAML reader (CI, GoReleaser, ko, compose, Kubernetes, Helm values, kustomization) is a diagnostic; the audit completes', () => {
    const deep = (i: number) => Object.values(DEEP)[i % Object.keys(DEEP).length]!(3000);
    const dir = repo({
      ...GO,
      '.github/workflows/ci.yml': `on: push\njobs: ${deep(0)}`,
      '.goreleaser.yaml': deep(1),
      '.ko.yaml': deep(2),
      'compose.yaml': deep(3),
      'deploy/app.yaml': `apiVersion: apps/v1\nkind: Deployment\nspec: ${deep(0)}`,
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'chart/values.yaml': deep(5),
      'chart/templates/d.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n',
      'kustomize/kustomization.yaml': deep(4),
    });
    const r = goready(['audit', dir, '--format', 'json', '--no-config']);
    assert.equal(r.code, 0, r.stderr.slice(0, 500));
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; file?: string; message: string }[] };
    const deepDiags = report.diagnostics.filter((d) => /nested more than 200 levels/.test(d.message));
    assert.ok(deepDiags.length >= 6, JSON.stringify(report.diagnostics, null, 1));
    assert.ok(!report.diagnostics.some((d) => d.code === 'rule-error' || d.code === 'internal-error'), 'no rule failed');
  });

  test('the fuzz target that found it: config, goreleaser and ko on 4,000 unclosed "[" answer, deterministically', async () => {
    const dog = new Watchdog();
    try {
      for (const [target, p] of [['config', '.goready.yaml'], ['goreleaser', '.goreleaser.yaml'], ['ko', '.ko.yaml'], ['yaml', '.github/workflows/ci.yml'], ['k8s', 'deploy.yaml']] as const) {
        const o = await dog.call({ target, path: p, bytes: Buffer.from(`version: 2\na: ${'['.repeat(4000)}`) }, 30_000, true);
        assert.equal(o.kind, 'ok', `${target}: ${JSON.stringify(o)}`);
        assert.equal(o.kind === 'ok' && o.digest2, o.kind === 'ok' && o.digest, `${target} deterministic`);
      }
    } finally {
      await dog.close();
    }
  });
});
