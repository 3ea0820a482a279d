/**
 * Executable headers (ELF, Mach-O, PE) read from their documented layouts: the section table, the
 * segments that map virtual addresses to file offsets, dynamic linking facts (interpreter, needed
 * libraries), PIE, and where the symbol table is. Every count and size is bounded.
 */
import { ArtifactFormatError, View, type ByteSource } from './source.js';

export type ExeFormat = 'elf' | 'macho' | 'pe';

export interface Section {
  name: string;
  /** Virtual address (PE: image base + RVA). */
  addr: number;
  /** File offset of the section's bytes. */
  offset: number;
  /** Bytes in the file (0 for .bss-like sections). */
  size: number;
  writable: boolean;
}

export interface Mapping {
  vaddr: number;
  offset: number;
  filesz: number;
}

export interface ExeFile {
  format: ExeFormat;
  bits: 32 | 64;
  little: boolean;
  arch: string;
  sections: Section[];
  /** Address → file offset mappings (ELF PT_LOAD, Mach-O segments, PE sections). */
  mappings: Mapping[];
  /** ELF PT_INTERP / Mach-O LC_LOAD_DYLINKER path. */
  interpreter?: string;
  /** Shared libraries the loader must find (ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB, PE imported DLLs when read). */
  needed: string[];
  /** ELF has a dynamic section / PT_DYNAMIC. */
  dynamicSection: boolean;
  /** Position-independent executable (ELF ET_DYN, Mach-O MH_PIE, PE DYNAMIC_BASE). */
  pie: boolean;
  /** The symbol table and its string table (absent when stripped). */
  symtab?: { format: ExeFormat; offset: number; count: number; entsize: number; stroff: number; strsize: number };
  /** DWARF sections present (.debug_*, .zdebug_*, __DWARF). */
  dwarf: boolean;
}

const MAX_SECTIONS = 4096;
const MAX_SEGMENTS = 4096;
const MAX_LOAD_COMMANDS = 4096;
const MAX_NEEDED = 1024;

export function detectFormat(head: Buffer): ExeFormat | undefined {
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'elf';
  if (head.length >= 4) {
    const be = head.readUInt32BE(0);
    const le = head.readUInt32LE(0);
    if (be === 0xfeedface || be === 0xfeedfacf || le === 0xfeedface || le === 0xfeedfacf) return 'macho';
    // fat (universal) binary; Java class files share the magic but have a large second word
    if (be === 0xcafebabe && head.length >= 8 && head.readUInt32BE(4) > 0 && head.readUInt32BE(4) < 20) return 'macho';
  }
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  return undefined;
}

export function parseExe(src: ByteSource): ExeFile {
  const head = src.read(0, Math.min(src.size, 64), 'header');
  const f = detectFormat(head);
  if (f === 'elf') return parseElf(src);
  if (f === 'macho') return parseMachO(src);
  if (f === 'pe') return parsePe(src);
  throw new ArtifactFormatError('not an executable (no ELF, Mach-O or PE magic)');
}

const ELF_MACHINES: Record<number, string> = { 3: '386', 8: 'mips', 20: 'ppc', 21: 'ppc64', 22: 's390x', 40: 'arm', 62: 'amd64', 183: 'arm64', 243: 'riscv64', 258: 'loong64' };

function parseElf(src: ByteSource): ExeFile {
  const ident = src.read(0, Math.min(src.size, 64), 'ELF header');
  if (ident.length < 52) throw new ArtifactFormatError('ELF header truncated');
  const cls = ident[4];
  const data = ident[5];
  if (cls !== 1 && cls !== 2) throw new ArtifactFormatError(`ELF class ${cls} unknown`);
  if (data !== 1 && data !== 2) throw new ArtifactFormatError(`ELF data encoding ${data} unknown`);
  const is64 = cls === 2;
  const h = new View(ident, data === 1, 'ELF header');
  if (is64 && ident.length < 64) throw new ArtifactFormatError('ELF64 header truncated');
  const type = h.u16(16);
  const machine = h.u16(18);
  const phoff = is64 ? h.u64(32) : h.u32(28);
  const shoff = is64 ? h.u64(40) : h.u32(32);
  const phentsize = h.u16(is64 ? 54 : 42);
  const phnum = h.u16(is64 ? 56 : 44);
  const shentsize = h.u16(is64 ? 58 : 46);
  let shnum = h.u16(is64 ? 60 : 48);
  const shstrndx = h.u16(is64 ? 62 : 50);
  if (phnum > MAX_SEGMENTS || shnum > MAX_SECTIONS) throw new ArtifactFormatError('ELF: too many segments or sections');
  const out: ExeFile = {
    format: 'elf', bits: is64 ? 64 : 32, little: data === 1, arch: ELF_MACHINES[machine] ?? `elf-machine-${machine}`,
    sections: [], mappings: [], needed: [], dynamicSection: false, pie: type === 3, dwarf: false,
  };
  // program headers
  if (phnum) {
    if (phentsize < (is64 ? 56 : 32)) throw new ArtifactFormatError(`ELF: program header size ${phentsize} too small`);
    const ph = new View(src.read(phoff, phnum * phentsize, 'ELF program headers'), out.little, 'ELF program headers');
    for (let i = 0; i < phnum; i++) {
      const b = i * phentsize;
      const ptype = ph.u32(b);
      const poff = is64 ? ph.u64(b + 8) : ph.u32(b + 4);
      const vaddr = is64 ? ph.u64(b + 16) : ph.u32(b + 8);
      const filesz = is64 ? ph.u64(b + 32) : ph.u32(b + 16);
      if (ptype === 1) out.mappings.push({ vaddr, offset: poff, filesz });
      else if (ptype === 2) out.dynamicSection = true;
      else if (ptype === 3 && filesz > 0 && filesz < 4096) out.interpreter = new View(src.read(poff, filesz, 'ELF interpreter'), true, 'interp').cstr(0);
    }
  }
  // section headers
  if (shnum && shoff) {
    if (shentsize < (is64 ? 64 : 40)) throw new ArtifactFormatError(`ELF: section header size ${shentsize} too small`);
    const raw = new View(src.read(shoff, shnum * shentsize, 'ELF section headers'), out.little, 'ELF section headers');
    const secs: { name: number; type: number; flags: number; addr: number; offset: number; size: number; link: number; entsize: number }[] = [];
    for (let i = 0; i < shnum; i++) {
      const b = i * shentsize;
      secs.push({
        name: raw.u32(b), type: raw.u32(b + 4),
        flags: is64 ? raw.u64(b + 8) : raw.u32(b + 8),
        addr: is64 ? raw.u64(b + 16) : raw.u32(b + 12),
        offset: is64 ? raw.u64(b + 24) : raw.u32(b + 16),
        size: is64 ? raw.u64(b + 32) : raw.u32(b + 20),
        link: raw.u32(is64 ? b + 40 : b + 24),
        entsize: is64 ? raw.u64(b + 56) : raw.u32(b + 36),
      });
    }
    const strSec = secs[shstrndx];
    const names = strSec && strSec.type !== 8 && strSec.size > 0
      ? new View(src.read(strSec.offset, Math.min(strSec.size, 1 << 20), 'ELF section names'), true, 'shstrtab')
      : undefined;
    for (const s of secs) {
      const name = names ? names.cstr(s.name, 256) : '';
      const nobits = s.type === 8;
      out.sections.push({ name, addr: s.addr, offset: s.offset, size: nobits ? 0 : s.size, writable: (s.flags & 1) !== 0 });
      if (/^\.z?debug_/.test(name)) out.dwarf = true;
      if (s.type === 2 && s.size > 0 && s.entsize > 0) {
        const str = secs[s.link];
        if (str) out.symtab = { format: 'elf', offset: s.offset, count: Math.floor(s.size / s.entsize), entsize: s.entsize, stroff: str.offset, strsize: str.size };
      }
      if (s.type === 6 && s.size > 0) {
        out.dynamicSection = true;
        const str = secs[s.link];
        out.needed.push(...elfNeeded(src, out, s.offset, s.size, str));
      }
    }
  }
  return out;
}

function elfNeeded(src: ByteSource, exe: ExeFile, off: number, size: number, str: { offset: number; size: number } | undefined): string[] {
  const ent = exe.bits === 64 ? 16 : 8;
  const n = Math.min(Math.floor(size / ent), 4096);
  const dyn = new View(src.read(off, n * ent, 'ELF dynamic section'), exe.little, 'ELF dynamic section');
  const strtab = str && str.size > 0 ? new View(src.read(str.offset, Math.min(str.size, 4 << 20), 'ELF dynamic strings'), true, 'dynstr') : undefined;
  const out: string[] = [];
  for (let i = 0; i < n && out.length < MAX_NEEDED; i++) {
    const tag = exe.bits === 64 ? dyn.u64(i * ent) : dyn.u32(i * ent);
    if (tag === 0) break;
    if (tag === 1) {
      const v = exe.bits === 64 ? dyn.u64(i * ent + 8) : dyn.u32(i * ent + 4);
      out.push(strtab ? strtab.cstr(v, 1024) : `#${v}`);
    }
  }
  return out;
}

const MACHO_CPU: Record<number, string> = { 7: '386', 0x01000007: 'amd64', 12: 'arm', 0x0100000c: 'arm64', 18: 'ppc', 0x01000012: 'ppc64' };

function parseMachO(src: ByteSource, base = 0, depth = 0): ExeFile {
  const magicBuf = src.read(base, 8, 'Mach-O header');
  if (magicBuf.readUInt32BE(0) === 0xcafebabe) {
    if (depth > 0) throw new ArtifactFormatError('Mach-O: nested universal binary');
    // universal binary: read the first architecture (big-endian fat header)
    const n = magicBuf.readUInt32BE(4);
    const arch = new View(src.read(8, 20, 'Mach-O fat arch'), false, 'Mach-O fat arch');
    if (n < 1) throw new ArtifactFormatError('Mach-O universal binary without architectures');
    return parseMachO(src, arch.u32(8), depth + 1);
  }
  const le = magicBuf.readUInt32LE(0);
  const little = le === 0xfeedface || le === 0xfeedfacf;
  const magic = little ? le : magicBuf.readUInt32BE(0);
  const is64 = magic === 0xfeedfacf;
  const hsize = is64 ? 32 : 28;
  const h = new View(src.read(base, hsize, 'Mach-O header'), little, 'Mach-O header');
  const cpu = h.u32(4);
  const ncmds = h.u32(16);
  const sizeofcmds = h.u32(20);
  const flags = h.u32(24);
  if (ncmds > MAX_LOAD_COMMANDS) throw new ArtifactFormatError(`Mach-O: ${ncmds} load commands (limit ${MAX_LOAD_COMMANDS})`);
  const cmds = new View(src.read(base + hsize, sizeofcmds, 'Mach-O load commands'), little, 'Mach-O load commands');
  const out: ExeFile = {
    format: 'macho', bits: is64 ? 64 : 32, little, arch: MACHO_CPU[cpu] ?? `macho-cpu-${cpu}`,
    sections: [], mappings: [], needed: [], dynamicSection: false, pie: (flags & 0x200000) !== 0, dwarf: false,
  };
  let p = 0;
  for (let i = 0; i < ncmds; i++) {
    const cmd = cmds.u32(p);
    const size = cmds.u32(p + 4);
    if (size < 8 || p + size > sizeofcmds) throw new ArtifactFormatError(`Mach-O: load command ${i} has a bad size ${size}`);
    if (cmd === 0x19 || cmd === 0x1) {
      const seg64 = cmd === 0x19;
      const segname = cmds.cstr(p + 8, 16);
      const vmaddr = cmds.uword(p + 24, seg64);
      const fileoff = seg64 ? cmds.u64(p + 40) : cmds.u32(p + 32);
      const filesize = seg64 ? cmds.u64(p + 48) : cmds.u32(p + 36);
      const initprot = cmds.u32(seg64 ? p + 60 : p + 44);
      const nsects = cmds.u32(seg64 ? p + 64 : p + 48);
      if (segname === '__DWARF') out.dwarf = true;
      if (filesize > 0) out.mappings.push({ vaddr: vmaddr, offset: base + fileoff, filesz: filesize });
      const secSize = seg64 ? 80 : 68;
      let s = p + (seg64 ? 72 : 56);
      if (nsects > MAX_SECTIONS || s + nsects * secSize > p + size) throw new ArtifactFormatError(`Mach-O: segment ${segname} has a bad section count ${nsects}`);
      for (let j = 0; j < nsects; j++, s += secSize) {
        const name = cmds.cstr(s, 16);
        const addr = cmds.uword(s + 32, seg64);
        const ssize = seg64 ? cmds.u64(s + 40) : cmds.u32(s + 36);
        const offset = cmds.u32(seg64 ? s + 48 : s + 40);
        const type = cmds.u32(seg64 ? s + 64 : s + 56) & 0xff;
        const zerofill = type === 1 || type === 0xc || type === 0x12;
        if (name.startsWith('__debug_') || name.startsWith('__zdebug_')) out.dwarf = true;
        out.sections.push({ name, addr, offset: base + offset, size: zerofill || offset === 0 ? 0 : ssize, writable: (initprot & 2) !== 0 });
      }
    } else if (cmd === 0x2) {
      const symoff = cmds.u32(p + 8);
      const nsyms = cmds.u32(p + 12);
      const stroff = cmds.u32(p + 16);
      const strsize = cmds.u32(p + 20);
      if (nsyms > 0) out.symtab = { format: 'macho', offset: base + symoff, count: nsyms, entsize: is64 ? 16 : 12, stroff: base + stroff, strsize };
    } else if (cmd === 0xe) {
      out.interpreter = cmds.cstr(p + cmds.u32(p + 8), size);
    } else if (cmd === 0xc || cmd === 0x80000018 || cmd === 0x1f) {
      if (out.needed.length < MAX_NEEDED) out.needed.push(cmds.cstr(p + cmds.u32(p + 8), size));
    }
    p += size;
  }
  return out;
}

const PE_MACHINES: Record<number, string> = { 0x14c: '386', 0x8664: 'amd64', 0x1c0: 'arm', 0x1c4: 'arm', 0xaa64: 'arm64' };

function parsePe(src: ByteSource): ExeFile {
  const dos = new View(src.read(0, Math.min(src.size, 64), 'DOS header'), true, 'DOS header');
  const peoff = dos.u32(0x3c);
  const coff = new View(src.read(peoff, 24, 'PE header'), true, 'PE header');
  if (coff.u32(0) !== 0x00004550) throw new ArtifactFormatError('PE signature missing');
  const machine = coff.u16(4);
  const nsec = coff.u16(6);
  const symPtr = coff.u32(12);
  const nsyms = coff.u32(16);
  const optSize = coff.u16(20);
  if (nsec > MAX_SECTIONS) throw new ArtifactFormatError(`PE: ${nsec} sections`);
  const opt = new View(src.read(peoff + 24, optSize, 'PE optional header'), true, 'PE optional header');
  const omagic = optSize >= 2 ? opt.u16(0) : 0;
  const is64 = omagic === 0x20b;
  if (omagic !== 0x10b && omagic !== 0x20b) throw new ArtifactFormatError(`PE: optional header magic 0x${omagic.toString(16)} unknown`);
  const imageBase = is64 ? opt.u64(24) : opt.u32(28);
  const dllChars = opt.u16(70);
  const ddBase = is64 ? 112 : 96;
  const numDirs = opt.u32(is64 ? 108 : 92);
  const importRva = numDirs > 1 && optSize >= ddBase + 16 ? opt.u32(ddBase + 8) : 0;
  const importSize = numDirs > 1 && optSize >= ddBase + 16 ? opt.u32(ddBase + 12) : 0;
  const out: ExeFile = {
    format: 'pe', bits: is64 ? 64 : 32, little: true, arch: PE_MACHINES[machine] ?? `pe-machine-${machine}`,
    sections: [], mappings: [], needed: [], dynamicSection: false, pie: (dllChars & 0x40) !== 0, dwarf: false,
  };
  const secs = new View(src.read(peoff + 24 + optSize, nsec * 40, 'PE section table'), true, 'PE section table');
  const strTableOff = symPtr && nsyms ? symPtr + nsyms * 18 : 0;
  for (let i = 0; i < nsec; i++) {
    const b = i * 40;
    let name = secs.cstr(b, 8);
    // long names are "/<offset>" into the COFF string table
    if (/^\/\d+$/.test(name) && strTableOff) {
      try {
        name = new View(src.read(strTableOff + Number(name.slice(1)), Math.min(256, src.size - strTableOff - Number(name.slice(1))), 'PE long section name'), true, 'PE name').cstr(0, 256);
      } catch { /* keep the short form */ }
    }
    const vsize = secs.u32(b + 8);
    const rva = secs.u32(b + 12);
    const rawSize = secs.u32(b + 16);
    const rawPtr = secs.u32(b + 20);
    const chars = secs.u32(b + 36);
    if (/^\.z?debug_/.test(name)) out.dwarf = true;
    const size = Math.min(vsize || rawSize, rawSize);
    out.sections.push({ name, addr: imageBase + rva, offset: rawPtr, size, writable: (chars & 0x80000000) !== 0 });
    if (size) out.mappings.push({ vaddr: imageBase + rva, offset: rawPtr, filesz: size });
  }
  if (nsyms > 0 && symPtr) {
    let strsize = 0;
    try {
      strsize = src.read(strTableOff, 4, 'PE string table').readUInt32LE(0);
    } catch { /* no string table */ }
    out.symtab = { format: 'pe', offset: symPtr, count: nsyms, entsize: 18, stroff: strTableOff, strsize };
  }
  if (importRva && importSize) out.needed.push(...peImports(src, out, imageBase, imageBase + importRva));
  return out;
}

function peImports(src: ByteSource, exe: ExeFile, imageBase: number, va: number): string[] {
  const out: string[] = [];
  try {
    for (let i = 0; i < MAX_NEEDED; i++) {
      const off = vaToOffset(exe, va + i * 20);
      if (off === undefined) break;
      const d = new View(src.read(off, 20, 'PE import descriptor'), true, 'PE import descriptor');
      const nameRva = d.u32(12);
      if (!nameRva) break;
      const nameOff = vaToOffset(exe, imageBase + nameRva);
      if (nameOff === undefined) continue;
      out.push(new View(src.read(nameOff, Math.min(256, src.size - nameOff), 'PE import name'), true, 'PE import name').cstr(0, 256));
    }
  } catch { /* a broken import table leaves the list short */ }
  return out;
}

/** File offset of a virtual address, through the mappings (then the sections); undefined when unmapped. */
export function vaToOffset(exe: ExeFile, va: number): number | undefined {
  for (const m of exe.mappings) if (va >= m.vaddr && va < m.vaddr + m.filesz) return m.offset + (va - m.vaddr);
  for (const s of exe.sections) if (s.size && va >= s.addr && va < s.addr + s.size) return s.offset + (va - s.addr);
  return undefined;
}
