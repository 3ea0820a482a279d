/**
 * Who publishes what: the owner of a Go module path and of a container image, compared with the
 * owners of this repository's own modules. A dependency or base image from the same owner is
 * co-developed (pinned by commit or tracked at a moving tag on purpose, across the owner's projects).
 */
import type { ImageRef } from './image-ref.js';
import type { RepoFacts } from './repo-facts.js';

/** Code hosts whose first path element after the host is the owner (github.com/<owner>/<repo>). */
const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitee.com', 'sr.ht', 'git.sr.ht']);

/**
 * The owner of a module path: `host/owner` on a code host (github.com/ory), else the host of a
 * vanity path (go.temporal.io, k8s.io, sigs.k8s.io); undefined for a path without a host.
 */
export function moduleOwner(modulePath: string): string | undefined {
  const parts = modulePath.toLowerCase().split('/');
  const host = parts[0] ?? '';
  if (!host.includes('.')) return undefined;
  if (CODE_HOSTS.has(host)) return parts[1] ? `${host}/${parts[1].replace(/^~/, '')}` : undefined;
  return host;
}

/** Owners of this repository's modules. */
export function repoOwners(repo: RepoFacts): Set<string> {
  const out = new Set<string>();
  for (const m of repo.modules) {
    const o = m.path ? moduleOwner(m.path) : undefined;
    if (o) out.add(o);
  }
  return out;
}

/** Whether a module comes from one of this repository's owners. */
export function sameOwnerModule(repo: RepoFacts, modulePath: string): boolean {
  const o = moduleOwner(modulePath);
  return o !== undefined && repoOwners(repo).has(o);
}

/**
 * Whether an image is published under the name of one of this repository's code-host owners:
 * its namespace (the path element before the image's own name, e.g. quay.io/prometheus/busybox,
 * ghcr.io/ory/oathkeeper) equals the owner's name (github.com/prometheus → prometheus), or names the organisation
 * a sister organisation is named after (github.com/prometheus-community → prometheus).
 */
export function sameOwnerImage(repo: RepoFacts, ref: ImageRef): boolean {
  const parts = ref.name.toLowerCase().split('/');
  if (parts.length < 2) return false;
  const namespace = parts[parts.length - 2]!;
  for (const o of repoOwners(repo)) {
    const slash = o.indexOf('/');
    const org = o.slice(slash + 1);
    // a sister organisation named after the image's (prometheus-community using quay.io/prometheus/busybox)
    if (slash !== -1 && (org === namespace || org.startsWith(`${namespace}-`))) return true;
  }
  return false;
}

/**
 * Whether a URL is a release asset of one of this repository's code-host owners at a fixed release:
 * `https://github.com/<owner>/<repo>/releases/download/<tag>/<file>` (GitLab: `/-/releases/<tag>/downloads/`)
 * where the owner is this repository's and the tag is not `latest`. The asset comes from the same
 * owner's release process as this repository's own artifacts.
 */
export function sameOwnerReleaseAsset(repo: RepoFacts, url: string): boolean {
  const m = /^https?:\/\/([^/]+)\/([^/]+)\/[^/]+\/(?:releases\/download|-\/releases)\/([^/]+)\//i.exec(url.trim());
  if (!m || /^latest$/i.test(m[3]!)) return false;
  const host = m[1]!.toLowerCase();
  if (!CODE_HOSTS.has(host)) return false;
  return repoOwners(repo).has(`${host}/${m[2]!.toLowerCase()}`);
}
