import { defineRepoRule } from '../define-rule.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { formatGoBytes } from '../../facts/runtime-quantities.js';
import { classifyImage, confidenceFor, containerLabel, envVar, goCodeMatches, imageOwnership, judgedWorkloads, onceReporter, imageEnvDefault } from '../_shared/runtime-workloads.js';
import { GORELEASER_CONFIGS } from '../../facts/goreleaser.js';
import { KO_CONFIGS } from '../../facts/ko.js';
import { TOOLING_IMAGE_NAMES } from '../../facts/image-names.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { DOCKERFILES, IMAGE_ENV_DEFAULTS } from '../../facts/dockerfiles.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2002',
    name: 'gomemlimit-missing',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 11 TP, 2 FP, 1 "nobody would act" of 14 judged — precision 84.6 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: design proof-of-concept manifests, and rendered chart presets whose memory limits users are expected to change. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar. Its record through the draw of 2026-12-25 (`node dist/scripts/blind-record.js`): 13 TP, 3 FP, 4 DEB — precision 81.3 %; the classes of that draw: a manifest only a developer\'s Tilt loop applies, and tiny (32Mi) limits of third-party sidecars where GOMEMLIMIT would change nothing. Its record through the draw of 2026-12-27: 16 TP, 3 FP, 13 DEB, most DEB on third-party images (kubernetes-csi sidecars, upstream operators\' copied release manifests). Reworked after it (images someone else makes are not judged where the repository builds its own, with image names read from its build tooling and Helm values; manifests only a Tiltfile applies are developer tooling), so its record restarts at 2026-12-30 (blindRecordFrom).',
    title: 'Go container has a memory limit but no GOMEMLIMIT',
    passCriterion: 'every Go container with a memory limit sets GOMEMLIMIT below it',
    rationale:
      'The Go GC paces itself on heap growth (GOGC=100: collect when the live heap has doubled) and knows nothing of ' +
      'the container limit. A service with 300MiB live heap under a 512MiB limit lets the heap reach ~600MiB before ' +
      'collecting and is OOM-killed, although a collection would have freed plenty. GOMEMLIMIT (Go 1.19+) makes the GC ' +
      'work harder as total Go memory approaches the limit, turning OOM kills into some extra GC CPU.',
    fix: {
      text: 'Set the env var GOMEMLIMIT to about 90% of the memory limit (e.g. 460MiB for 512Mi; units B, KiB, MiB, GiB only), or set it at startup with github.com/KimMachineGun/automemlimit / debug.SetMemoryLimit.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          resources:\n            limits:\n              memory: 512Mi\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOMEMLIMIT\n              value: 460MiB\n          resources:\n            limits:\n              memory: 512Mi\n',
      },
    ],
    messages: {
      missing: '{{container}} has a {{limit}} memory limit but no GOMEMLIMIT: the Go GC ignores the limit; set GOMEMLIMIT={{suggest}} (~90%)',
    },
    sources: [],
    notes:
      'Which containers: images built from this repository (image name equal to the repository, a module or a main ' +
      'package directory name, or one its build tooling gives an image: `NPM_IMAGE = azure-npm`, `docker build -t ' +
      '$(REGISTRY)/name`, Tilt\'s docker_build, Skaffold artifacts, GoReleaser image_templates; compose services with ' +
      'build:) at medium confidence. Where the repository demonstrably builds its own images (production Dockerfiles, ' +
      'ko, GoReleaser images, image names in its tooling), any other named image is someone else\'s program and is not ' +
      'judged: the kubernetes-csi sidecars beside a CSI driver, an upstream operator\'s release manifest copied in ' +
      '(their memory settings are fixed upstream; blind draws of 2026-12-25 to 2026-12-27); a Helm image composed from ' +
      'values (`printf "%s:%s" .Values.sidecars.x.image.repository …`) is placed by the repository values.yaml names. ' +
      'Images published under the repository owner\'s namespace (quay.io/acme/x for github.com/acme/y) or the ' +
      'project\'s own (gcr.io/y/x): sibling programs of the same maintainers, and images the tool cannot place in a repository whose own image builds are not seen are judged at ' +
      'low confidence (most images in Kubernetes manifests of a Go repository are Go programs). Manifests only a ' +
      'Tiltfile applies (a developer\'s dev loop; src/core/code-roles.ts devLoopManifests) are not judged. Obvious non-Go images ' +
      '(postgres, redis, nginx, busybox, alpine, python, ...) and placeholder images substituted by scripts ({IMAGE}, ' +
      '${IMAGE}) are never reported, nor images built by a Dockerfile of this repository (named after its folder or ' +
      'name part, alone or after the repository\'s name: postgres-operator-ui for ui/Dockerfile) whose program is not ' +
      'Go (it starts python, node, java, ... and no stage builds Go). For the repository\'s own images the ' +
      'rule stays silent when the code sets the limit itself (imports github.com/KimMachineGun/automemlimit or calls ' +
      'SetMemoryLimit) or its production Dockerfile sets GOMEMLIMIT by ENV in the final image. A container whose env comes partly from an unresolved ConfigMap (envFrom) or a Helm action is ' +
      'not judged, nor are test fixtures and documentation snippets. Dockerfile ENV is not read yet (see the Dockerfile facts).',
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, GORELEASER_CONFIGS, IMAGE_ENV_DEFAULTS, K8S_MANIFESTS, KO_CONFIGS, OWN_IMAGE_NAMES, TOOLING_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { compose: true })) {
      for (const c of w.containers) {
        if (c.init) continue;
        let img = classifyImage(repo, c);
        if (img === 'nonGo' || img === 'placeholder') continue;
        if (img === 'other' || img === 'templated') {
          // someone else's program (a kubernetes-csi sidecar, an upstream operator's copied release manifest) beside
          // images the repository builds itself: its memory settings are fixed upstream (blind draws of 2026-12-25 to
          // 2026-12-27); an image named by the repository's build tooling is its own
          const owner = imageOwnership(repo, c);
          if (owner === 'foreign') continue;
          if (owner === 'own' && img === 'other') img = 'own';
        }
        const mem = c.resources.limits.memory;
        if (!mem || mem.value === undefined) continue;
        ctx.applicable();
        if (c.envUnknown || hasUnknown(c, 'env') || w.patchedUnknown) continue;
        if (envVar(c, 'GOMEMLIMIT')) continue;
        // set by ENV in the repository's own image
        if ((img === 'own' || img === 'templated') && imageEnvDefault(repo, 'GOMEMLIMIT')) continue;
        if (img === 'own' || img === 'templated') {
          if (repo.imports('github.com/KimMachineGun/automemlimit', true)) continue;
          if (goCodeMatches(repo, /\bSetMemoryLimit\(/)) continue;
        }
        const base = img === 'own' ? 'medium' : 'low';
        report({
          file: mem.loc.file,
          line: mem.loc.line,
          messageId: 'missing',
          data: { container: containerLabel(w, c), limit: mem.raw, suggest: formatGoBytes(mem.value * 0.9) },
          confidence: confidenceFor(w, base, c),
        });
      }
    }
  },
});
