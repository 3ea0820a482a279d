/**
 * The `.go.buildinfo` blob every Go binary since 1.13 carries, read from its documented layout:
 * a 32-byte header — the 14-byte magic "\xff Go buildinf:", the pointer size, a flags byte — then
 * either (flags bit 1, Go ≥ 1.18) the Go version and the module information as varint-length
 * strings inline, or (older) two pointers to Go string headers {data pointer, length} that are
 * followed through the executable's address mappings (flags bit 0 = big-endian).
 */
import { ArtifactFormatError, View, type ByteSource } from './source.js';
import { vaToOffset, type ExeFile } from './exe-format.js';

export const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER = 32;
/** Largest version or modinfo string accepted (real ones are a few KiB to a few hundred KiB). */
export const MAX_BUILDINFO_STRING = 4 * 1024 * 1024;
/** How much of a data section is scanned for the magic when no dedicated section exists. */
const MAX_SCAN = 32 * 1024 * 1024;

export interface RawBuildInfo {
  goVersion: string;
  /** The module information text (sentinels removed); '' when the binary was built without module support. */
  modinfo: string;
  format: 'inline' | 'pointer';
  /** File offset of the blob. */
  offset: number;
}

function candidateSections(exe: ExeFile) {
  const named = exe.sections.filter((s) => s.size > 0 && (s.name === '.go.buildinfo' || s.name === '__go_buildinfo'));
  if (named.length) return named;
  // older binaries: the blob sits at the start of the writable data
  return exe.sections.filter((s) => s.size > 0 && s.writable && /^(\.data|__data|\.noptrdata|__noptrdata)$/.test(s.name));
}

/** Finds the blob's file offset: 16-byte aligned within a candidate section. */
function findMagic(src: ByteSource, exe: ExeFile): number | undefined {
  for (const s of candidateSections(exe)) {
    const len = Math.min(s.size, MAX_SCAN);
    if (len < HEADER) continue;
    const data = src.read(s.offset, len, `section ${s.name}`);
    for (let i = 0; i + HEADER <= data.length; i += 16) {
      if (data[i] === 0xff && data.compare(BUILDINFO_MAGIC, 0, BUILDINFO_MAGIC.length, i, i + BUILDINFO_MAGIC.length) === 0) return s.offset + i;
    }
  }
  return undefined;
}

/** Unsigned LEB128 varint: [value, bytes used]; bounded to 9 bytes. */
export function readUvarint(buf: Buffer, off: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 9; i++) {
    if (off + i >= buf.length) throw new ArtifactFormatError('buildinfo: truncated varint');
    const b = buf[off + i]!;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return [v, i + 1];
    mul *= 128;
  }
  throw new ArtifactFormatError('buildinfo: varint too long');
}

function inlineStrings(src: ByteSource, at: number): [Buffer, Buffer] {
  const avail = Math.min(src.size - at, 2 * (MAX_BUILDINFO_STRING + 10));
  // read progressively: the header's two varints first, then exactly the bytes they announce
  const first = src.read(at, Math.min(avail, 10), 'buildinfo version length');
  const [vlen, vn] = readUvarint(first, 0);
  if (vlen > MAX_BUILDINFO_STRING) throw new ArtifactFormatError(`buildinfo: version length ${vlen} exceeds the limit`);
  const version = src.read(at + vn, vlen, 'buildinfo version');
  const mstart = at + vn + vlen;
  const second = src.read(mstart, Math.min(src.size - mstart, 10), 'buildinfo modinfo length');
  const [mlen, mn] = readUvarint(second, 0);
  if (mlen > MAX_BUILDINFO_STRING) throw new ArtifactFormatError(`buildinfo: module information length ${mlen} exceeds the limit`);
  const modinfo = src.read(mstart + mn, mlen, 'buildinfo module information');
  return [version, modinfo];
}

function pointerString(src: ByteSource, exe: ExeFile, v: View, at: number, ptrSize: number, what: string): Buffer {
  const headerVa = v.uword(at, ptrSize === 8);
  const hOff = vaToOffset(exe, headerVa);
  if (hOff === undefined) throw new ArtifactFormatError(`buildinfo: ${what} string header address 0x${headerVa.toString(16)} is not mapped`);
  const h = new View(src.read(hOff, 2 * ptrSize, `buildinfo ${what} string header`), v.little, `buildinfo ${what}`);
  const dataVa = h.uword(0, ptrSize === 8);
  const len = h.uword(ptrSize, ptrSize === 8);
  if (len === 0) return Buffer.alloc(0);
  if (len > MAX_BUILDINFO_STRING) throw new ArtifactFormatError(`buildinfo: ${what} length ${len} exceeds the limit`);
  const dOff = vaToOffset(exe, dataVa);
  if (dOff === undefined) throw new ArtifactFormatError(`buildinfo: ${what} data address 0x${dataVa.toString(16)} is not mapped`);
  return src.read(dOff, len, `buildinfo ${what}`);
}

/** Strips the 16-byte sentinels (raw bytes) around the module information; absent or malformed → ''. */
export function stripModinfoSentinels(mod: Buffer): string {
  if (mod.length >= 33 && mod[mod.length - 17] === 0x0a) return mod.subarray(16, mod.length - 16).toString('utf8');
  return '';
}

/** Reads the blob; undefined when the binary has none (not a Go binary, or Go < 1.13). */
export function readBuildInfo(src: ByteSource, exe: ExeFile): RawBuildInfo | undefined {
  const off = findMagic(src, exe);
  if (off === undefined) return undefined;
  const h = src.read(off, HEADER, 'buildinfo header');
  const ptrSize = h[14]!;
  const flags = h[15]!;
  if (flags & 2) {
    const [goVersion, mod] = inlineStrings(src, off + HEADER);
    return { goVersion: goVersion.toString('utf8'), modinfo: stripModinfoSentinels(mod), format: 'inline', offset: off };
  }
  if (ptrSize !== 4 && ptrSize !== 8) throw new ArtifactFormatError(`buildinfo: pointer size ${ptrSize} is neither 4 nor 8`);
  const v = new View(h, (flags & 1) === 0, 'buildinfo header');
  const goVersion = pointerString(src, exe, v, 16, ptrSize, 'version').toString('utf8');
  const mod = pointerString(src, exe, v, 16 + ptrSize, ptrSize, 'module information');
  return { goVersion, modinfo: stripModinfoSentinels(mod), format: 'pointer', offset: off };
}

