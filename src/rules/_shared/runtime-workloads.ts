/**
 * Shared reading of deployable containers for the runtime-config repo rules: which workloads to
 * judge (test fixtures never; documentation examples at lowered confidence), whether a
 * container's image is built from this repository (its Go code, go.mod and handlers then apply),
 * an obvious non-Go image, or unknown, plus cheap text searches over the repository's Go code.
 */
import path from 'node:path';
import type { Confidence } from '../../core/types.js';
import { lowerConfidence } from '../../core/types.js';
import type { RepoFacts, RepoModule } from '../../facts/repo-facts.js';
import { k8sManifests } from '../../facts/k8s-manifests.js';
import { composeServices } from '../../facts/compose-files.js';
import { HELM_PLACEHOLDER } from '../../facts/helm-templates.js';
import { GENERIC_DIRS, OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { dockerfiles, IMAGE_ENV_DEFAULTS, type DockerfileFacts, type ImageEnvDefault } from '../../facts/dockerfiles.js';
import { dockerfileLanguage } from '../../facts/dockerfile-language.js';
import type { Container, EnvVar, Workload } from '../../facts/workload-types.js';
import { TOOLING_IMAGE_NAMES } from '../../facts/image-names.js';
import { goreleaserConfigs } from '../../facts/goreleaser.js';
import { koConfigs } from '../../facts/ko.js';
import { moduleProject, ownerNames } from '../../core/module-owner.js';
import { helmValues } from '../../facts/k8s-helm.js';
import { chartDirOf } from '../../facts/k8s-manifests.js';
import { getIn, scalar } from '../../facts/yaml-doc.js';

/**
 * own: built from this repo; templated: image set by a Helm chart of this repo; other: a named image the tool cannot
 * place; placeholder: `{IMAGE}` / `${IMAGE}` / `<image>` substituted by some script (unknown); nonGo: obviously not Go.
 */
export type ImageClass = 'own' | 'templated' | 'other' | 'placeholder' | 'nonGo';

const NON_GO_IMAGES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'redis', 'valkey', 'nginx', 'nginx-unprivileged', 'openresty', 'busybox', 'alpine', 'ubuntu',
  'debian', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'memcached', 'mongo', 'mongodb', 'rabbitmq',
  'elasticsearch', 'kibana', 'logstash', 'opensearch', 'python', 'node', 'openjdk', 'eclipse-temurin', 'amazoncorretto',
  'java', 'ruby', 'php', 'httpd', 'haproxy', 'envoy', 'kafka', 'cp-kafka', 'zookeeper', 'cassandra', 'curl', 'bash', 'perl',
  'wordpress', 'jenkins', 'tomcat', 'solr', 'clickhouse-server', 'squid', 'varnish', 'keycloak', 'nats-box', 'dotnet',
  'aspnet', 'runtime', 'sdk', 'mssql-server', 'oracle', 'couchdb', 'neo4j', 'influxdb', 'memcache',
]);

/** The repository name part of an image reference: registry, tag and digest removed. */
export function imageRepoName(image: string): string {
  let s = image.trim().replace(/@sha256:[0-9a-f]+$/i, '');
  const segs = s.split('/');
  if (segs.length > 1 && /[.:]|^localhost$/.test(segs[0]!)) segs.shift();
  s = segs.join('/');
  return s.replace(/:[^/]*$/, '').toLowerCase();
}

/** Folder names that say where a Dockerfile lives, not which image it builds. */
const DOCKERFILE_DIRS = new Set(['docker', 'dockerfiles', 'build', 'builds', 'image', 'images', 'container', 'containers', 'deploy', 'deployments', 'package', 'packaging', 'dist', 'release']);

/** The image names a Dockerfile of the repository would be built as: its folder (`ui/Dockerfile`), its name part (`Dockerfile.ui`, `ui.Dockerfile`). */
function dockerfileImageNames(df: DockerfileFacts): string[] {
  const dir = path.posix.dirname(df.file);
  const base = path.posix.basename(df.file).toLowerCase();
  const names: string[] = [];
  const folder = path.posix.basename(dir).toLowerCase();
  if (dir !== '.' && !GENERIC_DIRS.has(folder) && !DOCKERFILE_DIRS.has(folder)) names.push(folder);
  const part = /^(?:docker|container)file[._-](.+)$/.exec(base)?.[1] ?? /^(.+)\.(?:docker|container)file$/.exec(base)?.[1];
  if (part) names.push(part);
  return names;
}

/**
 * The repository's Dockerfiles an image is built from, by name: the image's last path segment is a Dockerfile's
 * folder or name part, alone or after one of the repository's own names (`postgres-operator-ui` for `ui/Dockerfile`).
 */
export function dockerfilesForImage(repo: RepoFacts, image: string): readonly DockerfileFacts[] {
  const name = imageRepoName(image);
  const last = name.slice(name.lastIndexOf('/') + 1);
  return imageNameIndex(dockerfiles(repo), repo.fact(OWN_IMAGE_NAMES)).get(last) ?? [];
}

/** imageNameIndex's maps, by the Dockerfiles fact and then the own-names fact they were made from (each value is made once a run). */
const nameIndexes = new WeakMap<readonly DockerfileFacts[], WeakMap<readonly string[], Map<string, DockerfileFacts[]>>>();

/**
 * The non-test Dockerfiles by each image name they would be built as (a folder or name part, alone or after one of the
 * repository's own names), in the Dockerfiles' order: made once for the two facts it is made from, where a filter of
 * every Dockerfile for each container of each runtime rule was a quarter of the audit of a repository of ~150 Dockerfiles.
 */
function imageNameIndex(dfs: readonly DockerfileFacts[], own: readonly string[]): Map<string, DockerfileFacts[]> {
  let byOwn = nameIndexes.get(dfs);
  if (!byOwn) nameIndexes.set(dfs, (byOwn = new WeakMap()));
  let index = byOwn.get(own);
  if (index) return index;
  index = new Map();
  for (const df of dfs) {
    if (df.role === 'test') continue;
    const keys = new Set<string>();
    for (const n of dockerfileImageNames(df)) {
      keys.add(n);
      for (const o of own) keys.add(`${o}-${n}`);
    }
    for (const k of keys) {
      const list = index.get(k);
      if (list) list.push(df); else index.set(k, [df]);
    }
  }
  byOwn.set(own, index);
  return index;
}

export function classifyImage(repo: RepoFacts, c: Container): ImageClass {
  if (c.builtFromRepo) return 'own';
  if (!c.image || c.image.includes(HELM_PLACEHOLDER) || c.unknown.includes('image')) return 'templated';
  if (/\$\{|\$\(|\{[A-Za-z_]\w*\}|<[^>]+>|^\$\w/.test(c.image)) return 'placeholder';
  const name = imageRepoName(c.image);
  const last = name.slice(name.lastIndexOf('/') + 1);
  // built by a Dockerfile of this repository whose program is not Go (a Python UI beside a Go operator)
  const built = dockerfilesForImage(repo, c.image);
  if (built.length && built.every((df) => dockerfileLanguage(df) === 'other')) return 'nonGo';
  if (repo.fact(OWN_IMAGE_NAMES).includes(last)) return 'own';
  return NON_GO_IMAGES.has(last) ? 'nonGo' : 'other';
}

/**
 * Who makes a container's image (whatever its language): `own` — built from this repository (a compose `build:`, or
 * its name is the repository's, a module's or a main package's, one a Dockerfile of the repository would be built as,
 * or one its build tooling gives an image: TOOLING_IMAGE_NAMES); `owner` — published under the repository owner's
 * namespace (quay.io/metallb/frr-k8s in github.com/metallb/metallb) or the project's own (gke.gcr.io/prometheus-engine/
 * prometheus in github.com/GoogleCloudPlatform/prometheus-engine): a sibling program of the same maintainers;
 * `foreign` — any other named image, where the repository demonstrably builds its own images (production
 * Dockerfiles, ko, GoReleaser images, image names in its tooling): someone else's program (the kubernetes-csi
 * sidecars beside a CSI driver, an upstream operator's release manifest copied in), whose settings are fixed upstream;
 * `unknown` — templated or substituted images, and named ones in a repository whose own image builds are not seen.
 */
export type ImageOwnership = 'own' | 'owner' | 'foreign' | 'unknown';

export function imageOwnership(repo: RepoFacts, c: Container): ImageOwnership {
  if (c.builtFromRepo) return 'own';
  if (!c.image || c.image.includes(HELM_PLACEHOLDER) || c.unknown.includes('image')) {
    // a Helm image composed from values (`printf "%s:%s" .Values.sidecars.livenessProbe.image.repository …`, a helper
    // given the values key): the repositories values.yaml names decide
    const refs = helmImageRefs(repo, c);
    if (!refs.length) return 'unknown';
    const kinds = refs.map((r) => ownershipOfRef(repo, r));
    return kinds.includes('own') ? 'own' : kinds.includes('unknown') ? 'unknown' : kinds.includes('owner') ? 'owner' : 'foreign';
  }
  return ownershipOfRef(repo, c.image);
}

function ownershipOfRef(repo: RepoFacts, image: string): ImageOwnership {
  if (/^ko:\/\//.test(image)) return 'own';
  if (/\$\{|\$\(|\{[A-Za-z_]\w*\}|<[^>]+>|^\$\w/.test(image)) return 'unknown';
  const name = imageRepoName(image);
  const segs = name.split('/');
  const last = segs[segs.length - 1]!;
  if (ownImageNameSet(repo).has(last) || dockerfilesForImage(repo, image).length) return 'own';
  const paths = repo.modules.flatMap((m) => (m.path ? [m.path] : []));
  const owners = repo.memo('runtime:owner-names', () => new Set(ownerNames(paths).map(alnum)));
  // the project's own registry namespace (gke.gcr.io/prometheus-engine/prometheus in github.com/…/prometheus-engine)
  const projects = repo.memo('runtime:project-names', () => new Set(paths.flatMap((p) => {
    const s = p.split('/').filter((x) => !/^v\d+$/.test(x));
    return s.length > 1 ? [alnum(s[s.length - 1]!), alnum(moduleProject(p).split('/').pop()!)] : [];
  }).filter((n) => n.length >= 4)));
  if (segs.length > 1 && (owners.has(alnum(segs[0]!)) || segs.slice(0, -1).some((x) => projects.has(alnum(x))))) return 'owner';
  return buildsOwnImages(repo) ? 'foreign' : 'unknown';
}

/** Keys under which a chart's values hold an image's repository. */
const IMAGE_REPO_KEYS = ['repository', 'repo', 'image', 'name'];

/**
 * The image repositories a templated Helm image line names through values.yaml: each `.Values.a.b.repository` it reads,
 * and for a quoted key handed to a helper (`include "imageSpec" (list .Values "externalSnapshotter")`, or a node pool's
 * values `(list $nodePool "pluginRegistrar")`)
 * the repository of that key's entry at the top of values or under `images`/`image`/`sidecars`. Empty when the line
 * reads nothing that resolves.
 */
function helmImageRefs(repo: RepoFacts, c: Container): string[] {
  const loc = c.imageLoc;
  if (!loc) return [];
  const line = repo.readText(loc.file).text?.split('\n')[loc.line - 1];
  if (!line || !line.includes('{{')) return [];
  const chart = chartDirOf(k8sManifests(repo).charts, loc.file);
  if (chart === undefined) return [];
  const values = repo.memo(`runtime:helm-values:${chart}`, () => helmValues(repo, chart, () => {}));
  if (!values?.root) return [];
  const at = (keys: string[]): { str?: string; node?: unknown } | undefined => {
    const e = getIn(values.ctx, values.root, keys);
    if (!e) return undefined;
    const v = scalar(values.ctx, e.value);
    return typeof v === 'string' ? { str: v } : { node: e.value };
  };
  const out: string[] = [];
  for (const m of line.matchAll(/\.Values((?:\.[A-Za-z_][\w-]*)+)/g)) {
    const keys = m[1]!.slice(1).split('.');
    if (!IMAGE_REPO_KEYS.includes(keys[keys.length - 1]!)) continue;
    const v = at(keys);
    if (v?.str) out.push(v.str);
  }
  if (!out.length && /\.Values\b|\binclude\b/.test(line)) {
    for (const m of line.matchAll(/"([A-Za-z_][\w-]*)"/g)) {
      for (const base of [[], ['images'], ['image'], ['sidecars']]) {
        for (const k of IMAGE_REPO_KEYS) {
          const v = at([...base, m[1]!, k]) ?? at([...base, m[1]!, 'image', k]);
          if (v?.str) { out.push(v.str); break; }
        }
        if (out.length) break;
      }
    }
  }
  return out;
}

const alnum = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The repository's own image names: OWN_IMAGE_NAMES and the names its build tooling gives images. */
function ownImageNameSet(repo: RepoFacts): Set<string> {
  return repo.memo('runtime:own-image-name-set', () => new Set([...repo.fact(OWN_IMAGE_NAMES), ...repo.fact(TOOLING_IMAGE_NAMES)]));
}

/**
 * Whether the repository demonstrably builds container images of its own: a production Dockerfile, a ko config or
 * GoReleaser images, image names in its build tooling, or a compose service built from it.
 */
export function buildsOwnImages(repo: RepoFacts): boolean {
  return repo.memo('runtime:builds-own-images', () =>
    dockerfiles(repo).some((df) => df.role === 'production')
    || repo.fact(TOOLING_IMAGE_NAMES).length > 0
    || goreleaserConfigs(repo).some((g) => g.parsed && (g.dockers.length > 0 || g.kos.length > 0))
    || koConfigs(repo).some((k) => k.parsed)
    || composeServices(repo).services.some((w) => w.containers.some((c) => c.builtFromRepo)));
}

/**
 * The repository's Dockerfiles whose image its own manifests run privileged (securityContext.privileged: true): a mount
 * driver (CSI node plugins, FUSE mounters) or a node agent that needs root by design. An own image run privileged that
 * no Dockerfile matches by name is the unnamed production Dockerfile's (a root `Dockerfile`) when there is exactly one.
 */
export function privilegedDockerfiles(repo: RepoFacts): Set<string> {
  const out = new Set<string>();
  const unnamed = dockerfiles(repo).filter((df) => df.role === 'production' && !dockerfileImageNames(df).length);
  for (const w of judgedWorkloads(repo)) {
    for (const c of w.containers) {
      if (c.securityContext?.privileged !== true || !c.image || classifyImage(repo, c) !== 'own') continue;
      const built = dockerfilesForImage(repo, c.image);
      if (built.length) for (const df of built) out.add(df.file);
      else if (unnamed.length === 1) out.add(unnamed[0]!.file);
    }
  }
  return out;
}

/**
 * Workloads to judge: Kubernetes (manifests, kustomize, Helm), and compose services when asked; never test
 * fixtures. Documentation snippets are left out unless `docs` is set: rules about something MISSING (limits,
 * probes, securityContext) do not judge deliberately minimal examples, rules about a wrong value do.
 */
export function judgedWorkloads(repo: RepoFacts, opts: { compose?: boolean; docs?: boolean } = {}): Workload[] {
  const k = k8sManifests(repo).workloads;
  const c = opts.compose ? composeServices(repo).services : [];
  return [...k, ...c].filter((w) => w.role !== 'test' && w.role !== 'vendor' && (opts.docs || w.role !== 'docs'));
}

/**
 * Confidence for a finding on workload `w` (container `c`): documentation examples one step lower, and Helm
 * containers rendered only under a condition the tool could not evaluate one step lower.
 */
export function confidenceFor(w: Workload, base: Confidence, c?: Container): Confidence {
  let conf = w.role === 'docs' ? lowerConfidence(base) : base;
  if (c?.conditional) conf = lowerConfidence(conf);
  return conf;
}

/** The effective env var `name` (Kubernetes: the last definition wins). */
export function envVar(c: Container, name: string): EnvVar | undefined {
  let hit: EnvVar | undefined;
  for (const e of c.env) if (e.name === name) hit = e;
  return hit;
}

/** The default of the variable `name` in the images the repository's production Dockerfiles build (IMAGE_ENV_DEFAULTS). */
export function imageEnvDefault(repo: RepoFacts, name: string): ImageEnvDefault | undefined {
  return repo.fact(IMAGE_ENV_DEFAULTS).find((e) => e.name === name);
}

/** Whether a label selector (a Service's, a PodDisruptionBudget's) picks the pods of `w` (same namespace when both say). */
export function selects(selector: Record<string, string>, w: Workload, ns: string | undefined): boolean {
  if (!w.podLabels) return false;
  if (ns !== undefined && w.namespace !== undefined && ns !== w.namespace) return false;
  return Object.entries(selector).every(([k, v]) => w.podLabels![k] === v);
}

export function containerLabel(w: Workload, c: Container): string {
  const where = w.kind === 'compose' ? `compose service ${w.name ?? '?'}` : `${w.kind}${w.name ? ` ${w.name}` : ''}`;
  return w.kind === 'compose' ? where : `container "${c.name ?? '?'}" of ${where}`;
}

/** Non-test, non-generated Go sources (read once, only when a rule needs them). */
function goTexts(repo: RepoFacts): { rel: string; text: string; module?: string }[] {
  return repo.memo('runtime:go-texts', () =>
    repo.goFiles.filter((f) => !f.isTest && !f.generated).flatMap((f) => {
      const t = repo.readText(f.rel).text;
      return t === undefined ? [] : [{ rel: f.rel, text: t, module: f.module }];
    }));
}

/** Whether any non-test Go file matches `re` (memoised by the pattern). */
export function goCodeMatches(repo: RepoFacts, re: RegExp): boolean {
  return repo.memo(`runtime:grep:${re.source}:${re.flags}`, () => goTexts(repo).some((f) => re.test(f.text)));
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The module whose binary an own image most likely runs: the module of a main package named like the image, else the root module. */
export function moduleForImage(repo: RepoFacts, c: Container): RepoModule | undefined {
  if (c.image) {
    const name = imageRepoName(c.image);
    const last = name.slice(name.lastIndexOf('/') + 1);
    const dir = repo.mainPackageDirs().find((d) => path.posix.basename(d).toLowerCase() === last);
    if (dir !== undefined) {
      const f = repo.goFiles.find((g) => path.posix.dirname(g.rel) === dir);
      const m = repo.modules.find((mm) => mm.dir === f?.module);
      if (m) return m;
    }
  }
  return repo.modules.find((m) => m.dir === '') ?? (repo.modules.length === 1 ? repo.modules[0] : undefined);
}

/** Deduplicating report helper: one finding per file:line:message (Helm values shared by several templates). */
export function onceReporter<T extends { file: string; line: number; messageId: string; data?: Record<string, string | number> }>(report: (r: T) => void): (r: T) => void {
  const seen = new Set<string>();
  return (r) => {
    const key = `${r.file}:${r.line}:${r.messageId}:${JSON.stringify(r.data ?? {})}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(r);
  };
}
