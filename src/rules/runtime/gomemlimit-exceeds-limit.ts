import { defineRepoRule } from '../define-rule.js';
import { formatGoBytes, memoryBytes, parseGoMemLimit } from '../../facts/runtime-quantities.js';
import { classifyImage, confidenceFor, containerLabel, envVar, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';
import { OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2003',
    name: 'gomemlimit-exceeds-limit',
    dimension: 'runtime',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-18 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 0 FP, 3 "nobody would act" of 3 judged — no judged finding was acted on, below the bar for a default rule. Main class: GOMEMLIMIT set to the full limit on purpose through the downward API for small pure-Go daemons (request far below the limit), where the missing headroom changes nothing in practice. The rule returns to the default set when a fresh blind record clears the bar.',
    title: 'GOMEMLIMIT at or above the container memory limit (or in the wrong unit)',
    passCriterion: 'GOMEMLIMIT is below the container memory limit, in the runtime\'s units',
    rationale:
      'GOMEMLIMIT is a soft target for memory the Go runtime manages; the kernel counts more (binary, stacks outside the ' +
      'heap accounting, cgo, page cache of written files). Set at or above the cgroup limit, the GC only starts working ' +
      'hard when the container is already being OOM-killed, so the setting protects nothing. Filled from ' +
      'resourceFieldRef with a divisor such as 1Mi, the variable receives a bare number that Go reads as BYTES: ' +
      'GOMEMLIMIT=512 makes the GC run continuously and burns the CPU.',
    fix: {
      text: 'Set GOMEMLIMIT to about 90% of limits.memory in Go units (e.g. 460MiB for 512Mi). With resourceFieldRef, leave the divisor at 1 (bytes) and prefer a literal 90% value, or use automemlimit.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOMEMLIMIT\n              value: 1GiB\n          resources:\n            limits:\n              memory: 512Mi\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOMEMLIMIT\n              value: 460MiB\n          resources:\n            limits:\n              memory: 512Mi\n',
      },
    ],
    messages: {
      above: 'GOMEMLIMIT={{value}} of {{container}} is above its {{limit}} memory limit: the GC will not react before the OOM kill; use about {{suggest}}',
      equal: 'GOMEMLIMIT={{value}} of {{container}} equals its {{limit}} memory limit: no headroom for non-heap memory; use about {{suggest}}',
      fieldRefEqual: 'GOMEMLIMIT of {{container}} is filled with the full memory limit (resourceFieldRef limits.memory): no headroom; use about {{suggest}}',
      divisor: 'GOMEMLIMIT of {{container}} comes from resourceFieldRef limits.memory with divisor {{divisor}}: Go reads the bare number as bytes, so the GC runs continuously',
    },
    sources: [],
    notes:
      'Equal-to-limit cases are reported at medium (literal) or low (resourceFieldRef, a widespread pattern) severity; ' +
      'above-limit and the divisor unit error at high. Obvious non-Go images are skipped. docker-compose ' +
      'deploy.resources.limits.memory / mem_limit are compared too.',
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, K8S_MANIFESTS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    for (const w of judgedWorkloads(repo, { compose: true, docs: true })) {
      for (const c of w.containers) {
        if (classifyImage(repo, c) === 'nonGo') continue;
        const ev = envVar(c, 'GOMEMLIMIT');
        if (!ev) continue;
        ctx.applicable();
        const mem = c.resources.limits.memory;
        const label = containerLabel(w, c);
        const conf = confidenceFor(w, 'high', c);
        if (ev.from?.kind === 'resourceFieldRef' && ev.from.resource === 'limits.memory' && (!ev.from.containerName || ev.from.containerName === c.name)) {
          const div = ev.from.divisor;
          const divBytes = div === undefined ? 1 : memoryBytes(div);
          const suggest = mem?.value !== undefined ? formatGoBytes(mem.value * 0.9) : '90% of the limit';
          if (divBytes !== undefined && divBytes !== 1) {
            report({ file: ev.loc.file, line: ev.loc.line, messageId: 'divisor', data: { container: label, divisor: div! }, confidence: conf });
          } else if (mem) {
            report({ file: ev.loc.file, line: ev.loc.line, messageId: 'fieldRefEqual', data: { container: label, suggest }, severity: 'low', confidence: conf });
          }
          continue;
        }
        if (ev.value === undefined || ev.dynamic || !mem || mem.value === undefined) continue;
        const g = parseGoMemLimit(ev.value);
        if (g.kind !== 'bytes') continue;
        const data = { container: label, value: ev.value, limit: mem.raw, suggest: formatGoBytes(mem.value * 0.9) };
        const vl = ev.valueLoc ?? ev.loc;
        if (g.bytes > mem.value) report({ file: vl.file, line: vl.line, messageId: 'above', data, confidence: conf });
        else if (g.bytes === mem.value) report({ file: vl.file, line: vl.line, messageId: 'equal', data, severity: 'medium', confidence: conf });
      }
    }
  },
});
