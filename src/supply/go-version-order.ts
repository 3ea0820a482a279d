/**
 * Go module version ordering (the semantic-version rules the go command applies) and OSV SEMVER
 * range evaluation.
 *
 * - Versions carry a `v` prefix in Go (`v1.2.3`); OSV entries of the Go database omit it
 *   (`1.2.3`). Both spellings are accepted everywhere here.
 * - Precedence is SemVer 2.0: numeric MAJOR.MINOR.PATCH, a pre-release sorts before its release,
 *   pre-release identifiers compare numerically when numeric (numeric < alphanumeric), a longer
 *   identifier list wins when all shared identifiers are equal, build metadata (`+incompatible`)
 *   is ignored by the comparison.
 * - Go shorthands `v1` and `v1.2` mean `v1.0.0` and `v1.2.0` (they cannot carry a pre-release).
 * - Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.20191109021931-daa7c04131f5`,
 *   `v1.2.3-pre.0.20191109021931-daa7c04131f5`) are pre-releases, so plain SemVer precedence
 *   places them right: after their base version and before the next release.
 * - Invalid versions sort before every valid one and are equal to each other (as in x/mod/semver).
 */

export interface SemVer {
  major: string;
  minor: string;
  patch: string;
  /** Pre-release identifiers (without the leading '-'); empty for a release. */
  prerelease: string[];
  /** Build metadata without the '+', e.g. 'incompatible'; '' when absent. */
  build: string;
  /** The version was written in a shortened form (v1, v1.2). */
  short: boolean;
}

const NUM = /^(0|[1-9][0-9]*)$/;
const IDENT = /^[0-9A-Za-z-]+$/;

/** Parses a Go/SemVer version; the leading `v` is optional. Returns undefined when invalid. */
export function parseVersion(input: string): SemVer | undefined {
  if (typeof input !== 'string') return undefined;
  let v = input.trim();
  if (v.startsWith('v')) v = v.slice(1);
  if (!v) return undefined;
  let build = '';
  const plus = v.indexOf('+');
  if (plus !== -1) {
    build = v.slice(plus + 1);
    v = v.slice(0, plus);
    if (!build || !build.split('.').every((id) => IDENT.test(id))) return undefined;
  }
  let pre = '';
  const dash = v.indexOf('-');
  if (dash !== -1) {
    pre = v.slice(dash + 1);
    v = v.slice(0, dash);
    if (!pre) return undefined;
  }
  const core = v.split('.');
  if (core.length < 1 || core.length > 3 || !core.every((n) => NUM.test(n))) return undefined;
  const short = core.length < 3;
  if (short && (pre || build)) return undefined;
  const prerelease = pre ? pre.split('.') : [];
  for (const id of prerelease) {
    if (!IDENT.test(id)) return undefined;
    if (/^[0-9]+$/.test(id) && !NUM.test(id)) return undefined; // numeric identifiers have no leading zeros
  }
  return { major: core[0]!, minor: core[1] ?? '0', patch: core[2] ?? '0', prerelease, build, short };
}

export function isValidVersion(v: string): boolean {
  return parseVersion(v) !== undefined;
}

/** Compares two non-negative decimal strings without leading zeros. */
function cmpNum(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpPrerelease(a: string[], b: string[]): number {
  if (!a.length || !b.length) {
    if (!a.length && !b.length) return 0;
    return a.length ? -1 : 1; // a pre-release sorts before the release
  }
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return cmpNum(x, y);
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1; // ASCII order
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** -1, 0 or 1. Build metadata is ignored; invalid versions sort first and equal each other. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return !pa && !pb ? 0 : !pa ? -1 : 1;
  return compareParsed(pa, pb);
}

export function compareParsed(pa: SemVer, pb: SemVer): number {
  return cmpNum(pa.major, pb.major) || cmpNum(pa.minor, pb.minor) || cmpNum(pa.patch, pb.patch) || cmpPrerelease(pa.prerelease, pb.prerelease);
}

/** Canonical Go spelling: `v` prefix, shorthands expanded, build metadata kept (`v2.0.0+incompatible`). */
export function canonicalVersion(v: string): string | undefined {
  const p = parseVersion(v);
  if (!p) return undefined;
  return `v${p.major}.${p.minor}.${p.patch}${p.prerelease.length ? `-${p.prerelease.join('.')}` : ''}${p.build ? `+${p.build}` : ''}`;
}

export function isPrerelease(v: string): boolean {
  return (parseVersion(v)?.prerelease.length ?? 0) > 0;
}

export function isIncompatible(v: string): boolean {
  return parseVersion(v)?.build === 'incompatible';
}

// ---------------------------------------------------------------------------------------------
// Pseudo-versions

export interface PseudoVersion {
  /** 'none': vX.0.0-ts-rev (no earlier tag); 'release': vX.Y.(Z+1)-0.ts-rev; 'prerelease': vX.Y.Z-pre.0.ts-rev. */
  form: 'none' | 'release' | 'prerelease';
  /** The tagged version the commit descends from ('' for form 'none'), e.g. v1.2.3 or v1.2.3-pre. */
  base: string;
  /** yyyymmddhhmmss (UTC). */
  timestamp: string;
  revision: string;
  time?: Date;
}

const PSEUDO_TAIL = /^(\d{14})-([0-9A-Za-z]+)$/;

/** Recognises the three pseudo-version forms; returns their parts, or undefined for a regular version. */
export function parsePseudoVersion(v: string): PseudoVersion | undefined {
  const p = parseVersion(v);
  if (!p || p.short || p.prerelease.length === 0) return undefined;
  const pre = p.prerelease;
  const last = pre[pre.length - 1]!;
  const tail = PSEUDO_TAIL.exec(last);
  if (!tail) return undefined;
  const [, timestamp, revision] = tail as unknown as [string, string, string];
  let form: PseudoVersion['form'];
  let base = '';
  if (pre.length === 1) {
    // vX.0.0-yyyymmddhhmmss-abcdef
    if (p.minor !== '0' || p.patch !== '0') return undefined;
    form = 'none';
  } else if (pre[pre.length - 2] === '0') {
    if (pre.length === 2) {
      // vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef: base is vX.Y.Z
      if (p.patch === '0') return undefined;
      form = 'release';
      base = `v${p.major}.${p.minor}.${BigInt(p.patch) - 1n}`;
    } else {
      // vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef: base is vX.Y.Z-pre
      form = 'prerelease';
      base = `v${p.major}.${p.minor}.${p.patch}-${pre.slice(0, -2).join('.')}`;
    }
  } else {
    return undefined;
  }
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp)!;
  const time = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return { form, base, timestamp, revision, time: Number.isNaN(time.getTime()) ? undefined : time };
}

export function isPseudoVersion(v: string): boolean {
  return parsePseudoVersion(v) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Go toolchain versions (stdlib / toolchain entries)

/**
 * Maps a Go release or language version to SemVer, as the Go vulnerability database does:
 * `go1.22.3` → v1.22.3, `1.22` (go directive) → v1.22.0, `go1.21rc2` → v1.21.0-rc.2,
 * `1.21beta1` → v1.21.0-beta.1. Returns undefined for anything else.
 */
export function goVersionToSemver(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  const [, major, minor = '0', patch, kind, n] = m;
  if (kind) return `v${major}.${minor}.${patch ?? '0'}-${kind}.${n}`;
  return `v${major}.${minor}.${patch ?? '0'}`;
}

/** The Go spelling of a stdlib SemVer version: v1.22.4 → go1.22.4, 1.21.0-rc.2 → go1.21rc2. */
export function semverToGoVersion(v: string): string {
  const p = parseVersion(v);
  if (!p) return v;
  const pre = p.prerelease;
  if (pre.length === 2 && /^(rc|beta|alpha)$/.test(pre[0]!)) return `go${p.major}.${p.minor}${pre[0]}${pre[1]}`;
  return `go${p.major}.${p.minor}.${p.patch}`;
}

// ---------------------------------------------------------------------------------------------
// OSV ranges

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

/** Orders OSV versions: "0" (introduced: 0) is below everything. */
function cmpOsv(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  return compareVersions(a, b);
}

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

/**
 * Whether `version` falls in one OSV SEMVER range. Events are sorted by version and replayed:
 * `introduced` opens an affected interval, `fixed` closes it (the fixed version is not
 * affected), `last_affected` closes it after that version, `limit` bounds the whole range.
 * Unknown range types (GIT, ECOSYSTEM) never match.
 */
export function inRange(version: string, range: OsvRange): boolean {
  if (range.type !== 'SEMVER') return false;
  if (!isValidVersion(version)) return false;
  const events = range.events.filter((e) => {
    const ev = eventVersion(e);
    return ev !== undefined && (ev === '0' || isValidVersion(ev));
  });
  for (const e of events) if (e.limit !== undefined && e.limit !== '0' && cmpOsv(version, e.limit) >= 0) return false;
  // stable sort by version; at equal versions apply closing events after opening ones
  const order = (e: OsvEvent) => (e.introduced !== undefined ? 0 : 1);
  const sorted = events.filter((e) => e.limit === undefined).sort((x, y) => cmpOsv(eventVersion(x)!, eventVersion(y)!) || order(x) - order(y));
  let affected = false;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (cmpOsv(version, e.introduced) >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      if (cmpOsv(version, e.fixed) >= 0) affected = false;
    } else if (e.last_affected !== undefined) {
      if (cmpOsv(version, e.last_affected) > 0) affected = false;
    }
  }
  return affected;
}

/** Whether `version` falls in any of the ranges (ranges are alternatives). */
export function inAnyRange(version: string, ranges: readonly OsvRange[]): boolean {
  return ranges.some((r) => inRange(version, r));
}

/**
 * The smallest `fixed` version above `version` that no range still marks affected; undefined
 * when no such fix exists (no fix released, or only `last_affected`).
 */
export function smallestFixAbove(version: string, ranges: readonly OsvRange[]): string | undefined {
  const fixes = ranges
    .filter((r) => r.type === 'SEMVER')
    .flatMap((r) => r.events.map((e) => e.fixed).filter((f): f is string => f !== undefined && isValidVersion(f)))
    .filter((f) => compareVersions(f, version) > 0)
    .sort(compareVersions);
  return fixes.find((f) => !inAnyRange(f, ranges));
}

/** Adds the `v` prefix Go uses (OSV omits it). */
export function withV(v: string): string {
  return v.startsWith('v') ? v : `v${v}`;
}
