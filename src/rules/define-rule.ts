/**
 * The rule API. A file rule sees one parsed Go file at a time and dispatches visitors by
 * node type; a rule may also emit facts that its `finish` hook combines across files
 * (e.g. "a main package starts a server but never calls Shutdown").
 */
import type { FactKey } from '../facts/fact-provider.js';
import type { Node } from 'web-tree-sitter';
import type { Confidence, RuleMeta, Severity, VulnRef } from '../core/types.js';
import type { CodeRole } from '../core/code-roles.js';
import type { ImportTable } from '../go/imports.js';
import type { FunctionIndex } from '../go/functions.js';
import type { EvidenceRule } from '../core/evidence-check.js';

export interface FileInfo {
  /** Path relative to the audit root, forward slashes. */
  path: string;
  packageName: string;
  isTest: boolean;
  isMain: boolean;
  isGenerated: boolean;
  /** What the file is for (src/core/code-roles.ts): production, test, test-support, example, docs, tooling, third-party. */
  role: CodeRole;
  /** Which signal decided a non-production role (`directory hack/`, `package fakeclient`, `//go:build ignore`); '' for production. */
  roleReason: string;
  /** Module path from the governing go.mod, if any. */
  modulePath?: string;
  /** Directory (relative to root) of the governing go.mod, '' for the root; undefined when none. */
  moduleDir?: string;
  /** Effective Go language version (config override, else the module's go directive), e.g. "1.22". */
  goVersion?: string;
}

export interface ReportInput {
  node?: Node;
  /** Explicit position when no node fits (1-based). */
  line?: number;
  column?: number;
  messageId: string;
  data?: Record<string, string | number>;
  severity?: Severity;
  confidence?: Confidence;
  /**
   * The peer checks (a subset of the rule's `meta.sources`) this finding corresponds to, when the
   * rule covers several and this case is only one of them (fmt.Sprintf → gosec:G201, `+` → G202).
   */
  sources?: string[];
  /**
   * The risk is a cost paid per call (per request, per iteration): in code that runs once per process or on
   * operator demand (src/facts/execution-frequency.ts) the finding is dropped ('skip') or reported low ('low');
   * 'skip-startup': dropped only where the code runs once per process at start-up (what it starts lives as long as
   * the process), not on operator demand.
   */
  onceOnly?: 'skip' | 'low' | 'skip-startup';
  /**
   * The risk lasts only as long as the process, or needs nobody watching it: dropped where only one-shot programs
   * reach the code (src/facts/process-lifetime.ts); 'skip-interactive': only when they are command-line programs a
   * human runs.
   */
  oneShot?: 'skip' | 'skip-interactive';
  /**
   * The concern this report is one place of: the reports of one rule with the same key are one finding, at the place
   * reported first, the others listed as related places (src/engine/concern-groups.ts). A file rule's key is scoped to its file (one cancel variable and the returns it misses).
   */
  concern?: string;
}

export interface ResolvedCall {
  /** Import path when the callee is `pkg.Name` with pkg an import (or a dot-imported bare name). */
  pkg?: string;
  /** Function or method name. */
  name: string;
  /** Receiver expression for method calls `x.Name(...)` where x is not a package. */
  recv?: Node;
}

export interface RuleContext {
  readonly file: FileInfo;
  readonly source: string;
  readonly root: Node;
  readonly imports: ImportTable;
  readonly functions: FunctionIndex;
  /** Resolves the callee of a call_expression against the import table. */
  resolveCall(call: Node): ResolvedCall | undefined;
  /** True when `call` calls `pkgPath.name` (one of `names`). */
  isCallTo(call: Node, pkgPath: string, ...names: string[]): boolean;
  /** True when identifier `ident` refers to the imported package `pkgPath` (not shadowed). */
  isPackageRef(ident: Node, pkgPath: string): boolean;
  /** True when a local declaration named `name` is visible at `at` (parameter, var, :=, range). */
  isShadowed(name: string, at: Node): boolean;
  report(input: ReportInput): void;
  /** Emits a fact for this rule's `finish` hook (plain JSON data). */
  emit(data: unknown): void;
}

export type Visitors = Record<string, (node: Node) => void>;

export interface EmittedFact {
  file: FileInfo;
  data: unknown;
}

export interface CrossFileReport {
  file: string;
  line: number;
  column: number;
  messageId: string;
  data?: Record<string, string | number>;
  severity?: Severity;
  confidence?: Confidence;
  /** One concern at several places (as RepoReport.concern: the key spans the repository). */
  concern?: string;
}

export interface FileRule {
  kind: 'file';
  meta: RuleMeta;
  /**
   * Cheap text prefilter: the rule runs on a file only if its source contains at least one
   * of these strings. Omit only when the rule must see every file.
   */
  prefilter?: string[];
  /**
   * Further prefilter: the source must also contain every entry; an entry that is a list
   * is satisfied by any one of its strings.
   */
  prefilterAll?: (string | string[])[];
  /** Last, finer prefilter: the source must match this regular expression (keep it linear). */
  prefilterRegex?: RegExp;
  /** Run on _test.go files too (default false). */
  includeTests?: boolean;
  create(ctx: RuleContext): Visitors;
  /** The repo-level facts `finish` reads (src/facts/fact-provider.ts): the engine computes them first. */
  requires?: readonly FactKey<unknown>[];
  /** Combines facts emitted across all files; runs once per audit. */
  finish?(facts: EmittedFact[], report: (r: CrossFileReport) => void, repo: import('../facts/repo-facts.js').RepoFacts): void;
}

export function defineRule(rule: Omit<FileRule, 'kind'>): FileRule {
  return { kind: 'file', ...rule };
}

/** A finding of a repo rule: a file relative to the root and a 1-based position. */
export interface RepoReport {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  messageId: string;
  data?: Record<string, string | number>;
  severity?: Severity;
  confidence?: Confidence;
  /** Vulnerability details carried into the finding (JSON `vuln`). */
  vuln?: VulnRef;
  /** Other places of the same concern, reported once (files relative to the root; JSON `related`). */
  related?: { file: string; line: number }[];
  /**
   * The concern this report is one place of: the reports of one rule with the same key are one finding, at the place
   * reported first, the others listed as related places (src/engine/concern-groups.ts). A repo rule's key spans the repository (the same download in several Dockerfiles).
   */
  concern?: string;
}

/** Audit-wide inputs for repo rules that come from the command line or .goready.yaml. */
export interface RepoRuleSettings {
  /** Vulnerability database directory (OSV GO-*.json files or the vuln.go.dev v1 layout). */
  vulndb?: string;
  /** Warn when the database is older than this many days (when its age is known). */
  vulndbMaxAgeDays?: number;
  /** `govulncheck -json` output whose call-graph-confirmed findings are merged (audit --evidence). */
  govulncheckEvidence?: string;
}

export interface RepoRuleContext {
  readonly settings: RepoRuleSettings;
  report(r: RepoReport): void;
  /** Declares that the rule found something to judge (a Dockerfile, a manifest, a workflow...). */
  applicable(): void;
  /**
   * Declares that the rule cannot judge at all (e.g. no vulnerability database): its dimension is
   * then reported inconclusive with this reason, whatever the other rules found.
   */
  inconclusive(reason: string): void;
  /** Adds a diagnostic (e.g. a manifest that could not be parsed). */
  diagnostic(d: { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number }): void;
}

/**
 * A repo rule reads repository facts (go.mod, Dockerfiles, manifests, CI, code facts), like an
 * OpenSSF Scorecard probe, instead of one Go tree. Its testdata are fixture repositories:
 * src/rules/<dimension>/testdata/<name>/<case>/ with a `want` file.
 */
export interface RepoRule {
  kind: 'repo';
  meta: RuleMeta;
  /**
   * The rule reads state outside the repository (the vulnerability database, the module cache):
   * its results are never taken from the result cache.
   */
  volatile?: boolean;
  /** The repo-level facts the rule reads (src/facts/fact-provider.ts): the engine computes them, once each, before the rule runs. */
  requires?: readonly FactKey<unknown>[];
  check(repo: import('../facts/repo-facts.js').RepoFacts, ctx: RepoRuleContext): void;
}

/** File rules read Go trees, repo rules repository facts, evidence rules a built artifact or a running process (src/core/evidence-check.ts). */
export type Rule = FileRule | RepoRule | EvidenceRule;

export function defineRepoRule(rule: Omit<RepoRule, 'kind'>): RepoRule {
  return { kind: 'repo', ...rule };
}

/** Parses a Go language version like "1.21", "1.21.3", "go1.22rc1" into a comparable [major, minor]. */
export function parseGoVersion(v: string | undefined): [number, number] | undefined {
  if (!v) return undefined;
  const m = /^(?:go)?(\d+)\.(\d+)/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2])];
}

/** True when version `v` is at least `major.minor`. Unknown versions return `unknown`. */
export function goVersionAtLeast(v: string | undefined, major: number, minor: number, unknown = false): boolean {
  const p = parseGoVersion(v);
  if (!p) return unknown;
  return p[0] > major || (p[0] === major && p[1] >= minor);
}
