/**
 * OBS1005 over whole repositories (its testdata is one repository, where a server extracts context): a program whose
 * only instrumentation is an outgoing client is reported only when some server of the repository extracts what it
 * would inject; and the package import graph it scopes programs with (src/facts/package-imports.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRules } from '../src/rules/registry.js';
import { runEngine } from '../src/engine/engine.js';
import { packagesReached, programsReaching, type PackageNode } from '../src/facts/package-imports.js';

async function obs1005(files: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-obs1005-'));
  try {
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    const rule = allRules().find((r) => r.meta.id === 'OBS1005')!;
    const res = await runEngine({ root: dir, rules: [rule], skipDirs: ['.git'], gitignore: false, jobs: 1 });
    return res.findings.map((f) => `${path.relative(dir, f.file)}:${f.line}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const clientOnly: Record<string, string> = {
  'go.mod': 'module example.com/app\n\ngo 1.22\n',
  'util/http.go':
    'package util\n\nimport (\n\t"net/http"\n\n\t"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"\n)\n\n' +
    'func Client() *http.Client {\n\treturn &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}\n}\n',
  'cmd/crawler/main.go':
    'package main\n\nimport (\n\t"example.com/app/util"\n\t"go.opentelemetry.io/otel"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n)\n\n' +
    'func main() {\n\totel.SetTracerProvider(sdktrace.NewTracerProvider())\n\t_, _ = util.Client().Get("https://example.org/")\n}\n',
};

test('OBS1005: an instrumented client alone, toward services of no server of the repository, is not reported', async () => {
  assert.deepEqual(await obs1005(clientOnly), []);
});

test('OBS1005: the same client is reported when a program of the repository serves with otelhttp.NewHandler', async () => {
  const findings = await obs1005({
    ...clientOnly,
    'cmd/api/main.go':
      'package main\n\nimport (\n\t"net/http"\n\n\t"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"\n)\n\n' +
      'func main() {\n\t_ = http.ListenAndServe(":8080", otelhttp.NewHandler(http.NotFoundHandler(), "api"))\n}\n',
  });
  assert.deepEqual(findings, ['cmd/crawler/main.go:10']);
});

test('package imports: the programs reaching a package and what a program reaches', () => {
  const graph: Record<string, PackageNode> = {
    'cmd/a': { module: '', imports: ['internal/x'] },
    'cmd/b': { module: '', imports: ['internal/y'] },
    'internal/x': { module: '', imports: ['internal/z'] },
    'internal/y': { module: '', imports: [] },
    'internal/z': { module: '', imports: [] },
    unused: { module: '', imports: ['internal/z'] },
  };
  assert.deepEqual(programsReaching(graph, ['cmd/a', 'cmd/b'], 'internal/z'), ['cmd/a']);
  assert.deepEqual(programsReaching(graph, ['cmd/a', 'cmd/b'], 'unused'), []);
  assert.deepEqual([...packagesReached(graph, 'cmd/a')].sort(), ['cmd/a', 'internal/x', 'internal/z']);
});
