/** Loads the tree-sitter Go grammar (WASM) once per thread and parses Go source. */
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';
import { memoiseNodes } from './node-memo.js';
import type { Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

export function goGrammarPath(): string {
  return require.resolve('tree-sitter-go/tree-sitter-go.wasm');
}

export function getGoParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    memoiseNodes();
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
