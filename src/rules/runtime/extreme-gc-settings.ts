import type { Node } from 'web-tree-sitter';
import { defineRule, goVersionAtLeast, type RuleContext } from '../define-rule.js';
import { callArgs, enclosingFunction, intValue, stringValue, unparen } from '../../go/ast.js';
import { assignedValuesOf, resolveBinding } from '../_shared/security-bindings.js';

const MIB = 1024 * 1024;
/** Below this GOGC the collector runs several times as often as the default (100). */
const LOW_GOGC = 25;
/** Above this GOGC the heap may grow to more than 11x the live data before a collection. */
const HIGH_GOGC = 1000;
/** A memory limit this small is reached by the runtime itself; the GC then runs continuously. */
const TINY_LIMIT = 16 * MIB;

/** Integer constant expression: literals, + - * / << >> | &, parentheses, unary -, local/package constants, math.MaxInt64. */
function evalInt(ctx: RuleContext, expr: Node | null | undefined, depth = 0): number | undefined {
  const e = unparen(expr);
  if (!e || depth > 6) return undefined;
  const v = intValue(e);
  if (v !== undefined) return v;
  if (e.type === 'unary_expression') {
    const op = e.childForFieldName('operator')?.text;
    const x = evalInt(ctx, e.childForFieldName('operand'), depth + 1);
    if (x === undefined) return undefined;
    return op === '-' ? -x : op === '+' ? x : undefined;
  }
  if (e.type === 'binary_expression') {
    const op = e.childForFieldName('operator')?.text;
    const l = evalInt(ctx, e.childForFieldName('left'), depth + 1);
    const r = evalInt(ctx, e.childForFieldName('right'), depth + 1);
    if (l === undefined || r === undefined) return undefined;
    switch (op) {
      case '+': return l + r;
      case '-': return l - r;
      case '*': return l * r;
      case '/': return r === 0 ? undefined : Math.trunc(l / r);
      case '<<': return l * 2 ** r;
      case '>>': return Math.floor(l / 2 ** r);
      case '|': return r < 2 ** 31 && l < 2 ** 31 ? l | r : undefined;
      default: return undefined;
    }
  }
  if (e.type === 'call_expression') {
    // int64(x) and similar conversions
    const fn = unparen(e.childForFieldName('function'));
    if (fn?.type === 'identifier' && /^u?int(8|16|32|64)?$/.test(fn.text) && callArgs(e).length === 1) return evalInt(ctx, callArgs(e)[0], depth + 1);
    return undefined;
  }
  if (e.type === 'selector_expression') {
    const op = unparen(e.childForFieldName('operand'));
    const f = e.childForFieldName('field')?.text;
    if (op?.type === 'identifier' && ctx.isPackageRef(op, 'math') && (f === 'MaxInt64' || f === 'MaxInt')) return Number.MAX_SAFE_INTEGER;
    return undefined;
  }
  if (e.type === 'identifier') {
    const b = resolveBinding(e.text, e, ctx.root);
    if (b.kind !== 'const' && b.kind !== 'package-const') return undefined;
    const values = assignedValuesOf(b);
    return values.length === 1 ? evalInt(ctx, values[0]!.value, depth + 1) : undefined;
  }
  return undefined;
}

function mib(n: number): string {
  return n >= MIB ? `${(n / MIB).toFixed(n % MIB ? 1 : 0)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${n} bytes`;
}

export default defineRule({
  meta: {
    id: 'RUN1002',
    name: 'extreme-gc-settings',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Extreme garbage collector setting',
    passCriterion: 'GC settings stay within sane bounds (no SetGCPercent(-1) or extreme GOGC without a memory limit)',
    rationale:
      'GOGC is the heap growth allowed between collections, so a LOWER value means MORE collections (a common ' +
      'misreading): GOGC=10 runs the GC about ten times as often as the default 100 and can burn a large share of CPU ' +
      'on a busy service. A very high GOGC (or GC disabled with -1) lets the heap grow to many times the live data and ' +
      'is only safe with a memory limit (debug.SetMemoryLimit / GOMEMLIMIT); without one the container is OOM-killed. ' +
      'A tiny memory limit makes the GC run continuously. os.Setenv("GOGC") at run time changes nothing at all: the ' +
      'runtime reads GOGC and GOMEMLIMIT once at start-up.',
    fix: {
      text:
        'Keep GOGC between 25 and 1000 (100 is the default); to trade memory for CPU, set a memory limit ' +
        '(debug.SetMemoryLimit or GOMEMLIMIT, ~90% of the container limit) and raise GOGC or use GOGC=off only together ' +
        'with it. Set GOGC/GOMEMLIMIT in the environment of the process (Dockerfile, manifest), not with os.Setenv.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package main\n\nimport "runtime/debug"\n\nfunc main() {\n\tdebug.SetGCPercent(5)\n}\n',
        good: 'package main\n\nimport "runtime/debug"\n\nfunc main() {\n\tdebug.SetMemoryLimit(900 << 20)\n\tdebug.SetGCPercent(400)\n}\n',
        filename: 'main.go',
      },
    ],
    messages: {
      lowGOGC:
        'GC percent {{value}} makes the collector run {{freq}} (lower GOGC means more GC work, not less): expect a ' +
        'large CPU cost',
      highGOGC:
        'GC percent {{value}} lets the heap grow to {{factor}}x the live data before collecting, and no memory limit is ' +
        'set in this file: likely OOM under load; pair it with debug.SetMemoryLimit',
      gcOff:
        'the GC is disabled (SetGCPercent({{value}})) and no memory limit is set in this file: the heap grows until ' +
        'the process is OOM-killed; set debug.SetMemoryLimit or restore the previous value',
      tinyLimit:
        'memory limit of {{value}} is below what the Go runtime itself needs once loaded; the GC will run ' +
        'continuously (death spiral); use ~90% of the container memory limit',
      setenv:
        'os.Setenv({{name}}, ...) has no effect on this process: the runtime reads {{name}} only at start-up; use ' +
        '{{api}} or set it in the process environment',
    },
    sources: [],
    notes:
      'Thresholds: SetGCPercent below 25 (4x+ the default GC frequency) is reported; above 1000 (heap up to 11x the ' +
      'live data) and -1 (GC off) are reported when the file sets no memory limit (or the module targets Go < 1.19, ' +
      'where SetMemoryLimit does not exist). `old := debug.SetGCPercent(-1)` restored later in the same function (a ' +
      'temporary pause around a bulk operation) is not reported. SetMemoryLimit below 16 MiB is reported. ' +
      'os.Setenv("GOGC"|"GOMEMLIMIT", ...) is reported as ineffective unless the file also starts a child process ' +
      '(exec.Command), which does inherit it, or the same function applies the value with debug.SetGCPercent / ' +
      'SetMemoryLimit (mirroring it for display).',
  },
  prefilter: ['SetGCPercent', 'SetMemoryLimit', 'GOGC', 'GOMEMLIMIT'],
  create(ctx) {
    const hasLimitApi = goVersionAtLeast(ctx.file.goVersion, 1, 19, true);
    let limitSet: boolean | undefined;
    const fileSetsLimit = () =>
      (limitSet ??= ctx.root.descendantsOfType('call_expression').some((c) => !!c && ctx.isCallTo(c, 'runtime/debug', 'SetMemoryLimit')));
    let spawns: boolean | undefined;
    const fileSpawns = () =>
      (spawns ??= ctx.root.descendantsOfType('call_expression').some((c) => !!c && (ctx.isCallTo(c, 'os/exec', 'Command', 'CommandContext') || ctx.isCallTo(c, 'syscall', 'Exec', 'ForkExec') || ctx.isCallTo(c, 'os', 'StartProcess'))));

    /** `old := debug.SetGCPercent(-1)` with a later debug.SetGCPercent(old) in the same function. */
    function restored(call: Node): boolean {
      let e = call;
      while (e.parent?.type === 'parenthesized_expression') e = e.parent;
      const list = e.parent;
      const stmt = list?.parent;
      if (list?.type !== 'expression_list' || !stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement')) return false;
      const name = stmt.childForFieldName('left')?.namedChild(0)?.text;
      if (!name) return false;
      const fn = enclosingFunction(call) ?? ctx.root;
      return fn.descendantsOfType('call_expression').some((c) => !!c && c.id !== call.id && ctx.isCallTo(c, 'runtime/debug', 'SetGCPercent') && unparen(callArgs(c)[0])?.text === name);
    }

    function judgeGOGC(node: Node, value: number, fromSetenv: boolean): void {
      if (value < 0) {
        if ((hasLimitApi && fileSetsLimit()) || (!fromSetenv && restored(node))) return;
        ctx.report({ node, messageId: 'gcOff', data: { value } });
        return;
      }
      if (value < LOW_GOGC) {
        const freq = value === 0 ? 'almost continuously' : `about ${Math.round(100 / value)}x as often as with the default 100`;
        ctx.report({ node, messageId: 'lowGOGC', data: { value, freq } });
        return;
      }
      if (value > HIGH_GOGC) {
        if (hasLimitApi && fileSetsLimit()) return;
        ctx.report({ node, messageId: 'highGOGC', data: { value, factor: String(Math.round(1 + value / 100)) }, severity: 'low' });
      }
    }

    return {
      call_expression(call) {
        if (ctx.isCallTo(call, 'runtime/debug', 'SetGCPercent')) {
          const v = evalInt(ctx, callArgs(call)[0]);
          if (v !== undefined) judgeGOGC(call, v, false);
          return;
        }
        if (ctx.isCallTo(call, 'runtime/debug', 'SetMemoryLimit')) {
          const v = evalInt(ctx, callArgs(call)[0]);
          if (v !== undefined && v >= 0 && v < TINY_LIMIT) ctx.report({ node: call, messageId: 'tinyLimit', data: { value: mib(v) } });
          return;
        }
        if (ctx.isCallTo(call, 'os', 'Setenv')) {
          const [k] = callArgs(call);
          const name = stringValue(unparen(k));
          if (name !== 'GOGC' && name !== 'GOMEMLIMIT') return;
          if (fileSpawns()) return;
          // mirroring a value applied with the real API (e.g. for a status page) is deliberate
          const api = name === 'GOGC' ? 'SetGCPercent' : 'SetMemoryLimit';
          const fn = enclosingFunction(call) ?? ctx.root;
          if (fn.descendantsOfType('call_expression').some((c) => !!c && ctx.isCallTo(c, 'runtime/debug', api))) return;
          ctx.report({
            node: call,
            messageId: 'setenv',
            data: { name: `"${name}"`, api: name === 'GOGC' ? 'debug.SetGCPercent' : 'debug.SetMemoryLimit' },
          });
        }
      },
    };
  },
});
