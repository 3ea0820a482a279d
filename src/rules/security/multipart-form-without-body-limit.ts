import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, enclosingDeclaredFunction, enclosingFunction, parameterNames, parameters, unparen } from '../../go/ast.js';
import { declaredFunctionKey } from '../../go/call-sites.js';
import { resolveBinding } from '../_shared/security-bindings.js';
import { limitsRequestBody } from '../_shared/http-body-limit.js';
import { isQualifiedType } from '../_shared/declared-type.js';
import { position } from '../_shared/obs-packages.js';
import type { RepoFacts } from '../../facts/repo-facts.js';

/** Whether `recv` is visibly an *http.Request: a parameter or variable declared with that type, or `x.Request`. */
function isRequest(ctx: RuleContext, recv: Node): boolean {
  if (recv.type === 'selector_expression') return recv.childForFieldName('field')?.text === 'Request';
  if (recv.type === 'call_expression') return /\.Request$/.test(unparen(recv.childForFieldName('function'))?.text ?? '');
  if (recv.type !== 'identifier') return false;
  const t = resolveBinding(recv.text, recv, ctx.root).typeText;
  return !!t && isQualifiedType(ctx, t, 'net/http', ['Request']);
}

/** The function (declaration or literal) whose parameter `name` is in scope at `at`, walking out of closures. */
function declaringFunction(name: string, at: Node): Node | undefined {
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    if (parameters(fn).some((p) => p.name === name)) return fn;
  }
  return undefined;
}

/** The callee of a call as the package's call sites name it: a function of this package ('f') or a method ('.m'). */
function calleeKey(ctx: RuleContext, call: Node): string | undefined {
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = unparen(fn.childForFieldName('operand'));
  if (operand?.type === 'identifier' && ctx.imports.pathOf(operand.text) !== undefined && !ctx.isShadowed(operand.text, operand)) return undefined;
  const name = fn.childForFieldName('field')?.text;
  return name ? `.${name}` : undefined;
}

/** `X.Body = http.MaxBytesReader(...)`: the request X whose body is capped from that statement on, or undefined. */
function cappedRequest(ctx: RuleContext, stmt: Node): string | undefined {
  const left = stmt.childForFieldName('left')?.namedChildren ?? [];
  const right = stmt.childForFieldName('right')?.namedChildren ?? [];
  for (let i = 0; i < left.length; i++) {
    const l = unparen(left[i]);
    const r = unparen(right[i]);
    if (l?.type !== 'selector_expression' || l.childForFieldName('field')?.text !== 'Body' || r?.type !== 'call_expression') continue;
    const x = unparen(l.childForFieldName('operand'));
    if (x?.type === 'identifier' && ctx.isCallTo(r, 'net/http', 'MaxBytesReader')) return x.text;
  }
  return undefined;
}

type Fact =
  /** A parse on a request that is the `param`-th parameter of the package function `fn` (else fn is absent). */
  | { k: 'parse'; dir: string; fn?: string; param?: number; file: string; line: number; column: number; call: string }
  /** Every call of `callee` made from `from` in `file` passes a capped request as each argument of `capped`. */
  | { k: 'call'; dir: string; file: string; from: string; callee: string; capped: number[] };

/**
 * The callers of each package function, as the package's call sites record them (src/go/call-sites.ts): per file of
 * the package, the functions calling it; undefined when its value escapes (its callers cannot be seen).
 */
function callersIn(repo: RepoFacts, dir: string, callee: string): Map<string, Set<string | undefined>> | undefined {
  const method = callee.startsWith('.');
  const name = method ? callee.slice(1) : callee;
  const out = new Map<string, Set<string | undefined>>();
  for (const f of repo.goFiles) {
    const cs = f.code?.callSites;
    if (f.isTest || !cs || path.posix.dirname(f.rel) !== dir) continue;
    if (cs.escapes.some((e) => e.name === name && !e.pkg && !!e.method === method)) return undefined;
    for (const c of cs.calls) {
      if (c.name !== name || c.pkg || !!c.method !== method) continue;
      let from = out.get(f.rel);
      if (!from) out.set(f.rel, (from = new Set()));
      from.add(c.from);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'SEC1016',
    name: 'multipart-form-without-body-limit',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-15',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 4 FP, 0 "nobody would act" of 5 judged — precision 20.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: form reads after a parse already reported, and helpers whose every caller sets a MaxBytesReader first. Reworked after the 2026-12-14 sample (a parse behind every caller\'s MaxBytesReader and repeated reads of one parsed form are no longer reported: its 2 FP there, the TP stays), so its record restarts (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Multipart form parsed without a request body limit',
    passCriterion: 'every multipart form is parsed behind a request body limit (http.MaxBytesReader)',
    rationale:
      'ParseMultipartForm (and FormFile, which calls it) reads the whole request body: up to maxMemory in memory and ' +
      'every byte beyond it into temporary files, with no upper bound. Unlike ParseForm, which stops url-encoded bodies ' +
      'at 10 MB, a multipart upload is limited only by what the client sends, so one request can fill the temporary ' +
      'directory or keep a handler busy for as long as the attacker likes.',
    fix: {
      text: 'Cap the body before parsing: r.Body = http.MaxBytesReader(w, r.Body, maxUpload) (or wrap the handler in ' +
        'http.MaxBytesHandler), then call r.ParseMultipartForm(maxMemory) and answer 413 when it fails with *http.MaxBytesError.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package upload\n\nimport "net/http"\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tif err := r.ParseMultipartForm(32 << 20); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusNoContent)\n}\n',
        good: 'package upload\n\nimport "net/http"\n\nconst maxUpload = 50 << 20\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tr.Body = http.MaxBytesReader(w, r.Body, maxUpload)\n\tif err := r.ParseMultipartForm(32 << 20); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusRequestEntityTooLarge)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusNoContent)\n}\n',
      },
    ],
    messages: {
      parse: '{{call}} reads the whole multipart body (beyond maxMemory into temporary files) with no size cap: wrap the body with http.MaxBytesReader first',
    },
    sources: ['gosec:G120'],
    notes:
      'Reported: X.ParseMultipartForm(n) on any receiver, and X.FormFile(name) when X is visibly an *http.Request. Not ' +
      'reported when the file installs a body limit anywhere (http.MaxBytesReader, http.MaxBytesHandler, ' +
      'io.LimitReader(r.Body, …); a LimitReader over an HTTP client\'s response body does not count): a limit set in a ' +
      'middleware of another file is not seen (medium confidence). A helper that parses a request it takes as a parameter ' +
      '(an unexported function or method) is not reported when every caller in its package sets ' +
      'r.Body = http.MaxBytesReader(...) before passing that request (one level of callers, from the package\'s call ' +
      'sites; a helper whose value escapes, or with no visible caller, stays reported). One finding per request per ' +
      'function: a FormFile or ParseMultipartForm after the first parse reads nothing more from the body. ' +
      'ParseForm, FormValue and PostFormValue are not reported: url-encoded bodies are capped at 10 MB by net/http. ' +
      'gosec G120 also reports ParseMultipartForm after MaxBytesReader (its documented limitation); goready does not.',
  },
  prefilter: ['ParseMultipartForm', 'FormFile', 'MaxBytesReader'],
  create(ctx): Visitors {
    const dir = path.posix.dirname(ctx.file.path);
    /** Per declared function: its `X.Body = http.MaxBytesReader(...)` statements (position, request, function holding it). */
    const caps = new Map<number, { at: number; name: string; scope: Node | null }[]>();
    /** `name.Body = http.MaxBytesReader(...)` earlier in `outer`, in the function making the call or one enclosing it. */
    function cappedBefore(name: string, call: Node, outer: Node): boolean {
      let list = caps.get(outer.startIndex);
      if (!list) {
        list = [];
        for (const stmt of outer.descendantsOfType('assignment_statement')) {
          const x = stmt && cappedRequest(ctx, stmt);
          if (x) list.push({ at: stmt.startIndex, name: x, scope: enclosingFunction(stmt) });
        }
        caps.set(outer.startIndex, list);
      }
      return list.some((c) => c.name === name && c.at < call.startIndex && !!c.scope && c.scope.startIndex <= call.startIndex && call.endIndex <= c.scope.endIndex);
    }
    if (limitsRequestBody(ctx)) {
      // a file capping bodies is not reported; its calls made after a cap tell the package's helpers they are covered
      if (!/\bMaxBytesReader\b/.test(ctx.source)) return {};
      /** Per calling function and callee: the argument positions that are capped requests at every call. */
      const calls = new Map<string, { from: string; callee: string; capped: Set<number> }>();
      return {
        call_expression(call) {
          const outer = enclosingDeclaredFunction(call);
          const from = outer && declaredFunctionKey(outer);
          const callee = from && calleeKey(ctx, call);
          // only unexported functions and methods are helpers whose every caller the package shows
          if (!outer || !from || !callee || !/^\.?[\p{Ll}_]/u.test(callee)) return;
          const capped = new Set<number>();
          callArgs(call).forEach((a, i) => {
            const x = unparen(a);
            if (x?.type === 'identifier' && cappedBefore(x.text, call, outer)) capped.add(i);
          });
          const key = `${from}\0${callee}`;
          const seen = calls.get(key);
          if (!seen) calls.set(key, { from, callee, capped });
          else for (const i of seen.capped) if (!capped.has(i)) seen.capped.delete(i);
        },
        'source_file:exit'() {
          for (const c of calls.values()) {
            if (c.capped.size) ctx.emit({ k: 'call', dir, file: ctx.file.path, from: c.from, callee: c.callee, capped: [...c.capped] } satisfies Fact);
          }
        },
      };
    }
    /** The first parse of each request in each function: a later FormFile or parse reads nothing more from the body. */
    const parsed = new Set<string>();
    return {
      call_expression(call) {
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type !== 'selector_expression') return;
        const method = fn.childForFieldName('field')?.text;
        const recv = unparen(fn.childForFieldName('operand'));
        if (!recv || callArgs(call).length !== 1) return;
        if (method !== 'ParseMultipartForm' && !(method === 'FormFile' && isRequest(ctx, recv))) return;
        const owner = recv.type === 'identifier' ? declaringFunction(recv.text, call) : undefined;
        const scope = owner ?? enclosingFunction(call);
        const key = `${scope?.startIndex ?? -1}\0${recv.text}`;
        if (parsed.has(key)) return;
        parsed.add(key);
        const fact: Fact = { k: 'parse', dir, file: ctx.file.path, ...position(call), call: `${recv.text.slice(0, 30)}.${method}` };
        // the request is a parameter of a package function: its callers may have capped the body
        const fnKey = owner && (owner.type === 'function_declaration' || owner.type === 'method_declaration') ? declaredFunctionKey(owner) : undefined;
        if (owner && fnKey && /^\.?[\p{Ll}_]/u.test(fnKey)) {
          const param = parameterNames(owner).indexOf(recv.text);
          if (param >= 0) Object.assign(fact, { fn: fnKey, param });
        }
        ctx.emit(fact);
      },
    };
  },
  finish(facts, report, repo) {
    const all = facts.map((f) => f.data as Fact);
    /** Calls passing a capped request: '<dir>\0<file>\0<from>\0<callee>' → capped argument positions. */
    const capped = new Map<string, number[]>();
    for (const d of all) if (d.k === 'call') capped.set(`${d.dir}\0${d.file}\0${d.from}\0${d.callee}`, d.capped);
    /** Whether every caller in the package passes a capped request as the helper's `param`-th argument. */
    const coveredByCallers = (dir: string, fn: string, param: number): boolean => {
      const callers = callersIn(repo, dir, fn);
      if (!callers?.size) return false;
      for (const [file, froms] of callers) {
        for (const from of froms) {
          if (from === undefined || from === fn) return false;
          if (!capped.get(`${dir}\0${file}\0${from}\0${fn}`)?.includes(param)) return false;
        }
      }
      return true;
    };
    for (const d of all) {
      if (d.k !== 'parse') continue;
      if (d.fn !== undefined && d.param !== undefined && coveredByCallers(d.dir, d.fn, d.param)) continue;
      report({ file: d.file, line: d.line, column: d.column, messageId: 'parse', data: { call: d.call } });
    }
  },
});
