/**
 * The one reader of repository YAML (CI configs, Kubernetes manifests, Helm values, kustomize,
 * Compose, GoReleaser, ko, repository policy files): a bounded parse and small read helpers
 * that keep line numbers.
 *
 * Parsing is bounded per file: text size, number of documents, nesting depth and the size a
 * document would have with every alias expanded (the "billion laughs" alias bomb). A document
 * over a bound is dropped with a problem message (the caller turns it into a diagnostic for the
 * file) and the others are read; an exception from the parser becomes a problem, never a crash.
 *
 * Aliases (`*name`) are resolved through a table built once per document (the `yaml` library's
 * `Alias.resolve` walks the whole document on every call, which made many-alias files
 * quadratic). `<<` merge keys are applied (keys of the map itself win, then merge sources in
 * order). Every helper takes the document first: `helper(doc, node, …)`.
 */
import type { Alias, CST, Document, Node as YNode, YAMLMap, YAMLSeq, LineCounter } from 'yaml';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, yamlLib } from './yaml-lib.js';
import type { ScriptLine } from './ci-shell.js';
import { yamlTooDeep } from '../core/yaml-depth.js';
import { FileBudget, FileBudgetExceeded, fileBudgetMessage } from '../core/file-budget.js';

/** Per-file bounds of the YAML reader. */
export const YAML_LIMITS = {
  /** Larger texts are not parsed. */
  maxBytes: 4 * 1024 * 1024,
  /** Documents after this many are not read. */
  maxDocuments: 50_000,
  /** Collections nested deeper than this make the document unreadable. */
  maxDepth: 256,
  /** A document whose alias-expanded size exceeds this (and 10× its own size) is an alias bomb. */
  maxExpandedNodes: 200_000,
  /** A text with more syntax errors than this at the top level is not read (each costs the parser an Error). */
  maxTopLevelErrors: 1_000,
};

class TooManyErrors extends Error {}

/** One parsed document with what the helpers need: lines, source text and the alias table. */
export interface YamlDoc {
  file: string;
  source: string;
  lc: LineCounter;
  doc: Document.Parsed;
  /** Alias → anchored node, in document order (undefined: the anchor is not defined before it). */
  aliases: Map<Alias, YNode | undefined>;
}

export interface YamlProblem {
  message: string;
  line?: number;
  /** The `yaml` library's error code, or LIMIT for a bound, PARSER for a parser exception. */
  code?: string;
}

export interface YamlFile {
  file: string;
  source: string;
  lc: LineCounter;
  /** Documents read (those over a bound are left out and named in `problems`). */
  docs: YamlDoc[];
  /** First syntax error of any document (message and 1-based line). */
  error?: YamlProblem;
  /** Bounds exceeded and parser exceptions: one entry per dropped document or file. */
  problems: YamlProblem[];
  /** Unresolved custom tags seen (e.g. `!reference`). */
  warnings: string[];
}

export interface ParseYamlOptions {
  /** The `yaml` library's strict mode (default true). */
  strict?: boolean;
  /** Per-file time budget (ms; default `DEFAULT_FILE_BUDGET_MS`): over it, the file is not read. */
  budgetMs?: number;
}

/** Parses every document of a YAML text within the bounds of `YAML_LIMITS`. Never throws. */
export function parseYaml(file: string, source: string, opts: ParseYamlOptions = {}): YamlFile {
  const lc = new (yamlLib().LineCounter)();
  const out: YamlFile = { file, source, lc, docs: [], problems: [], warnings: [] };
  if (source.length > YAML_LIMITS.maxBytes) {
    out.problems.push({ message: `YAML over ${YAML_LIMITS.maxBytes / 1048576} MiB not read`, code: 'LIMIT' });
    return out;
  }
  // the parser recurses per nesting level and can abort the process before checkDocument runs
  const deep = yamlTooDeep(source);
  if (deep) {
    out.problems.push({ message: deep, line: 1, code: 'LIMIT' });
    return out;
  }
  let parsed: Document.Parsed[];
  const budget = new FileBudget(opts.budgetMs);
  // the parser builds an Error per syntax error: capturing its stack was most of the cost of a
  // file of many errors (64,000 stray "]": 6 s → 2 s), and the stack is never shown
  const stackLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
    // what the library's parseAllDocuments does, with the CST tokens counted and the budget polled
    const parser = new (yamlLib().Parser)(lc.addNewLine);
    const composer = new (yamlLib().Composer)({ merge: true, uniqueKeys: false, strict: opts.strict ?? true });
    let errors = 0;
    const tokens = function* (): Generator<CST.Token> {
      for (const t of parser.parse(source)) {
        budget.check();
        if (t.type === 'error' && ++errors > YAML_LIMITS.maxTopLevelErrors) throw new TooManyErrors();
        yield t;
      }
    };
    parsed = [...composer.compose(tokens())];
  } catch (e) {
    if (e instanceof FileBudgetExceeded) out.problems.push({ message: `YAML ${fileBudgetMessage('file', e.budgetMs)}`, code: 'BUDGET' });
    else if (e instanceof TooManyErrors) out.problems.push({ message: `YAML with more than ${YAML_LIMITS.maxTopLevelErrors} syntax errors not read`, line: 1, code: 'LIMIT' });
    else out.problems.push({ message: `YAML not readable: ${firstLine((e as Error).message)}`, code: 'PARSER' });
    return out;
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  if (parsed.length > YAML_LIMITS.maxDocuments) {
    out.problems.push({ message: `only the first ${YAML_LIMITS.maxDocuments} of ${parsed.length} YAML documents were read`, line: lc.linePos(parsed[YAML_LIMITS.maxDocuments]!.range[0]).line, code: 'LIMIT' });
    parsed = parsed.slice(0, YAML_LIMITS.maxDocuments);
  }
  for (const doc of parsed) {
    const e = doc.errors[0];
    if (e && !out.error) out.error = { message: firstLine(e.message), line: lc.linePos(e.pos[0]).line, code: e.code };
    for (const w of doc.warnings) out.warnings.push(firstLine(w.message));
    const line = lc.linePos((doc.contents as { range?: number[] } | null)?.range?.[0] ?? doc.range[0]).line;
    let checked: { aliases: Map<Alias, YNode | undefined>; problem?: string };
    if (budget.spent()) {
      out.docs = [];
      out.problems.push({ message: `YAML ${fileBudgetMessage('file', budget.budgetMs)}`, code: 'BUDGET' });
      return out;
    }
    try {
      checked = checkDocument(doc);
    } catch (err) {
      checked = { aliases: new Map(), problem: `not readable (${firstLine((err as Error).message)})` };
    }
    if (checked.problem) {
      out.problems.push({ message: `YAML document at line ${line} skipped: ${checked.problem}`, line, code: 'LIMIT' });
      continue;
    }
    out.docs.push({ file, source, lc, doc, aliases: checked.aliases });
  }
  return out;
}

/**
 * Parses a text that must hold one document. `problem` is the first syntax error, bound or
 * "several documents" (MULTIPLE_DOCS, as the `yaml` library's parseDocument reports it).
 */
export function parseYamlDocument(file: string, source: string, opts: ParseYamlOptions = {}): { y: YamlFile; d?: YamlDoc; problem?: YamlProblem } {
  const y = parseYaml(file, source, opts);
  let problem = y.problems[0] ?? y.error;
  if (!problem && y.docs.length > 1) problem = { message: 'Source contains multiple documents', line: lineOf(y, y.docs[1]!.doc), code: 'MULTIPLE_DOCS' };
  return { y, d: problem ? undefined : y.docs[0], problem };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

/**
 * One walk in document order: builds the alias table, measures nesting depth and the
 * alias-expanded size (memoised per collection, so the walk is linear), detects alias cycles.
 */
function checkDocument(doc: Document.Parsed): { aliases: Map<Alias, YNode | undefined>; problem?: string } {
  const anchors = new Map<string, YNode>();
  const aliases = new Map<Alias, YNode | undefined>();
  const size = new Map<YNode, number>();
  const open = new Set<YNode>();
  let raw = 0;
  let problem: string | undefined;
  // first pass: anchors and aliases in document order, raw node count, depth
  const visit = (n: unknown, depth: number): void => {
    if (problem || n === null || n === undefined) return;
    if (depth > YAML_LIMITS.maxDepth) {
      problem = `nested deeper than ${YAML_LIMITS.maxDepth} levels`;
      return;
    }
    raw++;
    if (isAlias(n)) {
      aliases.set(n, anchors.get(n.source));
      return;
    }
    const node = n as YNode;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) {
      for (const p of node.items) {
        visit(p.key, depth + 1);
        visit(p.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const it of node.items) {
        if (isPair(it)) {
          visit(it.key, depth + 1);
          visit(it.value, depth + 1);
        } else visit(it, depth + 1);
      }
    }
  };
  visit(doc.contents, 0);
  if (problem) return { aliases, problem };
  if (!aliases.size) return { aliases };
  // second pass: expanded size through aliases (memoised; a node reached again while open is a cycle)
  const limit = Math.max(YAML_LIMITS.maxExpandedNodes, raw * 10);
  const expanded = (n: unknown, depth: number): number => {
    if (problem || n === null || n === undefined) return 0;
    if (depth > YAML_LIMITS.maxDepth * 2) {
      problem = `aliases nest deeper than ${YAML_LIMITS.maxDepth * 2} levels`;
      return 0;
    }
    if (isAlias(n)) {
      const t = aliases.get(n);
      return t === undefined ? 1 : expanded(t, depth + 1);
    }
    if (!isCollection(n)) return 1;
    const known = size.get(n as YNode);
    if (known !== undefined) return known;
    if (open.has(n as YNode)) {
      problem = 'an alias refers to a node that contains it (recursive alias)';
      return 0;
    }
    open.add(n as YNode);
    let total = 1;
    for (const it of (n as YAMLMap | YAMLSeq).items) {
      if (isPair(it)) total += expanded(it.key, depth + 1) + expanded(it.value, depth + 1);
      else total += expanded(it, depth + 1);
      if (total > limit) break;
    }
    open.delete(n as YNode);
    size.set(n as YNode, total);
    if (total > limit && !problem) problem = `aliases expand it to more than ${limit} nodes (alias bomb)`;
    return total;
  };
  expanded(doc.contents, 0);
  return { aliases, problem };
}

// ---------------------------------------------------------------------------------------------
// read helpers — each takes the document first

/** Where lines come from: a document or a whole file. */
export type Lines = Pick<YamlDoc, 'lc'>;

/** 1-based line of a text offset. */
export function lineAt(d: Lines, offset: number | undefined): number {
  return offset === undefined ? 1 : d.lc.linePos(offset).line;
}

/** 1-based line where `node` starts (1 when unknown). */
export function lineOf(d: Lines, node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return lineAt(d, r?.[0]);
}

/** 1-based last line of `node` (its value end). */
export function endLineOf(d: Lines, node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? lineAt(d, Math.max(r[0], r[1] - 1)) : lineOf(d, node);
}

/** Follows an alias to its anchored node; null/undefined and unresolvable aliases give undefined. */
export function deref(d: YamlDoc, node: unknown): YNode | undefined {
  let n = node;
  for (let hops = 0; n !== null && n !== undefined && isAlias(n); hops++) {
    if (hops > 20) return undefined;
    n = d.aliases.has(n) ? d.aliases.get(n) : undefined;
  }
  return n === null || n === undefined ? undefined : (n as YNode);
}

export function asMap(d: YamlDoc, node: unknown): YAMLMap | undefined {
  const n = deref(d, node);
  return isMap(n) ? n : undefined;
}

export function asSeq(d: YamlDoc, node: unknown): YAMLSeq | undefined {
  const n = deref(d, node);
  return isSeq(n) ? n : undefined;
}

/** Items of a sequence, aliases followed; a non-sequence gives []. */
export function items(d: YamlDoc, node: unknown): YNode[] {
  const s = asSeq(d, node);
  return s ? s.items.map((i) => deref(d, i)).filter((i): i is YNode => i !== undefined) : [];
}

export interface Entry {
  key: string;
  keyNode: YNode;
  /** The value, aliases followed (undefined for a null value). */
  value: YNode | undefined;
  /** The value as written (an alias stays an alias: its line is where the value is used). */
  written: unknown;
  /** Line of the key. */
  line: number;
}

function isMergeKey(k: unknown): boolean {
  return isScalar(k) && (typeof k.value === 'symbol' || k.value === '<<');
}

/** Entries of a mapping in order, `<<` merges applied (keys of the map itself win). */
export function entries(d: YamlDoc, node: unknown): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  const seen = new Set<YNode>();
  const collect = (n: unknown, into: Entry[], depth: number): void => {
    const m = asMap(d, n);
    if (!m || depth > 10 || seen.has(m)) return;
    seen.add(m);
    for (const p of m.items) {
      const k = deref(d, p.key);
      if (isMergeKey(k)) {
        const v = deref(d, p.value);
        for (const s of isSeq(v) ? v.items : [v]) collect(s, merged, depth + 1);
        continue;
      }
      if (!isScalar(k) || k.value === null || k.value === undefined) continue;
      into.push({ key: String(k.value), keyNode: k, value: deref(d, p.value), written: p.value, line: lineOf(d, k) });
    }
  };
  collect(node, own, 0);
  if (!merged.length) return own;
  const keys = new Set(own.map((e) => e.key));
  for (const e of merged) if (!keys.has(e.key)) {
    own.push(e);
    keys.add(e.key);
  }
  return own;
}

/** The entry for `key` of a mapping (merges applied). */
export function get(d: YamlDoc, node: unknown, key: string): Entry | undefined {
  return entries(d, node).find((e) => e.key === key);
}

/** The value node for `key` of a mapping (merges applied). */
export function child(d: YamlDoc, node: unknown, key: string): YNode | undefined {
  return get(d, node, key)?.value;
}

/** A nested entry by key path. */
export function getIn(d: YamlDoc, node: unknown, keys: string[]): Entry | undefined {
  let cur: unknown = node;
  let last: Entry | undefined;
  for (const k of keys) {
    last = get(d, cur, k);
    if (!last) return undefined;
    cur = last.value;
  }
  return last;
}

/** A scalar's value (bigints as numbers); undefined for a non-scalar. */
export function scalar(d: YamlDoc, node: unknown): string | number | boolean | null | undefined {
  const n = deref(d, node);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return v === undefined ? undefined : String(v);
}

/**
 * A whole number written as a YAML number or as a string of digits (`replicas: "3"`, `containerPort: "8080"`), as
 * Kubernetes reads its integer fields; undefined for anything else (a template placeholder, a name).
 */
export function wholeNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** A non-null scalar as a string. */
export function str(d: YamlDoc, node: unknown): string | undefined {
  const n = deref(d, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return String(n.value);
}

export function bool(d: YamlDoc, node: unknown): boolean | undefined {
  const v = scalar(d, node);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** A scalar or a (nested) sequence of scalars as strings. */
export function strings(d: YamlDoc, node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown, depth: number): void => {
    const v = deref(d, n);
    if (!v || depth > 16) return;
    if (isScalar(v)) {
      if (v.value !== null && v.value !== undefined) out.push(String(v.value));
    } else if (isSeq(v)) for (const i of v.items) walk(i, depth + 1);
  };
  walk(node, 0);
  return out;
}

/** True when the node is null, an empty scalar, or an empty collection. */
export function isEmptyNode(d: YamlDoc, node: unknown): boolean {
  const n = deref(d, node);
  if (n === undefined) return true;
  if (isScalar(n)) return n.value === null || n.value === '';
  if (isMap(n) || isSeq(n)) return n.items.length === 0;
  return false;
}

/** A mapping of scalars as a record (env blocks); GitLab/Drone lists of `K=V` strings or one-key maps too. */
export function scalarMap(d: YamlDoc, node: unknown, depth = 0): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries(d, node)) {
    const v = str(d, e.value);
    if (v !== undefined) out[e.key] = v;
  }
  for (const it of items(d, node)) {
    const s = str(d, it);
    if (s !== undefined) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(s);
      if (m) out[m[1]!] = m[2]!;
    } else if (depth < 4) Object.assign(out, scalarMap(d, it, depth + 1));
  }
  return out;
}

/**
 * The text of a scalar as script lines with their file lines. Literal blocks map line by line;
 * folded blocks join consecutive lines of the same indentation (YAML folding); flow scalars keep
 * the start line.
 */
export function scriptLines(d: YamlDoc, node: unknown): ScriptLine[] {
  const n = deref(d, node);
  if (!isScalar(n) || n.value === null || n.value === undefined || !n.range) return [];
  const start = d.lc.linePos(n.range[0]).line;
  if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') {
    const raw = d.source.slice(n.range[0], n.range[1]).split('\n').slice(1);
    const lines = raw.map((t, i) => ({ text: t.replace(/\r$/, ''), line: start + 1 + i }));
    if (n.type === 'BLOCK_LITERAL') return lines;
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
  return String(n.value).split('\n').map((t, i) => ({ text: t, line: start + (n.type === 'PLAIN' ? 0 : i) }));
}
