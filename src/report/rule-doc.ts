/**
 * A rule's documentation as one model: what the docs pages, `goready explain`, SARIF rule help,
 * the HTML report and the dashboard's rule page render (printers/rule-doc-*.ts render it as
 * markdown, plain text and HTML). Built from a rule's metadata, or from a report's rule (the same
 * rule as an audit ran it: its severity may be configured, and the report does not carry its
 * messages or notes).
 */
import type { Confidence, RuleMeta, Severity } from '../core/types.js';
import { ruleDocUrl } from '../core/tool-package.js';
import { CONFIDENCE_FACTOR, NON_SHIPPED_FACTOR, SEVERITY_WEIGHT } from '../scoring/policy.js';
import type { ReportRule } from './model.js';

/** Where a rule lives in the source tree: its module and its tests (paths relative to the project root). */
export interface RuleLocation { source: string; testdata?: string; tests?: string[] }

export interface RuleDocExample { bad: string; good: string; filename?: string }

/** What one finding of the rule costs its dimension's score, and the factors that make it up. */
export interface RuleScoreWeight { points: number; severity: number; confidence: number; nonShipped: number }

/** The rule's metadata as documented; `severity` is the one the audit ran it with when built from a report. */
export interface RuleDoc extends Pick<RuleMeta, 'id' | 'name' | 'dimension' | 'severity' | 'confidence' | 'lifecycle' | 'experimentalReason'
  | 'title' | 'passCriterion' | 'rationale' | 'fix' | 'notes' | 'sources'> {
  /** messageId → template (empty when built from a report's rule). */
  messages: [string, string][];
  examples: RuleDocExample[];
  /** The commands that report an evidence rule. */
  reportedBy?: string;
  /** The directive that suppresses one finding. */
  suppress: string;
  helpUri: string;
  where?: RuleLocation;
  weight: RuleScoreWeight;
}

function weightOf(severity: Severity, confidence: Confidence): RuleScoreWeight {
  return {
    points: SEVERITY_WEIGHT[severity] * CONFIDENCE_FACTOR[confidence],
    severity: SEVERITY_WEIGHT[severity], confidence: CONFIDENCE_FACTOR[confidence], nonShipped: NON_SHIPPED_FACTOR,
  };
}

/** The documentation of a rule from its metadata (`reportedBy` for evidence rules; `where` when the source tree is known). */
export function ruleDocOf(m: RuleMeta & { reportedBy?: string }, where?: RuleLocation): RuleDoc {
  return {
    id: m.id, name: m.name, dimension: m.dimension, severity: m.severity, confidence: m.confidence, lifecycle: m.lifecycle,
    ...(m.experimentalReason ? { experimentalReason: m.experimentalReason } : {}),
    title: m.title,
    ...(m.passCriterion ? { passCriterion: m.passCriterion } : {}),
    rationale: m.rationale, fix: { text: m.fix.text, effort: m.fix.effort },
    ...(m.notes ? { notes: m.notes } : {}),
    messages: Object.entries(m.messages),
    examples: m.examples.map((e) => ({ bad: e.bad, good: e.good, filename: e.filename })),
    sources: m.sources,
    ...(m.reportedBy ? { reportedBy: m.reportedBy } : {}),
    suppress: suppressDirective(m.id),
    helpUri: ruleDocUrl(m.id),
    ...(where ? { where } : {}),
    weight: weightOf(m.severity, m.confidence),
  };
}

/** The documentation of a rule as a report (or the history store) carries it. */
export function ruleDocOfReport(r: ReportRule): RuleDoc {
  return {
    id: r.id, name: r.name, dimension: r.dimension, severity: r.severity, confidence: r.confidence, lifecycle: r.lifecycle,
    ...(r.experimentalReason ? { experimentalReason: r.experimentalReason } : {}),
    title: r.title,
    ...(r.passCriterion ? { passCriterion: r.passCriterion } : {}),
    rationale: r.rationale, fix: { text: r.fix, effort: r.fixEffort },
    messages: [],
    examples: r.examples,
    sources: r.sources,
    suppress: suppressDirective(r.id),
    helpUri: r.helpUri,
    weight: weightOf(r.severity, r.confidence),
  };
}

export function suppressDirective(id: string): string {
  return `//goready:ignore ${id} -- reason`;
}
