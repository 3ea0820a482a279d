import { defineRepoRule } from '../define-rule.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { confidenceFor, containerLabel, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2010',
    name: 'security-context-incomplete',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind sample of 2026-12-06 (seed 20261206): 0 of 4 findings acted on — quick-start and compiled example manifests, which this audit cannot yet tell from the manifests a project deploys (that needs the kustomize/Helm graph from a deployment entry point).',
    title: 'Container securityContext lacks runAsNonRoot / readOnlyRootFilesystem / allowPrivilegeEscalation: false',
    passCriterion: 'every container runs as non-root with a read-only root filesystem and allowPrivilegeEscalation: false',
    rationale:
      'Kubernetes runs a container as whatever user its image says (often root) with a writable root filesystem and ' +
      'setuid escalation allowed. A compromised Go service then owns the container as root, can drop tools and persist ' +
      'in the filesystem, and is one kernel or runtime bug away from the node. A static Go binary needs none of that: ' +
      'the Pod Security Standard "restricted" profile asks for all three settings and namespaces enforcing it reject the pod.',
    fix: {
      text: 'Set securityContext on the container: runAsNonRoot: true (with a non-zero runAsUser if the image has no USER), readOnlyRootFilesystem: true (mount an emptyDir for scratch space), allowPrivilegeEscalation: false; runAsNonRoot may also sit at pod level.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: api\n          image: example/api:1.0\n          securityContext:\n            readOnlyRootFilesystem: true\n            allowPrivilegeEscalation: false\n',
      },
    ],
    messages: {
      incomplete: '{{container}} securityContext is missing {{missing}}',
    },
    sources: [],
    notes:
      'One finding per container (init containers included) listing what is missing; runAsNonRoot is satisfied by ' +
      'runAsNonRoot: true or a non-zero runAsUser at container or pod level; runAsUser: 0 is reported as running as root. ' +
      'Medium when the non-root or escalation setting is missing, low when only readOnlyRootFilesystem is. Fields set by ' +
      'unevaluated Helm actions are not judged. docker-compose services, test fixtures and documentation snippets are not judged.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo)) {
      for (const c of w.containers) {
        ctx.applicable();
        if (hasUnknown(c, 'securityContext') || w.patchedUnknown) continue;
        const sc = c.securityContext;
        const pod = w.podSecurityContext;
        const missing: string[] = [];
        let serious = false;
        const user = sc?.runAsUser ?? pod?.runAsUser;
        const nonRoot = sc?.runAsNonRoot ?? pod?.runAsNonRoot;
        if (user === 0) { missing.push('a non-root user (runAsUser: 0 runs as root)'); serious = true; }
        else if (nonRoot === false && user === undefined) { missing.push('runAsNonRoot: true (set to false)'); serious = true; }
        else if (nonRoot !== true && !(user !== undefined && user > 0) && !w.podUnknown) { missing.push('runAsNonRoot: true'); serious = true; }
        if (sc?.readOnlyRootFilesystem !== true) missing.push('readOnlyRootFilesystem: true');
        if (sc?.allowPrivilegeEscalation !== false && sc?.privileged !== true) { missing.push('allowPrivilegeEscalation: false'); serious = true; }
        if (!missing.length) continue;
        const at = sc?.loc ?? c.loc;
        report({
          file: at.file, line: at.line, messageId: 'incomplete',
          data: { container: containerLabel(w, c), missing: missing.join(', ') },
          severity: serious ? 'medium' : 'low',
          confidence: confidenceFor(w, 'high', c),
        });
      }
    }
  },
});
