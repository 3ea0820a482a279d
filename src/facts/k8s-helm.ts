/** Helm charts: templates read as Kubernetes objects, with values.yaml resolving `toYaml .Values.x` blocks. */
import type { Node as YNode } from 'yaml';
import { isMap, isScalar, isSeq } from './yaml-lib.js';
import { looksLikeK8s, readManifestText, type Diag, type HelmCtx, type ReadResult } from './k8s-objects.js';
import type { RepoFacts } from './repo-facts.js';
import { stripHelmTemplate } from './helm-templates.js';
import { deref, getIn, parseYamlDocument, scalar, type YamlDoc as YCtx } from './yaml-doc.js';

export function helmValues(repo: RepoFacts, chart: string, diag: Diag): { ctx: YCtx; root: YNode | undefined } | undefined {
  for (const n of ['values.yaml', 'values.yml']) {
    const file = chart ? `${chart}/${n}` : n;
    const r = repo.readText(file);
    if (r.text === undefined) continue;
    const { d: ctx, problem } = parseYamlDocument(file, r.text, { budgetMs: repo.fileBudgetMs });
    if (problem) {
      diag({ level: 'warning', code: 'yaml-parse', file, line: problem.line, message: `Helm values not readable: ${problem.message}; templates read without values` });
      return undefined;
    }
    if (!ctx) return undefined;
    return { ctx, root: deref(ctx, ctx.doc.contents) };
  }
  return undefined;
}

export function readChart(repo: RepoFacts, chart: string, templates: string[], diag: Diag, out: ReadResult[]): void {
  const chartFile = chart ? `${chart}/Chart.yaml` : 'Chart.yaml';
  const meta = repo.readText(chartFile).text ?? '';
  const chartName = /^name:\s*["']?([\w.-]+)/m.exec(meta)?.[1];
  const appVersion = /^appVersion:\s*["']?([\w.+-]+)/m.exec(meta)?.[1];
  const values = helmValues(repo, chart, diag);
  const lookup = (p: string[]): unknown => {
    if (!values) return undefined;
    const e = getIn(values.ctx, values.root, p);
    return e ? scalar(values.ctx, e.value) : undefined;
  };
  const truthy = (p: string[]): boolean | undefined => {
    if (!values) return undefined;
    const e = getIn(values.ctx, values.root, p);
    if (!e) return false;
    const n = deref(values.ctx, e.value);
    if (!n) return false;
    if (isScalar(n)) return !(n.value === null || n.value === false || n.value === 0 || n.value === '');
    if (isMap(n) || isSeq(n)) return n.items.length > 0;
    return undefined;
  };
  for (const file of templates) {
    const r = repo.readText(file);
    if (r.text === undefined) { diag({ level: 'warning', code: 'unreadable-file', file, message: `Helm template not readable: ${r.error}` }); continue; }
    if (!looksLikeK8s(r.text)) continue;
    const s = stripHelmTemplate(r.text, { lookup, truthy, chartName, appVersion });
    const helm: HelmCtx = { actions: s.actions, consumed: new Set(), lines: s.text.split('\n'), values, conditionalLines: s.conditionalLines, alternatives: s.alternatives };
    const res = readManifestText(file, s.text, diag, { source: 'helm', helm, budgetMs: repo.fileBudgetMs, layout: repo.layout });
    for (const w of res.workloads) w.chart = chart || '.';
    out.push(res);
    const unresolved = s.actions.filter((a) => a.output && !a.valuesPath).length;
    diag({
      level: 'info', code: 'helm-template', file,
      message: `Helm template read conservatively: ${s.blankedLines} template-only line(s) skipped, ${s.deadLines} line(s) in branches the default values do not render dropped, ${s.substituted} expression(s) taken from values.yaml, ` +
        `${s.placeholders} left unknown, ${unresolved} output action(s) not evaluated (fields they may set are not judged)`,
    });
  }
}

// ---------------------------------------------------------------- entry point

