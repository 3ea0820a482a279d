import { defineRepoRule } from '../define-rule.js';
import { dockerfiles, stagesFeedingFinal } from '../../facts/dockerfiles.js';
import { installedDownloads, pipedToInterpreter, verifiesDownloads } from '../../facts/shell-fetches.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { SHIPPED_IMAGES_NOTE } from '../_shared/shipped-images.js';

/**
 * What identifies a download across Dockerfiles: its URL (else the command) with every ARG/ENV reference written
 * `${NAME}` (`$NAME`, `${NAME:-default}` alike). Near-identical Dockerfiles of one repository (one per image) that
 * fetch the same file are one concern: one finding, the other Dockerfiles as related places.
 */
export function downloadKey(text: string): string {
  const url = /\b(?:https?|ftp):\/\/[^\s'"`|;&)]+/.exec(text)?.[0] ?? text.replace(/\s+/g, ' ').trim();
  return url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => `\${${a ?? b}}`);
}

export default defineRepoRule({
  meta: {
    id: 'BLD1013',
    name: 'dockerfile-unverified-download',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-19',
    experimentalReason:
      'Blind record over the samples of 2026-12-16 to 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 18 TP, 5 FP, 4 "nobody would act" of 27 judged — precision 78.3 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: development, integration-test and code-generator images the release path never builds (compose-only services, a development/ folder, images only a test job builds), and downloads in a branch a build argument switches off. Reworked after the 2026-12-18 sample (compose-only, development and test-job images are off the release path), so its record restarts at 2026-12-19 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'The image build runs a remote script (curl | sh) or installs a downloaded binary without checking it',
    passCriterion: 'every script or binary the image build downloads is checked against a pinned checksum or signature before it runs or is installed',
    rationale:
      'A RUN that pipes `curl` into a shell, or downloads a binary or archive and installs it without comparing a checksum ' +
      'or a signature, trusts whatever the server (or anyone on the path, or whoever took over the project) returns on the day ' +
      'of the build. That content runs as root during the build and, in a stage that feeds the final image, ships to ' +
      'production with the service — and the next build may get something else.',
    fix: {
      text: 'Download to a file, then verify it before use: `curl -fsSLo tool.tgz <url> && echo "<sha256>  tool.tgz" | ' +
        'sha256sum -c - && tar -xzf tool.tgz` (or `ADD --checksum=sha256:<hash> <url>`, `cosign verify-blob`, `gpg --verify`); ' +
        'prefer a distribution package or a `COPY --from=<pinned image>` over install scripts.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM alpine:3.22\nRUN curl -fsSL https://example.com/install.sh | sh\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
        good: 'FROM alpine:3.22\nRUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.2.3.tgz \\\n && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/tool.tgz" | sha256sum -c - \\\n && tar -xzf /tmp/tool.tgz -C /usr/local/bin\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      piped: 'remote content is executed without being checked: `{{text}}`; download to a file and verify its checksum or signature first',
      download: 'downloaded and installed without a checksum or signature check in this stage: `{{text}}`; compare a pinned sha256 (sha256sum -c) before using it',
    },
    sources: [],
    notes:
      'Judged in production Dockerfiles, in the stages that feed the final image (its chain and every stage it copies or ' +
      'mounts from: a builder that installs a compiler or a code generator shapes the binary). A download counts as ' +
      'installed when the same RUN makes it executable, moves it into a bin directory, extracts or package-installs it, runs ' +
      'it, or pipes it into tar/unzip. Any verification command in the stage (sha256sum/shasum/…, gpg, cosign, minisign, ' +
      'slsa-verifier, `--checksum`) clears the download findings of that stage; piping into a shell is reported regardless. ' +
      'Plain data downloads (a JSON file, a CA bundle written to /etc) are not judged. The same download (the same URL, ' +
      'ARG/ENV references compared by name) in several Dockerfiles is one finding, at the first, the others listed as ' +
      'related places. ' +
      SHIPPED_IMAGES_NOTE,
  },
  requires: [DOCKERFILES],
  check(repo, ctx) {
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined) continue;
      ctx.applicable();
      const feeding = stagesFeedingFinal(df);
      for (const s of df.stages) {
        if (!feeding.has(s.index)) continue;
        const verified = s.runs.some((r) => verifiesDownloads(r.script));
        for (const r of s.runs) {
          const piped = pipedToInterpreter(r.script);
          if (piped) {
            ctx.report({ file: df.file, line: r.line, messageId: 'piped', data: { text: piped.replace(/\s+/g, ' ') }, concern: `piped:${downloadKey(piped)}` });
            continue;
          }
          if (verified) continue;
          const d = installedDownloads(r.script)[0];
          if (d) ctx.report({ file: df.file, line: r.line, messageId: 'download', data: { text: d.text }, concern: `download:${downloadKey(d.text)}` });
        }
      }
    }
  },
});
