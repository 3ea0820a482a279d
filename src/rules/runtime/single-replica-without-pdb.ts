import { defineRepoRule } from '../define-rule.js';
import { chartDirOf, k8sManifests } from '../../facts/k8s-manifests.js';
import { confidenceFor, judgedWorkloads, selects } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2031',
    name: 'single-replica-without-pdb',
    dimension: 'runtime',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'On 19 real repositories its only two findings were single-replica controllers behind metrics-only Services (now ' +
      'excluded); no true positive has been observed yet, so its precision on real deployments is unmeasured.',
    title: 'Service-backing Deployment runs a single replica with no PodDisruptionBudget and no autoscaler',
    passCriterion: 'Deployments behind a Service run at least two replicas (or autoscale) and a PodDisruptionBudget keeps one up during node drains',
    rationale:
      'A Deployment with one replica is down whenever its only pod goes: every node drain, cluster upgrade, spot ' +
      'preemption or eviction for node pressure is an outage of the Service in front of it, and nothing tells the cluster ' +
      'that the pod matters. Two replicas spread over nodes plus a PodDisruptionBudget (maxUnavailable: 1) let voluntary ' +
      'disruptions happen one pod at a time while the other keeps serving. (A PDB alone on one replica only blocks drains.)',
    fix: {
      text: 'Set `replicas: 2` (or add a HorizontalPodAutoscaler with minReplicas: 2), spread the pods with ' +
        'topologySpreadConstraints or pod anti-affinity, and add a PodDisruptionBudget selecting the pods with `maxUnavailable: 1`.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deploy.yaml',
        bad:
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: 8080\n---\n' +
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n',
        good:
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: 8080\n---\n' +
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n---\n' +
          'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: api\n',
      },
    ],
    messages: {
      single: 'Deployment {{name}} backs Service {{service}} with {{replicas}} and no PodDisruptionBudget or autoscaler: every node drain or upgrade takes the service down',
    },
    sources: [],
    notes:
      'Judged: Deployments (manifests, kustomize, Helm) whose pod labels a Service of the repository selects — a service, ' +
      'not a controller or batch worker; Services named *metrics* do not count — with `replicas: 1` or no replicas key (Kubernetes then runs one). Not reported when ' +
      'replicas is templated (a Helm value) or set by a kustomize replicas transformer to more than one, when a ' +
      'HorizontalPodAutoscaler or KEDA ScaledObject targets the Deployment, when a PodDisruptionBudget selects its pods, or ' +
      'when a PodDisruptionBudget or autoscaler of the same chart (or among the plain manifests) is templated (it might be ' +
      'the one). Test fixtures and ' +
      'documentation are not judged.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const k = k8sManifests(repo);
    // a Service that only exposes metrics (controller-manager-metrics-service) does not make its pods a service
    const services = k.services.filter((s) => s.role !== 'test' && s.role !== 'vendor' && s.selector && Object.keys(s.selector).length && !/metrics/i.test(s.name ?? ''));
    // a templated PDB selector or autoscaler target in the same chart (or among the plain manifests) might be this
    // Deployment's: nothing can be said about it
    const blind = new Set([...k.disruptionBudgets.filter((p) => p.selector === undefined), ...k.autoscalers.filter((a) => a.name === undefined)].map((x) => chartDirOf(k.charts, x.loc.file) ?? '<manifests>'));
    for (const w of judgedWorkloads(repo)) {
      if (w.kind !== 'Deployment' || !w.podLabels) continue;
      const svc = services.find((s) => selects(s.selector!, w, s.namespace));
      if (!svc) continue;
      ctx.applicable();
      if (blind.has(chartDirOf(k.charts, w.file) ?? '<manifests>') || w.patchedUnknown) continue;
      if (w.replicas && w.replicas.value !== 1) continue;
      if (k.autoscalers.some((a) => (a.kind === undefined || a.kind === 'Deployment') && a.name === w.name)) continue;
      if (k.disruptionBudgets.some((p) => p.selector !== undefined && selects(p.selector, w, undefined))) continue;
      const at = w.replicas?.loc ?? w.loc;
      ctx.report({
        file: at.file, line: at.line, messageId: 'single',
        confidence: confidenceFor(w, 'medium'),
        data: { name: w.name ?? '(templated name)', service: svc.name ?? '(templated name)', replicas: w.replicas ? 'replicas: 1' : 'no replicas set (one pod)' },
      });
    }
  },
});
