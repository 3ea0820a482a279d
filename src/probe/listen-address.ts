/**
 * Where a local TCP port listens, read from the kernel's socket tables (Linux /proc/net/tcp and
 * /proc/net/tcp6): a service probed through 127.0.0.1 may still listen on every interface, and
 * that — not the address the probe used — decides whether other hosts can reach its endpoints.
 * No request is made; the tables are read with a size cap. Elsewhere the answer is "unknown".
 */
import fs from 'node:fs';

export const SOCKET_TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];
const MAX_TABLE_BYTES = 16 * 1024 * 1024;
const LISTEN = '0A';

/** Reads at most `max` bytes of a (procfs) file, whose reported size is 0. */
function readCapped(file: string, max: number): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(256 * 1024, max - total));
      if (!buf.length) break;
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks).toString('latin1');
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** One 32-bit word of a /proc/net address, printed by the kernel in host (little-endian) order. */
function word(hex: string): number[] {
  const b = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return b.reverse();
}

/** The kernel's hex address ("0100007F", 32 hex digits for IPv6) as text. */
export function decodeAddress(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  if (hex.length === 8) return word(hex).join('.');
  if (hex.length !== 32) return undefined;
  const bytes = [0, 8, 16, 24].flatMap((i) => word(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // shortest form of the common cases (all zero, ::1); others stay uncompressed, which is valid
  const joined = groups.join(':');
  if (joined === '0:0:0:0:0:0:0:0') return '::';
  if (joined === '0:0:0:0:0:0:0:1') return '::1';
  return joined;
}

/** Local addresses with a listening socket on `port`, from socket-table text. */
export function listeningIn(table: string, port: number): string[] {
  const out: string[] = [];
  for (const line of table.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[3] !== LISTEN) continue;
    const [addr, p] = (cols[1] ?? '').split(':');
    if (!addr || !p || parseInt(p, 16) !== port) continue;
    const a = decodeAddress(addr);
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/** Addresses `port` listens on in this network namespace; undefined when the tables cannot be read. */
export function listeningAddresses(port: number, tables: string[] = SOCKET_TABLES): string[] | undefined {
  let read = false;
  const out: string[] = [];
  for (const t of tables) {
    const text = readCapped(t, MAX_TABLE_BYTES);
    if (text === undefined) continue;
    read = true;
    for (const a of listeningIn(text, port)) if (!out.includes(a)) out.push(a);
  }
  return read ? out : undefined;
}

/** 0.0.0.0 / :: : every interface. */
export function isUnspecifiedAddress(a: string): boolean {
  return a === '0.0.0.0' || a === '::' || a === '::ffff:0.0.0.0';
}
