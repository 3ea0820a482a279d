import { defineRepoRule } from '../define-rule.js';
import { k8sManifests } from '../../facts/k8s-manifests.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { confidenceFor, containerLabel, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2001',
    name: 'container-no-memory-limit',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 9 TP, 5 FP, 5 "nobody would act" of 19 judged — precision 64.3 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: design proof-of-concept manifests, kustomize patches that are commented out, third-party subcharts and one-shot hook Jobs. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Kubernetes container without a memory limit',
    passCriterion: 'every Go container declares a memory limit',
    rationale:
      'Without resources.limits.memory a container may grow until the node runs out of memory; the kernel OOM killer ' +
      'then picks victims across the node (often other pods), the kubelet evicts BestEffort/Burstable pods first, and ' +
      'a leak in one service takes down its neighbours. A limit turns that into a contained, visible restart of the ' +
      'offending container and gives the Go runtime a number to size GOMEMLIMIT against.',
    fix: {
      text: 'Set resources.limits.memory (and requests.memory) for the container, sized from observed peak usage plus headroom; for Go services also set GOMEMLIMIT to about 90% of the limit.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          resources:\n            limits:\n              memory: 512Mi\n',
      },
    ],
    messages: {
      noLimit: '{{container}} has no memory limit{{requests}}',
    },
    sources: [],
    notes:
      'Init containers are not judged (they finish before the app starts). Manifests under test/fixture directories ' +
      '(test, tests, e2e, integration, fixtures, testdata, hack) are not judged, nor are documentation snippets ' +
      '(docs/: deliberately minimal); Helm containers under a condition the tool cannot evaluate are reported at ' +
      'lowered confidence. A LimitRange with a default memory limit in the repository silences the rule. Helm values and ' +
      'kustomize strategic-merge patches are taken into account; a field set by a template action that cannot be ' +
      'evaluated (include, tpl) is never reported as missing.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const facts = k8sManifests(repo);
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo)) {
      if (w.containers.length) ctx.applicable();
      if (facts.limitRangeDefaultMemory || w.patchedUnknown) continue;
      for (const c of w.containers) {
        if (c.init || hasUnknown(c, 'resources')) continue;
        const mem = c.resources.limits.memory;
        if (mem) continue;
        const req = c.resources.requests.memory;
        report({
          file: c.resources.loc?.file ?? c.loc.file,
          line: c.resources.loc?.line ?? c.loc.line,
          messageId: 'noLimit',
          data: { container: containerLabel(w, c), requests: req ? ` (only a ${req.raw} request)` : '' },
          confidence: confidenceFor(w, 'high', c),
        });
      }
    }
  },
});
