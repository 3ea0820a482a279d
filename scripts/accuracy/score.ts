/** Counting for peer-suite accuracy: per labelled unit, expected vs reported → TP / FP / FN. */
export interface Tally { tp: number; fp: number; fn: number }

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

/** A unit expecting `expected` reports and receiving `reported` (counts only, as gosec's suite does). */
export function tallyCounts(expected: number, reported: number): Tally {
  return { tp: Math.min(expected, reported), fp: Math.max(0, reported - expected), fn: Math.max(0, expected - reported) };
}

/**
 * A file with expectations per line (`// want`, with how many patterns) and reports per line:
 * a line's reports beyond its expectations are false positives, its unmet expectations misses.
 */
export function tallyLines(wants: Map<number, number>, reported: Map<number, number>): Tally {
  const t = emptyTally();
  for (const line of new Set([...wants.keys(), ...reported.keys()])) add(t, tallyCounts(wants.get(line) ?? 0, reported.get(line) ?? 0));
  return t;
}

export function add(into: Tally, t: Tally): Tally {
  into.tp += t.tp;
  into.fp += t.fp;
  into.fn += t.fn;
  return into;
}

/** Precision and recall; undefined where nothing was reported / expected. */
export function ratios(t: Tally): { precision?: number; recall?: number } {
  return {
    precision: t.tp + t.fp === 0 ? undefined : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? undefined : t.tp / (t.tp + t.fn),
  };
}
