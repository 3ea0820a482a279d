import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { assignedNames, assignedValues, closest, enclosingFunction, FUNCTION_TYPES, functionName, parameters, unparen } from '../../go/ast.js';
import type { RuleContext } from '../define-rule.js';
import { intendedLoopBound, isUnconditionalLoop, leavesLoop, loopBody } from '../_shared/concurrency-control.js';
import { commandLineCode } from '../../core/code-roles.js';

const RELEASE = /^(Close|CloseSend|Unlock|RUnlock|Release|Rollback|Stop|Cancel|Done|Free|Shutdown|Finish|End)$/;
/** Plain function names that release something (cancel(), closeFn(), unlock()...). */
const RELEASE_FUNC = /^(cancel|release|unlock|close|done|stop|cleanup|free)/i;

function isReleaseCallee(fn: Node): boolean {
  if (fn.type === 'selector_expression') return RELEASE.test(fn.childForFieldName('field')?.text ?? '');
  if (fn.type === 'identifier') return RELEASE_FUNC.test(fn.text);
  return false;
}

/**
 * Whether, after the defer runs, the iteration unconditionally leaves the loop: some later
 * statement in a block enclosing the defer (up to the loop body) returns, breaks out, etc.
 * Then the defer runs at most once per loop and nothing accumulates.
 */
function followedByLoopExit(defer: Node, loop: Node): boolean {
  const body = loopBody(loop);
  let cur: Node = defer;
  for (let p = defer.parent; p && body && p.id !== loop.id; p = p.parent) {
    if (p.type === 'statement_list') {
      for (const s of p.namedChildren) {
        if (s && s.startIndex > cur.startIndex && leavesLoop(s, loop)) return true;
      }
    }
    if (p.id === body.id) break;
    cur = p;
  }
  return false;
}

/** Root identifier of an expression like `a`, `a.b.c`, `a[i].b` (undefined otherwise). */
function rootIdent(n: Node | null | undefined): string | undefined {
  let e = unparen(n);
  if (e?.type === 'unary_expression' && e.childForFieldName('operator')?.text === '&') e = unparen(e.childForFieldName('operand'));
  while (e && (e.type === 'selector_expression' || e.type === 'index_expression')) {
    e = unparen(e.childForFieldName(e.type === 'selector_expression' ? 'operand' : 'operand'));
  }
  return e?.type === 'identifier' ? e.text : undefined;
}

/**
 * The values a defer releases: the root of the method receiver (`f` in f.Close()), identifier
 * arguments, and for a deferred func literal the roots of method receivers called inside it.
 */
function deferSubjects(defer: Node, isPackage: (name: string) => boolean): Set<string> {
  const out = new Set<string>();
  const call = unparen(defer.namedChildren.find((c) => c?.type === 'call_expression'));
  if (!call) return out;
  const add = (r: string | undefined) => {
    if (r && r !== '_' && !isPackage(r)) out.add(r);
  };
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type === 'func_literal') {
    // inside a deferred closure, only receivers of release calls (x.Close(), tx.Rollback()...)
    for (const c of fn.descendantsOfType('call_expression')) {
      const f = unparen(c?.childForFieldName('function'));
      const name = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : undefined;
      if (f && name && RELEASE.test(name)) add(rootIdent(f.childForFieldName('operand')));
    }
    for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) add(rootIdent(a));
    return out;
  }
  if (fn?.type === 'selector_expression') add(rootIdent(fn.childForFieldName('operand')));
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) add(rootIdent(a));
  return out;
}

/** Names bound by the loop's range clause (`for k, v := range xs`). */
function rangeNames(loop: Node): Set<string> {
  const out = new Set<string>();
  const range = loop.namedChildren.find((c) => c?.type === 'range_clause');
  for (const n of range?.childForFieldName('left')?.namedChildren ?? []) if (n?.type === 'identifier') out.add(n.text);
  return out;
}

/**
 * Whether one of `names` is kept beyond the iteration inside `body`: appended to a slice,
 * stored into an index or field, sent on a channel or put in a composite literal. The loop
 * then collects resources on purpose and releases them all when the function returns.
 */
function keptBeyondIteration(body: Node, names: Set<string>): boolean {
  for (const id of body.descendantsOfType('identifier')) {
    if (!id || !names.has(id.text)) continue;
    for (let p = id.parent; p && p.id !== body.id; p = p.parent) {
      if (p.type === 'defer_statement' || p.type === 'func_literal') break;
      if (p.type === 'call_expression') {
        const fn = unparen(p.childForFieldName('function'));
        if (fn?.type === 'identifier' && fn.text === 'append') return true;
      }
      if (p.type === 'send_statement' || p.type === 'literal_value') return true;
      if (p.type === 'assignment_statement') {
        const left = p.childForFieldName('left');
        const right = p.childForFieldName('right');
        if (left && right && id.startIndex >= right.startIndex &&
            left.namedChildren.some((l) => l && (l.type === 'index_expression' || l.type === 'selector_expression'))) return true;
        break;
      }
    }
  }
  return false;
}

/** Whether the loop body makes no call outside its defers: it only registers cleanups. */
function onlyRegistersCleanups(body: Node): boolean {
  for (const c of body.descendantsOfType('call_expression')) {
    if (!c) continue;
    let inDefer = false;
    for (let p = c.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'defer_statement') { inDefer = true; break; }
    if (!inDefer) return false;
  }
  return true;
}

/** Short text of the deferred callee: f.Close, mu.Unlock, func literal. */
function deferredName(defer: Node): { text: string; release: boolean; literal: boolean } | undefined {
  const call = unparen(defer.namedChildren.find((c) => c?.type === 'call_expression'));
  const fn = unparen(call?.childForFieldName('function'));
  if (!fn) return undefined;
  if (fn.type === 'func_literal') {
    for (const c of fn.descendantsOfType('call_expression')) {
      const f = unparen(c?.childForFieldName('function'));
      if (!f || !isReleaseCallee(f)) continue;
      const text = f.text.length <= 40 ? `func literal (${f.text})` : 'func literal';
      return { text, release: true, literal: true };
    }
    return { text: 'func literal', release: false, literal: true };
  }
  const text = fn.text.length > 40 ? `${fn.text.slice(0, 37)}...` : fn.text;
  return { text, release: isReleaseCallee(fn), literal: false };
}

/** Callee texts of the release calls a defer makes (`f.Close`, `cancel`), directly or in its closure. */
function releaseCallees(defer: Node): Set<string> {
  const out = new Set<string>();
  for (const c of defer.descendantsOfType('call_expression')) {
    const f = unparen(c?.childForFieldName('function'));
    if (f && (f.type === 'selector_expression' || f.type === 'identifier') && isReleaseCallee(f)) out.add(f.text);
  }
  return out;
}

/**
 * Whether the loop body also makes the same release call outside the defer (`defer f.Close()`
 * as an error-path safety net plus an explicit `f.Close()` at the end of the iteration).
 */
function alsoReleasedExplicitly(defer: Node, body: Node): boolean {
  const callees = releaseCallees(defer);
  if (callees.size === 0) return false;
  for (const c of body.descendantsOfType('call_expression')) {
    if (!c || (c.startIndex >= defer.startIndex && c.endIndex <= defer.endIndex)) continue;
    const f = unparen(c.childForFieldName('function'));
    if (f && callees.has(f.text)) return true;
  }
  return false;
}

/** Whether the deferred call's receiver or arguments index into a collection (`conns[i].Close()`, `clear(&v[n])`). */
function releasesCollectionElement(defer: Node): boolean {
  const call = unparen(defer.namedChildren.find((c) => c?.type === 'call_expression'));
  const fn = unparen(call?.childForFieldName('function'));
  if (!call || !fn || fn.type === 'func_literal') return false;
  const parts = [fn.type === 'selector_expression' ? fn.childForFieldName('operand') : null, ...(call.childForFieldName('arguments')?.namedChildren ?? [])];
  return parts.some((p) => !!p && (p.type === 'index_expression' || p.descendantsOfType('index_expression').length > 0));
}

/** Whether a type node is embed.FS or *embed.FS (`embed` being the standard library's package in this file). */
function isEmbedFSType(ctx: RuleContext, type: string | undefined): boolean {
  const text = type?.replace(/^\*\s*/, '');
  const dot = text?.indexOf('.') ?? -1;
  if (!text || dot < 0 || text.slice(dot + 1) !== 'FS') return false;
  return ctx.imports.specs.some((s) => s.path === 'embed' && s.local === text.slice(0, dot));
}

/** Whether `name`, seen at `at`, is an embed.FS: a parameter of an enclosing function or a variable of the file so typed. */
function isEmbedFS(ctx: RuleContext, name: string, at: Node): boolean {
  for (let f = enclosingFunction(at); f; f = enclosingFunction(f)) {
    const p = parameters(f).find((x) => x.name === name);
    if (p) return isEmbedFSType(ctx, p.type);
  }
  const root = at.tree.rootNode;
  return root.descendantsOfType('var_spec').some((spec) => !!spec && spec.childrenForFieldName('name').some((n) => n?.text === name) &&
    isEmbedFSType(ctx, spec.childForFieldName('type')?.text));
}

/**
 * Whether every value bound to `name` in the function is a file opened from an embed.FS (`f, err := assets.Open(p)`):
 * the file lives in the binary's memory and its Close releases nothing.
 */
function openedFromEmbed(ctx: RuleContext, fn: Node, name: string): boolean {
  let found = false;
  for (const stmt of fn.descendantsOfType(['short_var_declaration', 'assignment_statement', 'var_spec'])) {
    if (!stmt) continue;
    const names = assignedNames(stmt);
    const idx = names.findIndex((n) => n.type === 'identifier' && n.text === name);
    if (idx < 0) continue;
    const values = assignedValues(stmt);
    const v = unparen(values.length === names.length ? values[idx] : idx === 0 ? values[0] : undefined);
    const callee = v?.type === 'call_expression' ? unparen(v.childForFieldName('function')) : null;
    const recv = callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Open' ? unparen(callee.childForFieldName('operand')) : null;
    if (recv?.type !== 'identifier' || !isEmbedFS(ctx, recv.text, recv)) return false;
    found = true;
  }
  return found;
}

/** The package (import path) and name of a `pkg.Name(...)` call on an imported package, else undefined. */
function packageCall(ctx: RuleContext, call: Node | null | undefined): { pkg: string; name: string } | undefined {
  if (!call || unparen(call.childForFieldName('function'))?.type !== 'selector_expression') return undefined;
  const r = ctx.resolveCall(call);
  return r?.pkg ? { pkg: r.pkg, name: r.name } : undefined;
}

/** Roots of the identifier arguments of a call (`f` in WriteTo(f, 0), `w` in Start(&w)). */
function argRoots(call: Node): string[] {
  const out: string[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const r = rootIdent(a);
    if (r) out.push(r);
  }
  return out;
}

/**
 * What a loop body writes when the function returns: values handed to deferred calls that release nothing
 * (`defer pprof.Lookup("heap").WriteTo(f, 0)`), values handed to a package's Start whose Stop is deferred
 * (`pprof.StartCPUProfile(f)` + `defer pprof.StopCPUProfile()`, `trace.Start(f)` + `defer trace.Stop()`), and the
 * values released by the body's defers. Such values must stay open until return: there the defer is their intended
 * lifetime (a profile or trace written at exit), not a leak per iteration.
 */
interface ExitWrites {
  /** Roots written at exit: arguments of deferred non-release calls and of Start calls whose Stop is deferred. */
  written: Set<string>;
  /** Packages whose Start (taking a value) is called in the body and whose Stop is deferred there. */
  startStop: Set<string>;
  /** Roots the body's release defers close. */
  released: Set<string>;
}

function exitWrites(ctx: RuleContext, body: Node, fnId: number | undefined): ExitWrites {
  const written = new Set<string>();
  const released = new Set<string>();
  const stops = new Set<string>();
  const starts = new Map<string, string[]>();
  const sameFn = (n: Node) => enclosingFunction(n)?.id === fnId;
  for (const d of body.descendantsOfType('defer_statement')) {
    if (!d || !sameFn(d)) continue;
    const call = unparen(d.namedChildren.find((c) => c?.type === 'call_expression'));
    const fn = unparen(call?.childForFieldName('function'));
    if (!call || !fn || fn.type === 'func_literal') continue;
    const pc = packageCall(ctx, call);
    if (pc && /^Stop/.test(pc.name)) stops.add(pc.pkg);
    if (isReleaseCallee(fn)) {
      if (fn.type === 'selector_expression') { const r = rootIdent(fn.childForFieldName('operand')); if (r) released.add(r); }
      for (const r of argRoots(call)) released.add(r);
    } else for (const r of argRoots(call)) written.add(r);
  }
  for (const c of body.descendantsOfType('call_expression')) {
    if (!c || !sameFn(c) || closest(c, 'defer_statement', FUNCTION_TYPES)) continue;
    const pc = packageCall(ctx, c);
    const roots = pc && /^Start/.test(pc.name) ? argRoots(c) : [];
    if (pc && roots.length) starts.set(pc.pkg, [...(starts.get(pc.pkg) ?? []), ...roots]);
  }
  const startStop = new Set<string>();
  for (const [pkg, roots] of starts) {
    if (!stops.has(pkg)) continue;
    startStop.add(pkg);
    for (const r of roots) written.add(r);
  }
  return { written, startStop, released };
}

/** Whether the defer belongs to what the loop writes at function exit (see ExitWrites). */
function partOfExitWrite(ctx: RuleContext, defer: Node, w: ExitWrites, subjects: Set<string>): boolean {
  const call = unparen(defer.namedChildren.find((c) => c?.type === 'call_expression'));
  const fn = unparen(call?.childForFieldName('function'));
  if (!call || !fn || fn.type === 'func_literal') return false;
  const pc = packageCall(ctx, call);
  // the deferred Stop of a writer the iteration started on a value
  if (pc && /^Stop/.test(pc.name) && w.startStop.has(pc.pkg)) return true;
  // the release of a value written at exit
  if (isReleaseCallee(fn)) return subjects.size > 0 && [...subjects].every((s) => w.written.has(s));
  // the exit writer itself, on a value the loop also closes at return
  const roots = argRoots(call);
  return roots.length > 0 && roots.some((r) => w.released.has(r));
}

export default defineRule({
  meta: {
    id: 'CON1007',
    name: 'defer-in-loop',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 7 TP, 2 FP, 6 "nobody would act" of 15 judged — precision 77.8 % < 90.0 %, "nobody would act" 40.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: a handful of deferred closes in one-shot CLI or diagnostic commands, cancels also called at the end of each iteration, rows read to the end. Reworked after the 2026-12-13 sample (ranges over small literal collections are not reported), and again after the 2026-12-15 sample (embed.FS files, resources written or stopped at function exit by design), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar.',
    title: 'defer inside a loop runs only when the function returns',
    passCriterion: 'no defer inside a loop body (resources are released per iteration)',
    rationale:
      'Deferred calls run when the surrounding function returns, not at the end of the loop iteration. A ' +
      '`defer f.Close()` or `defer mu.Unlock()` inside a loop keeps every file, connection or lock of every ' +
      'iteration held until the loop and the function finish: long loops run out of file descriptors, a second ' +
      'Lock on the same mutex deadlocks, and the pending defer records grow with the number of iterations.',
    fix: {
      text: 'Move the loop body into a function (or a func literal called per iteration) that defers the release, or release explicitly at the end of each iteration.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package files\n\nimport "os"\n\nfunc Sizes(paths []string) (n int64, err error) {\n\tfor _, p := range paths {\n' +
          '\t\tf, err := os.Open(p)\n\t\tif err != nil {\n\t\t\treturn 0, err\n\t\t}\n\t\tdefer f.Close()\n' +
          '\t\tst, err := f.Stat()\n\t\tif err != nil {\n\t\t\treturn 0, err\n\t\t}\n\t\tn += st.Size()\n\t}\n\treturn n, nil\n}\n',
        good:
          'package files\n\nimport "os"\n\nfunc Sizes(paths []string) (n int64, err error) {\n\tfor _, p := range paths {\n' +
          '\t\ts, err := size(p)\n\t\tif err != nil {\n\t\t\treturn 0, err\n\t\t}\n\t\tn += s\n\t}\n\treturn n, nil\n}\n\n' +
          'func size(p string) (int64, error) {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n' +
          '\tdefer f.Close()\n\tst, err := f.Stat()\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn st.Size(), nil\n}\n',
      },
    ],
    messages: {
      deferInLoop: 'defer {{callee}} inside a loop runs only when {{func}} returns, not at the end of each iteration',
    },
    sources: ['gocritic:deferInLoop'],
    notes:
      'Not reported for defers inside a func literal called per iteration, nor when the iteration that runs the ' +
      'defer then unconditionally leaves the loop (a later return, break or goto in an enclosing block), since the ' +
      'defer then runs at most once. Also not reported when the loop only registers cleanups (no call besides its ' +
      'defers), when the released value is the range variable (the loop did not acquire it), or when it is kept ' +
      'beyond the iteration (appended, stored, sent): those loops deliberately hold everything until return. Deferred release calls (Close, Unlock, Release, Rollback, Stop, Done...) are ' +
      'reported with high confidence, other deferred calls with medium confidence. revive\'s `defer` rule has a ' +
      'similar `loop` check. Deferred closures that call no release function (they postpone work on purpose) and ' +
      'releases of collection elements (`defer conns[i].Close()`) are not reported either, nor a deferred release ' +
      'that the iteration also performs explicitly (the defer is then only an error-path safety net). In one-shot ' +
      'command-line code (src/core/code-roles.ts commandLineCode: a CLI command file or folder that serves nothing) only ' +
      'endless loops (`for {}`) are reported: a bounded loop of a command holds its handful of resources until the ' +
      'command returns and the process exits (blind sample 2026-12-11: sonobuoy results, "nobody would act"). Loops ' +
      'bounded on purpose are not reported either: counting to a small constant (`i < 3`, at most 32), or collecting ' +
      'until enough are kept (`for len(ports) < count { …; ports = append(ports, port) }`, blind sample 2026-12-12: ' +
      'pomerium AllocatePorts keeps each listener open so that the ports it hands out stay distinct), or ranging over a ' +
      'literal of at most 32 elements, in place or bound once by `:=` and not changed before the loop (blind sample ' +
      '2026-12-13: rqlite txStatus holds one connection of each of its two pools). Range loops over data and endless ' +
      'or condition loops are still reported. Files opened from an embed.FS (a variable of the file or a parameter so ' +
      'typed) hold no descriptor and are not reported. Values written when the function returns are kept open until ' +
      'then by design: the release of a value that another defer of the loop hands to a call that releases nothing ' +
      '(`defer pprof.Lookup("heap").WriteTo(f, 0)`) or that the iteration hands to a package\'s Start whose Stop it ' +
      'defers (`pprof.StartCPUProfile(f)` + `defer pprof.StopCPUProfile()`, `trace.Start(f)` + `defer trace.Stop()`), ' +
      'that writer defer and that Stop are not reported (blind sample 8: profile files of a load-testing CLI).',
  },
  prefilter: ['defer'],
  prefilterAll: ['for '],
  create(ctx) {
    let oneShot: boolean | undefined;
    return {
      defer_statement(defer) {
        const loop = closest(defer, 'for_statement', FUNCTION_TYPES);
        const body = loop && loopBody(loop);
        if (!loop || !body || defer.startIndex < body.startIndex) return;
        if (!isUnconditionalLoop(loop) && (oneShot ??= !!commandLineCode(ctx.file.path, ctx.source))) return;
        // a loop counting to a small constant, or collecting until it has as many as asked for, holds them on purpose
        // (ports kept open until all are allocated, so that they stay distinct)
        if (intendedLoopBound(ctx, loop)) return;
        if (followedByLoopExit(defer, loop)) return;
        if (onlyRegistersCleanups(body)) return;
        const subjects = deferSubjects(defer, (n) => !!ctx.imports.pathOf(n) && !ctx.isShadowed(n, defer));
        const ranged = rangeNames(loop);
        if ([...subjects].some((s) => ranged.has(s))) return;
        if (keptBeyondIteration(body, subjects)) return;
        const fn = enclosingFunction(defer);
        // a file of an embed.FS holds no descriptor: deferring its Close keeps nothing open
        if (fn && subjects.size > 0 && [...subjects].every((s) => openedFromEmbed(ctx, fn, s))) return;
        // written when the function returns (a profile, a trace): kept open until then on purpose
        if (partOfExitWrite(ctx, defer, exitWrites(ctx, body, fn?.id), subjects)) return;
        const name = deferredName(defer);
        if (!name) return;
        // a deferred closure that releases nothing postpones work on purpose (runs after the loop)
        if (name.literal && !name.release) return;
        if (releasesCollectionElement(defer)) return;
        if (alsoReleasedExplicitly(defer, body)) return;
        const func = fn?.type === 'func_literal' ? 'the enclosing function literal' : (functionName(fn) ?? 'the function');
        ctx.report({
          node: defer,
          messageId: 'deferInLoop',
          data: { callee: name.text, func },
          confidence: name.release ? 'high' : 'medium',
        });
      },
    };
  },
});
