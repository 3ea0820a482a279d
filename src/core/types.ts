/** Core vocabulary shared by every layer: dimensions, severities, rule metadata, findings. */
import type { CodeRole } from './code-roles.js';

export const DIMENSIONS = [
  'build',
  'concurrency',
  'observability',
  'security',
  'supply-chain',
  'runtime',
  'engineering',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_TITLES: Record<Dimension, string> = {
  build: 'build & deploy',
  concurrency: 'concurrency & lifecycle',
  observability: 'observability',
  security: 'security',
  'supply-chain': 'supply chain',
  runtime: 'runtime config',
  engineering: 'engineering practice',
};

/** Rule id prefix per dimension (ids are never reused). */
export const DIMENSION_PREFIX: Record<Dimension, string> = {
  build: 'BLD',
  concurrency: 'CON',
  observability: 'OBS',
  security: 'SEC',
  'supply-chain': 'SUP',
  runtime: 'RUN',
  engineering: 'ENG',
};

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.indexOf(c);
}
export function lowerConfidence(c: Confidence): Confidence {
  return CONFIDENCES[Math.max(0, confidenceRank(c) - 1)]!;
}

export interface RuleExample {
  /** A complete Go file (package clause included) that the rule must report. */
  bad: string;
  /** A complete Go file that the rule must not report. */
  good: string;
  /** Optional file name (e.g. main.go, x_test.go); defaults to example.go. */
  filename?: string;
  /** Optional go directive for the example's go.mod (defaults to the engine default). */
  goVersion?: string;
  /** Other files of the example repository, written before `filename` for both bad and good (e.g. the go.mod next to a go.sum example). */
  extraFiles?: Record<string, string>;
}

export interface RuleMeta {
  /** Stable id: dimension prefix + number, e.g. CON1001. Never reused. */
  id: string;
  /** kebab-case name, accepted wherever an id is. */
  name: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  lifecycle: 'stable' | 'experimental';
  /**
   * Why an experimental rule is off by default: its measured precision and what it cannot see
   * (required when `lifecycle` is 'experimental', absent otherwise).
   */
  experimentalReason?: string;
  /**
   * The first blind sample (its label in docs/accuracy, YYYY-MM-DD) that counts for the rule's blind record: set when
   * the rule was reworked at the root after earlier samples, so it must earn its default status again on fresh data.
   */
  blindRecordFrom?: string;
  /** One-line title. */
  title: string;
  /**
   * What passing means, stated as the property a production-ready repository has ("every background
   * goroutine has an exit path"): shown in the due-diligence table, the docs and `goready explain`.
   */
  passCriterion?: string;
  /** Why this matters in production. */
  rationale: string;
  fix: { text: string; effort: 'low' | 'medium' | 'high' };
  examples: RuleExample[];
  /** messageId -> template with {{placeholders}}. */
  messages: Record<string, string>;
  /** True equivalents in peer tools: gosec:G402, staticcheck:SA1015, govet:lostcancel, golangci:bodyclose, semgrep:<id>. */
  sources: string[];
  /** Free-form notes shown in docs (e.g. version-aware behaviour). */
  notes?: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  message: string;
  /** Relative to the audit root, forward slashes (absolute until the relativise stage). */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix: string;
  /** Set when an inline directive or config suppresses it; suppressed findings are kept. */
  suppressed?: { kind: string; reason?: string };
  /** The file carries the standard "Code generated ... DO NOT EDIT." header. */
  generated?: boolean;
  /** The file is a _test.go file. */
  inTest?: boolean;
  /** What the finding's file is for (src/core/code-roles.ts); set on every finding by the engine. */
  role?: CodeRole;
  /** Which signal decided a non-production role (`directory hack/`, `package fakes`, `//go:build ignore`). */
  roleReason?: string;
  /** The module (go.mod directory, relative) the file belongs to. */
  module?: string;
  /** Short source excerpt for context. */
  snippet?: string;
  /** A few source lines around the finding (filled by the audit for the findings it reports). */
  context?: { startLine: number; lines: string[] };
  /**
   * Set on every finding when a baseline is given (`--baseline FILE`): 'covered' findings are
   * within the baseline's count for their file and rule (kept and marked, hidden from display,
   * not gated); 'new' ones are in a file/rule the baseline does not list; 'increased' ones are
   * in a file/rule whose count went up (all of that file/rule's findings are shown).
   */
  baseline?: 'covered' | 'new' | 'increased';
  /** Known-vulnerability details (supply-chain findings matched against a vulnerability database). */
  vuln?: VulnRef;
  /** The peer checks this finding corresponds to, when narrower than its rule's `sources`. */
  sources?: string[];
  /**
   * Other places of the same concern, reported once: the same object rendered in sibling variants of one install
   * bundle (metallb's config/manifests/metallb-native.yaml, metallb-frr.yaml, ...), src/facts/manifest-variants.ts;
   * the places a rule declared one concern (the returns a lost cancel reaches, the same download in several
   * Dockerfiles), src/engine/concern-groups.ts.
   */
  related?: { file: string; line: number }[];
  /**
   * Engine-internal, never printed: the concern this finding is one place of (ReportInput.concern). The findings of one
   * rule with the same concern are reported once, the other places as `related` (src/engine/concern-groups.ts), which
   * removes the field.
   */
  concern?: string;
  /** Set when `goready probe` (or `audit --probe`) saw this at runtime in the running service. */
  confirmedBy?: 'runtime';
  /**
   * Engine-internal, never printed: the finding's risk is a cost paid per call (per request, per iteration), and
   * in code that runs once per process or on operator demand (src/facts/execution-frequency.ts) it is dropped
   * ('skip') or lowered to low severity ('low'). 'skip-startup': the risk is a goroutine or resource that lives
   * until the process ends, dropped only where the code runs once per process at start-up (not per operator signal:
   * each signal would start another). The engine judges it and removes the field.
   */
  onceOnly?: 'skip' | 'low' | 'skip-startup';
  /**
   * Engine-internal, never printed: the finding's risk lasts only as long as the process, or needs nobody watching it
   * (a blocked goroutine, a request that can hang): where every program of the repository reaching the code is a
   * one-shot command (src/facts/process-lifetime.ts) it is dropped ('skip'); 'skip-interactive': dropped only when
   * those programs are also command-line programs a human runs (a hang is seen and interrupted). The engine judges it
   * and removes the field.
   */
  oneShot?: 'skip' | 'skip-interactive';
  /** Runtime evidence (goready probe): the goroutine creation site and its counts over the samples. */
  runtime?: RuntimeEvidence;
}

/** What a probe of the running service measured for a finding. */
export interface RuntimeEvidence {
  /** The goroutine creation site (`function @ file:line`), or the endpoint / metric judged. */
  site: string;
  start: number;
  end: number;
  peak: number;
  /** Static findings (`ruleId file:line`) this runtime finding confirms. */
  confirms?: string[];
}

/** A known vulnerability matched in a dependency (or the Go toolchain / standard library). */
export interface VulnRef {
  /** Database id, e.g. GO-2024-2687. */
  id: string;
  /** CVE / GHSA ids. */
  aliases: string[];
  /** Affected module path ('stdlib' / 'toolchain' for Go itself). */
  module: string;
  /** The version in use (Go versions as go1.22.1). */
  version: string;
  /** Smallest fixed version above the one in use; absent when no fix exists. */
  fixed?: string;
  /** Strongest evidence reached: the module is required, an affected package is imported, an affected symbol is referenced. */
  level: 'module' | 'package' | 'symbol';
  /** Set when govulncheck's call graph confirms the vulnerable symbol is reached (--evidence). */
  confirmed?: 'govulncheck';
}

export interface Diagnostic {
  level: 'info' | 'warning' | 'error';
  /** Stable code, e.g. file-too-large, binary-file, invalid-utf8, syntax-error, symlink-loop. */
  code: string;
  message: string;
  file?: string;
  line?: number;
}

/** Markdown fence language for an example file name. */
export function fenceLanguage(filename: string | undefined): string {
  const f = filename ?? 'example.go';
  const base = f.slice(f.lastIndexOf('/') + 1);
  if (base.endsWith('.go')) return 'go';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (/^(Dockerfile|Containerfile)|\.dockerfile$/i.test(base)) return 'dockerfile';
  if (/^(GNUmakefile|Makefile|makefile)$|\.mk$/.test(base)) return 'makefile';
  if (base.endsWith('.json')) return 'json';
  if (base.endsWith('.sh')) return 'sh';
  return 'text';
}

export function fillTemplate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) =>
    Object.prototype.hasOwnProperty.call(data, k) ? String(data[k]) : `{{${k}}}`,
  );
}
