/**
 * Blind-sample accuracy: a seeded draw of findings from real repositories, a judging sheet a reviewer
 * fills in (TP, FP or DEB = "literally right, nobody would act on it"), and the per-rule tally of a
 * judged sheet. Pure functions; scripts/accuracy-sample.ts does the I/O.
 */
import { rng } from '../prng.js';

export type Verdict = 'TP' | 'FP' | 'DEB';
export const VERDICTS: readonly Verdict[] = ['TP', 'FP', 'DEB'];

export interface RepoFinding {
  repo: string;
  ruleId: string;
  file: string;
  line: number;
  message: string;
  role?: string;
  context?: { startLine: number; lines: string[] };
}

export interface SheetItem extends RepoFinding {
  n: number;
  verdict: Verdict | null;
  /** For an FP or DEB: the cause class (e.g. "operator config", "inspection tool"). */
  class: string;
  note: string;
}

export interface SheetRepo { name: string; commit: string | null; findings: number }

export interface Sheet { seed: number; cap: number; size: number; repos: SheetRepo[]; population: number; items: SheetItem[] }

const order = (a: RepoFinding, b: RepoFinding) =>
  a.repo.localeCompare(b.repo) || a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);

/**
 * Seeded draw: the population in a fixed order, shuffled by the seed (Fisher–Yates), then taken in
 * that order skipping findings whose rule already has `cap`, until `size` are drawn.
 */
export function drawSample(population: RepoFinding[], seed: number, cap: number, size: number): RepoFinding[] {
  const all = [...population].sort(order);
  const next = rng(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const perRule = new Map<string, number>();
  const out: RepoFinding[] = [];
  for (const f of all) {
    if (out.length >= size) break;
    const n = perRule.get(f.ruleId) ?? 0;
    if (n >= cap) continue;
    perRule.set(f.ruleId, n + 1);
    out.push(f);
  }
  return out;
}

export function makeSheet(population: RepoFinding[], repos: SheetRepo[], seed: number, cap: number, size: number): Sheet {
  const items = drawSample(population, seed, cap, size).map((f, i) => ({ n: i + 1, ...f, verdict: null, class: '', note: '' }));
  return { seed, cap, size, repos, population: population.length, items };
}

export interface RuleTally { ruleId: string; tp: number; fp: number; deb: number; unjudged: number }

export interface SheetScore {
  rules: RuleTally[];
  total: RuleTally;
  /** TP / (TP + FP); undefined when nothing is judged TP or FP. */
  precision?: number;
  /** DEB / judged. */
  debShare?: number;
  repos: number;
}

export function scoreSheet(sheet: Sheet): SheetScore {
  const by = new Map<string, RuleTally>();
  const total: RuleTally = { ruleId: 'total', tp: 0, fp: 0, deb: 0, unjudged: 0 };
  for (const it of sheet.items) {
    const t = by.get(it.ruleId) ?? { ruleId: it.ruleId, tp: 0, fp: 0, deb: 0, unjudged: 0 };
    by.set(it.ruleId, t);
    for (const x of [t, total]) {
      if (it.verdict === 'TP') x.tp++;
      else if (it.verdict === 'FP') x.fp++;
      else if (it.verdict === 'DEB') x.deb++;
      else x.unjudged++;
    }
  }
  const judged = total.tp + total.fp + total.deb;
  return {
    rules: [...by.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    total,
    precision: total.tp + total.fp === 0 ? undefined : total.tp / (total.tp + total.fp),
    debShare: judged === 0 ? undefined : total.deb / judged,
    repos: new Set(sheet.items.map((i) => i.repo)).size,
  };
}

/** A share as a percentage with one decimal, `—` when there is none. */
export const pct = (x?: number | null) => (x === undefined || x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/** The judged sheet as Markdown: per-rule table, totals, and every FP/DEB with its class. */
export function scoreMarkdown(sheet: Sheet): string {
  const s = scoreSheet(sheet);
  const lines = [
    `Seed ${sheet.seed}, cap ${sheet.cap} per rule, ${sheet.items.length} findings drawn from ${sheet.population} over ${s.repos} repositories.`,
    '',
    '| rule | TP | FP | DEB | unjudged | precision |',
    '|---|---:|---:|---:|---:|---:|',
    ...s.rules.map((r) => `| ${r.ruleId} | ${r.tp} | ${r.fp} | ${r.deb} | ${r.unjudged} | ${pct(r.tp + r.fp ? r.tp / (r.tp + r.fp) : undefined)} |`),
    `| **total** | ${s.total.tp} | ${s.total.fp} | ${s.total.deb} | ${s.total.unjudged} | ${pct(s.precision)} |`,
    '',
    `Precision TP/(TP+FP) = ${pct(s.precision)}; DEB share = ${pct(s.debShare)}.`,
  ];
  const notTp = sheet.items.filter((i) => i.verdict === 'FP' || i.verdict === 'DEB');
  if (notTp.length) {
    lines.push('', '| # | verdict | rule | where | class | note |', '|---|---|---|---|---|---|');
    for (const i of notTp) lines.push(`| ${i.n} | ${i.verdict} | ${i.ruleId} | ${i.repo}/${i.file}:${i.line} | ${i.class} | ${i.note.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n') + '\n';
}

/** The sheet for reading: one section per finding with its code context. */
export function sheetMarkdown(sheet: Sheet): string {
  const out = [`# Blind sample — seed ${sheet.seed}, cap ${sheet.cap}, ${sheet.items.length} of ${sheet.population} findings`, '',
    '| repo | commit | findings |', '|---|---|---:|', ...sheet.repos.map((r) => `| ${r.name} | ${r.commit ?? '?'} | ${r.findings} |`), ''];
  for (const it of sheet.items) {
    out.push(`## ${it.n}. ${it.ruleId} — ${it.repo}/${it.file}:${it.line}${it.role && it.role !== 'production' ? ` (${it.role})` : ''}`, '', it.message, '');
    if (it.context?.lines.length) {
      out.push('```go');
      it.context.lines.forEach((l, k) => {
        const ln = it.context!.startLine + k;
        out.push(`${ln === it.line ? '>' : ' '}${String(ln).padStart(5)}  ${l}`);
      });
      out.push('```', '');
    }
  }
  return out.join('\n');
}

/** Structural check of a sheet read back from disk (it is edited by hand). */
export function checkSheet(x: unknown): Sheet {
  const s = x as Sheet;
  if (!s || typeof s !== 'object' || !Array.isArray(s.items) || typeof s.seed !== 'number') throw new Error('not a judging sheet (no seed/items)');
  for (const it of s.items) {
    if (it.verdict !== null && !VERDICTS.includes(it.verdict)) throw new Error(`item ${it.n}: verdict must be TP, FP, DEB or null, got ${JSON.stringify(it.verdict)}`);
  }
  return s;
}
