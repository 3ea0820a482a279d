import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiteralScanner, PrefilterIndex } from '../src/engine/prefilter-index.js';
import { prefilterOf } from '../src/engine/analyze-file.js';
import { allRules, fileRulesOf } from '../src/rules/registry.js';
import { defineRule } from '../src/rules/define-rule.js';

test('LiteralScanner: finds exactly the literals a text contains, overlapping, nested and repeated ones too', () => {
  const literals = ['Serve', '.Serve(', 'ListenAndServe', 'Listen', 'a', 'aa', 'aaa', 'net/http', '"net"', 'xyz', ''];
  const scanner = new LiteralScanner(literals);
  const texts = [
    '', 'srv.ListenAndServe()', 's.Serve(l)', 'aa', 'xaaay', 'import "net"', 'import "net/http"', 'xy', 'xyz',
    'é Serve ü', 'Ser\u00e9ve', 'ListenListen', 'Lis\nten', '\u4e16.Serve(\u754c',
  ];
  for (const t of texts) {
    const found = scanner.scan(t);
    assert.deepEqual([...found].map(Boolean), literals.map((l) => t.includes(l)), t);
  }
});

test('LiteralScanner: only ASCII literals are accepted', () => {
  assert.equal(LiteralScanner.accepts(['a', 'net/http']), true);
  assert.equal(LiteralScanner.accepts(['a', 'é']), false);
});

test('PrefilterIndex: the same rules pass as with each rule\'s own prefilter, in the same order', () => {
  const rules = fileRulesOf(allRules());
  const index = PrefilterIndex.of(rules, [['Handle(', 'Listen']])!;
  assert.ok(index);
  const sources = [
    'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
    'package p\n\nfunc f() error {\n\tfor {\n\t\tif err := g(); err != nil {\n\t\t\tcontinue\n\t\t}\n\t}\n}\n',
    'package p\n\nimport "database/sql"\n\nfunc q(db *sql.DB, id string) { db.Query("SELECT * FROM t WHERE id = " + id) }\n',
    'package p\n\nconst password = "hunter2hunter2"\n',
    'package p\n',
  ];
  for (const source of sources) {
    for (const isTest of [false, true]) {
      const eligible = (r: (typeof rules)[number]) => !!r.includeTests || !isTest;
      const m = index.match(source, eligible);
      assert.deepEqual(m.rules.map((r) => r.meta.id), rules.filter((r) => eligible(r) && prefilterOf(r)(source)).map((r) => r.meta.id));
      assert.deepEqual(m.extra, [source.includes('Handle(') || source.includes('Listen')]);
    }
  }
});

test('PrefilterIndex: prefilter, prefilterAll (strings and lists) and prefilterRegex combine as in prefilterOf', () => {
  const make = (over: Partial<Parameters<typeof defineRule>[0]>) => defineRule({
    meta: { id: 'X0000' } as never, create: () => ({}), ...over,
  });
  const rules = [
    make({ prefilter: ['alpha', 'beta'] }),
    make({ prefilterAll: ['gamma', ['delta', 'epsilon']] }),
    make({ prefilter: ['alpha'], prefilterRegex: /alpha\s+omega/ }),
    make({ prefilter: [] }),
    make({}),
  ];
  const index = PrefilterIndex.of(rules)!;
  for (const source of ['alpha', 'beta gamma', 'gamma epsilon', 'gamma', 'alpha  omega', 'delta', '']) {
    assert.deepEqual(index.match(source, () => true).rules, rules.filter((r) => prefilterOf(r)(source)), source);
  }
  assert.equal(PrefilterIndex.of([make({ prefilter: ['é'] })]), undefined);
});
