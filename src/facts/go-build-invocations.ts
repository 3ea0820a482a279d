/**
 * Finds `go build` / `go install` invocations in shell text (Dockerfile RUN lines, expanded
 * Makefile recipes) and reads their flags: -trimpath, -ldflags, -gcflags, -tags, -race, -cover,
 * plus the environment the command runs with (inline `CGO_ENABLED=0 go build`, `export X=...`
 * earlier in the same script, `env X=... go build`).
 *
 * This is a word splitter for the POSIX shell subset build scripts use (quotes, escapes,
 * `&& || ; | &` separators, `$(...)` and backquotes kept as opaque words), not an interpreter:
 * it never evaluates anything and never throws.
 */

export interface ShellWord {
  /** The word with quotes removed. */
  value: string;
  /** Offset of the word's first character in the script. */
  offset: number;
}

/** A simple command: the words between two separators. */
export type ShellCommand = ShellWord[];

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];

/** Splits shell text into simple commands (words with quotes removed). */
export function shellCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let cur: ShellCommand = [];
  let word = '';
  let start = -1;
  let inWord = false;
  const endWord = () => {
    if (inWord) cur.push({ value: word, offset: start });
    word = '';
    inWord = false;
    start = -1;
  };
  const endCommand = () => {
    endWord();
    if (cur.length) commands.push(cur);
    cur = [];
  };
  const begin = (i: number) => {
    if (!inWord) { inWord = true; start = i; }
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; } // line continuation
      begin(i);
      if (i + 1 < text.length) word += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      begin(i);
      const j = text.indexOf("'", i + 1);
      const end = j === -1 ? text.length : j;
      word += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      begin(i);
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1]!)) {
          if (text[j + 1] !== '\n') word += text[j + 1];
          j += 2;
          continue;
        }
        word += text[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      // command substitution / arithmetic: kept verbatim as part of the word
      begin(i);
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')') { depth--; if (depth === 0) break; }
      }
      word += text.slice(i, Math.min(j + 1, text.length));
      i = j + 1;
      continue;
    }
    if (c === '`') {
      begin(i);
      const j = text.indexOf('`', i + 1);
      const end = j === -1 ? text.length : j;
      word += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '#' && !inWord) {
      const j = text.indexOf('\n', i);
      i = j === -1 ? text.length : j;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); i++; continue; }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      // `2>&1`, `>&2` redirections are not separators
      if (op === '&' && (text[i - 1] === '>' || text[i + 1] === '>')) { begin(i); word += c; i++; continue; }
      endCommand();
      i += op.length;
      continue;
    }
    begin(i);
    word += c;
    i++;
  }
  endCommand();
  return commands;
}

export interface GoBuildInvocation {
  subcommand: 'build' | 'install';
  /** Offset of the `go` word in the script. */
  offset: number;
  /** Environment assignments in effect for this command (inline, exported earlier, `env X=`). */
  env: Record<string, string>;
  trimpath: boolean;
  /** Every -ldflags value, in order (the go command keeps the last per package pattern). */
  ldflags: string[];
  /** Every -gcflags value. */
  gcflags: string[];
  /** Build tags (-tags a,b or "a b"). */
  tags: string[];
  race: boolean;
  cover: boolean;
  /** -o value. */
  output?: string;
  /** Directory the command runs in, relative to the script's start (`go -C dir`, `cd dir && go ...`). */
  dir?: string;
  /** Package arguments. */
  packages: string[];
  /** The raw words of the command (after `go`). */
  args: string[];
}

const VALUE_FLAGS = new Set([
  'o', 'p', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'tags', 'mod', 'modfile', 'pkgdir', 'buildmode',
  'compiler', 'installsuffix', 'overlay', 'pgo', 'toolexec', 'C', 'covermode', 'coverpkg', 'exec', 'debug-actiongraph',
  'debug-runtime-trace', 'debug-trace',
]);
/** The go build flags that take no value. */
const BOOL_FLAGS = new Set([
  'a', 'n', 'v', 'x', 'work', 'race', 'msan', 'asan', 'cover', 'trimpath', 'linkshared', 'modcacherw', 'buildvcs', 'json', 'i',
]);
/** Value flags whose value is a name, path or list, never a word starting with `-` (unlike -ldflags/-gcflags, whose values are tool flags). */
const PLAIN_VALUE_FLAGS = new Set([...VALUE_FLAGS].filter((f) => !/flags$/.test(f)));

/** `-trimpath`, `--ldflags=…`: a word that is itself a go build flag. */
function isGoFlagWord(w: string | undefined): boolean {
  const m = w === undefined ? null : /^--?([A-Za-z][\w-]*)(?:=|$)/.exec(w);
  return !!m && (BOOL_FLAGS.has(m[1]!) || VALUE_FLAGS.has(m[1]!));
}

/**
 * The value of a value flag given as a separate word (`-C dir`, `-o out`), or undefined when that word is missing or is
 * another go flag: a build script's `-C $(SELF_DIR) -trimpath` whose variable expanded to nothing here (make functions
 * and variables this reader cannot evaluate) still has a directory there, so the next flag is a flag, not the value.
 */
function separateValue(name: string, next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  return PLAIN_VALUE_FLAGS.has(name) && isGoFlagWord(next) ? undefined : next;
}

const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', 'exec', 'command', 'nohup', '{', '}']);
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A Go boolean flag's value as the flag package reads it (strconv.ParseBool); a bare flag is true; undefined when not a boolean. */
export function goBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  if (/^(1|t|T|TRUE|true|True)$/.test(value)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(value)) return false;
  return undefined;
}

/** The -trimpath setting among go command flags (`-trimpath`, `--trimpath`, `-trimpath=true|1|false`…), the last one winning; undefined when absent. */
export function trimpathFlag(words: readonly string[]): boolean | undefined {
  let out: boolean | undefined;
  for (const w of words) {
    const m = /^--?trimpath(?:=(.*))?$/s.exec(w);
    if (m) out = goBool(m[1]) ?? out;
  }
  return out;
}

function isGoBinary(w: string): boolean {
  const base = w.slice(w.lastIndexOf('/') + 1);
  return base === 'go' || /^go1\.\d+(\.\d+)?$/.test(base);
}

/** Reads the flags of `go build|install <args>` (args after the subcommand). */
export function parseGoBuildArgs(
  subcommand: 'build' | 'install',
  args: string[],
  offset: number,
  env: Record<string, string>,
): GoBuildInvocation {
  const inv: GoBuildInvocation = {
    subcommand, offset, env, trimpath: false, ldflags: [], gcflags: [], tags: [], race: false, cover: false, packages: [], args,
  };
  let i = 0;
  let trimpath: boolean | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    let value: string | undefined = eq === -1 ? undefined : body.slice(eq + 1);
    if (value === undefined && VALUE_FLAGS.has(name)) {
      value = separateValue(name, args[i + 1]);
      if (value !== undefined) i++;
    }
    switch (name) {
      case 'trimpath': trimpath = goBool(value) ?? trimpath; break;
      case 'ldflags': if (value !== undefined) inv.ldflags.push(value); break;
      case 'gcflags': if (value !== undefined) inv.gcflags.push(value); break;
      case 'tags': if (value !== undefined) inv.tags.push(...value.split(/[,\s]+/).filter(Boolean)); break;
      case 'race': case 'msan': case 'asan': inv.race = inv.race || goBool(value) === true; break;
      case 'cover': inv.cover = goBool(value) === true; break;
      case 'o': inv.output = value; break;
      case 'C': inv.dir = value; break;
      default: break;
    }
  }
  inv.packages = args.slice(i);
  // GOFLAGS from the environment contributes default flags; the command line overrides them
  const goflags = env.GOFLAGS;
  const words = goflags ? goflags.split(/\s+/).filter(Boolean) : [];
  inv.trimpath = trimpath ?? trimpathFlag(words) ?? false;
  if (goflags) {
    for (const f of words) {
      const m = /^--?(ldflags|gcflags|tags)=(.*)$/.exec(f);
      if (m?.[1] === 'tags') inv.tags.push(...m[2]!.split(',').filter(Boolean));
      else if (m?.[1] === 'gcflags') inv.gcflags.push(m[2]!);
      else if (m?.[1] === 'ldflags') inv.ldflags.push(m[2]!);
    }
  }
  return inv;
}

/** A simple command of a script with the environment it runs with. */
export interface CommandWithEnv {
  /** The command's words. */
  cmd: ShellCommand;
  /** Index of the program word (after keywords, `env`/`sudo` and inline assignments). */
  program: number;
  /** Environment in effect: the script's start environment, `export`s and bare assignments before it, its inline assignments. */
  env: Record<string, string>;
  /** Directory the command runs in, relative to the script's start (`cd dir && ...`). */
  cwd?: string;
}

/**
 * The commands of `script` that run a program, each with the environment it runs with. `baseEnv` is the environment
 * the script starts with (Dockerfile ENV/ARG, exported make variables); `export X=...`, bare assignments and inline
 * assignments (`X=1 cmd`, `env X=1 cmd`) update it as the script reads. `cd` and `export` lines are not yielded.
 * The one reader of a script's environment: every command finder (go builds, make runs) reads it here.
 */
export function* commandsWithEnv(script: string, baseEnv: Record<string, string> = {}): Generator<CommandWithEnv> {
  const exported: Record<string, string> = { ...baseEnv };
  let cwd: string | undefined;
  for (const cmd of shellCommands(script)) {
    let k = 0;
    while (k < cmd.length && KEYWORDS.has(cmd[k]!.value)) k++;
    if (cmd[k]?.value === 'cd') {
      const d = cmd[k + 1]?.value;
      cwd = d === undefined || d === '-' ? undefined : d.startsWith('/') || cwd === undefined ? d : `${cwd}/${d}`;
      continue;
    }
    const inline: Record<string, string> = {};
    if (cmd[k]?.value === 'export') {
      for (const w of cmd.slice(k + 1)) {
        const m = ASSIGN.exec(w.value);
        if (m) exported[m[1]!] = m[2]!;
      }
      continue;
    }
    for (;;) {
      while (k < cmd.length && KEYWORDS.has(cmd[k]!.value)) k++;
      const w = cmd[k];
      if (!w) break;
      const m = ASSIGN.exec(w.value);
      if (m) { inline[m[1]!] = m[2]!; k++; continue; }
      if (w.value === 'env' || w.value === 'sudo') {
        k++;
        while (cmd[k] && cmd[k]!.value.startsWith('-')) k++;
        continue;
      }
      break;
    }
    // bare assignments without a command change the shell's variables (not exported, but
    // `CGO_ENABLED=0; go build` is rare): treat them like exports for the rest of the script
    if (k >= cmd.length) {
      Object.assign(exported, inline);
      continue;
    }
    yield { cmd, program: k, env: { ...exported, ...inline }, cwd };
  }
}

/**
 * Every `go build` / `go install` in `script`. `baseEnv` is the environment the script starts
 * with (Dockerfile ENV/ARG, exported make variables); `export X=...` and inline assignments
 * update it as the script reads.
 */
export function findGoBuilds(script: string, baseEnv: Record<string, string> = {}): GoBuildInvocation[] {
  const out: GoBuildInvocation[] = [];
  for (const { cmd, program: k, env, cwd } of commandsWithEnv(script, baseEnv)) {
    const goWord = cmd[k]!;
    if (!isGoBinary(goWord.value)) continue;
    let j = k + 1;
    // go -C dir build ...
    let dir: string | undefined;
    if (cmd[j]?.value === '-C') {
      // `go -C $(DIR) build` with DIR expanded to nothing here: the subcommand is not the directory
      const next = cmd[j + 1]?.value;
      if (next === 'build' || next === 'install') j += 1;
      else { dir = next; j += 2; }
    }
    else if (cmd[j]?.value.startsWith('-C=')) { dir = cmd[j]!.value.slice(3); j += 1; }
    const sub = cmd[j]?.value;
    if (sub !== 'build' && sub !== 'install') continue;
    const inv = parseGoBuildArgs(sub, cmd.slice(j + 1).map((w) => w.value), goWord.offset, env);
    if (dir !== undefined) inv.dir = dir;
    if (inv.dir === undefined && cwd !== undefined) inv.dir = cwd;
    else if (inv.dir !== undefined && cwd !== undefined && !inv.dir.startsWith('/')) inv.dir = `${cwd}/${inv.dir}`;
    out.push(inv);
  }
  return out;
}

/** A `make` run in a script. */
export interface MakeInvocation {
  targets: string[];
  vars: Record<string, string>;
  /** -C directory. */
  dir?: string;
  /** -f file. */
  file?: string;
  /** The environment the run starts with: the script's start environment, `export`s before it and inline assignments. */
  env: Record<string, string>;
}

/**
 * `make` invocations in a shell script: targets, VAR=value overrides, -C, -f, and the environment the run starts with
 * (what `export` and inline assignments before it set: `CGO_ENABLED=0 make build`, read by commandsWithEnv).
 */
export function makeInvocations(script: string, baseEnv: Record<string, string> = {}): MakeInvocation[] {
  const out: MakeInvocation[] = [];
  for (const { cmd, program: k, env } of commandsWithEnv(script, baseEnv)) {
    const words = cmd.map((w) => w.value);
    const w = words[k];
    if (!w || !/(^|\/)g?make$/.test(w) && w !== '$(MAKE)' && w !== '${MAKE}') continue;
    const inv: MakeInvocation = { targets: [], vars: {}, env };
    for (let i = k + 1; i < words.length; i++) {
      const a = words[i]!;
      if (a === '-C' || a === '--directory') { inv.dir = words[++i]; continue; }
      if (a.startsWith('--directory=')) { inv.dir = a.slice(12); continue; }
      if (a === '-f' || a === '--file' || a === '--makefile') { inv.file = words[++i]; continue; }
      if (a === '-j' || a === '-l' || a === '-o' || a === '-W' || a === '-I') { if (/^\d+$/.test(words[i + 1] ?? '') || a !== '-j') i++; continue; }
      if (a.startsWith('-')) continue;
      const m = /^([A-Za-z_][\w.-]*)=(.*)$/s.exec(a);
      if (m) inv.vars[m[1]!] = m[2]!;
      else inv.targets.push(a);
    }
    out.push(inv);
  }
  return out;
}


/**
 * Whether the command produces a binary someone ships: not a compile check (`go build ./...` or
 * several packages without -o discard their results) and not a tool install (`go install x@v1`, also through a
 * shell variable the script set before).
 */
export function producesArtifact(inv: GoBuildInvocation): boolean {
  // `package=$(2)@$(3); GOBIN=$(LOCALBIN) go install $${package}` (a Makefile's go-install-tool define): the package is
  // read through the script's variables (blind sample of 2026-12-21)
  const expand = (p: string) => p.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (m, n: string) => (Object.hasOwn(inv.env, n) ? inv.env[n]! : m));
  if (inv.subcommand === 'install') return !inv.packages.some((p) => /@/.test(expand(p)));
  if (inv.output !== undefined) return true;
  return inv.packages.length <= 1 && !inv.packages.some((p) => p.includes('...'));
}

/** Splits an -ldflags / -gcflags value into its words (quotes honoured), dropping a `pattern=` prefix. */
export function flagWords(value: string): { pattern?: string; words: string[] } {
  let v = value.trim();
  let pattern: string | undefined;
  const m = /^([\w./*-]+)=(-.*|)$/s.exec(v);
  if (m && !m[1]!.startsWith('-')) {
    pattern = m[1];
    v = m[2]!;
  }
  const words = shellCommands(v).flat().map((w) => w.value);
  return { pattern, words };
}

/** Linker flags of a build: -s / -w / static external linking. */
export function linkerFacts(ldflags: string[]): { s: boolean; w: boolean; wOff: boolean; staticExternal: boolean } {
  const words = ldflags.flatMap((l) => flagWords(l).words);
  const has = (re: RegExp) => words.some((w) => re.test(w));
  let staticExternal = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^--?extldflags=/.test(w) && /(^|[\s=])-static\b/.test(w)) staticExternal = true;
    if (/^--?extldflags$/.test(w) && /(^|\s)-static\b/.test(words[i + 1] ?? '')) staticExternal = true;
  }
  return {
    s: has(/^--?s(=true)?$/),
    w: has(/^--?w(=true)?$/),
    wOff: has(/^--?w=(0|false)$/),
    staticExternal,
  };
}

/** Compiler flags that make a release a debug build or remove safety checks. */
export function riskyGcflags(gcflags: string[]): { flag: string; value: string }[] {
  const out: { flag: string; value: string }[] = [];
  for (const g of gcflags) {
    for (const w of flagWords(g).words) {
      if (/^--?B(=true)?$/.test(w)) out.push({ flag: '-B', value: g });
      else if (/^--?N(=true)?$/.test(w)) out.push({ flag: '-N', value: g });
      else if (/^--?l(=true)?$/.test(w)) out.push({ flag: '-l', value: g });
    }
  }
  return out;
}

/**
 * Instrumentation a go command's flags compile into the binary: -race, -msan, -asan, -cover
 * (the last spelling of each wins, `-race=false` turns it off) and the compiler's pointer
 * checks (`-gcflags -d=checkptr`, `-d=checkptr=1|2`; `checkptr=0` turns them off).
 */
export function instrumentationFlags(goFlags: readonly string[], gcflags: readonly string[]): string[] {
  const on = new Map<string, boolean>();
  for (const f of goFlags) {
    const m = /^--?(race|msan|asan|cover)(?:=(.*))?$/s.exec(f);
    if (m) on.set(`-${m[1]}`, goBool(m[2]) ?? on.get(`-${m[1]}`) ?? false);
  }
  for (const g of gcflags) {
    const words = flagWords(g).words;
    words.forEach((w, i) => {
      const d = /^--?d(?:=(.*))?$/s.exec(w);
      if (!d) return;
      const value = d[1] ?? words[i + 1] ?? '';
      for (const setting of value.split(',')) {
        const c = /^checkptr(?:=(\d+))?$/.exec(setting.trim());
        if (c) on.set('-d=checkptr', c[1] === undefined || c[1] !== '0');
      }
    });
  }
  return [...on].filter(([, v]) => v).map(([k]) => k);
}

/** Whether the go command flags turn VCS stamping off (`-buildvcs=false`, the last spelling winning). */
export function buildvcsOff(goFlags: readonly string[]): boolean {
  let off = false;
  for (const f of goFlags) {
    const m = /^--?buildvcs(?:=(.*))?$/s.exec(f);
    if (m) off = m[1] === 'auto' ? false : goBool(m[1]) === false;
  }
  return off;
}
