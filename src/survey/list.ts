/**
 * What to survey: a list file (one repository per line: a local path or a git URL, with optional
 * `name=`, `ref=` and `probe=`; `#` starts a comment) or a directory whose children are repositories.
 */
import fs from 'node:fs';
import { readRegularFile } from '../core/safe-read.js';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { SurveyEntryInput } from '../store/store.js';

export class ListError extends UserError {}

const SCHEMES = new Set(['https:', 'ssh:', 'file:']);

/**
 * Validates a git URL before it goes anywhere near `git`: https, ssh or file scheme only, no
 * leading '-' (option injection), no whitespace or control characters, no password in the URL.
 * Returns a reason when invalid.
 */
export function invalidGitUrl(url: string): string | undefined {
  if (url.startsWith('-')) return 'must not start with "-"';
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(url)) return 'must not contain spaces or control characters';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (!SCHEMES.has(u.protocol)) return `scheme ${u.protocol.replace(/:$/, '')} is not allowed (https, ssh or file only)`;
  if (u.password) return 'must not carry a password (use a git credential helper)';
  if (u.protocol === 'file:') {
    if (u.host && u.host !== 'localhost') return 'file URLs must be local (file:///path)';
    if (!u.pathname || u.pathname === '/') return 'has no path';
  } else {
    if (!u.hostname) return 'has no host';
    if (u.hostname.startsWith('-')) return 'host must not start with "-"';
    if (!u.pathname || u.pathname === '/') return 'has no repository path';
  }
  return undefined;
}

export function isUrlLike(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^[\w.-]+@[\w.-]+:/.test(s);
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** A readable default name: the last path segment without .git. */
export function defaultName(location: string): string {
  const trimmed = location.replace(/[/\\]+$/, '').replace(/\.git$/, '');
  const seg = trimmed.split(/[/\\:]/).filter(Boolean).pop();
  return seg || location;
}

const REF_RE = /^(?!-)[A-Za-z0-9._/@^~+-]+$/;

/**
 * A line's `probe=`: an http(s) pprof URL of the running service (no credentials), or a directory
 * or file of saved profiles (relative to the list), as `goready audit --probe` takes.
 */
export function probeTarget(v: string, baseDir: string): string | { error: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) && !/^[a-z]:[\\/]/i.test(v)) {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return { error: 'is not a valid URL' };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: 'must be an http(s) pprof URL or a directory of saved profiles' };
    if (u.username || u.password) return { error: 'must not carry credentials' };
    return u.href;
  }
  if (v.startsWith('-')) return { error: 'must not start with "-"' };
  const abs = path.resolve(baseDir, expandHome(v));
  if (!fs.existsSync(abs)) return { error: `: ${abs}: no such file or directory` };
  return abs;
}

/** Parses the text of a list file; relative paths are taken from `baseDir`. */
export function parseList(text: string, baseDir: string, label = 'list'): SurveyEntryInput[] {
  const out: SurveyEntryInput[] = [];
  const errors: string[] = [];
  const names = new Map<string, number>();
  const locations = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [loc, ...rest] = line.split(/\s+/);
    let name: string | undefined;
    let ref: string | undefined;
    let probe: string | undefined;
    for (const kv of rest) {
      const m = /^(name|ref|probe)=(.+)$/.exec(kv);
      if (!m) { errors.push(`${label}:${lineNo}: unexpected '${kv}' (expected name=…, ref=… or probe=…)`); continue; }
      if (m[1] === 'name') name = m[2];
      else if (m[1] === 'ref') ref = m[2];
      else {
        const p = probeTarget(m[2]!, baseDir);
        if (typeof p === 'object') { errors.push(`${label}:${lineNo}: probe=${m[2]} ${p.error}`); return; }
        probe = p;
      }
    }
    let entry: SurveyEntryInput;
    if (isUrlLike(loc!)) {
      const why = invalidGitUrl(loc!);
      if (why) {
        const hint = /^[\w.-]+@[\w.-]+:/.test(loc!) ? ' (write scp-like addresses as ssh://user@host/path)' : '';
        errors.push(`${label}:${lineNo}: git URL ${JSON.stringify(loc)} ${why}${hint}`);
        return;
      }
      entry = { location: loc!, kind: 'git', name: name ?? defaultName(loc!), ref: ref ?? null };
    } else {
      if (loc!.startsWith('-')) { errors.push(`${label}:${lineNo}: path must not start with "-"`); return; }
      if (ref) { errors.push(`${label}:${lineNo}: ref= needs a git URL (for a local repository use file:///absolute/path)`); return; }
      const abs = path.resolve(baseDir, expandHome(loc!));
      let st: fs.Stats | undefined;
      try { st = fs.statSync(abs); } catch { /* reported below */ }
      if (!st?.isDirectory()) { errors.push(`${label}:${lineNo}: ${abs}: no such directory`); return; }
      entry = { location: abs, kind: 'path', name: name ?? defaultName(abs), ref: null };
    }
    if (probe) entry.probe = probe;
    if (ref !== undefined && !REF_RE.test(ref)) { errors.push(`${label}:${lineNo}: ref ${JSON.stringify(ref)} is not a valid git ref`); return; }
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(entry.name) || entry.name.length > 200) { errors.push(`${label}:${lineNo}: invalid name`); return; }
    const dupLoc = locations.get(entry.location);
    if (dupLoc) { errors.push(`${label}:${lineNo}: ${entry.location} already listed on line ${dupLoc}`); return; }
    const dupName = names.get(entry.name);
    if (dupName) { errors.push(`${label}:${lineNo}: name '${entry.name}' already used on line ${dupName} (give name=…)`); return; }
    names.set(entry.name, lineNo);
    locations.set(entry.location, lineNo);
    out.push(entry);
  });
  if (errors.length) throw new ListError(errors.join('\n'));
  if (!out.length) throw new ListError(`${label}: no repositories listed`);
  return out;
}

/** Children of a directory as repositories (hidden ones skipped), sorted by name. */
export function listDirectory(dir: string): SurveyEntryInput[] {
  const abs = path.resolve(dir);
  const out = fs.readdirSync(abs, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .filter((d) => d.isDirectory() || (d.isSymbolicLink() && (() => { try { return fs.statSync(path.join(abs, d.name)).isDirectory(); } catch { return false; } })()))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ location: path.join(abs, name), kind: 'path' as const, name, ref: null }));
  if (!out.length) throw new ListError(`${abs}: no repository directories inside`);
  return out;
}

/** Resolves `<list>`: a directory of repositories or a list file. */
export function readSurveyList(list: string): { source: string; entries: SurveyEntryInput[] } {
  const abs = path.resolve(list);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new ListError(`${list}: no such file or directory`);
  }
  if (st.isDirectory()) return { source: abs, entries: listDirectory(abs) };
  const r = readRegularFile(abs, { maxBytes: 16 * 1024 * 1024 });
  if (!r.ok) throw new ListError(`${list}: ${r.message}`);
  return { source: abs, entries: parseList(r.buf.toString('utf8'), path.dirname(abs), list) };
}
