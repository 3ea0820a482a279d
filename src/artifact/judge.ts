/**
 * Findings from what a built artifact says about itself: known vulnerabilities against the exact
 * Go release and linked module versions, build settings (-trimpath, -s -w, -gcflags, VCS stamp),
 * Go support window; for images, the user, the Go runtime environment and whether a dynamically
 * linked binary can start on the image's filesystem.
 */
import type { Confidence, Finding, Severity } from '../core/types.js';
import { isUnsupportedGo, supportWindow, type SupportWindow } from '../facts/go-releases.js';
import { parseGoGC, parseGoMaxProcs, parseGoMemLimit } from '../facts/runtime-quantities.js';
import { goVersionToSemver, isValidVersion, semverToGoVersion } from '../supply/go-version-order.js';
import { aliasesOf, formatIds, vulnsFor, type ModuleVuln, type Requirement, type VulnLevel } from '../supply/vuln-match.js';
import type { VulnDb } from '../supply/vulndb.js';
import { CHECKS } from './checks.js';
import { evidenceFinding, ruleCheckFinding } from '../core/evidence-check.js';
import type { FindingRule } from '../core/finding.js';
import type { LinkedPackages } from './linked-packages.js';
import type { BinaryInfo, ImageInfo } from './model.js';

const SEVERITY: Record<VulnLevel, Severity> = { symbol: 'high', package: 'medium', module: 'low' };
const CONFIDENCE: Record<VulnLevel, Confidence> = { symbol: 'high', package: 'high', module: 'medium' };

function finding(check: FindingRule, file: string, message: string, extra: Partial<Finding> = {}): Finding {
  return evidenceFinding(check, file, 1, message, extra);
}

/** The release in a binary's version string: "go1.22.1 X:boringcrypto" → "go1.22.1"; devel builds → undefined. */
export function releaseOfBinary(goVersion: string | null): string | undefined {
  if (!goVersion) return undefined;
  const first = goVersion.trim().split(/\s+/)[0]!;
  return goVersionToSemver(first) ? first : undefined;
}

interface Evidence { level: VulnLevel; detail: string }

/** How close the vulnerable code is, from the binary's function names. */
function binaryEvidence(v: ModuleVuln, linked: LinkedPackages | undefined, goos: string | undefined): Evidence | 'other-os' {
  if (!linked) return { level: 'module', detail: 'module level: the linked version is affected (function names unreadable: packages not checked)' };
  if (!v.packages.length) return { level: 'module', detail: 'module level: the linked version is affected; the advisory names no packages' };
  let pkgHit: string | undefined;
  let osOnly = false;
  for (const p of v.packages) {
    if (p.goos && goos && !p.goos.includes(goos)) {
      osOnly = true;
      continue;
    }
    if (!linked.packages.has(p.path)) continue;
    pkgHit ??= p.path;
    const hits = (p.symbols ?? []).filter((s) => linked.symbols.has(`${p.path}.${s}`));
    if (hits.length) {
      return { level: 'symbol', detail: `symbol level: ${p.path.slice(p.path.lastIndexOf('/') + 1)}.${hits[0]} is linked into the binary${hits.length > 1 ? ` (and ${hits.length - 1} more affected function(s))` : ''} (${linked.source}; linked is not proof it is called)` };
    }
  }
  if (pkgHit) {
    const listed = v.packages.some((p) => p.symbols?.length);
    return { level: 'package', detail: `package level: ${pkgHit} is linked into the binary${listed ? ', no affected function is' : ''} (${linked.source})` };
  }
  if (osOnly && v.packages.every((p) => p.goos && goos && !p.goos.includes(goos))) return 'other-os';
  return { level: 'module', detail: `module level: the linked version is affected, but no affected package (${v.packages.slice(0, 3).map((p) => p.path).join(', ')}${v.packages.length > 3 ? ', …' : ''}) is linked` };
}

/** Requirements (in vuln-match's terms) of what a binary links: each module at its exact version, replacements followed. */
export function linkedRequirements(info: BinaryInfo): { reqs: Requirement[]; skipped: string[]; local: Set<string> } {
  const reqs: Requirement[] = [];
  const skipped: string[] = [];
  const local = new Set<string>();
  for (const m of info.modules) {
    if (m.replace && !m.replace.version) {
      // a local directory stands in for the required version: usually a patched copy of it, so the
      // required version is matched, with low confidence (the code may differ)
      if (!isValidVersion(m.version)) {
        skipped.push(`${m.path} => ${m.replace.path} (local directory)`);
        continue;
      }
      local.add(m.path);
      reqs.push({ path: m.path, version: m.version, importPath: m.path, file: info.path, line: 1, via: 'replace', indirect: false });
      continue;
    }
    const path = m.replace ? m.replace.path : m.path;
    const version = m.replace?.version ?? m.version;
    if (!version || !isValidVersion(version)) {
      skipped.push(`${m.path} ${version ?? ''}`.trim());
      continue;
    }
    reqs.push({ path, version, importPath: m.path, file: info.path, line: 1, via: m.replace ? 'replace' : 'require', indirect: false });
  }
  return { reqs, skipped, local };
}

export interface JudgeOptions {
  db?: VulnDb;
  window?: SupportWindow;
}

export function vulnFindings(info: BinaryInfo, linked: LinkedPackages | undefined, db: VulnDb): Finding[] {
  const out: Finding[] = [];
  const goos = info.settings.GOOS;
  const { reqs, local } = linkedRequirements(info);
  for (const req of reqs) {
    for (const v of vulnsFor(db, req)) {
      const ev = binaryEvidence(v, linked, goos);
      if (ev === 'other-os') continue;
      const fix = v.fixed ? `fixed in ${v.fixed}: go get ${v.req.path}@${v.fixed} and rebuild` : 'no fixed version is known: remove or isolate the dependency';
      const isLocal = local.has(req.path);
      const how = isLocal ? ` (replaced by a local directory: the code may differ from ${v.req.version})` : req.importPath !== req.path ? ` (replacing ${req.importPath})` : '';
      out.push(finding(CHECKS.vuln, info.path,
        `${formatIds(v.entry)} ${v.entry.summary ?? ''}: ${info.path} links ${v.req.path}@${v.req.version}${how} [${ev.detail}]; ${fix}`,
        { severity: SEVERITY[ev.level], confidence: isLocal ? 'low' : CONFIDENCE[ev.level], vuln: { id: v.entry.id, aliases: aliasesOf(v.entry), module: v.req.path, version: v.req.version, fixed: v.fixed, level: ev.level } }));
    }
  }
  const release = releaseOfBinary(info.goVersion);
  const semver = release ? goVersionToSemver(release) : undefined;
  if (release && semver) {
    const req: Requirement = { path: 'stdlib', version: semver, importPath: '', file: info.path, line: 1, via: 'go', indirect: false };
    for (const v of vulnsFor(db, req)) {
      if (!v.fixed) continue;
      const ev = binaryEvidence(v, linked, goos);
      if (ev === 'other-os') continue;
      // every binary links the runtime: a stdlib advisory counts when an affected package is linked
      if (ev.level === 'module' && linked) continue;
      const fixed = semverToGoVersion(v.fixed);
      out.push(finding(CHECKS.vuln, info.path,
        `${formatIds(v.entry)} ${v.entry.summary ?? ''}: ${info.path} was built by ${release}, affected (fixed in ${fixed}) [${ev.detail}]; rebuild with ${fixed} or later`,
        { severity: SEVERITY[ev.level], confidence: CONFIDENCE[ev.level], vuln: { id: v.entry.id, aliases: aliasesOf(v.entry), module: 'stdlib', version: release, fixed, level: ev.level } }));
    }
  }
  return out;
}

/** Build findings of one binary (the settings it records). */
export function buildFindings(info: BinaryInfo, window: SupportWindow = supportWindow()): Finding[] {
  const out: Finding[] = [];
  const s = info.settings;
  const f = info.path;
  if (!info.goVersion) return out;
  if (s['-trimpath'] !== 'true') out.push(finding(CHECKS.trimpath, f, `${f} was built without -trimpath: it embeds the build machine's file paths and is not reproducible`));
  if (!info.stripped) {
    const what = [info.symbols ? 'a symbol table' : '', info.dwarf ? 'DWARF debug information' : ''].filter(Boolean).join(' and ');
    out.push(finding(CHECKS.notStripped, f, `${f} ships ${what} (-ldflags "-s -w" not used)${s['-ldflags'] ? `; its -ldflags were ${JSON.stringify(s['-ldflags'])}` : ''}`));
  }
  const gc = s['-gcflags'];
  if (gc) {
    // "-N -l" or "all=-N -l" (package patterns before '=')
    const bad = gc.split(/\s+/).filter((x) => /(^|=)-(B|N|l)$/.test(x));
    if (bad.length) out.push(finding(CHECKS.debugGcflags, f, `${f} was built with -gcflags ${JSON.stringify(gc)}: ${/-B\b/.test(gc) ? '-B removes bounds checks' : 'optimisations or inlining are disabled (a debug build)'}`));
  }
  const release = releaseOfBinary(info.goVersion);
  if (release && isUnsupportedGo(release, window)) {
    out.push(finding(CHECKS.unsupportedGo, f, `${f} was built by ${release}, older than Go 1.${window.oldest.minor}, the oldest release still receiving security fixes (supported: 1.${window.newest.minor} and 1.${window.oldest.minor})`));
  }
  if (!('vcs' in s) && !('vcs.revision' in s)) {
    out.push(ruleCheckFinding(CHECKS.noVcs, f, 1, 'noVcs', { binary: f }));
  } else if (s['vcs.modified'] === 'true') {
    out.push(ruleCheckFinding(CHECKS.dirty, f, 1, 'dirty', { binary: f, revision: s['vcs.revision']?.slice(0, 12) ?? '?' }));
  }
  return out;
}

function isRootUser(user: string | null): boolean {
  if (!user) return true;
  const u = user.split(':')[0]!.trim();
  return u === '' || u === 'root' || u === '0';
}

/** Image findings: user, Go runtime env, and dynamically linked binaries without their loader. */
export function imageFindings(image: ImageInfo, where: string): Finding[] {
  const out: Finding[] = [];
  const runs = !!(image.entrypoint?.length || image.cmd?.length);
  if (runs && isRootUser(image.user)) {
    out.push(finding(CHECKS.root, where, image.user ? `the image runs as root: its config sets User ${JSON.stringify(image.user)}` : 'the image runs as root: its config sets no User'));
  }
  const env = image.env;
  if (env.GOMEMLIMIT !== undefined) {
    const m = parseGoMemLimit(env.GOMEMLIMIT);
    if (m.kind === 'malformed') out.push(finding(CHECKS.envMalformed, where, `GOMEMLIMIT=${env.GOMEMLIMIT} in the image config is malformed for Go (units B, KiB, MiB, GiB, TiB): the process aborts at startup${m.hint ? `; write ${m.hint}` : ''}`));
  }
  if (env.GOGC !== undefined) {
    const g = parseGoGC(env.GOGC);
    if (g.kind === 'malformed') out.push(finding(CHECKS.envMalformed, where, `GOGC=${env.GOGC} in the image config is not an integer or "off": Go silently ignores it and uses 100`));
    else if (g.kind === 'off' && env.GOMEMLIMIT === undefined) out.push(finding({ ...CHECKS.gogc, severity: 'high' }, where, `GOGC=${env.GOGC} in the image config disables the GC and there is no GOMEMLIMIT: the heap grows until the process is OOM-killed`));
    else if (g.kind === 'percent' && g.percent < 50 && env.GOMEMLIMIT === undefined) out.push(finding(CHECKS.gogc, where, `GOGC=${env.GOGC} in the image config without GOMEMLIMIT: a lower GOGC means more GC cycles, not a memory cap; use GOMEMLIMIT to bound memory`));
  }
  if (env.GOMAXPROCS !== undefined && parseGoMaxProcs(env.GOMAXPROCS) === undefined) {
    out.push(finding(CHECKS.envMalformed, where, `GOMAXPROCS=${env.GOMAXPROCS} in the image config is not a positive integer: Go silently ignores it`));
  }
  const have = new Set(image.libc);
  for (const b of image.binaries) {
    if (!b.interpreter) continue;
    if (have.has(b.interpreter)) continue;
    out.push(finding(CHECKS.cgoStatic, b.path, `${b.path} is dynamically linked (CGO_ENABLED=${b.settings.CGO_ENABLED ?? '?'}, interpreter ${b.interpreter}${b.needed?.length ? `, needs ${b.needed.slice(0, 4).join(', ')}` : ''}) but the image has no ${b.interpreter}: it fails to start with "exec: no such file or directory"`));
  }
  return out;
}
