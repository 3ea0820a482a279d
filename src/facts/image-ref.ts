/**
 * Container image references (`registry/path:tag@sha256:digest`) and what goready knows about
 * well-known base images: which ship no libc (scratch, distroless static), which are musl
 * (alpine), which are Go toolchains, which default to a non-root user.
 */

export interface ImageRef {
  /** The reference as written (after variable substitution). */
  raw: string;
  /** Everything before the tag/digest, e.g. gcr.io/distroless/static-debian12. */
  name: string;
  /** Last path segment of the name, e.g. static-debian12. */
  repo: string;
  tag?: string;
  digest?: string;
}

/** Parses an image reference; undefined for an empty string. */
export function parseImageRef(raw: string): ImageRef | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const name = rest;
  return { raw: s, name, repo: name.slice(name.lastIndexOf('/') + 1).toLowerCase(), tag: tag || undefined, digest: digest || undefined };
}

/** Normalised name without the Docker Hub prefixes (docker.io/library/golang -> golang). */
export function shortName(ref: ImageRef): string {
  return ref.name.toLowerCase().replace(/^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)/, '').replace(/^library\//, '');
}

export function isScratch(ref: ImageRef): boolean {
  return shortName(ref) === 'scratch';
}

/** A Go toolchain image (golang, chainguard go, Microsoft's Go build). */
export function isGoToolchainImage(ref: ImageRef): boolean {
  const n = shortName(ref);
  return ref.repo === 'golang' || /(^|\/)chainguard\/go$/.test(n) || /(^|\/)microsoft\/golang$/.test(n) || /(^|\/)go-toolset$/.test(n);
}

export function isDistroless(ref: ImageRef): boolean {
  return /(^|\/)distroless\//.test(shortName(ref));
}

/** Which C library the image provides: none (scratch, static), musl (alpine), glibc, or unknown. */
export function imageLibc(ref: ImageRef): 'none' | 'musl' | 'glibc' | 'unknown' {
  const n = shortName(ref);
  if (n === 'scratch') return 'none';
  if (/(^|\/)distroless\/static(-[\w.]+)?$/.test(n) || /(^|\/)chainguard\/static$/.test(n)) return 'none';
  if (ref.repo === 'alpine' || /(^|[-_.])alpine/.test(ref.tag ?? '')) return 'musl';
  if (/(^|\/)distroless\/(base|cc|java|python|nodejs)/.test(n) || /^(debian|ubuntu|fedora|centos|rockylinux|almalinux|amazonlinux)$/.test(n) || /(^|\/)ubi\d*(-minimal|-micro)?$/.test(n) || /(^|\/)chainguard\/glibc-dynamic$/.test(n)) {
    return 'glibc';
  }
  return 'unknown';
}

/** Images whose default user is not root (distroless :nonroot variants, chainguard static/glibc-dynamic). */
export function defaultsToNonRoot(ref: ImageRef): boolean {
  const n = shortName(ref);
  if (isDistroless(ref) && /(^|[-_.])nonroot($|[-_.])/.test(ref.tag ?? '')) return true;
  if (/(^|\/)chainguard\/(static|glibc-dynamic)$/.test(n) && !/(^|-)dev($|-)/.test(ref.tag ?? '')) return true;
  return false;
}

/**
 * Windows base images: Microsoft's mcr.microsoft.com/windows/* (nanoserver, servercore, server) and the older Docker Hub
 * microsoft/nanoserver and microsoft/windowsservercore, the Kubernetes HostProcess base image, and any image whose tag
 * names a Windows variant (golang:1.25-windowsservercore-ltsc2022, mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022).
 * Their accounts are ContainerUser/ContainerAdministrator, not uids.
 */
export function isWindowsImage(ref: ImageRef): boolean {
  const n = shortName(ref);
  if (/^mcr\.microsoft\.com\/windows(\/|$)/.test(n) || /^microsoft\/(nanoserver|windowsservercore)$/.test(n)) return true;
  if (/(^|\/)windows-host-process-containers-base-image$/.test(n)) return true;
  return /(^|[-_.])(nanoserver|windowsservercore|servercore)($|[-_.])/i.test(ref.tag ?? '');
}

/** Well-known images that run as root unless told otherwise. */
export function knownRootByDefault(ref: ImageRef): boolean {
  const n = shortName(ref);
  if (defaultsToNonRoot(ref)) return false;
  if (isDistroless(ref)) return true;
  return /^(scratch|alpine|busybox|debian|ubuntu|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|opensuse\/\w+|golang|node|python)$/.test(n) ||
    /(^|\/)ubi\d*(-minimal|-micro)?$/.test(n) || isGoToolchainImage(ref);
}

/** A moving tag: none (implicitly latest), `latest`, or `latest-<arch>`-style variants. */
export function floatingTag(ref: ImageRef): 'none' | 'latest' | undefined {
  if (ref.digest) return undefined;
  if (!ref.tag) return 'none';
  if (/^latest($|[-_.])/i.test(ref.tag)) return 'latest';
  return undefined;
}

/**
 * Images whose publisher offers no version tags to pin, only moving ones: distroless images that carry
 * their Debian release in the name (gcr.io/distroless/static-debian12 publishes latest, nonroot, debug and
 * debug-nonroot). For these the only stricter pin than the tag is a digest.
 */
export function publishesNoVersionTags(ref: ImageRef): boolean {
  return /^gcr\.io\/distroless\/[\w.-]+-debian\d+$/.test(shortName(ref));
}

/**
 * A distroless image named without its Debian release (gcr.io/distroless/static): it too publishes only moving tags
 * (latest, nonroot, debug), and moves across Debian releases; only a digest pins it.
 */
export function distrolessWithoutRelease(ref: ImageRef): boolean {
  return /^gcr\.io\/distroless\/[\w.-]+$/.test(shortName(ref)) && !publishesNoVersionTags(ref);
}
