/**
 * Stage 4b: accepted vulnerabilities from `.goready.yaml` (`vuln-ignore: [{id, reason, expires}]`).
 * A finding whose `vuln` id or alias matches an entry is marked suppressed (kept, not scored)
 * until the entry expires; after its `expires` day (UTC) the finding counts again and a warning
 * says so. Entries that matched nothing are reported, so stale ignores get cleaned up.
 */
import type { Diagnostic, Finding } from '../core/types.js';
import type { VulnIgnore } from '../config/config.js';
import { relativePath } from './relativize.js';
import type { Stage } from './types.js';

/** YYYY-MM-DD of a date in UTC. */
function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function vulnIgnoresAt(now: () => Date): Stage {
  return (s) => {
    const ignores = s.config.vulnIgnores ?? [];
    if (!ignores.length) return s;
    const today = day(now());
    const used = new Set<VulnIgnore>();
    const expiredSeen = new Set<VulnIgnore>();
    const matchOf = (f: Finding) => {
      const ids = [f.vuln!.id, ...f.vuln!.aliases].map((x) => x.toUpperCase());
      return ignores.find((ig) => ids.includes(ig.id.toUpperCase()));
    };
    const findings = s.findings.map((f) => {
      if (!f.vuln) return f;
      const ig = matchOf(f);
      if (!ig) return f;
      used.add(ig);
      if (f.suppressed) return f;
      if (ig.expires && ig.expires < today) {
        expiredSeen.add(ig);
        return { ...f, message: `${f.message} (vuln-ignore expired on ${ig.expires}: ${ig.reason})` };
      }
      return { ...f, suppressed: { kind: 'vuln-ignore', reason: `${ig.reason}${ig.expires ? ` (until ${ig.expires})` : ''}` } };
    });
    const diagnostics: Diagnostic[] = [...s.diagnostics];
    const file = s.config.path ? relativePath(s.root, s.config.path) : undefined;
    for (const ig of expiredSeen) {
      diagnostics.push({ level: 'warning', code: 'vuln-ignore-expired', file, message: `vuln-ignore ${ig.id} expired on ${ig.expires} (${ig.reason}): its findings count again; fix them or renew the entry` });
    }
    // unused entries can only be judged when the vulnerability rule ran against a database
    const checked = !!s.config.vulndb && s.rules.some((r) => r.meta.id === 'SUP1001') && !s.diagnostics.some((d) => d.code === 'vulndb-error');
    for (const ig of ignores) {
      if (used.has(ig)) continue;
      if (checked) diagnostics.push({ level: 'warning', code: 'vuln-ignore-unused', file, message: `vuln-ignore ${ig.id} matched no finding (fixed, or the id is wrong): remove it` });
    }
    if (!checked && ignores.some((ig) => !used.has(ig))) {
      diagnostics.push({ level: 'info', code: 'vuln-ignore-unchecked', file, message: `${ignores.length} vuln-ignore entr${ignores.length === 1 ? 'y was' : 'ies were'} not checked: no vulnerability database was used` });
    }
    return { ...s, findings, diagnostics };
  };
}

export const vulnIgnores: Stage = vulnIgnoresAt(() => new Date());
