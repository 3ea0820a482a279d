/**
 * Shell text as CI systems run it, read just well enough to recognise the Go tooling it calls:
 * logical lines (comments dropped, `\` continuations joined), simple commands split on the
 * shell operators, leading `VAR=value`/`sudo`/`env`/`time` wrappers skipped. Deliberately not
 * quote-aware: `sh -c "go vet ./..."` and `ssh host "cd x; make test"` are seen as the commands
 * they run. No evaluation: a `$VAR` stays a `$VAR` token unless a known value substitutes it.
 */

/** One line of script text and its 1-based line in the file that holds it. */
export interface ScriptLine {
  text: string;
  line: number;
}

/** A simple command: program (basename), arguments, `VAR=value` prefixes. */
export interface SimpleCommand {
  /** The program as written (first word after wrappers and assignments). */
  program: string;
  /** Basename of the program (`./bin/golangci-lint` -> `golangci-lint`). */
  name: string;
  args: string[];
  /** `VAR=value` words before the program. */
  assigns: Record<string, string>;
  line: number;
  /** The segment text (trimmed). */
  text: string;
}

/** Drops comments and blank lines, joins `\` continuations (the logical line keeps its first line number). */
export function logicalLines(lines: ScriptLine[]): ScriptLine[] {
  const out: ScriptLine[] = [];
  let pending: ScriptLine | undefined;
  for (const l of lines) {
    let t = l.text.replace(/\r$/, '');
    if (!pending && /^\s*#/.test(t)) continue;
    // a trailing comment: `#` after whitespace (not `$#`, `${#x}` or inside a word)
    t = t.replace(/(^|\s)#(?![{!]).*$/, '$1');
    const cont = /\\\s*$/.test(t);
    if (cont) t = t.replace(/\\\s*$/, ' ');
    if (pending) pending.text += ` ${t.trim()}`;
    else pending = { text: t.trim(), line: l.line };
    if (!cont) {
      if (pending.text.trim()) out.push({ text: pending.text.trim(), line: pending.line });
      pending = undefined;
    }
  }
  if (pending && pending.text.trim()) out.push({ text: pending.text.trim(), line: pending.line });
  return out;
}

/** Replaces GitHub/Gitea `${{ expr }}` with one `$GHA_<expr>` word (or a known env value). */
export function replaceExpressions(text: string, env: Record<string, string> = {}): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const e = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (e && Object.prototype.hasOwnProperty.call(env, e[1]!)) return env[e[1]!]!;
    return `$GHA_${expr.replace(/[^A-Za-z0-9_.-]+/g, '_')}`;
  });
}

const SEPARATORS = /&&|\|\||[;|&()`\n]|\$\(/g;
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', '!', '{', '}', '[[', ']]']);
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nice', 'nohup', 'exec', 'command', 'builtin', 'stdbuf', 'retry', 'xvfb-run']);
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function unquote(w: string): string {
  return w.replace(/^["']+|["']+$/g, '').replace(/["']/g, '');
}

function basename(p: string): string {
  const s = p.replace(/\\/g, '/');
  return s.slice(s.lastIndexOf('/') + 1);
}

/**
 * Words of a simple command. Quotes group words when they are balanced in the segment
 * (`GOFLAGS="-race -v" go test`, `sh -c "go vet ./..."`); a segment cut inside a quoted string
 * by the (quote-unaware) operator split falls back to plain whitespace splitting.
 */
export function splitWords(text: string): string[] {
  if (!balancedQuotes(text)) return text.split(/\s+/).map(unquote).filter((w) => w.length > 0);
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (has || cur) out.push(cur);
  return out.filter((w) => w.length > 0);
}

/**
 * Splits a logical line on the shell operators outside quotes (`echo "a; b"` stays one command;
 * `sh -c "x; y"` is re-read by the analyzer). Unbalanced quotes (an apostrophe in prose, a
 * string continued elsewhere): operators split everywhere.
 */
export function splitSegments(text: string): string[] {
  if (!balancedQuotes(text)) return text.split(SEPARATORS);
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '$(') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    if (';|&()`\n'.includes(c)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function balancedQuotes(text: string): boolean {
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote === undefined;
}

/** Splits one logical line into simple commands. */
export function simpleCommands(l: ScriptLine): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  for (const seg of splitSegments(l.text)) {
    const text = seg.trim();
    if (!text) continue;
    const words = splitWords(text);
    const assigns: Record<string, string> = {};
    let i = 0;
    for (; i < words.length; i++) {
      const w = words[i]!;
      const a = ASSIGN.exec(w);
      if (a) { assigns[a[1]!] = a[2]!; continue; }
      if (KEYWORDS.has(w)) continue;
      if (WRAPPERS.has(w)) {
        // wrapper options (`sudo -E`, `env -u X`, `nice -n 10`)
        while (i + 1 < words.length && words[i + 1]!.startsWith('-')) {
          i++;
          if (/^-(u|n|g|C)$/.test(words[i]!) && i + 1 < words.length) i++;
        }
        continue;
      }
      if (w === 'timeout') {
        while (i + 1 < words.length && words[i + 1]!.startsWith('-')) i++;
        i++; // the duration
        continue;
      }
      break;
    }
    if (i >= words.length) {
      if (Object.keys(assigns).length) out.push({ program: '', name: '', args: [], assigns, line: l.line, text });
      continue;
    }
    const program = words[i]!;
    out.push({ program, name: basename(program), args: words.slice(i + 1), assigns, line: l.line, text });
  }
  return out;
}

/** Tools the engineering rules look for in CI. */
export type CiTool =
  | 'go-test'
  | 'go-vet'
  | 'go-build'
  | 'go-mod-verify'
  | 'golangci-lint'
  | 'staticcheck'
  | 'govulncheck'
  | 'osv-scanner'
  | 'trivy'
  | 'grype'
  | 'snyk'
  | 'nancy'
  | 'dependency-review'
  | 'gitlab-dependency-scanning'
  /** A `make` run (not a tool the engineering rules look for): which targets of which Makefile CI runs. */
  | 'make'
  /** An image build (`docker build`, `buildx bake`...): which Dockerfiles CI builds. */
  | 'docker-build';

export const LINT_TOOLS: ReadonlySet<CiTool> = new Set(['go-vet', 'golangci-lint', 'staticcheck']);
export const VULN_TOOLS: ReadonlySet<CiTool> = new Set(['govulncheck', 'osv-scanner', 'trivy', 'grype', 'snyk', 'nancy', 'dependency-review', 'gitlab-dependency-scanning']);

/** How a recognised command relates to the race detector (only for go-test). */
export type RaceState = 'yes' | 'no' | 'unknown';

export interface RecognisedTool {
  tool: CiTool;
  race?: RaceState;
  /** `go test -c` / `-list`: compiles or lists tests, runs none. */
  compileOnly?: boolean;
}

const RACE_FLAG = /^--?race(=(true|1))?$/;
/** An unresolved word that may carry flags (`$TESTFLAGS`, `${{ matrix.race }}`, `$(EXTRA_ARGS)`). */
const FLAGGY_UNRESOLVED = /\$.*(flag|arg|opt|race|param|extra)/i;

/** Race state of a go test argument list, with GOFLAGS from the environment. */
export function raceOf(args: string[], goflags: string | undefined): RaceState {
  if (args.some((a) => RACE_FLAG.test(a))) return 'yes';
  if (goflags !== undefined && /(^|\s)--?race(\s|=|$)/.test(goflags)) return 'yes';
  if (goflags !== undefined && /\$/.test(goflags) && FLAGGY_UNRESOLVED.test(goflags)) return 'unknown';
  if (args.some((a) => a.includes('$') && FLAGGY_UNRESOLVED.test(a))) return 'unknown';
  return 'no';
}

const GO_FLAGS_WITH_VALUE = new Set(['-C']);

/** First non-flag argument (the subcommand) and its index. */
function subcommand(args: string[], valued: Set<string> = new Set()): [string | undefined, number] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    return [a, i];
  }
  return [undefined, -1];
}

/** Tool name of a `go run <pkg>` / `go tool <name>` target: last path element, version and /vN stripped. */
function goRunTool(target: string): string {
  let t = target.replace(/@.*$/, '');
  const parts = t.split('/').filter(Boolean);
  while (parts.length > 1 && /^v\d+$/.test(parts[parts.length - 1]!)) parts.pop();
  t = parts[parts.length - 1] ?? t;
  return t;
}

function byName(name: string, args: string[], env: Record<string, string>): RecognisedTool | undefined {
  const versionOnly = args.some((a) => /^(--?version|version|-h|--help|help|-debug\.version)$/.test(a)) && args.length <= 2;
  switch (name) {
    case 'golangci-lint':
      return args.includes('run') ? { tool: 'golangci-lint' } : undefined;
    case 'staticcheck':
      return versionOnly ? undefined : { tool: 'staticcheck' };
    case 'govulncheck':
      return versionOnly ? undefined : { tool: 'govulncheck' };
    case 'osv-scanner':
      return versionOnly ? undefined : { tool: 'osv-scanner' };
    case 'trivy': {
      const [sub] = subcommand(args);
      return sub && /^(fs|filesystem|repo|repository|image|i|rootfs|sbom)$/.test(sub) ? { tool: 'trivy' } : undefined;
    }
    case 'grype':
      return versionOnly ? undefined : { tool: 'grype' };
    case 'snyk':
      return args.includes('test') ? { tool: 'snyk' } : undefined;
    case 'nancy':
      return args.includes('sleuth') || args.includes('iq') ? { tool: 'nancy' } : undefined;
    case 'gotestsum': {
      const dd = args.indexOf('--');
      const testArgs = dd === -1 ? [] : args.slice(dd + 1);
      return { tool: 'go-test', race: raceOf(testArgs, env.GOFLAGS) };
    }
    case 'ginkgo':
      return versionOnly ? undefined : { tool: 'go-test', race: raceOf(args, env.GOFLAGS) };
    default:
      return undefined;
  }
}

/**
 * Recognises a Go tool in a simple command. `env` holds the variables in effect (GOFLAGS matters
 * for -race). `make` and scripts are not handled here (see ci-scripts.ts).
 */
export function recogniseCommand(cmd: SimpleCommand, env: Record<string, string>): RecognisedTool | undefined {
  const scoped = { ...env, ...cmd.assigns };
  if (cmd.name === 'go' || cmd.name === 'go.exe' || /^go1\.\d+/.test(cmd.name)) {
    const [sub, at] = subcommand(cmd.args, GO_FLAGS_WITH_VALUE);
    const rest = at === -1 ? [] : cmd.args.slice(at + 1);
    switch (sub) {
      case 'test': {
        const compileOnly = rest.some((a) => a === '-c' || a === '--c' || /^--?list(=|$)/.test(a));
        return { tool: 'go-test', race: raceOf(rest, scoped.GOFLAGS), compileOnly: compileOnly || undefined };
      }
      case 'vet':
        return { tool: 'go-vet' };
      case 'mod':
        return rest[0] === 'verify' ? { tool: 'go-mod-verify' } : undefined;
      case 'build':
        return { tool: 'go-build', race: raceOf(rest, scoped.GOFLAGS) };
      case 'install':
        // `go install tool@version` installs a tool; `go install ./...` builds the project
        return rest.some((a) => a.includes('@')) ? undefined : { tool: 'go-build' };
      case 'run':
      case 'tool': {
        const [target, i] = subcommand(rest);
        if (!target) return undefined;
        return byName(goRunTool(target), rest.slice(i + 1), scoped);
      }
      default:
        return undefined;
    }
  }
  return byName(cmd.name, cmd.args, scoped);
}

/** Programs that run another command given later in their arguments (containers, remote shells). */
export const NESTING_PROGRAMS = new Set(['docker', 'podman', 'nerdctl', 'ssh', 'kubectl', 'vagrant', 'nix-shell', 'devbox', 'earthly']);

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'pwsh', 'powershell']);

/**
 * A command run by another one, as script text: `sh -c "go vet ./..."`, `ssh host "make test"`,
 * `docker run img go test ./...` (from the first word that is a known program or a shell).
 */
export function nestedScript(cmd: SimpleCommand, known: (name: string) => boolean): string | undefined {
  if (SHELLS.has(cmd.name)) {
    const i = cmd.args.findIndex((a) => a === '-c' || a === '-Command' || a === '-command');
    return i === -1 ? undefined : cmd.args[i + 1];
  }
  if (!NESTING_PROGRAMS.has(cmd.name)) return undefined;
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i]!;
    if (w.startsWith('-')) continue;
    if (/\s/.test(w) && i > 0) return w; // a quoted remote/container command
    const n = basename(w);
    if (known(n) || SHELLS.has(n)) return cmd.args.slice(i).map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
  }
  return undefined;
}

/** Known tool program names (for nested-command detection). */
export const TOOL_PROGRAMS = new Set(['go', 'make', 'gmake', 'golangci-lint', 'staticcheck', 'govulncheck', 'osv-scanner', 'trivy', 'grype', 'snyk', 'nancy', 'gotestsum', 'ginkgo']);

/** Tools recognised from a GitHub Actions `uses:` reference (owner/repo[/path]@ref). */
export function toolOfAction(uses: string): CiTool | undefined {
  const name = uses.replace(/@.*$/, '').toLowerCase();
  const rules: [RegExp, CiTool][] = [
    [/^golangci\/golangci-lint-action$/, 'golangci-lint'],
    [/^reviewdog\/action-golangci-lint$/, 'golangci-lint'],
    [/^dominikh\/staticcheck-action$/, 'staticcheck'],
    [/^reviewdog\/action-staticcheck$/, 'staticcheck'],
    [/^golang\/govulncheck-action$/, 'govulncheck'],
    [/^google\/osv-scanner-action(\/.*)?$/, 'osv-scanner'],
    [/^google\/osv-scanner\/actions\/.*$/, 'osv-scanner'],
    [/^aquasecurity\/trivy-action$/, 'trivy'],
    [/^anchore\/scan-action$/, 'grype'],
    [/^snyk\/actions\/golang$/, 'snyk'],
    [/^sonatype-nexus-community\/nancy-github-action$/, 'nancy'],
    [/^actions\/dependency-review-action$/, 'dependency-review'],
  ];
  for (const [re, tool] of rules) if (re.test(name)) return tool;
  return undefined;
}
