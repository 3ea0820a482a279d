/**
 * Small helpers over `yaml` documents that keep line numbers: aliases resolved, `<<` merge keys
 * applied (explicit keys win), scalars read as strings, and scalar text split into script lines
 * mapped to the file lines that hold them (block scalars line by line).
 */
import { type Document, LineCounter, Scalar, type Node, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { yamlTooDeep } from '../core/yaml-depth.js';
import type { ScriptLine } from './ci-shell.js';

export interface YamlFile {
  file: string;
  source: string;
  lc: LineCounter;
  docs: Document.Parsed[];
  /** First error, if any (message and 1-based line). */
  error?: { message: string; line?: number };
  /** Unresolved custom tags seen (e.g. `!reference`). */
  warnings: string[];
}

export function parseYamlFile(file: string, source: string): YamlFile {
  const lc = new LineCounter();
  const deep = yamlTooDeep(source);
  if (deep) return { file, source, lc, docs: [], error: { message: deep, line: 1 }, warnings: [] };
  const docs = parseAllDocuments(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const out: YamlFile = { file, source, lc, docs: list, warnings: [] };
  for (const d of list) {
    const e = d.errors[0];
    if (e && !out.error) out.error = { message: e.message.split('\n')[0]!, line: lc.linePos(e.pos[0]).line };
    for (const w of d.warnings) out.warnings.push(w.message.split('\n')[0]!);
  }
  return out;
}

/** 1-based line where `node` starts. */
export function lineOf(y: YamlFile, node: unknown): number {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  return r ? y.lc.linePos(r[0]).line : 1;
}

/** Follows aliases to the anchored node. */
export function deref(node: unknown, doc: Document.Parsed, hops = 0): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    if (hops > 20) return undefined;
    try {
      return deref(node.resolve(doc), doc, hops + 1);
    } catch {
      return undefined;
    }
  }
  return node as Node;
}

export interface Entry {
  key: string;
  keyNode: unknown;
  value: Node | undefined;
}

/** Entries of a mapping with `<<` merges applied (merged keys never override explicit ones). */
export function entries(node: unknown, doc: Document.Parsed, hops = 0): Entry[] {
  const m = deref(node, doc);
  if (!isMap(m) || hops > 10) return [];
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const p of m.items) {
    if (!isPair(p)) continue;
    const k = deref(p.key, doc);
    const key = isScalar(k) ? String(k.value) : '';
    if (key === '<<') {
      const v = deref(p.value, doc);
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) merged.push(...entries(s, doc, hops + 1));
      continue;
    }
    own.push({ key, keyNode: p.key, value: deref(p.value, doc) });
  }
  const seen = new Set(own.map((e) => e.key));
  for (const e of merged) if (!seen.has(e.key)) {
    own.push(e);
    seen.add(e.key);
  }
  return own;
}

export function get(node: unknown, key: string, doc: Document.Parsed): Node | undefined {
  return entries(node, doc).find((e) => e.key === key)?.value;
}

export function str(node: unknown, doc: Document.Parsed): string | undefined {
  const n = deref(node, doc);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return String(n.value);
}

/** Items of a sequence (aliases resolved); a non-sequence gives []. */
export function items(node: unknown, doc: Document.Parsed): Node[] {
  const n = deref(node, doc);
  if (!isSeq(n)) return [];
  return n.items.map((i) => deref(i, doc)).filter((i): i is Node => i !== undefined);
}

/** A mapping of scalars as a plain record (env blocks). */
export function scalarMap(node: unknown, doc: Document.Parsed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries(node, doc)) {
    const v = str(e.value, doc);
    if (v !== undefined) out[e.key] = v;
  }
  // GitLab/Drone style lists of single-key maps or "K=V" strings
  for (const it of items(node, doc)) {
    const s = str(it, doc);
    if (s !== undefined) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(s);
      if (m) out[m[1]!] = m[2]!;
    } else Object.assign(out, scalarMap(it, doc));
  }
  return out;
}

/**
 * The text of a scalar as script lines with their file lines. Literal blocks map line by line;
 * folded blocks join consecutive non-blank lines (YAML folding); flow scalars keep the start line.
 */
export function scriptLines(y: YamlFile, node: unknown, doc: Document.Parsed): ScriptLine[] {
  const n = deref(node, doc);
  if (!isScalar(n) || n.value === null || n.value === undefined || !n.range) return [];
  const start = y.lc.linePos(n.range[0]).line;
  if (n.type === Scalar.BLOCK_LITERAL || n.type === Scalar.BLOCK_FOLDED) {
    const raw = y.source.slice(n.range[0], n.range[1]).split('\n').slice(1);
    const lines = raw.map((t, i) => ({ text: t.replace(/\r$/, ''), line: start + 1 + i }));
    if (n.type === Scalar.BLOCK_LITERAL) return lines;
    const out: ScriptLine[] = [];
    let cur: ScriptLine | undefined;
    let curIndent = -1;
    for (const l of lines) {
      const indent = l.text.length - l.text.trimStart().length;
      if (!l.text.trim()) {
        cur = undefined;
        continue;
      }
      // more-indented lines are kept as they are in folded scalars
      if (cur && indent === curIndent) cur.text += ` ${l.text.trim()}`;
      else {
        cur = { text: l.text.trim(), line: l.line };
        curIndent = indent;
        out.push(cur);
      }
    }
    return out;
  }
  return String(n.value).split('\n').map((t, i) => ({ text: t, line: start + (n.type === Scalar.PLAIN ? 0 : i) }));
}
