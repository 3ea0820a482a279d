import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { callArgs, calleeName, enclosingDeclaredFunction, selectorPath, unparen } from '../../go/ast.js';
import { customBuildTag, packageKey, position } from '../_shared/obs-packages.js';
import {
  defaultMuxReport, defaultMuxServe, handlerIdentifiers, muxRegistration, publicServesOf, type DefaultMuxServeFact,
} from '../_shared/http-serve-sites.js';

const PPROF = 'net/http/pprof';

/** Debug-handler packages other than pprof, and what their endpoint hands to whoever can reach it. */
const DEBUG_PACKAGES: { pkg: string; endpoint: string }[] = [
  { pkg: 'expvar', endpoint: '/debug/vars (memory statistics, the full command line and every published variable)' },
  { pkg: 'github.com/felixge/fgprof', endpoint: '/debug/fgprof (on-demand wall-clock profiles)' },
  { pkg: 'github.com/arl/statsviz', endpoint: '/debug/statsviz (live runtime statistics)' },
  { pkg: 'k8s.io/component-base/configz', endpoint: '/configz (the whole component configuration)' },
];
function debugEndpoint(pkg: string): string {
  return DEBUG_PACKAGES.find((d) => d.pkg === pkg)!.endpoint;
}

/** Functions that install a debug endpoint on the mux passed as their first argument. */
const INSTALLS_ON_MUX: { pkg: string; names: string[] }[] = [
  { pkg: 'github.com/arl/statsviz', names: ['Register'] },
  { pkg: 'k8s.io/component-base/configz', names: ['InstallHandler'] },
];

/** Names of the calls that register a handler on an explicit mux (Handle/HandleFunc, or an INSTALLS_ON_MUX function). */
const REGISTRATION_NAMES = new Set(['Handle', 'HandleFunc', ...INSTALLS_ON_MUX.flatMap((i) => i.names)]);

interface DefaultRegFact { k: 'reg'; file: string; line: number; endpoint: string; tag?: string }
interface PprofFact { k: 'pprof' }
type Fact = DefaultRegFact | DefaultMuxServeFact | PprofFact;

function debugPackageOf(ctx: RuleContext, id: Node): { pkg: string; endpoint: string } | undefined {
  return DEBUG_PACKAGES.find((d) => ctx.isPackageRef(id, d.pkg));
}

/** A handler expression referring to one of the debug packages (expvar.Handler(), fgprof.Handler()…). */
function debugHandler(ctx: RuleContext, h: Node | undefined): { pkg: string; endpoint: string } | undefined {
  if (!h) return undefined;
  for (const id of handlerIdentifiers(h)) {
    const d = debugPackageOf(ctx, id);
    if (d) return d;
  }
  return undefined;
}

/** http.Handle/HandleFunc on the default mux (package net/http itself). */
function isDefaultMuxRegistration(ctx: RuleContext, call: Node): boolean {
  return ctx.isCallTo(call, 'net/http', 'Handle', 'HandleFunc');
}

export default defineRule({
  meta: {
    id: 'OBS1011',
    name: 'debug-endpoint-exposed',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Debug endpoint other than pprof (expvar /debug/vars, fgprof, statsviz, configz) served on a non-loopback address',
    passCriterion: 'expvar, fgprof, statsviz and configz handlers are served only on a loopback or private admin listener',
    rationale:
      'Importing expvar registers /debug/vars on http.DefaultServeMux; fgprof, statsviz and configz handlers are usually ' +
      'mounted next to it. Served on ":8080" or "0.0.0.0:…" they answer anyone who reaches the port: /debug/vars returns ' +
      'the full command line (flags carrying tokens and DSNs) and memory statistics, fgprof starts profiles on demand, ' +
      'configz dumps the configuration. Debug endpoints belong on a loopback or otherwise private listener, or behind ' +
      'authentication.',
    fix: {
      text: 'Give the public server its own mux (http.NewServeMux()) instead of nil / http.DefaultServeMux, and serve the ' +
        'debug handlers on a separate listener bound to localhost (or an internal admin port protected by authentication).',
      effort: 'low',
    },
    examples: [
      {
        filename: 'main.go',
        bad: 'package main\n\nimport (\n\t_ "expvar"\n\t"net/http"\n)\n\nfunc main() {\n\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})\n\thttp.ListenAndServe(":8080", nil)\n}\n',
        good: 'package main\n\nimport (\n\t_ "expvar"\n\t"net/http"\n)\n\nfunc main() {\n\tgo http.ListenAndServe("localhost:6060", nil)\n\tmux := http.NewServeMux()\n\tmux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})\n\thttp.ListenAndServe(":8080", mux)\n}\n',
      },
    ],
    messages: {
      defaultMux: '{{how}} serves http.DefaultServeMux on {{addr}}, where {{where}} registered {{endpoint}}: it is reachable from the network',
      defaultMuxUnknown: '{{how}} serves http.DefaultServeMux on {{addr}} (address not known statically), where {{where}} registered {{endpoint}}: it is exposed unless that address is loopback',
      explicitMux: '{{how}} serves {{mux}}, which carries {{endpoint}}, on non-loopback address {{addr}}',
    },
    sources: [],
    notes:
      'Default mux: an import of expvar (its init registers /debug/vars) or an http.Handle/HandleFunc of an expvar, ' +
      'fgprof or statsviz handler, and a server of http.DefaultServeMux on a non-loopback or unknown address in the same ' +
      'package (directory). Packages that also import net/http/pprof are left to OBS1001 pprof-exposed, which reports ' +
      'the same server. Explicit muxes: a mux given such a handler (Handle/HandleFunc, statsviz.Register, ' +
      'configz.InstallHandler) and served in the same function on a literal non-loopback address; a configurable address ' +
      'is a deliberate choice and not reported. golang.org/x/net/trace is not reported (it answers loopback clients only ' +
      'by default). Test files and test-support packages are skipped.',
  },
  prefilter: ['expvar', 'fgprof', 'statsviz', 'configz', 'ListenAndServe', '.Serve', 'Server{'],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    return {
      call_expression(call) {
        const serve = defaultMuxServe(ctx, call);
        if (serve) {
          emit(serve);
          return;
        }
        if (isDefaultMuxRegistration(ctx, call)) {
          const d = debugHandler(ctx, callArgs(call)[1]);
          if (d) emit({ k: 'reg', file: ctx.file.path, line: position(call).line, endpoint: d.endpoint, tag: customBuildTag(ctx) });
        } else if (ctx.isCallTo(call, 'github.com/arl/statsviz', 'RegisterDefault')) {
          emit({ k: 'reg', file: ctx.file.path, line: position(call).line, endpoint: debugEndpoint('github.com/arl/statsviz'), tag: customBuildTag(ctx) });
        }
      },
      composite_literal(lit) {
        const serve = defaultMuxServe(ctx, lit);
        if (serve) emit(serve);
      },
      'source_file:exit'(root) {
        if (ctx.imports.has(PPROF)) emit({ k: 'pprof' });
        if (ctx.imports.has('expvar')) {
          emit({ k: 'reg', file: ctx.file.path, line: ctx.imports.spec('expvar')!.line, endpoint: debugEndpoint('expvar'), tag: customBuildTag(ctx) });
        }
        // explicit muxes given a debug handler, served in the same function on a literal public address
        const byFn = new Map<number, { fn: Node; muxes: Map<string, string>; pprof: Set<string> }>();
        const entry = (fn: Node) => {
          let e = byFn.get(fn.startIndex);
          if (!e) byFn.set(fn.startIndex, (e = { fn, muxes: new Map(), pprof: new Set() }));
          return e;
        };
        for (const call of root.descendantsOfType('call_expression')) {
          // only registrations count: a call of any other name is passed over before anything is resolved
          if (!call || !REGISTRATION_NAMES.has(calleeName(call) ?? '')) continue;
          const fn = enclosingDeclaredFunction(call);
          if (!fn) continue;
          let found: { mux: string; endpoint: string } | undefined;
          const viaHandle = muxRegistration(ctx, call, (id) => !!debugPackageOf(ctx, id));
          if (viaHandle) found = { mux: viaHandle, endpoint: debugHandler(ctx, callArgs(call)[1])!.endpoint };
          const inst = INSTALLS_ON_MUX.find((i) => ctx.isCallTo(call, i.pkg, ...i.names));
          const target = inst && unparen(callArgs(call)[0]);
          if (inst && target && selectorPath(target)) found = { mux: target.text, endpoint: debugEndpoint(inst.pkg) };
          if (found) entry(fn).muxes.set(found.mux, found.endpoint);
          const pprofMux = muxRegistration(ctx, call, (id) => ctx.isPackageRef(id, PPROF));
          if (pprofMux) entry(fn).pprof.add(pprofMux);
        }
        for (const { fn, muxes, pprof } of byFn.values()) {
          for (const { node, site, mux } of publicServesOf(ctx, fn, muxes.keys())) {
            if (pprof.has(mux)) continue; // a mux with pprof handlers is OBS1001's finding
            ctx.report({ node, messageId: 'explicitMux', data: { how: site.how, mux, addr: site.addr, endpoint: muxes.get(mux)! } });
          }
        }
      },
    };
  },
  finish(facts, report) {
    const groups = new Map<string, { regs: DefaultRegFact[]; serves: DefaultMuxServeFact[]; pprof: boolean }>();
    for (const f of facts) {
      const d = f.data as Fact;
      const key = packageKey(f.file);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { regs: [], serves: [], pprof: false }));
      if (d.k === 'reg') g.regs.push(d);
      else if (d.k === 'serve') g.serves.push(d);
      else g.pprof = true;
    }
    for (const g of groups.values()) {
      if (g.pprof || !g.regs.length || !g.serves.length) continue;
      const reg = g.regs.find((r) => !r.tag) ?? g.regs[0]!;
      for (const s of g.serves) {
        const { messageId, confidence } = defaultMuxReport(s, !!reg.tag);
        report({
          file: s.file, line: s.line, column: s.column,
          messageId,
          data: { how: s.how, addr: s.addr, where: `${reg.file}:${reg.line}${reg.tag ? ` (build tag ${reg.tag})` : ''}`, endpoint: reg.endpoint },
          confidence,
        });
      }
    }
  },
});
