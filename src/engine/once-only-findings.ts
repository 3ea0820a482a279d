/**
 * Findings whose risk is a cost paid per call (Finding.onceOnly) in code that runs once per process or on operator
 * demand (src/facts/execution-frequency.ts): dropped or lowered to low severity, as the rule asked ('skip-startup':
 * dropped at start-up only); the field is removed. Findings whose risk lasts only as long as the process
 * (Finding.oneShot) in code that only one-shot programs reach (src/facts/process-lifetime.ts): dropped, as the rule
 * asked ('skip-interactive': only when those programs are command-line programs a human runs).
 */
import path from 'node:path';
import type { Finding } from '../core/types.js';
import type { RepoFacts } from '../facts/repo-facts.js';
import { PROCESS_LIFETIMES, lifetimeOf, type PackageLifetime } from '../facts/process-lifetime.js';
import { ONCE_ONLY_FUNCTIONS, STARTUP_ONLY_FUNCTIONS, runsAtStartupAt, runsOnceAt } from '../facts/execution-frequency.js';

export function judgeOnceOnlyFindings(findings: Finding[], repo: RepoFacts, root: string): Finding[] {
  if (!findings.some((f) => f.onceOnly || f.oneShot)) return findings;
  let once: Set<string> | undefined;
  let startup: Set<string> | undefined;
  let lifetimes: Readonly<Record<string, PackageLifetime>> | undefined;
  const files = new Map(repo.goFiles.map((f) => [f.rel, f]));
  return findings.flatMap((f) => {
    const oneShot = f.oneShot;
    if (oneShot) {
      delete f.oneShot;
      lifetimes ??= repo.fact(PROCESS_LIFETIMES);
      const life = lifetimeOf(lifetimes, path.relative(root, f.file).split(path.sep).join('/'));
      if (life?.lifetime === 'one-shot' && (oneShot === 'skip' || life.interactive)) return [];
    }
    const policy = f.onceOnly;
    if (!policy) return [f];
    delete f.onceOnly;
    const file = files.get(path.relative(root, f.file).split(path.sep).join('/'));
    if (!file) return [f];
    if (policy === 'skip-startup') {
      startup ??= new Set(repo.fact(STARTUP_ONLY_FUNCTIONS));
      return runsAtStartupAt(file, startup, f.line) ? [] : [f];
    }
    once ??= new Set(repo.fact(ONCE_ONLY_FUNCTIONS));
    if (!runsOnceAt(file, once, f.line)) return [f];
    return policy === 'skip' ? [] : [{ ...f, severity: 'low' }];
  });
}
