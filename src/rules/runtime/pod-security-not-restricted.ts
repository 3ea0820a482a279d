import { defineRepoRule } from '../define-rule.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { confidenceFor, containerLabel, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { K8S_MANIFESTS, k8sManifests } from '../../facts/k8s-manifests.js';
import type { Workload } from '../../facts/workload-types.js';
import type { RepoFacts } from '../../facts/repo-facts.js';

/** Commands that only stage files (copy a script, a binary or configuration into a shared volume) and exit. */
const FILE_STAGING = /^(?:cp|install|ln|mkdir|chmod|chown|mv|cat|echo|true|touch|rm|tar)$/;

/**
 * Whether an init container only stages files: in exec form (`[cp, -rLf, a, b]`) its program is a file-staging
 * command; as a shell script (`[sh, -c, "cp a b && chmod +x b"]`) every command of the script is one. It runs for a
 * moment before the pod starts and reads no input from the network; restricting it changes nothing a reviewer would
 * act on (blind sample of 2026-12-12: metallb's cp-reloader, cp-frr-files, cp-metrics).
 */
function stagesFilesOnly(commandLine: string[]): boolean {
  const program = (words: string) => words.trim().split(/\s+/)[0]!.replace(/^.*\//, '');
  const [first, ...rest] = commandLine;
  if (first === undefined) return false;
  if (!SHELL.test(first.trim())) return FILE_STAGING.test(program(first));
  const c = rest.findIndex((x) => /^-\w*c$/.test(x.trim()));
  const script = c >= 0 ? rest.slice(c + 1).join('\n') : '';
  const commands = script.split(/&&|\|\||;|\||\n/).map((x) => x.trim()).filter(Boolean);
  return commands.length > 0 && commands.every((x) => FILE_STAGING.test(program(x)));
}

/**
 * A pod that the restricted (or even baseline) Pod Security Standard can never admit: it shares a host namespace
 * (hostNetwork, hostPID, hostIPC) or runs a privileged container, and the repository's manifests put it in a
 * Namespace whose `pod-security.kubernetes.io/enforce` label is `privileged`, i.e. the project chose the privileged
 * level for it on purpose (metallb's speaker: hostNetwork in metallb-system).
 */
function unrestrictablePod(repo: RepoFacts, w: Workload): boolean {
  if (w.namespace === undefined) return false;
  if (!w.hostNamespaces?.length && !w.containers.some((c) => c.securityContext?.privileged === true)) return false;
  return k8sManifests(repo).namespaces.some((n) => n.name === w.namespace && n.enforce === 'privileged');
}

/** A shell as a container's program: sh, bash, /bin/sh, /usr/bin/bash. */
const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a)?sh$/;

export default defineRepoRule({
  meta: {
    id: 'RUN2030',
    name: 'pod-security-not-restricted',
    dimension: 'runtime',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 7 TP, 5 FP, 6 "nobody would act" of 18 judged — precision 58.3 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: design proof-of-concept manifests, third-party subcharts and demo storage, chart values users are expected to set. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Container without seccompProfile RuntimeDefault or capabilities.drop: [ALL] (restricted Pod Security Standard)',
    passCriterion: 'every container runs with seccompProfile RuntimeDefault (or Localhost) and drops ALL capabilities, as the restricted Pod Security Standard asks',
    rationale:
      'Unless the pod asks for it, Kubernetes runs containers without a seccomp filter (Unconfined) and with the runtime\'s ' +
      'default capability set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID…). A Go service needs none of that, but an attacker who ' +
      'gets code execution in it gets the full syscall surface of the node kernel and those capabilities for container ' +
      'escapes and network spoofing. The restricted Pod Security Standard requires both settings; namespaces that enforce it ' +
      'reject the pod.',
    fix: {
      text: 'Set `seccompProfile: {type: RuntimeDefault}` in the pod (or container) securityContext and ' +
        '`capabilities: {drop: [ALL]}` in each container securityContext (add back only what is needed, e.g. NET_BIND_SERVICE).',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          securityContext:\n            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: api\n          image: example/api:1.0\n          securityContext:\n            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop: [ALL]\n',
      },
    ],
    messages: {
      missing: '{{container}} runs without {{missing}} (restricted Pod Security Standard)',
      unconfined: '{{container}} sets seccompProfile Unconfined: every syscall of the node kernel is reachable from the container',
    },
    sources: [],
    notes:
      'One finding per container (init containers included, except those that only stage files: every command cp, install, ln, ' +
      'mkdir, chmod, chown, mv, cat, echo, touch, rm or tar, and those of pods the restricted level can never admit: a pod ' +
      'sharing a host namespace or running a privileged container, in a Namespace of the manifests labelled ' +
      'pod-security.kubernetes.io/enforce: privileged; the long-running containers of such pods are still reported, as ' +
      'seccomp and dropped capabilities still narrow what each process can do). seccompProfile counts at container or pod level (RuntimeDefault ' +
      'or Localhost); capabilities.drop must contain ALL at container level. Privileged containers are RUN2011\'s. Fields set ' +
      'by unevaluated Helm actions are not judged; a Helm `toYaml .Values.x` is read from values.yaml. The deprecated seccomp ' +
      'annotations (removed in Kubernetes 1.27) do not count. Manifests for OpenShift (under a folder or in a file named ' +
      'openshift/okd/ocp, or deployed only by kustomizations in such folders) are not judged: OpenShift\'s restricted-v2 ' +
      'SecurityContextConstraints drop ALL capabilities and assign the RuntimeDefault seccomp profile on admission. Test fixtures and documentation snippets are not judged.',
  },
  requires: [K8S_MANIFESTS],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo)) {
      for (const c of w.containers) {
        ctx.applicable();
        if (hasUnknown(c, 'securityContext') || w.patchedUnknown || c.securityContext?.privileged === true) continue;
        // an init container runs for a moment before the pod starts: hardening it alone gains nothing when it only
        // stages files, or when the pod is admitted at the privileged level anyway (blind sample of 2026-12-12: metallb's
        // cp-reloader and cp-metrics run /cp-tool in the hostNetwork speaker of the privileged metallb-system)
        if (c.init && (stagesFilesOnly(c.commandLine) || unrestrictablePod(repo, w))) continue;
        const sc = c.securityContext;
        const pod = w.podSecurityContext;
        const at = sc?.loc ?? c.loc;
        const label = containerLabel(w, c);
        const confidence = confidenceFor(w, 'high', c);
        const seccomp = sc?.seccompProfile ?? pod?.seccompProfile;
        if (seccomp !== undefined && /^unconfined$/i.test(seccomp)) {
          report({ file: at.file, line: at.line, messageId: 'unconfined', data: { container: label }, severity: 'medium', confidence });
          continue;
        }
        // OpenShift's restricted-v2 SecurityContextConstraints set both on admission: the pod is admitted restricted as written
        if (w.openshift) continue;
        const missing: string[] = [];
        const seccompUnknown = sc?.unknownKeys?.includes('seccompProfile') || pod?.unknownKeys?.includes('seccompProfile') || (w.podUnknown && seccomp === undefined);
        if (seccomp === undefined && !seccompUnknown) missing.push('seccompProfile RuntimeDefault');
        if (!sc?.unknownKeys?.includes('capabilities') && !(sc?.capabilitiesDrop ?? []).includes('ALL')) missing.push('capabilities.drop: [ALL]');
        if (!missing.length) continue;
        report({ file: at.file, line: at.line, messageId: 'missing', data: { container: label, missing: missing.join(' and ') }, confidence });
      }
    }
  },
});
