/**
 * How often code runs, from the module call graph (the per-file call sites of src/go/call-sites.ts):
 * the functions that run once per process — at start-up (main and init, and functions only they call,
 * outside loops, directly or as the command hooks they set) — or on operator demand (from a
 * `case syscall.SIGUSR1:` of a signal loop). A cost paid per call (an unpaged LIST, a request without timeout) matters per request or per iteration, not in them.
 *
 * Sound by construction rather than complete: a function is once-only when it has callers in the module,
 * every one of them is itself once-only (a least fixpoint, so recursion never qualifies) and calls it
 * outside loops and deferred function literals, and its value never escapes (passed, stored, returned).
 * Methods are judged only when unexported (a library cannot call them through an interface); modules
 * without a package main are not judged (their exported functions have callers this module cannot see).
 */
import path from 'node:path';
import type { RepoFacts, RepoGoFile } from './repo-facts.js';
import { defineProvider, factKey, goFilesInput, modulesInput } from './fact-provider.js';
import type { CalleeRef, DeclaredFunction } from '../go/call-sites.js';

/** Once-only functions, as '<package dir>:<key>' ('cmd/app:main', 'pkg/x:.dump'). */
export const ONCE_ONLY_FUNCTIONS = factKey<string[]>('code:once-only-functions');
/**
 * The once-only functions that run at start-up only (not on operator demand): code that runs once per process.
 * What it starts lives as long as the process; a function run per signal may start another each time.
 */
export const STARTUP_ONLY_FUNCTIONS = factKey<string[]>('code:startup-only-functions');

const dirOf = (rel: string): string => path.posix.dirname(rel);

export function onceOnlyFunctions(repo: RepoFacts): string[] {
  return onceFunctions(repo, true);
}

export function startupOnlyFunctions(repo: RepoFacts): string[] {
  return onceFunctions(repo, false);
}

/** The once-only functions; with `onDemand`, calls made on an operator signal count as once. */
function onceFunctions(repo: RepoFacts, onDemand: boolean): string[] {
  const files = repo.goFiles.filter((f) => !f.isTest && f.code?.callSites);
  const modulePath = new Map(repo.modules.map((m) => [m.dir, m.path]));
  const withMain = new Set(files.filter((f) => f.packageName === 'main').map((f) => f.module ?? ''));
  /** The package directory an import path names, when it is a package of one of the repository's modules. */
  const dirOfImport = new Map<string, string>();
  for (const f of files) {
    const mp = modulePath.get(f.module ?? '');
    if (!mp) continue;
    const dir = dirOf(f.rel);
    const inModule = path.posix.relative(f.module ?? '', dir === '.' ? '' : dir);
    dirOfImport.set(inModule ? `${mp}/${inModule}` : mp, dir);
  }
  const keyOf = (dir: string, c: CalleeRef): string | undefined => {
    if (c.method) return /^[a-z_]/.test(c.name) ? `${dir}:.${c.name}` : undefined;
    if (c.pkg) {
      const d = dirOfImport.get(c.pkg);
      return d === undefined ? undefined : `${d}:${c.name}`;
    }
    return `${dir}:${c.name}`;
  };
  interface Site { from?: string; once: boolean; signal: boolean }
  const sites = new Map<string, Site[]>();
  const escaped = new Set<string>();
  const declared = new Set<string>();
  const roots = new Set<string>();
  for (const f of files) {
    const dir = dirOf(f.rel);
    const cs = f.code!.callSites!;
    for (const fn of cs.funcs) {
      const key = `${dir}:${fn.key}`;
      declared.add(key);
      if (fn.key === 'init' || (fn.key === 'main' && f.packageName === 'main')) roots.add(key);
    }
    for (const c of cs.calls) {
      const key = keyOf(dir, c);
      if (!key) continue;
      let list = sites.get(key);
      if (!list) sites.set(key, (list = []));
      list.push({ from: c.from === undefined ? undefined : `${dir}:${c.from}`, once: c.from !== undefined && !c.repeated, signal: !!c.onSignal });
    }
    for (const e of cs.escapes) {
      const key = keyOf(dir, e);
      if (key) escaped.add(key);
    }
  }
  const once = new Set(roots);
  const moduleOf = new Map(files.map((f) => [dirOf(f.rel), f.module ?? '']));
  for (let changed = true; changed;) {
    changed = false;
    for (const key of declared) {
      if (once.has(key) || escaped.has(key) || !withMain.has(moduleOf.get(key.slice(0, key.lastIndexOf(':'))) ?? '')) continue;
      const list = sites.get(key);
      if (!list?.length || !list.every((s) => (onDemand && s.signal) || (s.once && s.from !== undefined && once.has(s.from)))) continue;
      once.add(key);
      changed = true;
    }
  }
  return [...once].sort();
}

/**
 * The declared function of a file holding `line`, and whether the line may run several times per call of it
 * (a branch taken on an operator signal counts as once only with `onDemand`).
 */
function functionAt(file: RepoGoFile, line: number, onDemand: boolean): { fn: DeclaredFunction; repeated: boolean } | undefined {
  const fn = file.code?.callSites?.funcs.find((f) => f.start <= line && line <= f.end);
  if (!fn) return undefined;
  const inside = (r: [number, number]) => r[0] <= line && line <= r[1];
  return { fn, repeated: fn.repeated.some(inside) && !(onDemand && fn.onSignal.some(inside)) };
}

/**
 * Whether the code at `line` of `file` runs once per process or on operator demand: it is in a once-only
 * function (ONCE_ONLY_FUNCTIONS), outside the loops and deferred function literals of that function
 * (or in a branch taken on an operator signal).
 */
export function runsOnceAt(file: RepoGoFile, once: ReadonlySet<string>, line: number): boolean {
  if (file.isTest) return false;
  const at = functionAt(file, line, true);
  if (!at || at.repeated) return false;
  return at.fn.onSignal.some((r) => r[0] <= line && line <= r[1]) || once.has(`${dirOf(file.rel)}:${at.fn.key}`);
}

/**
 * Whether the code at `line` of `file` runs once per process, at start-up: it is in a start-up-only function
 * (STARTUP_ONLY_FUNCTIONS), outside the loops and deferred function literals of that function.
 */
export function runsAtStartupAt(file: RepoGoFile, startup: ReadonlySet<string>, line: number): boolean {
  if (file.isTest) return false;
  const at = functionAt(file, line, false);
  return !!at && !at.repeated && startup.has(`${dirOf(file.rel)}:${at.fn.key}`);
}

export const executionFrequencyProviders = [
  defineProvider({ provides: ONCE_ONLY_FUNCTIONS, reads: [goFilesInput, modulesInput], cacheable: true, compute: onceOnlyFunctions }),
  defineProvider({ provides: STARTUP_ONLY_FUNCTIONS, reads: [goFilesInput, modulesInput], cacheable: true, compute: startupOnlyFunctions }),
];
