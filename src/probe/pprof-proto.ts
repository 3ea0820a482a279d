/**
 * Decodes protobuf pprof profiles (goroutine and heap) with the pprof-format library. The input is
 * gzip-compressed (as net/http/pprof serves it) or raw; decompression is capped (bomb guard) and
 * sample counts are bounded. Throws ProfileError with a readable reason on anything malformed.
 */
import zlib from 'node:zlib';
import { Profile } from 'pprof-format';
import { LIMITS } from './limits.js';
import type { Frame, GoroutineGroup, GoroutineSnapshot } from './model.js';

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

/** Heap profile: bytes in use (sampled estimate) and the top allocation sites. */
export function heapFromProto(p: Profile): { inuseBytes: number; top: { frames: Frame[]; bytes: number }[] } {
  const types = sampleTypes(p);
  const idx = types.indexOf('inuse_space/bytes');
  if (idx === -1) throw new ProfileError(`not a heap profile (sample types: ${types.join(', ')})`);
  const stackOf = stacks(p);
  let inuse = 0;
  const top: { frames: Frame[]; bytes: number }[] = [];
  p.sample.forEach((smp, i) => {
    const b = num(smp.value[idx]);
    if (!(b > 0) || !Number.isFinite(b)) return;
    inuse += b;
    top.push({ frames: stackOf(i).slice(0, 16), bytes: b });
  });
  top.sort((a, b) => b.bytes - a.bytes);
  return { inuseBytes: inuse, top: top.slice(0, 10) };
}

export type { Profile };
