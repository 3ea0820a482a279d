import { defineRule } from '../define-rule.js';
import { optionList } from '../_shared/runtime-go-values.js';

const GRPC = 'google.golang.org/grpc';

export default defineRule({
  meta: {
    id: 'RUN2015',
    name: 'grpc-server-default-recv-size',
    dimension: 'runtime',
    severity: 'info',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-10 and 2026-12-11: 0 TP, 0 FP, 2 "nobody would act" — a health-only gRPC server ' +
      '(grpc_health_v1) and a dashboard API whose requests are a few hundred bytes; the implicit 4 MiB limit is right ' +
      'for them, and whether a service receives large messages cannot be read from the NewServer call.',
    title: 'gRPC server relies on the implicit 4 MiB receive limit',
    passCriterion: 'gRPC servers set MaxRecvMsgSize explicitly',
    rationale:
      'grpc-go rejects any request message over 4 MiB with ResourceExhausted unless grpc.MaxRecvMsgSize says otherwise. ' +
      'The limit is invisible in the code, so it surfaces in production when a batch, a list response echoed back or ' +
      'an embedded blob first crosses it — as an error that looks like a capacity problem. Stating the limit ' +
      'documents the contract with clients and makes raising or lowering it a deliberate decision.',
    fix: {
      text: 'Pass grpc.MaxRecvMsgSize(n) with the largest request you accept (keep it bounded: it is also a memory guard), and align clients\' MaxCallSendMsgSize.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package srv\n\nimport "google.golang.org/grpc"\n\nfunc New() *grpc.Server {\n\treturn grpc.NewServer()\n}\n',
        good: 'package srv\n\nimport "google.golang.org/grpc"\n\nfunc New() *grpc.Server {\n\treturn grpc.NewServer(grpc.MaxRecvMsgSize(16 << 20))\n}\n',
      },
    ],
    messages: {
      implicit: 'grpc.NewServer without MaxRecvMsgSize: requests over the implicit 4 MiB fail with ResourceExhausted; state the limit explicitly',
    },
    sources: [],
    notes:
      'Informational. Only reported when every option passed is visible (see grpc-server-no-keepalive); any ' +
      'MaxRecvMsgSize call in the same file silences it. Test files are skipped.',
  },
  prefilter: ['NewServer'],
  create(ctx) {
    let fileHasLimit: boolean | undefined;
    return {
      call_expression(call) {
        if (!ctx.isCallTo(call, GRPC, 'NewServer')) return;
        fileHasLimit ??= /\bMaxRecvMsgSize\s*\(/.test(ctx.source);
        if (fileHasLimit) return;
        const opts = optionList(ctx, call, GRPC);
        if (!opts.known || opts.names.has('MaxRecvMsgSize')) return;
        ctx.report({ node: call, messageId: 'implicit' });
      },
    };
  },
});
