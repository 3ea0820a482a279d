/**
 * Per-tree memoisation of facts derived from a node (indexes of a function's declarations,
 * assignments, identifiers…). A parsed tree never changes and node ids are unique within it, so
 * `(tree, key, node id)` names a fact for the tree's lifetime; the tables go with the tree object.
 * Without it, rules that resolve each identifier by rescanning its function were O(n²) on long
 * functions (a 2,000-step `s = s + …` chain).
 */
import type { Node, Tree } from 'web-tree-sitter';

const tables = new WeakMap<Tree, Map<string, unknown>>();

export function memoOnNode<T>(node: Node, key: string, compute: () => T): T {
  let t = tables.get(node.tree);
  if (!t) tables.set(node.tree, (t = new Map()));
  const k = `${key}:${node.id}`;
  if (t.has(k)) return t.get(k) as T;
  const v = compute();
  t.set(k, v);
  return v;
}
