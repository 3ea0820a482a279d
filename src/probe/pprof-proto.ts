/**
 * Decodes protobuf pprof profiles (goroutine and heap) with the pprof-format library. The input is
 * gzip-compressed (as net/http/pprof serves it) or raw; decompression is capped (bomb guard) and
 * sample counts are bounded. Throws ProfileError with a readable reason on anything malformed.
 */
import zlib from 'node:zlib';
import { Profile } from 'pprof-format';
import { LIMITS } from './limits.js';
import { isStdFunction } from './locate.js';
import type { Frame, GoroutineGroup, GoroutineSnapshot, HeapProfile, HeapSite } from './model.js';

export class ProfileError extends Error {}

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** Gunzips with a cap on the output size. */
export function gunzipCapped(buf: Uint8Array, max: number = LIMITS.maxInflatedBytes): Buffer {
  try {
    return zlib.gunzipSync(buf, { maxOutputLength: max });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength|buffer.*too large/i.test((e as Error).message)) {
      throw new ProfileError(`decompressed size exceeds ${max} bytes (a gzip bomb, or a profile too large to read)`);
    }
    throw new ProfileError(`not valid gzip data (${(e as Error).message})`);
  }
}

export function decodeProfile(data: Uint8Array, limits: { maxInflatedBytes: number; maxProfileSamples: number } = LIMITS): Profile {
  const raw = isGzip(data) ? gunzipCapped(data, limits.maxInflatedBytes) : data;
  let p: Profile;
  try {
    p = Profile.decode(raw);
  } catch (e) {
    throw new ProfileError(`not a pprof protobuf profile (${(e as Error).message})`);
  }
  if (!p.sampleType.length) throw new ProfileError('not a pprof protobuf profile (no sample types)');
  checkConsistent(p);
  if (p.sample.length > limits.maxProfileSamples) throw new ProfileError(`profile has ${p.sample.length} samples, more than the ${limits.maxProfileSamples} read`);
  return p;
}

/** pprof-format reads a truncated message without complaint: every reference must resolve. */
function checkConsistent(p: Profile): void {
  const nStrings = p.stringTable.strings.length;
  const str = (i: number | bigint | undefined) => num(i) >= 0 && num(i) < nStrings;
  const fnIds = new Set(p.function.map((f) => num(f.id)));
  const locIds = new Set(p.location.map((l) => num(l.id)));
  const bad = (what: string) => new ProfileError(`truncated or inconsistent profile (${what})`);
  for (const t of p.sampleType) if (!str(t.type) || !str(t.unit)) throw bad('a sample type names a missing string');
  for (const f of p.function) if (!str(f.name) || !str(f.filename)) throw bad('a function names a missing string');
  for (const l of p.location) for (const ln of l.line) if (!fnIds.has(num(ln.functionId))) throw bad('a location refers to a missing function');
  for (const smp of p.sample) {
    if (smp.value.length !== p.sampleType.length) throw bad('a sample has the wrong number of values');
    for (const id of smp.locationId) if (!locIds.has(num(id))) throw bad('a sample refers to a missing location');
  }
}

function num(v: number | bigint | undefined): number {
  return typeof v === 'bigint' ? Number(v) : (v ?? 0);
}

export function sampleTypes(p: Profile): string[] {
  const s = p.stringTable.strings;
  return p.sampleType.map((t) => `${s[num(t.type)] ?? '?'}/${s[num(t.unit)] ?? '?'}`);
}

/** Stack of one sample, innermost first (inlined frames expanded). */
function stacks(p: Profile): (sampleIndex: number) => Frame[] {
  const s = p.stringTable.strings;
  const fns = new Map(p.function.map((f) => [num(f.id), f]));
  const locs = new Map(p.location.map((l) => [num(l.id), l]));
  return (i) => {
    const frames: Frame[] = [];
    for (const id of p.sample[i]!.locationId) {
      const loc = locs.get(num(id));
      if (!loc) continue;
      for (const ln of loc.line) {
        const f = fns.get(num(ln.functionId));
        frames.push({ function: (f && s[num(f.name)]) || '?', file: (f && s[num(f.filename)]) || '', line: num(ln.line) });
        if (frames.length >= 64) return frames;
      }
    }
    return frames;
  };
}

export function goroutinesFromProto(p: Profile): GoroutineSnapshot {
  const types = sampleTypes(p);
  const idx = types.indexOf('goroutine/count');
  if (idx === -1) throw new ProfileError(`not a goroutine profile (sample types: ${types.join(', ')})`);
  const stackOf = stacks(p);
  const groups: GoroutineGroup[] = [];
  let total = 0;
  p.sample.forEach((smp, i) => {
    const count = num(smp.value[idx]);
    if (!(count > 0) || !Number.isFinite(count)) return;
    total += count;
    groups.push({ count, frames: stackOf(i) });
  });
  return { format: 'protobuf', total, groups };
}

/** The allocating frame of a heap sample: the innermost one outside the runtime and the standard library, else the innermost. */
function allocatingFrame(frames: Frame[]): Frame | undefined {
  return frames.find((f) => !isStdFunction(f.function)) ?? frames[0];
}

/**
 * Heap profile (`/debug/pprof/heap` or `/debug/pprof/allocs`: the same profile, only the default
 * sample index differs): bytes in use and bytes allocated since the process started, in total and
 * per allocation site (the innermost frame outside the runtime and the standard library), the
 * largest `maxSites` sites kept.
 */
export function heapFromProto(p: Profile, maxSites = LIMITS.maxHeapSites): HeapProfile {
  const types = sampleTypes(p);
  const idx = types.indexOf('inuse_space/bytes');
  if (idx === -1) throw new ProfileError(`not a heap profile (sample types: ${types.join(', ')})`);
  const allocIdx = types.indexOf('alloc_space/bytes');
  const stackOf = stacks(p);
  let inuse = 0;
  let alloc = 0;
  const sites = new Map<string, HeapSite>();
  p.sample.forEach((smp, i) => {
    const b = num(smp.value[idx]);
    const a = allocIdx === -1 ? 0 : num(smp.value[allocIdx]);
    const inuseBytes = b > 0 && Number.isFinite(b) ? b : 0;
    const allocBytes = a > 0 && Number.isFinite(a) ? a : 0;
    if (!inuseBytes && !allocBytes) return;
    inuse += inuseBytes;
    alloc += allocBytes;
    const frames = stackOf(i).slice(0, 16);
    const at = allocatingFrame(frames);
    if (!at) return;
    const key = `${at.function} @ ${at.file}:${at.line}`;
    const cur = sites.get(key);
    if (cur) {
      cur.inuseBytes += inuseBytes;
      cur.allocBytes += allocBytes;
    } else {
      sites.set(key, { key, function: at.function, file: at.file, line: at.line, stack: frames, inuseBytes, allocBytes });
    }
  });
  const top = [...sites.values()].sort((x, y) => y.inuseBytes - x.inuseBytes || y.allocBytes - x.allocBytes || x.key.localeCompare(y.key));
  const byAlloc = [...top].sort((x, y) => y.allocBytes - x.allocBytes || x.key.localeCompare(y.key));
  const kept = new Map<string, HeapSite>();
  for (const s of [...top.slice(0, maxSites), ...byAlloc.slice(0, maxSites)]) kept.set(s.key, s);
  return { inuseBytes: inuse, ...(allocIdx === -1 ? {} : { allocBytes: alloc }), sites: [...kept.values()] };
}

export type { Profile };
