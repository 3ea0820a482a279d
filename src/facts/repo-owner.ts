/**
 * Who publishes what: the owner of a Go module path and of a container image, compared with the
 * owners of this repository's own modules. A dependency or base image from the same owner is
 * co-developed (pinned by commit or tracked at a moving tag on purpose, across the owner's projects).
 */
import { CODE_HOSTS, moduleOwner } from '../core/module-owner.js';
import type { ImageRef } from './image-ref.js';
import type { RepoFacts } from './repo-facts.js';

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
