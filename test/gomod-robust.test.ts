/**
 * The go.mod tokenizer makes progress on any input: a BOM, form feed, no-break space, CR, NUL,
 * truncation and random mutations of real go.mod files all parse in bounded time and memory,
 * with diagnostics instead of a loop. Parsing runs in a worker with a small heap and a deadline,
 * so a regression fails the test instead of hanging or exhausting the machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import { parseGoMod } from '../src/go/gomod.js';
import { fixture, projectRoot } from './helpers/paths.js';
import { rng } from '../scripts/prng.js';

const REAL = ['sample/go.mod', 'sample/tools/go.mod', 'showcase/go.mod', 'supply-real/with-symbols/go.mod', 'injection/go.mod']
  .map((p) => fs.readFileSync(fixture(p), 'utf8'));


const ODD_INSERTS = ['\uFEFF', '\f', '\u00A0', '\r', '\0', '\u2028', '\u200B', '\v', '\x1b', '\uE000', '"', '`', '(', ')', '=>', '//'];

function mutate(text: string, seed: number): string {
  const r = rng(seed);
  let s = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (s.length + 1));
    switch (Math.floor(r() * 5)) {
      case 0: s = s.slice(0, at) + ODD_INSERTS[Math.floor(r() * ODD_INSERTS.length)] + s.slice(at); break;
      case 1: s = s.slice(0, at); break; // truncation
      case 2: s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at + 1); break; // char flip
      case 3: { const line = s.slice(at).split('\n')[0] ?? ''; s = s.slice(0, at) + `${line}\n${line}` + s.slice(at + line.length); break; } // duplicate
      default: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 8)); // deletion
    }
  }
  return s;
}

const CASES: { name: string; text: string }[] = [
  { name: 'BOM at start', text: `\uFEFF${REAL[0]}` },
  { name: 'BOM inside', text: REAL[0]!.replace('\n', '\n\uFEFF') },
  { name: 'form feed', text: REAL[2]!.replace('go ', 'go\f') },
  { name: 'no-break space', text: REAL[2]!.replace(/ /g, '\u00A0') },
  { name: 'CR line ends', text: REAL[1]!.replace(/\n/g, '\r\n') },
  { name: 'lone CRs', text: REAL[1]!.replace(/\n/g, '\r') },
  { name: 'NUL bytes', text: REAL[3]!.replace(/ /g, '\0') },
  { name: 'truncated in a block', text: REAL[3]!.slice(0, REAL[3]!.indexOf('(') + 12) },
  { name: 'truncated in a string', text: 'module "example.com/m\ngo 1.2' },
  { name: 'only odd bytes', text: '\f\u00A0\uFEFF\0\v\u2028\u2029\x7f' },
  { name: 'empty', text: '' },
  ...Array.from({ length: 24 }, (_, i) => ({ name: `mutation #${i}`, text: mutate(REAL[i % REAL.length]!, 1000 + i) })),
];

test('go.mod: BOM, odd bytes, truncation and mutations parse in bounded time and memory', async () => {
  const src = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.mod).then(({ parseGoMod }) => {
      const out = workerData.cases.map((c) => { const m = parseGoMod(c.text); return { name: c.name, errors: m.errors.length, requires: m.require.length }; });
      parentPort.postMessage(out);
    });`;
  const modUrl = new URL(`file://${path.join(projectRoot, 'dist', 'src', 'go', 'gomod.js')}`).href;
  const w = new Worker(src, { eval: true, workerData: { cases: CASES, mod: modUrl }, resourceLimits: { maxOldGenerationSizeMb: 128 } });
  const result = await new Promise<{ name: string; errors: number }[]>((resolve, reject) => {
    const timer = setTimeout(() => { void w.terminate(); reject(new Error('go.mod parsing did not finish within 20 s (a tokenizer loop?)')); }, 20_000);
    w.once('message', (m) => { clearTimeout(timer); resolve(m as { name: string; errors: number }[]); });
    w.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
  await w.terminate();
  assert.equal(result.length, CASES.length);
});

test('go.mod: a leading BOM is stripped (accepted like Go), other odd characters are diagnostics', () => {
  const plain = parseGoMod(REAL[0]!);
  const bom = parseGoMod(`\uFEFF${REAL[0]}`);
  assert.equal(bom.module, plain.module);
  assert.deepEqual(bom.require, plain.require);
  assert.deepEqual(bom.errors, plain.errors);

  const ff = parseGoMod('module example.com/m\n\ngo\f1.22\nrequire\u00A0example.com/a v1.0.0\n');
  assert.equal(ff.module, 'example.com/m');
  assert.equal(ff.go, '1.22', 'the form feed separates tokens');
  assert.ok(ff.errors.some((e) => e.line === 3 && /U\+000C/.test(e.message)), JSON.stringify(ff.errors));
  assert.ok(ff.errors.some((e) => e.line === 4 && /U\+00A0/.test(e.message)), JSON.stringify(ff.errors));
  assert.deepEqual(ff.require.map((r) => r.path), ['example.com/a']);

  const mid = parseGoMod('module example.com/m\n\uFEFFgo 1.22\n');
  assert.ok(mid.errors.some((e) => e.line === 2 && /U\+FEFF/.test(e.message)), 'a BOM past the start is not silently accepted');
  const nul = parseGoMod('module example.com/m\0x\n');
  assert.ok(nul.errors.some((e) => /U\+0000/.test(e.message)));
});

test('go.mod mutations: a whole audit completes with a diagnostic, not an internal error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-gomod-'));
  try {
    const bad = ['\uFEFF', '\f', '\u00A0', '\0'];
    bad.forEach((ch, i) => {
      const d = path.join(dir, `m${i}`);
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'go.mod'), `${ch}module example.com/m${i}\n\ngo${ch === '\uFEFF' ? ' ' : ch}1.22\n`);
      fs.writeFileSync(path.join(d, 'main.go'), 'package main\n\nfunc main() {}\n');
    });
    const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), 'audit', dir, '--format', 'json', '--no-config'], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { modules: { dir: string; path?: string; go?: string }[]; diagnostics: { code: string; file?: string; message: string }[] };
    assert.deepEqual(report.modules.map((m) => [m.dir, m.path, m.go]), [0, 1, 2, 3].map((i) => [`m${i}`, `example.com/m${i}`, '1.22']));
    const gomodDiags = report.diagnostics.filter((d) => d.code === 'gomod-parse');
    for (const m of ['m1', 'm2', 'm3']) assert.ok(gomodDiags.some((d) => d.file?.includes(`${m}/go.mod`) || d.file?.includes(`${m}\\go.mod`)), `${m}: ${JSON.stringify(gomodDiags)}`);
    assert.ok(!gomodDiags.some((d) => d.file?.includes('m0')), 'a leading BOM is no error');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
