/** Final stage: stable order — file, line, column, rule id. */
import type { Finding } from '../core/types.js';
import type { Stage } from './types.js';

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export const sortFindings: Stage = (s) => ({ ...s, findings: [...s.findings].sort(compareFindings) });
