/**
 * Bounded random access to an untrusted file: every read is checked against the file size and a
 * per-read cap, so a hostile header (huge lengths, offsets past the end) yields an ArtifactFormatError,
 * never a crash or a huge allocation.
 */
import fs from 'node:fs';

export class ArtifactFormatError extends Error {}

/** Largest single read (section tables, symbol tables, string tables, buildinfo strings). */
export const MAX_READ = 64 * 1024 * 1024;

export interface ByteSource {
  readonly size: number;
  /** Exactly `len` bytes at `off`, or an ArtifactFormatError. */
  read(off: number, len: number, what: string): Buffer;
  close(): void;
}

function check(size: number, off: number, len: number, what: string, cap: number): void {
  if (!Number.isSafeInteger(off) || !Number.isSafeInteger(len) || off < 0 || len < 0) {
    throw new ArtifactFormatError(`${what}: invalid offset ${off} or length ${len}`);
  }
  if (len > cap) throw new ArtifactFormatError(`${what}: length ${len} exceeds the ${cap}-byte limit`);
  if (off + len > size) throw new ArtifactFormatError(`${what}: bytes ${off}..${off + len} lie beyond the end of the file (${size} bytes)`);
}

export function bufferSource(buf: Buffer, cap = MAX_READ): ByteSource {
  return {
    size: buf.length,
    read(off, len, what) {
      check(buf.length, off, len, what, cap);
      return buf.subarray(off, off + len);
    },
    close() {},
  };
}

export function fileSource(file: string, cap = MAX_READ): ByteSource {
  const fd = fs.openSync(file, 'r');
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  let closed = false;
  return {
    size,
    read(off, len, what) {
      check(size, off, len, what, cap);
      const out = Buffer.alloc(len);
      let got = 0;
      while (got < len) {
        const n = fs.readSync(fd, out, got, len - got, off + got);
        if (n <= 0) throw new ArtifactFormatError(`${what}: file shrank while reading`);
        got += n;
      }
      return out;
    },
    close() {
      if (!closed) fs.closeSync(fd);
      closed = true;
    },
  };
}

/** Endian-aware integer reads on a buffer already fetched from a source (bounds checked). */
export class View {
  constructor(readonly buf: Buffer, readonly little: boolean, readonly what: string) {}
  private need(off: number, n: number): void {
    if (off < 0 || off + n > this.buf.length) throw new ArtifactFormatError(`${this.what}: truncated (need ${n} bytes at ${off}, have ${this.buf.length})`);
  }
  u8(off: number): number {
    this.need(off, 1);
    return this.buf[off]!;
  }
  u16(off: number): number {
    this.need(off, 2);
    return this.little ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off: number): number {
    this.need(off, 4);
    return this.little ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  /** A 64-bit unsigned value as a number; values above 2^53 (never valid offsets or sizes) become Infinity. */
  u64(off: number): number {
    this.need(off, 8);
    const v = this.little ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }
  uword(off: number, is64: boolean): number {
    return is64 ? this.u64(off) : this.u32(off);
  }
  /** NUL-terminated string of at most `max` bytes. */
  cstr(off: number, max = 4096): string {
    if (off < 0 || off >= this.buf.length) return '';
    let end = off;
    const stop = Math.min(this.buf.length, off + max);
    while (end < stop && this.buf[end] !== 0) end++;
    return this.buf.toString('latin1', off, end);
  }
}
