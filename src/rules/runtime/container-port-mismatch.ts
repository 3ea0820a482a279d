import { defineRepoRule } from '../define-rule.js';
import { k8sManifests } from '../../facts/k8s-manifests.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { classifyImage, confidenceFor, containerLabel, goCodeMatches, judgedWorkloads, onceReporter, selects } from '../_shared/runtime-workloads.js';
import { LISTEN_ADDRESSES, MAIN_PACKAGE_DIRS, OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2009',
    name: 'container-port-mismatch',
    dimension: 'runtime',
    severity: 'low',
    confidence: 'low',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 4 "nobody would act" of 7 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: ports served by a dependency\'s default server (knative sharedmain metrics and profiling) and stale sample manifests. It returns to the default set when a fresh blind record clears the bar.',
    title: 'Port wiring mismatch: containerPort the code never listens on, or Service targetPort name no pod declares',
    passCriterion: 'every containerPort and Service targetPort matches a port the code listens on or a declared port name',
    rationale:
      'A Service whose named targetPort matches no containerPort name of the pods it selects gets no endpoints for that ' +
      'port: every connection fails although the pods are healthy. A containerPort that the program never listens on ' +
      'usually means the manifest and the code drifted apart (the port moved to a flag default, a second listener was ' +
      'removed): Services, NetworkPolicies and scrape configs built on it point at nothing.',
    fix: {
      text: 'Make the Service targetPort name match a declared containerPort name; align containerPort with the address the program listens on (or pass the port on the command line).',
      effort: 'low',
    },
    examples: [
      {
        filename: 'app.yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ex\nspec:\n  selector:\n    app: ex\n  ports:\n    - port: 80\n      targetPort: http\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    metadata:\n      labels:\n        app: ex\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          ports:\n            - name: web\n              containerPort: 8080\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ex\nspec:\n  selector:\n    app: ex\n  ports:\n    - port: 80\n      targetPort: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    metadata:\n      labels:\n        app: ex\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          ports:\n            - name: web\n              containerPort: 8080\n',
      },
    ],
    messages: {
      notListened: 'containerPort {{port}} of {{container}} matches no port the code listens on ({{listens}}) and appears nowhere in the code or command line',
      targetPort: 'Service {{service}} targets port "{{port}}", which no container of the pods it selects ({{workloads}}) declares: the Service gets no endpoints for it',
    },
    sources: [],
    notes:
      'containerPort vs code: only for images built from this repository and only when the code has literal listen ' +
      'addresses (ListenAndServe(":8080"), net.Listen, http.Server{Addr}); the port number appearing anywhere in the ' +
      'Go code (flag defaults, constants) or in the container command/args/env counts as a match. Low severity and ' +
      'confidence. Service targetPort: only names (a numeric targetPort works without a containerPort declaration), ' +
      'only when the selected pods are found in the repository with readable ports; reported at medium severity, high confidence.',
  },
  requires: [DOCKERFILES, K8S_MANIFESTS, LISTEN_ADDRESSES, MAIN_PACKAGE_DIRS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    const workloads = judgedWorkloads(repo, { docs: true });
    // Service targetPort names
    for (const svc of k8sManifests(repo).services) {
      if (svc.role === 'test' || svc.role === 'vendor' || !svc.selector || !Object.keys(svc.selector).length) continue;
      const selected = workloads.filter((w) => selects(svc.selector!, w, svc.namespace));
      if (!selected.length) continue;
      ctx.applicable();
      if (selected.some((w) => w.patchedUnknown || w.containers.some((c) => hasUnknown(c, 'ports')))) continue;
      for (const p of svc.ports) {
        if (typeof p.targetPort !== 'string') continue;
        if (selected.some((w) => w.containers.some((c) => !c.init && c.ports.some((cp) => cp.name === p.targetPort)))) continue;
        report({
          file: p.loc.file, line: p.loc.line, messageId: 'targetPort', severity: 'medium', confidence: svc.role === 'docs' ? 'medium' : 'high',
          data: { service: svc.name ?? '?', port: p.targetPort, workloads: selected.map((w) => `${w.kind} ${w.name ?? '?'}`).join(', ') },
        });
      }
    }
    // containerPort vs the code's literal listen ports
    const listenPorts = new Set<number>();
    for (const l of repo.listenAddresses()) {
      const m = /:(\d+)$/.exec(l.addr);
      if (m) listenPorts.add(Number(m[1]));
    }
    if (!listenPorts.size) return;
    const listens = [...listenPorts].sort((a, b) => a - b).map((p) => `:${p}`).join(', ');
    for (const w of workloads) {
      for (const c of w.containers) {
        if (c.init || hasUnknown(c, 'ports') || !c.ports.length) continue;
        if (classifyImage(repo, c) !== 'own') continue;
        ctx.applicable();
        for (const p of c.ports) {
          if (typeof p.port !== 'number' || listenPorts.has(p.port)) continue;
          const re = new RegExp(`(^|[^\\d])${p.port}($|[^\\d])`);
          if (c.commandLine.some((a) => re.test(a)) || c.env.some((e) => e.value !== undefined && re.test(e.value))) continue;
          if (goCodeMatches(repo, new RegExp(`\\b${p.port}\\b`))) continue;
          report({
            file: p.loc.file, line: p.loc.line, messageId: 'notListened',
            data: { port: p.port, container: containerLabel(w, c), listens },
            confidence: confidenceFor(w, 'low', c),
          });
        }
      }
    }
  },
});
