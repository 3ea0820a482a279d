/**
 * The module information text a Go binary embeds (`go version -m` prints it): tab-separated lines
 * `path`, `mod`, `dep`, `=>` (replacement of the line before) and `build key=value`, with keys and
 * values Go-quoted when they contain spaces, tabs, quotes or newlines.
 */

export interface LinkedModule {
  path: string;
  version: string;
  sum?: string;
  replace?: { path: string; version?: string; sum?: string };
}

export interface ModInfo {
  /** Main package import path (`path` line). */
  path?: string;
  main?: LinkedModule;
  deps: LinkedModule[];
  /** Build settings in order, e.g. -trimpath=true, CGO_ENABLED=1, vcs.revision=… */
  settings: [string, string][];
  /** Lines that could not be parsed (kept for a diagnostic). */
  bad: string[];
}

const MAX_LINES = 200_000;

/** Go's strconv.Unquote for double-quoted strings; undefined when malformed. */
export function goUnquote(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return undefined;
  const bytes: number[] = [];
  const push = (str: string) => bytes.push(...Buffer.from(str, 'utf8'));
  const body = s.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') return undefined;
    if (c !== '\\') {
      push(c);
      continue;
    }
    const e = body[++i];
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };
    if (e === undefined) return undefined;
    if (e in simple) bytes.push(simple[e]!);
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if ((e === 'u' || e === 'U') && new RegExp(`^[0-9a-fA-F]{${e === 'u' ? 4 : 8}}$`).test(body.slice(i + 1, i + 1 + (e === 'u' ? 4 : 8)))) {
      const n = e === 'u' ? 4 : 8;
      const cp = parseInt(body.slice(i + 1, i + 1 + n), 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return undefined;
      push(String.fromCodePoint(cp));
      i += n;
    } else if (/^[0-7]{3}$/.test(body.slice(i, i + 3))) {
      const v = parseInt(body.slice(i, i + 3), 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 2;
    } else return undefined;
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseSetting(s: string): [string, string] | undefined {
  let key: string;
  let rest: string;
  if (s.startsWith('"')) {
    // quoted key: find the closing quote (not escaped)
    let i = 1;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    const k = goUnquote(s.slice(0, i + 1));
    if (k === undefined || s[i + 1] !== '=') return undefined;
    key = k;
    rest = s.slice(i + 2);
  } else {
    const eq = s.indexOf('=');
    if (eq <= 0) return undefined;
    key = s.slice(0, eq);
    rest = s.slice(eq + 1);
  }
  const value = rest.startsWith('"') ? goUnquote(rest) : rest;
  return value === undefined ? undefined : [key, value];
}

function mod(fields: string[]): LinkedModule | undefined {
  if (!fields[1]) return undefined;
  return { path: fields[1], version: fields[2] ?? '', ...(fields[3] ? { sum: fields[3] } : {}) };
}

export function parseModInfo(text: string): ModInfo {
  const out: ModInfo = { deps: [], settings: [], bad: [] };
  let last: LinkedModule | undefined;
  const lines = text.split('\n');
  for (const line of lines.slice(0, MAX_LINES)) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const kind = tab < 0 ? line : line.slice(0, tab);
    const fields = line.split('\t');
    if (kind === 'path') out.path = line.slice(tab + 1);
    else if (kind === 'mod') {
      last = mod(fields);
      if (last) out.main = last;
      else out.bad.push(line);
    } else if (kind === 'dep') {
      last = mod(fields);
      if (last) out.deps.push(last);
      else out.bad.push(line);
    } else if (kind === '=>') {
      if (!last || !fields[1]) out.bad.push(line);
      else last.replace = { path: fields[1], ...(fields[2] ? { version: fields[2] } : {}), ...(fields[3] ? { sum: fields[3] } : {}) };
    } else if (kind === 'build') {
      const kv = parseSetting(line.slice(tab + 1));
      if (kv) out.settings.push(kv);
      else out.bad.push(line);
    } else out.bad.push(line);
  }
  if (lines.length > MAX_LINES) out.bad.push(`… ${lines.length - MAX_LINES} more lines not read`);
  return out;
}
