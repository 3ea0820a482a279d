import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { callArgs, FUNCTION_TYPES, functionName, selectorPath, unparen, calleeName } from '../../go/ast.js';
import { dirSegments, matchesPrefix, moduleKey, packageKey, position, STRUCTURED_LOGGERS } from '../_shared/obs-packages.js';

const MIN_LOGGER_FILES = 2;
const FMT_PRINT = ['Print', 'Println', 'Printf'];
const FMT_FPRINT = ['Fprint', 'Fprintln', 'Fprintf'];
const LOG_PRINT = ['Print', 'Println', 'Printf'];

/** Imports that mark a package as command-line code (its stdout is user output) or a test helper. */
const CLI_PACKAGES = [
  'flag',
  'testing',
  'github.com/spf13/cobra',
  'github.com/spf13/pflag',
  'github.com/urfave/cli',
  'gopkg.in/urfave/cli.v1',
  'gopkg.in/alecthomas/kingpin.v2',
  'github.com/alecthomas/kingpin',
  'github.com/alecthomas/kong',
  'github.com/peterbourgon/ff',
];

/** Directory names of CLI front-ends: their stdout is user output. (Tooling, examples, tests and third-party code are roles: ctx.file.role.) */
const CLI_DIRS = new Set(['cmd', 'cmds', 'command', 'commands', 'cli', 'ctl']);

/** Functions whose job is to print (a tree dumper, usage or version output): their stdout is deliberate. */
const PRINTING_FUNC = /^(print|dump|show|display|usage|version)|^help(?![a-z])|(usage|help|version)$/i;

interface LoggerFact { k: 'logger'; name: string; file: string }
interface CliFact { k: 'cli' }
/** The module routes the standard log package into its logger (or manages its output). */
interface RedirectFact { k: 'redirect' }
interface PrintFact { k: 'print'; file: string; line: number; column: number; call: string }
type Fact = LoggerFact | CliFact | RedirectFact | PrintFact;

function isStdout(ctx: RuleContext, w: Node | undefined): boolean {
  const e = unparen(w);
  if (!e || e.type !== 'selector_expression') return false;
  const op = unparen(e.childForFieldName('operand'));
  return e.childForFieldName('field')?.text === 'Stdout' && op?.type === 'identifier' && ctx.isPackageRef(op, 'os');
}

/** Package names of logging implementations: printing is their job. */
const LOGGING_PACKAGES = new Set(['log', 'logs', 'logger', 'logging', 'logutil', 'clog', 'glog', 'klog', 'xlog', 'golog']);

const DEBUG_GUARD = /debug|verbose|quiet|silent/i;
const QUIET_GUARD = /quiet|silent/i;

/**
 * Deliberate output: inside a function named print*, dump*, usage..., under an `if` on a
 * debug/verbose flag (goyacc's yyDebug, EXPECT_DEBUG), or in a function that returns early when quiet.
 */
function deliberateOutput(call: Node): boolean {
  for (let p: Node | null = call.parent, child: Node = call; p; child = p, p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      const cons = p.childForFieldName('consequence');
      if (cond && cons && cons.startIndex <= child.startIndex && child.endIndex <= cons.endIndex && DEBUG_GUARD.test(cond.text)) return true;
    }
    if (!FUNCTION_TYPES.has(p.type) || p.type === 'func_literal') continue;
    const name = functionName(p);
    if (name && PRINTING_FUNC.test(name)) return true;
    for (const ifs of p.descendantsOfType('if_statement')) {
      const cond = ifs?.childForFieldName('condition');
      if (cond && QUIET_GUARD.test(cond.text)) return true;
    }
    return false;
  }
  return false;
}

/**
 * The print is the statement right before a panic, os.Exit or log.Fatal* in the same block: the process (or
 * goroutine) ends there and the crash carries the message; nobody reroutes the last words to a logger.
 */
function lastWordsBeforeTermination(ctx: RuleContext, call: Node): boolean {
  const stmt = call.parent;
  if (stmt?.type !== 'expression_statement') return false;
  let next = stmt.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  const c = next?.type === 'expression_statement' ? unparen(next.namedChild(0)) : undefined;
  if (c?.type !== 'call_expression') return false;
  const fn = unparen(c.childForFieldName('function'));
  if (fn?.type === 'identifier') return fn.text === 'panic';
  return ctx.isCallTo(c, 'os', 'Exit') || ctx.isCallTo(c, 'log', 'Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln');
}

export default defineRule({
  meta: {
    id: 'OBS1002',
    name: 'print-logging-in-library',
    dimension: 'observability',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'stable',
    title: 'Library package logs with fmt.Print/log.Print while the module uses a structured logger',
    passCriterion: 'library packages log through the module\'s structured logger, not fmt/log prints',
    rationale:
      'When a module logs through slog, zap, zerolog, logrus, logr or klog, a stray fmt.Printf or log.Printf in a library ' +
      'package bypasses it: the line has no level, no timestamp format or fields (request id, component), ignores the ' +
      'configured sink and verbosity, and breaks JSON log parsing in the collector. On stdout it can also corrupt the ' +
      'output of a CLI that embeds the package. Such lines are usually leftover debugging or errors that nobody will see.',
    fix: {
      text: 'Log through the module\'s structured logger (inject it or use the package logger) at an explicit level, or return the error to the caller instead of printing it.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package cache\n\nimport (\n\t"fmt"\n\t"log/slog"\n)\n\nfunc Refresh(l *slog.Logger, err error) {\n\tif err != nil {\n\t\tfmt.Printf("refresh failed: %v\\n", err)\n\t\treturn\n\t}\n\tl.Info("refreshed")\n}\n',
        good:
          'package cache\n\nimport "log/slog"\n\nfunc Refresh(l *slog.Logger, err error) {\n\tif err != nil {\n\t\tl.Error("refresh failed", "err", err)\n\t\treturn\n\t}\n\tl.Info("refreshed")\n}\n',
      },
    ],
    messages: {
      print: '{{call}} in library package {{pkg}} writes unstructured output to stdout while this module logs with {{logger}}',
      stdlog: '{{call}} in library package {{pkg}} uses the standard log package while this module logs with {{logger}}',
    },
    sources: [],
    notes:
      'Module-wide: the structured logger may be imported in any non-test file of the same go.mod. Not reported: package ' +
      'main; packages under cmd/, tools/, examples/, test/e2e/integration directories; packages importing flag, testing or a ' +
      'CLI framework (cobra, urfave/cli, kingpin, kong: their stdout is user output); functions named print*/dump*/show*/' +
      'usage*/*Version/*Help or under an if on a debug/verbose flag; fmt.Fprint* to anything but os.Stdout; fmt.Sprint*; ' +
      'log.Fatal*/log.Panic*; a print that is the statement right before panic, os.Exit or log.Fatal* (the last words of a ' +
      'crash); log.Print* when the module routes the standard logger into its logger (slog.SetDefault, ' +
      'zap.RedirectStdLog, log.SetOutput, klog.CopyStandardLogTo). The structured logger counts as in use when the printing ' +
      'package imports it or at least two files of the module do.',
  },
  prefilter: [
    '.Print', '.Fprint', 'log/slog', 'go.uber.org/zap', 'zerolog', 'logrus', 'go-logr/logr', 'k8s.io/klog',
    'SetDefault', 'RedirectStdLog', 'SetOutput', 'CopyStandardLogTo',
    '"flag"', '"testing"', 'spf13/cobra', 'spf13/pflag', 'urfave/cli', 'kingpin', 'alecthomas/kong', 'peterbourgon/ff',
  ],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    const library =
      !ctx.file.isMain && !ctx.file.isGenerated && !LOGGING_PACKAGES.has(ctx.file.packageName) &&
      // other modules' code (vendor/, third_party/): this module's logger does not apply to it
      ctx.file.role !== 'third-party' && !dirSegments(ctx.file.path).some((s) => CLI_DIRS.has(s));
    return {
      'source_file:exit'() {
        for (const spec of ctx.imports.specs) {
          const logger = STRUCTURED_LOGGERS.find((l) => matchesPrefix(spec.path, l.prefix));
          if (logger) emit({ k: 'logger', name: logger.name, file: ctx.file.path });
          if (CLI_PACKAGES.some((p) => matchesPrefix(spec.path, p))) emit({ k: 'cli' });
        }
      },
      call_expression(call) {
        const called = calleeName(call);
        if (!called || !/^(SetDefault|RedirectStdLog|RedirectStdLogAt|SetOutput|CopyStandardLogTo|Print|Printf|Println|Fprint|Fprintf|Fprintln)$/.test(called)) return;
        if (
          ctx.isCallTo(call, 'log/slog', 'SetDefault') || // since Go 1.21 routes log.Print* to the slog handler
          ctx.isCallTo(call, 'go.uber.org/zap', 'RedirectStdLog', 'RedirectStdLogAt') ||
          ctx.isCallTo(call, 'log', 'SetOutput') ||
          ctx.isCallTo(call, 'k8s.io/klog/v2', 'CopyStandardLogTo')
        ) {
          emit({ k: 'redirect' });
          return;
        }
        if (!library) return;
        let kind: 'fmt' | 'log' | undefined;
        if (ctx.isCallTo(call, 'fmt', ...FMT_PRINT)) kind = 'fmt';
        else if (ctx.isCallTo(call, 'fmt', ...FMT_FPRINT) && isStdout(ctx, callArgs(call)[0])) kind = 'fmt';
        else if (ctx.isCallTo(call, 'log', ...LOG_PRINT)) kind = 'log';
        if (!kind) return;
        if (deliberateOutput(call) || lastWordsBeforeTermination(ctx, call)) return;
        const fn = unparen(call.childForFieldName('function'));
        const path = selectorPath(fn);
        const name = path ? `${kind}.${path[path.length - 1]}` : `${kind}.Print`;
        emit({ k: 'print', file: ctx.file.path, ...position(call), call: name });
      },
    };
  },
  finish(facts, report) {
    // module -> logger name -> files importing it
    const loggers = new Map<string, Map<string, Set<string>>>();
    const cliPackages = new Set<string>();
    const redirected = new Set<string>();
    const pkgLogger = new Map<string, string>();
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k === 'logger' && !pkgLogger.has(packageKey(f.file))) pkgLogger.set(packageKey(f.file), d.name);
      if (d.k === 'logger') {
        let m = loggers.get(moduleKey(f.file));
        if (!m) loggers.set(moduleKey(f.file), (m = new Map()));
        let files = m.get(d.name);
        if (!files) m.set(d.name, (files = new Set()));
        files.add(d.file);
      }
      if (d.k === 'cli') cliPackages.add(packageKey(f.file));
      if (d.k === 'redirect') redirected.add(moduleKey(f.file));
    }
    // "in use": imported by the printing package itself, or by at least MIN_LOGGER_FILES files of the
    // module (a single adapter file handing a logger to a third-party library does not make it the
    // module's logger); the most used one is named
    const inUse = new Map<string, string>();
    for (const [mod, m] of loggers) {
      const best = [...m.entries()].sort((a, b) => b[1].size - a[1].size)[0];
      const total = new Set([...m.values()].flatMap((s) => [...s])).size;
      if (best && total >= MIN_LOGGER_FILES) inUse.set(mod, best[0]);
    }
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'print') continue;
      const logger = pkgLogger.get(packageKey(f.file)) ?? inUse.get(moduleKey(f.file));
      if (!logger || cliPackages.has(packageKey(f.file))) continue;
      if (d.call.startsWith('log.') && redirected.has(moduleKey(f.file))) continue;
      report({
        file: d.file, line: d.line, column: d.column,
        messageId: d.call.startsWith('log.') ? 'stdlog' : 'print',
        data: { call: d.call, pkg: f.file.packageName, logger },
      });
    }
  },
});
