import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { enclosingDeclaredFunction, functionName, calleeName } from '../../go/ast.js';

/** Import path -> functions that terminate the process. */
const EXITERS: Record<string, string[]> = {
  os: ['Exit'],
  log: ['Fatal', 'Fatalf', 'Fatalln'],
  'k8s.io/klog': ['Fatal', 'Fatalf', 'Fatalln', 'FatalDepth', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'],
  'k8s.io/klog/v2': ['Fatal', 'Fatalf', 'Fatalln', 'FatalDepth', 'FatalS', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'],
  'github.com/golang/glog': ['Fatal', 'Fatalf', 'Fatalln', 'FatalDepth', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'],
  'github.com/sirupsen/logrus': ['Fatal', 'Fatalf', 'Fatalln'],
  'github.com/rs/zerolog/log': ['Fatal'],
};

const EXIT_NAMES = new Set(Object.values(EXITERS).flat());

const PREFIX: Record<string, string> = {
  'k8s.io/klog/v2': 'klog',
  'github.com/golang/glog': 'glog',
  'github.com/sirupsen/logrus': 'logrus',
  'github.com/rs/zerolog/log': 'zerolog/log',
};

/** Packages that are command-line front ends rather than libraries (test support, examples and tooling are roles: ctx.file.role). */
const CLI_PACKAGE = /main$|^(cmd|cmds|command|commands|cli)$/;
const CLI_DIR = new Set(['cmd', 'cmds']);

/** The exit helper itself (Fatal, ExitWithError, MustX, Die): its callers decide, not the helper. */
const EXIT_HELPER = /fatal|exit|die|^must|panic/i;
/** Package-level entry points called as the whole of main: `func Main()`, `func Run(...)`, `func RunShim(...)`. */
const ENTRY_POINT = /^(Main|Run|Execute|Start)([A-Z0-9_]\w*)?$/;

function skipPackage(path: string, pkg: string): boolean {
  if (CLI_PACKAGE.test(pkg)) return true;
  const dirs = path.split('/').slice(0, -1);
  return dirs.some((d) => CLI_DIR.has(d));
}

function isEntryPoint(fn: Node): boolean {
  if (fn.childForFieldName('result')) return false;
  const name = functionName(fn) ?? '';
  if (fn.type === 'method_declaration') return /^(Main|Run|Execute)$/.test(name);
  return ENTRY_POINT.test(name) || /[a-z]Main([A-Z]\w*)?$/.test(name);
}

/** The declared function installs a signal handler: exiting from it is the deliberate end of the process. */
function handlesSignals(ctx: RuleContext, fn: Node): boolean {
  return fn.descendantsOfType('call_expression').some((c) => !!c && ctx.isCallTo(c, 'os/signal', 'Notify', 'NotifyContext'));
}

const FLAG_PACKAGES = ['flag', 'github.com/spf13/pflag'];

/**
 * The declared function registers command-line flags (a *flag.FlagSet or *pflag.FlagSet parameter): it runs
 * once, at process start, before anything is served; failing there is a start-up failure like a bad flag.
 */
function registersFlags(ctx: RuleContext, fn: Node): boolean {
  const params = fn.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    const t = p?.childForFieldName('type');
    if (t?.type !== 'pointer_type') continue;
    const q = t.namedChild(0);
    if (q?.type !== 'qualified_type' || q.childForFieldName('name')?.text !== 'FlagSet') continue;
    const pkg = q.childForFieldName('package');
    if (pkg && FLAG_PACKAGES.some((path) => ctx.isPackageRef(pkg, path))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'RUN1003',
    name: 'exit-in-library',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Library package terminates the process',
    passCriterion: 'library packages return errors instead of calling os.Exit/log.Fatal',
    rationale:
      'os.Exit and log.Fatal (and klog/glog/logrus Fatal) end the process on the spot: deferred functions do not run, ' +
      'so files are not flushed, locks and temporary files are left behind, buffered logs and traces are lost, and ' +
      'an HTTP/gRPC server gets no chance to drain. Called from a library package, the decision is taken away from ' +
      'main and from every caller (tests included), which could have retried, degraded or shut down cleanly.',
    fix: {
      text:
        'Return an error (wrapped with context) and let main decide to exit; keep os.Exit/log.Fatal in package main, ' +
        'ideally in a single place after cleanup.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package config\n\nimport (\n\t"log"\n\t"os"\n)\n\nfunc Load(path string) []byte {\n' +
          '\tb, err := os.ReadFile(path)\n\tif err != nil {\n\t\tlog.Fatalf("read config: %v", err)\n\t}\n\treturn b\n}\n',
        good:
          'package config\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc Load(path string) ([]byte, error) {\n' +
          '\tb, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("read config: %w", err)\n\t}\n' +
          '\treturn b, nil\n}\n',
      },
    ],
    messages: {
      exit:
        '{{call}} in library package {{pkg}} terminates the process: deferred cleanup does not run and the caller ' +
        'cannot recover; return an error instead',
    },
    sources: [],
    notes:
      'Package main and _test.go files are not checked. Matching is by import path (stdlib log, os, klog, glog, ' +
      'logrus and zerolog/log package-level functions), so a local `log` variable or a zap logger\'s Fatal method is ' +
      'not reported. log.Panic is not reported: a panic unwinds the stack, runs deferred calls and can be recovered. ' +
      'Not reported either: command-line packages (package names ending in "main", cmd/command/cli; files under cmd/); ' +
      'code that does not ship (test support such as httptest-style packages, examples, hack/, tools/: the code role) is ' +
      'reported only with --include-non-shipped; exit helpers themselves (functions named *Fatal*, *Exit*, Die, Must*), package-level ' +
      'entry points without results (func Main(), Run(...), Execute(), Start*(), PluginMain(), and Run/Main/Execute ' +
      'methods) that a main calls as its whole body, ' +
      'functions that register command-line flags (a *flag.FlagSet or *pflag.FlagSet parameter: they run once at start-up, ' +
      'where exiting is a start-up failure like a bad flag), and signal handlers (functions that call signal.Notify or are named *signal*/*interrupt*: exiting on SIGTERM ' +
      'after cleanup is deliberate).',
  },
  prefilter: ['Exit', 'Fatal'],
  create(ctx): Visitors {
    if (ctx.file.isMain || ctx.file.isTest || skipPackage(ctx.file.path, ctx.file.packageName)) return {};
    return {
      call_expression(call) {
        const called = calleeName(call);
        if (!called || !EXIT_NAMES.has(called)) return;
        const r = ctx.resolveCall(call);
        if (!r?.pkg) return;
        const names = EXITERS[r.pkg];
        if (!names || !names.includes(r.name)) return;
        const fn = enclosingDeclaredFunction(call);
        if (fn) {
          if (EXIT_HELPER.test(functionName(fn) ?? '')) return;
          if (isEntryPoint(fn)) return;
          if (/signal|interrupt/i.test(functionName(fn) ?? '') || handlesSignals(ctx, fn)) return;
          if (registersFlags(ctx, fn)) return;
        }
        const prefix = PREFIX[r.pkg] ?? r.pkg.split('/').pop();
        ctx.report({ node: call, messageId: 'exit', data: { call: `${prefix}.${r.name}`, pkg: ctx.file.packageName } });
      },
    };
  },
});
