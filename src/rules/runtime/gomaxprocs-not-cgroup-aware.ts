import { defineRepoRule, goVersionAtLeast } from '../define-rule.js';
import { hasUnknown } from '../../facts/workload-types.js';
import { classifyImage, imageRepoName, confidenceFor, containerLabel, envVar, goCodeMatches, judgedWorkloads, moduleForImage, onceReporter, imageEnvDefault } from '../_shared/runtime-workloads.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { DOCKERFILES, IMAGE_ENV_DEFAULTS } from '../../facts/dockerfiles.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2005',
    name: 'gomaxprocs-not-cgroup-aware',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-18',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-17 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 0 FP, 3 "nobody would act" of 5 judged — "nobody would act" 60.0 % > 33.3 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main class: the same image and CPU limit reported once per chart or manifest (duplicates). The rule returns to the default set when a fresh blind record clears the bar. Reworked after the 2026-12-17 sample (one finding per image (or building module), the other manifests related places), so its record restarts at 2026-12-18 (blindRecordFrom). Its fresh record since (the candidate draw of 2026-12-18): 3 TP, 3 FP — precision 50.0 %: images built in another repository (Go version unknown, reported as if old), a module line matched to the wrong image, and automaxprocs set by an imported package’s init.',
    title: 'CPU limit set but GOMAXPROCS follows the node\'s CPU count (Go < 1.25)',
    passCriterion: 'containers with a CPU limit run a Go that follows cgroup CPU limits (≥ 1.25) or set GOMAXPROCS',
    rationale:
      'Before Go 1.25 GOMAXPROCS defaults to the number of CPUs of the NODE, not the container\'s CPU limit. A service ' +
      'limited to 2 CPUs on a 64-core node runs 64 Ps: the GC and busy goroutines burn the CFS quota in the first ' +
      'milliseconds of each 100ms period and the whole process is throttled for the rest — tail-latency spikes that ' +
      'look like a slow dependency. Go 1.25+ reads the cgroup CPU limit by default when the main module says go >= 1.25.',
    fix: {
      text: 'Raise the go directive of the main module to 1.25 or later (container-aware GOMAXPROCS), or import go.uber.org/automaxprocs in main, or set GOMAXPROCS to the CPU limit (rounded up) in the container env.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          resources:\n            limits:\n              cpu: "2"\n              memory: 1Gi\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          env:\n            - name: GOMAXPROCS\n              value: "2"\n          resources:\n            limits:\n              cpu: "2"\n              memory: 1Gi\n',
      },
      {
        filename: 'deployment.yaml',
        goVersion: '1.25',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          env:\n            - name: GODEBUG\n              value: containermaxprocs=0\n          resources:\n            limits:\n              cpu: "2"\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ex\nspec:\n  template:\n    spec:\n      containers:\n        - name: ex\n          image: example/ex:1.0\n          resources:\n            limits:\n              cpu: "2"\n',
      },
    ],
    messages: {
      notAligned: '{{container}} has a {{cpu}} CPU limit but GOMAXPROCS will follow the node\'s CPU count ({{why}}): set GOMAXPROCS={{procs}}, import go.uber.org/automaxprocs, or move to go >= 1.25',
    },
    sources: [],
    notes:
      'Go-version aware: the go directive of the module that builds the image (the module of a main package named like ' +
      'the image, else the root module) decides; >= 1.25 is container-aware unless GODEBUG containermaxprocs=0 is set ' +
      '(go.mod godebug block, //go:debug directive, or GODEBUG in the container env). Only images built from this ' +
      'repository are judged — the Go version and imports of other images are unknown. Silent when the code imports ' +
      'go.uber.org/automaxprocs, calls runtime.GOMAXPROCS with a non-zero argument, or sets GOMAXPROCS by ENV in its production Dockerfile. Documentation snippets are not judged. ' +
      'One finding per image (a templated image: per Go module that builds it), at the first workload, the other ' +
      'workloads and charts that give it a CPU limit listed as related places.',
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, IMAGE_ENV_DEFAULTS, K8S_MANIFESTS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { compose: true })) {
      for (const c of w.containers) {
        if (c.init) continue;
        const img = classifyImage(repo, c);
        if (img !== 'own' && img !== 'templated') continue;
        const cpu = c.resources.limits.cpu;
        if (!cpu || cpu.value === undefined || cpu.value <= 0) continue;
        ctx.applicable();
        if (c.envUnknown || hasUnknown(c, 'env') || w.patchedUnknown) continue;
        if (envVar(c, 'GOMAXPROCS') || imageEnvDefault(repo, 'GOMAXPROCS')) continue;
        if (repo.imports('go.uber.org/automaxprocs', true)) continue;
        if (goCodeMatches(repo, /\bGOMAXPROCS\(\s*(?!0\s*\))[^)\s]/)) continue;
        const mod = moduleForImage(repo, c);
        const godebug = envVar(c, 'GODEBUG');
        const disabledByEnv = godebug?.value !== undefined && /(^|,)\s*containermaxprocs=0/.test(godebug.value);
        const disabledByMod = mod?.mod.godebug.some((g) => g.key === 'containermaxprocs' && g.value === '0') ?? false;
        const disabledByDirective = goCodeMatches(repo, /^\/\/go:debug\s+containermaxprocs=0/m);
        const aware = goVersionAtLeast(mod?.go, 1, 25);
        let why: string;
        if (!aware) why = mod?.go ? `go directive ${mod.go} < 1.25` : 'Go version unknown';
        else if (disabledByEnv) why = 'GODEBUG containermaxprocs=0 in the env';
        else if (disabledByMod) why = 'godebug containermaxprocs=0 in go.mod';
        else if (disabledByDirective) why = '//go:debug containermaxprocs=0';
        else continue;
        report({
          file: cpu.loc.file,
          line: cpu.loc.line,
          messageId: 'notAligned',
          data: { container: containerLabel(w, c), cpu: cpu.raw, why, procs: Math.max(1, Math.ceil(cpu.value / 1000)) },
          confidence: confidenceFor(w, img === 'own' && mod?.go ? 'medium' : 'low', c),
          // one finding per image (a templated image: per Go module that builds it), the other workloads that give
          // it a CPU limit as related places: the fix is in the binary (automaxprocs, GOMAXPROCS, the go directive)
          concern: c.image && !/[{$]/.test(c.image) ? `image:${imageRepoName(c.image)}\0${why}` : mod ? `module:${mod.dir}\0${why}` : undefined,
        });
      }
    }
  },
});
