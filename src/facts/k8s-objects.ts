/**
 * Kubernetes objects in one YAML text: multi-document files, `List` objects, anchors and merge
 * keys, Helm templates read through `stripHelmTemplate` (a `toYaml .Values.x` block resolved from
 * the chart's values). Workloads with their containers, Services, ConfigMaps, LimitRanges. A broken
 * YAML document yields a diagnostic and the other documents are still read; nothing here throws.
 */
import type { Node as YNode, YAMLMap } from 'yaml';
import { isScalar } from './yaml-lib.js';
import { HELM_PLACEHOLDER, type HelmAction } from './helm-templates.js';
import { cpuMillis, memoryBytes } from './runtime-quantities.js';
import { asMap, asSeq, bool, endLineOf, entries, get, getIn, isEmptyNode, lineAt, lineOf, parseYaml, scalar, str, wholeNumber, type Entry, type YamlDoc as YCtx } from './yaml-doc.js';
import type { RepositoryLayout } from '../core/code-roles.js';
import {
  fileRole, type Container, type EnvVar, type FileRole, type Loc, type Probe, type ProbeType, type Quantity, type SecurityContext,
  type ServiceFact, type UnknownField, type Workload,
} from './workload-types.js';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'ReplicationController']);
const INTERESTING = new Set([...WORKLOAD_KINDS, 'ConfigMap', 'LimitRange', 'List', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ScaledObject', 'Namespace']);
const KIND_LINE = /^[ \t]*(?:-[ \t]+)?kind:[ \t]*["']?([A-Za-z]+)/gm;

export interface ConfigMapFact {
  name: string;
  data: Map<string, { value: string; loc: Loc }>;
  loc: Loc;
}

export interface HelmCtx {
  actions: HelmAction[];
  consumed: Set<HelmAction>;
  lines: string[];
  conditionalLines?: Set<number>;
  /** Renderings of lines with an inline if/else on an undecided condition (see HelmStripResult.alternatives). */
  alternatives?: Map<number, string[]>;
  values?: { ctx: YCtx; root: YNode | undefined };
}

interface Ctx extends YCtx {
  helm?: HelmCtx;
  /** The file's role (fileRole with the repository's layout). */
  role: FileRole;
}

/** A PodDisruptionBudget outside test fixtures; `selector` undefined when templated or unreadable. */
export interface DisruptionBudgetFact { selector?: Record<string, string>; loc: Loc }

/** A Namespace and the Pod Security Standard level its `pod-security.kubernetes.io/enforce` label admits (privileged, baseline, restricted). */
export interface NamespaceFact { name: string; enforce?: string; loc: Loc }

/** A HorizontalPodAutoscaler or KEDA ScaledObject: the workload it scales (undefined parts when templated). */
export interface AutoscalerFact { kind?: string; name?: string; loc: Loc }

export type Diag = (d: { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number }) => void;

/** Resolved value of a map entry, following a Helm `toYaml .Values.x` action under an empty key. */
interface Field { ctx: Ctx; node: YNode | null | undefined; line: number; unknown?: boolean }

export function loc(ctx: YCtx, line: number): Loc {
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

/**
 * The values a Helm `key: {{ if c }}a{{ else }}b{{ end }}` line takes, one per branch, when the condition is undecided
 * and every branch renders a plain scalar for `key`; undefined otherwise.
 */
function inlineAlternatives(ctx: Ctx, line: number, key: string): string[] | undefined {
  const alts = ctx.helm?.alternatives?.get(line);
  if (!alts) return undefined;
  const out: string[] = [];
  for (const a of alts) {
    const m = /^\s*(?:-\s+)?(["']?)([\w.-]+)\1\s*:\s*(.*?)\s*$/.exec(a);
    if (!m || m[2] !== key) return undefined;
    const v = /^(["'])(.*)\1$/.exec(m[3]!)?.[2] ?? m[3]!;
    if (isTemplated(v) || /[\s#{}\[\]]/.test(v)) return undefined;
    out.push(v);
  }
  return out;
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
    else if (port !== undefined && portE) {
      const alts = inlineAlternatives(f.ctx, portE.line, 'port');
      if (alts) { p.portAlternatives = alts; p.portLoc = loc(f.ctx, portE.line); }
    }
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
  const u = wholeNumber(scalar(f.ctx, get(f.ctx, m, 'runAsUser')?.value));
  if (u !== undefined) sc.runAsUser = u;
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
      if (key === 'drop') sc.capabilitiesDrop = list.map((x) => x.toUpperCase());
    }
  }
  return sc;
}

const UNKNOWN_BY_KEY: Record<string, UnknownField> = {
  resources: 'resources', livenessProbe: 'probes', readinessProbe: 'probes', startupProbe: 'probes',
  securityContext: 'securityContext', env: 'env', envFrom: 'env', ports: 'ports', image: 'image', volumeMounts: 'volumeMounts',
};

function readContainer(ctx: Ctx, node: unknown, init: boolean, extentEnd: number): Container | undefined {
  const m = asMap(ctx, node);
  if (!m) return undefined;
  const startLine = lineOf(ctx, m);
  const c: Container = {
    loc: loc(ctx, startLine), init, env: [], envUnknown: false, envFrom: [],
    resources: { limits: {}, requests: {} }, probes: {}, ports: [], volumeMounts: [], commandLine: [], unknown: [],
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
            const port = wholeNumber(v) ?? String(v);
            c.ports.push({ port, name: str(f.ctx, get(f.ctx, pm, 'name')?.value), loc: loc(f.ctx, pe.line) });
          }
        }
        break;
      }
      case 'volumeMounts': {
        const f = field(ctx, e)!;
        if (f.unknown) { markUnknown('volumeMounts'); break; }
        for (const item of asSeq(f.ctx, f.node)?.items ?? []) {
          const vm = asMap(f.ctx, item);
          if (!vm) continue;
          const name = str(f.ctx, get(f.ctx, vm, 'name')?.value);
          const mountPath = str(f.ctx, get(f.ctx, vm, 'mountPath')?.value);
          const prop = str(f.ctx, get(f.ctx, vm, 'mountPropagation')?.value);
          c.volumeMounts.push({
            name: isTemplated(name) ? undefined : name, mountPath: isTemplated(mountPath) ? undefined : mountPath,
            bidirectional: prop === 'Bidirectional' || undefined,
          });
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
    lines: { from: lineOf(ctx, obj), to: endLineOf(ctx, obj) }, source, role: ctx.role, containers: [], podUnknown: false,
  };
  const ns = str(ctx, getIn(ctx, obj, ['metadata', 'namespace'])?.value);
  if (ns && !isTemplated(ns)) w.namespace = ns;
  const spec = get(ctx, obj, 'spec')?.value;
  const rep = get(ctx, asMap(ctx, spec), 'replicas');
  if (rep && (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet')) {
    w.replicas = { value: wholeNumber(scalar(ctx, rep.value)), loc: loc(ctx, rep.line) };
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
  readHostAccess(ctx, pod, w);
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

/** Host namespaces the pod shares and its hostPath volumes (a volume list with a Helm action in it is marked unknown). */
function readHostAccess(ctx: Ctx, pod: YAMLMap, w: Workload): void {
  for (const [key, ns] of [['hostPID', 'pid'], ['hostNetwork', 'network'], ['hostIPC', 'ipc']] as const) {
    if (bool(ctx, get(ctx, pod, key)?.value) === true) (w.hostNamespaces ??= []).push(ns);
  }
  const ve = get(ctx, pod, 'volumes');
  const f = field(ctx, ve);
  if (!f) return;
  if (f.unknown) { w.volumesUnknown = true; return; }
  for (const item of asSeq(f.ctx, f.node)?.items ?? []) {
    const vm = asMap(f.ctx, item);
    const hp = get(f.ctx, vm, 'hostPath');
    if (!vm || !hp) continue;
    const name = str(f.ctx, get(f.ctx, vm, 'name')?.value);
    const p = str(f.ctx, get(f.ctx, asMap(f.ctx, hp.value), 'path')?.value);
    (w.hostPathVolumes ??= []).push({ name: isTemplated(name) ? undefined : name, path: isTemplated(p) ? undefined : p, loc: loc(f.ctx, hp.line) });
  }
  if (ctx.helm && f.ctx === ctx) {
    // an output action inside the list (or in the template lines right after it, indented under `volumes:`) may add volumes
    const end = extentEnd(ctx, f.node, undefined);
    const keyCol = colOf(ctx, ve!.keyNode);
    if (ctx.helm.actions.some((a) => a.output && a.line > ve!.line && a.line <= end && a.indent + 1 >= keyCol && !ctx.helm!.consumed.has(a))) w.volumesUnknown = true;
  }
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
    loc: loc(ctx, get(ctx, obj, 'kind')?.line ?? lineOf(ctx, obj)), role: ctx.role,
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
    const target = tp === null || tp === undefined ? undefined : wholeNumber(tp) ?? String(tp);
    if (typeof target === 'string' && isTemplated(target)) continue;
    svc.ports.push({ port: wholeNumber(port), targetPort: target, loc: loc(pc, tpE?.line ?? lineOf(pc, item)) });
  }
  return svc;
}

export interface ReadResult {
  workloads: Workload[]; services: ServiceFact[]; configMaps: ConfigMapFact[]; limitRangeDefaultMemory: boolean; objects: number;
  disruptionBudgets: DisruptionBudgetFact[]; autoscalers: AutoscalerFact[]; namespaces: NamespaceFact[];
}

/** Reads every Kubernetes object of an interesting kind from one YAML text. */
export function readManifestText(file: string, text: string, diag: Diag, opts: { source?: Workload['source']; helm?: HelmCtx; budgetMs?: number; layout?: RepositoryLayout } = {}): ReadResult {
  const role = fileRole(file, opts.layout);
  const res: ReadResult = { workloads: [], services: [], configMaps: [], limitRangeDefaultMemory: false, objects: 0, disruptionBudgets: [], autoscalers: [], namespaces: [] };
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
    const ctx: Ctx = { ...yd, helm: opts.helm, role };
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
        if (role !== 'test') {
          res.disruptionBudgets.push({ selector: stringMap(ctx, getIn(ctx, obj, ['spec', 'selector', 'matchLabels'])), loc: loc(ctx, get(ctx, obj, 'kind')?.line ?? lineOf(ctx, obj)) });
        }
      } else if (k === 'HorizontalPodAutoscaler' || k === 'ScaledObject') {
        res.objects++;
        const ref = getIn(ctx, obj, ['spec', 'scaleTargetRef'])?.value;
        const tk = str(ctx, get(ctx, ref, 'kind')?.value);
        const tn = str(ctx, get(ctx, ref, 'name')?.value);
        if (role !== 'test') {
          res.autoscalers.push({
            kind: isTemplated(tk) ? undefined : tk ?? (k === 'ScaledObject' ? 'Deployment' : undefined),
            name: isTemplated(tn) ? undefined : tn, loc: loc(ctx, get(ctx, obj, 'kind')?.line ?? lineOf(ctx, obj)),
          });
        }
      } else if (k === 'Namespace') {
        // not counted as an object: a Namespace alone makes no file a workload manifest
        const name = str(ctx, getIn(ctx, obj, ['metadata', 'name'])?.value);
        const labels = stringMap(ctx, getIn(ctx, obj, ['metadata', 'labels']));
        const enforce = labels?.['pod-security.kubernetes.io/enforce'];
        if (name && !isTemplated(name)) res.namespaces.push({ name, ...(enforce && !isTemplated(enforce) ? { enforce } : {}), loc: loc(ctx, lineOf(ctx, obj)) });
      } else if (k === 'LimitRange') {
        res.objects++;
        for (const l of asSeq(ctx, getIn(ctx, obj, ['spec', 'limits'])?.value)?.items ?? []) {
          if (getIn(ctx, l, ['default', 'memory']) && role !== 'test') res.limitRangeDefaultMemory = true;
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

