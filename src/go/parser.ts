/** Loads the tree-sitter Go grammar (WASM) once per thread and parses Go source. */
import { createRequire } from 'node:module';
import { Parser, Language, Node } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

export function goGrammarPath(): string {
  return require.resolve('tree-sitter-go/tree-sitter-go.wasm');
}

/**
 * `node.parent` in web-tree-sitter costs O(depth): the C library finds a parent by descending from
 * the root. Rules walk ancestor chains (enclosing function, loop…), so on a deeply nested file every
 * such walk was O(depth²) and a pass over the file O(depth³). The getter is memoised per tree and
 * node id (a node's id is unique within its tree, and a parsed tree never changes), so each parent
 * is computed once. Installed once per thread, before any tree exists.
 */
function memoiseParent(): void {
  const proto = Node.prototype as unknown as Record<string, unknown>;
  if (proto.__goreadyParentMemo) return;
  const original = Object.getOwnPropertyDescriptor(Node.prototype, 'parent')?.get;
  if (!original) return;
  const memo = new WeakMap<Tree, Map<number, Node | null>>();
  Object.defineProperty(Node.prototype, 'parent', {
    configurable: true,
    get(this: Node): Node | null {
      let m = memo.get(this.tree);
      if (!m) memo.set(this.tree, (m = new Map()));
      let p = m.get(this.id);
      if (p === undefined) {
        p = original.call(this) as Node | null;
        m.set(this.id, p);
      }
      return p;
    },
  });
  proto.__goreadyParentMemo = true;
}

export function getGoParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    memoiseParent();
    await Parser.init();
    const go = await Language.load(goGrammarPath());
    const parser = new Parser();
    parser.setLanguage(go);
    return parser;
  })();
  return parserPromise;
}

/** Parses source; the caller must call tree.delete() when done (WASM memory is not garbage collected). */
export function parseGo(parser: Parser, source: string): Tree {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

export type { Node as GoNode, Tree as GoTree } from 'web-tree-sitter';
