/**
 * A parser for the go.mod grammar: directives, parenthesised blocks, // comments,
 * quoted and back-quoted strings. Errors are collected, never thrown.
 */

export interface ModRequire { path: string; version: string; indirect: boolean; line: number }
export interface ModReplace { from: { path: string; version?: string }; to: { path: string; version?: string }; line: number }
export interface ModExclude { path: string; version: string; line: number }
export interface ModRetract { versions: string; rationale?: string; line: number }

export interface GoMod {
  module?: string;
  moduleLine?: number;
  go?: string;
  goLine?: number;
  toolchain?: string;
  toolchainLine?: number;
  require: ModRequire[];
  replace: ModReplace[];
  exclude: ModExclude[];
  retract: ModRetract[];
  godebug: { key: string; value: string; line: number }[];
  tool: { path: string; line: number }[];
  errors: { line: number; message: string }[];
}

interface Line { tokens: string[]; comment: string; line: number }

/** Separators Go's go.mod lexer skips between tokens. */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/**
 * A character no go.mod token may hold: other white space (form feed, no-break space, a BOM past
 * the start…), format and control characters, private-use code points. Go's lexer rejects these
 * ("unexpected input character"); here they are reported once per line and skipped, so every
 * loop below makes progress whatever the bytes.
 */
const ODD = /[\s\p{Cc}\p{Cf}\p{Co}]/u;

function tokenize(text: string, lineNo: number, errors: GoMod['errors']): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let comment = '';
  let odd = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isBlank(c)) { i++; continue; }
    if (c === '/' && text[i + 1] === '/') { comment = text.slice(i + 2).trim(); break; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) { s += text[j + 1]; j += 2; } else { s += text[j]; j++; }
      }
      if (j >= text.length) errors.push({ line: lineNo, message: 'unterminated quoted string' });
      tokens.push(s);
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j === -1) { errors.push({ line: lineNo, message: 'unterminated raw string' }); tokens.push(text.slice(i + 1)); break; }
      tokens.push(text.slice(i + 1, j));
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')') { tokens.push(c); i++; continue; }
    if (c === '=' && text[i + 1] === '>') { tokens.push('=>'); i += 2; continue; }
    if (ODD.test(c)) {
      if (!odd) {
        const cp = text.codePointAt(i)!;
        errors.push({ line: lineNo, message: `unexpected input character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
        odd = true;
      }
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !isBlank(text[j]!) && !'"`()'.includes(text[j]!) && !ODD.test(text[j]!) &&
      !(text[j] === '/' && text[j + 1] === '/') && !(text[j] === '=' && text[j + 1] === '>')) j++;
    tokens.push(text.slice(i, j));
    i = j;
  }
  return { tokens, comment };
}

/** A byte-order mark at the very start is dropped, as editors write it and Go tolerates it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits go.mod-grammar text (go.mod, go.work) into directives and calls `apply(verb, args, line)`
 * for each, a parenthesised block once per line inside it. Errors go to `errors`.
 */
export function forEachDirective(
  text: string,
  errors: { line: number; message: string }[],
  apply: (verb: string, args: string[], line: number, comment: string) => void,
): void {
  const rawLines = stripBom(text).split('\n');
  const lines: Line[] = rawLines.map((l, i) => ({ ...tokenize(l, i + 1, errors), line: i + 1 }));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.tokens.length) continue;
    const [verb, ...rest] = l.tokens;
    if (rest[0] === '(' ) {
      // block: verb ( ... )
      if (rest.length > 1 && rest[rest.length - 1] === ')') continue; // "require ()" empty inline block
      let closed = false;
      for (i = i + 1; i < lines.length; i++) {
        const b = lines[i]!;
        if (!b.tokens.length) continue;
        if (b.tokens[0] === ')') { closed = true; break; }
        apply(verb!, b.tokens, b.line, b.comment);
      }
      if (!closed) errors.push({ line: l.line, message: `unclosed '${verb} (' block` });
      continue;
    }
    apply(verb!, rest, l.line, l.comment);
  }
}

const LOCAL_PATH = /^(\.{1,2}[\\/]|\/|[A-Za-z]:[\\/])|^\.{1,2}$/;

/** Whether a replace target is a filesystem path (no version, not matchable). */
export function isLocalReplacement(p: string): boolean {
  return LOCAL_PATH.test(p);
}

/** The replace directive that applies to a requirement (one naming its version first, then one for every version), if any. */
export function replacementFor(replaces: readonly ModReplace[], r: { path: string; version: string }): ModReplace | undefined {
  return replaces.find((x) => x.from.path === r.path && x.from.version === r.version)
    ?? replaces.find((x) => x.from.path === r.path && !x.from.version);
}

/** A `replace old [v] => new [v]` directive's arguments, or an error message. */
export function parseReplace(args: string[], line: number): ModReplace | string {
  const arrow = args.indexOf('=>');
  if (arrow < 1 || arrow === args.length - 1) return 'replace: expected "old [v] => new [v]"';
  const from = args.slice(0, arrow);
  const to = args.slice(arrow + 1);
  return { from: { path: from[0]!, version: from[1] }, to: { path: to[0]!, version: to[1] }, line };
}

export function parseGoMod(text: string): GoMod {
  const mod: GoMod = { require: [], replace: [], exclude: [], retract: [], godebug: [], tool: [], errors: [] };

  const apply = (verb: string, args: string[], line: number, comment: string) => {
    const need = (n: number): boolean => {
      if (args.length < n) { mod.errors.push({ line, message: `${verb}: expected ${n} argument(s), got ${args.length}` }); return false; }
      return true;
    };
    switch (verb) {
      case 'module': if (need(1)) { mod.module = args[0]; mod.moduleLine = line; } break;
      case 'go':
        if (need(1)) {
          if (!/^\d+(\.\d+){0,2}([a-z]+\d+)?$/.test(args[0]!)) mod.errors.push({ line, message: `invalid go version '${args[0]}'` });
          mod.go = args[0]; mod.goLine = line;
        }
        break;
      case 'toolchain': if (need(1)) { mod.toolchain = args[0]; mod.toolchainLine = line; } break;
      case 'require':
        if (need(2)) mod.require.push({ path: args[0]!, version: args[1]!, indirect: /(^|;)\s*indirect\s*(;|$)/.test(comment), line });
        break;
      case 'exclude': if (need(2)) mod.exclude.push({ path: args[0]!, version: args[1]!, line }); break;
      case 'replace': {
        const r = parseReplace(args, line);
        if (typeof r === 'string') mod.errors.push({ line, message: r });
        else mod.replace.push(r);
        break;
      }
      case 'retract': if (args.length) mod.retract.push({ versions: args.join(' '), rationale: comment || undefined, line }); break;
      case 'godebug': {
        const kv = args.join('');
        const eq = kv.indexOf('=');
        if (eq > 0) mod.godebug.push({ key: kv.slice(0, eq), value: kv.slice(eq + 1), line });
        else mod.errors.push({ line, message: 'godebug: expected key=value' });
        break;
      }
      case 'tool': if (need(1)) mod.tool.push({ path: args[0]!, line }); break;
      default: mod.errors.push({ line, message: `unknown directive '${verb}'` });
    }
  };

  forEachDirective(text, mod.errors, apply);
  if (!mod.module) mod.errors.push({ line: 1, message: 'no module directive' });
  return mod;
}
