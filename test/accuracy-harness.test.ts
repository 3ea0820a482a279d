import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGosecSamples, readVetTestdata } from '../scripts/accuracy/peer-samples.js';
import { ratios, tallyCounts, tallyLines } from '../scripts/accuracy/score.js';

const BT = '`';

/** A peer-suite layout written here (not copied): gosec-style samples and vet-style testdata. */
function fakeCheckouts(): { gosec: string; tools: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-acc-'));
  const gosec = path.join(root, 'gosec');
  fs.mkdirSync(path.join(gosec, 'testutils'), { recursive: true });
  fs.writeFileSync(path.join(gosec, 'testutils', 'g999_samples.go'), [
    'package testutils',
    'import "example.com/gosec"',
    'var (',
    '\tSampleCodeG999 = []CodeSample{',
    `\t\t{[]string{${BT}package main // one${BT}}, 1, gosec.NewConfig()},`,
    `\t\t{[]string{${BT}package main // two a${BT}, "package main // two b\\n"}, 0, gosec.NewConfig()},`,
    `\t\t{Code: []string{${BT}package main // keyed${BT}}, Errors: 2, Config: gosec.NewConfig()},`,
    `\t\t{[]string{${BT}package main // custom${BT}}, 3, gosec.Config{"G999": "x"}},`,
    '\t}',
    `\tSampleCodeG999Audit = []CodeSample{{[]string{${BT}package main // audit${BT}}, 1, gosec.NewConfig()}}`,
    `\tSampleCodeG9990 = []CodeSample{{[]string{${BT}package main // other rule${BT}}, 1, gosec.NewConfig()}}`,
    ')',
  ].join('\n'));
  const tools = path.join(root, 'tools');
  const pkg = path.join(tools, 'go', 'analysis', 'passes', 'fakepass', 'testdata', 'src', 'a');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'a.go'), ['package a', '', 'func f() { // want "x"', '} // want `y` "z"', ''].join('\n'));
  return { gosec, tools };
}

test('gosec samples: positional and keyed forms, several files, variants of the same id only, custom config marked', async () => {
  const { gosec } = fakeCheckouts();
  const s = await readGosecSamples(gosec, 'G999');
  assert.deepEqual(s.map((x) => [x.name, x.files.length, x.expected, x.customConfig]), [
    ['SampleCodeG999#1', 1, 1, false],
    ['SampleCodeG999#2', 2, 0, false],
    ['SampleCodeG999#3', 1, 2, false],
    ['SampleCodeG999#4', 1, 3, true],
    ['SampleCodeG999Audit#1', 1, 1, false],
  ]);
  assert.equal(s[1]?.files[1], 'package main // two b\n');
  assert.deepEqual(await readGosecSamples(gosec, 'G998'), []);
});

test('vet testdata: want lines with their pattern counts', () => {
  const { tools } = fakeCheckouts();
  const [p] = readVetTestdata(tools, 'fakepass');
  assert.equal(p?.dir, 'a');
  assert.deepEqual([...(p?.wants.get('a.go') ?? [])], [[3, 1], [4, 2]]);
});

test('tallies: counts per sample and per line', () => {
  assert.deepEqual(tallyCounts(2, 3), { tp: 2, fp: 1, fn: 0 });
  assert.deepEqual(tallyCounts(1, 0), { tp: 0, fp: 0, fn: 1 });
  const t = tallyLines(new Map([[3, 1], [4, 2]]), new Map([[4, 1], [9, 1]]));
  assert.deepEqual(t, { tp: 1, fp: 1, fn: 2 });
  assert.deepEqual(ratios(t), { precision: 0.5, recall: 1 / 3 });
  assert.deepEqual(ratios({ tp: 0, fp: 0, fn: 0 }), { precision: undefined, recall: undefined });
});
