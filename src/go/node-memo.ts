/**
 * Per-node memoisation of web-tree-sitter's node accessors. Every accessor (`type`, `parent`,
 * `childForFieldName`, `namedChild`, `descendantsOfType`…) is a call into WebAssembly that marshals
 * the node and wraps each answer in a fresh JavaScript object; the rules running on one file ask
 * the same node the same questions many times (each rule visiting `call_expression` reads the
 * call's function, its field name, their types…), and the wrappers they get back start with empty
 * caches of their own. A parsed tree never changes (goready never edits one), so each answer is
 * kept on the node that gave it: the next question returns the same wrapper, whose own answers are
 * kept in turn. Installed once per thread, before any tree exists (see parser.ts).
 *
 * What stays as it was: every accessor returns what the original returns (the same nodes, in the
 * same order); array results are copies, so a caller may change what it gets.
 *
 * `node.parent` in web-tree-sitter costs O(depth): the C library finds a parent by descending from
 * the root. Rules walk ancestor chains (enclosing function, loop…), so on a deeply nested file every
 * such walk was O(depth²) and a pass over the file O(depth³). Parents are also memoised per tree and
 * node id (a node's id is unique within its tree), so a parent is computed once per tree whichever
 * wrapper of the node asks.
 */
import { Node } from 'web-tree-sitter';
import type { Point, Tree } from 'web-tree-sitter';

interface Memo {
  type: string | undefined;
  end: number | undefined;
  text: string | undefined;
  parent: Node | null | undefined;
  fields: (Node | null | undefined)[] | undefined;
  fieldLists: Map<string, Node[]> | undefined;
  named: (Node | null | undefined)[] | undefined;
  child: (Node | null | undefined)[] | undefined;
  /** descendantsOfType results by their type list (joined), with the set of types they cover. */
  desc: Map<string, { types: Set<string>; nodes: Node[] }> | undefined;
}

type Memoised = Node & { __goreadyMemo?: Memo };

function memoOf(node: Node): Memo {
  const n = node as Memoised;
  let m = n.__goreadyMemo;
  if (!m) {
    // every slot is created up front: all nodes share one object shape
    m = { type: undefined, end: undefined, text: undefined, parent: undefined, fields: undefined, fieldLists: undefined, named: undefined, child: undefined, desc: undefined };
    n.__goreadyMemo = m;
  }
  return m;
}

type Getter<T> = (this: Node) => T;

function getterOf<T>(name: string): Getter<T> {
  const g = Object.getOwnPropertyDescriptor(Node.prototype, name)?.get;
  if (!g) throw new Error(`web-tree-sitter Node has no ${name} getter`);
  return g as Getter<T>;
}

function methodOf<A extends unknown[], R>(name: string): (this: Node, ...args: A) => R {
  const f = (Node.prototype as unknown as Record<string, unknown>)[name];
  if (typeof f !== 'function') throw new Error(`web-tree-sitter Node has no ${name} method`);
  return f as (this: Node, ...args: A) => R;
}

function defineGetter(name: string, get: (this: Node) => unknown): void {
  Object.defineProperty(Node.prototype, name, { configurable: true, get });
}

function defineMethod(name: string, value: (this: Node, ...args: never[]) => unknown): void {
  Object.defineProperty(Node.prototype, name, { configurable: true, writable: true, value });
}

/** Field ids by name, per language (web-tree-sitter searches its field list on every call). */
const fieldIds = new WeakMap<object, Map<string, number>>();
function fieldIdOf(node: Node, name: string): number {
  const lang = node.tree.language as unknown as { fields: (string | null)[] };
  let ids = fieldIds.get(lang);
  if (!ids) {
    ids = new Map();
    lang.fields.forEach((f, i) => { if (f !== null && !ids!.has(f)) ids!.set(f, i); });
    fieldIds.set(lang, ids);
  }
  return ids.get(name) ?? -1;
}

const isDefaultPoint = (p: Point | undefined) => p === undefined || (p.row === 0 && p.column === 0);

let installed = false;

export function memoiseNodes(): void {
  if (installed) return;
  installed = true;
  const type = getterOf<string>('type');
  const endIndex = getterOf<number>('endIndex');
  const text = getterOf<string>('text');
  const parent = getterOf<Node | null>('parent');
  const childForFieldId = methodOf<[number], Node | null>('childForFieldId');
  const childrenForFieldName = methodOf<[string], Node[]>('childrenForFieldName');
  const namedChild = methodOf<[number], Node | null>('namedChild');
  const child = methodOf<[number], Node | null>('child');
  const descendantsOfType = methodOf<[string | string[], Point?, Point?], Node[]>('descendantsOfType');
  const parents = new WeakMap<Tree, Map<number, Node | null>>();

  defineGetter('type', function (this: Node) {
    const m = memoOf(this);
    return (m.type ??= type.call(this));
  });
  defineGetter('endIndex', function (this: Node) {
    const m = memoOf(this);
    return (m.end ??= endIndex.call(this));
  });
  defineGetter('text', function (this: Node) {
    const m = memoOf(this);
    return (m.text ??= text.call(this));
  });
  defineGetter('parent', function (this: Node) {
    const m = memoOf(this);
    if (m.parent !== undefined) return m.parent;
    let byId = parents.get(this.tree);
    if (!byId) parents.set(this.tree, (byId = new Map()));
    let p = byId.get(this.id);
    if (p === undefined) {
      p = parent.call(this);
      byId.set(this.id, p);
    }
    return (m.parent = p);
  });
  defineMethod('childForFieldName', function (this: Node, name: string) {
    const id = fieldIdOf(this, name);
    if (id === -1) return null;
    const m = memoOf(this);
    const fields = (m.fields ??= []);
    let c = fields[id];
    if (c === undefined) fields[id] = c = childForFieldId.call(this, id);
    return c;
  });
  defineMethod('childForFieldId', function (this: Node, id: number) {
    const m = memoOf(this);
    const fields = (m.fields ??= []);
    let c = fields[id];
    if (c === undefined) fields[id] = c = childForFieldId.call(this, id);
    return c;
  });
  defineMethod('childrenForFieldName', function (this: Node, name: string) {
    const m = memoOf(this);
    const lists = (m.fieldLists ??= new Map());
    let list = lists.get(name);
    if (!list) lists.set(name, (list = childrenForFieldName.call(this, name)));
    return list.slice();
  });
  /** The i-th entry of a per-node index memo (named children, children), computed once; odd indexes are not stored. */
  const indexed = (list: (Node | null | undefined)[], i: number, compute: () => Node | null): Node | null => {
    let c = list[i];
    if (c === undefined) {
      c = compute();
      if (Number.isInteger(i) && i >= 0 && i < 1 << 16) list[i] = c;
    }
    return c;
  };
  defineMethod('namedChild', function (this: Node, i: number) {
    const m = memoOf(this);
    return indexed((m.named ??= []), i, () => namedChild.call(this, i));
  });
  defineMethod('child', function (this: Node, i: number) {
    const m = memoOf(this);
    return indexed((m.child ??= []), i, () => child.call(this, i));
  });
  defineMethod('descendantsOfType', function (this: Node, types: string | string[], start?: Point, end?: Point) {
    if (!isDefaultPoint(start) || !isDefaultPoint(end)) return descendantsOfType.call(this, types, start, end);
    const list = Array.isArray(types) ? types : [types];
    const key = list.join('\0');
    const m = memoOf(this);
    const desc = (m.desc ??= new Map());
    let hit = desc.get(key);
    if (!hit) {
      const wanted = new Set(list);
      // a list asked for before that covers these types: the same nodes in the same (document) order, filtered
      let wider: Node[] | undefined;
      for (const e of desc.values()) {
        if (list.every((t) => e.types.has(t))) { wider = e.nodes; break; }
      }
      const nodes = wider ? wider.filter((n) => wanted.has(n.type)) : descendantsOfType.call(this, list);
      desc.set(key, (hit = { types: wanted, nodes }));
    }
    return hit.nodes.slice();
  });
}
