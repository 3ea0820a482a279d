/**
 * A file rule's report made into a Finding: the rule's confidence (lowered when the file did not
 * decode or parse cleanly), the position of the node or the line/column reported, the source line
 * as snippet, and only the equivalent-check sources the rule declares.
 */
import type { Confidence, Finding } from '../core/types.js';
import { lowerConfidence } from '../core/types.js';
import { ruleFinding } from '../core/finding.js';
import type { CodeRole } from '../core/code-roles.js';
import type { FileRule, ReportInput } from '../rules/define-rule.js';

/** What every finding of one file shares. */
export interface FindingSite {
  absPath: string;
  /** Module directory the file belongs to. */
  module?: string;
  generated: boolean;
  inTest: boolean;
  role: CodeRole;
  /** The file decoded with replacement characters or has a syntax error: findings get lowered confidence. */
  confidencePenalty: boolean;
  /** The source line (1-based). */
  lineOfSource: (line: number) => string | undefined;
}

export function fileFinding(rule: FileRule, r: ReportInput, site: FindingSite): Finding {
  let confidence: Confidence = r.confidence ?? rule.meta.confidence;
  if (site.confidencePenalty) confidence = lowerConfidence(confidence);
  const start = r.node ? r.node.startPosition : { row: (r.line ?? 1) - 1, column: (r.column ?? 1) - 1 };
  const end = r.node ? r.node.endPosition : undefined;
  return ruleFinding(rule.meta, { ...r, confidence }, {
    file: site.absPath, line: start.row + 1, column: start.column + 1,
    endLine: end ? end.row + 1 : undefined, endColumn: end ? end.column + 1 : undefined,
  }, {
    generated: site.generated || undefined, inTest: site.inTest || undefined, role: site.role,
    module: site.module,
    snippet: site.lineOfSource(start.row + 1)?.trim().slice(0, 200),
    sources: r.sources?.filter((s) => rule.meta.sources.includes(s)),
    ...(r.onceOnly ? { onceOnly: r.onceOnly } : {}),
    ...(r.oneShot ? { oneShot: r.oneShot } : {}),
    ...(r.concern !== undefined ? { concern: `${site.absPath}\0${r.concern}` } : {}),
  });
}
