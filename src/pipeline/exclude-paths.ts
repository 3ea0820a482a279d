/** Stage 2: drops findings under paths excluded by config, globally or per rule (gitignore-style globs). */
import ignore from 'ignore';
import type { Stage } from './types.js';

export const excludePaths: Stage = (s) => {
  const global = s.config.exclude.length ? ignore().add(s.config.exclude) : undefined;
  const perRule = new Map(Object.entries(s.config.ruleExcludes).map(([id, globs]) => [id, ignore().add(globs)]));
  if (!global && !perRule.size) return s;
  return {
    ...s,
    findings: s.findings.filter((f) => {
      if (global?.ignores(f.file)) return false;
      const r = perRule.get(f.ruleId);
      return !r?.ignores(f.file);
    }),
  };
};
