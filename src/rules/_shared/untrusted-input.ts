/**
 * One table of untrusted-input sources, shared by the injection rules (SQL, command, path):
 * values the program's user or a remote peer chooses. Type-free: matched on resolved package
 * paths, so an alias (`import o "os"`) or a shadowing local is handled by the caller's resolver.
 */

/** Package-level variables holding input: `os.Args`, `os.Stdin`. */
const INPUT_VARS: Record<string, ReadonlySet<string>> = {
  os: new Set(['Args', 'Stdin']),
};

/** Functions whose result is input: `flag.Arg(i)`, `flag.Args()`. */
const INPUT_RESULTS: Record<string, ReadonlySet<string>> = {
  flag: new Set(['Arg', 'Args']),
};

/**
 * Functions that store input into their pointer arguments: fmt.Scan family (stdin), and the
 * reader/string forms when their source argument is itself input (decided by the caller).
 */
const INPUT_OUT_PARAMS: Record<string, ReadonlySet<string>> = {
  fmt: new Set(['Scan', 'Scanln', 'Scanf']),
};
/** Out-parameter functions that copy from their first argument (reader or string) into the rest. */
const COPY_OUT_PARAMS: Record<string, ReadonlySet<string>> = {
  fmt: new Set(['Fscan', 'Fscanln', 'Fscanf', 'Sscan', 'Sscanln', 'Sscanf']),
};

export const isInputVar = (pkg: string | undefined, name: string): boolean => !!pkg && !!INPUT_VARS[pkg]?.has(name);
export const isInputResult = (pkg: string | undefined, name: string): boolean => !!pkg && !!INPUT_RESULTS[pkg]?.has(name);
export const readsInputIntoPointers = (pkg: string | undefined, name: string): boolean => !!pkg && !!INPUT_OUT_PARAMS[pkg]?.has(name);
export const copiesIntoPointers = (pkg: string | undefined, name: string): boolean => !!pkg && !!COPY_OUT_PARAMS[pkg]?.has(name);

/** A readable name for a source, for messages: `os.Args`, `flag.Arg`, `fmt.Scanln`. */
export const sourceName = (pkg: string, name: string): string => `${pkg}.${name}`;
