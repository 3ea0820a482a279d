/**
 * A role of the code-role model that needs the other files of the repository: a `package main` folder that only
 * `//go:generate go run <it>` lines run (a code generator writing manifests or Go code into the checkout) is
 * developer tooling (`tooling`), like hack/ or tools/: nothing builds it into what ships.
 *
 * Conservative: the folder is tooling only when no build file names it — Makefiles, Dockerfiles, shell scripts, CI
 * configurations, GoReleaser and ko configs, Nix and Bazel files (their comment lines aside; a `go install` of a
 * `/...` pattern covering it names it) — and no string of a production Go file outside the folder does (a release
 * builder listing the programs it builds; not a string that writes a go:generate line, a generator's output). The
 * `//go:generate` lines themselves are comments.
 */
import path from 'node:path';
import { tokenizeGo } from '../facts/go-symbol-refs.js';
import { isToolingFile } from '../facts/image-builds.js';
import { isKoConfigPath } from '../facts/ko.js';
import { goGenerateLines } from '../go/go-generate.js';

export interface GeneratorScanFile {
  rel: string;
  packageName?: string;
  isTest: boolean;
  /** The file's code role: only production files name a program that ships. */
  role: string;
  /** The file's `//go:generate` lines (src/go/go-generate.ts), when known (else the file is read). */
  generate?: readonly [number, string][];
}

/** `go run [flags] <target>` in a go:generate line; flags taking a value are written `-flag=value` there. */
const GO_RUN = /(?:^|\s)(?:\S*\/)?go\s+run\s+((?:-\S+\s+)*)(\S+)/g;
const DOCKERFILE = /(?:^|\/)(?:(?:docker|container)file(?:[._-][\w.-]*)?|[\w.-]+\.(?:docker|container)file)$/i;
const OTHER_BUILD_FILE = /(?:^|\/)(?:[^/]+\.nix|BUILD(?:\.bazel)?|[^/]+\.bzl|WORKSPACE)$/;

function isBuildFile(rel: string): boolean {
  return isToolingFile(rel) || DOCKERFILE.test(rel) || isKoConfigPath(rel) || OTHER_BUILD_FILE.test(rel);
}

/** Whether `text` names the folder `dir` (module-relative `rel`, import path `importPath`) as a path. */
function names(text: string, rel: string, importPath: string | undefined): boolean {
  for (const p of importPath ? [rel, importPath] : [rel]) {
    let at = text.indexOf(p);
    while (at >= 0) {
      const before = text[at - 1];
      const after = text[at + p.length];
      if ((before === undefined || !/[\w.-]/.test(before)) && (after === undefined || !/[\w-]/.test(after))) return true;
      at = text.indexOf(p, at + 1);
    }
  }
  return false;
}

/**
 * The `package main` folders among `dirs` that only `//go:generate` runs, with the reason. `modules` are the
 * repository's modules (folder, module path); `read` gives a file's text.
 */
export function generatorOnlyPrograms(
  dirs: ReadonlySet<string>, files: readonly GeneratorScanFile[], otherFiles: readonly string[],
  modules: readonly { dir: string; path?: string }[], read: (rel: string) => string | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!dirs.size) return out;
  const dirOf = (rel: string) => path.posix.dirname(rel);
  // the folders go:generate lines run, with the first line that does
  const run = new Map<string, string>();
  for (const f of files) {
    const lines = f.generate ?? goGenerateLines(read(f.rel) ?? '');
    for (const [line, command] of lines) {
      for (const g of command.matchAll(GO_RUN)) {
        const target = g[2]!;
        if (target.includes('@') || target.endsWith('.go')) continue;
        let dir: string | undefined;
        if (target.startsWith('./') || target.startsWith('../') || target === '.') {
          dir = path.posix.normalize(path.posix.join(dirOf(f.rel), target));
        } else {
          const mod = modules.find((x) => x.path && (target === x.path || target.startsWith(`${x.path}/`)));
          if (mod) dir = path.posix.normalize(path.posix.join(mod.dir || '.', target.slice(mod.path!.length + 1) || '.'));
        }
        if (dir === undefined || dir.startsWith('..') || !dirs.has(dir) || run.has(dir)) continue;
        run.set(dir, `${f.rel}:${line}`);
      }
    }
  }
  if (!run.size) return out;
  const moduleOf = (dir: string) => modules.filter((m) => m.dir === '' || m.dir === '.' || dir === m.dir || dir.startsWith(`${m.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  const candidates = [...run.keys()].map((dir) => {
    const mod = moduleOf(dir);
    const rel = mod && mod.dir && mod.dir !== '.' ? path.posix.relative(mod.dir, dir) : dir;
    return { dir, rel, importPath: mod?.path ? `${mod.path}/${rel}` : undefined };
  });
  const named = new Set<string>();
  for (const o of otherFiles) {
    if (!isBuildFile(o)) continue;
    const text = read(o);
    if (text === undefined) continue;
    const code = text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
    for (const c of candidates) {
      if (named.has(c.dir)) continue;
      if (names(code, c.rel, c.importPath) || installsPattern(code, c.rel, c.importPath)) named.add(c.dir);
    }
  }
  for (const f of files) {
    if (f.isTest || f.role !== 'production' || candidates.every((c) => named.has(c.dir))) continue;
    const text = read(f.rel);
    if (text === undefined) continue;
    const here = candidates.filter((c) => !named.has(c.dir) && dirOf(f.rel) !== c.dir && text.includes(c.rel));
    if (!here.length) continue;
    // a string writing a go:generate line is a generator's output, not a build
    const strings = tokenizeGo(text).filter((t) => t.k === 'str' && !t.v.includes('go:generate')).map((t) => t.v);
    for (const c of here) if (strings.some((s) => names(s, c.rel, c.importPath))) named.add(c.dir);
  }
  for (const c of candidates) {
    if (!named.has(c.dir)) out.set(c.dir, `package main run only by //go:generate (${run.get(c.dir)}), built by nothing else`);
  }
  return out;
}

/** A `go install <prefix>/...` whose pattern covers the folder. */
function installsPattern(text: string, rel: string, importPath: string | undefined): boolean {
  for (const m of text.matchAll(/\bgo\s+install\b[^\n]*/g)) {
    for (const w of m[0].split(/\s+/)) {
      if (!w.endsWith('/...') && w !== '...') continue;
      const prefix = w.slice(0, -3).replace(/^\.\//, '').replace(/\/$/, '');
      if (prefix === '' || prefix === '.' || rel === prefix || rel.startsWith(`${prefix}/`)
        || (importPath && (importPath === prefix || importPath.startsWith(`${prefix}/`)))) return true;
    }
  }
  return false;
}
