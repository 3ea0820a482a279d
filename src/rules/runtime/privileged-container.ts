import { defineRepoRule } from '../define-rule.js';
import { confidenceFor, containerLabel, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2011',
    name: 'privileged-container',
    dimension: 'runtime',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'Container runs privileged',
    passCriterion: 'no container runs privileged',
    rationale:
      'securityContext.privileged: true gives the container every capability and the host\'s devices, disables ' +
      'seccomp/AppArmor confinement and allows privilege escalation: a compromise of the process is a compromise of ' +
      'the node and of every pod on it. Few workloads need it (CNI plugins, some storage and node agents); an ' +
      'application service never does.',
    fix: {
      text: 'Remove privileged: true; grant only the specific capabilities needed (securityContext.capabilities.add, e.g. NET_ADMIN) or move the privileged part into a narrowly scoped node agent.',
      effort: 'medium',
    },
    examples: [
      {
        filename: 'daemonset.yaml',
        bad: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: example/agent:1.0\n          securityContext:\n            privileged: true\n',
        good: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: example/agent:1.0\n          securityContext:\n            privileged: false\n            capabilities:\n              add: [NET_ADMIN]\n',
      },
    ],
    messages: {
      privileged: '{{container}} runs privileged (full host access)',
    },
    sources: [],
    notes: 'Init containers are included. Test fixtures are not judged; documentation snippets are, at lowered confidence, but like all code that does not ship (the code role: docs/, examples/) they are reported only with --include-non-shipped.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { docs: true })) {
      for (const c of w.containers) {
        ctx.applicable();
        const sc = c.securityContext;
        if (sc?.privileged !== true) continue;
        const at = sc.privilegedLoc ?? sc.loc;
        report({ file: at.file, line: at.line, messageId: 'privileged', data: { container: containerLabel(w, c) }, confidence: confidenceFor(w, 'high', c) });
      }
    }
  },
});
