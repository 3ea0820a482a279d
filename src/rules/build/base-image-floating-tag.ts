import { defineRepoRule } from '../define-rule.js';
import { distrolessWithoutRelease, floatingTag, publishesNoVersionTags, shortName, type ImageRef } from '../../facts/image-ref.js';
import { sameOwnerImage } from '../../facts/repo-owner.js';
import { koBaseImages, productionFroms } from '../_shared/base-images.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { KO_CONFIGS } from '../../facts/ko.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1007',
    name: 'base-image-floating-tag',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 4 TP, 3 FP, 5 "nobody would act" of 12 judged — precision 57.1 % < 90.0 %, "nobody would act" 41.7 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: FROM ${ARG} images that every build passes explicitly, the owner\'s own co-released base images and distroless images that publish no version tag. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar.',
    title: 'Base image without a tag or with a latest tag',
    passCriterion: 'every base image names an explicit version tag (never latest or no tag)',
    rationale:
      'FROM alpine or FROM image:latest resolves to whatever was pushed last: two builds of the same commit get different ' +
      'base images, a new major version (new libc, removed packages, a different default user) lands without review, and a ' +
      'rollback rebuild does not give back the image that worked.',
    fix: {
      text: 'Pin a version tag and preferably a digest (`FROM alpine:3.22@sha256:...`), and let Dependabot or Renovate propose updates.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM alpine\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
        good: 'FROM alpine:3.22\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      none: 'base image {{image}} has no tag (implicitly :latest): every build may pull a different image',
      latest: 'base image {{image}} uses the moving tag {{tag}}: every build may pull a different image',
      ko: 'ko base image {{image}} {{what}}: every build may pull a different image',
      digestOnly: 'base image {{image}}:{{tag}} floats, and distroless publishes no version tag: pin it by digest as the repository pins its other base images (or name the Debian release, {{image}}-debian12)',
    },
    sources: ['hadolint:DL3006', 'hadolint:DL3007'],
    notes:
      'Every FROM of production Dockerfiles (build stages too: a floating builder changes the binary) is judged after ' +
      'substituting global ARG defaults; FROM scratch, FROM <earlier stage> and images whose name is an unresolved variable ' +
      'are skipped. Tags like latest-amd64 count as latest. A digest pins the image whatever the tag. Also judges ko\'s ' +
      'defaultBaseImage and baseImageOverrides. An image published under the repository owner\'s own name (quay.io/prometheus/busybox ' +
      'in a github.com/prometheus module) is the owner\'s co-released base, tracked on purpose, and is not reported. Images whose publisher offers no version tag ' +
      'are not reported either: distroless images that carry the Debian release in their name (gcr.io/distroless/static-debian12 ' +
      'publishes only latest, nonroot, debug and debug-nonroot): there is no better tag to name, the only stricter pin is a digest, which BLD1008 judges (blind sample of 2026-12-11: 2 of 2 judged ' +
      '"nobody would act"). gcr.io/distroless/static without the Debian release floats across Debian releases as well, ' +
      'but it too has no version tag (its :nonroot is as moving as :latest, and is not reported): only a digest pins it. ' +
      'It is reported, at low severity and asking for a digest, only when the repository pins some other base image by ' +
      'digest (the policy is in force and this image escaped it); a repository that pins no base image by digest has ' +
      'declined that policy, which BLD1008 (experimental) judges (blind samples of 2026-12-11 and 2026-12-12: 3 of 3 judged ' +
      '"nobody would act" on static:latest). Comparable checks: hadolint DL3006 (untagged image) and DL3007 (latest). ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [DOCKERFILES, KO_CONFIGS],
  check(repo, ctx) {
    const froms = productionFroms(repo);
    const kos = koBaseImages(repo);
    const pinsDigests = froms.some(({ from: f }) => !!f.ref.digest) || kos.some(({ ref }) => !!ref.digest);
    const digestOnly = (file: string, line: number, ref: ImageRef): void => {
      if (pinsDigests) ctx.report({ file, line, messageId: 'digestOnly', data: { image: shortName(ref), tag: ref.tag ?? 'latest' }, severity: 'low' });
    };
    for (const { file, from: f } of froms) {
      ctx.applicable();
      if (f.unresolvedTag && !/^latest/i.test(f.ref.tag ?? '')) continue;
      const kind = floatingTag(f.ref);
      if (!kind || sameOwnerImage(repo, f.ref) || publishesNoVersionTags(f.ref)) continue;
      if (distrolessWithoutRelease(f.ref)) { digestOnly(file, f.line, f.ref); continue; }
      ctx.report({
        file, line: f.line, messageId: kind,
        data: { image: f.ref.name, tag: f.ref.tag ?? '' },
      });
    }
    for (const { file, line, image, ref } of kos) {
      if (/[{$]/.test(ref.name)) continue;
      ctx.applicable();
      const kind = floatingTag(ref);
      if (!kind || sameOwnerImage(repo, ref) || publishesNoVersionTags(ref)) continue;
      if (distrolessWithoutRelease(ref)) { digestOnly(file, line, ref); continue; }
      ctx.report({ file, line, messageId: 'ko', data: { image, what: kind === 'none' ? 'has no tag (implicitly :latest)' : `uses the moving tag ${ref.tag}` } });
    }
  },
});
