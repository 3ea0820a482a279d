/**
 * Who publishes what: the owner of a Go module path and of a container image, compared with the
 * owners of this repository's own modules. A dependency or base image from the same owner is
 * co-developed (pinned by commit or tracked at a moving tag on purpose, across the owner's projects).
 */
import { moduleOwner } from '../core/module-owner.js';
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
 * ghcr.io/ory/oathkeeper) equals the owner's name (github.com/prometheus → prometheus).
 */
export function sameOwnerImage(repo: RepoFacts, ref: ImageRef): boolean {
  const parts = ref.name.toLowerCase().split('/');
  if (parts.length < 2) return false;
  const namespace = parts[parts.length - 2]!;
  for (const o of repoOwners(repo)) {
    const slash = o.indexOf('/');
    if (slash !== -1 && o.slice(slash + 1) === namespace) return true;
  }
  return false;
}
