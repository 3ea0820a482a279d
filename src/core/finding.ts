/**
 * The one way a Finding is made: a rule's identity and defaults, what it reported and where.
 * Every producer goes through here — per-file analysis, cross-file `finish` hooks and repo rules
 * (engine), artifact and probe checks (`evidenceFinding`) — so the fields and their order (the
 * JSON report prints them in this order) are decided once.
 */
import { fillTemplate, type Confidence, type Dimension, type Finding, type RuleMeta, type Severity } from './types.js';

/** The rule fields a finding carries (a registry rule's metadata, or an evidence check's). */
export interface FindingRule {
  id: string;
  name: string;
  dimension: Dimension;
  severity: Severity;
  confidence: Confidence;
  /** The fix text. */
  fix: string;
}

/** What a rule reported: one of its messages with data, and optional severity/confidence overrides. */
export interface FindingReport {
  messageId: string;
  data?: Record<string, string | number>;
  severity?: Severity;
  confidence?: Confidence;
}

/** Where: a file (absolute until the relativise stage) and a 1-based position (column 1 when absent). */
export interface FindingPlace {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** The rule's message `messageId` with `data` filled in (the id itself when the rule has no such message). */
export function ruleMessage(meta: Pick<RuleMeta, 'messages'>, messageId: string, data?: Record<string, string | number>): string {
  const template = meta.messages[messageId];
  return template ? fillTemplate(template, data) : messageId;
}

/** A finding of `rule` with a ready message; `extra` adds the producer's fields (snippet, module, vuln…). */
export function makeFinding(rule: FindingRule, message: string, at: FindingPlace, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: rule.id, ruleName: rule.name, dimension: rule.dimension, severity: rule.severity, confidence: rule.confidence,
    message, file: at.file, line: at.line, column: at.column ?? 1,
    ...(at.endLine !== undefined ? { endLine: at.endLine } : {}),
    ...(at.endColumn !== undefined ? { endColumn: at.endColumn } : {}),
    fix: rule.fix,
    ...extra,
  };
}

/** A finding of a registry rule from what it reported (its message, its severity/confidence unless overridden). */
export function ruleFinding(meta: RuleMeta, rep: FindingReport, at: FindingPlace, extra: Partial<Finding> = {}): Finding {
  const rule: FindingRule = {
    id: meta.id, name: meta.name, dimension: meta.dimension,
    severity: rep.severity ?? meta.severity, confidence: rep.confidence ?? meta.confidence, fix: meta.fix.text,
  };
  return makeFinding(rule, ruleMessage(meta, rep.messageId, rep.data), at, extra);
}
