/**
 * Conservative reading of Helm chart templates (Go templates producing YAML, which are not
 * valid YAML themselves). Lines that hold only template actions are blanked (line numbers stay
 * put); inline expressions are replaced by their value from values.yaml when that is a plain
 * `.Values.x.y` reference, else by a placeholder. Output actions such as
 * `{{ toYaml .Values.resources | nindent 12 }}` are recorded with the values path they insert,
 * so the manifest reader can resolve the key they sit under from values.yaml.
 */

export const HELM_PLACEHOLDER = '__helm_tpl__';

export interface HelmAction {
  /** 1-based line of the action. */
  line: number;
  /** Column (0-based) where the action starts; indentation of a standalone action. */
  indent: number;
  text: string;
  /** True when the action writes text (include, toYaml, .Values.x...), false for if/end/with/range/comments. */
  output: boolean;
  /** Path under .Values that an output action inserts (toYaml .Values.x, or `.` inside `with .Values.x`). */
  valuesPath?: string[];
  /** The action shares its line with YAML text (`resources: {{ toYaml ... }}`). */
  inline: boolean;
}

export interface HelmStripResult {
  text: string;
  actions: HelmAction[];
  /** Inline expressions replaced by a value read from values.yaml / Chart.yaml. */
  substituted: number;
  /** Inline expressions left as a placeholder (value unknown). */
  placeholders: number;
  /** Lines blanked because they held only template actions (or a multi-line action). */
  blankedLines: number;
  /** Lines dropped because an `if`/`with`/`range` on a values.yaml setting is false by default. */
  deadLines: number;
  /** Kept lines inside an `if`/`with` whose condition could not be evaluated (rendered only in some setups). */
  conditionalLines: Set<number>;
  /**
   * Lines holding an inline `{{ if }}…{{ else }}…{{ end }}` whose condition could not be evaluated: every
   * rendering of the line, one per branch (the line's text holds a placeholder where the branches differ).
   */
  alternatives: Map<number, string[]>;
}

/** Inline if/else chains: at most this many renderings of one line are kept (beyond it the line is only unknown). */
const MAX_LINE_ALTERNATIVES = 8;

/** A mixed line as a tree: text, an output action (by index), or an inline if/else-if/else chain closed on the line. */
type InlineNode = { text: string } | { action: number } | { branches: { cond?: string; body: InlineNode[] }[] };

/**
 * The tree of a mixed line (`tokens`: text at even indexes, action indexes at odd ones) when its control actions are
 * only `if`/`else`/`end` chains (and comments) opened and closed on the line; undefined otherwise.
 */
function inlineTree(tokens: string[], bodies: string[]): InlineNode[] | undefined {
  const root: InlineNode[] = [];
  const open: { branches: { cond?: string; body: InlineNode[] }[] }[] = [];
  const here = () => (open.length ? open[open.length - 1]!.branches[open[open.length - 1]!.branches.length - 1]!.body : root);
  let sawIf = false;
  for (let i = 0; i < tokens.length; i++) {
    if (i % 2 === 0) { if (tokens[i]) here().push({ text: tokens[i]! }); continue; }
    const idx = Number(tokens[i]);
    const body = bodies[idx]!;
    if (!CONTROL.test(body)) { here().push({ action: idx }); continue; }
    if (/^\/\*/.test(body)) continue;
    const kw = /^(\w+)/.exec(body)?.[1];
    const rest = body.slice(kw?.length ?? 0).trim();
    if (kw === 'if') {
      const node = { branches: [{ cond: rest, body: [] as InlineNode[] }] };
      here().push(node);
      open.push(node);
      sawIf = true;
    } else if (kw === 'else' && open.length) {
      const m = /^if\s+(.+)$/.exec(rest);
      if (rest && !m) return undefined; // else with …
      open[open.length - 1]!.branches.push({ cond: m?.[1], body: [] });
    } else if (kw === 'end' && open.length) open.pop();
    else return undefined;
  }
  return sawIf && open.length === 0 ? root : undefined;
}

export interface HelmScope {
  /** Scalar under .Values at `path`, or undefined. */
  lookup(path: string[]): unknown;
  /** Go-template truthiness of .Values at `path` (missing = false); undefined when values are unknown. */
  truthy?(path: string[]): boolean | undefined;
  chartName?: string;
  appVersion?: string;
}

const CONTROL = /^(?:if|else|end|with|range|define)\b|^\$[\w]*\s*:?=|^\/\*/;
const VALUES_REF = /^\$?\.Values((?:\.[A-Za-z_][\w-]*)+)$/;

interface Frame {
  kind: string;
  path?: string[];
  /** Branch rendered with the default values: true, false, or undefined when unknown. */
  active?: boolean;
  /** An earlier branch of this if/else chain was rendered. */
  taken?: boolean;
}

function trimAction(raw: string): string {
  // raw is the text between {{ and }}
  return raw.replace(/^-\s*/, '').replace(/\s*-$/, '').trim();
}

/**
 * `index .Values "a-b" "c"` (and `$.Values`, `.Values.x`, in parentheses): the form charts use for keys that are not
 * identifiers (a sub-chart's values under `kubeclarity-grype-server`). Keys must be quoted strings.
 */
const INDEX_REF = /^\(?\s*index\s+\$?\.Values((?:\.[A-Za-z_][\w-]*)*)((?:\s+"[^"\\]*")+)\s*\)?$/;

function refPath(expr: string, stack: Frame[]): string[] | undefined {
  const e = expr.trim();
  const m = VALUES_REF.exec(e);
  if (m) return m[1]!.slice(1).split('.');
  const ix = INDEX_REF.exec(e);
  if (ix && e.startsWith('(') === e.endsWith(')')) {
    return [...(ix[1] ? ix[1].slice(1).split('.') : []), ...[...ix[2]!.matchAll(/"([^"\\]*)"/g)].map((k) => k[1]!)];
  }
  const top = [...stack].reverse().find((f) => f.kind === 'with' || f.kind === 'range');
  if (e === '.') return top?.kind === 'with' ? top.path : undefined;
  const rel = /^\.((?:[A-Za-z_][\w-]*)(?:\.[A-Za-z_][\w-]*)*)$/.exec(e);
  if (rel && top?.kind === 'with' && top.path && !/^(Values|Release|Chart|Capabilities|Template|Files)\b/.test(rel[1]!)) {
    return [...top.path, ...rel[1]!.split('.')];
  }
  return undefined;
}

/** The values path an output action inserts as a YAML block, e.g. `toYaml .Values.resources | nindent 12`. */
function blockPath(body: string, stack: Frame[]): string[] | undefined {
  const pipeline = body.split('|').map((s) => s.trim());
  const first = pipeline[0] ?? '';
  const m = /^(?:toYaml|toJson|toPrettyJson)\s+(.+)$/.exec(first);
  if (!m) return undefined;
  if (pipeline.slice(1).some((p) => !/^(?:nindent|indent|trim|trimSuffix)\b/.test(p))) return undefined;
  return refPath(m[1]!, stack);
}

function scalarValue(body: string, stack: Frame[], scope: HelmScope): string | undefined {
  const pipeline = body.split('|').map((s) => s.trim());
  let head = pipeline[0] ?? '';
  let fallback: string | undefined;
  const def = /^default\s+(\S+)\s+(\S+)$/.exec(head);
  if (def) { fallback = def[1]; head = def[2]!; }
  for (const p of pipeline.slice(1)) {
    const d = /^default\s+(.+)$/.exec(p);
    if (d) fallback = d[1]!.trim();
    else if (!/^(?:quote|squote|toString|int|int64|trim|lower|upper|toYaml)$/.test(p)) return undefined;
  }
  const resolve = (e: string): string | undefined => {
    if (/^".*"$/.test(e)) return e.slice(1, -1);
    if (/^\d+$/.test(e)) return e;
    if (e === '.Chart.Name' || e === '$.Chart.Name') return scope.chartName;
    if (e === '.Chart.AppVersion' || e === '$.Chart.AppVersion') return scope.appVersion;
    const path = refPath(e, stack);
    if (!path) return undefined;
    const v = scope.lookup(path);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  };
  const v = resolve(head);
  if (v !== undefined && v !== '') return v;
  return fallback !== undefined ? resolve(fallback) : undefined;
}

/** Whether `e` is one parenthesised group: `(a b)`, not `(a) (b)`. */
function enclosed(e: string): boolean {
  if (!e.startsWith('(') || !e.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < e.length; i++) {
    if (e[i] === '(') depth++;
    else if (e[i] === ')' && --depth === 0 && i < e.length - 1) return false;
  }
  return depth === 0;
}

/** The operands of a template function call: space-separated, parenthesised groups and double-quoted strings kept whole; undefined when unbalanced. */
function splitOperands(s: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      cur += ch;
      if (ch === '\\') cur += s[++i] ?? '';
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return undefined;
    if (/\s/.test(ch) && depth === 0) { if (cur) out.push(cur); cur = ''; } else cur += ch;
  }
  if (depth !== 0 || quoted) return undefined;
  if (cur) out.push(cur);
  return out;
}

/** Strips a Helm template to readable YAML with the same line numbering. Never throws. */
export function stripHelmTemplate(text: string, scope: HelmScope): HelmStripResult {
  const lines = text.split('\n');
  const out: string[] = [];
  const actions: HelmAction[] = [];
  const stack: Frame[] = [];
  let substituted = 0;
  let placeholders = 0;
  let blankedLines = 0;
  let inMulti: { startLine: number; indent: number; text: string } | undefined;

  const cond = (expr: string): boolean | undefined => {
    let e = expr.trim();
    while (enclosed(e)) e = e.slice(1, -1).trim();
    const neg = /^not\s+(.+)$/.exec(e);
    if (neg) { const v = cond(neg[1]!); return v === undefined ? undefined : !v; }
    // and/or over operands (each a reference or a parenthesised expression): decided as soon as one operand decides
    const logic = /^(and|or)\s+(.+)$/.exec(e);
    if (logic) {
      const operands = splitOperands(logic[2]!);
      if (!operands || operands.length < 2) return undefined;
      const vals = operands.map((o) => cond(o));
      const decisive = logic[1] === 'and' ? false : true;
      if (vals.includes(decisive)) return decisive;
      return vals.every((v) => v === !decisive) ? !decisive : undefined;
    }
    const cmp = /^(eq|ne)\s+(\S+)\s+(\S+)$/.exec(e);
    if (cmp) {
      const side = (x: string): { v: unknown } | undefined => {
        if (/^".*"$/.test(x)) return { v: x.slice(1, -1) };
        if (/^-?\d+$/.test(x)) return { v: Number(x) };
        if (x === 'true' || x === 'false') return { v: x === 'true' };
        const p = refPath(x, stack);
        if (!p || !scope.truthy) return undefined;
        const v = scope.lookup(p);
        if (v !== undefined) return { v };
        return scope.truthy(p) === false ? { v: null } : undefined;
      };
      const a = side(cmp[2]!);
      const b = side(cmp[3]!);
      if (!a || !b) return undefined;
      const same = a.v === b.v || (a.v !== null && b.v !== null && String(a.v) === String(b.v));
      return cmp[1] === 'eq' ? same : !same;
    }
    const p = refPath(e, stack);
    return p && scope.truthy ? scope.truthy(p) : undefined;
  };
  const control = (body: string) => {
    const kw = /^(\w+)/.exec(body)?.[1];
    const rest = body.slice(kw?.length ?? 0).trim();
    if (kw === 'end') stack.pop();
    else if (kw === 'if') stack.push({ kind: 'if', active: cond(rest) });
    else if (kw === 'define' || kw === 'block') stack.push({ kind: kw });
    else if (kw === 'with') {
      const path = refPath(rest, stack);
      stack.push({ kind: 'with', path, active: path && scope.truthy ? scope.truthy(path) : undefined });
    } else if (kw === 'range') {
      const path = /:=/.test(rest) ? refPath(rest.slice(rest.indexOf(':=') + 2), stack) : refPath(rest, stack);
      stack.push({ kind: 'range', active: path && scope.truthy ? (scope.truthy(path) === false ? false : undefined) : undefined });
    } else if (kw === 'else') {
      const f = stack[stack.length - 1];
      if (!f) return;
      const m = /^(if|with)\s+(.+)$/.exec(rest);
      if (f.active === true || f.taken) { f.taken = true; f.active = false; }
      else if (f.active === false) {
        if (!m) f.active = true;
        else if (m[1] === 'if') f.active = cond(m[2]!);
        else { const path = refPath(m[2]!, stack); f.path = path; f.active = path && scope.truthy ? scope.truthy(path) : undefined; }
      } else f.active = undefined;
    }
  };
  const dead = () => stack.some((f) => f.active === false);
  const conditional = () => stack.some((f) => (f.kind === 'if' || f.kind === 'with') && f.active === undefined);
  const conditionalLines = new Set<number>();
  const alternatives = new Map<number, string[]>();
  let deadLines = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (inMulti) {
      const isComment = /^\{\{-?\s*\/\*/.test(inMulti.text);
      const commentEnd = isComment ? line.indexOf('*/') : -1;
      const close = isComment ? (commentEnd === -1 ? -1 : line.indexOf('}}', commentEnd + 2)) : line.indexOf('}}');
      inMulti.text += `\n${line}`;
      out.push('');
      blankedLines++;
      if (close !== -1) {
        const body = trimAction(inMulti.text.slice(inMulti.text.indexOf('{{') + 2, inMulti.text.lastIndexOf('}}')));
        const isControl = CONTROL.test(body);
        if (isControl) control(body);
        actions.push({ line: inMulti.startLine, indent: inMulti.indent, text: inMulti.text, output: !isControl && !/^\/\*/.test(body), inline: false });
        inMulti = undefined;
        // text after the closing braces on this line is ignored (rare)
      }
      continue;
    }
    if (!line.includes('{{')) {
      if (dead() && line.trim()) { out.push(''); deadLines++; } else {
        out.push(line);
        if (line.trim() && conditional()) conditionalLines.add(lineNo);
      }
      continue;
    }
    // split the line into text and actions
    let rebuilt = '';
    let pos = 0;
    let onlyActions = true;
    const lineActions: { body: string; raw: string; col: number; quoted: boolean }[] = [];
    let unterminated = false;
    while (pos < line.length) {
      const open = line.indexOf('{{', pos);
      if (open === -1) { rebuilt += line.slice(pos); if (line.slice(pos).trim()) onlyActions = false; break; }
      const before = line.slice(pos, open);
      if (before.trim()) onlyActions = false;
      rebuilt += before;
      // a comment action may itself contain braces: it ends at `*/` followed by `}}`
      const isComment = /^-?\s*\/\*/.test(line.slice(open + 2));
      const commentEnd = isComment ? line.indexOf('*/', open + 2) : -1;
      const close = isComment ? (commentEnd === -1 ? -1 : line.indexOf('}}', commentEnd + 2)) : line.indexOf('}}', open + 2);
      if (close === -1) { unterminated = true; break; }
      const raw = line.slice(open, close + 2);
      const quoted = /["']$/.test(rebuilt) && /^["']/.test(line.slice(close + 2));
      lineActions.push({ body: trimAction(line.slice(open + 2, close)), raw, col: open, quoted });
      rebuilt += `\u0000${lineActions.length - 1}\u0000`;
      pos = close + 2;
    }
    if (unterminated) {
      if (onlyActions && lineActions.length === 0) {
        inMulti = { startLine: lineNo, indent: line.indexOf('{{'), text: line.slice(line.indexOf('{{')) };
        out.push('');
        blankedLines++;
        continue;
      }
      // text then an unterminated action: keep the text part, treat the rest as unknown
      inMulti = { startLine: lineNo, indent: line.indexOf('{{', pos), text: line.slice(line.indexOf('{{', pos)) };
    }
    if (onlyActions && !inMulti) {
      for (const a of lineActions) {
        const isControl = CONTROL.test(a.body);
        const wasDead = dead();
        if (isControl) control(a.body);
        if (!isControl && wasDead) continue;
        actions.push({
          line: lineNo, indent: a.col, text: a.raw, output: !isControl,
          valuesPath: isControl ? undefined : blockPath(a.body, stack), inline: false,
        });
      }
      out.push('');
      blankedLines++;
      continue;
    }
    // mixed line in a branch that the default values do not render: drop it (control actions still count)
    if (dead()) {
      const snap = stack.map((f) => ({ ...f }));
      for (const a of lineActions) if (CONTROL.test(a.body)) control(a.body);
      if (dead()) { out.push(''); deadLines++; continue; }
      // the line re-enters a rendered branch: replay its actions below from the saved state
      stack.splice(0, stack.length, ...snap);
    }
    // mixed line: substitute each action
    const substitute = (idx: number): string => {
      const a = lineActions[idx]!;
      const bp = blockPath(a.body, stack);
      if (bp) {
        actions.push({ line: lineNo, indent: a.col, text: a.raw, output: true, valuesPath: bp, inline: true });
        return '';
      }
      const v = scalarValue(a.body, stack, scope);
      if (v !== undefined && !/[\n\r]/.test(v)) {
        substituted++;
        return a.quoted ? v.replace(/["\\]/g, (c) => `\\${c}`) : v;
      }
      placeholders++;
      actions.push({ line: lineNo, indent: a.col, text: a.raw, output: true, inline: true });
      return HELM_PLACEHOLDER;
    };
    const tokens = rebuilt.split(/\u0000(\d+)\u0000/);
    const tree = inMulti ? undefined : inlineTree(tokens, lineActions.map((a) => a.body));
    let replaced: string;
    if (tree) {
      // inline if/else chains: the branch the values select, or every branch when the condition is unknown (never the
      // concatenation of the branches)
      for (const a of lineActions) if (CONTROL.test(a.body)) actions.push({ line: lineNo, indent: a.col, text: a.raw, output: false, inline: true });
      const values = new Map<number, string>();
      const valueOf = (idx: number) => { if (!values.has(idx)) values.set(idx, substitute(idx)); return values.get(idx)!; };
      const r = renderInline(tree, valueOf, cond);
      replaced = r.text;
      if (r.alts && r.alts.length > 1) alternatives.set(lineNo, r.alts);
    } else {
      replaced = rebuilt.replace(/\u0000(\d+)\u0000/g, (_m, idx: string) => {
        const a = lineActions[Number(idx)]!;
        if (CONTROL.test(a.body)) {
          control(a.body);
          actions.push({ line: lineNo, indent: a.col, text: a.raw, output: false, inline: true });
          return '';
        }
        return substitute(Number(idx));
      });
    }
    out.push(replaced);
    if (replaced.trim() && conditional()) conditionalLines.add(lineNo);
  }
  if (inMulti) actions.push({ line: inMulti.startLine, indent: inMulti.indent, text: inMulti.text, output: true, inline: false });
  return { text: out.join('\n'), actions, substituted, placeholders, blankedLines, deadLines, conditionalLines, alternatives };
}

/**
 * Renders an inline tree: `text` with a placeholder wherever branches of an undecided condition differ, and `alts`
 * every rendering (undefined past MAX_LINE_ALTERNATIVES).
 */
function renderInline(nodes: InlineNode[], valueOf: (idx: number) => string, cond: (e: string) => boolean | undefined): { text: string; alts?: string[] } {
  let text = '';
  let alts: string[] | undefined = [''];
  for (const n of nodes) {
    let part: { text: string; alts?: string[] };
    if ('text' in n) part = { text: n.text, alts: [n.text] };
    else if ('action' in n) { const v = valueOf(n.action); part = { text: v, alts: [v] }; }
    else {
      // the branches that may render: up to the first one whose condition holds; none holding renders nothing
      const chosen: InlineNode[][] = [];
      let decided = false;
      for (const b of n.branches) {
        const c = b.cond === undefined ? true : cond(b.cond);
        if (c === false) continue;
        chosen.push(b.body);
        if (c === true) { decided = true; break; }
      }
      if (!decided) chosen.push([]);
      const rendered = chosen.map((body) => renderInline(body, valueOf, cond));
      const branchAlts = rendered.every((r) => r.alts) ? [...new Set(rendered.flatMap((r) => r.alts!))] : undefined;
      part = rendered.length === 1 ? rendered[0]! : { text: branchAlts?.length === 1 ? branchAlts[0]! : HELM_PLACEHOLDER, alts: branchAlts };
    }
    text += part.text;
    alts = alts && part.alts && alts.length * part.alts.length <= MAX_LINE_ALTERNATIVES ? alts.flatMap((a) => part.alts!.map((b) => a + b)) : undefined;
  }
  return { text, alts };
}
