/**
 * Shared shape of deployable workloads read from Kubernetes manifests, Helm charts, kustomize
 * trees and docker-compose files. Every fact carries the file and 1-based line of the YAML node it
 * came from, so rules report at the exact node (a values.yaml line when the value came from there).
 */

import { roleOfPath, type CodeRole, type RepositoryLayout } from '../core/code-roles.js';

export interface Loc { file: string; line: number }

export interface Quantity {
  /** The text as written ("512Mi", 1, "__helm_tpl__"). */
  raw: string;
  /** Bytes for memory, millicores for CPU; undefined when the text is not a valid quantity (or templated). */
  value?: number;
  loc: Loc;
}

export interface EnvVar {
  name: string;
  /** Literal value (env[].value, a ConfigMap key or a compose environment entry). */
  value?: string;
  /** valueFrom source: fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef (value unknown). */
  from?: { kind: string; resource?: string; divisor?: string; containerName?: string };
  /** Value holds a $(VAR) expansion or a template placeholder: set, but to an unknown value. */
  dynamic?: boolean;
  /** The env item (its `- name:` line). */
  loc: Loc;
  /** The `value:` line, when there is one. */
  valueLoc?: Loc;
}

export type ProbeType = 'liveness' | 'readiness' | 'startup';

export interface Probe {
  type: ProbeType;
  handler?: 'httpGet' | 'tcpSocket' | 'grpc' | 'exec';
  path?: string;
  port?: string;
  /** The port is a Helm inline if/else on an undecided condition: the value of each branch ('' when none renders). */
  portAlternatives?: string[];
  loc: Loc;
  pathLoc?: Loc;
  portLoc?: Loc;
}

export interface SecurityContext {
  loc: Loc;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  privilegedLoc?: Loc;
  /** seccompProfile.type (RuntimeDefault, Localhost, Unconfined). */
  seccompProfile?: string;
  /** capabilities.drop entries as written (upper-cased). */
  capabilitiesDrop?: string[];
  /** Sub-fields a Helm output action sets (never judged): 'seccompProfile', 'capabilities'. */
  unknownKeys?: string[];
}

export interface ContainerPort { port: number | string; name?: string; loc: Loc }

/** A volumeMounts entry: the pod volume it mounts and whether mounts propagate back to the host (Bidirectional). */
export interface VolumeMount { name?: string; mountPath?: string; bidirectional?: boolean }

/** A pod volume backed by a host path; `path` undefined when templated. */
export interface HostPathVolume { name?: string; path?: string; loc: Loc }

/** Container fields that could not be read (Helm output actions, JSON6902 patches): never report their absence. */
export type UnknownField = 'resources' | 'probes' | 'securityContext' | 'env' | 'ports' | 'image' | 'volumeMounts' | '*';

export interface Container {
  name?: string;
  image?: string;
  imageLoc?: Loc;
  /** The container item's first line (the `- name:` / `- image:` line). */
  loc: Loc;
  init: boolean;
  env: EnvVar[];
  /** envFrom / env_file entries that could not be resolved to known keys. */
  envUnknown: boolean;
  resources: {
    loc?: Loc;
    limits: { memory?: Quantity; cpu?: Quantity };
    requests: { memory?: Quantity; cpu?: Quantity };
  };
  probes: Partial<Record<ProbeType, Probe>>;
  securityContext?: SecurityContext;
  ports: ContainerPort[];
  /** volumeMounts as written (unknown when templated: UnknownField 'volumeMounts'). */
  volumeMounts: VolumeMount[];
  /** envFrom references (configMapRef / secretRef), resolved against ConfigMaps of the repo. */
  envFrom: { kind: 'configMap' | 'secret' | 'file'; name?: string; prefix?: string; loc: Loc }[];
  /** command + args as written (for ports/flags mentioned on the command line). */
  commandLine: string[];
  /** docker-compose `build:`: the image is built from this repository. */
  builtFromRepo?: boolean;
  unknown: UnknownField[];
  /** Helm: the container sits under an `if`/`with` the tool could not evaluate (rendered only in some setups). */
  conditional?: boolean;
}

export type WorkloadSource = 'manifest' | 'helm' | 'compose';
/** Where the file lives: test fixtures and vendored code are not judged, documentation snippets only by some rules. */
export type FileRole = 'deploy' | 'example' | 'docs' | 'test' | 'vendor';

export interface Workload {
  kind: string;
  name?: string;
  namespace?: string;
  /** Pod template labels (undefined when templated / unreadable). */
  podLabels?: Record<string, string>;
  file: string;
  loc: Loc;
  /** The object's first and last line in its file. */
  lines?: { from: number; to: number };
  source: WorkloadSource;
  role: FileRole;
  containers: Container[];
  podSecurityContext?: SecurityContext;
  /** Pod-level fields could not be read (Helm output action at pod spec level). */
  podUnknown: boolean;
  /** Host namespaces the pod shares: hostPID, hostNetwork, hostIPC set to a literal true. */
  hostNamespaces?: ('pid' | 'network' | 'ipc')[];
  /** The pod's hostPath volumes. */
  hostPathVolumes?: HostPathVolume[];
  /** The pod's volume list could not be read in full (a Helm action inside it, a JSON6902 patch): more may exist. */
  volumesUnknown?: boolean;
  /**
   * The manifest targets OpenShift: it sits under a folder or in a file named for OpenShift (config/overlays/openshift/,
   * deploy/openshift.yaml), or only kustomizations in such folders deploy it. OpenShift's admission (the
   * restricted-v2 SecurityContextConstraints) assigns the pod its seccomp profile and dropped capabilities.
   */
  openshift?: boolean;
  /** Helm chart directory, for charts. */
  chart?: string;
  /** Kustomizations whose resources reach this file. */
  kustomizations?: string[];
  /**
   * spec.replicas of a Deployment/StatefulSet/ReplicaSet: `value` when a literal number, absent `value` when
   * templated or changed by a kustomize replicas transformer; undefined when the key is absent (Kubernetes: 1).
   */
  replicas?: { value?: number; loc: Loc };
  /** Changed by a JSON6902 patch or a patch that could not be read: absence findings are not reported. */
  patchedUnknown?: boolean;
}

/** A path naming OpenShift by a folder or file-name word (openshift, okd, ocp): `config/overlays/openshift/x.yaml`, `deploy/operator-openshift.yaml`. */
export function openshiftPath(rel: string): boolean {
  return rel.split('/').some((seg) => seg.replace(/\.ya?ml$/i, '').split(/[-_.]+/).some((w) => /^(?:openshift|okd|ocp)$/i.test(w)));
}

export function hasUnknown(c: Container, field: UnknownField): boolean {
  return c.unknown.includes('*') || c.unknown.includes(field);
}

const FILE_ROLE: Record<CodeRole, FileRole> = {
  production: 'deploy', example: 'example', docs: 'docs', test: 'test', 'test-support': 'test', tooling: 'test', 'third-party': 'vendor', unreachable: 'test',
};

/**
 * Classifies a manifest path with the one code-role model (src/core/code-roles.ts): deployable config, examples,
 * documentation, test fixtures and developer tooling (not judged), or third-party copies. Facts pass the repository's
 * layout (RepoFacts.layout): an archived release's chart or manifests are documentation, a module copy's third-party.
 */
export function fileRole(rel: string, layout?: RepositoryLayout): FileRole {
  return FILE_ROLE[roleOfPath(rel, layout)];
}

export interface ServiceFact {
  name?: string;
  namespace?: string;
  file: string;
  loc: Loc;
  role: FileRole;
  /** undefined when the selector is templated or absent (headless/external services). */
  selector?: Record<string, string>;
  ports: { port?: number; targetPort?: number | string; loc: Loc }[];
}
