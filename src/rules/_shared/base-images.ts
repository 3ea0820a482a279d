/** The base images the build rules judge: production Dockerfile FROMs and ko base images, each parsed once. */
import type { RepoFacts } from '../../facts/repo-facts.js';
import { dockerfiles, type DockerFrom } from '../../facts/dockerfiles.js';
import { koConfigs } from '../../facts/ko.js';
import { goreleaserConfigs } from '../../facts/goreleaser.js';
import { isScratch, parseImageRef, type ImageRef } from '../../facts/image-ref.js';

/**
 * Every FROM of production Dockerfiles (build stages too) that names a real image after global ARG substitution:
 * not scratch, not an earlier stage, not an image name left unresolved.
 */
export function productionFroms(repo: RepoFacts): { file: string; from: DockerFrom & { ref: ImageRef } }[] {
  const out: { file: string; from: DockerFrom & { ref: ImageRef } }[] = [];
  for (const df of dockerfiles(repo)) {
    if (df.role !== 'production') continue;
    for (const s of df.stages) {
      const f = s.from;
      if (!f.ref || f.unresolvedName || f.stageRef !== undefined || isScratch(f.ref)) continue;
      out.push({ file: df.file, from: f as DockerFrom & { ref: ImageRef } });
    }
  }
  return out;
}

/** The base images of ko configurations (defaultBaseImage, then baseImageOverrides) that parse as a reference other than scratch. */
export function koBaseImages(repo: RepoFacts): { file: string; line: number; image: string; ref: ImageRef; kind: 'default' | 'override' }[] {
  const out: { file: string; line: number; image: string; ref: ImageRef; kind: 'default' | 'override' }[] = [];
  for (const k of koConfigs(repo)) {
    const images = [
      ...(k.defaultBaseImage ? [{ image: k.defaultBaseImage.value, line: k.defaultBaseImage.line, kind: 'default' as const }] : []),
      ...k.baseImageOverrides.map((o) => ({ image: o.image, line: o.line, kind: 'override' as const })),
    ];
    for (const i of images) {
      const ref = parseImageRef(i.image);
      if (ref && !isScratch(ref)) out.push({ file: k.file, line: i.line, image: i.image, ref, kind: i.kind });
    }
  }
  return out;
}

/** The base images GoReleaser's `kos:` entries set (`base_image`); entries without one use GoReleaser's non-root default. */
export function goreleaserKoBaseImages(repo: RepoFacts): { file: string; line: number; image: string }[] {
  return goreleaserConfigs(repo).flatMap((g) => g.kos.flatMap((k) => (k.baseImage ? [{ file: g.file, line: k.baseImage.line, image: k.baseImage.value }] : [])));
}
