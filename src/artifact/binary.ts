/** One Go binary: executable facts + build information + linked packages, or a diagnostic. */
import { ArtifactFormatError, fileSource, type ByteSource } from './source.js';
import { detectFormat, parseExe, type ExeFile } from './exe-format.js';
import { readBuildInfo } from './buildinfo.js';
import { parseModInfo } from './modinfo.js';
import { linkedPackages, symtabFunctionCount, type LinkedPackages } from './linked-packages.js';
import type { ArtifactDiagnostic, BinaryInfo } from './model.js';

export interface BinaryRead {
  info?: BinaryInfo;
  /** Function/package evidence (not serialised). */
  linked?: LinkedPackages;
  diagnostics: ArtifactDiagnostic[];
}

function describe(exe: ExeFile, info: Partial<BinaryInfo>): void {
  info.format = exe.format;
  info.arch = exe.arch;
  info.symbols = !!exe.symtab;
  info.dwarf = exe.dwarf;
  info.stripped = !exe.symtab && !exe.dwarf;
  info.static = exe.format === 'elf' ? !exe.interpreter && exe.needed.length === 0 : exe.needed.length === 0;
  info.pie = exe.pie;
  if (exe.interpreter) info.interpreter = exe.interpreter;
  if (exe.needed.length) info.needed = exe.needed.slice(0, 64);
}

/** Reads one executable from a byte source; `name` is how findings and diagnostics name it. */
export function readBinarySource(src: ByteSource, name: string): BinaryRead {
  const diagnostics: ArtifactDiagnostic[] = [];
  let exe: ExeFile;
  try {
    exe = parseExe(src);
  } catch (e) {
    if (!(e instanceof ArtifactFormatError) && !(e instanceof RangeError)) throw e;
    return { diagnostics: [{ level: 'error', code: 'artifact-malformed', message: `${name}: ${(e as Error).message}`, file: name }] };
  }
  const info: BinaryInfo = {
    path: name, kind: 'binary', goVersion: null, mainModule: null, settings: {}, modules: [],
    stripped: false, static: false, pie: false, format: exe.format, arch: exe.arch,
  };
  describe(exe, info);
  if (exe.format === 'macho' && exe.symtab) {
    // Mach-O binaries linked with -s keep the imported (undefined) symbols: only defined functions count
    try {
      info.symbols = symtabFunctionCount(src, exe) > 0;
    } catch {
      info.symbols = true;
    }
    info.stripped = !info.symbols && !exe.dwarf;
  }
  try {
    const raw = readBuildInfo(src, exe);
    if (!raw) {
      diagnostics.push({ level: 'warning', code: 'artifact-not-go', message: `${name}: no Go build information (not a Go binary, or built by Go older than 1.13)`, file: name });
      return { info, diagnostics };
    }
    info.goVersion = raw.goVersion || null;
    info.buildinfoFormat = raw.format;
    const mi = parseModInfo(raw.modinfo);
    if (mi.path) info.mainPackage = mi.path;
    if (mi.main) info.mainModule = { path: mi.main.path, version: mi.main.version };
    for (const [k, v] of mi.settings) info.settings[k] = v;
    info.modules = mi.deps.map((d) => ({ path: d.path, version: d.version, ...(d.replace ? { replace: { path: d.replace.path, ...(d.replace.version && d.replace.version !== '(devel)' ? { version: d.replace.version } : {}) } } : {}) }));
    if (mi.bad.length) diagnostics.push({ level: 'warning', code: 'artifact-modinfo', message: `${name}: ${mi.bad.length} unreadable module information line(s), e.g. ${JSON.stringify(mi.bad[0]!.slice(0, 120))}`, file: name });
    if (!raw.modinfo) diagnostics.push({ level: 'info', code: 'artifact-no-modinfo', message: `${name}: Go ${raw.goVersion} binary without module information (built in GOPATH mode or with -buildmode that drops it)`, file: name });
  } catch (e) {
    if (!(e instanceof ArtifactFormatError) && !(e instanceof RangeError)) throw e;
    diagnostics.push({ level: 'error', code: 'artifact-buildinfo', message: `${name}: build information unreadable: ${(e as Error).message}`, file: name });
  }
  let linked: LinkedPackages | undefined;
  try {
    linked = linkedPackages(src, exe);
    if (linked) info.linkedPackages = { source: linked.source, functions: linked.functions, packages: linked.packages.size };
  } catch (e) {
    if (!(e instanceof ArtifactFormatError) && !(e instanceof RangeError)) throw e;
    diagnostics.push({ level: 'warning', code: 'artifact-symbols', message: `${name}: function names unreadable (${(e as Error).message}); vulnerabilities are matched at module level only`, file: name });
  }
  return { info, linked, diagnostics };
}

/** Reads a binary file; a file that is not an executable at all yields a diagnostic. */
export function readBinaryFile(file: string, name = file): BinaryRead {
  let src: ByteSource;
  try {
    src = fileSource(file);
  } catch (e) {
    return { diagnostics: [{ level: 'error', code: 'artifact-unreadable', message: `${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file: name }] };
  }
  try {
    return readBinarySource(src, name);
  } finally {
    src.close();
  }
}

/** True when the first bytes look like an executable this reader understands. */
export function looksExecutable(head: Buffer): boolean {
  return detectFormat(head) !== undefined;
}
