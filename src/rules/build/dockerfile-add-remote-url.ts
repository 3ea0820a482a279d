import { defineRepoRule } from '../define-rule.js';
import { dockerfiles } from '../../facts/dockerfiles.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { sameOwnerReleaseAsset } from '../../facts/repo-owner.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1010',
    name: 'dockerfile-add-remote-url',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 1 FP, 5 "nobody would act" of 6 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: data files downloaded on purpose from a branch rebuilt daily (a checksum would break every rebuild) and helper images. Reworked after the 2026-12-15 sample (images the release path does not build are not judged: image release reachability), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar.',
    title: 'ADD downloads a remote URL without a checksum',
    passCriterion: 'every ADD of a remote URL carries --checksum',
    rationale:
      'ADD <url> fetches whatever the server returns at build time and puts it in the image unverified: a compromised or ' +
      'moved download, a CDN serving a different version or a man-in-the-middle on plain http ends up in production, and the ' +
      'build is not reproducible. ADD has no way to check a signature and, without --checksum, not even a hash.',
    fix: {
      text: 'Use `ADD --checksum=sha256:<hash> <url> <dest>` (BuildKit), or `RUN curl -fsSLo f <url> && echo "<sha256>  f" | sha256sum -c -`, ' +
        'or vendor the file and COPY it.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM alpine:3.22\nADD https://example.com/tool-1.2.3.tar.gz /opt/\nUSER 65532\nENTRYPOINT ["/opt/tool"]\n',
        good:
          'FROM alpine:3.22\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.3.tar.gz /opt/\nUSER 65532\nENTRYPOINT ["/opt/tool"]\n',
      },
    ],
    messages: {
      remote: 'ADD downloads {{url}} without --checksum: the content is not verified and can change between builds',
    },
    sources: [],
    notes:
      'Judged in every stage of production Dockerfiles (a builder stage that downloads a compiler or a library affects the ' +
      'shipped binary). ADD of local files and ADD --checksum are fine. http, https, ftp and git@ sources count. A release asset ' +
      'of the repository\'s own owner at a fixed tag (github.com/<owner>/<repo>/releases/download/v1.2.3/… where the go.mod module ' +
      'path names the same owner) is the owner\'s own artifact and is not reported; `releases/latest` still is (blind sample of ' +
      '2026-12-11: the open-telemetry Java agent ADDed by opentelemetry-operator, judged "nobody would act"). ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [DOCKERFILES],
  check(repo, ctx) {
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined) continue;
      ctx.applicable();
      for (const s of df.stages) {
        for (const a of s.adds) {
          if (a.checksum) continue;
          // a release asset of the repository's own owner at a fixed tag is the owner's own artifact
          const url = a.remote.find((u) => !sameOwnerReleaseAsset(repo, u));
          if (url) ctx.report({ file: df.file, line: a.line, messageId: 'remote', data: { url } });
        }
      }
    }
  },
});
