/**
 * Small read helpers over `yaml` ASTs that keep line numbers: alias resolution (with a depth
 * guard), YAML 1.1 merge keys (`<<: *anchor`), scalar access and 1-based lines via LineCounter.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node as YNode, type YAMLMap, type YAMLSeq } from 'yaml';

export interface YCtx {
  doc: Document;
  lc: LineCounter;
  file: string;
}

export function deref(ctx: YCtx, node: unknown, depth = 0): YNode | null {
  if (node === null || node === undefined || depth > 20) return null;
  if (isAlias(node)) {
    const r = node.resolve(ctx.doc as Document.Parsed);
    return r ? deref(ctx, r, depth + 1) : null;
  }
  return node as YNode;
}

export function lineAt(ctx: YCtx, offset: number | undefined): number {
  return offset === undefined ? 1 : ctx.lc.linePos(offset).line;
}

/** 1-based line where `node` starts. */
export function lineOf(ctx: YCtx, node: unknown): number {
  const n = node as { range?: [number, number, number] } | null;
  return lineAt(ctx, n?.range?.[0]);
}

/** 1-based last line of `node` (its value end). */
export function endLineOf(ctx: YCtx, node: unknown): number {
  const n = node as { range?: [number, number, number] } | null;
  const end = n?.range?.[1];
  return end === undefined ? lineOf(ctx, node) : lineAt(ctx, Math.max(n!.range![0], end - 1));
}

export function asMap(ctx: YCtx, node: unknown): YAMLMap | undefined {
  const n = deref(ctx, node);
  return isMap(n) ? n : undefined;
}

export function asSeq(ctx: YCtx, node: unknown): YAMLSeq | undefined {
  const n = deref(ctx, node);
  return isSeq(n) ? n : undefined;
}

export interface Entry { key: string; keyNode: YNode; value: YNode | null; line: number }

function isMergeKey(k: unknown): boolean {
  return isScalar(k) && (typeof k.value === 'symbol' || k.source === '<<' || k.value === '<<');
}

/** Map entries in order, merge keys expanded (explicit keys win over merged ones). */
export function entries(ctx: YCtx, map: YAMLMap | undefined, depth = 0): Entry[] {
  if (!map || depth > 10) return [];
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const item of map.items) {
    const k = item.key as YNode | null;
    if (isMergeKey(k)) {
      const v = deref(ctx, item.value);
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) merged.push(...entries(ctx, asMap(ctx, s), depth + 1));
      continue;
    }
    if (!isScalar(k)) continue;
    own.push({ key: String(k.value), keyNode: k, value: deref(ctx, item.value), line: lineOf(ctx, k) });
  }
  const seen = new Set(own.map((e) => e.key));
  return [...own, ...merged.filter((e) => !seen.has(e.key) && (seen.add(e.key), true))];
}

export function get(ctx: YCtx, map: YAMLMap | undefined, key: string): Entry | undefined {
  return entries(ctx, map).find((e) => e.key === key);
}

export function scalar(ctx: YCtx, node: unknown): string | number | boolean | null | undefined {
  const n = deref(ctx, node);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

export function str(ctx: YCtx, node: unknown): string | undefined {
  const v = scalar(ctx, node);
  return v === null || v === undefined ? undefined : String(v);
}

export function bool(ctx: YCtx, node: unknown): boolean | undefined {
  const v = scalar(ctx, node);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** A nested map value by key path. */
export function getIn(ctx: YCtx, node: unknown, path: string[]): Entry | undefined {
  let cur: unknown = node;
  let last: Entry | undefined;
  for (const k of path) {
    last = get(ctx, asMap(ctx, cur), k);
    if (!last) return undefined;
    cur = last.value;
  }
  return last;
}

/** True when the node is null, an empty scalar, or an empty collection. */
export function isEmptyNode(ctx: YCtx, node: unknown): boolean {
  const n = deref(ctx, node);
  if (n === null) return true;
  if (isScalar(n)) return n.value === null || n.value === '';
  if (isMap(n) || isSeq(n)) return n.items.length === 0;
  return false;
}
