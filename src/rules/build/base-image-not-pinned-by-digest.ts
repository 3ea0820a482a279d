import { defineRepoRule } from '../define-rule.js';
import { floatingTag } from '../../facts/image-ref.js';
import { koBaseImages, productionFroms } from '../_shared/base-images.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { KO_CONFIGS } from '../../facts/ko.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1008',
    name: 'base-image-not-pinned-by-digest',
    dimension: 'build',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind sample of 2026-12-06 (seed 20261206): 0 of 3 findings acted on — version-tagged base images (alpine:3.21) in release and build-environment Dockerfiles, one in an integration-test Dockerfile. Digest pinning is a policy choice many projects decline; moving tags (latest, none) stay reported by BLD1007.',
    title: 'Base image pinned by tag but not by digest',
    passCriterion: 'every base image is pinned by digest (tag@sha256:...) so rebuilds get the same bytes',
    rationale:
      'A version tag is mutable: the publisher (or anyone who compromises the registry account) can re-push golang:1.26 or ' +
      'alpine:3.22 with different content, and the next build silently ships it. A @sha256 digest makes the build use exactly ' +
      'the bytes that were reviewed, and turns base image updates into visible, reviewable diffs.',
    fix: {
      text: 'Append the digest to the tag (`FROM golang:1.26@sha256:...`; `docker buildx imagetools inspect golang:1.26` prints it) ' +
        'and let Dependabot or Renovate keep tag and digest up to date.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM alpine:3.22\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
        good:
          'FROM alpine:3.22@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      tag: 'base image {{image}} is pinned by tag only: the tag can be re-pushed; add @sha256:<digest>',
      ko: 'ko base image {{image}} is pinned by tag only: the tag can be re-pushed; add @sha256:<digest>',
    },
    sources: [],
    notes:
      'Judged: every FROM of production Dockerfiles after substituting global ARG defaults, and ko base images. Images without ' +
      'a tag or with a latest tag are reported by BLD1007 base-image-floating-tag instead (one finding per FROM). FROM scratch, ' +
      'FROM <earlier stage> and unresolved image names are skipped; a digest given through a build argument is not visible ' +
      'and is skipped too.',
  },
  requires: [DOCKERFILES, KO_CONFIGS],
  check(repo, ctx) {
    for (const { file, from: f } of productionFroms(repo)) {
      ctx.applicable();
      if (f.ref.digest || floatingTag(f.ref) || f.unresolvedTag) continue;
      ctx.report({ file, line: f.line, messageId: 'tag', data: { image: f.ref.raw } });
    }
    for (const { file, line, image, ref } of koBaseImages(repo)) {
      if (/[{$]/.test(ref.raw)) continue;
      ctx.applicable();
      if (ref.digest || floatingTag(ref)) continue;
      ctx.report({ file, line, messageId: 'ko', data: { image } });
    }
  },
});
