/**
 * Kubernetes workload facts: plain manifests (multi-document YAML, `List` objects, anchors and
 * merge keys), kustomize trees (resources/bases followed to files in the repo, strategic-merge
 * patches merged, JSON6902 patches marking their target as not evaluable, configMapGenerator
 * literals) and Helm charts (templates read through `stripHelmTemplate`, values.yaml resolving
 * `toYaml .Values.x` blocks). A broken YAML document yields a diagnostic and the other documents
 * are still read; nothing here throws.
 */
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node as YNode, type YAMLMap } from 'yaml';
import type { RepoFacts } from './repo-facts.js';
import { COMPOSE_FILE } from './compose-files.js';
import { HELM_PLACEHOLDER, stripHelmTemplate, type HelmAction } from './helm-templates.js';
import { cpuMillis, memoryBytes } from './runtime-quantities.js';
import { asMap, asSeq, bool, deref, endLineOf, entries, get, getIn, isEmptyNode, lineAt, lineOf, parseYaml, parseYamlDocument, scalar, str, type Entry, type YamlDoc as YCtx } from './yaml-doc.js';
import {
  fileRole, type Container, type EnvVar, type Loc, type Probe, type ProbeType, type Quantity, type SecurityContext,
  type ServiceFact, type UnknownField, type Workload,
} from './workload-types.js';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'ReplicationController']);
const INTERESTING = new Set([...WORKLOAD_KINDS, 'ConfigMap', 'LimitRange', 'List', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ScaledObject']);
const KIND_LINE = /^[ \t]*(?:-[ \t]+)?kind:[ \t]*["']?([A-Za-z]+)/gm;
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];


export interface ConfigMapFact {
  name: string;
  data: Map<string, { value: string; loc: Loc }>;
  loc: Loc;
}

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
  disruptionBudgets: { selector?: Record<string, string>; loc: Loc }[];
  /** HorizontalPodAutoscalers and KEDA ScaledObjects: the workload they scale (undefined parts when templated). */
  autoscalers: { kind?: string; name?: string; loc: Loc }[];
}

interface HelmCtx {
  actions: HelmAction[];
  consumed: Set<HelmAction>;
  lines: string[];
  conditionalLines?: Set<number>;
  values?: { ctx: YCtx; root: YNode | undefined };
}

interface Ctx extends YCtx {
  helm?: HelmCtx;
}

type Diag = (d: { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number }) => void;

/** Resolved value of a map entry, following a Helm `toYaml .Values.x` action under an empty key. */
interface Field { ctx: Ctx; node: YNode | null | undefined; line: number; unknown?: boolean }

function loc(ctx: YCtx, line: number): Loc {
  return { file: ctx.file, line };
}

function colOf(ctx: YCtx, node: unknown): number {
  const n = node as { range?: [number, number, number] } | null;
  return n?.range ? ctx.lc.linePos(n.range[0]).col : 1;
}

/** The actions a Helm template attached to the key on `line`: inline on the line, or the blanked lines right below it. */
function attached(helm: HelmCtx, line: number): HelmAction[] {
  const out = helm.actions.filter((a) => a.line === line && a.inline && a.valuesPath);
  for (let l = line + 1; l <= helm.lines.length; l++) {
    if ((helm.lines[l - 1] ?? '').trim() !== '') break;
    out.push(...helm.actions.filter((a) => a.line === l && !a.inline));
  }
  return out;
}

function field(ctx: Ctx, e: Entry | undefined): Field | undefined {
  if (!e) return undefined;
  const plain: Field = { ctx, node: e.value, line: e.line };
  if (!ctx.helm || !isEmptyNode(ctx, e.value)) return plain;
  const acts = attached(ctx.helm, e.line);
  const out = acts.find((a) => a.output);
  for (const a of acts) ctx.helm.consumed.add(a);
  if (!out) return plain;
  if (out.valuesPath && ctx.helm.values) {
    const v = ctx.helm.values;
    const hit = getIn(v.ctx, v.root, out.valuesPath);
    if (!hit) return { ctx: v.ctx as Ctx, node: null, line: e.line };
    return { ctx: v.ctx as Ctx, node: hit.value, line: hit.line };
  }
  return { ctx, node: null, line: e.line, unknown: true };
}

function isTemplated(v: string | undefined): boolean {
  return v !== undefined && v.includes(HELM_PLACEHOLDER);
}

function quantity(ctx: YCtx, e: Entry | undefined, parse: (raw: unknown) => number | undefined): Quantity | undefined {
  if (!e) return undefined;
  const raw = scalar(ctx, e.value);
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw);
  return { raw: text, value: isTemplated(text) ? undefined : parse(raw), loc: loc(ctx, e.line) };
}

function readEnv(ctx: Ctx, f: Field): { env: EnvVar[]; unknown: boolean } {
  const env: EnvVar[] = [];
  let unknown = false;
  const seq = asSeq(f.ctx, f.node);
  for (const item of seq?.items ?? []) {
    const m = asMap(f.ctx, item);
    if (!m) continue;
    const name = str(f.ctx, get(f.ctx, m, 'name')?.value);
    const line = lineOf(f.ctx, item);
    if (!name || isTemplated(name)) { unknown = true; continue; }
    const value = get(f.ctx, m, 'value');
    const vf = asMap(f.ctx, get(f.ctx, m, 'valueFrom')?.value);
    const ev: EnvVar = { name, loc: loc(f.ctx, line) };
    if (value) {
      const v = str(f.ctx, value.value);
      ev.value = v ?? '';
      ev.valueLoc = loc(f.ctx, value.line);
      if (v !== undefined && (v.includes('$(') || isTemplated(v))) ev.dynamic = true;
    } else if (vf) {
      const first = entries(f.ctx, vf)[0];
      if (first) {
        const sub = asMap(f.ctx, first.value);
        ev.from = {
          kind: first.key,
          resource: str(f.ctx, get(f.ctx, sub, 'resource')?.value),
          divisor: str(f.ctx, get(f.ctx, sub, 'divisor')?.value),
          containerName: str(f.ctx, get(f.ctx, sub, 'containerName')?.value),
        };
      }
      ev.dynamic = true;
    } else ev.value = '';
    env.push(ev);
  }
  void ctx;
  return { env, unknown };
}

function readProbe(f: Field, type: ProbeType): Probe {
  const m = asMap(f.ctx, f.node);
  const p: Probe = { type, loc: loc(f.ctx, f.line) };
  for (const h of ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const) {
    const e = get(f.ctx, m, h);
    if (!e) continue;
    p.handler = h;
    const hm = asMap(f.ctx, e.value);
    const portE = get(f.ctx, hm, 'port');
    const port = str(f.ctx, portE?.value);
    if (port !== undefined && !isTemplated(port)) { p.port = port; p.portLoc = loc(f.ctx, portE!.line); }
    if (h === 'httpGet') {
      const pe = get(f.ctx, hm, 'path');
      const pv = str(f.ctx, pe?.value);
      if (pe && pv !== undefined && !isTemplated(pv)) { p.path = pv; p.pathLoc = loc(f.ctx, pe.line); }
      else if (!pe) p.path = '/';
    }
    break;
  }
  return p;
}

function readSecurityContext(f: Field): SecurityContext | undefined {
  const m = asMap(f.ctx, f.node);
  if (!m) return undefined;
  const sc: SecurityContext = { loc: loc(f.ctx, f.line) };
  const b = (k: string) => bool(f.ctx, get(f.ctx, m, k)?.value);
  sc.runAsNonRoot = b('runAsNonRoot');
  sc.readOnlyRootFilesystem = b('readOnlyRootFilesystem');
  sc.allowPrivilegeEscalation = b('allowPrivilegeEscalation');
  sc.privileged = b('privileged');
  const pe = get(f.ctx, m, 'privileged');
  if (pe) sc.privilegedLoc = loc(f.ctx, pe.line);
  const u = scalar(f.ctx, get(f.ctx, m, 'runAsUser')?.value);
  if (typeof u === 'number') sc.runAsUser = u;
  else if (typeof u === 'string' && /^\d+$/.test(u)) sc.runAsUser = Number(u);
  const unknown = (k: string) => { (sc.unknownKeys ??= []).push(k); };
  const sp = field(f.ctx, get(f.ctx, m, 'seccompProfile'));
  if (sp?.unknown) unknown('seccompProfile');
  else if (sp) {
    const t = str(sp.ctx, get(sp.ctx, asMap(sp.ctx, sp.node), 'type')?.value);
    if (isTemplated(t)) unknown('seccompProfile');
    else if (t !== undefined) sc.seccompProfile = t;
  }
  const caps = field(f.ctx, get(f.ctx, m, 'capabilities'));
  if (caps?.unknown) unknown('capabilities');
  else if (caps) {
    for (const key of ['drop', 'add'] as const) {
      const lf = field(caps.ctx, get(caps.ctx, asMap(caps.ctx, caps.node), key));
      if (!lf) continue;
      const list = lf.unknown ? undefined : asSeq(lf.ctx, lf.node)?.items.map((n) => str(lf.ctx, n) ?? '');
      if (!list || list.some((x) => isTemplated(x))) { unknown('capabilities'); continue; }
      const names = list.map((x) => x.toUpperCase());
      if (key === 'drop') sc.capabilitiesDrop = names;
      else sc.capabilitiesAdd = names;
    }
  }
  return sc;
}

const UNKNOWN_BY_KEY: Record<string, UnknownField> = {
  resources: 'resources', livenessProbe: 'probes', readinessProbe: 'probes', startupProbe: 'probes',
  securityContext: 'securityContext', env: 'env', envFrom: 'env', ports: 'ports', image: 'image',
};

function readContainer(ctx: Ctx, node: unknown, init: boolean, extentEnd: number): Container | undefined {
  const m = asMap(ctx, node);
  if (!m) return undefined;
  const startLine = lineOf(ctx, m);
  const c: Container = {
    loc: loc(ctx, startLine), init, env: [], envUnknown: false, envFrom: [],
    resources: { limits: {}, requests: {} }, probes: {}, ports: [], commandLine: [], unknown: [],
  };
  if (ctx.helm?.conditionalLines?.has(startLine)) c.conditional = true;
  const es = entries(ctx, m);
  const markUnknown = (u: UnknownField) => { if (!c.unknown.includes(u)) c.unknown.push(u); };
  for (const e of es) {
    switch (e.key) {
      case 'name': c.name = str(ctx, e.value); break;
      case 'image': {
        const f = field(ctx, e);
        if (f?.unknown) markUnknown('image');
        c.image = str(ctx, f?.node);
        c.imageLoc = loc(ctx, e.line);
        break;
      }
      case 'env': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('env'); break; }
        const r = readEnv(ctx, f);
        c.env.push(...r.env);
        if (r.unknown) c.envUnknown = true;
        break;
      }
      case 'envFrom': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('env'); break; }
        for (const item of asSeq(f.ctx, f.node)?.items ?? []) {
          const im = asMap(f.ctx, item);
          const prefix = str(f.ctx, get(f.ctx, im, 'prefix')?.value);
          const cm = get(f.ctx, im, 'configMapRef');
          const sec = get(f.ctx, im, 'secretRef');
          const ref = cm ?? sec;
          if (!ref) continue;
          const name = str(f.ctx, get(f.ctx, asMap(f.ctx, ref.value), 'name')?.value);
          c.envFrom.push({ kind: cm ? 'configMap' : 'secret', name: isTemplated(name) ? undefined : name, prefix, loc: loc(f.ctx, lineOf(f.ctx, item)) });
        }
        break;
      }
      case 'resources': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('resources'); break; }
        c.resources.loc = loc(f.ctx, f.line);
        const rm = asMap(f.ctx, f.node);
        if (!rm && f.node && isScalar(f.node) && isTemplated(str(f.ctx, f.node))) { markUnknown('resources'); break; }
        for (const part of ['limits', 'requests'] as const) {
          const pm = asMap(f.ctx, get(f.ctx, rm, part)?.value);
          c.resources[part].memory = quantity(f.ctx, get(f.ctx, pm, 'memory'), memoryBytes);
          c.resources[part].cpu = quantity(f.ctx, get(f.ctx, pm, 'cpu'), cpuMillis);
        }
        break;
      }
      case 'livenessProbe': case 'readinessProbe': case 'startupProbe': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('probes'); break; }
        if (isEmptyNode(f.ctx, f.node)) break;
        const type = e.key.replace('Probe', '') as ProbeType;
        c.probes[type] = readProbe(f, type);
        break;
      }
      case 'securityContext': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('securityContext'); break; }
        c.securityContext = readSecurityContext(f);
        break;
      }
      case 'ports': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('ports'); break; }
        for (const item of asSeq(f.ctx, f.node)?.items ?? []) {
          const pm = asMap(f.ctx, item);
          const pe = get(f.ctx, pm, 'containerPort');
          const v = scalar(f.ctx, pe?.value);
          if (pe && v !== null && v !== undefined) {
            const port = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : String(v);
            c.ports.push({ port, name: str(f.ctx, get(f.ctx, pm, 'name')?.value), loc: loc(f.ctx, pe.line) });
          }
        }
        break;
      }
      case 'command': case 'args': {
        for (const item of asSeq(ctx, e.value)?.items ?? []) {
          const s = str(ctx, item);
          if (s !== undefined) c.commandLine.push(s);
        }
        break;
      }
      default: break;
    }
  }
  if (ctx.helm) {
    // output actions inside the container that no key claimed may inject any field
    for (const a of ctx.helm.actions) {
      if (!a.output || a.inline || ctx.helm.consumed.has(a) || a.line < startLine || a.line > extentEnd) continue;
      const keyCol = colOf(ctx, es[0]?.keyNode);
      if (a.indent + 1 < keyCol) continue; // belongs to an outer level
      const owner = [...es].reverse().find((e) => e.line < a.line);
      if (owner && a.indent + 1 > colOf(ctx, owner.keyNode)) {
        const u = UNKNOWN_BY_KEY[owner.key];
        if (u) markUnknown(u);
      } else markUnknown('*');
      ctx.helm.consumed.add(a);
    }
  }
  return c;
}

/** Last line of a collection item, extended over the blanked template lines that follow it. */
function extentEnd(ctx: Ctx, node: unknown, nextStart: number | undefined): number {
  if (nextStart !== undefined) return nextStart - 1;
  let end = endLineOf(ctx, node);
  if (ctx.helm) while (end < ctx.helm.lines.length && (ctx.helm.lines[end] ?? '').trim() === '') end++;
  return end;
}

function podSpecOf(ctx: Ctx, kind: string, obj: YAMLMap): YAMLMap | undefined {
  const spec = get(ctx, obj, 'spec')?.value;
  if (kind === 'Pod') return asMap(ctx, spec);
  if (kind === 'CronJob') return asMap(ctx, getIn(ctx, spec, ['jobTemplate', 'spec', 'template', 'spec'])?.value);
  return asMap(ctx, getIn(ctx, spec, ['template', 'spec'])?.value);
}

function readWorkload(ctx: Ctx, kind: string, obj: YAMLMap, source: Workload['source']): Workload {
  const kindEntry = get(ctx, obj, 'kind');
  const name = str(ctx, getIn(ctx, obj, ['metadata', 'name'])?.value);
  const w: Workload = {
    kind, name: isTemplated(name) ? undefined : name, file: ctx.file, loc: loc(ctx, kindEntry?.line ?? lineOf(ctx, obj)),
    source, role: fileRole(ctx.file), containers: [], podUnknown: false,
  };
  const ns = str(ctx, getIn(ctx, obj, ['metadata', 'namespace'])?.value);
  if (ns && !isTemplated(ns)) w.namespace = ns;
  const spec = get(ctx, obj, 'spec')?.value;
  const rep = get(ctx, asMap(ctx, spec), 'replicas');
  if (rep && (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet')) {
    const v = scalar(ctx, rep.value);
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
    w.replicas = { value: n, loc: loc(ctx, rep.line) };
  }
  const tmplMeta = kind === 'Pod' ? asMap(ctx, get(ctx, obj, 'metadata')?.value)
    : kind === 'CronJob' ? asMap(ctx, getIn(ctx, spec, ['jobTemplate', 'spec', 'template', 'metadata'])?.value)
      : asMap(ctx, getIn(ctx, spec, ['template', 'metadata'])?.value);
  if (tmplMeta) w.podLabels = stringMap(ctx, get(ctx, tmplMeta, 'labels'));
  const pod = podSpecOf(ctx, kind, obj);
  if (!pod) return w;
  for (const [key, init] of [['initContainers', true], ['containers', false]] as const) {
    const e = get(ctx, pod, key);
    const f = field(ctx, e);
    if (f?.unknown) { w.podUnknown = true; continue; }
    const items = asSeq(f?.ctx ?? ctx, f?.node)?.items ?? [];
    items.forEach((item, i) => {
      const next = items[i + 1];
      const c = readContainer((f?.ctx ?? ctx) as Ctx, item, init, extentEnd(ctx, item, next ? lineOf(ctx, next) : undefined));
      if (c) w.containers.push(c);
    });
  }
  const sc = field(ctx, get(ctx, pod, 'securityContext'));
  if (sc?.unknown) w.podUnknown = true;
  else if (sc) w.podSecurityContext = readSecurityContext(sc);
  if (ctx.helm) {
    const podEs = entries(ctx, pod);
    const keyCol = colOf(ctx, podEs[0]?.keyNode);
    const end = extentEnd(ctx, pod, undefined);
    // the pod spec may open with blanked template lines (an include right under `spec:`)
    let start = lineOf(ctx, pod);
    while (start > 1 && (ctx.helm.lines[start - 2] ?? '').trim() === '') start--;
    for (const a of ctx.helm.actions) {
      if (a.output && !a.inline && !ctx.helm.consumed.has(a) && a.line >= start && a.line <= end && a.indent + 1 === keyCol) {
        w.podUnknown = true;
      }
    }
  }
  return w;
}

/** A plain string map (labels, selectors); undefined when any part is templated or unreadable. */
function stringMap(ctx: Ctx, e: Entry | undefined): Record<string, string> | undefined {
  const f = field(ctx, e);
  if (!f || f.unknown) return undefined;
  const m = asMap(f.ctx, f.node);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const en of entries(f.ctx, m)) {
    const v = str(f.ctx, en.value);
    if (v === undefined || isTemplated(v) || isTemplated(en.key)) return undefined;
    out[en.key] = v;
  }
  if (ctx.helm) {
    // an output action inside the map may add labels
    const start = e!.line;
    const end = endLineOf(f.ctx, f.node);
    if (ctx.helm.actions.some((a) => a.output && a.line > start && a.line <= end + 1 && !ctx.helm!.consumed.has(a))) return undefined;
  }
  return out;
}

function readService(ctx: Ctx, obj: YAMLMap): ServiceFact {
  const spec = asMap(ctx, get(ctx, obj, 'spec')?.value);
  const name = str(ctx, getIn(ctx, obj, ['metadata', 'name'])?.value);
  const ns = str(ctx, getIn(ctx, obj, ['metadata', 'namespace'])?.value);
  const svc: ServiceFact = {
    name: isTemplated(name) ? undefined : name, namespace: isTemplated(ns) ? undefined : ns, file: ctx.file,
    loc: loc(ctx, get(ctx, obj, 'kind')?.line ?? lineOf(ctx, obj)), role: fileRole(ctx.file),
    selector: stringMap(ctx, get(ctx, spec, 'selector')), ports: [],
  };
  const portsField = field(ctx, get(ctx, spec, 'ports'));
  if (portsField?.unknown) svc.selector = undefined;
  for (const item of asSeq(portsField?.ctx ?? ctx, portsField?.node)?.items ?? []) {
    const pc = (portsField?.ctx ?? ctx) as Ctx;
    const pm = asMap(pc, item);
    const port = scalar(pc, get(pc, pm, 'port')?.value);
    const tpE = get(pc, pm, 'targetPort');
    const tp = scalar(pc, tpE?.value);
    const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
    const target = tp === null || tp === undefined ? undefined : num(tp) ?? String(tp);
    if (typeof target === 'string' && isTemplated(target)) continue;
    svc.ports.push({ port: num(port), targetPort: target, loc: loc(pc, tpE?.line ?? lineOf(pc, item)) });
  }
  return svc;
}

interface ReadResult {
  workloads: Workload[]; services: ServiceFact[]; configMaps: ConfigMapFact[]; limitRangeDefaultMemory: boolean; objects: number;
  disruptionBudgets: K8sFacts['disruptionBudgets']; autoscalers: K8sFacts['autoscalers'];
}

/** Reads every Kubernetes object of an interesting kind from one YAML text. */
export function readManifestText(file: string, text: string, diag: Diag, opts: { source?: Workload['source']; helm?: HelmCtx; budgetMs?: number } = {}): ReadResult {
  const res: ReadResult = { workloads: [], services: [], configMaps: [], limitRangeDefaultMemory: false, objects: 0, disruptionBudgets: [], autoscalers: [] };
  const y = parseYaml(file, text, { strict: false, budgetMs: opts.budgetMs });
  for (const p of y.problems) diag({ level: 'warning', code: 'yaml-parse', file, line: p.line, message: p.line ? `${p.message} (the other documents were read)` : p.message });
  for (const yd of y.docs) {
    const doc = yd.doc;
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      const line = lineAt(yd, err.pos[0]);
      diag({
        level: 'warning', code: 'yaml-parse', file, line,
        message: `YAML document at line ${lineAt(yd, doc.range[0])} skipped: ${err.message.split('\n')[0]} (the other documents were read)`,
      });
      continue;
    }
    const ctx: Ctx = { ...yd, helm: opts.helm };
    const top = asMap(ctx, doc.contents);
    if (!top) continue;
    const objs: YAMLMap[] = [];
    const kind = str(ctx, get(ctx, top, 'kind')?.value);
    if (kind === 'List' || (kind?.endsWith('List') && get(ctx, top, 'items'))) {
      for (const it of asSeq(ctx, get(ctx, top, 'items')?.value)?.items ?? []) {
        const m = asMap(ctx, it);
        if (m) objs.push(m);
      }
    } else objs.push(top);
    for (const obj of objs) {
      const k = str(ctx, get(ctx, obj, 'kind')?.value);
      if (!k || !get(ctx, obj, 'apiVersion')) continue;
      if (WORKLOAD_KINDS.has(k)) {
        res.objects++;
        res.workloads.push(readWorkload(ctx, k, obj, opts.source ?? 'manifest'));
      } else if (k === 'ConfigMap') {
        res.objects++;
        const name = str(ctx, getIn(ctx, obj, ['metadata', 'name'])?.value);
        const data = new Map<string, { value: string; loc: Loc }>();
        for (const e of entries(ctx, asMap(ctx, get(ctx, obj, 'data')?.value))) {
          data.set(e.key, { value: str(ctx, e.value) ?? '', loc: loc(ctx, e.line) });
        }
        if (name) res.configMaps.push({ name, data, loc: loc(ctx, lineOf(ctx, obj)) });
      } else if (k === 'Service') {
        res.objects++;
        res.services.push(readService(ctx, obj));
      } else if (k === 'PodDisruptionBudget') {
        res.objects++;
        if (fileRole(file) !== 'test') {
          res.disruptionBudgets.push({ selector: stringMap(ctx, getIn(ctx, obj, ['spec', 'selector', 'matchLabels'])), loc: loc(ctx, get(ctx, obj, 'kind')?.line ?? lineOf(ctx, obj)) });
        }
      } else if (k === 'HorizontalPodAutoscaler' || k === 'ScaledObject') {
        res.objects++;
        const ref = getIn(ctx, obj, ['spec', 'scaleTargetRef'])?.value;
        const tk = str(ctx, get(ctx, ref, 'kind')?.value);
        const tn = str(ctx, get(ctx, ref, 'name')?.value);
        if (fileRole(file) !== 'test') {
          res.autoscalers.push({
            kind: isTemplated(tk) ? undefined : tk ?? (k === 'ScaledObject' ? 'Deployment' : undefined),
            name: isTemplated(tn) ? undefined : tn, loc: loc(ctx, get(ctx, obj, 'kind')?.line ?? lineOf(ctx, obj)),
          });
        }
      } else if (k === 'LimitRange') {
        res.objects++;
        for (const l of asSeq(ctx, getIn(ctx, obj, ['spec', 'limits'])?.value)?.items ?? []) {
          if (getIn(ctx, l, ['default', 'memory']) && fileRole(file) !== 'test') res.limitRangeDefaultMemory = true;
        }
      }
    }
  }
  return res;
}

function quickKinds(text: string): Set<string> {
  const out = new Set<string>();
  KIND_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KIND_LINE.exec(text))) out.add(m[1]!);
  return out;
}

/** Cheap test: does this text look like it holds a Kubernetes object we read? */
export function looksLikeK8s(text: string): boolean {
  if (!text.includes('apiVersion') || !text.includes('kind')) return false;
  for (const k of quickKinds(text)) if (INTERESTING.has(k)) return true;
  return false;
}

// ---------------------------------------------------------------- kustomize

interface Kustomization {
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
function splitImage(image: string): { repo: string; tag?: string } {
  const noDigest = image.replace(/@[\w:]+$/, '');
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  if (colon > slash) return { repo: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repo: noDigest };
}

function isRemote(ref: string): boolean {
  return /^[a-z]+:\/\//i.test(ref) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) || ref.includes('?ref=') || ref.startsWith('git@');
}

function kustomizationIn(repo: RepoFacts, dir: string, files: Set<string>): string | undefined {
  for (const n of KUSTOMIZATION_NAMES) {
    const p = dir ? `${dir}/${n}` : n;
    if (files.has(p) || repo.readText(p).text !== undefined) return p;
  }
  return undefined;
}

function readKustomization(repo: RepoFacts, file: string, files: Set<string>, diag: Diag): Kustomization | undefined {
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
  if (patch.image) { base.image = patch.image; base.imageLoc = patch.imageLoc; }
  for (const u of patch.unknown) if (!base.unknown.includes(u)) base.unknown.push(u);
}

function mergeWorkload(base: Workload, patch: Workload): void {
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
  if (patch.replicas) base.replicas = patch.replicas;
}

// ---------------------------------------------------------------- Helm

function helmValues(repo: RepoFacts, chart: string, diag: Diag): { ctx: YCtx; root: YNode | undefined } | undefined {
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

function readChart(repo: RepoFacts, chart: string, templates: string[], diag: Diag, out: ReadResult[]): void {
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
    const helm: HelmCtx = { actions: s.actions, consumed: new Set(), lines: s.text.split('\n'), values, conditionalLines: s.conditionalLines };
    const res = readManifestText(file, s.text, diag, { source: 'helm', helm, budgetMs: repo.fileBudgetMs });
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

/** All Kubernetes workload facts of the repository (memoised). */
export function k8sManifests(repo: RepoFacts): K8sFacts {
  return repo.memo('k8s-manifests', () => computeK8s(repo));
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
  for (const f of yamlFiles) {
    const base = f.slice(f.lastIndexOf('/') + 1);
    if (inChartTemplates(f) || chartOwnFiles.has(f) || patchFiles.has(f) || KUSTOMIZATION_NAMES.includes(base) || COMPOSE_FILE.test(base)) continue;
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
    let res = readManifestText(f, r.text, diag, { budgetMs: repo.fileBudgetMs });
    if (res.objects === 0 && r.text.includes('{{')) {
      // Go-templated manifest outside a chart: read it the Helm way
      const s = stripHelmTemplate(r.text, { lookup: () => undefined });
      res = readManifestText(f, s.text, () => {}, { helm: { actions: s.actions, consumed: new Set(), lines: s.text.split('\n') }, budgetMs: repo.fileBudgetMs });
      diag({ level: 'info', code: 'helm-template', file: f, message: `templated manifest read conservatively: ${s.blankedLines} template-only line(s) skipped, ${s.placeholders} expression(s) left unknown` });
    }
    if (res.objects > 0) manifestFiles.push(f);
    results.push(res);
  }
  for (const c of charts) {
    const prefix = c ? `${c}/templates/` : 'templates/';
    const templates = yamlFiles.filter((f) => f.startsWith(prefix) && !charts.some((o) => o !== c && o.startsWith(c ? `${c}/` : '') && f.startsWith(`${o}/`))).sort();
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
    kustomizations: [...kusts.values()].map((k) => k.file).sort(),
    charts: charts.map((c) => c || '.'),
  };
}
