/**
 * Benchmark: cost of the bounded YAML and Makefile readers at three input sizes each.
 *  - full audits of a repository whose one manifest holds N Kubernetes Deployments
 *    (2,500 / 5,000 / 10,000 documents; each gets findings, so snippets are taken N times);
 *  - `parseYaml` on alias bombs of 6 / 9 / 12 levels of 10 aliases (10^12 nodes if expanded);
 *  - `MakeProject.expand` on `A=$(B)$(B)`-style Makefiles of 8 / 16 / 24 levels.
 * Prints wall time per case and the growth factor between sizes (2 for linear cost when the
 * size doubles).
 *
 *   npm run bench:bounds
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './gen-registry.js';
import { parseYaml } from '../src/facts/yaml-doc.js';
import { MakeProject, parseMakefile } from '../src/facts/makefile.js';

function deployments(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app${i}}\nspec: {template: {spec: {containers: [{name: a, image: 'x:1'}]}}}\n`);
  }
  return docs.join('---\n');
}

function auditMs(dir: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', dir, '--format', 'json', '--no-progress'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`audit failed (${r.status}): ${r.stderr}`);
  return performance.now() - t0;
}

function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nroot: *a${levels}\n`;
}

function makeBomb(levels: number): string {
  const name = (i: number) => `V${i}`;
  const lines = Array.from({ length: levels }, (_, i) => `${name(i)} = $(${name(i + 1)})$(${name(i + 1)})`);
  lines.push(`${name(levels)} = -X main.version=1`, 'build:', '\tgo build -ldflags "$(V0)" ./cmd/app');
  return lines.join('\n');
}

function row(label: string, sizes: number[], ms: number[]): void {
  const growth = ms.slice(1).map((m, i) => (m / ms[i]!).toFixed(2));
  console.log(`${label.padEnd(34)} ${sizes.map((s, i) => `${s}: ${ms[i]!.toFixed(0)} ms`).join('   ')}   growth ${growth.join(', ')}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bench-bounds-'));
try {
  const sizes = [2500, 5000, 10000];
  const ms: number[] = [];
  for (const n of sizes) {
    const dir = path.join(tmp, `k8s-${n}`);
    fs.mkdirSync(path.join(dir, 'deploy'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bench\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
    fs.writeFileSync(path.join(dir, 'deploy', 'all.yaml'), deployments(n));
    ms.push(auditMs(dir));
  }
  row('audit, N Kubernetes documents', sizes, ms);

  const levels = [6, 9, 12];
  row('parseYaml, alias bomb of L levels', levels, levels.map((l) => {
    const text = aliasBomb(l);
    const t0 = performance.now();
    const y = parseYaml('bomb.yaml', text);
    if (!y.problems.length) throw new Error('alias bomb not detected');
    return performance.now() - t0;
  }));

  const mk = [8, 16, 24];
  row('make expansion bomb of L levels', mk, mk.map((l) => {
    const t0 = performance.now();
    const diags: { code: string }[] = [];
    const p = new MakeProject('', [parseMakefile('Makefile', makeBomb(l))], diags as never);
    p.expand('$(V0)', 'union');
    p.expand('$(V0)', 'strict');
    return performance.now() - t0;
  }));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
