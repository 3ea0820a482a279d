/**
 * Go build constraints: which operating systems a file is built for, from its build line (read and parsed by the
 * code-role model, src/core/code-roles.ts: `//go:build` or the older `// +build` lines) and its `_GOOS` /
 * `_GOOS_GOARCH` file-name suffix (the go command's rules). Other tags (architectures, cgo, go versions, custom
 * tags) are assumed satisfiable, so only the operating system narrows the answer.
 */
import { buildConstraint, evalExpr, parseExpr, tagsOf, type BuildExpr } from '../core/code-roles.js';

export const KNOWN_OS = [
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd',
  'plan9', 'solaris', 'wasip1', 'windows', 'zos',
] as const;
const OS_SET = new Set<string>(KNOWN_OS);
const UNIX = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);
const MAX_EXPR = 512;
/** Beyond this many non-OS tags the rest are taken as set (2^n evaluations). */
const MAX_FREE_TAGS = 10;

/** Parses a build-constraint expression (`linux && !cgo || (darwin)`); undefined when malformed or too long. */
export function parseConstraint(text: string): BuildExpr | undefined {
  return text.length > MAX_EXPR ? undefined : parseExpr(text);
}

/** Whether the OS tag `tag` holds when building for `os` (GOOS=android also sets linux, ios darwin, illumos solaris). */
function osTag(tag: string, os: string): boolean {
  if (tag === 'unix') return UNIX.has(os);
  return tag === os || (tag === 'linux' && os === 'android') || (tag === 'darwin' && os === 'ios') || (tag === 'solaris' && os === 'illumos');
}

/** Whether `e` can hold when building for `os` (any value of the other tags: both polarities are tried). */
function satisfiable(e: BuildExpr, os: string): boolean {
  const free = [...tagsOf(e)].filter((t) => !OS_SET.has(t) && t !== 'unix').slice(0, MAX_FREE_TAGS);
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const on = (tag: string) => {
      if (OS_SET.has(tag) || tag === 'unix') return osTag(tag, os);
      const k = free.indexOf(tag);
      return k < 0 || (mask & (1 << k)) !== 0;
    };
    if (evalExpr(e, on)) return true;
  }
  return false;
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
  const line = buildConstraint(source);
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
