/**
 * kustomize trees: resources/bases followed to files in the repository, strategic-merge patches
 * merged into their targets, JSON6902 patches marking their target as not evaluable,
 * configMapGenerator literals and `images:` transformers.
 */
import path from 'node:path';
import type { YAMLMap } from 'yaml';
import { loc, type ConfigMapFact, type Diag } from './k8s-objects.js';
import type { RepoFacts } from './repo-facts.js';
import { asMap, asSeq, get, lineOf, parseYamlDocument, scalar, str } from './yaml-doc.js';
import { type Container, type Loc, type Workload } from './workload-types.js';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface Kustomization {
  file: string;
  dir: string;
  resources: string[];
  subdirs: string[];
  smp: { file: string; text: string; target?: { kind?: string; name?: string } }[];
  json: { target?: { kind?: string; name?: string }; file: string; line: number }[];
  configMaps: ConfigMapFact[];
  /** `images:` transformer entries: name -> newName / newTag. */
  images: { name: string; newName?: string; newTag?: string }[];
  /** `replicas:` transformer entries: workload name -> count (undefined when not a literal number). */
  replicas: { name: string; count?: number }[];
}

/** Splits an image reference into repository and tag (digest dropped). */
export function splitImage(image: string): { repo: string; tag?: string } {
  const noDigest = image.replace(/@[\w:]+$/, '');
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  if (colon > slash) return { repo: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repo: noDigest };
}

function isRemote(ref: string): boolean {
  return /^[a-z]+:\/\//i.test(ref) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) || ref.includes('?ref=') || ref.startsWith('git@');
}

export function kustomizationIn(repo: RepoFacts, dir: string, files: Set<string>): string | undefined {
  for (const n of KUSTOMIZATION_NAMES) {
    const p = dir ? `${dir}/${n}` : n;
    if (files.has(p) || repo.readText(p).text !== undefined) return p;
  }
  return undefined;
}

export function readKustomization(repo: RepoFacts, file: string, files: Set<string>, diag: Diag): Kustomization | undefined {
  const r = repo.readText(file);
  if (r.text === undefined) { diag({ level: 'warning', code: 'unreadable-file', file, message: `kustomization not readable: ${r.error}` }); return undefined; }
  const { d: ctx, problem } = parseYamlDocument(file, r.text, { budgetMs: repo.fileBudgetMs });
  if (problem) {
    diag({ level: 'warning', code: 'yaml-parse', file, line: problem.line, message: `kustomization not readable: ${problem.message}` });
    return undefined;
  }
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const k: Kustomization = { file, dir, resources: [], subdirs: [], smp: [], json: [], configMaps: [], images: [], replicas: [] };
  if (!ctx) return k;
  const top = asMap(ctx, ctx.doc.contents);
  const resolveRef = (ref: string, line: number): string | undefined => {
    if (isRemote(ref)) { diag({ level: 'info', code: 'kustomize-remote', file, line, message: `remote kustomize resource ${ref} not followed` }); return undefined; }
    const p = path.posix.normalize(path.posix.join(dir, ref)).replace(/\/$/, '');
    if (p.startsWith('..') || path.posix.isAbsolute(p)) { diag({ level: 'info', code: 'kustomize-outside', file, line, message: `kustomize resource ${ref} is outside the repository: not followed` }); return undefined; }
    return p === '.' ? '' : p;
  };
  for (const key of ['resources', 'bases', 'components']) {
    for (const item of asSeq(ctx, get(ctx, top, key)?.value)?.items ?? []) {
      const ref = str(ctx, item);
      if (!ref) continue;
      const line = lineOf(ctx, item);
      const p = resolveRef(ref, line);
      if (p === undefined) continue;
      if (kustomizationIn(repo, p, files)) k.subdirs.push(p);
      else if (repo.readText(p).text !== undefined) k.resources.push(p);
      else diag({ level: 'warning', code: 'kustomize-missing', file, line, message: `kustomization lists ${ref}, which is not in the repository` });
    }
  }
  const addPatch = (text: string | undefined, pfile: string | undefined, line: number, target?: { kind?: string; name?: string }) => {
    if (text === undefined) {
      if (pfile === undefined) return;
      const pr = repo.readText(pfile);
      if (pr.text === undefined) { diag({ level: 'warning', code: 'kustomize-missing', file, line, message: `kustomize patch ${pfile} is not in the repository` }); return; }
      text = pr.text;
    }
    // a JSON6902 patch is a list of operations
    if (/^\s*-\s*(?:op|"op")\s*:/m.test(text) && !/^kind:/m.test(text)) k.json.push({ target, file: pfile ?? file, line });
    else k.smp.push({ file: pfile ?? file, text, target });
  };
  for (const item of asSeq(ctx, get(ctx, top, 'patchesStrategicMerge')?.value)?.items ?? []) {
    const s = str(ctx, item);
    if (!s) continue;
    if (s.includes('\n')) addPatch(s, undefined, lineOf(ctx, item));
    else { const p = resolveRef(s, lineOf(ctx, item)); if (p !== undefined) addPatch(undefined, p, lineOf(ctx, item)); }
  }
  const targetOf = (m: YAMLMap | undefined) => {
    const t = asMap(ctx, get(ctx, m, 'target')?.value);
    if (!t) return undefined;
    return { kind: str(ctx, get(ctx, t, 'kind')?.value), name: str(ctx, get(ctx, t, 'name')?.value) };
  };
  for (const item of asSeq(ctx, get(ctx, top, 'patches')?.value)?.items ?? []) {
    const m = asMap(ctx, item);
    const line = lineOf(ctx, item);
    const inline = str(ctx, get(ctx, m, 'patch')?.value);
    const p = str(ctx, get(ctx, m, 'path')?.value);
    if (inline !== undefined) addPatch(inline, undefined, line, targetOf(m));
    else if (p) { const rp = resolveRef(p, line); if (rp !== undefined) addPatch(undefined, rp, line, targetOf(m)); }
  }
  for (const item of asSeq(ctx, get(ctx, top, 'patchesJson6902')?.value)?.items ?? []) {
    const m = asMap(ctx, item);
    const p = str(ctx, get(ctx, m, 'path')?.value);
    k.json.push({ target: targetOf(m), file: p ? resolveRef(p, lineOf(ctx, item)) ?? file : file, line: lineOf(ctx, item) });
  }
  for (const item of asSeq(ctx, get(ctx, top, 'images')?.value)?.items ?? []) {
    const m = asMap(ctx, item);
    const name = str(ctx, get(ctx, m, 'name')?.value);
    if (name) k.images.push({ name, newName: str(ctx, get(ctx, m, 'newName')?.value), newTag: str(ctx, get(ctx, m, 'newTag')?.value) });
  }
  for (const item of asSeq(ctx, get(ctx, top, 'replicas')?.value)?.items ?? []) {
    const m = asMap(ctx, item);
    const name = str(ctx, get(ctx, m, 'name')?.value);
    const c = scalar(ctx, get(ctx, m, 'count')?.value);
    if (name) k.replicas.push({ name, count: typeof c === 'number' ? c : undefined });
  }
  for (const item of asSeq(ctx, get(ctx, top, 'configMapGenerator')?.value)?.items ?? []) {
    const m = asMap(ctx, item);
    const name = str(ctx, get(ctx, m, 'name')?.value);
    if (!name) continue;
    const data = new Map<string, { value: string; loc: Loc }>();
    for (const lit of asSeq(ctx, get(ctx, m, 'literals')?.value)?.items ?? []) {
      const s = str(ctx, lit);
      const eq = s?.indexOf('=') ?? -1;
      if (s && eq > 0) data.set(s.slice(0, eq).trim(), { value: s.slice(eq + 1).trim(), loc: loc(ctx, lineOf(ctx, lit)) });
    }
    const envFiles = [...(asSeq(ctx, get(ctx, m, 'envs')?.value)?.items ?? []), get(ctx, m, 'env')?.value].filter(Boolean);
    for (const ef of envFiles) {
      const s = str(ctx, ef);
      const p = s ? resolveRef(s, lineOf(ctx, ef)) : undefined;
      const t = p !== undefined ? repo.readText(p).text : undefined;
      if (t === undefined) continue;
      t.split('\n').forEach((l, i) => {
        const mm = /^\s*([A-Za-z_][\w.-]*)\s*=(.*)$/.exec(l);
        if (mm) data.set(mm[1]!, { value: mm[2]!.trim(), loc: { file: p!, line: i + 1 } });
      });
    }
    k.configMaps.push({ name, data, loc: loc(ctx, lineOf(ctx, item)) });
  }
  return k;
}

// ---------------------------------------------------------------- merging patches

function mergeContainer(base: Container, patch: Container): void {
  for (const ev of patch.env) {
    const i = base.env.findIndex((e) => e.name === ev.name);
    if (i >= 0) base.env[i] = ev;
    else base.env.push(ev);
  }
  base.envFrom.push(...patch.envFrom);
  if (patch.envUnknown) base.envUnknown = true;
  if (patch.resources.loc) {
    base.resources.loc ??= patch.resources.loc;
    for (const part of ['limits', 'requests'] as const) {
      if (patch.resources[part].memory) base.resources[part].memory = patch.resources[part].memory;
      if (patch.resources[part].cpu) base.resources[part].cpu = patch.resources[part].cpu;
    }
  }
  Object.assign(base.probes, patch.probes);
  if (patch.securityContext) {
    const b = base.securityContext ?? { loc: patch.securityContext.loc };
    for (const [k, v] of Object.entries(patch.securityContext)) if (v !== undefined && k !== 'loc') (b as unknown as Record<string, unknown>)[k] = v;
    base.securityContext = b;
  }
  base.ports.push(...patch.ports);
  base.volumeMounts.push(...patch.volumeMounts);
  if (patch.image) { base.image = patch.image; base.imageLoc = patch.imageLoc; }
  for (const u of patch.unknown) if (!base.unknown.includes(u)) base.unknown.push(u);
}

export function mergeWorkload(base: Workload, patch: Workload): void {
  for (const pc of patch.containers) {
    const bc = base.containers.find((c) => c.name !== undefined && c.name === pc.name && c.init === pc.init);
    if (bc) mergeContainer(bc, pc);
  }
  if (patch.podSecurityContext) {
    const b = base.podSecurityContext ?? { loc: patch.podSecurityContext.loc };
    for (const [k, v] of Object.entries(patch.podSecurityContext)) if (v !== undefined && k !== 'loc') (b as unknown as Record<string, unknown>)[k] = v;
    base.podSecurityContext = b;
  }
  if (patch.podUnknown) base.podUnknown = true;
  for (const ns of patch.hostNamespaces ?? []) if (!base.hostNamespaces?.includes(ns)) (base.hostNamespaces ??= []).push(ns);
  if (patch.hostPathVolumes) (base.hostPathVolumes ??= []).push(...patch.hostPathVolumes);
  if (patch.volumesUnknown) base.volumesUnknown = true;
  if (patch.replicas) base.replicas = patch.replicas;
}

