/**
 * Small helpers over `yaml` document nodes that follow aliases (`*name`) and merge keys
 * (`<<: *defaults`), so build configs that share settings through anchors are read as the
 * tool reads them. Never throws on odd documents.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';

/** Follows an alias to its anchored node (depth-limited). */
export function deref(doc: Document, node: unknown): YamlNode | null | undefined {
  let n = node as YamlNode | null | undefined;
  for (let i = 0; i < 8 && n && isAlias(n); i++) {
    try {
      n = n.resolve(doc) as YamlNode | undefined;
    } catch {
      return undefined;
    }
  }
  return n;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

/** The pair for `key` in a mapping, looking through merge keys (own keys win). */
export function pairOf(doc: Document, map: unknown, key: string, depth = 0): Pair<YamlNode, YamlNode> | undefined {
  const m = deref(doc, map);
  if (!m || !isMap(m) || depth > 8) return undefined;
  const own = m.items.find((p) => isScalar(p.key) && String(p.key.value) === key && !isMergeKey(p.key));
  if (own) return own as Pair<YamlNode, YamlNode>;
  for (const p of m.items) {
    if (!isMergeKey(p.key)) continue;
    const v = deref(doc, p.value);
    const sources = v && isSeq(v) ? v.items : [v];
    for (const s of sources) {
      const hit = pairOf(doc, s, key, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Scalar or sequence of scalars as strings (aliases followed). */
export function strings(doc: Document, node: unknown): string[] {
  const n = deref(doc, node);
  if (!n) return [];
  if (isScalar(n)) return n.value === null || n.value === undefined ? [] : [String(n.value)];
  if (isSeq(n)) return n.items.flatMap((i) => strings(doc, i));
  return [];
}

/** Items of a sequence node (aliases followed). */
export function seqItems(doc: Document, node: unknown): YamlNode[] {
  const n = deref(doc, node);
  return n && isSeq(n) ? n.items.map((i) => deref(doc, i)).filter((i): i is YamlNode => !!i) : [];
}
