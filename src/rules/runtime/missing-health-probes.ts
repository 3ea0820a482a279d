import { defineRepoRule } from '../define-rule.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { confidenceFor, containerLabel, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export default defineRepoRule({
  meta: {
    id: 'RUN2007',
    name: 'missing-health-probes',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind sample of 2026-12-06 (seed 20261206): 0 of 4 findings acted on — the manifests were quick-start databases and compiled examples of a jsonnet library, which this audit cannot yet tell from the manifests a project deploys (that needs the kustomize/Helm graph from a deployment entry point).',
    title: 'Long-running container without a readiness or liveness probe',
    passCriterion: 'every long-running container has a readiness and a liveness probe',
    rationale:
      'Without a readiness probe a pod receives traffic as soon as its process starts — before caches are warm, ' +
      'listeners are bound or dependencies are reachable — and keeps receiving it while it is wedged; rolling updates ' +
      'also proceed without waiting for the new version to work. Without a liveness probe a deadlocked process ' +
      '(stuck goroutines, exhausted pool) stays "Running" forever instead of being restarted.',
    fix: {
      text: 'Add a readinessProbe (dependencies ready, can serve) and a livenessProbe (process not wedged; keep it cheap and independent of dependencies) — e.g. httpGet /readyz and /livez on the service port.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          readinessProbe:\n            httpGet:\n              path: /readyz\n              port: 8080\n          livenessProbe:\n            httpGet:\n              path: /livez\n              port: 8080\n',
      },
    ],
    messages: {
      missing: '{{container}} has no {{missing}}',
    },
    sources: [],
    notes:
      'Judged for Deployment, StatefulSet and DaemonSet containers only (not Jobs, CronJobs, bare Pods, init ' +
      'containers). Both probes missing is medium; one of them missing is low (the other shows the health contract ' +
      'exists; controllers without a Service often need no readiness probe). Test fixtures are not ' +
      'judged, nor are documentation snippets; probes set by unevaluated Helm actions are not reported; Helm containers ' +
      'under an unevaluated condition at lowered confidence.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo)) {
      if (!LONG_RUNNING.has(w.kind)) continue;
      for (const c of w.containers) {
        if (c.init) continue;
        ctx.applicable();
        if (hasUnknown(c, 'probes') || w.patchedUnknown) continue;
        const missing = [!c.probes.readiness ? 'readiness probe' : '', !c.probes.liveness ? 'liveness probe' : ''].filter(Boolean);
        if (!missing.length) continue;
        report({
          file: c.loc.file,
          line: c.loc.line,
          messageId: 'missing',
          data: { container: containerLabel(w, c), missing: missing.join(' and no ') },
          severity: missing.length === 2 ? 'medium' : 'low',
          confidence: confidenceFor(w, 'high', c),
        });
      }
    }
  },
});
