/**
 * The suppression directive language, in one place: how directives are read from a file (the
 * engine extracts them while it has the text) and which rules a directive names (the inline
 * suppressions stage, src/pipeline/inline-suppressions.ts, applies them).
 *
 * Inline suppression directives found in a Go file's comments:
 *   //goready:ignore CON1001[,SEC2001] -- reason     (reason required)
 *   //goready:file-ignore CON1001 -- reason
 *   //nolint  //nolint:goready,gosec  //nolint:all   (golangci-lint)
 *   // #nosec G101   //gosec:disable G101              (gosec)
 *   //lint:ignore SA1015 reason  //lint:file-ignore SA1015 reason (staticcheck)
 */
import type { RuleMeta } from './types.js';

export type DirectiveKind = 'goready' | 'goready-file' | 'nolint' | 'nosec' | 'lint-ignore' | 'lint-file-ignore' | 'hadolint';

export interface Directive {
  kind: DirectiveKind;
  line: number;
  column: number;
  /** Rule ids/names/peer codes named; empty = all. For nolint: linter names. */
  targets: string[];
  reason?: string;
  /** Inclusive line range the directive covers. */
  fromLine: number;
  toLine: number;
  /** Set when the directive itself is malformed (e.g. goready:ignore without a reason). */
  problem?: string;
}

/** Cheap test: could this source hold a directive at all? */
export const DIRECTIVE_HINT = /goready:|nolint|#nosec|lint:|gosec:disable/;

const GOREADY = /\/\/\s*goready:(ignore|file-ignore)\b([^\n]*)/;
const NOLINT = /\/\/\s*nolint(?::([\w,\-]+))?\b/;
const NOSEC = /#nosec\b([^\n]*)|\/\/\s*gosec:disable\b([^\n]*)/;
const LINT = /\/\/lint:(ignore|file-ignore)\s+(\S+)(?:\s+(.*))?/;

/**
 * Extracts directives from source text. `declEnd(line)` gives, for a line that starts a
 * declaration, the last line of that declaration (so a directive above `func f()` covers f).
 * `stmtEnd(line)` gives, for a line that starts a statement, declaration or element, the last line
 * of the largest one: a trailing directive covers the whole statement it ends the first line of
 * (`x := Config{ // #nosec G101` covers the literal's lines), as gosec attaches it to that node.
 */
export function extractDirectives(
  source: string,
  declEnd?: (line: number) => number | undefined,
  stmtEnd?: (line: number) => number | undefined,
): Directive[] {
  if (!DIRECTIVE_HINT.test(source)) return [];
  const lines = source.split('\n');
  const out: Directive[] = [];
  const totalLines = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (!text.includes('//')) continue;
    const commentAt = text.indexOf('//');
    const ownLine = text.slice(0, commentAt).trim() === '';
    const lineNo = i + 1;
    const scope = (): { fromLine: number; toLine: number } => {
      if (!ownLine) return { fromLine: lineNo, toLine: Math.max(lineNo, stmtEnd?.(lineNo) ?? lineNo) };
      // own-line directive: covers the next non-comment line (and the whole declaration it starts)
      let j = i + 1;
      while (j < lines.length && /^\s*(\/\/.*)?$/.test(lines[j]!)) j++;
      const target = j + 1;
      const end = declEnd?.(target) ?? target;
      return { fromLine: lineNo, toLine: Math.max(end, target) };
    };
    let m: RegExpExecArray | null;
    if ((m = GOREADY.exec(text))) {
      const [, verb, rest] = m;
      const [idsPart, ...reasonParts] = (rest ?? '').split(/\s--\s?|\s—\s?/);
      const targets = (idsPart ?? '').split(/[\s,]+/).filter(Boolean);
      const reason = reasonParts.join(' -- ').trim();
      const isFile = verb === 'file-ignore';
      const d: Directive = {
        kind: isFile ? 'goready-file' : 'goready',
        line: lineNo,
        column: text.indexOf('//', commentAt) + 1,
        targets,
        reason: reason || undefined,
        ...(isFile ? { fromLine: 1, toLine: totalLines } : scope()),
      };
      if (!targets.length) d.problem = `goready:${verb} needs at least one rule id or name`;
      else if (!reason) d.problem = `goready:${verb} needs a reason after " -- "`;
      out.push(d);
      continue;
    }
    if ((m = LINT.exec(text))) {
      const isFile = m[1] === 'file-ignore';
      out.push({
        kind: isFile ? 'lint-file-ignore' : 'lint-ignore',
        line: lineNo,
        column: commentAt + 1,
        targets: (m[2] ?? '').split(',').filter(Boolean),
        reason: m[3]?.trim() || undefined,
        ...(isFile ? { fromLine: 1, toLine: totalLines } : scope()),
      });
      continue;
    }
    if ((m = NOLINT.exec(text))) {
      const targets = (m[1] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      const reasonMatch = /\/\/\s*nolint[^\s]*\s*\/\/\s*(.+)$/.exec(text);
      out.push({ kind: 'nolint', line: lineNo, column: commentAt + 1, targets, reason: reasonMatch?.[1], ...scope() });
      continue;
    }
    if ((m = NOSEC.exec(text))) {
      const rest = m[1] ?? m[2] ?? '';
      const [codesPart, ...reason] = rest.split('--');
      const targets = (codesPart ?? '').split(/[\s,]+/).filter((s) => /^G\d{3}$/.test(s));
      out.push({ kind: 'nosec', line: lineNo, column: commentAt + 1, targets, reason: reason.join('--').trim() || undefined, ...scope() });
    }
  }
  return out;
}

const HASH_GOREADY = /#\s*goready:(ignore|file-ignore)\b([^\n]*)/;
const HADOLINT = /^\s*#\s*hadolint\s+ignore=([A-Z0-9, ]+)/;

/**
 * Directives in files with `#` comments (YAML, Dockerfiles, Makefiles, shell):
 *   # goready:ignore ENG1008 -- reason      (on the line, or alone on the line above)
 *   # goready:file-ignore ENG1008 -- reason
 */
export function extractHashDirectives(source: string): Directive[] {
  if (!source.includes('goready:') && !source.includes('hadolint')) return [];
  const lines = source.split('\n');
  const out: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const h = HADOLINT.exec(text);
    if (h) {
      // hadolint's own syntax: a comment line above the instruction it covers
      let j = i + 1;
      while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
      out.push({ kind: 'hadolint', line: i + 1, column: h.index + 1, targets: h[1]!.split(',').map((s) => s.trim()).filter(Boolean), fromLine: i + 1, toLine: j + 1 });
      continue;
    }
    const m = HASH_GOREADY.exec(text);
    if (!m) continue;
    const [, verb, rest] = m;
    const [idsPart, ...reasonParts] = (rest ?? '').split(/\s--\s?/);
    const targets = (idsPart ?? '').split(/[\s,]+/).filter(Boolean);
    const reason = reasonParts.join(' -- ').trim();
    const isFile = verb === 'file-ignore';
    const ownLine = text.slice(0, m.index).trim() === '';
    let toLine = i + 1;
    if (!isFile && ownLine) {
      let j = i + 1;
      while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
      toLine = j + 1;
    }
    const d: Directive = {
      kind: isFile ? 'goready-file' : 'goready', line: i + 1, column: m.index + 1, targets,
      reason: reason || undefined, fromLine: isFile ? 1 : i + 1, toLine: isFile ? lines.length : toLine,
    };
    if (!targets.length) d.problem = `goready:${verb} needs at least one rule id or name`;
    else if (!reason) d.problem = `goready:${verb} needs a reason after " -- "`;
    out.push(d);
  }
  return out;
}

function sourceLinters(meta: RuleMeta): Set<string> {
  const out = new Set<string>();
  for (const s of meta.sources) {
    const [tool, code] = s.split(':');
    if (!tool) continue;
    out.add(tool.toLowerCase());
    // golangci:bodyclose means the linter "bodyclose"; govet:lostcancel is reachable as "govet"
    if (tool === 'golangci' && code) out.add(code.toLowerCase());
  }
  return out;
}

export function directiveMatches(d: Directive, meta: RuleMeta): boolean {
  const id = meta.id.toLowerCase();
  const name = meta.name.toLowerCase();
  const t = d.targets.map((x) => x.toLowerCase());
  switch (d.kind) {
    case 'goready':
    case 'goready-file':
      return t.includes(id) || t.includes(name) || t.includes(meta.dimension) || t.includes('all');
    case 'nolint': {
      if (!t.length || t.includes('all') || t.includes('goready')) return true;
      const linters = sourceLinters(meta);
      return t.some((x) => linters.has(x) || x === id || x === name);
    }
    case 'nosec': {
      const gosec = meta.sources.filter((s) => s.startsWith('gosec:')).map((s) => s.slice(6).toUpperCase());
      if (!gosec.length) return false;
      return !t.length || t.some((x) => gosec.includes(x.toUpperCase()));
    }
    case 'hadolint': {
      const codes = meta.sources.filter((s) => s.startsWith('hadolint:')).map((s) => s.slice(9).toUpperCase());
      return t.some((x) => codes.includes(x.toUpperCase()));
    }
    case 'lint-ignore':
    case 'lint-file-ignore': {
      const codes = meta.sources.filter((s) => s.startsWith('staticcheck:')).map((s) => s.slice(12).toLowerCase());
      return t.some((x) => codes.includes(x) || x === id || x === name);
    }
  }
}
