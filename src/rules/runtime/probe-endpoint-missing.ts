import { defineRepoRule } from '../define-rule.js';
import { hasUnknown, type Container } from '../../facts/workload-types.js';
import type { RepoFacts } from '../../facts/repo-facts.js';
import { classifyImage, confidenceFor, containerLabel, escapeRe, goCodeMatches, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { HANDLER_PATHS, OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';

/** Libraries that serve health endpoints themselves: import path -> paths they register. */
const HEALTH_LIBRARIES: [string, string[]][] = [
  ['k8s.io/apiserver/pkg/server/healthz', ['/healthz', '/livez', '/readyz']],
  ['k8s.io/apiserver/pkg/server', ['/healthz', '/livez', '/readyz']],
  ['sigs.k8s.io/controller-runtime', ['/healthz', '/readyz']],
  ['github.com/heptiolabs/healthcheck', ['/live', '/ready']],
  ['github.com/grpc-ecosystem/grpc-health-probe', []],
];

function patternMatches(handler: string, p: string): boolean {
  if (handler === p) return true;
  if (handler.endsWith('/') && p.startsWith(handler)) return true; // ServeMux subtree (and "/" catch-all)
  if (!handler.endsWith('/') && p.startsWith(`${handler}/`)) return true; // prefix routers (PathPrefix)
  if (/[{:*]/.test(handler)) {
    const re = handler.split('/').map((seg) => {
      if (/^\{[^}]*\.\.\.\}$/.test(seg) || seg === '*' || /^\*\w*$/.test(seg)) return '.*';
      if (/^\{[^}]*\}$/.test(seg) || /^:\w+$/.test(seg)) return '[^/]+';
      return escapeRe(seg);
    }).join('/');
    return new RegExp(`^${re}/?$`).test(p);
  }
  return false;
}

/** True when the code (or a health library it imports) can serve `p`. */
export function pathServed(repo: RepoFacts, raw: string): boolean {
  const p = (raw.split(/[?#]/)[0] || '/').replace(/\/+$/, '') || '/';
  if (repo.handlerPaths().some((h) => patternMatches(h.path, p) || patternMatches(h.path, `${p}/`))) return true;
  for (const [imp, paths] of HEALTH_LIBRARIES) if (paths.includes(p) && repo.imports(imp, true)) return true;
  // handler paths held in constants, Go 1.22 "GET /path" patterns, concatenations: the literal anywhere in the code
  if (goCodeMatches(repo, new RegExp(`["\`\\s]${escapeRe(p)}/?["\`?]`))) return true;
  const last = p.slice(p.lastIndexOf('/') + 1);
  if (last.length >= 3 && goCodeMatches(repo, new RegExp(`["\`/]${escapeRe(last)}["\`]`))) return true;
  return false;
}

/**
 * Whether another (non-init) container of the pod, running an image that is not the repository's own (a sidecar),
 * listens on the probe's port: it declares it (containerPort or the port's name), or its command line names it as a
 * listen address or port (`--http-endpoint=localhost:29643`, `--health-port=9808`).
 */
function servedBySibling(repo: RepoFacts, containers: readonly Container[], probed: Container, port: string | undefined): boolean {
  if (port === undefined) return false;
  const numeric = /^\d+$/.test(port);
  const onCommandLine = new RegExp(`(?:[:=]|^)${escapeRe(port)}$`);
  const sidecar = (o: Container) => { const k = classifyImage(repo, o); return k !== 'own' && k !== 'templated'; };
  return containers.some((o) => o !== probed && !o.init && o.image !== probed.image && sidecar(o) && (
    o.ports.some((p) => String(p.port) === port || p.name === port) ||
    (numeric && o.commandLine.some((arg) => arg.split(/[\s,]+/).some((t) => onCommandLine.test(t))))
  ));
}

export default defineRepoRule({
  meta: {
    id: 'RUN2008',
    name: 'probe-endpoint-missing',
    dimension: 'runtime',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-22',
    experimentalReason:
      'Blind sample of 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 2 FP of 2 judged — below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: Helm templates that pick the probe\'s port name inline (`port: {{ if c }}monitoring{{ else }}http{{ end }}`) were rendered with both branches concatenated ("monitoringhttp") and reported as an undeclared named port. Reworked after the 2026-12-18 sample (an inline if/else is read branch by branch; only a branch naming a port that no container port declares under any condition is reported), so its record restarts at 2026-12-19 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-21 sample (a probe port a sidecar of the pod listens on is the sidecar’s: CSI livenessprobe containers), so its record restarts at 2026-12-22 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'Probe on a path the code does not serve, or on a port name the container does not declare',
    passCriterion: 'every probe targets a path the code serves on a port the container declares',
    rationale:
      'A readiness probe on a path the program does not serve gets 404 forever: the pod never becomes Ready, a rolling ' +
      'update stalls (or, with maxUnavailable, takes capacity away); a liveness probe on such a path restarts every pod ' +
      'in a loop after initialDelaySeconds. This usually follows a renamed endpoint (/health -> /healthz) that the ' +
      'manifests did not follow. A probe on a named port that the container does not declare fails the same way ' +
      '(the kubelet cannot resolve the name).',
    fix: { text: 'Point the probe at a path the program registers (or register the health handler the manifest expects), and at a port name declared in the container\'s ports.', effort: 'low' },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n          livenessProbe:\n            httpGet:\n              path: /metrics\n              port: metrics\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n          livenessProbe:\n            httpGet:\n              path: /metrics\n              port: http\n',
      },
    ],
    messages: {
      notServed: '{{probe}} probe of {{container}} requests {{path}}, which no handler in the code registers (registered: {{known}})',
      portName: '{{probe}} probe of {{container}} targets port "{{port}}", which the container does not declare: the probe can never succeed',
      portNameBranch: '{{probe}} probe of {{container}} targets port "{{port}}" in one branch of a template condition, and no branch declares that port: the probe can never succeed there',
    },
    sources: [],
    notes:
      'Cross-file: compares probe paths with the HTTP handler paths registered in non-test Go code (Handle, HandleFunc, ' +
      'router GET/Path/PathPrefix...). Only judged when the repository registers some handlers and only for images built ' +
      'from this repository. Conservative matching: subtree patterns ("/debug/"), prefix routes, {param} segments, the ' +
      'path (or its last segment) appearing as a string literal anywhere in the code, and health libraries ' +
      '(k8s.io/apiserver healthz, controller-runtime, heptiolabs/healthcheck) all count as served. The example ' +
      'repository of the meta test has no Go handlers, so its example shows the named-port case. The named-port check is ' +
      'pure manifest and applies to every image. A Helm template that picks the port name inline (`port: {{ if c }}monitoring{{ else }}http{{ end }}`) ' +
      'is read branch by branch: each name must be declared by the container in some branch (a port declared under the same condition counts). ' +
      'A probe port that a sidecar of the pod listens on (another image declaring the port, or naming it on its command line: a CSI ' +
      'livenessprobe started with `--http-endpoint=localhost:29643`) is answered by that sidecar: pods share one network.',
  },
  requires: [DOCKERFILES, HANDLER_PATHS, K8S_MANIFESTS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const handlers = repo.handlerPaths();
    const report = onceReporter(ctx.report);
    const known = [...new Set(handlers.map((h) => h.path))].sort().slice(0, 6).join(', ') + (new Set(handlers.map((h) => h.path)).size > 6 ? ', ...' : '');
    for (const w of judgedWorkloads(repo, { docs: true })) {
      for (const c of w.containers) {
        const img = classifyImage(repo, c);
        if (hasUnknown(c, 'probes')) continue;
        for (const probe of Object.values(c.probes)) {
          if (!probe) continue;
          // the named port, or each branch's name of a Helm `port: {{ if c }}a{{ else }}b{{ end }}` on an undecided
          // condition (declared under any condition counts: the chart declares `a` under the same `if c`)
          const branches = probe.port === undefined;
          const names = (branches ? probe.portAlternatives ?? [] : [probe.port!]).filter((n) => n !== '' && !/^\d+$/.test(n));
          if (names.length && (probe.handler === 'httpGet' || probe.handler === 'tcpSocket')) {
            ctx.applicable();
            const missing = names.find((n) => !c.ports.some((p) => p.name === n));
            if (missing !== undefined && !hasUnknown(c, 'ports') && !w.patchedUnknown) {
              const at = probe.portLoc ?? probe.loc;
              report({
                file: at.file, line: at.line, messageId: branches ? 'portNameBranch' : 'portName',
                data: { probe: probe.type, container: containerLabel(w, c), port: missing },
                confidence: confidenceFor(w, 'high', c),
              });
              continue;
            }
          }
          if (!handlers.length || (img !== 'own' && img !== 'templated')) continue;
          if (probe.handler !== 'httpGet' || probe.path === undefined) continue;
          // pods share one network: a probe port another container of the pod listens on is that container's (a CSI
          // livenessprobe sidecar started with --http-endpoint=localhost:29643; blind sample of 2026-12-21)
          if (servedBySibling(repo, w.containers, c, probe.port)) continue;
          ctx.applicable();
          if (pathServed(repo, probe.path)) continue;
          const at = probe.pathLoc ?? probe.loc;
          report({
            file: at.file,
            line: at.line,
            messageId: 'notServed',
            data: { probe: probe.type, container: containerLabel(w, c), path: probe.path, known },
            confidence: confidenceFor(w, img === 'own' ? 'medium' : 'low', c),
          });
        }
      }
    }
  },
});
