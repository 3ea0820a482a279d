import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { getGoParser, parseGo } from '../src/go/parser.js';

const SOURCE = `package svc

import "net/http"

type S struct{ c *http.Client }

func (s *S) Get(url string) (int, error) {
	resp, err := s.c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	for i := 0; i < 3; i++ {
		go func() { _ = i }()
	}
	return resp.StatusCode, nil
}
`;

/** Every node of the tree with its cursor-reported type, span and depth (the cursor does not go through the memo). */
function walk(root: Node): { node: Node; type: string; start: number; end: number; named: boolean }[] {
  const out: { node: Node; type: string; start: number; end: number; named: boolean }[] = [];
  const c = root.walk();
  for (;;) {
    out.push({ node: c.currentNode, type: c.nodeType, start: c.startIndex, end: c.endIndex, named: c.nodeIsNamed });
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return out;
  }
}

test('node memo: answers equal the tree cursor\'s, repeated questions return the same node, arrays are copies', async () => {
  const tree = parseGo(await getGoParser(), SOURCE);
  const nodes = walk(tree.rootNode);
  assert.ok(nodes.length > 80);
  for (const { node, type, start, end } of nodes) {
    assert.equal(node.type, type);
    assert.equal(node.endIndex, end);
    assert.equal(node.text, SOURCE.slice(start, end));
    for (let i = 0; i < node.childCount; i++) {
      const ch = node.child(i)!;
      assert.equal(ch, node.child(i), 'the same wrapper the second time');
      assert.equal(ch.parent?.id, node.id, 'a child\'s parent is the node');
    }
    for (let i = 0; i < node.namedChildCount; i++) assert.equal(node.namedChild(i), node.namedChild(i));
  }
  // descendantsOfType against the cursor's own list, and a wider request answering a narrower one
  const root = tree.rootNode;
  const ids = (xs: (Node | null)[]) => xs.map((n) => n!.startIndex);
  const byCursor = (t: string[]) => nodes.filter((n) => t.includes(n.type)).map((n) => n.start);
  assert.deepEqual(ids(root.descendantsOfType(['identifier', 'field_identifier'])), byCursor(['identifier', 'field_identifier']));
  assert.deepEqual(ids(root.descendantsOfType('identifier')), byCursor(['identifier']));
  const list = root.descendantsOfType('call_expression');
  list.length = 0;
  assert.equal(root.descendantsOfType('call_expression').length, byCursor(['call_expression']).length, 'a caller changing its copy changes nothing');
  const fn = root.descendantsOfType('method_declaration')[0]!;
  assert.equal(fn.childForFieldName('name')?.text, 'Get');
  assert.equal(fn.childForFieldName('name'), fn.childForFieldName('name'));
  assert.deepEqual(fn.childrenForFieldName('name').map((n) => n?.text), ['Get']);
});
