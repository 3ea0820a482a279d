/** `goready artifact PATH…`: reads each binary or image tarball and judges it. */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/types.js';
import { toolVersion } from '../core/tool-package.js';
import { cachedVulnDb, type VulnDb } from '../supply/vulndb.js';
import { readBinaryFile, type BinaryRead } from './binary.js';
import { readImageTar, DEFAULT_IMAGE_LIMITS, type ImageLimits, type ImageRead } from './image-tar.js';
import { buildFindings, imageFindings, vulnFindings } from './judge.js';
import { ARTIFACT_SCHEMA_VERSION, type ArtifactDiagnostic, type ArtifactReport, type BinaryInfo, type ImageArtifact, type ImageInfo } from './model.js';

export interface ArtifactOptions {
  /** Vulnerability database directory (absent: vulnerabilities are not checked, with a diagnostic). */
  vulndb?: string;
  imageLimits?: ImageLimits;
}

function isTarball(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(512);
    const n = fs.readSync(fd, b, 0, 512, 0);
    if (n >= 2 && b[0] === 0x1f && b[1] === 0x8b) return true;
    return n >= 262 && b.toString('latin1', 257, 262) === 'ustar';
  } finally {
    fs.closeSync(fd);
  }
}

/** The binary an image runs: the entrypoint (or cmd) program, looked up like exec does (PATH, WorkingDir). */
export function entrypointBinary(img: ImageRead, binaries: BinaryInfo[], imagePath: string): BinaryInfo | undefined {
  const argv = img.config?.entrypoint?.length ? img.config.entrypoint : img.config?.cmd ?? [];
  let prog = argv[0];
  // a shell form runs the binary through sh -c: take the first word of the script
  if (prog && /(^|\/)(ba|da)?sh$/.test(prog) && argv[1] === '-c' && argv[2]) prog = argv[2].trim().split(/\s+/)[0];
  const inImage = (p: string) => binaries.find((b) => b.path === `${imagePath}:${p}`);
  if (prog) {
    const candidates = prog.startsWith('/')
      ? [prog]
      : prog.includes('/')
        ? [path.posix.join(img.config?.workingDir ?? '/', prog)]
        : (img.config?.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':').map((d) => path.posix.join(d || '/', prog!));
    for (const c of candidates) {
      const hit = inImage(path.posix.normalize(c));
      if (hit) return hit;
    }
  }
  return binaries.length === 1 ? binaries[0] : undefined;
}

/** One artifact read for judging: a binary, or an image with the Go binaries of its final filesystem. */
export interface OpenedArtifact {
  kind: 'binary' | 'image';
  /** Go binaries with build information (for an image: each named `name:/path/in/image`). */
  reads: BinaryRead[];
  /** The image (config, binaries, libc) when `kind` is image and it could be read. */
  image?: ImageInfo;
  /** The binary the image runs (entrypoint / cmd), else its only Go binary. */
  main?: BinaryInfo;
  diagnostics: ArtifactDiagnostic[];
}

/** Reads a binary or an image tarball (temporary files removed before returning); `name` names it in findings. */
export async function openArtifact(file: string, name: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<OpenedArtifact> {
  let tarball: boolean;
  try {
    tarball = isTarball(file);
  } catch (e) {
    return { kind: 'binary', reads: [], diagnostics: [{ level: 'error', code: 'artifact-unreadable', message: `${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file: name }] };
  }
  if (!tarball) {
    const r = readBinaryFile(file, name);
    return { kind: 'binary', reads: r.info ? [r] : [], main: r.info, diagnostics: r.diagnostics };
  }
  const img = await readImageTar(file, limits);
  try {
    const diagnostics: ArtifactDiagnostic[] = [...img.diagnostics];
    if (!img.config || !img.layout) return { kind: 'image', reads: [], diagnostics };
    const reads: BinaryRead[] = [];
    for (const b of img.binaries) {
      const r = readBinaryFile(b.tmp, `${name}:${b.path}`);
      diagnostics.push(...r.diagnostics);
      if (r.info?.goVersion) reads.push(r);
    }
    const binaries = reads.map((r) => r.info!);
    const main = entrypointBinary(img, binaries, name);
    if (!binaries.length) diagnostics.push({ level: 'warning', code: 'image-no-go-binary', message: `${name}: no Go binary found in the image's final filesystem`, file: name });
    const image: ImageInfo = {
      layout: img.layout, tags: img.tags, ...(img.config.os ? { os: img.config.os } : {}), ...(img.config.architecture ? { architecture: img.config.architecture } : {}),
      user: img.config.user, env: img.config.env, entrypoint: img.config.entrypoint, cmd: img.config.cmd,
      ...(img.config.workingDir ? { workingDir: img.config.workingDir } : {}),
      layers: img.layers, binaries, libc: img.libc.sort(),
    };
    return { kind: 'image', reads, image, main, diagnostics };
  } finally {
    img.cleanup();
  }
}

async function readImage(file: string, db: VulnDb | undefined, limits: ImageLimits, diagnostics: ArtifactDiagnostic[], findings: Finding[]): Promise<ImageArtifact | undefined> {
  const o = await openArtifact(file, file, limits);
  diagnostics.push(...o.diagnostics);
  if (!o.image) return undefined;
  for (const r of o.reads) findings.push(...judgeBinary(r, db));
  findings.push(...imageFindings(o.image, file));
  const main = o.main;
  return {
    path: file, kind: 'image',
    goVersion: main?.goVersion ?? null, mainModule: main?.mainModule ?? null, settings: main?.settings ?? {}, modules: main?.modules ?? [],
    stripped: main ? main.stripped : null, static: main ? main.static : null, pie: main ? main.pie : null,
    image: o.image,
  };
}

export function judgeBinary(r: BinaryRead, db: VulnDb | undefined): Finding[] {
  if (!r.info?.goVersion) return [];
  return [...(db ? vulnFindings(r.info, r.linked, db) : []), ...buildFindings(r.info)];
}

export function loadDb(dir: string | undefined, diagnostics: ArtifactDiagnostic[]): VulnDb | undefined {
  if (!dir) {
    diagnostics.push({ level: 'warning', code: 'vulndb-missing', message: 'no vulnerability database: known vulnerabilities were NOT checked (goready vulndb update, or --vulndb PATH)' });
    return undefined;
  }
  const { db, error } = cachedVulnDb(dir);
  if (!db) diagnostics.push({ level: 'error', code: 'vulndb-error', message: `${error}; known vulnerabilities were not checked` });
  return db;
}

export async function runArtifact(paths: string[], opts: ArtifactOptions = {}): Promise<ArtifactReport> {
  const diagnostics: ArtifactDiagnostic[] = [];
  const findings: Finding[] = [];
  const db = loadDb(opts.vulndb, diagnostics);
  const report: ArtifactReport = {
    schemaVersion: ARTIFACT_SCHEMA_VERSION, tool: { name: 'goready', version: toolVersion() }, artifacts: [], findings, diagnostics,
    vulndb: db ? { path: db.info.path, entries: db.info.entries } : null,
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      diagnostics.push({ level: 'error', code: 'artifact-unreadable', message: `${p}: no such file`, file: p });
      continue;
    }
    if (!st.isFile()) {
      diagnostics.push({ level: 'error', code: 'artifact-unreadable', message: `${p}: not a regular file`, file: p });
      continue;
    }
    if (isTarball(p)) {
      const img = await readImage(p, db, opts.imageLimits ?? DEFAULT_IMAGE_LIMITS, diagnostics, findings);
      if (img) report.artifacts.push(img);
      continue;
    }
    const r = readBinaryFile(p);
    diagnostics.push(...r.diagnostics);
    if (!r.info) continue;
    report.artifacts.push(r.info);
    findings.push(...judgeBinary(r, db));
  }
  return report;
}
