import { defineRule } from '../define-rule.js';
import { callArgs, enclosingDeclaredFunction, literalElements, unparen } from '../../go/ast.js';
import { ignoresUpdates, registeredHandlers } from '../_shared/informer-handlers.js';
import { durationNanos, formatDuration } from '../_shared/runtime-go-values.js';

const MIN_NS = 30e9;

/** Factory-style constructors: resync is the second argument. */
const FACTORY = new Set(['NewSharedInformerFactory', 'NewSharedInformerFactoryWithOptions', 'NewFilteredSharedInformerFactory', 'NewDynamicSharedInformerFactory', 'NewFilteredDynamicSharedInformerFactory']);
/** tools/cache constructors: resync is the third argument. */
const CACHE = new Set(['NewSharedIndexInformer', 'NewSharedInformer', 'NewInformer', 'NewIndexerInformer', 'NewTransformingInformer', 'NewTransformingIndexerInformer']);
const CACHE_OPTIONS = new Set(['NewSharedIndexInformerWithOptions', 'NewInformerWithOptions']);

function resyncIndex(pkg: string, name: string): number | 'options' | undefined {
  const factoryPkg = pkg === 'k8s.io/client-go/informers' || pkg.endsWith('/informers/externalversions') ||
    pkg === 'k8s.io/client-go/dynamic/dynamicinformer' || pkg === 'k8s.io/client-go/metadata/metadatainformer';
  if (factoryPkg && FACTORY.has(name)) return 1;
  if ((pkg === 'k8s.io/client-go/dynamic/dynamicinformer' && name === 'NewFilteredDynamicInformer') ||
    (pkg === 'k8s.io/client-go/metadata/metadatainformer' && name === 'NewFilteredMetadataInformer')) return 3;
  if (pkg === 'k8s.io/client-go/tools/cache') {
    if (CACHE.has(name)) return 2;
    if (CACHE_OPTIONS.has(name)) return 'options';
  }
  // typed per-resource informers: coreinformers.NewPodInformer(client, namespace, resync, indexers)
  const typedPkg = pkg.startsWith('k8s.io/client-go/informers/') || /\/informers\/externalversions\/.+/.test(pkg);
  if (typedPkg && /^New(Filtered)?\w+Informer$/.test(name)) return 2;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'RUN2012',
    name: 'informer-resync-too-short',
    dimension: 'runtime',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-20 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 2 FP, 3 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: informers with no event handler at all, used only as listers (client-go does not resync without listeners), and short resyncs over one or two objects whose update handlers compare and do nothing. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'client-go informer with a resync period under 30 seconds',
    passCriterion: 'informer resync periods are 30 s or longer (or 0)',
    rationale:
      'A resync does not re-list from the API server: it re-delivers EVERY cached object to every UpdateFunc handler. ' +
      'With 10s and 50k pods that is 5k no-op updates per second, each enqueuing a reconcile — CPU burnt for nothing, ' +
      'real events queued behind the storm, and API writes if a handler updates status. Watches already deliver every ' +
      'change; resync is a safety net measured in minutes (or 0 = off), not a polling loop.',
    fix: {
      text: 'Use 0 (no periodic resync) and rely on watch events, or a period of several minutes; if something must be polled, poll that explicitly instead of resyncing the whole cache.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package ctrl\n\nimport (\n\t"time"\n\n\t"k8s.io/client-go/informers"\n\t"k8s.io/client-go/kubernetes"\n)\n\nfunc Start(c kubernetes.Interface) informers.SharedInformerFactory {\n\treturn informers.NewSharedInformerFactory(c, 10*time.Second)\n}\n',
        good: 'package ctrl\n\nimport (\n\t"time"\n\n\t"k8s.io/client-go/informers"\n\t"k8s.io/client-go/kubernetes"\n)\n\nfunc Start(c kubernetes.Interface) informers.SharedInformerFactory {\n\treturn informers.NewSharedInformerFactory(c, 10*time.Minute)\n}\n',
      },
    ],
    messages: {
      short: 'informer resync period {{period}}: every {{period}} all cached objects are re-delivered to the update handlers; use 0 (off) or minutes',
    },
    sources: [],
    notes:
      'Only constant periods are judged (literals, time units, consts of the file); 0 (off) is fine. Recognises ' +
      'client-go informer factories (informers, dynamicinformer, metadatainformer, generated externalversions), ' +
      'tools/cache constructors (argument or SharedIndexInformerOptions.ResyncPeriod) and typed New*Informer functions. ' +
      'Not reported: informers whose handlers, all registered in the same function, ignore updates (no UpdateFunc, an ' +
      'empty one, or an empty OnUpdate method): the re-delivered objects reach no code, a resync only walks the local ' +
      'cache (blind sample 2026-12-12: a per-request pod informer with a no-op OnUpdate).',
  },
  prefilter: ['Informer'],
  create(ctx) {
    return {
      call_expression(call) {
        const r = ctx.resolveCall(call);
        if (!r?.pkg) return;
        const idx = resyncIndex(r.pkg, r.name);
        if (idx === undefined) return;
        let arg: import('web-tree-sitter').Node | undefined;
        if (idx === 'options') {
          for (const a of callArgs(call)) {
            const lit = unparen(a);
            if (lit?.type !== 'composite_literal') continue;
            arg = literalElements(lit).find((e) => e.key === 'ResyncPeriod')?.value;
          }
        } else arg = callArgs(call)[idx];
        if (!arg) return;
        const ns = durationNanos(ctx, arg);
        if (ns === undefined || ns <= 0 || ns >= MIN_NS) return;
        // every handler registered in the function ignores updates: a resync only walks the local cache
        const scope = enclosingDeclaredFunction(call);
        const handlers = scope ? registeredHandlers(scope) : [];
        if (handlers.length && handlers.every((h) => ignoresUpdates(h, ctx.root))) return;
        ctx.report({ node: arg, messageId: 'short', data: { period: formatDuration(ns) } });
      },
    };
  },
});
