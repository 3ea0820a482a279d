/**
 * Fuzz targets: every parser of repository content called directly, the repository-level fact
 * readers over a one-file repository, and whole audits. A target runs inside a watchdog worker
 * (`watchdog.ts`); it returns a plain, serialisable summary of what the parser produced and
 * throws only when the code under test broke its contract ("never throws", well-formed result).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { SeedKind } from './seeds.js';

/** The owner of a crash class being fixed elsewhere; the fuzzer reports who should look. */
export type Area = 'contain' | 'scale' | 'yamlmake' | 'fuzz';

export interface TargetDef {
  name: string;
  /** Seed kinds this target mutates. */
  kinds: readonly SeedKind[];
  /** Input is a whole repository (a JSON map of files) rather than one file. */
  repo?: boolean;
  /** Per-call time limit in the long campaign (ms). */
  timeoutMs: number;
  what: string;
}

const YAMLS: SeedKind[] = ['config', 'workflow', 'gitlab-ci', 'ci-yaml', 'goreleaser', 'ko', 'compose', 'helm-template', 'helm-values', 'k8s', 'yaml'];

export const TARGETS: readonly TargetDef[] = [
  { name: 'gomod', kinds: ['gomod'], timeoutMs: 3000, what: 'parseGoMod (go.mod, go.work, module-cache .mod files)' },
  { name: 'gosum', kinds: ['gosum'], timeoutMs: 3000, what: 'parseGoSum (go.sum, go.work.sum)' },
  { name: 'config', kinds: ['config', 'yaml', 'k8s'], timeoutMs: 3000, what: 'parseConfigText + resolveConfig (.goready.yaml)' },
  { name: 'baseline', kinds: ['json'], timeoutMs: 3000, what: 'parseBaseline (--baseline JSON)' },
  { name: 'yaml', kinds: YAMLS, timeoutMs: 3000, what: 'parseYaml (the YAML reader of CI configs, manifests, Helm, Compose, policy files)' },
  { name: 'k8s', kinds: ['k8s', 'yaml', 'helm-values', 'compose'], timeoutMs: 5000, what: 'readManifestText (Kubernetes manifests)' },
  { name: 'helm', kinds: ['helm-template', 'k8s'], timeoutMs: 5000, what: 'stripHelmTemplate + readManifestText (Helm templates)' },
  { name: 'goreleaser', kinds: ['goreleaser', 'yaml'], timeoutMs: 3000, what: 'parseGoreleaser' },
  { name: 'ko', kinds: ['ko', 'yaml'], timeoutMs: 3000, what: 'parseKoConfig' },
  { name: 'dockerfile', kinds: ['dockerfile'], timeoutMs: 3000, what: 'parseDockerfile + stage helpers' },
  { name: 'makefile', kinds: ['makefile'], timeoutMs: 5000, what: 'parseMakefile + MakeProject go-build expansion' },
  { name: 'shell', kinds: ['shell', 'dockerfile', 'makefile', 'workflow'], timeoutMs: 3000, what: 'shellCommands, findGoBuilds, ci-shell commands, ScriptAnalyzer' },
  { name: 'go-text', kinds: ['go'], timeoutMs: 3000, what: 'goSymbolFacts, sourceStatsOf, importsByText, directives (text-level Go readers)' },
  { name: 'go-file', kinds: ['go'], timeoutMs: 10000, what: 'analyzeFile: tree-sitter parse + every file rule' },
  { name: 'directives', kinds: ['go', 'dockerfile', 'makefile', 'shell', ...YAMLS], timeoutMs: 3000, what: 'extractDirectives / extractHashDirectives' },
  { name: 'repo-facts', kinds: ['gomod', 'gosum', 'dockerfile', 'makefile', 'shell', 'json', 'markdown', 'toml', ...YAMLS], timeoutMs: 10000, what: 'every repository-level fact reader over a one-file repository' },
  { name: 'audit', kinds: [], repo: true, timeoutMs: 30000, what: 'a whole audit (in process) of a mutated testdata repository, report validated and printed in every format' },
];

export function targetByName(name: string): TargetDef | undefined {
  return TARGETS.find((t) => t.name === name);
}

/** Input of a repository target: relative path → bytes. */
export type RepoInput = Record<string, Buffer>;

export function encodeRepo(files: RepoInput): Buffer {
  const o: Record<string, string> = {};
  for (const k of Object.keys(files).sort()) o[k] = files[k]!.toString('base64');
  return Buffer.from(`${JSON.stringify({ files: o }, null, 1)}\n`);
}

export function decodeRepo(buf: Buffer): RepoInput {
  const o = JSON.parse(buf.toString('utf8')) as { files: Record<string, string> };
  const out: RepoInput = {};
  for (const [k, v] of Object.entries(o.files)) out[k] = Buffer.from(v, 'base64');
  return out;
}

/** A stable serialisation (Sets and Maps as arrays) for determinism checks. */
export function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof Set) return [...x];
    if (x instanceof Map) return [...x.entries()];
    if (typeof x === 'bigint') return String(x);
    return x;
  });
}

export function digest(v: unknown): string {
  return createHash('sha1').update(stable(v)).digest('hex').slice(0, 16);
}

/** A well-formedness violation: the call returned, but its result breaks the parser's contract. */
export class Malformed extends Error {}

/** Every `line`-like number in `v` is an integer within the input (0 allowed for "whole file"). */
export function checkLines(v: unknown, maxLine: number, where = '$', seen = new Set<unknown>()): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  const entries: [string, unknown][] = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x]) : v instanceof Set ? [...v].map((x, i) => [String(i), x]) : Object.entries(v);
  for (const [k, x] of entries) {
    // (an `endLine` of Number.MAX_SAFE_INTEGER is the documented "to the end of the file")
    if ((k === 'line' || k === 'startLine' || k === 'endLine') && typeof x === 'number' && !(k === 'endLine' && x === Number.MAX_SAFE_INTEGER)) {
      if (!Number.isInteger(x) || x < 0 || x > maxLine + 1) throw new Malformed(`${where}.${k} = ${x} is outside the input (1..${maxLine})`);
    }
    checkLines(x, maxLine, `${where}.${k}`, seen);
  }
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** A scratch directory per worker, emptied between calls. */
let scratchRoot: string | undefined;
/** The watchdog gives each worker a scratch root it deletes itself (a killed worker cleans nothing). */
export function setScratchRoot(dir: string): void {
  scratchRoot = dir;
}
export function scratchDir(): string {
  scratchRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'goready-fuzz-'));
  const d = path.join(scratchRoot, 'r');
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  return d;
}

export function removeScratch(): void {
  if (scratchRoot) fs.rmSync(scratchRoot, { recursive: true, force: true });
  scratchRoot = undefined;
}

/** Writes files under `dir`, refusing any path that would leave it. */
export function writeRepo(dir: string, files: RepoInput): void {
  for (const [rel, bytes] of Object.entries(files)) {
    const norm = path.posix.normalize(rel);
    if (norm.startsWith('..') || path.posix.isAbsolute(norm) || norm === '.') continue;
    const abs = path.join(dir, norm);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, bytes);
  }
}

/** Where a seed of this source path goes in a one-file repository (keeps the folders rules look at). */
export function naturalPath(src: string): string {
  const parts = src.split('/');
  const ti = parts.lastIndexOf('testdata');
  const tail = ti >= 0 ? parts.slice(ti + 2) : parts.slice(-1);
  const rel = (tail.length ? tail : parts.slice(-1)).join('/');
  return rel || parts[parts.length - 1]!;
}
