import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { enclosingDeclaredFunction, calleeName } from '../../go/ast.js';
import type { AddrClass } from '../_shared/obs-strings.js';
import { customBuildTag, packageKey, position } from '../_shared/obs-packages.js';
import { isDefaultMux, literalUsesDefaultMux, mentions, muxRegistration, serveSite } from '../_shared/http-serve-sites.js';

const PPROF = 'net/http/pprof';

interface ImportFact { k: 'import'; file: string; line: number; tag?: string }
interface ServeFact { k: 'serve'; file: string; line: number; column: number; cls: AddrClass; addr: string; how: string }
type Fact = ImportFact | ServeFact;

export default defineRule({
  meta: {
    id: 'OBS1001',
    name: 'pprof-exposed',
    dimension: 'observability',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'net/http/pprof profiling endpoints served on a non-loopback address',
    passCriterion: 'pprof handlers are served only on a loopback or dedicated debug listener',
    rationale:
      'Importing net/http/pprof (even as `_ "net/http/pprof"`) registers /debug/pprof/ on http.DefaultServeMux. When that ' +
      'mux is served on ":6060", "0.0.0.0:..." or the application port, anyone who can reach the port can read heap dumps ' +
      '(secrets in memory), the full command line (flags with tokens), goroutine stacks and source paths, and can start ' +
      '30-second CPU profiles or execution traces at will, a cheap denial of service. Profiling must stay on localhost ' +
      'or behind authentication.',
    fix: {
      text:
        'Serve profiling on a separate mux bound to loopback (e.g. `http.ListenAndServe("localhost:6060", nil)` in its own goroutine) ' +
        'and give the public server an explicit mux (`http.NewServeMux()`); or put /debug/pprof behind authentication.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'main.go',
        bad:
          'package main\n\nimport (\n\t"net/http"\n\t_ "net/http/pprof"\n)\n\nfunc main() {\n\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})\n' +
          '\thttp.ListenAndServe(":8080", nil)\n}\n',
        good:
          'package main\n\nimport (\n\t"net/http"\n\t_ "net/http/pprof"\n)\n\nfunc main() {\n\tgo http.ListenAndServe("localhost:6060", nil)\n' +
          '\tmux := http.NewServeMux()\n\tmux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})\n\thttp.ListenAndServe(":8080", mux)\n}\n',
      },
    ],
    messages: {
      defaultMux:
        '{{how}} serves http.DefaultServeMux on {{addr}} while net/http/pprof is imported ({{importFile}}:{{importLine}}{{tag}}): /debug/pprof/ is reachable from the network',
      defaultMuxUnknown:
        '{{how}} serves http.DefaultServeMux on {{addr}} (address not known statically) while net/http/pprof is imported ({{importFile}}:{{importLine}}{{tag}}): /debug/pprof/ is exposed unless that address is loopback',
      explicitMux: '{{how}} serves {{mux}}, which has pprof handlers registered, on non-loopback address {{addr}}',
    },
    sources: [],
    notes:
      'Cross-file within one package (directory): the pprof import may be in one file and the DefaultServeMux server in ' +
      'another. A non-blank import also counts (the package init registers the handlers either way). Addresses are resolved ' +
      'through literals, constants, single-assignment variables, concatenation, fmt.Sprintf and net.JoinHostPort; a flag or ' +
      'config value is reported with medium confidence. An explicit mux carrying pprof handlers is reported only when it is ' +
      'served in the same function on a literal non-loopback address (a configurable debug address is a deliberate choice). ' +
      'An import in a file with a custom build tag (e.g. //go:build debug) lowers the confidence. Exposure across packages ' +
      '(pprof imported by one package, DefaultServeMux served by another) is not tracked.',
  },
  prefilter: ['net/http/pprof', 'ListenAndServe', '.Serve', 'Server{'],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    const pprofImported = ctx.imports.has(PPROF);
    return {
      call_expression(call) {
        const called = calleeName(call);
        if (called !== 'ListenAndServe' && called !== 'ListenAndServeTLS' && called !== 'Serve' && called !== 'ServeTLS') return;
        const site = serveSite(ctx, call);
        if (site && isDefaultMux(ctx, site.handler) && site.cls !== 'loopback') {
          emit({ k: 'serve', file: ctx.file.path, ...position(call), cls: site.cls, addr: site.addr, how: site.how });
        }
      },
      composite_literal(lit) {
        const site = serveSite(ctx, lit);
        if (site && site.cls !== 'loopback' && literalUsesDefaultMux(ctx, site)) {
          emit({ k: 'serve', file: ctx.file.path, ...position(lit), cls: site.cls, addr: site.addr, how: site.how });
        }
      },
      'source_file:exit'(root) {
        if (!pprofImported) return;
        const spec = ctx.imports.spec(PPROF)!;
        emit({ k: 'import', file: ctx.file.path, line: spec.line, tag: customBuildTag(ctx) });
        // explicit muxes with pprof handlers, served in the same function on a literal public address
        const byFn = new Map<number, { fn: Node; muxes: Set<string> }>();
        for (const call of root.descendantsOfType('call_expression')) {
          if (!call) continue;
          const mux = muxRegistration(ctx, call, (id) => ctx.isPackageRef(id, PPROF));
          if (!mux) continue;
          const fn = enclosingDeclaredFunction(call);
          if (!fn) continue;
          let entry = byFn.get(fn.startIndex);
          if (!entry) byFn.set(fn.startIndex, (entry = { fn, muxes: new Set() }));
          entry.muxes.add(mux);
        }
        for (const { fn, muxes } of byFn.values()) {
          for (const n of fn.descendantsOfType(['call_expression', 'composite_literal'])) {
            if (!n) continue;
            const site = serveSite(ctx, n);
            if (!site || !site.handler || site.cls !== 'public') continue;
            const mux = [...muxes].find((m) => mentions(site.handler!, m));
            if (!mux) continue;
            ctx.report({ node: n, messageId: 'explicitMux', data: { how: site.how, mux, addr: site.addr } });
          }
        }
      },
    };
  },
  finish(facts, report) {
    const groups = new Map<string, { imports: ImportFact[]; serves: ServeFact[] }>();
    for (const f of facts) {
      const d = f.data as Fact;
      const key = packageKey(f.file);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { imports: [], serves: [] }));
      if (d.k === 'import') g.imports.push(d);
      else g.serves.push(d);
    }
    for (const g of groups.values()) {
      if (!g.imports.length || !g.serves.length) continue;
      // prefer an import without a custom build tag (always compiled in)
      const imp = g.imports.find((i) => !i.tag) ?? g.imports[0]!;
      for (const s of g.serves) {
        const unknown = s.cls === 'unknown';
        let confidence: 'high' | 'medium' | 'low' = unknown ? 'medium' : 'high';
        if (imp.tag) confidence = confidence === 'high' ? 'medium' : 'low';
        report({
          file: s.file, line: s.line, column: s.column,
          messageId: unknown ? 'defaultMuxUnknown' : 'defaultMux',
          data: { how: s.how, addr: s.addr, importFile: imp.file, importLine: imp.line, tag: imp.tag ? `, build tag ${imp.tag}` : '' },
          confidence,
        });
      }
    }
  },
});
