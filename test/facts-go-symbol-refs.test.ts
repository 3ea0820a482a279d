import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { goSymbolFacts, resolveSymbolRefs, tokenizeGo } from '../src/facts/go-symbol-refs.js';
import { parseGoSum } from '../src/facts/go-sum.js';

const syms = (src: string, pkg: string, rel = 'a.go') =>
  (resolveSymbolRefs([{ rel, facts: goSymbolFacts(src) }]).get(pkg) ?? []).map((r) => `${r.symbol}@${r.line}:${r.column}`);

describe('go symbol references', () => {
  test('tokenizer: comments, strings, raw strings and runes never produce references', () => {
    const src = 'package p\n\nimport "example.com/ws"\n\n// ws.Dial in a comment\n/* ws.Dial\n in a block */\nvar s = "ws.Dial"\nvar r = `ws.Dial\nws.Dial`\nvar c = \'w\'\n';
    assert.deepEqual(syms(src, 'example.com/ws'), []);
    const toks = tokenizeGo('a := b\nc()\n');
    assert.deepEqual(toks.map((t) => t.v), ['a', ':=', 'b', '\n', 'c', '(', ')', '\n']);
  });

  test('imports: default names, aliases, blank and dot imports, single and grouped', () => {
    const f = goSymbolFacts('package p\nimport "fmt"\nimport (\n\tws "example.com/websocket"\n\t_ "example.com/side"\n\t. "example.com/dot"\n\t"example.com/foo/v2"\n\t"gopkg.in/yaml.v3"\n)\n');
    assert.deepEqual(f.imports.map((i) => `${i.local}=${i.path}@${i.line}`), [
      'fmt=fmt@2', 'ws=example.com/websocket@4', '_=example.com/side@5', '.=example.com/dot@6', 'foo=example.com/foo/v2@7', 'yaml=gopkg.in/yaml.v3@8',
    ]);
  });

  test('qualified references through the local name, exported names only, not field chains', () => {
    const src = [
      'package p',
      'import w "example.com/websocket"',
      'func f(x T) {',
      '\tc, _ := w.Dial("u")', // 4
      '\t_ = w.unexported',
      '\t_ = x.w.Dial', // field chain: not the package
      '\th := w.NewClient', // function value
      '\t_ = c; _ = h',
      '}',
    ].join('\n');
    assert.deepEqual(syms(src, 'example.com/websocket'), ['Dial@4:10', 'NewClient@7:7']);
  });

  test('methods: declared types, params, struct fields, constructors, composite literals, chains', () => {
    const src = [
      'package p',
      'import ws "example.com/websocket"',
      'type S struct {',
      '\tconn *ws.Conn', // 4: field binding
      '}',
      'func (s *S) run(u ws.Upgrader) {', // 6: param binding
      '\ts.conn.ReadMessage()', // 7: field → Conn.ReadMessage
      '\tu.Upgrade(nil, nil, nil)', // 8: param → Upgrader.Upgrade
      '\tc := ws.NewConn(nil)', // 9: constructor NewConn → Conn
      '\tc.WriteMessage(1, nil)', // 10
      '\td := &ws.Dialer{}', // 11
      '\td.Dial("u")', // 12
      '\tws.NewUpgrader().Upgrade(nil)', // 13: chained constructor
      '\tws.Dialer{}.DialContext(nil)', // 14: chained literal
      '\tvar v ws.Conn', // 15
      '\tv.Close()', // 16
      '}',
    ].join('\n');
    const got = syms(src, 'example.com/websocket').filter((s) => s.includes('.'));
    assert.deepEqual(got.sort(), [
      'Conn.Close@16:4', 'Conn.ReadMessage@7:9', 'Conn.WriteMessage@10:4', 'Dialer.Dial@12:4', 'Dialer.DialContext@14:14', 'Upgrader.Upgrade@13:19', 'Upgrader.Upgrade@8:4',
    ]);
  });

  test('bindings of sibling files resolve method calls; unknown receivers do not', () => {
    const a = goSymbolFacts('package p\nimport "example.com/websocket"\ntype S struct{ conn *websocket.Conn }\n');
    const b = goSymbolFacts('package p\nfunc (s *S) f(other T) {\n\ts.conn.Close()\n\tother.Close()\n}\n');
    const refs = resolveSymbolRefs([{ rel: 'a.go', facts: a }, { rel: 'b.go', facts: b }]).get('example.com/websocket') ?? [];
    assert.deepEqual(refs.filter((r) => r.via === 'method').map((r) => `${r.file}:${r.symbol}@${r.line}`), ['b.go:Conn.Close@3']);
  });

  test('New alone and non-constructor calls bind nothing', () => {
    const src = 'package p\nimport "example.com/lib"\nfunc f() {\n\tx := lib.New()\n\ty := lib.Open()\n\tx.Close()\n\ty.Close()\n}\n';
    assert.deepEqual(syms(src, 'example.com/lib'), ['New@4:7', 'Open@5:7']);
  });

  test('odd input never throws', () => {
    for (const src of ['', 'package', 'import (', 'import ( "x"', 'package p\nimport "x"\nfunc f() { x.', '"unterminated', '`raw', '/* open', 'x.)(.(']) {
      goSymbolFacts(src);
    }
  });
});

describe('go.sum', () => {
  test('zip and /go.mod lines, malformed lines collected', () => {
    const s = parseGoSum('example.com/a v1.0.0 h1:abc=\nexample.com/a v1.0.0/go.mod h1:def=\n\nbroken line\nexample.com/b v0.1.0 not-a-hash!\n');
    assert.deepEqual([...s.zips], ['example.com/a@v1.0.0']);
    assert.deepEqual([...s.mods], ['example.com/a@v1.0.0']);
    assert.equal(s.lines.length, 2);
    assert.deepEqual(s.errors.map((e) => e.line), [4, 5]);
  });
});
