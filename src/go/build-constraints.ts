/**
 * Go build constraints: which operating systems a file is built for, from its `//go:build` line and its
 * `_GOOS` / `_GOOS_GOARCH` file-name suffix (the go command's rules). Other tags (architectures, cgo, go
 * versions, custom tags) are assumed satisfiable, so only the operating system narrows the answer.
 */
export const KNOWN_OS = [
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd',
  'plan9', 'solaris', 'wasip1', 'windows', 'zos',
] as const;
const OS_SET = new Set<string>(KNOWN_OS);
const UNIX = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);
const MAX_EXPR = 512;

type Expr = { op: 'tag'; tag: string } | { op: 'not'; x: Expr } | { op: 'and' | 'or'; a: Expr; b: Expr };

/** Parses a build-constraint expression (`linux && !cgo || (darwin)`); undefined when malformed or too long. */
export function parseConstraint(text: string): Expr | undefined {
  if (text.length > MAX_EXPR) return undefined;
  const tokens = text.match(/&&|\|\||[()!]|[A-Za-z0-9_.]+|\S/g) ?? [];
  let i = 0;
  const or = (): Expr | undefined => {
    let a = and();
    while (a && tokens[i] === '||') { i++; const b = and(); a = b && { op: 'or', a, b }; }
    return a;
  };
  const and = (): Expr | undefined => {
    let a = unary();
    while (a && tokens[i] === '&&') { i++; const b = unary(); a = b && { op: 'and', a, b }; }
    return a;
  };
  const unary = (): Expr | undefined => {
    const t = tokens[i++];
    if (t === '!') { const x = unary(); return x && { op: 'not', x }; }
    if (t === '(') { const x = or(); return tokens[i++] === ')' ? x : undefined; }
    return t && /^[A-Za-z0-9_.]+$/.test(t) ? { op: 'tag', tag: t } : undefined;
  };
  const e = or();
  return e && i === tokens.length ? e : undefined;
}

/** Whether `e` can hold when building for `os` (any value of the other tags: both polarities are tried). */
function satisfiable(e: Expr, os: string): boolean {
  const free = new Set<string>();
  const collect = (x: Expr): void => {
    if (x.op === 'tag') { if (!OS_SET.has(x.tag) && x.tag !== 'unix') free.add(x.tag); }
    else if (x.op === 'not') collect(x.x);
    else { collect(x.a); collect(x.b); }
  };
  collect(e);
  const names = [...free].slice(0, 10); // beyond 10 free tags the rest are taken as true
  for (let mask = 0; mask < 1 << names.length; mask++) {
    const val = (x: Expr): boolean => {
      if (x.op === 'tag') {
        if (OS_SET.has(x.tag)) return x.tag === os || (x.tag === 'linux' && os === 'android') || (x.tag === 'darwin' && os === 'ios') || (x.tag === 'solaris' && os === 'illumos');
        if (x.tag === 'unix') return UNIX.has(os);
        const k = names.indexOf(x.tag);
        return k < 0 ? true : (mask & (1 << k)) !== 0;
      }
      if (x.op === 'not') return !val(x.x);
      return x.op === 'and' ? val(x.a) && val(x.b) : val(x.a) || val(x.b);
    };
    if (val(e)) return true;
  }
  return false;
}

/** The `//go:build` expression of a Go source (the line must come before the package clause). */
export function buildLine(source: string): string | undefined {
  for (const line of source.slice(0, 64 * 1024).split('\n')) {
    const t = line.trim();
    if (t.startsWith('package ')) break;
    const m = /^\/\/go:build\s+(.*)$/.exec(t);
    if (m) return m[1]!.trim();
  }
  return undefined;
}

/**
 * The operating systems a file is built for, or undefined for "all" (no OS restriction found).
 * `relPath` gives the file-name suffix; `source` the build line.
 */
export function targetOperatingSystems(relPath: string, source: string): string[] | undefined {
  const base = (relPath.split('/').pop() ?? '').replace(/(_test)?\.go$/, '');
  const parts = base.split('_');
  let fromName: string | undefined;
  if (parts.length > 1) {
    const last = parts.at(-1)!;
    const prev = parts.length > 2 ? parts.at(-2)! : undefined;
    if (OS_SET.has(last)) fromName = last;
    else if (prev && OS_SET.has(prev)) fromName = prev; // name_GOOS_GOARCH.go
  }
  const line = buildLine(source);
  const expr = line ? parseConstraint(line) : undefined;
  const candidates = fromName ? [fromName] : [...KNOWN_OS];
  const oses = expr ? candidates.filter((os) => satisfiable(expr, os)) : candidates;
  return oses.length === KNOWN_OS.length ? undefined : oses;
}

/** Whether the file is built only for Windows (where Unix permission bits, signals and the like mean little). */
export function windowsOnly(relPath: string, source: string): boolean {
  const oses = targetOperatingSystems(relPath, source);
  return !!oses && oses.length > 0 && oses.every((os) => os === 'windows');
}
