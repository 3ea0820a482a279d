/**
 * Path queries on a function body, without a type checker: from a starting statement, which exits
 * (return statements, or the closing brace) can be reached on some path that never discharges an
 * obligation (calls cancel, stops the ticker, closes the body…)? A structured data-flow pass over
 * Go's statements — sequences, if/else, for/range (with break and continue, labelled or not; a range over
 * time.Tick never ends),
 * switch/type switch/select (with and without default), fallthrough, goto (treated as leaving the
 * analysis: no report), and terminators (panic, os.Exit, log.Fatal*, t.FailNow…: the path ends).
 *
 * The state is one boolean, "the obligation may still be open here"; statements only close it
 * (a discharging node) or open it (the starting statement), so loops need no fixpoint: the state
 * at a loop's back edge can never be open when its entry was closed.
 */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, unparen } from '../../go/ast.js';
import { isExitCall } from './exit-calls.js';

export interface MustReachQuery {
  /** The statement after which the obligation holds (e.g. `ctx, cancel := context.WithTimeout(…)`). */
  start: Node;
  /** Whether evaluating `n` (a simple statement, a condition, a header) discharges the obligation. */
  discharges(n: Node): boolean;
  /**
   * Whether leaving `loop` through its condition discharges the obligation (`for rows.Next() {…}`: database/sql
   * closes the rows when Next returns false). The body still runs with the obligation open; only a break (or a
   * labelled continue/break to an outer statement, or a return) leaves the loop with it open.
   */
  closesOnExit?(loop: Node): boolean;
  /**
   * When the start is inside a loop and the obligation is still open at the loop's back edge, walk the body again
   * from its top with the obligation open: the next iteration may leave (return) before reaching the start again.
   * Off by default (lost-cancel's historical behaviour).
   */
  repeatLoops?: boolean;
  /** Whether the obligation does not hold inside block `b` (an error branch where the resource is nil). */
  closedOnEntry?(b: Node): boolean;
}

export interface MustReachResult {
  /** Return statements reachable with the obligation open. */
  returns: Node[];
  /** The function's end (closing brace) is reachable with the obligation open. */
  fallsOffEnd: boolean;
  /** The starting statement was found and analysed. */
  analysed: boolean;
  /** The start is reached again with the obligation open: a loop's next iteration (only with `repeatLoops`). */
  restartsOpen: boolean;
}

interface Jumps { breaks: Map<string, boolean>; continues: Map<string, boolean> }
const NO_LABEL = '';

class Walker {
  readonly returns: Node[] = [];
  found = false;
  restartsOpen = false;
  /** Open states carried by `break` / `continue`, keyed by target label ('' = innermost). */
  private jumps: Jumps[] = [];
  constructor(private readonly q: MustReachQuery) {}

  private touches(n: Node | null | undefined): boolean {
    return !!n && this.q.discharges(n);
  }

  private contains(n: Node): boolean {
    return n.startIndex <= this.q.start.startIndex && this.q.start.endIndex <= n.endIndex;
  }

  /** A list of statements (block, statement_list or case body). */
  seq(container: Node | null | undefined, open: boolean): boolean {
    if (!container) return open;
    if (open && this.q.closedOnEntry?.(container)) open = false;
    for (const c of container.namedChildren) {
      if (!c || c.type === 'comment') continue;
      if (c.type === 'statement_list' || c.type === 'block') open = this.seq(c, open);
      else open = this.stmt(c, open);
    }
    return open;
  }

  private isTerminatorCall(s: Node): boolean {
    if (s.type !== 'expression_statement') return false;
    const call = unparen(s.namedChild(0));
    return call?.type === 'call_expression' && isExitCall(call);
  }

  stmt(s: Node, open: boolean, label = NO_LABEL): boolean {
    if (s.id === this.q.start.id) {
      if (open) this.restartsOpen = true;
      this.found = true;
      return true;
    }
    switch (s.type) {
      case 'labeled_statement': {
        const inner = s.namedChildren.find((c) => c && c.type !== 'label_name' && c.type !== 'comment');
        const name = s.namedChildren.find((c) => c?.type === 'label_name')?.text ?? NO_LABEL;
        return inner ? this.stmt(inner, open, name) : open;
      }
      case 'return_statement':
        if (open && !this.touches(s)) this.returns.push(s);
        return false;
      case 'goto_statement':
        return false; // leaves the structured analysis: conservatively, no report on that path
      case 'break_statement':
      case 'continue_statement': {
        const target = s.namedChildren.find((c) => c?.type === 'label_name')?.text ?? NO_LABEL;
        const frame = this.findFrame(target, s.type === 'continue_statement');
        const map = s.type === 'break_statement' ? frame?.breaks : frame?.continues;
        if (map) map.set('x', (map.get('x') ?? false) || open);
        return false;
      }
      case 'fallthrough_statement':
        return open; // into the next case: approximated as the end of this one
      case 'block':
      case 'statement_list':
        return this.seq(s, open);
      case 'if_statement': {
        if (this.contains(s) || open) {
          open = this.header(s, ['initializer', 'condition'], open);
          const a = this.seq(s.childForFieldName('consequence'), open);
          const alt = s.childForFieldName('alternative');
          const b = alt ? (alt.type === 'if_statement' ? this.stmt(alt, open) : this.seq(alt, open)) : open;
          return a || b;
        }
        return false;
      }
      case 'for_statement':
        return this.loop(s, open, label);
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement':
        return this.branches(s, open, label);
      default: {
        if (this.contains(s) && s.id !== this.q.start.id) {
          // the start is nested in a simple statement (a closure's body): analysed by its own walker
          return open;
        }
        if (!open) return false;
        if (this.touches(s)) return false;
        if (this.isTerminatorCall(s)) return false;
        return true;
      }
    }
  }

  /** Header parts evaluated before a compound statement's bodies (init statement, condition, tag). */
  private header(s: Node, fields: string[], open: boolean): boolean {
    for (const f of fields) {
      const n = s.childForFieldName(f);
      if (!n) continue;
      if (n.id === this.q.start.id || this.contains(n)) {
        if (open) this.restartsOpen = true;
        this.found = true;
        open = true;
      } else if (open && this.touches(n)) open = false;
    }
    return open;
  }

  private findFrame(label: string, isContinue: boolean): Jumps | undefined {
    for (let i = this.jumps.length - 1; i >= 0; i--) {
      const f = this.jumps[i]! as Jumps & { label: string; loop: boolean };
      if (isContinue && !f.loop) continue;
      if (label === NO_LABEL || f.label === label) return f;
    }
    return undefined;
  }

  private frame(label: string, loop: boolean): Jumps & { label: string; loop: boolean } {
    const f = { breaks: new Map<string, boolean>(), continues: new Map<string, boolean>(), label, loop };
    this.jumps.push(f);
    return f;
  }

  private loop(s: Node, open: boolean, label: string): boolean {
    if (!open && !this.contains(s)) return false;
    let infinite = true;
    for (const c of s.namedChildren) {
      if (!c || c.type === 'block' || c.type === 'comment') continue;
      if (c.type === 'for_clause') {
        open = this.header(c, ['initializer'], open);
        const cond = c.childForFieldName('condition');
        if (cond) infinite = false;
        if (open && this.touches(cond)) open = false;
      } else {
        // range clause or bare condition; a range over time.Tick(…) never ends (its channel is never closed)
        if (!(c.type === 'range_clause' && rangesForever(c))) infinite = false;
        if (open && this.touches(c)) open = false;
      }
    }
    const f = this.frame(label, true);
    const end = this.seq(s.childForFieldName('body'), open);
    this.jumps.pop();
    let broke = f.breaks.get('x') ?? false;
    // the obligation started inside the body: the loop runs again (it may exit through its condition)
    const startedInside = this.found && this.contains(s) && !open;
    let again = end || (f.continues.get('x') ?? false);
    if (this.q.repeatLoops && startedInside && again) {
      // the next iteration, from the top of the body with the obligation open
      const g = this.frame(label, true);
      const end2 = this.seq(s.childForFieldName('body'), true);
      this.jumps.pop();
      broke = broke || (g.breaks.get('x') ?? false);
      again = again || end2 || (g.continues.get('x') ?? false);
    }
    if (infinite) return broke;
    // the condition is the only other way out, and leaving through it discharges the obligation
    if (this.q.closesOnExit?.(s)) return broke;
    return open || broke || (startedInside && again);
  }

  private branches(s: Node, open: boolean, label: string): boolean {
    if (!open && !this.contains(s)) return false;
    open = this.header(s, ['initializer', 'value'], open);
    const f = this.frame(label, false);
    let out = false;
    let hasDefault = false;
    let carried = false; // state falling through from the previous case
    for (const c of s.namedChildren) {
      if (!c || !/_case$/.test(c.type)) continue;
      if (c.type === 'default_case') hasDefault = true;
      let caseOpen = open;
      for (const part of c.namedChildren) {
        if (!part || part.type === 'statement_list' || part.type === 'comment') continue;
        if (caseOpen && this.touches(part)) caseOpen = false; // case expressions, the select's communication
      }
      const body = c.namedChildren.find((x) => x?.type === 'statement_list');
      const end = this.seq(body, caseOpen || carried);
      const last = body?.namedChildren.filter((x) => x && x.type !== 'comment').at(-1);
      if (last?.type === 'fallthrough_statement') carried = end;
      else {
        carried = false;
        out = end || out;
      }
    }
    this.jumps.pop();
    out = out || (f.breaks.get('x') ?? false);
    // a switch without default can match no case; a select without default always runs one
    if (!hasDefault && s.type !== 'select_statement') out = out || open;
    return out;
  }
}

/** A range clause over a channel nothing closes: `for range time.Tick(d)` (time.Tick's channel is never closed). */
function rangesForever(clause: Node): boolean {
  const right = unparen(clause.childForFieldName('right'));
  return right?.type === 'call_expression' && unparen(right.childForFieldName('function'))?.text === 'time.Tick';
}

/** Exits of the innermost function containing `q.start` that can be reached with the obligation open. */
export function openExits(q: MustReachQuery): MustReachResult {
  let fn: Node | null = q.start.parent;
  while (fn && !FUNCTION_TYPES.has(fn.type)) fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return { returns: [], fallsOffEnd: false, analysed: false, restartsOpen: false };
  const w = new Walker(q);
  const end = w.seq(body, false);
  return { returns: [...new Map(w.returns.map((r) => [r.id, r])).values()], fallsOffEnd: end, analysed: w.found, restartsOpen: w.restartsOpen };
}
