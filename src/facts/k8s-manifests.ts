/**
 * Kubernetes workload facts: plain manifests (multi-document YAML, `List` objects, anchors and
 * merge keys), kustomize trees (resources/bases followed to files in the repo, strategic-merge
 * patches merged, JSON6902 patches marking their target as not evaluable, configMapGenerator
 * literals) and Helm charts (templates read through `stripHelmTemplate`, values.yaml resolving
 * `toYaml .Values.x` blocks). A broken YAML document yields a diagnostic and the other documents
 * are still read; nothing here throws.
 */
import path from 'node:path';
import { looksLikeK8s, readManifestText, type AutoscalerFact, type ConfigMapFact, type Diag, type DisruptionBudgetFact, type NamespaceFact, type ReadResult } from './k8s-objects.js';
import { KUSTOMIZATION_NAMES, kustomizationIn, mergeWorkload, readKustomization, splitImage, type Kustomization } from './k8s-kustomize.js';
import { readChart } from './k8s-helm.js';
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { COMPOSE_FILE } from './compose-files.js';
import { stripHelmTemplate } from './helm-templates.js';
import { fileRole, openshiftPath, type ServiceFact, type Workload } from './workload-types.js';

export interface K8sFacts {
  workloads: Workload[];
  services: ServiceFact[];
  /** Files holding at least one Kubernetes object of an interesting kind (workloads, ConfigMaps...). */
  manifestFiles: string[];
  configMaps: ConfigMapFact[];
  /** A LimitRange (outside test fixtures) gives containers a default memory limit. */
  limitRangeDefaultMemory: boolean;
  kustomizations: string[];
  charts: string[];
  /** PodDisruptionBudgets outside test fixtures; `selector` undefined when templated or unreadable. */
  disruptionBudgets: DisruptionBudgetFact[];
  /** HorizontalPodAutoscalers and KEDA ScaledObjects: the workload they scale (undefined parts when templated). */
  autoscalers: AutoscalerFact[];
  /** Namespaces the manifests (outside test fixtures) create, with their Pod Security admission level. */
  namespaces: NamespaceFact[];
}

/**
 * The innermost Helm chart directory containing `file`, from the chart directories of the repository ('' or '.'
 * for a chart at the root, as K8sFacts.charts lists it): '' for the root chart, undefined outside every chart.
 */
export function chartDirOf(charts: string[], file: string): string | undefined {
  let best: string | undefined;
  for (const chart of charts) {
    const c = chart === '.' ? '' : chart;
    if ((c === '' || file.startsWith(`${c}/`)) && (best === undefined || c.length > best.length)) best = c;
  }
  return best;
}

/** All Kubernetes workload facts of the repository (memoised). */
export const K8S_MANIFESTS = factKey<K8sFacts>('k8s-manifests');

export const k8sManifestsProvider = defineProvider({
  provides: K8S_MANIFESTS,
  reads: [filesInput('YAML and JSON files', (r) => /\.(ya?ml|json)$/i.test(r))],
  cacheable: true,
  compute: (repo): K8sFacts => computeK8s(repo),
});

export function k8sManifests(repo: RepoFacts): K8sFacts {
  return repo.fact(K8S_MANIFESTS);
}

function computeK8s(repo: RepoFacts): K8sFacts {
  const diag: Diag = (d) => { repo.diagnostics.push({ ...d }); };
  const files = new Set(repo.otherFiles);
  const yamlFiles = repo.otherFiles.filter((f) => /\.ya?ml$/i.test(f));
  const charts = repo.filesWhere((_r, b) => b === 'Chart.yaml').map((f) => (path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f)));
  const inChartTemplates = (f: string) => charts.some((c) => f.startsWith(c ? `${c}/templates/` : 'templates/'));
  const chartOwnFiles = new Set(charts.flatMap((c) => ['Chart.yaml', 'values.yaml', 'values.yml', 'values.schema.json'].map((n) => (c ? `${c}/${n}` : n))));

  // kustomize first: patch files are partial objects and must not be read as workloads
  const kFiles = repo.otherFiles.filter((f) => KUSTOMIZATION_NAMES.includes(f.slice(f.lastIndexOf('/') + 1)));
  const kusts = new Map<string, Kustomization>();
  for (const f of kFiles) {
    const k = readKustomization(repo, f, files, diag);
    if (k) kusts.set(k.dir, k);
  }
  const patchFiles = new Set<string>();
  for (const k of kusts.values()) for (const p of [...k.smp, ...k.json]) if (p.file !== k.file) patchFiles.add(p.file);
  // resources reached through kustomizations (followed even when the walker did not list them)
  const reached = new Map<string, Set<string>>();
  const reach = (dir: string, seen: Set<string>): Set<string> => {
    const k = kusts.get(dir);
    const out = new Set<string>();
    if (!k || seen.has(dir)) return out;
    seen.add(dir);
    for (const r of k.resources) out.add(r);
    for (const d of k.subdirs) {
      if (!kusts.has(d)) {
        const kf = kustomizationIn(repo, d, files);
        const sub = kf ? readKustomization(repo, kf, files, diag) : undefined;
        if (sub) kusts.set(d, sub);
      }
      for (const r of reach(d, seen)) out.add(r);
    }
    return out;
  };
  for (const dir of [...kusts.keys()]) reached.set(dir, reach(dir, new Set()));

  const toRead = new Set<string>();
  const reachedAny = new Set([...reached.values()].flatMap((set) => [...set]));
  for (const f of yamlFiles) {
    const base = f.slice(f.lastIndexOf('/') + 1);
    if (inChartTemplates(f) || chartOwnFiles.has(f) || patchFiles.has(f) || KUSTOMIZATION_NAMES.includes(base) || COMPOSE_FILE.test(base)) continue;
    // a file beside a kustomization that it does not name is not deployed by it (a scaffold patch left commented out
    // in the kustomization, kubebuilder's config/default/*_patch.yaml): kustomize builds only what it lists
    const dir = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    if (kusts.has(dir) && !reachedAny.has(f)) {
      diag({ level: 'info', code: 'kustomize-unreferenced', file: f, message: `not listed by ${kusts.get(dir)!.file}: not read as a deployed manifest` });
      continue;
    }
    toRead.add(f);
  }
  for (const set of reached.values()) for (const f of set) if (!patchFiles.has(f) && !inChartTemplates(f)) toRead.add(f);

  const results: ReadResult[] = [];
  const manifestFiles: string[] = [];
  for (const f of [...toRead].sort()) {
    const r = repo.readText(f);
    if (r.text === undefined) {
      // a kustomization names it, so it is a manifest: warn; any other YAML file may not even be Kubernetes: note it
      const referenced = [...reached.values()].some((set) => set.has(f));
      if (referenced || !/binary/.test(r.error ?? '')) {
        diag({ level: referenced ? 'warning' : 'info', code: 'unreadable-file', file: f, message: `YAML file not read for Kubernetes manifests: ${r.error}` });
      }
      continue;
    }
    if (!looksLikeK8s(r.text)) continue;
    let res = readManifestText(f, r.text, diag, { budgetMs: repo.fileBudgetMs, layout: repo.layout });
    if (res.objects === 0 && r.text.includes('{{')) {
      // Go-templated manifest outside a chart: read it the Helm way
      const s = stripHelmTemplate(r.text, { lookup: () => undefined });
      res = readManifestText(f, s.text, () => {}, { helm: { actions: s.actions, consumed: new Set(), lines: s.text.split('\n') }, budgetMs: repo.fileBudgetMs, layout: repo.layout });
      diag({ level: 'info', code: 'helm-template', file: f, message: `templated manifest read conservatively: ${s.blankedLines} template-only line(s) skipped, ${s.placeholders} expression(s) left unknown` });
    }
    if (res.objects > 0) manifestFiles.push(f);
    results.push(res);
  }
  for (const c of charts) {
    const prefix = c ? `${c}/templates/` : 'templates/';
    const templates = yamlFiles.filter((f) => f.startsWith(prefix) && chartDirOf(charts, f) === c).sort();
    const before = results.length;
    readChart(repo, c, templates, diag, results);
    for (const res of results.slice(before)) if (res.objects > 0) manifestFiles.push(...new Set(res.workloads.map((w) => w.file)));
  }

  const workloads = results.flatMap((r) => r.workloads);
  const services = results.flatMap((r) => r.services);
  const configMaps = results.flatMap((r) => r.configMaps);
  for (const k of kusts.values()) configMaps.push(...k.configMaps);

  // apply kustomize patches to the workloads their kustomization reaches
  for (const [dir, k] of kusts) {
    const scope = reached.get(dir) ?? new Set();
    const targets = workloads.filter((w) => scope.has(w.file));
    for (const w of targets) (w.kustomizations ??= []).push(k.file);
    // images transformer: the image the overlay really deploys
    for (const img of k.images) {
      for (const w of targets) for (const c of w.containers) {
        if (!c.image) continue;
        const cur = splitImage(c.image);
        if (cur.repo !== img.name) continue;
        const tag = img.newTag ?? cur.tag;
        c.image = `${img.newName ?? cur.repo}${tag ? `:${tag}` : ''}`;
      }
    }
    for (const r of k.replicas) {
      for (const w of targets) if (w.name === r.name) w.replicas = { value: r.count, loc: w.replicas?.loc ?? w.loc };
    }
    for (const p of k.smp) {
      const pr = readManifestText(p.file, p.text, diag, { budgetMs: repo.fileBudgetMs });
      for (const pw of pr.workloads) {
        const kind = p.target?.kind ?? pw.kind;
        const name = p.target?.name ?? pw.name;
        for (const w of targets) if (w.kind === kind && (name === undefined || w.name === name)) mergeWorkload(w, pw);
      }
      if (pr.workloads.length === 0 && p.target) {
        for (const w of targets) if ((!p.target.kind || w.kind === p.target.kind) && (!p.target.name || w.name === p.target.name)) w.patchedUnknown = true;
      }
    }
    for (const j of k.json) {
      for (const w of targets) if ((!j.target?.kind || w.kind === j.target.kind) && (!j.target?.name || w.name === j.target.name)) w.patchedUnknown = true;
    }
  }

  // OpenShift manifests: named so by their path, or deployed only by kustomizations that are
  for (const w of workloads) {
    if (openshiftPath(w.file) || (w.kustomizations?.length && w.kustomizations.every(openshiftPath))) w.openshift = true;
  }

  // envFrom: ConfigMaps found in the repo contribute their keys; unknown ConfigMaps make env unknown
  for (const w of workloads) {
    for (const c of w.containers) {
      for (const ref of c.envFrom) {
        if (ref.kind === 'secret') continue; // Go runtime settings are not kept in Secrets
        const cm = ref.name ? configMaps.find((m) => m.name === ref.name) : undefined;
        if (!cm) { c.envUnknown = true; continue; }
        for (const [key, v] of cm.data) {
          if (!c.env.some((e) => e.name === `${ref.prefix ?? ''}${key}`)) c.env.push({ name: `${ref.prefix ?? ''}${key}`, value: v.value, loc: v.loc });
        }
      }
    }
  }

  return {
    workloads,
    services,
    manifestFiles: [...new Set(manifestFiles)].sort(),
    configMaps,
    limitRangeDefaultMemory: results.some((r) => r.limitRangeDefaultMemory),
    disruptionBudgets: results.flatMap((r) => r.disruptionBudgets),
    autoscalers: results.flatMap((r) => r.autoscalers),
    namespaces: results.flatMap((r) => r.namespaces).filter((n) => fileRole(n.loc.file, repo.layout) !== 'test'),
    kustomizations: [...kusts.values()].map((k) => k.file).sort(),
    charts: charts.map((c) => c || '.'),
  };
}
