/**
 * One table of sanitizers, shared by the injection rules (the counterpart of untrusted-input.ts, the table of
 * sources): calls whose result is quoted or escaped for a sink's language, so a value passed through them cannot
 * break out of its place in a shell script or an SQL statement. Type-free, like the sources: matched on the resolved
 * package path and name, and for the project's own helpers on the helper's body when the file declares it.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../define-rule.js';
import { callArgs, stringValue, unparen } from '../../go/ast.js';

export type SanitizerSink = 'shell' | 'sql';

interface SinkSanitizers {
  /** Packages whose every function quotes for the sink (matched on the import path). */
  packages: RegExp;
  /** Functions of other packages: `syscall.EscapeArg`. */
  functions: Readonly<Record<string, ReadonlySet<string>>>;
  /** Names that say a helper quotes for the sink, wherever it is declared (`shellQuote`, `sqlEscape`). */
  names: RegExp;
  /**
   * Names of the project's own quoting helpers (`quote`, `quotePowerShellString`, `escapeArg`): a helper of the same
   * package with such a name is a sanitizer when its body quotes (replaces the quote character it wraps the value in);
   * when the body is in another file of the package, the name alone decides.
   */
  localNames?: RegExp;
  /** Names of quoting for another language (HTML, URL, JSON…), of unquoting, of predicates: never a sanitizer for this sink. */
  otherLanguage?: RegExp;
}

const SANITIZERS: Record<SanitizerSink, SinkSanitizers> = {
  shell: {
    packages: /shellescape|shellquote|shellwords/,
    functions: { syscall: new Set(['EscapeArg']) },
    names: /shell.?(quote|escape)|(quote|escape).?shell|^shquote$|^(sh|posix)(Quote|Escape)/i,
    localNames: /^(?:quote|escape)|(?:quote|escape)(?:d|s)?(?:arg|args|string|str|value|word|literal)?$/i,
    // and the reverse operation or a predicate: unquote, unescapeArg, needsQuote, isQuoted
    otherLanguage: /html|xml|url|uri|sql|json|yaml|regex|regexp|js|css|query|label|csv|markdown|md$|ident|glob|log|^un|^(?:is|has|needs?|should|must)[A-Z_]/i,
  },
  sql: {
    packages: /^$/,
    functions: {},
    names: /quote|escape|sanitiz/i,
  },
};

/**
 * Whether `call` (resolved to `name` in `pkg`, no package for the file's own functions and methods) returns its
 * argument quoted or escaped for `sink`.
 */
export function isSanitizerCall(ctx: RuleContext, call: Node, sink: SanitizerSink, name: string, pkg: string | undefined): boolean {
  const t = SANITIZERS[sink];
  if (pkg && t.packages.test(pkg)) return true;
  if (pkg && t.functions[pkg]?.has(name)) return true;
  if (t.names.test(name)) return true;
  if (!t.localNames || pkg || !t.localNames.test(name) || t.otherLanguage?.test(name)) return false;
  // the package's own helper: `quotePowerShellString(path)`, not a method of some value
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'identifier') return false;
  const decl = ctx.functions.func(name);
  // declared in another file of the package: its name is the evidence the file has
  if (!decl) return !ctx.isShadowed(name, call);
  return quotesItsArgument(decl.node);
}

/** Quote characters a shell or SQL literal is wrapped in. */
const QUOTE_CHARS = /['"`]/;

/**
 * Whether a helper's body quotes: it returns a string and replaces a quote character (strings.ReplaceAll(s, "'",
 * `'\''`), strings.NewReplacer(`"`, `\"`), a loop writing `\` before quotes), or hands the value to strconv.Quote.
 * A helper that only wraps the value in quotes (`"'" + s + "'"`) does not escape the quote inside it and is no sanitizer.
 */
export function quotesItsArgument(fn: Node): boolean {
  const result = fn.childForFieldName('result');
  if (!result || !/\bstring\b/.test(result.text)) return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  for (const c of body.descendantsOfType('call_expression')) {
    if (!c) continue;
    const callee = unparen(c.childForFieldName('function'))?.text ?? '';
    const args = callArgs(c);
    if (/^strings\.(ReplaceAll|Replace)$/.test(callee) || /\.(ReplaceAll|Replace)$/.test(callee)) {
      const old = stringValue(unparen(args[1]) ?? unparen(args[0]));
      if (old !== undefined && QUOTE_CHARS.test(old)) return true;
    }
    if (/^strings\.NewReplacer$/.test(callee) && args.some((a, i) => i % 2 === 0 && QUOTE_CHARS.test(stringValue(unparen(a)) ?? ''))) return true;
    if (/^strconv\.Quote(ToASCII)?$/.test(callee)) return true;
  }
  // a character loop escaping quotes: `case '\'', '"':` / `if r == '\''` followed by a backslash written
  const text = body.text;
  return /(?:==|case)\s*'(?:\\'|"|`)'/.test(text) && /\\\\/.test(text);
}
