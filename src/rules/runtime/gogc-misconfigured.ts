import { defineRepoRule } from '../define-rule.js';
import { parseGoGC, parseGoMemLimit } from '../../facts/runtime-quantities.js';
import { classifyImage, confidenceFor, containerLabel, envVar, goCodeMatches, judgedWorkloads, onceReporter, imageEnvDefault } from '../_shared/runtime-workloads.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { DOCKERFILES, IMAGE_ENV_DEFAULTS } from '../../facts/dockerfiles.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2006',
    name: 'gogc-misconfigured',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'GOGC set low without GOMEMLIMIT, or GOGC=off without any memory bound',
    passCriterion: 'a low GOGC comes with GOMEMLIMIT, and GOGC=off always with a memory bound',
    rationale:
      'GOGC is the heap growth allowed between collections: GOGC=20 means a GC cycle every time the heap grows by 20%, ' +
      'i.e. about five times MORE GC cycles and CPU than the default 100 — it is often set low in the belief that it ' +
      'caps memory, which it does not. The tool for staying under a container limit is GOMEMLIMIT (with GOGC left at ' +
      'the default, or off). GOGC=off without GOMEMLIMIT disables collection entirely: the heap grows until the ' +
      'container is OOM-killed.',
    fix: {
      text: 'To bound memory, set GOMEMLIMIT to ~90% of the memory limit and leave GOGC at 100 (or GOGC=off together with GOMEMLIMIT). Keep a low GOGC only with measurements showing the CPU cost is worth it.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOGC\n              value: "off"\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOGC\n              value: "off"\n            - name: GOMEMLIMIT\n              value: 900MiB\n          resources:\n            limits:\n              memory: 1Gi\n',
      },
    ],
    messages: {
      low: 'GOGC={{value}} of {{container}} without GOMEMLIMIT: a lower GOGC means MORE GC cycles ({{cycles}}), not a memory cap; use GOMEMLIMIT to bound memory',
      offNoLimit: 'GOGC={{value}} of {{container}} disables the GC and there is no GOMEMLIMIT{{limit}}: the heap grows until the process is OOM-killed',
    },
    sources: [],
    notes:
      'GOGC below 50 is reported at medium severity; GOGC=off (or negative) without GOMEMLIMIT at high. GOMEMLIMIT set ' +
      'in code (SetMemoryLimit, automemlimit) counts for the repository\'s own images. Obvious non-Go images are skipped.',
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, IMAGE_ENV_DEFAULTS, K8S_MANIFESTS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { compose: true, docs: true })) {
      for (const c of w.containers) {
        const img = classifyImage(repo, c);
        if (img === 'nonGo') continue;
        const gogc = envVar(c, 'GOGC');
        if (!gogc) continue;
        ctx.applicable();
        if (gogc.value === undefined || gogc.dynamic) continue;
        const g = parseGoGC(gogc.value.trim());
        if (g.kind === 'malformed' || (g.kind === 'percent' && g.percent >= 50)) continue;
        const ml = envVar(c, 'GOMEMLIMIT');
        // a GOMEMLIMIT that is set (and not "off") bounds the heap
        if (ml && !(ml.value !== undefined && !ml.dynamic && parseGoMemLimit(ml.value.trim()).kind === 'off')) continue;
        if (!ml && (img === 'own' || img === 'templated') && imageEnvDefault(repo, 'GOMEMLIMIT')) continue;
        if (!ml && (img === 'own' || img === 'templated') && (repo.imports('github.com/KimMachineGun/automemlimit', true) || goCodeMatches(repo, /\bSetMemoryLimit\(/))) continue;
        if (!ml && (c.envUnknown || w.patchedUnknown)) continue;
        const label = containerLabel(w, c);
        const at = { file: gogc.loc.file, line: gogc.loc.line, confidence: confidenceFor(w, 'high', c) };
        if (g.kind === 'off') {
          const mem = c.resources.limits.memory;
          report({ ...at, messageId: 'offNoLimit', severity: 'high', data: { value: gogc.value, container: label, limit: mem ? ` (the ${mem.raw} limit only triggers the OOM kill)` : ' and no memory limit' } });
        } else {
          const cycles = g.percent === 0 ? 'collection runs almost continuously' : `~${Number((100 / g.percent).toFixed(1))}x the default`;
          report({ ...at, messageId: 'low', data: { value: gogc.value, container: label, cycles } });
        }
      }
    }
  },
});
