import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap } from 'yaml';
import {
  YAML_LIMITS, asSeq, bool, child, deref, endLineOf, entries, get, getIn, isEmptyNode, items, lineOf, parseYaml, parseYamlDocument,
  scalar, scalarMap, scriptLines, str, strings,
} from '../src/facts/yaml-doc.js';

/** `levels` levels of `width` aliases each: expands to width^levels leaves. */
function aliasBomb(levels: number, width: number): string {
  const lines = [`a0: &a0 [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nroot: *a${levels}\n`;
}

test('yaml-doc: anchors, aliases and merge keys (own keys win, then sources in order)', () => {
  const { d, problem } = parseYamlDocument('x.yaml', [
    'base: &base {image: app:1, port: 80, env: &env [A=1, B=2]}', // 1
    'extra: &extra {port: 81, user: nobody}', // 2
    'svc:', // 3
    '  <<: [*base, *extra]', // 4
    '  port: 8080', // 5
    '  env: *env', // 6
    'quoted: {"<<": *base}', // 7
  ].join('\n'));
  assert.equal(problem, undefined);
  const root = d!.doc.contents;
  const svc = child(d!, root, 'svc');
  assert.deepEqual(entries(d!, svc).map((e) => [e.key, str(d!, e.value) ?? strings(d!, e.value).join(','), e.line]), [
    ['port', '8080', 5],
    ['env', 'A=1,B=2', 6],
    ['image', 'app:1', 1],
    ['user', 'nobody', 2],
  ]);
  const env = get(d!, svc, 'env')!;
  assert.equal(lineOf(d!, env.written), 6, 'the alias is where the value is used');
  assert.equal(lineOf(d!, env.value), 1, 'the value is the anchored node');
  assert.equal(scalar(d!, getIn(d!, root, ['base', 'port'])?.value), 80);
  assert.deepEqual(scalarMap(d!, child(d!, svc, 'env')), { A: '1', B: '2' });
  assert.equal(items(d!, child(d!, svc, 'env')).length, 2);
  assert.equal(deref(d!, undefined), undefined);
  const b = parseYamlDocument('b.yaml', 'x: "TRUE"\ny: yes\n').d!;
  assert.deepEqual([bool(b, child(b, b.doc.contents, 'x')), bool(b, child(b, b.doc.contents, 'y'))], [true, undefined]);
  assert.equal(isEmptyNode(d!, child(d!, root, 'nothing')), true);
  assert.equal(endLineOf(d!, svc), 6);
  assert.equal(asSeq(d!, svc), undefined);
});

test('yaml-doc: a self-merge is a problem, a repeated merge source counts once; script lines keep file lines', () => {
  assert.match(parseYamlDocument('x.yaml', 'a: &a\n  k: 1\n  <<: *a\n').problem?.message ?? '', /recursive alias/);
  const twice = parseYamlDocument('t.yaml', 'b: &b {k: 1}\nc: {<<: [*b, *b], j: 2}\n').d!;
  assert.deepEqual(entries(twice, child(twice, twice.doc.contents, 'c')).map((e) => e.key), ['j', 'k']);
  const { d } = parseYamlDocument('x.yaml', 'run: |\n  echo 1\n  go test ./...\nfold: >\n  go vet\n  ./...\n');
  assert.ok(d);
  assert.deepEqual(scriptLines(d, child(d, d.doc.contents, 'run')), [{ text: '  echo 1', line: 2 }, { text: '  go test ./...', line: 3 }, { text: '', line: 4 }]);
  assert.deepEqual(scriptLines(d, child(d, d.doc.contents, 'fold')), [{ text: 'go vet ./...', line: 5 }]);
});

test('yaml-doc: an alias bomb is a problem for its document, the other documents are read', () => {
  const y = parseYaml('bomb.yaml', `kind: A\n---\n${aliasBomb(9, 10)}---\nkind: C\n`);
  assert.deepEqual(y.docs.map((d) => str(d, child(d, d.doc.contents, 'kind'))), ['A', 'C']);
  assert.equal(y.problems.length, 1);
  assert.match(y.problems[0]!.message, /document at line 3 skipped: aliases expand it to more than \d+ nodes \(alias bomb\)/);
  assert.equal(y.problems[0]!.line, 3);
  // a small fan-out is fine: 3 levels of 3 aliases
  const ok = parseYaml('ok.yaml', aliasBomb(3, 3));
  assert.deepEqual(ok.problems, []);
  assert.equal(strings(ok.docs[0]!, child(ok.docs[0]!, ok.docs[0]!.doc.contents, 'root')).length, 81, 'nested sequences flattened: 3^4 leaves');
});

test('yaml-doc: recursive aliases, deep nesting, many documents and size are bounded', () => {
  const rec = parseYaml('rec.yaml', 'a: &a [1, *a]\n');
  assert.match(rec.problems[0]?.message ?? '', /recursive alias/);
  const deep = parseYaml('deep.yaml', `${'['.repeat(YAML_LIMITS.maxDepth + 5)}${']'.repeat(YAML_LIMITS.maxDepth + 5)}\n`);
  assert.equal(deep.docs.length, 0);
  assert.match(deep.problems[0]?.message ?? '', /nested deeper than|not readable/);
  const big = parseYaml('big.yaml', 'x'.repeat(YAML_LIMITS.maxBytes + 1));
  assert.deepEqual([big.docs.length, big.problems[0]?.code], [0, 'LIMIT']);
  const saved = YAML_LIMITS.maxDocuments;
  YAML_LIMITS.maxDocuments = 3;
  try {
    const many = parseYaml('many.yaml', Array.from({ length: 5 }, (_, i) => `n: ${i}`).join('\n---\n'));
    assert.equal(many.docs.length, 3);
    assert.match(many.problems[0]!.message, /first 3 of 5 YAML documents/);
  } finally {
    YAML_LIMITS.maxDocuments = saved;
  }
  const multi = parseYamlDocument('one.yaml', 'a: 1\n---\nb: 2\n');
  assert.deepEqual([multi.d, multi.problem?.code], [undefined, 'MULTIPLE_DOCS']);
  const broken = parseYamlDocument('broken.yaml', 'a: [1\n');
  assert.ok(broken.problem?.message);
  assert.equal(broken.d, undefined);
  assert.ok(isMap(parseYamlDocument('m.yaml', 'a: 1').d?.doc.contents));
});

test('yaml-doc: many aliases in one document stay linear (alias table built once)', () => {
  const n = 4000;
  const text = `base: &b {k: v}\nlist:\n${Array.from({ length: n }, () => '  - *b').join('\n')}\n`;
  const y = parseYaml('many-aliases.yaml', text);
  const d = y.docs[0]!;
  const list = items(d, child(d, d.doc.contents, 'list'));
  assert.equal(list.length, n);
  assert.ok(list.every((m) => str(d, child(d, m, 'k')) === 'v'));
  assert.equal(d.aliases.size, n);
});

test('yaml-doc: a text of thousands of stray syntax errors is refused early; a file over its time budget is not read', () => {
  const stray = parseYaml('x.yaml', `builds:\na: ${'] '.repeat(64_000)}\n${'b: x\n'.repeat(1000)}`);
  assert.equal(stray.docs.length, 0);
  assert.match(stray.problems[0]!.message, /more than 1000 syntax errors/);
  // a few errors are still read as before: the document, with its first error
  const few = parseYaml('y.yaml', 'a: ] ]\nb: x\n');
  assert.equal(few.problems.length, 0);
  assert.ok(few.error);
  // a budget already spent (0 ms) stops a file of many documents: a BUDGET problem, no documents
  const many = parseYaml('m.yaml', 'a: 1\n---\n'.repeat(2000), { budgetMs: 0 });
  assert.equal(many.docs.length, 0);
  assert.equal(many.problems[0]!.code, 'BUDGET');
  assert.match(many.problems[0]!.message, /per-file budget of 0 s/);
  assert.equal(parseYaml('m.yaml', 'a: 1\n---\n'.repeat(2000)).docs.length, 2001);
});
