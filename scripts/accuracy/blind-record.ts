/**
 * The blind record: every rule's verdicts summed over the blind samples in docs/accuracy
 * (blind-sample-*.md, the table after a `<!-- blind-record … -->` marker: the verdicts as judged on
 * the blind draw, never a re-judging after fixes), and the gate a rule must pass to be on by
 * default. Pure functions over the documents' text, and the one reader of the documents
 * (readBlindSamples) that scripts/blind-record.ts and the test share.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleMeta } from '../../src/core/types.js';
import { pct, type Verdict } from './blind-sample.js';

export interface RuleRecord { ruleId: string; TP: number; FP: number; DEB: number; samples: string[] }

export const RECORD_MARKER = '<!-- blind-record';
const ROW = /^\|\s*([A-Z]{3}\d{4})\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/;

/** Per-rule counts of one sample document (empty when it has no marked table). */
export function parseSampleDoc(text: string): Map<string, Record<Verdict, number>> {
  const out = new Map<string, Record<Verdict, number>>();
  const at = text.indexOf(RECORD_MARKER);
  if (at < 0) return out;
  const lines = text.slice(at).split('\n').slice(1);
  let inTable = false;
  for (const line of lines) {
    if (!line.startsWith('|')) { if (inTable) break; continue; }
    inTable = true;
    const m = ROW.exec(line);
    if (m) out.set(m[1]!, { TP: Number(m[2]), FP: Number(m[3]), DEB: Number(m[4]) });
  }
  return out;
}

/** A sample's label: its document name without `blind-sample-` and `.md` (the date, YYYY-MM-DD). */
export const sampleLabel = (name: string) => name.replace(/^.*blind-sample-|\.md$/g, '');

/** The blind samples of a directory (docs/accuracy): label → document text, in label order. */
export function readBlindSamples(dir: string): Map<string, string> {
  const docs = new Map<string, string>();
  for (const f of readdirSync(dir).filter((f) => /^blind-sample-.*\.md$/.test(f)).sort()) docs.set(sampleLabel(f), readFileSync(join(dir, f), 'utf8'));
  return docs;
}

/** The rules' `blindRecordFrom` labels (rule id → first sample that counts), for blindRecord and gate's `reworked`. */
export const recordFromOf = (rules: readonly { meta: Pick<RuleMeta, 'id' | 'blindRecordFrom'> }[]): Map<string, string> =>
  new Map(rules.flatMap((r) => (r.meta.blindRecordFrom ? [[r.meta.id, r.meta.blindRecordFrom] as const] : [])));

/**
 * Sums the samples (name → document text) into one record per rule; a rule with a `from` label (reworked after
 * earlier samples) counts only the samples labelled from then on.
 */
export function blindRecord(docs: ReadonlyMap<string, string>, from: ReadonlyMap<string, string> = new Map()): Map<string, RuleRecord> {
  const out = new Map<string, RuleRecord>();
  for (const [doc, text] of [...docs].sort(([a], [b]) => a.localeCompare(b))) {
    const name = sampleLabel(doc);
    for (const [ruleId, v] of parseSampleDoc(text)) {
      const since = from.get(ruleId);
      if (since !== undefined && name < since) continue;
      const r = out.get(ruleId) ?? { ruleId, TP: 0, FP: 0, DEB: 0, samples: [] };
      r.TP += v.TP; r.FP += v.FP; r.DEB += v.DEB;
      if (v.TP + v.FP + v.DEB > 0) r.samples.push(name);
      out.set(ruleId, r);
    }
  }
  return out;
}

/**
 * The default-rule gate. A rule stays on by default unless its blind record shows it does not hold:
 * with at least MIN_JUDGED judged findings, precision TP/(TP+FP) under MIN_PRECISION or a share of
 * "nobody would act" above MAX_DEB_SHARE; or, with at least MIN_JUDGED_NO_TP, not one finding acted on.
 * Fewer judged findings are not evidence either way ("too few").
 */
export const GATE = { MIN_JUDGED: 4, MIN_PRECISION: 0.9, MAX_DEB_SHARE: 1 / 3, MIN_JUDGED_NO_TP: 3 } as const;

/** A rule on by default must not be 'fails' or 'unproven'. */
export const offendsGate = (v: GateResult['verdict']) => v === 'fails' || v === 'unproven';

export type GateResult = { verdict: 'holds' | 'fails' | 'too few' | 'unproven'; precision: number | null; debShare: number | null; why: string };

/**
 * `reworked`: the rule's record restarts at a later sample (blindRecordFrom); with too few judged findings since,
 * it is 'unproven' — it stays off by default until a fresh blind record clears the bar.
 */
export function gate(r: Pick<RuleRecord, 'TP' | 'FP' | 'DEB'>, reworked = false): GateResult {
  const n = r.TP + r.FP + r.DEB;
  const precision = r.TP + r.FP ? r.TP / (r.TP + r.FP) : null;
  const debShare = n ? r.DEB / n : null;
  const fig = `${r.TP} TP / ${r.FP} FP / ${r.DEB} DEB`;
  if (n >= GATE.MIN_JUDGED_NO_TP && r.TP === 0) return { verdict: 'fails', precision, debShare, why: `${fig}: no judged finding was acted on` };
  if (n < GATE.MIN_JUDGED && reworked) return { verdict: 'unproven', precision, debShare, why: `${fig} since the rework: fewer than ${GATE.MIN_JUDGED} judged` };
  if (n < GATE.MIN_JUDGED) return { verdict: 'too few', precision, debShare, why: `${fig}: fewer than ${GATE.MIN_JUDGED} judged` };
  const reasons: string[] = [];
  if (precision !== null && precision < GATE.MIN_PRECISION) reasons.push(`precision ${pct(precision)} < ${pct(GATE.MIN_PRECISION)}`);
  if (debShare !== null && debShare > GATE.MAX_DEB_SHARE) reasons.push(`"nobody would act" ${pct(debShare)} > ${pct(GATE.MAX_DEB_SHARE)}`);
  return reasons.length ? { verdict: 'fails', precision, debShare, why: `${fig}: ${reasons.join(', ')}` } : { verdict: 'holds', precision, debShare, why: fig };
}
