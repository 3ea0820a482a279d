/**
 * A synthetic history database for load tests: one survey of `repos` repositories with `perRepo`
 * findings each, written through the store's real record path (createSurvey + recordAudit, one
 * transaction per audit, so indexes and full-text triggers are exercised as in a real survey).
 * Deterministic (a seeded generator): the same arguments give the same database content.
 */
import { DIMENSIONS, type Dimension, type Severity } from '../src/core/types.js';
import type { ReportRule } from '../src/report/model.js';
import type { Scores } from '../src/scoring/score.js';
import type { AuditRecord, FindingRecord } from '../src/store/record.js';
import { openHistoryStore } from '../src/store/open-store.js';

import { rng } from './prng.js';

const SEVERITY_WEIGHTS: [Severity, number][] = [['critical', 0.02], ['high', 0.13], ['medium', 0.45], ['low', 0.3], ['info', 0.1]];
const WORDS = ['ticker', 'timer', 'context', 'cancel', 'goroutine', 'channel', 'mutex', 'server', 'client', 'timeout', 'deadline', 'handler', 'request',
  'response', 'body', 'close', 'leak', 'retry', 'backoff', 'metric', 'span', 'tracer', 'logger', 'secret', 'token', 'password', 'tls', 'cipher',
  'random', 'hash', 'query', 'sql', 'exec', 'shell', 'path', 'file', 'permission', 'docker', 'image', 'build', 'module', 'version', 'pprof', 'debug'];
const DIRS = ['cmd', 'internal', 'pkg', 'api', 'server', 'client', 'storage', 'auth', 'metrics', 'worker', 'queue', 'cache', 'config', 'util'];

/** 60 synthetic rules across the dimensions (ids like CON1001), so filters by rule and dimension have realistic selectivity. */
export function syntheticRules(): ReportRule[] {
  const prefix: Record<Dimension, string> = Object.fromEntries(DIMENSIONS.map((d) => [d, d.slice(0, 3).toUpperCase()])) as Record<Dimension, string>;
  const r = rng(7);
  return Array.from({ length: 60 }, (_, i) => {
    const dimension = DIMENSIONS[i % DIMENSIONS.length]!;
    const w1 = WORDS[Math.floor(r() * WORDS.length)]!;
    const w2 = WORDS[Math.floor(r() * WORDS.length)]!;
    return {
      id: `${prefix[dimension]}${1001 + Math.floor(i / DIMENSIONS.length)}`, name: `${w1}-${w2}-${i}`, dimension,
      severity: pick(r, SEVERITY_WEIGHTS), confidence: 'high', lifecycle: 'stable', title: `${w1} ${w2}`, rationale: `why ${w1} ${w2} matters`,
      fix: `fix the ${w1}`, fixEffort: 'low', sources: [], examples: [], helpUri: `https://example.invalid/rules/${i}`, applicable: true,
    };
  });
}

function pick<T>(r: () => number, weighted: [T, number][]): T {
  let x = r();
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

function scoresFor(r: () => number): Scores {
  const dims = Object.fromEntries(DIMENSIONS.map((d) => {
    const score = Math.round(40 + r() * 60);
    return [d, { score, status: score >= 70 ? 'pass' : 'risk', reason: 'synthetic', findings: 0, suppressed: 0, penalty: 0, rulesRun: 1, rulesApplicable: 1 }];
  }));
  const overall = Math.round(50 + r() * 50);
  return { overall, grade: overall >= 90 ? 'A' : overall >= 80 ? 'B' : 'C', dimensions: dims, codeLines: 10_000 } as unknown as Scores;
}

export interface SyntheticFleet { surveyId: number; repos: number; findings: number; rules: ReportRule[] }

/** Writes the survey into `dbFile` (created). `onRepo` is called after each recorded audit. */
/** Writes the fleet into a new survey of `db` (a SQLite file or a postgres:// URL). */
export async function writeSyntheticFleet(db: string, opts: { repos: number; perRepo: number; seed?: number; onRepo?: (done: number) => void }): Promise<SyntheticFleet> {
  const store = await openHistoryStore(db);
  try {
    const r = rng(opts.seed ?? 1);
    const rules = syntheticRules();
    const entries = Array.from({ length: opts.repos }, (_, i) => ({ location: `/synthetic/repo-${String(i).padStart(4, '0')}`, kind: 'path' as const, name: `repo-${String(i).padStart(4, '0')}` }));
    const surveyId = await store.createSurvey({ name: 'synthetic', source: '/synthetic/list.txt', sourceHash: `h${opts.seed ?? 1}`, optionsHash: 'o', options: {}, toolVersion: '0.0.0-bench', entries });
    let total = 0;
    for (const [i, e] of (await store.entries(surveyId)).entries()) {
      const findings: FindingRecord[] = [];
      for (let k = 0; k < opts.perRepo; k++) {
        const rule = rules[Math.floor(Math.pow(r(), 1.6) * rules.length)]!; // a few rules dominate, as in real fleets
        const dir = DIRS[Math.floor(r() * DIRS.length)]!;
        const file = `${dir}/${WORDS[Math.floor(r() * WORDS.length)]}_${Math.floor(r() * 40)}.go`;
        const w = () => WORDS[Math.floor(r() * WORDS.length)]!;
        findings.push({
          ruleId: rule.id, ruleName: rule.name, dimension: rule.dimension, severity: rule.severity, confidence: 'high',
          message: `${w()} ${w()} is never ${w()}ed before the ${w()} returns (${rule.title})`, fix: rule.fix, file, line: 1 + Math.floor(r() * 900), column: 1 + Math.floor(r() * 40),
          snippet: `\t${w()} := ${w()}.New${w()}()`, fingerprint: `${rule.id}:${file}:${k}`, suppressed: r() < 0.05 ? { kind: 'goready', reason: 'accepted' } : undefined,
          inTest: r() < 0.15, generated: false,
        } as FindingRecord);
      }
      total += findings.length;
      const rec: AuditRecord = {
        checkout: { commit: `c${i}`.padEnd(40, '0'), commitDate: '2026-01-01T00:00:00Z', ref: null, dirty: false },
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), durationMs: 1000, toolVersion: '0.0.0-bench', rulesetHash: 'r', optionsHash: 'o',
        scores: scoresFor(r),
        stats: { goFiles: 100, analysedFiles: 100, parsedFiles: 100, skippedFiles: 0, testFiles: 10, generatedFiles: 0, lines: 12000, codeLines: 10000, findings: findings.length, suppressed: 0, hiddenBySeverity: 0, hiddenByCaps: 0, hiddenByRev: 0 } as AuditRecord['stats'],
        findings, rules,
      };
      await store.recordAudit(surveyId, e.repoId, rec);
      opts.onRepo?.(i + 1);
    }
    await store.finishIfComplete(surveyId);
    return { surveyId, repos: opts.repos, findings: total, rules };
  } finally {
    await store.close();
  }
}

/** Words that appear in synthetic messages and paths (for text-search load). */
export const SYNTHETIC_WORDS: readonly string[] = WORDS;
