/**
 * Analyses one Go file: decode (decode-file.ts: read, size, binary, UTF-8, generated header),
 * prefilter, one parse, every applicable rule on that one tree (rule-dispatch.ts; their reports
 * become findings in file-finding.ts), then the tree is freed.
 * Runs in worker threads and in-process alike; returns plain, structured-cloneable data.
 */
import { isMainThread } from 'node:worker_threads';
import type { Parser } from 'web-tree-sitter';
import type { Diagnostic, Finding } from '../core/types.js';
import { lineIndex } from '../core/line-index.js';
import { parseGo } from '../go/parser.js';
import { buildImportTable } from '../go/imports.js';
import { FunctionIndex } from '../go/functions.js';
import { bracketNestingDepth, MAX_NESTING_DEPTH } from '../go/nesting.js';
import type { FileInfo, FileRule } from '../rules/define-rule.js';
import { FileRuleContext } from './rule-context.js';
import { runFileRules } from './rule-dispatch.js';
import type { FindingSite } from './file-finding.js';
import { DIRECTIVE_HINT, extractDirectives, type Directive } from '../core/suppression-directives.js';
import { decodeFile } from './decode-file.js';
import { classifyFile, type CodeRole, type ExperimentModule, type LocalCopy, type RoleSignal } from '../core/code-roles.js';
import { CALL_SITE_TYPES, extractCallSites } from '../go/call-sites.js';
import { baseCodeFacts, CODE_FACT_PREFILTER, CODE_FACT_TYPES, extractCodeFacts, type FileCodeFacts } from '../facts/code-facts.js';
import { PrefilterIndex } from './prefilter-index.js';
import { goGenerateLines } from '../go/go-generate.js';

/** Nodes a trailing suppression comment attaches to (the statement or element whose first line it ends). */
const STATEMENT_TYPES = [
  'expression_statement', 'assignment_statement', 'short_var_declaration', 'return_statement', 'go_statement',
  'defer_statement', 'send_statement', 'inc_statement', 'dec_statement', 'var_declaration', 'const_declaration',
  'var_spec', 'const_spec', 'keyed_element',
];

export interface AnalyzeRequest {
  /** The audited root: the file is read only if it resolves inside it. */
  root?: string;
  absPath: string;
  relPath: string;
  modulePath?: string;
  moduleDir?: string;
  goVersion?: string;
  /**
   * The copy of another project's module holding this file (go.mod `replace` to a local folder, code-roles.ts
   * localCopies): repository-level knowledge the file's role depends on, so it is part of the file's cache key.
   */
  localCopy?: LocalCopy;
  /** The experiment module holding the file (code-roles.ts experimentModules), part of the cache key as localCopy is. */
  experiment?: ExperimentModule;
  maxFileSize: number;
  /**
   * Time budget for this file's rules (ms). Checked between rule calls: once over, the remaining
   * rule work is skipped, the file's findings are dropped (a partial result would depend on the
   * machine's speed) and a `file-timeout` diagnostic says so. Work that never returns between two
   * checks is stopped by the worker pool's hard budget (see pool.ts).
   */
  budgetMs?: number;
}

export const DEFAULT_FILE_BUDGET_MS = 10_000;

/** The diagnostic of a file whose analysis went over its budget. */
export function fileTimeoutDiagnostic(absPath: string, budgetMs: number, how: string): Diagnostic {
  return { level: 'warning', code: 'file-timeout', file: absPath,
    message: `analysis of this file exceeded the per-file budget of ${budgetMs / 1000} s (--file-timeout) and was ${how}: no findings from it` };
}

/**
 * Test hook: when GOREADY_TEST_SPIN_FILE is set, analysing a file whose path ends with it never
 * returns (a stand-in for a rule that runs away), so tests can prove the pool's hard budget.
 * Worker threads only: the main thread must stay free to terminate them. The loop sleeps 20 ms a
 * turn instead of busy-waiting: the budget is wall time, and a test need not burn a core for it.
 */
function testSpin(absPath: string): void {
  const suffix = process.env.GOREADY_TEST_SPIN_FILE;
  if (!suffix || isMainThread || !absPath.endsWith(suffix)) return;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0, 20); // never returns: until the worker is terminated
}

export interface AnalyzeResult {
  absPath: string;
  relPath: string;
  findings: Finding[];
  facts: { ruleId: string; data: unknown }[];
  diagnostics: Diagnostic[];
  directives: Directive[];
  lines: number;
  bytes: number;
  parsed: boolean;
  generated: boolean;
  isTest: boolean;
  packageName?: string;
  /** The file's code role (src/core/code-roles.ts) and the signal that decided it. */
  role: CodeRole;
  roleReason: string;
  /** The signal that decided `role` (a build constraint, the folder, the package name…). */
  roleSignal: RoleSignal;
  /** Rules whose prefilter matched this file (the rule had something to judge). */
  applicable: string[];
  /** Facts for repo rules (imports, handlers, listen addresses). */
  codeFacts?: FileCodeFacts;
  /** Rules that threw on this file, with the message. */
  ruleErrors: { ruleId: string; message: string }[];
  skipped?: string;
  /**
   * The file's words (maximal runs of identifier characters) holding an upper-case letter, once each, joined by
   * spaces: whether the file names an exported identifier anywhere (a substring of a word, or a whole word), answered
   * without reading it again (src/engine/unreachable-code.ts). Absent when the file was not decoded.
   */
  upperWords?: string;
  /** The file's `//go:generate` lines, [line, command] (src/go/go-generate.ts); absent when none or not decoded. */
  goGenerate?: [number, string][];
  /** SHA-256 of the bytes analysed (absent when the file was not read): the result cache's key. */
  contentHash?: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "contains any of": one regular-expression alternation scans a file once (2-3x faster than many includes). */
function anyOf(strings: string[]): (s: string) => boolean {
  if (strings.length <= 2) return (s) => strings.some((x) => s.includes(x));
  const re = new RegExp(strings.map(escapeRe).join('|'));
  return (s) => re.test(s);
}

const compiledPrefilters = new WeakMap<FileRule, (source: string) => boolean>();

/** A rule's text prefilter (prefilter ∧ prefilterAll ∧ prefilterRegex), compiled once per rule. */
export function prefilterOf(rule: FileRule): (source: string) => boolean {
  let f = compiledPrefilters.get(rule);
  if (!f) {
    const tests: ((s: string) => boolean)[] = [];
    if (rule.prefilter) tests.push(anyOf(rule.prefilter));
    for (const entry of rule.prefilterAll ?? []) tests.push(typeof entry === 'string' ? (s) => s.includes(entry) : anyOf(entry));
    if (rule.prefilterRegex) { const re = rule.prefilterRegex; tests.push((s) => re.test(s)); }
    f = (s) => tests.every((t) => t(s));
    compiledPrefilters.set(rule, f);
  }
  return f;
}

const prefilterIndexes = new WeakMap<readonly FileRule[], PrefilterIndex | null>();

/**
 * The rules whose prefilter passes on a file (in their order; test files only for rules that include tests), and
 * whether the file may hold code facts: one scan of the source for every rule's literals (prefilter-index.ts).
 */
function prefilterPass(rules: readonly FileRule[], source: string, isTest: boolean): { candidates: FileRule[]; codeFacts: boolean } {
  let index = prefilterIndexes.get(rules);
  if (index === undefined) prefilterIndexes.set(rules, (index = PrefilterIndex.of(rules, [CODE_FACT_PREFILTER]) ?? null));
  const eligible = (r: FileRule) => r.includeTests || !isTest;
  if (!index) {
    return { candidates: rules.filter((r) => eligible(r) && prefilterOf(r)(source)), codeFacts: CODE_FACT_PREFILTER.some((s) => source.includes(s)) };
  }
  const m = index.match(source, eligible);
  return { candidates: m.rules, codeFacts: m.extra[0]! };
}

/** Line (1-based) of the first ERROR or MISSING node, found by descending only into subtrees with errors. */
function firstErrorLine(root: import('web-tree-sitter').Node): number | undefined {
  let node = root;
  for (;;) {
    if (node.isError || node.isMissing) return node.startPosition.row + 1;
    const next = node.children.find((c) => c && (c.hasError || c.isMissing));
    if (!next) return node.startPosition.row + 1;
    node = next;
  }
}

function emptyResult(req: AnalyzeRequest): AnalyzeResult {
  return {
    absPath: req.absPath, relPath: req.relPath, findings: [], facts: [], diagnostics: [], directives: [],
    lines: 0, bytes: 0, parsed: false, generated: false, isTest: req.relPath.endsWith('_test.go'),
    applicable: [], ruleErrors: [], ...roleOf(req),
  };
}

/** The role of a requested file (path only when nothing was read; package name and build constraint when known). */
export function roleOf(req: AnalyzeRequest, packageName?: string, source?: string): { role: CodeRole; roleReason: string; roleSignal: RoleSignal } {
  const r = classifyFile({ path: req.relPath, packageName, source, copies: req.localCopy ? [req.localCopy] : undefined, experiments: req.experiment ? [req.experiment] : undefined });
  return { role: r.role, roleReason: r.reason, roleSignal: r.signal };
}

const WORD_CHAR = /[\p{L}\p{Nd}_]/u;
const UPPER_CHAR = /\p{Lu}/u;

/**
 * AnalyzeResult.upperWords of a source: its maximal runs of identifier characters (letters, decimal digits, `_`)
 * holding an upper-case letter, once each in order of first occurrence. One pass over the characters, ASCII without
 * a regular expression (three times faster than matching the runs with one).
 */
export function upperWordsOf(source: string): string {
  const out = new Set<string>();
  let start = -1;
  let upper = false;
  for (let i = 0; i <= source.length; i++) {
    const c = i < source.length ? source.charCodeAt(i) : 32;
    let word: boolean;
    let up = false;
    let width = 1;
    if (c < 128) {
      up = c >= 65 && c <= 90;
      word = up || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
    } else {
      const cp = source.codePointAt(i)!;
      if (cp > 0xffff) width = 2;
      const ch = String.fromCodePoint(cp);
      word = WORD_CHAR.test(ch);
      up = word && UPPER_CHAR.test(ch);
    }
    if (word) {
      if (start < 0) { start = i; upper = false; }
      if (up) upper = true;
      i += width - 1;
    } else if (start >= 0) {
      if (upper) out.add(source.slice(start, i));
      start = -1;
    }
  }
  return [...out].join(' ');
}

export function analyzeFile(parser: Parser, rules: readonly FileRule[], req: AnalyzeRequest): AnalyzeResult {
  const started = performance.now();
  const res = emptyResult(req);
  testSpin(req.absPath);
  const decoded = decodeFile(req);
  res.bytes = decoded.bytes;
  res.contentHash = decoded.contentHash;
  res.diagnostics.push(...decoded.diagnostics);
  if (!decoded.ok) {
    res.skipped = decoded.skipped;
    return res;
  }
  const { source, lossy } = decoded;
  res.lines = decoded.lines;
  res.generated = decoded.generated;
  res.packageName = decoded.packageName;
  Object.assign(res, roleOf(req, res.packageName, source));
  res.upperWords = upperWordsOf(source);
  // as the text reads with its byte-order mark (a directive right after one is not at a line start)
  const generate = goGenerateLines(decoded.bom ? `\ufeff${source}` : source);
  if (generate.length) res.goGenerate = generate;

  const pass = prefilterPass(rules, source, res.isTest);
  const candidates = pass.candidates;
  res.applicable = candidates.map((r) => r.meta.id);
  const wantsDirectives = DIRECTIVE_HINT.test(source);
  const wantsCodeFacts = !res.isTest && pass.codeFacts;
  if (!candidates.length && !wantsCodeFacts) {
    if (wantsDirectives) res.directives = extractDirectives(source);
    res.codeFacts = baseCodeFacts(source);
    return res;
  }

  if (bracketNestingDepth(source, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) {
    // rules walk trees recursively and along ancestor chains: cost O(depth²) and more, and the stack
    res.applicable = [];
    res.diagnostics.push({ level: 'warning', code: 'nesting-too-deep', file: req.absPath,
      message: `nesting deeper than ${MAX_NESTING_DEPTH} levels of (), [] or {}: file partially analysed (imports and directives only, no syntax-tree rules)` });
    if (wantsDirectives) res.directives = extractDirectives(source);
    res.codeFacts = baseCodeFacts(source);
    return res;
  }

  let tree;
  try {
    tree = parseGo(parser, source);
  } catch (e) {
    res.diagnostics.push({ level: 'error', code: 'parse-failed', file: req.absPath, message: `parser failed: ${(e as Error).message}` });
    return res;
  }
  try {
    res.parsed = true;
    const root = tree.rootNode;
    let confidencePenalty = lossy;
    if (root.hasError) {
      confidencePenalty = true;
      const line = firstErrorLine(root);
      const text = line ? source.split('\n', line)[line - 1] ?? '' : '';
      const hint = /\bnew\((?!\s*(?:\*|\[|map\b|chan\b|func\b|struct\b)?[A-Za-z_][\w.]*\s*\))/.test(text)
        ? ' — likely Go 1.26 new(expr), which the tree-sitter Go grammar does not parse yet'
        : ' (or syntax newer than the parser)';
      res.diagnostics.push({ level: 'info', code: 'syntax-error', file: req.absPath, line,
        message: `syntax error${line ? ` near line ${line}` : ''}${hint}: the rest of the file was analysed; its findings have lowered confidence` });
    }
    const packageName = root.namedChildren.find((n) => n?.type === 'package_clause')?.namedChild(0)?.text ?? res.packageName ?? '';
    res.packageName = packageName || undefined;
    if (packageName !== decoded.packageName) Object.assign(res, roleOf(req, packageName, source));
    const info: FileInfo = {
      path: req.relPath,
      packageName,
      isTest: res.isTest,
      isMain: packageName === 'main',
      isGenerated: res.generated,
      role: res.role,
      roleReason: res.roleReason,
      modulePath: req.modulePath,
      moduleDir: req.moduleDir,
      goVersion: req.goVersion,
    };
    const facts = new FileRuleContext(info, source, root, buildImportTable(root), new FunctionIndex(root));
    const site: FindingSite = {
      absPath: req.absPath, module: req.moduleDir, generated: res.generated, inTest: res.isTest, role: res.role,
      confidencePenalty, lineOfSource: lineIndex(source),
    };
    const budget = req.budgetMs ?? DEFAULT_FILE_BUDGET_MS;
    // production files' call sites (below) are read from nodes the rules' walk collects too
    const alsoWalk = [...(wantsCodeFacts ? CODE_FACT_TYPES : []), ...(wantsDirectives ? STATEMENT_TYPES : []), ...(res.isTest ? [] : CALL_SITE_TYPES)];
    const run = runFileRules(candidates, facts, root, site, () => performance.now() - started > budget, alsoWalk);
    res.codeFacts = wantsCodeFacts ? extractCodeFacts(root, source) : baseCodeFacts(source);
    // the module call graph (src/facts/execution-frequency.ts) reads every production file's call sites
    if (!res.isTest) res.codeFacts.callSites = extractCallSites(root, facts.imports);
    if (run.overBudget) {
      // a partial result would depend on the machine's speed: the file's findings and facts are dropped
      res.applicable = [];
      res.diagnostics.push(fileTimeoutDiagnostic(req.absPath, budget, 'stopped'));
    } else {
      res.findings = run.findings;
      res.facts = run.facts;
      res.ruleErrors = run.ruleErrors;
    }
    for (const e of res.ruleErrors) {
      res.diagnostics.push({ level: 'error', code: 'rule-error', file: req.absPath, message: `rule ${e.ruleId} failed on this file: ${e.message.split('\n')[0]}` });
    }
    if (wantsDirectives) {
      const declEnds = new Map<number, number>();
      for (const n of root.namedChildren) {
        if (n) declEnds.set(n.startPosition.row + 1, n.endPosition.row + 1);
      }
      const stmtEnds = new Map<number, number>();
      for (const n of root.descendantsOfType(STATEMENT_TYPES)) {
        if (!n) continue;
        const from = n.startPosition.row + 1;
        const to = n.endPosition.row + 1;
        if (to > (stmtEnds.get(from) ?? from)) stmtEnds.set(from, to);
      }
      res.directives = extractDirectives(source, (line) => declEnds.get(line), (line) => stmtEnds.get(line));
    }
  } finally {
    tree.delete();
  }
  return res;
}
