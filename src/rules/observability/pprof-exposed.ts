import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import { enclosingDeclaredFunction } from '../../go/ast.js';
import { customBuildTag, packageKey } from '../_shared/obs-packages.js';
import { defaultMuxReport, defaultMuxServe, muxRegistration, publicServesOf, type DefaultMuxServeFact } from '../_shared/http-serve-sites.js';

const PPROF = 'net/http/pprof';

interface ImportFact { k: 'import'; file: string; line: number; tag?: string }
type Fact = ImportFact | DefaultMuxServeFact;

export default defineRule({
  meta: {
    id: 'OBS1001',
    name: 'pprof-exposed',
    dimension: 'observability',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 3 TP, 2 FP, 1 "nobody would act" of 6 judged — precision 60.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: pprof behind a build tag shipped builds do not set, or behind a flag on a separate port. It returns to the default set when a fresh blind record clears the bar.',
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
        const serve = defaultMuxServe(ctx, call);
        if (serve) emit(serve);
      },
      composite_literal(lit) {
        const serve = defaultMuxServe(ctx, lit);
        if (serve) emit(serve);
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
          for (const { node, site, mux } of publicServesOf(ctx, fn, muxes)) {
            ctx.report({ node, messageId: 'explicitMux', data: { how: site.how, mux, addr: site.addr } });
          }
        }
      },
    };
  },
  finish(facts, report) {
    const groups = new Map<string, { imports: ImportFact[]; serves: DefaultMuxServeFact[] }>();
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
        const { messageId, confidence } = defaultMuxReport(s, !!imp.tag);
        report({
          file: s.file, line: s.line, column: s.column,
          messageId,
          data: { how: s.how, addr: s.addr, importFile: imp.file, importLine: imp.line, tag: imp.tag ? `, build tag ${imp.tag}` : '' },
          confidence,
        });
      }
    }
  },
});
