/**
 * Stage 4: inline suppressions. Suppressed findings are kept and marked. Directives people
 * already write are honoured, mapped through each rule's `sources`:
 *   //goready:ignore ID|name -- reason, //goready:file-ignore ID -- reason
 *   //nolint, //nolint:all, //nolint:goready, //nolint:gosec (rules with a gosec: source), ...
 *   #nosec [G402]   (rules with that gosec source; bare #nosec: rules with any gosec source)
 *   //lint:ignore SA1015 reason, //lint:file-ignore SA1015 reason (staticcheck codes or goready ids)
 * A finding with related places (one concern at several places) is suppressed by a directive at its own (reported)
 * place, as the other places are listed under it; directives at those places then count as used. An unused or malformed goready directive is reported as a diagnostic. The directive language
 * (reading and matching) is src/core/suppression-directives.ts.
 */
import type { Finding } from '../core/types.js';
import { directiveMatches, type Directive } from '../core/suppression-directives.js';
import type { Stage } from './types.js';

export const inlineSuppressions: Stage = (s) => {
  const metaById = new Map(s.rules.map((r) => [r.meta.id, r.meta]));
  const used = new Set<Directive>();
  const diagnostics = [...s.diagnostics];
  const findings: Finding[] = s.findings.map((f) => {
    if (f.suppressed) return f;
    const meta = metaById.get(f.ruleId);
    if (!meta) return f;
    const at = (file: string, line: number) => (s.directives.get(file) ?? []).find((d) => !d.problem
      && line >= d.fromLine && line <= d.toLine && directiveMatches(d, meta));
    const d = at(f.file, f.line);
    if (d) {
      used.add(d);
      // one concern at several places (src/engine/concern-groups.ts): the directives written at its other places,
      // when each was its own finding, are not unused
      for (const r of f.related ?? []) {
        const o = at(r.file, r.line);
        if (o) used.add(o);
      }
      return { ...f, suppressed: { kind: d.kind, reason: d.reason } };
    }
    return f;
  });
  for (const [file, ds] of s.directives) {
    for (const d of ds) {
      if (d.kind !== 'goready' && d.kind !== 'goready-file') continue;
      if (d.problem) {
        diagnostics.push({ level: 'warning', code: 'bad-directive', file, line: d.line, message: `${d.problem}; the directive is ignored` });
        continue;
      }
      if (used.has(d)) continue;
      // a directive naming only rules disabled in this run cannot fire: not reported as unused
      const targetsEnabled = s.rules.some((r) => directiveMatches(d, r.meta));
      const known = s.knownRules.some((r) => directiveMatches(d, r.meta));
      if (known && !targetsEnabled) continue;
      diagnostics.push({
        level: 'warning', code: 'unused-directive', file, line: d.line,
        message: known
          ? `goready directive for ${d.targets.join(', ')} suppresses nothing: remove it`
          : `goready directive names unknown rule(s) ${d.targets.join(', ')}`,
      });
    }
  }
  return { ...s, findings, diagnostics };
};
