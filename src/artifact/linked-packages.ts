/**
 * Which Go packages are linked into a binary, from its function names: the `.gopclntab` function
 * name table (kept even by `-s -w`, the runtime needs it for tracebacks) or, failing that, the
 * symbol table (ELF .symtab, Mach-O LC_SYMTAB, PE COFF symbols). Bounded: at most MAX_NAMES names.
 */
import { View, type ByteSource } from './source.js';
import type { ExeFile } from './exe-format.js';

const MAX_NAMES = 4_000_000;

export interface LinkedPackages {
  /** Package import paths with at least one function in the binary. */
  packages: Set<string>;
  /** Functions as the vulnerability database names symbols: "net/http.Server.Serve", "net/http.ConfigureServer". */
  symbols: Set<string>;
  source: 'pclntab' | 'symtab';
  functions: number;
}

/** Import path of a Go function symbol ("net/http.(*Server).Serve" → "net/http"); undefined for non-Go names. */
export function packageOfSymbol(name: string): string | undefined {
  const bracket = name.indexOf('[');
  const head = bracket >= 0 ? name.slice(0, bracket) : name;
  if (head.startsWith('type:') || head.startsWith('go:') || head.startsWith('go.') || head.includes(' ')) return undefined;
  const slash = head.lastIndexOf('/');
  const dot = head.indexOf('.', slash + 1);
  if (dot <= 0) return undefined;
  const pkg = head.slice(0, dot);
  // the linker escapes '.' (and a few others) in the last path element as %xx
  return pkg.includes('%') ? pkg.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : pkg;
}

/** "net/http.(*Server).Serve.func1" → "net/http.Server.Serve"; undefined for non-Go names. */
export function symbolKey(name: string): string | undefined {
  const pkg = packageOfSymbol(name);
  if (!pkg) return undefined;
  const bracket = name.indexOf('[');
  const head = bracket >= 0 ? name.slice(0, bracket) : name;
  const slash = head.lastIndexOf('/');
  const rest = head.slice(head.indexOf('.', slash + 1) + 1).replace(/^\(\*?([^)]+)\)/, '$1');
  const parts = rest.split('.').filter((p) => !/^(func\d+|gowrap\d+|deferwrap\d+|\d+)$/.test(p));
  return parts.length ? `${pkg}.${parts.slice(0, 2).join('.')}` : undefined;
}

function addName(name: string, out: LinkedPackages): void {
  const pkg = packageOfSymbol(name);
  if (!pkg) return;
  out.packages.add(pkg);
  const key = symbolKey(name);
  if (key) out.symbols.add(key);
}

function addNames(blob: Buffer, into: LinkedPackages, limit: { left: number }): number {
  let n = 0;
  let start = 0;
  for (let i = 0; i < blob.length && limit.left > 0; i++) {
    if (blob[i] !== 0) continue;
    if (i > start) {
      addName(blob.toString('latin1', start, i), into);
      n++;
      limit.left--;
    }
    start = i + 1;
  }
  return n;
}

function pclntabSection(exe: ExeFile) {
  return exe.sections.find((s) => s.name === '.gopclntab' || s.name === '__gopclntab' || s.name === '.data.rel.ro.gopclntab');
}

const MAX_SCAN = 64 * 1024 * 1024;

/** PE binaries have no pclntab section: find its header (magic, 2 zero bytes, quantum, pointer size) in the read-only data. */
function scanForPclntab(src: ByteSource, exe: ExeFile): { offset: number; size: number } | undefined {
  for (const s of exe.sections.filter((x) => x.size > 0 && /^(\.rdata|\.rodata|__rodata|\.data\.rel\.ro)$/.test(x.name))) {
    const data = src.read(s.offset, Math.min(s.size, MAX_SCAN), `section ${s.name}`);
    for (let i = 0; i + 64 <= data.length; i += 4) {
      const m = exe.little ? data.readUInt32LE(i) : data.readUInt32BE(i);
      if ((m !== 0xfffffff1 && m !== 0xfffffff0 && m !== 0xfffffffa) || data[i + 4] !== 0 || data[i + 5] !== 0) continue;
      if (![1, 2, 4].includes(data[i + 6]!) || (data[i + 7] !== 4 && data[i + 7] !== 8)) continue;
      const r = readPclntab(src, exe, { offset: s.offset + i, size: s.size - i });
      if (r) return { offset: s.offset + i, size: s.size - i };
    }
  }
  return undefined;
}

/** Function names from the pclntab header's funcname table (Go ≥ 1.16 layouts). */
function fromPclntab(src: ByteSource, exe: ExeFile): LinkedPackages | undefined {
  const sec = pclntabSection(exe) ?? (exe.format === 'pe' ? scanForPclntab(src, exe) : undefined);
  if (!sec || sec.size < 64) return undefined;
  return readPclntab(src, exe, sec);
}

function readPclntab(src: ByteSource, exe: ExeFile, sec: { offset: number; size: number }): LinkedPackages | undefined {
  const head = new View(src.read(sec.offset, 8 + 8 * 8, 'pclntab header'), exe.little, 'pclntab header');
  const magic = head.u32(0);
  const ptr = head.u8(7);
  if (ptr !== 4 && ptr !== 8) return undefined;
  let nameOffAt: number;
  if (magic === 0xfffffff1 || magic === 0xfffffff0) nameOffAt = 8 + 3 * ptr; // Go 1.18+: nfunc, nfiles, textStart, funcnameOffset, cuOffset
  else if (magic === 0xfffffffa) nameOffAt = 8 + 2 * ptr; // Go 1.16–1.17: nfunc, nfiles, funcnameOffset, cuOffset
  else return undefined;
  const nameOff = head.uword(nameOffAt, ptr === 8);
  const cuOff = head.uword(nameOffAt + ptr, ptr === 8);
  if (!(nameOff < cuOff && cuOff <= sec.size)) return undefined;
  const blob = src.read(sec.offset + nameOff, cuOff - nameOff, 'pclntab function names');
  const out: LinkedPackages = { packages: new Set(), symbols: new Set(), source: 'pclntab', functions: 0 };
  out.functions = addNames(blob, out, { left: MAX_NAMES });
  return out;
}

function fromSymtab(src: ByteSource, exe: ExeFile): LinkedPackages | undefined {
  const st = exe.symtab;
  if (!st || st.strsize <= 0) return undefined;
  const count = Math.min(st.count, MAX_NAMES);
  const syms = new View(src.read(st.offset, count * st.entsize, 'symbol table'), exe.little, 'symbol table');
  const strs = src.read(st.stroff, st.strsize, 'symbol names');
  const strv = new View(strs, exe.little, 'symbol names');
  const out: LinkedPackages = { packages: new Set(), symbols: new Set(), source: 'symtab', functions: 0 };
  for (let i = 0; i < count; i++) {
    const b = i * st.entsize;
    let name: string;
    if (st.format === 'elf') {
      const info = syms.u8(b + (exe.bits === 64 ? 4 : 12));
      if ((info & 0xf) !== 2) continue; // STT_FUNC
      name = strv.cstr(syms.u32(b), 4096);
    } else if (st.format === 'macho') {
      const type = syms.u8(b + 4);
      if ((type & 0xe0) !== 0 || (type & 0x0e) !== 0x0e) continue; // no stabs; defined in a section
      name = strv.cstr(syms.u32(b), 4096).replace(/^_/, '');
    } else {
      const aux = syms.u8(b + 17);
      name = syms.u32(b) === 0 ? strv.cstr(syms.u32(b + 4), 4096) : syms.buf.toString('latin1', b, b + 8).replace(/\0.*$/s, '');
      i += aux;
    }
    addName(name, out);
    out.functions++;
  }
  return out;
}

/** The linked packages, or undefined when neither table can be read. */
export function linkedPackages(src: ByteSource, exe: ExeFile): LinkedPackages | undefined {
  return fromPclntab(src, exe) ?? fromSymtab(src, exe);
}

/** Defined function symbols in the symbol table (Mach-O keeps a table of imports even with -s). */
export function symtabFunctionCount(src: ByteSource, exe: ExeFile): number {
  return fromSymtab(src, exe)?.functions ?? 0;
}
