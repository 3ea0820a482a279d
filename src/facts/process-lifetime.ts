/**
 * How long the process that runs a package lives: a long-running program (it serves HTTP or gRPC, runs a controller
 * manager or informers, waits in main, blocks forever) or a one-shot command (main → run → exit: a CLI command that
 * returns, a CNI plugin run per ADD/DEL, a batch tool). A goroutine a one-shot program leaves blocked dies with it a
 * moment later, and a human running it interactively sees a hang and interrupts it; the same code in a long-running
 * program leaks or hangs for as long as the process serves.
 *
 * Read from the repository's own programs and the package import graph: every shipped (production-role) `package main`
 * declaring `func main()` (and exporting nothing to C: a c-shared library runs in its host's process) is a program, its in-repository import closure is the code it runs, and it is long-running when any file of that
 * closure carries a long-running mark (lifetimeMarks). A package is one-shot when at least one program imports it
 * (directly or not) and every such program is one-shot; long-running when one of them is; unknown (undefined) when no
 * program of the repository reaches it (a library judged by importers this repository cannot see). The closure is the
 * import graph, not the call graph: a CLI importing a package that serves is counted long-running, which keeps what a
 * rule reports there (conservative by construction).
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import { defineProvider, factInput, factKey, goFilesInput } from './fact-provider.js';
import { PACKAGE_IMPORTS, packagesReached } from './package-imports.js';

/** What a Go file says about the lifetime of the process running it (code facts: extractCodeFacts). */
export interface LifetimeMarks {
  /** It keeps a process alive: what (`ListenAndServe`, `select {}`, a wait on a channel in package main…). */
  long?: string;
  /**
   * It catches interrupt signals (signal.Notify, signal.NotifyContext): a command-line program doing so decides itself
   * what Ctrl-C does, so its user may not be able to interrupt a hang (a handler cancelling a context a request does
   * not carry). Not a long-running mark: command-line programs catch Ctrl-C to clean up.
   */
  signals?: boolean;
  /** It builds a command of a command-line framework (cobra, urfave/cli, kingpin, kong, subcommands): a human runs it. */
  cli?: string;
  /** It declares `func main()`: the entry point of a program. */
  entry?: boolean;
  /**
   * It exports functions to C (`//export`): its package main is built as a shared library (-buildmode=c-shared) run
   * inside a host process whose lifetime it does not decide, not as a program of its own.
   */
  exportsToC?: boolean;
}

const LONG_MARKS: readonly [RegExp, string][] = [
  [/\.ListenAndServe(?:TLS)?\(/, 'ListenAndServe'],
  [/\.Serve(?:TLS|Conn)?\(/, 'a Serve call'],
  [/\bgrpc\.NewServer\(/, 'grpc.NewServer'],
  [/\bhttp\.Server\s*\{/, 'an http.Server'],
  [/\bnet\.Listen(?:TCP|UDP|Unix|Packet|Config)?\b/, 'net.Listen'],
  [/\.NewManager\(|\bmanager\.New\(/, 'a controller manager'],
  [/\bNew(?:Shared|Filtered)?(?:Shared)?InformerFactory\w*\(|\.NewSharedIndexInformer\(|\bcache\.NewInformer\w*\(/, 'informers'],
  [/\bleaderelection\.RunOrDie\(/, 'leader election'],
  [/\bwait\.(?:Forever|Until|UntilWithContext|JitterUntil|JitterUntilWithContext|NonSlidingUntil)\(/, 'wait.Until'],
  [/\bselect\s*\{\s*\}/, 'select {}'],
  [/\bcron\.New\(/, 'a cron scheduler'],
  [/\bdaemon\.SdNotify\(/, 'sd_notify'],
];

/** A command-line framework import (cobra, urfave/cli, kingpin, kong, google/subcommands, mitchellh/cli). */
const CLI_FRAMEWORK_IMPORT = /"(?:github\.com\/spf13\/cobra|github\.com\/urfave\/cli(?:\/v\d+)?|gopkg\.in\/urfave\/cli\.v\d|gopkg\.in\/alecthomas\/kingpin\.v\d|github\.com\/alecthomas\/kingpin(?:\/v\d+)?|github\.com\/alecthomas\/kong|github\.com\/google\/subcommands|github\.com\/mitchellh\/cli)"/;
/** A command built in the file: &cobra.Command{…}, cli.Command{…}, cli.App{…}, kingpin's app.Command("…"), subcommands.Register(…). */
const COMMAND_BUILT = /\b(?:cobra\.Command|cli\.(?:Command|App))\s*\{|\.Command\(\s*"[\w-]+"\s*,|\bsubcommands\.Register\(|\bkong\.Parse\(/;

const MAIN_PACKAGE = /^package\s+main\b/m;
/** A receive standing as a statement of its own (`<-ctx.Done()`, `<-stop`, `sig := <-sigs`). */
const WAIT_LINE = /^\s*(?:\w+\s*:?=\s*)?<-\s*[\w.]+(?:\(\))?\s*$/;
const GO_FUNC_LINE = /^\s*go\s+func\b.*\{\s*$/;
const SIGNALS = /\bsignal\.Notify(?:Context)?\(/;

/** Whether package main code waits on a channel in its own flow: a receive statement that does not open a `go func() {`. */
function mainWaits(code: string): boolean {
  const lines = code.split('\n');
  let previous = '';
  for (const line of lines) {
    if (!line.trim()) continue;
    if (WAIT_LINE.test(line) && !GO_FUNC_LINE.test(previous)) return true;
    previous = line;
  }
  return false;
}

/** The lifetime marks of a Go file's source (whole-line comments are not read); undefined when it has none. */
export function lifetimeMarks(source: string): LifetimeMarks | undefined {
  const entry = /^func\s+main\s*\(\s*\)/m.test(source);
  const exportsToC = /^\/\/export\s/m.test(source);
  if (!entry && !exportsToC && !/Serve|Listen|grpc|Manager|Informer|leaderelection|wait\.|signal|select|cron|SdNotify|Command|cli\.App|subcommands|kong|<-/.test(source)) return undefined;
  // whole-line comments only: a block comment's bounds are not told from `/*` in a string ("dir/*.go"), and reading a
  // mark in a comment only keeps a finding (a program counted long-running)
  const code = source.replace(/^\s*\/\/.*$/gm, '');
  const out: LifetimeMarks = {};
  if (entry) out.entry = true;
  if (exportsToC) out.exportsToC = true;
  for (const [re, what] of LONG_MARKS) {
    if (re.test(code)) {
      out.long = what;
      break;
    }
  }
  // a program's main package waiting on a channel as a statement of its own (`<-ctx.Done()`, `<-stop`): it runs until told to stop
  if (!out.long && MAIN_PACKAGE.test(code) && code.includes('<-') && mainWaits(code)) out.long = 'a wait on a channel in package main';
  if (SIGNALS.test(code)) out.signals = true;
  if (CLI_FRAMEWORK_IMPORT.test(code) && COMMAND_BUILT.test(code)) out.cli = 'a command-line command';
  return Object.keys(out).length ? out : undefined;
}

/** The lifetime of the process running a package. */
export interface PackageLifetime {
  lifetime: 'one-shot' | 'long-running';
  /**
   * One-shot only: every program reaching it is a command-line program a human runs and can interrupt (it builds
   * commands of a CLI framework and catches no interrupt signal).
   */
  interactive?: boolean;
  /** The programs (package folders) that reach it, up to three, for notes. */
  programs: string[];
  /** Long-running only: the mark that decided, and where. */
  why?: string;
}

/** The lifetime of every package folder a shipped program of the repository reaches: folder ('.' for the root) → lifetime. */
export const PROCESS_LIFETIMES = factKey<Record<string, PackageLifetime>>('code:process-lifetimes');

const dirOf = (rel: string): string => path.posix.dirname(rel);

export function processLifetimes(repo: RepoFacts): Record<string, PackageLifetime> {
  const graph = repo.fact(PACKAGE_IMPORTS);
  const long = new Map<string, string>();
  const cli = new Set<string>();
  const signals = new Set<string>();
  const mains = new Set<string>();
  const entries = new Set<string>();
  const exportsToC = new Set<string>();
  for (const f of repo.goFiles) {
    if (f.isTest || !f.code) continue;
    const dir = dirOf(f.rel);
    const marks = f.code.lifetime;
    if (marks?.long && !long.has(dir)) long.set(dir, `${marks.long} in ${f.rel}`);
    if (marks?.cli) cli.add(dir);
    if (marks?.signals) signals.add(dir);
    if (f.packageName === 'main' && (f.role ?? 'production') === 'production') mains.add(dir);
    if (marks?.entry) entries.add(dir);
    if (marks?.exportsToC) exportsToC.add(dir);
  }
  const out: Record<string, PackageLifetime> = {};
  const reached = new Map<string, { programs: string[]; long?: string; interactive: boolean }>();
  // a package main is a program when one of its files declares func main() and none exports functions to C
  const programs = [...mains].filter((d) => entries.has(d) && !exportsToC.has(d)).sort();
  for (const p of programs) {
    // the program's in-repository import closure
    const closure = packagesReached(graph, p);
    let why: string | undefined;
    let interactive = false;
    let catches = false;
    for (const d of closure) {
      why ??= long.get(d);
      if (cli.has(d)) interactive = true;
      if (signals.has(d)) catches = true;
    }
    // a program catching interrupt signals decides what Ctrl-C does: not one a hang of which its user surely interrupts
    if (catches) interactive = false;
    for (const d of closure) {
      let r = reached.get(d);
      if (!r) reached.set(d, (r = { programs: [], interactive: true }));
      r.programs.push(p);
      if (why && !r.long) r.long = `program ${p}/ runs ${why}`;
      if (!interactive) r.interactive = false;
    }
  }
  for (const [d, r] of [...reached].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out[d] = r.long
      ? { lifetime: 'long-running', programs: r.programs.slice(0, 3), why: r.long }
      : { lifetime: 'one-shot', ...(r.interactive ? { interactive: true } : {}), programs: r.programs.slice(0, 3) };
  }
  return out;
}

/** The lifetime of the process running a repository file (repository-relative path); undefined: no program reaches it. */
export function lifetimeOf(lifetimes: Readonly<Record<string, PackageLifetime>>, rel: string): PackageLifetime | undefined {
  return lifetimes[dirOf(rel)];
}

export const processLifetimeProviders = [
  defineProvider({ provides: PROCESS_LIFETIMES, reads: [goFilesInput, factInput(PACKAGE_IMPORTS)], cacheable: true, compute: processLifetimes }),
];
