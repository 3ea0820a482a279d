/** Stage 3: findings in generated files (standard "Code generated ... DO NOT EDIT." header; YAML under gen/, code-roles generatedByPath) are dropped unless asked for. */
import type { Stage } from './types.js';

export const generatedFiles: Stage = (s) =>
  s.config.includeGenerated ? s : { ...s, findings: s.findings.filter((f) => !f.generated) };
