import { defineRepoRule } from '../define-rule.js';
import { parseGoGC, parseGoMaxProcs, parseGoMemLimit } from '../../facts/runtime-quantities.js';
import { classifyImage, confidenceFor, containerLabel, envVar, judgedWorkloads, onceReporter } from '../_shared/runtime-workloads.js';
import { dockerfiles, stageChain } from '../../facts/dockerfiles.js';
import { MAIN_PACKAGE_DIRS, OWN_IMAGE_NAMES } from '../../facts/code-summaries.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

export default defineRepoRule({
  meta: {
    id: 'RUN2004',
    name: 'go-runtime-env-malformed',
    dimension: 'runtime',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'GOMEMLIMIT / GOGC / GOMAXPROCS value the Go runtime does not accept',
    passCriterion: 'GOMEMLIMIT, GOGC and GOMAXPROCS values parse as the Go runtime expects',
    rationale:
      'The Go runtime parses these variables itself, with its own syntax. GOMEMLIMIT accepts only digits with an ' +
      'optional B, KiB, MiB, GiB or TiB suffix (or "off"): the Kubernetes spelling 512Mi, or 1G / 900MB, makes every ' +
      'process of the image abort at startup with "malformed GOMEMLIMIT" — a crash loop on the next rollout. A GOGC or ' +
      'GOMAXPROCS value that is not an integer is silently ignored, so the tuning someone believed in never applied.',
    fix: { text: 'Write GOMEMLIMIT in Go units (e.g. 460MiB, 1GiB, or plain bytes), GOGC as an integer percentage or off, GOMAXPROCS as a positive integer.', effort: 'low' },
    examples: [
      {
        filename: 'deployment.yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOMEMLIMIT\n              value: 460Mi\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: GOMEMLIMIT\n              value: 460MiB\n',
      },
    ],
    messages: {
      memlimit: 'GOMEMLIMIT={{value}} of {{container}} is malformed for Go (units B, KiB, MiB, GiB, TiB): the process aborts at startup{{hint}}',
      gogc: 'GOGC={{value}} of {{container}} is not an integer or "off": Go silently ignores it and uses 100',
      maxprocs: 'GOMAXPROCS={{value}} of {{container}} is not a positive integer: Go silently ignores it',
    },
    sources: [],
    notes: 'Reads container env in Kubernetes manifests, Helm values and compose files, and ENV in the final image of production Dockerfiles (including the stages it is built FROM). Values with $(VAR) / ${VAR} expansions or template placeholders are not judged. Obvious non-Go images are skipped.',
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, K8S_MANIFESTS, MAIN_PACKAGE_DIRS, OWN_IMAGE_NAMES],
  check(repo, ctx) {
    const report = onceReporter(ctx.report);
    // ENV in the image itself: the final stage and the stages it is built FROM (ENV is inherited)
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined) continue;
      const finalStage = df.stages[df.final];
      const label = `the image of ${df.file}${finalStage?.name ? ` (stage ${finalStage.name})` : ''}`;
      for (const stage of stageChain(df, df.final)) {
        for (const e of stage.envs) {
          if (e.name !== 'GOMEMLIMIT' && e.name !== 'GOGC' && e.name !== 'GOMAXPROCS') continue;
          ctx.applicable();
          const v = e.value.trim();
          if (!v || /\$[{A-Za-z_]/.test(v)) continue;
          const at = { file: df.file, line: e.line };
          if (e.name === 'GOMEMLIMIT') {
            const g = parseGoMemLimit(v);
            if (g.kind === 'malformed') report({ ...at, messageId: 'memlimit', data: { value: v, container: label, hint: g.hint ? ` (write ${g.hint})` : '' } });
          } else if (e.name === 'GOGC') {
            if (parseGoGC(v).kind === 'malformed') report({ ...at, messageId: 'gogc', data: { value: v, container: label }, severity: 'medium' });
          } else if (parseGoMaxProcs(v) === undefined) {
            report({ ...at, messageId: 'maxprocs', data: { value: v, container: label }, severity: 'low' });
          }
        }
      }
    }
    for (const w of judgedWorkloads(repo, { compose: true, docs: true })) {
      for (const c of w.containers) {
        if (classifyImage(repo, c) === 'nonGo') continue;
        const conf = confidenceFor(w, 'high', c);
        const label = containerLabel(w, c);
        for (const name of ['GOMEMLIMIT', 'GOGC', 'GOMAXPROCS'] as const) {
          const ev = envVar(c, name);
          if (!ev) continue;
          ctx.applicable();
          if (ev.value === undefined || ev.dynamic || ev.value.trim() === '') continue;
          const v = ev.value.trim();
          const vl = ev.valueLoc ?? ev.loc;
          const at = { file: vl.file, line: vl.line, confidence: conf };
          if (name === 'GOMEMLIMIT') {
            const g = parseGoMemLimit(v);
            if (g.kind === 'malformed') report({ ...at, messageId: 'memlimit', data: { value: v, container: label, hint: g.hint ? ` (write ${g.hint})` : '' } });
          } else if (name === 'GOGC') {
            if (parseGoGC(v).kind === 'malformed') report({ ...at, messageId: 'gogc', data: { value: v, container: label }, severity: 'medium' });
          } else if (parseGoMaxProcs(v) === undefined) {
            report({ ...at, messageId: 'maxprocs', data: { value: v, container: label }, severity: 'low' });
          }
        }
      }
    }
  },
});
