/**
 * Gathers a ProbeRun: live (a pprof URL sampled every interval during the duration) or offline
 * (a directory or file of saved profiles). Every failure of one endpoint or file is a diagnostic.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/types.js';
import { toolVersion } from '../core/tool-package.js';
import { gaugesFromExpvar } from './expvar.js';
import { looksLikeDebug1, looksLikeDebug2, parseDebug1, parseDebug2 } from './goroutine-text.js';
import { isLoopbackHost } from '../core/loopback.js';
import { ProbeHttpError, safeGet } from './http-get.js';
import { LIMITS } from './limits.js';
import { listeningAddresses } from './listen-address.js';
import { PROBE_SCHEMA_VERSION, type BlockedGoroutines, type GoroutineSnapshot, type HeapProfile, type ProbeRun, type RuntimeGauges, type Sample, type SiteInfo } from './model.js';
import { decodeProfile, goroutinesFromProto, heapFromProto, isGzip, ProfileError, sampleTypes } from './pprof-proto.js';
import { gaugesFromPrometheus, looksLikePrometheus } from './prometheus.js';
import { BLOCKING_STATES, countSites } from './sites.js';

/** A probe that cannot start (unreachable target, nothing Go-like there): exit 2 with this message. */
export class ProbeInputError extends Error {}

/** What to collect: live or offline, and for how long. */
export interface CollectOptions {
  /** A URL, a directory (or file) of saved profiles, or a saved run (`--save run.json`). */
  target: string;
  durationMs?: number;
  intervalMs?: number;
  metricsUrl?: string;
  expvarUrl?: string;
  onSample?: LiveOptions['onSample'];
  afterSample?: LiveOptions['afterSample'];
}

export interface LiveOptions {
  url: string;
  durationMs: number;
  intervalMs: number;
  metricsUrl?: string;
  expvarUrl?: string;
  timeoutMs?: number;
  /** Response size cap (default LIMITS.maxBodyBytes). */
  maxBytes?: number;
  onSample?: (n: number, total: number) => void;
  /** Test hook: called after each sample (e.g. to drive load between samples). */
  afterSample?: (n: number) => Promise<void> | void;
}

class RunBuilder {
  samples: Sample[] = [];
  info = new Map<string, Omit<SiteInfo, 'repoFile' | 'repoLine'>>();
  blocked: BlockedGoroutines[] = [];
  gauges: RuntimeGauges = {};
  diagnostics: Diagnostic[] = [];
  endpoints: ProbeRun['endpoints'] = [];
  listen?: ProbeRun['listen'];
  heapProfiles: NonNullable<ProbeRun['heapProfiles']> = [];

  /** Keeps the first and the latest heap profile. */
  addHeap(at: Date, h: HeapProfile): void {
    const entry = { at: at.toISOString(), ...h };
    if (this.heapProfiles.length < 2) this.heapProfiles.push(entry);
    else this.heapProfiles[1] = entry;
  }

  add(at: Date, snap: GoroutineSnapshot | undefined, g: RuntimeGauges): void {
    const s: Sample = { at: at.toISOString(), sites: {} };
    if (snap) {
      const c = countSites(snap);
      s.sites = c.sites;
      s.goroutines = c.total;
      for (const [k, v] of c.info) if (!this.info.has(k)) this.info.set(k, v);
      if (snap.format === 'debug=2') this.blocked = blockedOf(snap);
    } else if (g.goroutines !== undefined) {
      s.goroutines = g.goroutines;
    }
    if (g.heapInuse !== undefined) s.heapInuse = g.heapInuse;
    if (g.gcCycles !== undefined) s.gcCycles = g.gcCycles;
    if (g.gcCpuFraction !== undefined) s.gcCpuFraction = g.gcCpuFraction;
    this.gauges = { ...this.gauges, ...g };
    this.samples.push(s);
  }

  build(source: string, kind: 'url' | 'directory', started: Date, extra: Partial<ProbeRun> = {}): ProbeRun {
    return {
      schemaVersion: PROBE_SCHEMA_VERSION,
      tool: { name: 'goready', version: toolVersion() },
      target: { source, kind },
      startedAt: started.toISOString(),
      ...extra,
      samples: this.samples,
      siteInfo: [...this.info.values()].map((i) => ({ ...i })),
      blocked: this.blocked,
      gauges: this.gauges,
      endpoints: this.endpoints,
      ...(this.listen ? { listen: this.listen } : {}),
      ...(this.heapProfiles.length ? { heapProfiles: this.heapProfiles } : {}),
      diagnostics: this.diagnostics,
    };
  }
}

/** Goroutines waiting on other goroutines, grouped by site and state, with the longest wait. */
export function blockedOf(snap: GoroutineSnapshot): BlockedGoroutines[] {
  const out = new Map<string, BlockedGoroutines>();
  for (const g of snap.groups) {
    if (!g.state || !BLOCKING_STATES.test(g.state)) continue;
    const c = countSites({ ...snap, groups: [g] });
    const [key] = Object.keys(c.sites);
    if (!key) continue;
    const info = c.info.get(key)!;
    const id = `${key}|${g.state}`;
    const cur = out.get(id);
    if (cur) {
      cur.count += g.count;
      cur.minutes = Math.max(cur.minutes, g.waitMinutes ?? 0);
    } else {
      out.set(id, { site: key, state: g.state, minutes: g.waitMinutes ?? 0, count: g.count, stack: g.frames.slice(0, 32), file: info.file, line: info.line });
    }
  }
  return [...out.values()].sort((a, b) => b.minutes - a.minutes || b.count - a.count);
}

/** Classifies and reads one saved profile or exposition. */
export function readProfileBytes(data: Buffer, name: string): { snap?: GoroutineSnapshot; gauges?: RuntimeGauges; heap?: HeapProfile; kind: string } {
  if (isGzip(data) || (data.length > 0 && data[0] === 0x0a)) {
    const p = decodeProfile(data);
    const types = sampleTypes(p);
    if (types.includes('goroutine/count')) return { snap: goroutinesFromProto(p), kind: 'goroutine (protobuf)' };
    if (types.includes('inuse_space/bytes')) {
      const heap = heapFromProto(p);
      return { gauges: { heapInuse: heap.inuseBytes }, heap, kind: 'heap (protobuf)' };
    }
    throw new ProfileError(`${name}: a ${types.join(', ')} profile (goroutine or heap expected)`);
  }
  const text = data.toString('utf8');
  if (looksLikeDebug2(text)) return { snap: parseDebug2(text), kind: 'goroutine (debug=2)' };
  if (looksLikeDebug1(text)) return { snap: parseDebug1(text), kind: 'goroutine (debug=1)' };
  if (/^\s*\{/.test(text)) {
    const g = gaugesFromExpvar(text);
    if (!g.isGo) throw new ProfileError(`${name}: JSON without expvar memstats`);
    const { isGo: _ignored, ...rest } = g;
    return { gauges: rest, kind: 'expvar' };
  }
  if (looksLikePrometheus(text)) {
    const g = gaugesFromPrometheus(text);
    if (!g.isGo) throw new ProfileError(`${name}: a Prometheus exposition without Go runtime metrics (go_*)`);
    const { isGo: _ignored, ...rest } = g;
    return { gauges: rest, kind: 'prometheus' };
  }
  throw new ProfileError(`${name}: not a goroutine profile (debug=1, debug=2 or protobuf), a heap profile, a Prometheus exposition or expvar JSON`);
}

function readCapped(file: string): Buffer {
  const st = fs.statSync(file);
  if (st.size > LIMITS.maxBodyBytes) throw new ProfileError(`${file}: ${st.size} bytes, more than the ${LIMITS.maxBodyBytes} read`);
  return fs.readFileSync(file);
}

/** Offline: a directory of saved profiles (or one file). Goroutine profiles in name order are the samples. */
export function collectOffline(target: string): ProbeRun {
  const started = new Date();
  const b = new RunBuilder();
  let files: string[];
  const st = fs.statSync(target);
  if (st.isDirectory()) {
    files = fs.readdirSync(target, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(target, e.name))
      .sort((x, y) => x.localeCompare(y, 'en', { numeric: true })).slice(0, LIMITS.maxFiles);
  } else files = [target];
  const snaps: { at: Date; snap: GoroutineSnapshot }[] = [];
  const gaugeSeries: { at: Date; g: RuntimeGauges }[] = [];
  for (const f of files) {
    try {
      const r = readProfileBytes(readCapped(f), path.basename(f));
      const at = fs.statSync(f).mtime;
      if (r.snap) snaps.push({ at, snap: r.snap });
      if (r.gauges) gaugeSeries.push({ at, g: r.gauges });
      if (r.heap) b.addHeap(at, r.heap);
    } catch (e) {
      b.diagnostics.push({ level: 'warning', code: 'probe-unreadable-profile', message: (e as Error).message, file: path.basename(f) });
    }
  }
  if (!snaps.length && !gaugeSeries.length) throw new ProbeInputError(`${target}: no readable profile (goroutine profiles debug=1/debug=2/.pb.gz, heap .pb.gz, a Prometheus exposition or expvar JSON)${b.diagnostics.length ? `: ${b.diagnostics.map((d) => d.message).join('; ')}` : ''}`);
  const n = Math.max(snaps.length, 1);
  // gauges pair with goroutine profiles when their numbers match; otherwise the last gauges go with the last sample
  const paired = gaugeSeries.length === snaps.length || !snaps.length;
  const merged = (list: { g: RuntimeGauges }[]) => list.reduce<RuntimeGauges>((acc, x) => ({ ...acc, ...x.g }), {});
  for (let i = 0; i < n; i++) {
    const s = snaps[i];
    const g = !snaps.length ? merged(gaugeSeries) : paired ? gaugeSeries[i]?.g ?? {} : i === n - 1 ? merged(gaugeSeries) : {};
    b.add(s?.at ?? gaugeSeries[gaugeSeries.length - 1]!.at, s?.snap, g);
  }
  return b.build(target, 'directory', started);
}

/** `http://h:p/debug/pprof/` (or `http://h:p`) → the pprof base URL. */
export function pprofBase(u: URL): URL {
  const i = u.pathname.indexOf('/debug/pprof');
  const base = new URL(u.href);
  base.search = '';
  base.hash = '';
  base.pathname = i === -1 ? '/debug/pprof/' : `${u.pathname.slice(0, i)}/debug/pprof/`;
  return base;
}

function parseTargetUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ProbeInputError(`'${url}' is not a URL (give http://host:port/debug/pprof/ or a directory of saved profiles)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ProbeInputError(`${url}: only http and https URLs are probed`);
  if (u.username || u.password) throw new ProbeInputError(`${url}: credentials in the URL are not sent; remove them`);
  return u;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function collectLive(o: LiveOptions): Promise<ProbeRun> {
  const started = new Date();
  const u = parseTargetUrl(o.url);
  const origin = u.origin;
  const base = pprofBase(u);
  const get = (x: URL) => safeGet(x, origin, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes });
  const b = new RunBuilder();
  let gor = new URL('goroutine?debug=2', base);
  // a debug=2 dump of a very large service can exceed the size cap: debug=1 groups identical stacks
  let grouped = false;
  const tooLarge = (e: unknown) => e instanceof ProbeHttpError && /exceeds the \d+-byte limit/.test(e.message);
  const switchToGrouped = (why: string) => {
    grouped = true;
    gor = new URL('goroutine?debug=1', base);
    b.diagnostics.push({ level: 'info', code: 'probe-grouped-profile', message: `${why}: sampling goroutine?debug=1 instead (no wait reasons, minutes or created-by frames)` });
  };
  // preflight: is there a Go pprof endpoint?
  let first;
  try {
    try {
      first = await get(gor);
    } catch (e) {
      if (!tooLarge(e)) throw e;
      switchToGrouped((e as Error).message);
      first = await get(gor);
    }
  } catch (e) {
    throw new ProbeInputError(`cannot reach ${gor.href}: ${(e as Error).message}`);
  }
  const head = first.body.toString('utf8', 0, Math.min(first.body.length, 4096));
  let pprof = first.status === 200 && (grouped ? looksLikeDebug1(head) : looksLikeDebug2(head));
  if (first.status === 401 || first.status === 403) b.diagnostics.push({ level: 'info', code: 'probe-pprof-protected', message: `${gor.pathname} answered ${first.status}: pprof is protected (goroutine profiles not sampled)` });
  else if (!pprof) b.diagnostics.push({ level: 'warning', code: 'probe-not-pprof', message: `${gor.href} answered ${first.status} ${first.contentType || ''} without a Go goroutine dump: not a Go pprof endpoint (is net/http/pprof registered? give its URL, e.g. http://host:port/debug/pprof/)` });
  if (first.status === 200 && pprof) b.endpoints.push({ path: base.pathname, status: 200, kind: 'pprof' });
  // optional endpoints: found or given
  const optional = async (given: string | undefined, dflt: string, kind: 'metrics' | 'expvar'): Promise<URL | undefined> => {
    const target = given ? new URL(given, origin) : new URL(dflt, origin);
    try {
      const r = await get(target);
      const text = r.body.toString('utf8');
      const ok = r.status === 200 && (kind === 'metrics' ? looksLikePrometheus(text) && gaugesFromPrometheus(text).isGo : gaugesFromExpvar(text).isGo);
      if (ok) {
        b.endpoints.push({ path: target.pathname, status: 200, kind });
        return target;
      }
      if (given) b.diagnostics.push({ level: 'warning', code: `probe-no-${kind}`, message: `${target.href} answered ${r.status} without Go ${kind === 'metrics' ? 'Prometheus metrics' : 'expvar memstats'}` });
    } catch (e) {
      if (given) b.diagnostics.push({ level: 'warning', code: `probe-no-${kind}`, message: `${target.href}: ${(e as Error).message}` });
    }
    return undefined;
  };
  const metricsUrl = await optional(o.metricsUrl, '/metrics', 'metrics');
  const expvarUrl = await optional(o.expvarUrl, '/debug/vars', 'expvar');
  if (!pprof && !metricsUrl && !expvarUrl) {
    throw new ProbeInputError(`${o.url}: no Go pprof, Prometheus metrics or expvar endpoint answered (${b.diagnostics.map((d) => d.message).join('; ') || 'nothing found'})`);
  }
  // probed through loopback: where the port really listens decides whether other hosts reach it
  if (isLoopbackHost(u.hostname)) {
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    const addresses = listeningAddresses(port);
    if (addresses) b.listen = { port, addresses };
    else b.diagnostics.push({ level: 'info', code: 'probe-listen-unknown', message: `the local addresses port ${port} listens on cannot be read here (no /proc/net/tcp): exposure is judged from the URL's host only` });
  }
  const total = Math.min(LIMITS.maxSamples, Math.max(1, Math.floor(o.durationMs / Math.max(1, o.intervalMs)) + 1));
  const t0 = Date.now();
  let firstBody: Buffer | undefined = pprof ? first.body : undefined;
  for (let n = 0; n < total; n++) {
    if (n > 0) {
      const due = t0 + n * o.intervalMs;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
    }
    const at = new Date();
    let snap: GoroutineSnapshot | undefined;
    if (pprof) {
      try {
        let body = firstBody;
        firstBody = undefined;
        if (!body) {
          try {
            body = (await get(gor)).body;
          } catch (e) {
            if (grouped || !tooLarge(e)) throw e;
            switchToGrouped(`sample ${n + 1}: ${(e as Error).message}`);
            body = (await get(gor)).body;
          }
        }
        snap = grouped ? parseDebug1(body.toString('utf8')) : parseDebug2(body.toString('utf8'));
      } catch (e) {
        b.diagnostics.push({ level: 'warning', code: 'probe-sample-failed', message: `sample ${n + 1}: ${(e as Error).message}` });
        if (e instanceof ProbeHttpError && /refused|not found/.test(e.message)) break; // the service went away
      }
    }
    let g: RuntimeGauges = {};
    for (const [url, read] of [[metricsUrl, gaugesFromPrometheus], [expvarUrl, gaugesFromExpvar]] as const) {
      if (!url) continue;
      try {
        const r = await get(url);
        const { isGo: _i, ...rest } = read(r.body.toString('utf8'));
        g = { ...rest, ...g };
      } catch (e) {
        b.diagnostics.push({ level: 'warning', code: 'probe-sample-failed', message: `sample ${n + 1}: ${url.pathname}: ${(e as Error).message}` });
      }
    }
    // the heap profile (allocation sites) at the first and the last sample, and at every sample
    // when no metrics endpoint gives the heap in use; never with ?gc=1 (that would change the target)
    if (pprof && (g.heapInuse === undefined || n === 0 || n === total - 1)) {
      try {
        const r = await get(new URL('heap', base));
        if (r.status === 200) {
          const h = heapFromProto(decodeProfile(r.body));
          g.heapInuse ??= h.inuseBytes;
          b.addHeap(at, h);
        }
      } catch (e) {
        b.diagnostics.push({ level: 'info', code: 'probe-heap-unreadable', message: `heap profile: ${(e as Error).message}` });
      }
    }
    b.add(at, snap, g);
    o.onSample?.(n + 1, total);
    await o.afterSample?.(n + 1);
  }
  return b.build(o.url, 'url', started, { intervalMs: o.intervalMs, durationMs: Date.now() - t0 });
}

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** A saved run (`--save`), validated enough to analyse; throws ProbeInputError otherwise. */
export function parseSavedRun(text: string, name: string): ProbeRun {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ProbeInputError(`${name}: not JSON (${(e as Error).message})`);
  }
  const d = doc as Partial<ProbeRun>;
  if (!d || typeof d !== 'object' || !Array.isArray(d.samples) || !Array.isArray(d.siteInfo) || typeof d.schemaVersion !== 'string') {
    throw new ProbeInputError(`${name}: not a saved probe run (goready probe --save run.json)`);
  }
  if (d.schemaVersion.split('.')[0] !== PROBE_SCHEMA_VERSION.split('.')[0]) throw new ProbeInputError(`${name}: schema version ${d.schemaVersion} is not readable by this goready (${PROBE_SCHEMA_VERSION})`);
  if (d.samples.length > LIMITS.maxSamples) throw new ProbeInputError(`${name}: ${d.samples.length} samples, more than the ${LIMITS.maxSamples} read`);
  const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
  for (const s of d.samples) {
    if (!s || typeof s !== 'object' || typeof s.at !== 'string' || typeof s.sites !== 'object' || s.sites === null || Array.isArray(s.sites)) throw new ProbeInputError(`${name}: malformed sample`);
    if (!Object.values(s.sites).every((v) => typeof v === 'number' && finite(v)) || !finite(s.goroutines) || !finite(s.heapInuse)) throw new ProbeInputError(`${name}: a sample holds a count that is not a number`);
  }
  for (const i of d.siteInfo) {
    if (!i || typeof i !== 'object' || typeof i.key !== 'string' || typeof i.function !== 'string' || typeof i.file !== 'string' || typeof i.line !== 'number' || !Array.isArray(i.stack)) throw new ProbeInputError(`${name}: malformed site`);
  }
  if (d.heapProfiles !== undefined) {
    const frames = (x: unknown) => Array.isArray(x) && x.length <= 64 && x.every((f) => f && typeof f === 'object' && typeof f.function === 'string' && typeof f.file === 'string' && typeof f.line === 'number');
    const ok = Array.isArray(d.heapProfiles) && d.heapProfiles.length <= 2 && d.heapProfiles.every((h) => h && typeof h === 'object' && typeof h.at === 'string' && finite(h.inuseBytes) && finite(h.allocBytes)
      && Array.isArray(h.sites) && h.sites.length <= LIMITS.maxHeapSites * 2
      && h.sites.every((x) => x && typeof x === 'object' && typeof x.key === 'string' && typeof x.function === 'string' && typeof x.file === 'string' && typeof x.line === 'number' && finite(x.inuseBytes) && finite(x.allocBytes) && frames(x.stack)));
    if (!ok) throw new ProbeInputError(`${name}: malformed heap profiles`);
  }
  if (d.listen !== undefined && !(d.listen && typeof d.listen === 'object' && typeof d.listen.port === 'number' && Array.isArray(d.listen.addresses) && d.listen.addresses.length <= 64 && d.listen.addresses.every((a) => typeof a === 'string' && a.length <= 64))) {
    throw new ProbeInputError(`${name}: malformed listening addresses`);
  }
  return { blocked: [], gauges: {}, endpoints: [], diagnostics: [], ...d } as ProbeRun;
}

export async function collect(o: CollectOptions): Promise<ProbeRun> {
  if (isUrl(o.target)) {
    return collectLive({ url: o.target, durationMs: o.durationMs ?? 30_000, intervalMs: o.intervalMs ?? 5_000, metricsUrl: o.metricsUrl, expvarUrl: o.expvarUrl, onSample: o.onSample, afterSample: o.afterSample });
  }
  let st: fs.Stats;
  try {
    st = fs.statSync(o.target);
  } catch {
    throw new ProbeInputError(`${o.target}: no such file or directory, and not an http(s) URL`);
  }
  if (st.isFile() && o.target.endsWith('.json')) {
    if (st.size > LIMITS.maxBodyBytes) throw new ProbeInputError(`${o.target}: ${st.size} bytes, more than the ${LIMITS.maxBodyBytes} read`);
    const head = fs.readFileSync(o.target, 'utf8');
    if (/"siteInfo"\s*:/.test(head)) return parseSavedRun(head, path.basename(o.target));
  }
  return collectOffline(o.target);
}
