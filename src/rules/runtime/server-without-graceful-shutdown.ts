import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, selectorPath, unparen } from '../../go/ast.js';
import { assignedValuesOf, resolveBinding } from '../_shared/security-bindings.js';
import { isDefaultMux, literalUsesDefaultMux, serveSite } from '../_shared/http-serve-sites.js';

interface Start { line: number; column: number; kind: 'http' | 'grpc'; what: string; background: boolean; recv?: string; debug?: boolean }
interface FileFacts {
  dir: string; starts: Start[]; httpShutdown: boolean; grpcStop: boolean; signals: boolean;
  /** Receivers of `x.Stop()` calls whose type is unknown here (matched against gRPC server names in finish). */
  stops: string[];
}

/** Library helpers that install signal handling for the caller (controller-runtime, k8s, urfave...). */
const SIGNAL_HELPER = /^(Setup\w*Signal\w*|\w*SignalHandler|\w*SignalContext|HandleSignals?|WithSignals?|OnSignals?|NotifyOnSignals?|InterruptContext)$/;

/** What a receiver identifier was created as: `&http.Server{}`, `http.Server{}`, `grpc.NewServer()`, or declared type. */
function serverKind(ctx: RuleContext, recv: Node): 'http' | 'grpc' | undefined {
  const r = unparen(recv);
  if (!r || r.type !== 'identifier') return undefined;
  const b = resolveBinding(r.text, r, ctx.root);
  if (b.typeText) {
    const path = b.typeText.replace(/^\*/, '').split('.');
    if (path.length === 2) {
      const pkg = ctx.imports.pathOf(path[0]!);
      if (pkg === 'net/http' && path[1] === 'Server') return 'http';
      if (pkg === 'google.golang.org/grpc' && path[1] === 'Server') return 'grpc';
    }
  }
  for (const v of assignedValuesOf(b)) {
    let e = unparen(v.value);
    if (e?.type === 'unary_expression') e = unparen(e.childForFieldName('operand'));
    if (!e) continue;
    if (e.type === 'composite_literal') {
      const t = selectorPath(e.childForFieldName('type'));
      if (t && t.length === 2 && t[1] === 'Server' && ctx.imports.pathOf(t[0]!) === 'net/http') return 'http';
    }
    if (e.type === 'call_expression' && ctx.isCallTo(e, 'google.golang.org/grpc', 'NewServer')) return 'grpc';
  }
  return undefined;
}

/**
 * A profiling server: started in the background, in a file that imports net/http/pprof and registers nothing on the
 * default mux itself, serving that default mux (`http.ListenAndServe(addr, nil)`, an http.Server without Handler).
 * It is not the service's server: nothing in flight there needs draining at shutdown.
 */
function debugServer(ctx: RuleContext, call: Node, recv: Node | undefined): boolean {
  if (!ctx.imports.specs.some((s) => s.path === 'net/http/pprof') || /\bhttp\.Handle(?:Func)?\(/.test(ctx.source)) return false;
  if (!recv) return isDefaultMux(ctx, callArgs(call).at(-1));
  const r = unparen(recv);
  if (r?.type !== 'identifier') return false;
  return assignedValuesOf(resolveBinding(r.text, r, ctx.root)).some((v) => {
    let e = unparen(v.value);
    if (e?.type === 'unary_expression') e = unparen(e.childForFieldName('operand'));
    const site = e ? serveSite(ctx, e) : undefined;
    return !!site && site.how === 'http.Server' && literalUsesDefaultMux(ctx, site);
  });
}

function inGoStatement(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'go_statement') return true;
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return false;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'RUN1001',
    name: 'server-without-graceful-shutdown',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 2 FP, 1 "nobody would act" of 5 judged — precision 50.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: developer tools and opt-in pprof servers in package main, small signing servers nobody would drain. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Server started without graceful shutdown',
    passCriterion: 'every long-running server is shut down gracefully (Shutdown/GracefulStop on SIGTERM)',
    rationale:
      'Kubernetes, systemd and every rolling deploy stop a process with SIGTERM and then wait. A main package that starts ' +
      'an HTTP or gRPC server but never calls Shutdown/GracefulStop and never handles the signal dies immediately: ' +
      'in-flight requests are cut off with connection resets, responses are lost halfway, and clients see a burst of ' +
      'errors on every deploy or scale-down even though nothing is wrong.',
    fix: {
      text:
        'Run the server in a goroutine, wait for SIGTERM/SIGINT with signal.NotifyContext, then call ' +
        'srv.Shutdown(ctx) with a timeout (grpcServer.GracefulStop() for gRPC) before returning from main.',
      effort: 'medium',
    },
    examples: [
      {
        filename: 'main.go',
        bad:
          'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n' +
          '\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}\n',
        good:
          'package main\n\nimport (\n\t"context"\n\t"log"\n\t"net/http"\n\t"os"\n\t"os/signal"\n\t"syscall"\n\t"time"\n)\n\n' +
          'func main() {\n\tsrv := &http.Server{Addr: ":8080"}\n\tgo func() {\n' +
          '\t\tif err := srv.ListenAndServe(); err != http.ErrServerClosed {\n\t\t\tlog.Fatal(err)\n\t\t}\n\t}()\n' +
          '\tctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)\n\tdefer stop()\n' +
          '\t<-ctx.Done()\n\tshutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n' +
          '\tdefer cancel()\n\t_ = srv.Shutdown(shutdownCtx)\n}\n',
      },
    ],
    messages: {
      http:
        '{{what}} starts an HTTP server, but this main package never calls Shutdown and never handles SIGTERM: ' +
        'in-flight requests are cut off on every deploy or scale-down',
      grpc:
        '{{what}} starts a gRPC server, but this main package never calls GracefulStop/Stop and never handles SIGTERM: ' +
        'in-flight RPCs are cut off on every deploy or scale-down',
    },
    sources: [],
    notes:
      'Cross-file: the facts of all non-test files of a main package (one directory) are combined. Shutdown is any ' +
      '`x.Shutdown(ctx)` call; gRPC counts GracefulStop() and Stop() on a grpc.NewServer value; signal handling is ' +
      'os/signal Notify/NotifyContext or a well-known helper (SetupSignalHandler, SetupSignalContext...). When the ' +
      'package does manage the lifecycle of one server, secondary servers started in a goroutine (metrics, pprof) ' +
      'are not reported. Nor is a profiling server anywhere (started in the background, in a file importing ' +
      'net/http/pprof that registers no handler of its own on the default mux, serving that mux: blind sample ' +
      '2026-12-12, step-ca\'s opt-in STEP_PROF_ADDR server): nothing in flight there needs draining. Servers ' +
      'started inside libraries are out of scope.',
  },
  prefilter: ['Serve', 'Shutdown', 'Notify', 'Signal', 'Stop()'],
  // only package main files are judged
  prefilterAll: ['package main'],
  create(ctx): Visitors {
    // examples, test servers and tooling are not the deployed service: their findings carry that role (ctx.file.role) and the
    // pipeline drops them unless --include-non-shipped
    if (!ctx.file.isMain) return {};
    const facts: FileFacts = {
      dir: ctx.file.path.includes('/') ? ctx.file.path.slice(0, ctx.file.path.lastIndexOf('/')) : '',
      starts: [], httpShutdown: false, grpcStop: false, signals: false, stops: [],
    };
    return {
      call_expression(call) {
        const r = ctx.resolveCall(call);
        if (!r) return;
        const args = callArgs(call);
        const pos = { line: call.startPosition.row + 1, column: call.startPosition.column + 1 };
        if (r.pkg === 'net/http') {
          if (['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'].includes(r.name)) {
            const background = inGoStatement(call);
            facts.starts.push({ ...pos, kind: 'http', what: `http.${r.name}`, background, debug: background && debugServer(ctx, call, undefined) });
          }
          return;
        }
        if (r.pkg === 'os/signal') {
          if (r.name === 'Notify' || r.name === 'NotifyContext') facts.signals = true;
          return;
        }
        if (SIGNAL_HELPER.test(r.name)) { facts.signals = true; return; }
        if (r.pkg !== undefined || !r.recv) return;
        const recvText = r.recv.text.length > 30 ? `${r.recv.text.slice(0, 29)}…` : r.recv.text;
        switch (r.name) {
          case 'ListenAndServe':
            if (args.length === 0) {
              const background = inGoStatement(call);
              facts.starts.push({ ...pos, kind: 'http', what: `${recvText}.ListenAndServe()`, background, debug: background && debugServer(ctx, call, r.recv) });
            }
            return;
          case 'ListenAndServeTLS':
            if (args.length === 2) facts.starts.push({ ...pos, kind: 'http', what: `${recvText}.ListenAndServeTLS()`, background: inGoStatement(call) });
            return;
          case 'Serve':
          case 'ServeTLS': {
            const kind = serverKind(ctx, r.recv);
            if (kind) facts.starts.push({ ...pos, kind, what: `${recvText}.${r.name}()`, background: inGoStatement(call), recv: r.recv.text });
            return;
          }
          case 'Shutdown':
            if (args.length === 1) facts.httpShutdown = true;
            return;
          case 'GracefulStop':
            facts.grpcStop = true;
            return;
          case 'Stop':
            if (args.length) return;
            if (serverKind(ctx, r.recv) === 'grpc') facts.grpcStop = true;
            else if (!facts.stops.includes(r.recv.text)) facts.stops.push(r.recv.text);
            return;
        }
      },
      'source_file:exit'() {
        if (facts.starts.length || facts.httpShutdown || facts.grpcStop || facts.signals || facts.stops.length) ctx.emit(facts);
      },
    };
  },
  finish(all, report) {
    const groups = new Map<string, { files: { path: string; f: FileFacts }[] }>();
    for (const fact of all) {
      const f = fact.data as FileFacts;
      const key = `${fact.file.moduleDir ?? ''}\0${f.dir}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { files: [] }));
      g.files.push({ path: fact.file.path, f });
    }
    for (const g of groups.values()) {
      const signals = g.files.some((x) => x.f.signals);
      if (signals) continue;
      const httpShutdown = g.files.some((x) => x.f.httpShutdown);
      const stops = new Set(g.files.flatMap((x) => x.f.stops));
      const grpcStop = g.files.some((x) => x.f.grpcStop) ||
        g.files.some((x) => x.f.starts.some((s) => s.kind === 'grpc' && s.recv !== undefined && stops.has(s.recv)));
      const managed = httpShutdown || grpcStop;
      for (const { path, f } of g.files) {
        for (const s of f.starts) {
          if (s.kind === 'http' && httpShutdown) continue;
          if (s.kind === 'grpc' && grpcStop) continue;
          if ((managed && s.background) || s.debug) continue;
          report({ file: path, line: s.line, column: s.column, messageId: s.kind, data: { what: s.what } });
        }
      }
    }
  },
});
