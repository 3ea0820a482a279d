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

test('disputed peer labels: only the stated cases, each with a reason', async () => {
  const { disputedLabel, DISPUTED_LABELS } = await import('../scripts/accuracy/disputed.js');
  for (const d of DISPUTED_LABELS) assert.ok(d.reason.length > 40, `${d.peer}: a reason a reviewer can check`);
  const prefer = 'package main\nimport "crypto/tls"\nfunc main() { _ = &tls.Config{PreferServerCipherSuites: false} }\n';
  assert.equal(disputedLabel('gosec:G402', [prefer])?.peer, 'gosec:G402');
  // the same field beside a setting goready judges is not disputed
  assert.equal(disputedLabel('gosec:G402', [prefer.replace('false}', 'false, InsecureSkipVerify: true}')]), undefined);
  assert.equal(disputedLabel('gosec:G101', [prefer]), undefined);
  const bounded = 'func h(w http.ResponseWriter, r *http.Request) {\n\tr.Body = http.MaxBytesReader(w, r.Body, 1<<20)\n\t_ = r.ParseMultipartForm(32 << 20)\n}\n';
  assert.ok(disputedLabel('gosec:G120', [bounded]));
  assert.equal(disputedLabel('gosec:G120', [bounded.replace(/\tr\.Body = .*\n/, '')]), undefined);
});

test('the harness sees every place goready reports: related places, and code nothing calls (peer samples are fragments)', async () => {
  const { auditWith } = await import('../scripts/accuracy/run-goready.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-acc-run-'));
  try {
    fs.mkdirSync(path.join(dir, 'a'));
    // a lost cancel in a function nothing calls: go vet reports the assignment and the closing brace reached without it
    fs.writeFileSync(path.join(dir, 'a', 'a.go'), [
      'package main', '', 'import "context"', '', 'var maybe bool', '',
      'func leaky() {', '\t_, cancel := context.WithCancel(context.Background())', '\tif maybe {', '\t\tcancel()', '\t}', '}', '',
      'func main() {}', '',
    ].join('\n'));
    const lines = auditWith(dir, ['CON1005']).filter((f) => f.ruleId === 'CON1005').map((f) => `${f.file}:${f.line}`).sort();
    assert.deepEqual(lines, ['a/a.go:12', 'a/a.go:8']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
