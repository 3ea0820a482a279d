import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { assignedNames, assignedValues, unparen } from '../../go/ast.js';
import { denotes, resolveBinding, usesOf } from '../_shared/security-bindings.js';
import { binaryOwnCode } from '../../core/code-roles.js';

const GLOBALS = ['DefaultClient', 'DefaultTransport'];

/** `http.DefaultClient` / `http.DefaultTransport` (alias-aware): the global's name, else undefined. */
function globalRef(ctx: RuleContext, e: Node | null | undefined): string | undefined {
  const u = unparen(e);
  if (u?.type !== 'selector_expression') return undefined;
  const field = u.childForFieldName('field')?.text;
  const op = unparen(u.childForFieldName('operand'));
  if (!field || !GLOBALS.includes(field) || op?.type !== 'identifier' || !ctx.isPackageRef(op, 'net/http')) return undefined;
  return field;
}

/** The global an expression aliases: `http.DefaultClient`, `http.DefaultTransport.(*http.Transport)`, else undefined. */
function aliasedGlobal(ctx: RuleContext, e: Node | null | undefined): string | undefined {
  let u = unparen(e);
  if (u?.type === 'type_assertion_expression') u = unparen(u.childForFieldName('operand'));
  return globalRef(ctx, u);
}

/**
 * The global that an assignment target writes into: `http.DefaultClient.Timeout`,
 * `http.DefaultTransport.(*http.Transport).Proxy`, `t.TLSClientConfig.X` with t aliasing one; the
 * whole global (`http.DefaultClient = …`) gives `replace`.
 */
function mutatedGlobal(ctx: RuleContext, target: Node): { global: string; replace: boolean } | undefined {
  const whole = globalRef(ctx, target);
  if (whole) return { global: whole, replace: true };
  let e = unparen(target);
  let depth = 0;
  while (e && depth++ < 8) {
    if (e.type === 'selector_expression' || e.type === 'type_assertion_expression' || e.type === 'index_expression') {
      const op = unparen(e.childForFieldName('operand'));
      const g = globalRef(ctx, op);
      if (g) return { global: g, replace: false };
      if (op?.type === 'identifier' && e.type === 'selector_expression') {
        const viaAlias = aliasOf(ctx, op);
        return viaAlias ? { global: viaAlias, replace: false } : undefined;
      }
      e = op;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** The global a local variable aliases, when its only assignment is `v := http.DefaultClient` (or the transport assertion). */
function aliasOf(ctx: RuleContext, ident: Node): string | undefined {
  const b = resolveBinding(ident.text, ident, ctx.root);
  if (b.kind !== 'var' || !b.decl || !b.declName) return undefined;
  const names = assignedNames(b.decl);
  const values = assignedValues(b.decl);
  const i = names.findIndex((n) => n.id === b.declName!.id);
  // `t := x.(*http.Transport)` or `t, ok := x.(*http.Transport)`
  const value = values.length === names.length ? values[i] : i === 0 && values.length === 1 ? values[0] : undefined;
  const g = i >= 0 ? aliasedGlobal(ctx, value) : undefined;
  if (!g) return undefined;
  // reassigned later (e.g. to a clone): not an alias any more
  const reassigned = usesOf(b).some((u) => u.id !== b.declName!.id && denotes(b, u) && isAssignTarget(u));
  return reassigned ? undefined : g;
}

function isAssignTarget(id: Node): boolean {
  const list = id.parent;
  const stmt = list?.parent;
  return list?.type === 'expression_list' && stmt?.type === 'assignment_statement' && stmt.childForFieldName('left')?.id === list.id;
}

export default defineRule({
  meta: {
    id: 'SEC1019',
    name: 'http-default-client-mutated',
    dimension: 'security',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 0 FP, 3 "nobody would act" of 4 judged — "nobody would act" 75.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: the same DefaultClient change reported on each assignment. It returns to the default set when a fresh blind record clears the bar.',
    passCriterion: 'http.DefaultClient and http.DefaultTransport are never modified; code builds its own client',
    title: 'http.DefaultClient or http.DefaultTransport modified (changes every HTTP user in the process)',
    rationale:
      'http.DefaultClient and http.DefaultTransport are shared by every package in the process: http.Get, SDKs, OAuth ' +
      'libraries, health checks. Setting a field on them — a proxy, InsecureSkipVerify, a timeout, a redirect policy — ' +
      'silently changes how all of those talk to the network, and writing them while requests are in flight is a data ' +
      'race. A library that does it imposes its choice on every program that imports it.',
    fix: {
      text: 'Build your own client: t := http.DefaultTransport.(*http.Transport).Clone(); adjust t; then ' +
        '&http.Client{Transport: t, Timeout: …}, and pass that client to the code that needs it.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package api\n\nimport (\n\t"net/http"\n\t"net/url"\n)\n\nfunc UseProxy(proxy *url.URL) {\n\thttp.DefaultTransport.(*http.Transport).Proxy = http.ProxyURL(proxy)\n}\n',
        good: 'package api\n\nimport (\n\t"net/http"\n\t"net/url"\n\t"time"\n)\n\nfunc NewClient(proxy *url.URL) *http.Client {\n\tt := http.DefaultTransport.(*http.Transport).Clone()\n\tt.Proxy = http.ProxyURL(proxy)\n\treturn &http.Client{Transport: t, Timeout: 30 * time.Second}\n}\n',
      },
    ],
    messages: {
      field: '{{target}} modifies the process-wide http.{{global}}: every package using it is affected (and concurrent requests race with this write); clone it or build your own client',
      replace: 'http.{{global}} is replaced: every package in the process that uses it is affected; build and pass your own client instead',
    },
    sources: [],
    notes:
      'Reported: assignments to http.DefaultClient/http.DefaultTransport themselves, to any field under them (through a type ' +
      'assertion such as `http.DefaultTransport.(*http.Transport).Proxy`), and to fields of a local variable that aliases ' +
      'them (`t := http.DefaultTransport.(*http.Transport)` without Clone). Not reported in a binary\'s own code — package ' +
      'main, or a package under a cmd/ folder (pkg/cmd/<name>/, cmd/<name>/app/) — where the program owns the process and ' +
      'a process-wide setting is its decision (blind sample 2026-12-12: pomerium\'s start-up replaces DefaultTransport ' +
      'so that every client trusts the configured CA); in library code it is reported. Test files and test-support ' +
      'packages are skipped.',
  },
  prefilter: ['DefaultClient', 'DefaultTransport'],
  prefilterAll: ['net/http'],
  create(ctx): Visitors {
    if (binaryOwnCode(ctx.file.path, ctx.file.isMain)) return {};
    return {
      assignment_statement(stmt) {
        for (const t of stmt.childForFieldName('left')?.namedChildren ?? []) {
          if (!t) continue;
          const m = mutatedGlobal(ctx, t);
          if (!m) continue;
          ctx.report({ node: t, messageId: m.replace ? 'replace' : 'field', data: { target: t.text.slice(0, 60), global: m.global } });
        }
      },
    };
  },
});
