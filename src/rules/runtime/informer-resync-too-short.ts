import { defineRule } from '../define-rule.js';
import { callArgs, enclosingDeclaredFunction, literalElements, unparen } from '../../go/ast.js';
import { ignoresUpdates, registeredHandlers } from '../_shared/informer-handlers.js';
import { durationNanos, formatDuration } from '../_shared/runtime-go-values.js';
import { moduleKey, position } from '../_shared/obs-packages.js';

const MIN_NS = 30e9;

/** Factory-style constructors: resync is the second argument. */
const FACTORY = new Set(['NewSharedInformerFactory', 'NewSharedInformerFactoryWithOptions', 'NewFilteredSharedInformerFactory', 'NewDynamicSharedInformerFactory', 'NewFilteredDynamicSharedInformerFactory']);
/** tools/cache constructors: resync is the third argument. */
const CACHE = new Set(['NewSharedIndexInformer', 'NewSharedInformer', 'NewInformer', 'NewIndexerInformer', 'NewTransformingInformer', 'NewTransformingIndexerInformer']);
const CACHE_OPTIONS = new Set(['NewSharedIndexInformerWithOptions', 'NewInformerWithOptions']);
/** tools/cache constructors that take the event handler themselves: the informer has a listener from the start. */
const WITH_HANDLER = new Set(['NewInformer', 'NewIndexerInformer', 'NewTransformingInformer', 'NewTransformingIndexerInformer', 'NewInformerWithOptions']);
/** The informer methods that register a listener (client-go SharedInformer). */
const ADD_HANDLER = new Set(['AddEventHandler', 'AddEventHandlerWithResyncPeriod', 'AddEventHandlerWithOptions']);

type Fact =
  | { k: 'short'; file: string; line: number; column: number; period: string; listener: boolean }
  | { k: 'listener' };

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
    blindRecordFrom: '2026-12-24',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-20 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 2 FP, 3 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: informers with no event handler at all, used only as listers (client-go does not resync without listeners), and short resyncs over one or two objects whose update handlers compare and do nothing. The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-23 sample (informers of a module that registers no event handler are not judged), so its record restarts at 2026-12-24 (blindRecordFrom). Its record since (the draws of 2026-12-24 and 2026-12-25): 1 TP, 0 FP, 3 DEB — short resyncs on informers over a handful of objects, deliberate and cheap.',
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
        bad: 'package ctrl\n\nimport (\n\t"time"\n\n\t"k8s.io/client-go/informers"\n\t"k8s.io/client-go/kubernetes"\n\t"k8s.io/client-go/tools/cache"\n)\n\nfunc Start(c kubernetes.Interface, onUpdate func(old, cur interface{})) informers.SharedInformerFactory {\n\tf := informers.NewSharedInformerFactory(c, 10*time.Second)\n\tf.Core().V1().Pods().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{UpdateFunc: onUpdate})\n\treturn f\n}\n',
        good: 'package ctrl\n\nimport (\n\t"time"\n\n\t"k8s.io/client-go/informers"\n\t"k8s.io/client-go/kubernetes"\n\t"k8s.io/client-go/tools/cache"\n)\n\nfunc Start(c kubernetes.Interface, onUpdate func(old, cur interface{})) informers.SharedInformerFactory {\n\tf := informers.NewSharedInformerFactory(c, 10*time.Minute)\n\tf.Core().V1().Pods().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{UpdateFunc: onUpdate})\n\treturn f\n}\n',
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
      'cache (blind sample 2026-12-12: a per-request pod informer with a no-op OnUpdate). Nor informers of a Go ' +
      'module that registers no event handler anywhere (no AddEventHandler call in any of its files): a shared ' +
      'informer resyncs only toward its listeners, so informers used as listers and caches re-deliver nothing (blind ' +
      'samples up to 2026-12-20). tools/cache constructors that take the handler themselves (NewInformer and its ' +
      'forms) always have a listener.',
  },
  prefilter: ['Informer', 'AddEventHandler'],
  create(ctx) {
    const emit = (f: Fact) => ctx.emit(f);
    return {
      call_expression(call) {
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type === 'selector_expression' && ADD_HANDLER.has(fn.childForFieldName('field')?.text ?? '')) {
          emit({ k: 'listener' });
          return;
        }
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
        const listener = r.pkg === 'k8s.io/client-go/tools/cache' && WITH_HANDLER.has(r.name);
        emit({ k: 'short', file: ctx.file.path, ...position(arg), period: formatDuration(ns), listener });
      },
    };
  },
  // A shared informer resyncs only toward its listeners: in a module that registers no event handler anywhere, the
  // informers are listers and caches, and a short period re-delivers nothing.
  finish(facts, report) {
    const listening = new Set<string>();
    for (const f of facts) if ((f.data as Fact).k === 'listener') listening.add(moduleKey(f.file));
    for (const f of facts) {
      const d = f.data as Fact;
      if (d.k !== 'short' || (!d.listener && !listening.has(moduleKey(f.file)))) continue;
      report({ file: d.file, line: d.line, column: d.column, messageId: 'short', data: { period: d.period } });
    }
  },
});
