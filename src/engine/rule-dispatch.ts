/**
 * Runs a file's candidate rules on its one syntax tree: each rule's visitors are created once, one
 * walk over the node types any rule visits (and those the caller asks for next) calls them in rule order, `source_file:exit` hooks run
 * last. A rule that throws is recorded and not called again on this file. The time budget is
 * checked between calls (every 16th, and before each exit hook); once over, the walk stops.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../core/types.js';
import type { FileRule, ReportInput, Visitors } from '../rules/define-rule.js';
import { type FileRuleContext, makeRuleContext } from './rule-context.js';
import { fileFinding, type FindingSite } from './file-finding.js';

export interface RuleRun {
  findings: Finding[];
  facts: { ruleId: string; data: unknown }[];
  /** Rules that threw (while being set up or on a node), with the message. */
  ruleErrors: { ruleId: string; message: string }[];
  /** The budget ran out: what was found is partial. */
  overBudget: boolean;
}

type Handler = { rule: FileRule; fn: (n: never) => void };

/**
 * Runs `rules` on the tree `root`; `over()` tells whether the file's budget is spent. `alsoWalk`: node types the
 * caller will ask `root` for afterwards (code facts, statements for directives) — the one walk collects them too,
 * and the caller's `root.descendantsOfType` is answered from it (src/go/node-memo.ts).
 */
export function runFileRules(rules: readonly FileRule[], ctx: FileRuleContext, root: Node, site: FindingSite, over: () => boolean, alsoWalk: readonly string[] = []): RuleRun {
  const run: RuleRun = { findings: [], facts: [], ruleErrors: [], overBudget: false };
  const dispatch = new Map<string, Handler[]>();
  const exits: Handler[] = [];
  for (const rule of rules) {
    const report = (r: ReportInput) => { run.findings.push(fileFinding(rule, r, site)); };
    const emit = (data: unknown) => run.facts.push({ ruleId: rule.meta.id, data });
    let visitors: Visitors;
    try {
      visitors = rule.create(makeRuleContext(ctx, report, emit));
    } catch (e) {
      run.ruleErrors.push({ ruleId: rule.meta.id, message: (e as Error).message });
      continue;
    }
    for (const [type, fn] of Object.entries(visitors)) {
      if (type === 'source_file:exit') { exits.push({ rule, fn }); continue; }
      let list = dispatch.get(type);
      if (!list) dispatch.set(type, (list = []));
      list.push({ rule, fn });
    }
  }
  const failed = new Set<string>();
  let calls = 0;
  // reading, parsing and setting up the rules count too
  run.overBudget = over();
  const call = (h: Handler, node: unknown) => {
    if (run.overBudget || failed.has(h.rule.meta.id)) return;
    if ((++calls & 15) === 0 && over()) { run.overBudget = true; return; }
    try {
      (h.fn as (n: unknown) => void)(node);
    } catch (e) {
      failed.add(h.rule.meta.id);
      run.ruleErrors.push({ ruleId: h.rule.meta.id, message: (e as Error).stack ?? String(e) });
    }
  };
  if (dispatch.size || alsoWalk.length) {
    const types = [...new Set([...dispatch.keys(), ...alsoWalk])];
    if (dispatch.has('source_file')) for (const h of dispatch.get('source_file')!) call(h, root);
    for (const node of root.descendantsOfType(types)) {
      if (run.overBudget) break;
      if (!node) continue;
      const hs = dispatch.get(node.type);
      if (hs) for (const h of hs) call(h, node);
    }
  }
  for (const h of exits) {
    if (!run.overBudget && over()) run.overBudget = true; // exit hooks are few and may each do much
    call(h, root);
  }
  return run;
}
