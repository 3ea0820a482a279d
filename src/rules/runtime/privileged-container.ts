import { defineRepoRule } from '../define-rule.js';
import { confidenceFor, containerLabel, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { hasUnknown, type Container, type Workload } from '../../facts/workload-types.js';

/**
 * Host paths whose use is the reason a node agent runs privileged: devices (/dev/kmsg, /dev), kernel interfaces (/sys,
 * /sys/fs/bpf, /proc), kernel modules, the host root, the kubelet's directory and container runtime sockets.
 */
const HOST_INTERFACE = /^\/(?:dev|sys|proc)(?:\/|$)|^\/(?:usr\/)?lib\/modules(?:\/|$)|^\/usr\/src(?:\/|$)|^\/+$|^\/var\/lib\/kubelet(?:\/|$)|\.sock$|^\/(?:var\/)?run\/(?:containerd|crio|docker|cri-dockerd)(?:\/|\.sock|$)/;

/**
 * Why privileged is the job of this container, when the manifest says so: it mounts a host device or kernel interface
 * (a node monitor reading /dev/kmsg, an eBPF agent using /sys/fs/bpf), asks for Bidirectional mount propagation (which
 * Kubernetes grants only to privileged containers), or belongs to a DaemonSet sharing the host's PID or network
 * namespace (a per-node agent). Undefined for anything else.
 */
function hostAccessReason(w: Workload, c: Container): string | undefined {
  if (c.volumeMounts.some((m) => m.bidirectional)) return 'Bidirectional mount propagation';
  const hostVolumes = (w.hostPathVolumes ?? []).filter((v) => v.path !== undefined && HOST_INTERFACE.test(v.path.replace(/\/+$/, '') || '/'));
  const mounted = hasUnknown(c, 'volumeMounts') ? hostVolumes : hostVolumes.filter((v) => v.name !== undefined && c.volumeMounts.some((m) => m.name === v.name));
  if (mounted.length) return `hostPath ${mounted[0]!.path}`;
  if (w.kind === 'DaemonSet') {
    const ns = (w.hostNamespaces ?? []).filter((n) => n === 'pid' || n === 'network');
    if (ns.length) return `DaemonSet with ${ns.map((n) => (n === 'pid' ? 'hostPID' : 'hostNetwork')).join(' and ')}`;
  }
  return undefined;
}

export default defineRepoRule({
  meta: {
    id: 'RUN2011',
    name: 'privileged-container',
    dimension: 'runtime',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 0 FP, 5 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: privileged containers that cannot run otherwise (Docker-in-Docker, VPN node agents on the host network, sysctl init containers). It returns to the default set when a fresh blind record clears the bar.',
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
    notes: 'Init containers are included. Node agents whose manifest shows that host access is their job are not ' +
      'reported: a container that mounts a host device or kernel interface by hostPath (/dev, /dev/kmsg, /sys, /sys/fs/bpf, ' +
      '/proc, /lib/modules, the host root, /var/lib/kubelet, a container runtime socket), asks for Bidirectional mount ' +
      'propagation (granted only to privileged containers), or belongs to a DaemonSet with hostPID or hostNetwork — removing ' +
      'privileged there breaks the agent, and the capabilities it would need instead cannot be read from the manifest. ' +
      'Test fixtures are not judged; documentation snippets are, at lowered confidence, but like all code that does not ship (the code role: docs/, examples/) they are reported only with --include-non-shipped.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { docs: true })) {
      for (const c of w.containers) {
        ctx.applicable();
        const sc = c.securityContext;
        if (sc?.privileged !== true || hostAccessReason(w, c) !== undefined) continue;
        const at = sc.privilegedLoc ?? sc.loc;
        report({ file: at.file, line: at.line, messageId: 'privileged', data: { container: containerLabel(w, c) }, confidence: confidenceFor(w, 'high', c) });
      }
    }
  },
});
