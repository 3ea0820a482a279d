import { defineRepoRule } from '../define-rule.js';
import { dockerfiles, effectiveUser, isRunnable, isWindowsStage, rootFrom, stageChain } from '../../facts/dockerfiles.js';
import { defaultsToNonRoot, knownRootByDefault, parseImageRef } from '../../facts/image-ref.js';
import { goreleaserKoBaseImages, koBaseImages } from '../_shared/base-images.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { GORELEASER_CONFIGS } from '../../facts/goreleaser.js';
import { KO_CONFIGS } from '../../facts/ko.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { privilegedDockerfiles } from '../_shared/runtime-workloads.js';

/** Tools an entrypoint uses to drop from root to an unprivileged user at start (PUID/PGID images). */
const PRIVILEGE_DROP = /\b(su-exec|gosu|setpriv|s6-setuidgid|chpst|runuser)\b/;

const ROOT_USER = /^(0|root)(:.*)?$/i;

export default defineRepoRule({
  meta: {
    id: 'BLD1009',
    name: 'container-runs-as-root',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-22',
    experimentalReason:
      'Blind samples of 2026-12-06/07 (seeds 20261206, 20261207, repositories not used in development): 1 TP, 2 FP — images whose entrypoint or supervised service scripts drop root with su-exec/gosu (the 2026-12-06 entrypoint case is fixed; privilege drops inside s6/supervisor service scripts are not yet followed). ' +
      'Reworked after the 2026-12-19 sample (Windows images — nanoserver, servercore, a windows/ platform or shell — are not judged: their default account is not root by uid and USER 65532 means nothing there), so its record restarts at 2026-12-21 (blindRecordFrom; the sample labelled 2026-12-20 was drawn before this rework) and it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-21): 0 TP, 2 FP, 4 DEB: CSI and FUSE mount drivers that run privileged by design, a CLI wrapper image, an image its runtime never reads USER from, a hook image users build themselves. Reworked after it (images the repository\'s own manifests run privileged are root by design), so its record restarts at 2026-12-22 (blindRecordFrom).',
    title: 'The production image runs as root',
    passCriterion: 'every runnable production image ends with a non-root USER (or a base image that defaults to one)',
    rationale:
      'A process running as uid 0 in the container is root on every file the container can see (mounted volumes, secrets, ' +
      'the service account token), can bind-mount tricks or exploit kernel bugs with full capabilities, and turns any RCE in ' +
      'the Go service into a root shell. Kubernetes clusters with runAsNonRoot or restricted Pod Security reject such images.',
    fix: {
      text: 'Add `USER 65532:65532` (numeric, so runAsNonRoot can verify it) to the final stage, or use a base image that ' +
        'defaults to a non-root user such as gcr.io/distroless/static-debian12:nonroot.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM alpine:3.22\nCOPY app /app\nENTRYPOINT ["/app"]\n',
        good: 'FROM alpine:3.22\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
      },
      {
        filename: 'Dockerfile',
        bad: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
        good: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      },
    ],
    messages: {
      noUser:
        'the final image runs as root: no USER instruction and the base image {{image}} runs as root by default; add USER 65532:65532 or use a non-root base (distroless :nonroot variants default to uid 65532)',
      rootUser: 'the final image runs as root: USER {{user}}; switch to a non-root user (e.g. USER 65532:65532) before the entrypoint',
      koRootBase:
        'images built with ko on {{image}} run as root: ko sets no user, and this base image runs as root by default; use its :nonroot variant or drop {{key}} (ko\'s default base is a non-root static image)',
    },
    sources: [],
    notes:
      'Judged: production Dockerfiles whose final stage says what to run (ENTRYPOINT or CMD in its stage chain) — images ' +
      'without one are base or artifact images. The last USER in the final stage chain decides; a USER given through an ' +
      'unresolved build argument is trusted. With no USER, base images that default to a non-root user are fine: distroless ' +
      ':nonroot tags (uid 65532) and chainguard static/glibc-dynamic. For other unknown base images (which may set a USER ' +
      'themselves) the finding has low confidence. An image whose final stage installs su-exec, gosu, setpriv, ' +
      's6-setuidgid, chpst or runuser starts as root only to drop to an unprivileged user in its entrypoint and is not reported. ' +
      'Images built without a Dockerfile are judged by their base image: ko\'s `defaultBaseImage`/`baseImageOverrides` and ' +
      'GoReleaser\'s `kos[].base_image` (ko adds no user, so a base that runs as root gives a root image; the defaults of both ' +
      'are non-root and fine); only well-known root-by-default bases are reported there. Windows images are not judged ' +
      '(a final stage on a Windows base such as mcr.microsoft.com/windows/nanoserver or servercore or a *-nanoserver/' +
      '*-windowsservercore tag, a `--platform=windows/…` FROM, a powershell/cmd SHELL or a ContainerUser/ContainerAdministrator ' +
      'USER): their accounts are not uids, nanoserver runs as ContainerUser, and the account a Kubernetes pod uses is set by its ' +
      'windowsOptions, so neither the uid-0 premise nor the USER 65532 fix applies. hadolint DL3002 covers only the explicit `USER root` case. Not reported: an image the repository\'s own Kubernetes manifests run with `privileged: true` (CSI node plugins, FUSE mounters): root is its design and a non-root USER would break it.',
  },
  requires: [DOCKERFILES, GORELEASER_CONFIGS, KO_CONFIGS, K8S_MANIFESTS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    let privileged: Set<string> | undefined;
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined || !isRunnable(df, df.final)) continue;
      const from = rootFrom(df, df.final);
      if (!from?.ref || from.unresolvedName) continue;
      // a Windows image has accounts (ContainerUser, ContainerAdministrator), not uids: the Linux root premise and the
      // USER 65532 fix do not apply (blind sample of 2026-12-19: calico's nanoserver CNI installer)
      if (isWindowsStage(df, df.final)) continue;
      // the repository's own manifests run this image privileged: root is the design (CSI and FUSE mount drivers;
      // blind sample of 2026-12-21), and USER 65532 would break it
      if ((privileged ??= privilegedDockerfiles(repo)).has(df.file)) continue;
      ctx.applicable();
      const user = effectiveUser(df, df.final);
      if (user) {
        const resolved = user.resolved.trim();
        if (ROOT_USER.test(resolved)) ctx.report({ file: df.file, line: user.line, messageId: 'rootUser', data: { user: user.value } });
        continue;
      }
      if (defaultsToNonRoot(from.ref)) continue;
      // installs a privilege-drop tool: the entrypoint starts as root only to switch to an unprivileged user
      if (stageChain(df, df.final).some((st) => st.runs.some((r) => PRIVILEGE_DROP.test(r.script)))) continue;
      if (from.unresolvedTag && /(^|[-_.])nonroot/.test(from.ref.tag ?? '')) continue;
      ctx.report({
        file: df.file,
        line: df.stages[df.final]!.from.line,
        messageId: 'noUser',
        data: { image: from.ref.tag ? `${from.ref.name}:${from.ref.tag}` : from.ref.name },
        confidence: knownRootByDefault(from.ref) ? 'high' : 'low',
      });
    }
    // Images built by ko (its own config, or GoReleaser's kos:): the base image's default user is the image's.
    const koBases = [
      ...koBaseImages(repo).map((b) => ({ ...b, key: b.kind === 'default' ? 'defaultBaseImage' : 'the override' })),
      ...goreleaserKoBaseImages(repo).map((b) => ({ ...b, key: 'base_image' })),
    ];
    for (const b of koBases) {
      if (repo.roleOf(b.file) !== 'production') continue;
      const ref = parseImageRef(b.image);
      if (!ref || /[{$]/.test(ref.name)) continue;
      ctx.applicable();
      if (knownRootByDefault(ref)) ctx.report({ file: b.file, line: b.line, messageId: 'koRootBase', data: { image: b.image, key: b.key } });
    }
  },
});
