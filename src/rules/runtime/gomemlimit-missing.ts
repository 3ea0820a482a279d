import { defineRepoRule } from '../define-rule.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { formatGoBytes } from '../../facts/runtime-quantities.js';
import { classifyImage, confidenceFor, containerLabel, envVar, goCodeMatches, judgedWorkloads, onceReporter, imageEnvDefault } from '../_shared/runtime-workloads.js';
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
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 11 TP, 2 FP, 1 "nobody would act" of 14 judged — precision 84.6 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: design proof-of-concept manifests, and rendered chart presets whose memory limits users are expected to change. Some of these classes were fixed after the samples; the rule returns to the default set when a fresh blind record clears the bar. Its record through the draw of 2026-12-25 (`node dist/scripts/blind-record.js`): 13 TP, 3 FP, 4 DEB — precision 81.3 %; the classes of that draw: a manifest only a developer\'s Tilt loop applies, and tiny (32Mi) limits of third-party sidecars where GOMEMLIMIT would change nothing.',
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
      'package directory name; compose services with build:) at medium confidence; images the tool cannot place at ' +
      'low confidence (most images in Kubernetes manifests of a Go repository are Go programs); obvious non-Go images ' +
      '(postgres, redis, nginx, busybox, alpine, python, ...) and placeholder images substituted by scripts ({IMAGE}, ' +
      '${IMAGE}) are never reported, nor images built by a Dockerfile of this repository (named after its folder or ' +
      'name part, alone or after the repository\'s name: postgres-operator-ui for ui/Dockerfile) whose program is not ' +
      'Go (it starts python, node, java, ... and no stage builds Go). For the repository\'s own images the ' +
      'rule stays silent when the code sets the limit itself (imports github.com/KimMachineGun/automemlimit or calls ' +
      'SetMemoryLimit) or its production Dockerfile sets GOMEMLIMIT by ENV in the final image. A container whose env comes partly from an unresolved ConfigMap (envFrom) or a Helm action is ' +
      'not judged, nor are test fixtures and documentation snippets. Dockerfile ENV is not read yet (see the Dockerfile facts).',
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, IMAGE_ENV_DEFAULTS, K8S_MANIFESTS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { compose: true })) {
      for (const c of w.containers) {
        if (c.init) continue;
        const img = classifyImage(repo, c);
        if (img === 'nonGo' || img === 'placeholder') continue;
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
