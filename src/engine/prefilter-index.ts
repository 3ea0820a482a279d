/**
 * The text prefilters of a set of file rules, answered by one pass over a file. Every literal any rule's prefilter or
 * prefilterAll names (a few hundred strings) goes into one Aho-Corasick automaton: one scan of the source tells which
 * literals occur, and each rule's prefilter is then a lookup. Testing the rules one by one scanned each file once per
 * rule (an alternation per rule), 10-15 % of the CPU of a cold audit with every rule on.
 *
 * The answers are those of the rules' own prefilters (analyze-file.ts prefilterOf): a literal is found exactly when
 * the source contains it; a rule's prefilterRegex is tested only when its literals pass, as before.
 */
import type { FileRule } from '../rules/define-rule.js';

/** The literals of a set found in a text, by one pass (Aho-Corasick over ASCII literals). */
export class LiteralScanner {
  /** Transitions: state * 128 + character code → state (a complete automaton: failure links resolved). */
  private readonly next: Int32Array;
  /** Literal indexes ending at each state (through failure links too), or undefined. */
  private readonly ends: (number[] | undefined)[];
  private readonly always: number[] = [];

  /** `literals` must be ASCII (see LiteralScanner.accepts). */
  constructor(readonly literals: readonly string[]) {
    const children: Int32Array[] = [new Int32Array(128).fill(-1)];
    const own: number[][] = [[]];
    literals.forEach((lit, i) => {
      if (!lit.length) { this.always.push(i); return; }
      let s = 0;
      for (let k = 0; k < lit.length; k++) {
        const c = lit.charCodeAt(k);
        let t = children[s]![c]!;
        if (t === -1) {
          t = children.length;
          children.push(new Int32Array(128).fill(-1));
          own.push([]);
          children[s]![c] = t;
        }
        s = t;
      }
      own[s]!.push(i);
    });
    const n = children.length;
    const next = new Int32Array(n * 128);
    const fail = new Int32Array(n);
    const ends: (number[] | undefined)[] = new Array(n).fill(undefined);
    // breadth first: a state's failure target is shallower, so it is complete when the state is reached
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const t = children[0]![c]!;
      if (t === -1) next[c] = 0;
      else { next[c] = t; fail[t] = 0; queue.push(t); }
    }
    if (own[0]!.length) ends[0] = own[0];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      const inherited = ends[fail[s]!];
      const mine = own[s]!;
      ends[s] = mine.length ? (inherited ? [...mine, ...inherited] : mine) : inherited;
      for (let c = 0; c < 128; c++) {
        const t = children[s]![c]!;
        if (t === -1) next[s * 128 + c] = next[fail[s]! * 128 + c]!;
        else { fail[t] = next[fail[s]! * 128 + c]!; next[s * 128 + c] = t; queue.push(t); }
      }
    }
    this.next = next;
    this.ends = ends;
  }

  /** Whether every literal can go into a scanner (ASCII only: any other character ends every partial match). */
  static accepts(literals: readonly string[]): boolean {
    return literals.every((l) => /^[\x00-\x7f]*$/.test(l));
  }

  /** found[i] is 1 when literals[i] occurs in `text`. */
  scan(text: string): Uint8Array {
    const found = new Uint8Array(this.literals.length);
    for (const i of this.always) found[i] = 1;
    const next = this.next;
    const ends = this.ends;
    let s = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      const c = text.charCodeAt(i);
      // a character no literal holds: no literal can be in progress across it
      s = c < 128 ? next[(s << 7) | c]! : 0;
      const e = ends[s];
      if (e !== undefined) for (let k = 0; k < e.length; k++) found[e[k]!] = 1;
    }
    return found;
  }
}

interface CompiledRule {
  rule: FileRule;
  /** prefilter: indexes of its literals (any one), or undefined when the rule has none. */
  any: number[] | undefined;
  /** prefilterAll: each entry's literal indexes (any one of each). */
  all: number[][];
}

/** The prefilters of `rules` (in their order) and extra literal groups, answered by one scan of a file. */
export class PrefilterIndex {
  private readonly scanner: LiteralScanner;
  private readonly compiled: CompiledRule[];
  private readonly extraIds: number[][];

  private constructor(rules: readonly FileRule[], extra: readonly (readonly string[])[], literals: string[], ids: Map<string, number>) {
    this.scanner = new LiteralScanner(literals);
    const idOf = (s: string) => ids.get(s)!;
    this.compiled = rules.map((rule) => ({
      rule,
      any: rule.prefilter?.map(idOf),
      all: (rule.prefilterAll ?? []).map((e) => (typeof e === 'string' ? [idOf(e)] : e.map(idOf))),
    }));
    this.extraIds = extra.map((g) => g.map(idOf));
  }

  /** The index of `rules`' prefilters and `extra` groups, or undefined when a literal is not ASCII (the caller tests rule by rule). */
  static of(rules: readonly FileRule[], extra: readonly (readonly string[])[] = []): PrefilterIndex | undefined {
    const ids = new Map<string, number>();
    const literals: string[] = [];
    const add = (s: string) => { if (!ids.has(s)) { ids.set(s, literals.length); literals.push(s); } };
    for (const r of rules) {
      for (const s of r.prefilter ?? []) add(s);
      for (const e of r.prefilterAll ?? []) for (const s of typeof e === 'string' ? [e] : e) add(s);
    }
    for (const g of extra) for (const s of g) add(s);
    if (!LiteralScanner.accepts(literals)) return undefined;
    return new PrefilterIndex(rules, extra, literals, ids);
  }

  /**
   * The rules whose prefilter passes on `source` (those `eligible` keeps; the others are not tested), in their order,
   * and for each extra group whether `source` contains one of its strings.
   */
  match(source: string, eligible: (rule: FileRule) => boolean): { rules: FileRule[]; extra: boolean[] } {
    const found = this.scanner.scan(source);
    const some = (ids: number[]) => ids.some((i) => found[i] === 1);
    const rules: FileRule[] = [];
    for (const c of this.compiled) {
      if (!eligible(c.rule)) continue;
      if (c.any && !some(c.any)) continue;
      if (!c.all.every(some)) continue;
      if (c.rule.prefilterRegex && !c.rule.prefilterRegex.test(source)) continue;
      rules.push(c.rule);
    }
    return { rules, extra: this.extraIds.map(some) };
  }
}
