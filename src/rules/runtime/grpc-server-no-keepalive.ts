import { defineRule } from '../define-rule.js';
import { optionList } from '../_shared/runtime-go-values.js';
import { collectServeFacts, localServing, serverFact, type ServeFact } from '../_shared/grpc-serve-listeners.js';

const GRPC = 'google.golang.org/grpc';

export default defineRule({
  meta: {
    id: 'RUN2014',
    name: 'grpc-server-no-keepalive',
    dimension: 'runtime',
    severity: 'info',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 4 FP, 4 "nobody would act" of 8 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: gRPC servers that only serve local IPC (unix sockets, named pipes, in-process pipes, plugin brokers) or only their own in-process gateway. Reworked after the 2026-12-14 sample (servers that serve only local IPC are no longer reported: 4 of its 4 FP there), and again after the 2026-12-15 sample (local IPC through ListenConfig.Listen, listeners and servers in unexported fields, servers run through ServeHTTP), so its record restarts at 2026-12-16 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'gRPC server without keepalive parameters or enforcement policy',
    passCriterion: 'gRPC servers set keepalive parameters and an enforcement policy',
    rationale:
      'A grpc.Server built with defaults never ages connections out (MaxConnectionAge is infinite), so clients behind an ' +
      'L4 load balancer or a Kubernetes Service stay pinned to the pods that existed when they connected — new replicas ' +
      'get no traffic after a scale-out. Dead peers are noticed only after the 2h default ping interval, and the default ' +
      'enforcement policy (MinTime 5m) answers clients that ping more often with GOAWAY "too_many_pings".',
    fix: {
      text: 'Pass grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionAge: ..., MaxConnectionAgeGrace: ..., Time: ..., Timeout: ...}) and grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: ..., PermitWithoutStream: ...}) matching your clients.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package srv\n\nimport "google.golang.org/grpc"\n\nfunc New() *grpc.Server {\n\treturn grpc.NewServer(grpc.MaxRecvMsgSize(8 << 20))\n}\n',
        good: 'package srv\n\nimport (\n\t"time"\n\n\t"google.golang.org/grpc"\n\t"google.golang.org/grpc/keepalive"\n)\n\nfunc New() *grpc.Server {\n\treturn grpc.NewServer(\n\t\tgrpc.MaxRecvMsgSize(8<<20),\n\t\tgrpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionAge: 30 * time.Minute}),\n\t)\n}\n',
      },
    ],
    messages: {
      noKeepalive: 'grpc.NewServer without KeepaliveParams or KeepaliveEnforcementPolicy: connections never age out (no rebalancing after scale-out) and dead peers are found only after 2h',
    },
    sources: [],
    notes:
      'Only reported when every option passed is visible (direct grpc.X(...) calls, library options, or a local slice ' +
      'built from them); options from parameters or local helper functions make the call unknown, and any ' +
      'KeepaliveParams/KeepaliveEnforcementPolicy call in the same file silences it. Not reported when every Serve of ' +
      'the server, followed through its package (the function building it, same-package functions it is returned from ' +
      'or passed to, same-package helpers returning the listener), gets a local IPC listener only: net.Listen("unix", …), ' +
      'net.ListenUnix, net.ListenConfig.Listen on "unix", a ListenUnix/ListenPipe call (winio named pipes, listener ' +
      'factories), bufconn, an Accept on a go-plugin GRPCBroker, or an in-memory listener type of the package (an Accept ' +
      'method and net.Pipe); or when it is only run by net/http through its ServeHTTP (whose transport ignores the ' +
      'keepalive options). There is no load balancer to rebalance and a dead peer shows as a closed socket (blind sample ' +
      '2026-12-07: agent workload and admin APIs on unix sockets/named pipes, plugin host services over in-memory pipes ' +
      'and the go-plugin broker). A server or listener stored in an unexported field is followed by field name through ' +
      'the package: every Serve on a field of that name, every value assigned to the listener field; a field handed ' +
      'out (returned, copied, passed to another package) keeps the server reported. A listener whose network comes ' +
      'from configuration, a range over listeners or a parameter, an exported field, and a server handed to another ' +
      'package of the module are not followed: the server stays reported. Test files are skipped.',
  },
  // the servers, and what the package-level follow-up reads: files importing grpc that call Serve, local listener
  // helpers. Narrow on purpose: a file passing the prefilter makes the rule applicable (judged) for the repository.
  prefilter: ['NewServer', 'Listen', 'Pipe(', 'bufconn', '.Serve('],
  // last alternative: a Serve in a file that names gRPC without importing it (a server held in a field of the package)
  prefilterRegex: /NewServer|ListenUnix|ListenPipe|net\.Pipe\(|bufconn|Listen\("unix|google\.golang\.org\/grpc"[^]*?\.Serve\(|^(?=[^]*?\.Serve\()[^]*?(?:grpc|Grpc|GRPC)/,
  create(ctx) {
    let fileHasKeepalive: boolean | undefined;
    collectServeFacts(ctx, (f) => ctx.emit(f));
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, GRPC, 'NewServer')) return;
        fileHasKeepalive ??= /\b(KeepaliveParams|KeepaliveEnforcementPolicy)\s*\(/.test(ctx.source);
        if (fileHasKeepalive) return;
        const opts = optionList(ctx, call, GRPC);
        if (!opts.known || opts.names.has('KeepaliveParams') || opts.names.has('KeepaliveEnforcementPolicy')) return;
        ctx.emit(serverFact(ctx, call));
      },
    };
  },
  finish(facts, report) {
    const all = facts.map((f) => f.data as ServeFact);
    const local = localServing(all);
    for (const f of all) {
      if (f.k === 'srv' && !local(f)) report({ file: f.file, line: f.line, column: f.column, messageId: 'noKeepalive' });
    }
  },
});
