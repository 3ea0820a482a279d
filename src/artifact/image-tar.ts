/**
 * Container images saved as tarballs — `docker save` (manifest.json) and the OCI image layout
 * (oci-layout, index.json, blobs/) — read without a Docker engine. The outer tar is streamed once
 * (small entries kept in memory, large ones copied into a private temp directory under names we
 * choose); each layer is then streamed (gunzipped when compressed) with caps on the decompressed
 * size and the ratio (gzip bombs), whiteouts are applied in layer order, and the executables that
 * carry Go build information are copied to the temp directory to be read. Entry names are never
 * used as filesystem paths; names with `..` components are rejected with a diagnostic.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Transform, Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type TarStream from 'tar-stream';
import { lazyRequire } from '../core/lazy-require.js';
import { BUILDINFO_MAGIC } from './buildinfo.js';
import { looksExecutable } from './binary.js';
import type { ArtifactDiagnostic } from './model.js';

const tarStream = lazyRequire<typeof TarStream>('tar-stream');

export interface ImageLimits {
  /** Outer-tar entries kept in memory up to this size; larger ones go to the temp directory. */
  memoryEntryBytes: number;
  /** Most entries read from one tar (outer or layer). */
  maxEntries: number;
  /** Decompressed bytes of one layer. */
  maxLayerBytes: number;
  /** Decompressed bytes of all layers together. */
  maxTotalBytes: number;
  /** Decompressed/compressed ratio above which (past 64 MiB) a layer is treated as a bomb. */
  maxRatio: number;
  /** Largest executable copied out of a layer. */
  maxBinaryBytes: number;
  /** Largest JSON document (manifest, index, config) parsed. */
  maxJsonBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  memoryEntryBytes: 1024 * 1024,
  maxEntries: 500_000,
  maxLayerBytes: 8 * 1024 ** 3,
  maxTotalBytes: 32 * 1024 ** 3,
  maxRatio: 200,
  maxBinaryBytes: 1024 ** 3,
  maxJsonBytes: 16 * 1024 * 1024,
};

export interface ImageConfig {
  user: string | null;
  env: Record<string, string>;
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir?: string;
  os?: string;
  architecture?: string;
}

export interface ExtractedBinary {
  /** Absolute path inside the image, e.g. /usr/local/bin/app. */
  path: string;
  /** The copy in the temp directory. */
  tmp: string;
}

export interface ImageRead {
  layout?: 'docker-save' | 'oci';
  tags: string[];
  config?: ImageConfig;
  layers: number;
  binaries: ExtractedBinary[];
  /** Paths (absolute) present in the final filesystem that are dynamic loaders or C libraries. */
  libc: string[];
  /** Whether a path exists in the final filesystem (symlinks followed inside the image). */
  exists(p: string): boolean;
  diagnostics: ArtifactDiagnostic[];
  /** Removes the temp directory. */
  cleanup(): void;
}

type Blob = { mem: Buffer } | { file: string; size: number };

/** Normalises an entry name ("./a//b/" → "a/b"); undefined for traversal or empty names. */
export function safeEntryName(name: string): string | undefined {
  const parts = name.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return undefined;
  return parts.join('/');
}

class ByteCap extends Transform {
  seen = 0;
  constructor(private readonly cap: number, private readonly onBytes: (n: number) => string | undefined) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    const err = this.seen > this.cap ? `decompressed size exceeds ${this.cap} bytes` : this.onBytes(chunk.length);
    if (err) cb(new Error(err));
    else cb(null, chunk);
  }
}

async function drain(s: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of s) { /* discard */ }
}

function parseJson(b: Blob | undefined, what: string, limits: ImageLimits): unknown {
  if (!b) throw new Error(`${what} is missing`);
  const size = 'mem' in b ? b.mem.length : b.size;
  if (size > limits.maxJsonBytes) throw new Error(`${what} is ${size} bytes (limit ${limits.maxJsonBytes})`);
  const text = 'mem' in b ? b.mem.toString('utf8') : fs.readFileSync(b.file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not valid JSON (${(e as Error).message})`);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strList = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v as string[] : null);

function configOf(doc: unknown): ImageConfig {
  const d = isObj(doc) ? doc : {};
  const c = isObj(d.config) ? d.config : isObj(d.Config) ? d.Config : {};
  const env: Record<string, string> = {};
  for (const e of strList(c.Env) ?? []) {
    const eq = e.indexOf('=');
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return {
    user: typeof c.User === 'string' && c.User !== '' ? c.User : null,
    env,
    entrypoint: strList(c.Entrypoint),
    cmd: strList(c.Cmd),
    ...(typeof c.WorkingDir === 'string' && c.WorkingDir ? { workingDir: c.WorkingDir } : {}),
    ...(typeof d.os === 'string' ? { os: d.os } : {}),
    ...(typeof d.architecture === 'string' ? { architecture: d.architecture } : {}),
  };
}

const LIBC = /^(usr\/)?(lib|lib64|lib32)\/.*(ld-linux[^/]*\.so[^/]*|ld-musl[^/]*\.so[^/]*|libc\.so[^/]*|libc\.musl[^/]*)$/;

interface FsNode { kind: 'file' | 'dir' | 'symlink' | 'other'; target?: string; tmp?: string }

/** Reads an image tarball. Never throws for bad input: problems become diagnostics. */
export async function readImageTar(file: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<ImageRead> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-image-'));
  const diagnostics: ArtifactDiagnostic[] = [];
  const diag = (level: ArtifactDiagnostic['level'], code: string, message: string) => diagnostics.push({ level, code, message: `${file}: ${message}`, file });
  const fsTree = new Map<string, FsNode>();
  const out: ImageRead = {
    tags: [], layers: 0, binaries: [], libc: [], diagnostics,
    exists: (p) => resolvePath(fsTree, p) !== undefined,
    cleanup: () => fs.rmSync(tmpDir, { recursive: true, force: true }),
  };
  let counter = 0;
  const tmpName = (kind: string) => path.join(tmpDir, `${kind}-${++counter}`);
  try {
    // 1. the outer tar
    const blobs = new Map<string, Blob>();
    const links = new Map<string, string>();
    try {
      const ex = tarStream().extract();
      // `docker save | gzip` is common: a gzipped outer tar is decompressed with the same caps
      const head = readHead(file);
      const packed = fs.statSync(file).size;
      const outerCap: ByteCap = new ByteCap(limits.maxTotalBytes, () =>
        outerCap.seen > 64 * 1024 * 1024 && outerCap.seen > packed * limits.maxRatio ? `the archive decompresses more than ${limits.maxRatio} times its size (a gzip bomb?)` : undefined);
      const feed = head[0] === 0x1f && head[1] === 0x8b
        ? pipeline(fs.createReadStream(file), zlib.createGunzip(), outerCap, ex)
        : pipeline(fs.createReadStream(file), ex);
      feed.catch(() => undefined);
      let n = 0;
      for await (const entry of ex) {
        const h = entry.header;
        const name = safeEntryName(h.name);
        if (++n > limits.maxEntries) throw new Error(`more than ${limits.maxEntries} entries`);
        if (name === undefined) {
          diag('error', 'image-path-traversal', `entry ${JSON.stringify(h.name)} escapes the archive root (a '..' component): ignored`);
          await drain(entry);
          continue;
        }
        if ((h.type === 'symlink' || h.type === 'link') && h.linkname) {
          const target = h.type === 'symlink' ? safeEntryName(path.posix.join(path.posix.dirname(name), h.linkname)) : safeEntryName(h.linkname);
          if (target === undefined) diag('error', 'image-path-traversal', `link ${JSON.stringify(h.name)} -> ${JSON.stringify(h.linkname)} escapes the archive root: ignored`);
          else links.set(name, target);
        }
        if (h.type !== 'file' && h.type !== 'contiguous-file') {
          await drain(entry);
          continue;
        }
        const size = h.size ?? 0;
        if (size <= limits.memoryEntryBytes) {
          const chunks: Buffer[] = [];
          for await (const c of entry) chunks.push(c as Buffer);
          blobs.set(name, { mem: Buffer.concat(chunks) });
        } else {
          const t = tmpName('blob');
          await pipeline(entry, fs.createWriteStream(t, { flags: 'wx', mode: 0o600 }));
          blobs.set(name, { file: t, size });
        }
      }
      await feed;
    } catch (e) {
      diag('error', 'image-unreadable', `not a readable tar archive (${(e as Error).message})`);
      return out;
    }
    const blob = (name: string): Blob | undefined => {
      let n: string | undefined = safeEntryName(name);
      for (let i = 0; n !== undefined && i < 8; i++) {
        const b = blobs.get(n);
        if (b) return b;
        n = links.get(n);
      }
      return undefined;
    };
    // 2. layout, config and layer order
    let configDoc: unknown;
    let layerNames: string[] = [];
    try {
      if (blobs.has('manifest.json')) {
        out.layout = 'docker-save';
        const m = parseJson(blob('manifest.json'), 'manifest.json', limits);
        const first = Array.isArray(m) ? m[0] : undefined;
        if (!isObj(first)) throw new Error('manifest.json lists no image');
        if (Array.isArray(m) && m.length > 1) diag('info', 'image-multiple', `manifest.json lists ${m.length} images: the first is read`);
        out.tags = strList(first.RepoTags) ?? [];
        if (typeof first.Config !== 'string') throw new Error('manifest.json has no Config');
        configDoc = parseJson(blob(first.Config), `config ${first.Config}`, limits);
        layerNames = strList(first.Layers) ?? [];
      } else if (blobs.has('index.json')) {
        out.layout = 'oci';
        if (!blobs.has('oci-layout')) diag('warning', 'image-layout', 'index.json without an oci-layout file');
        const digestPath = (d: unknown): string => {
          if (typeof d !== 'string' || !/^[a-z0-9]+:[a-f0-9]{32,128}$/.test(d)) throw new Error(`bad digest ${JSON.stringify(d)}`);
          const [alg, hex] = d.split(':') as [string, string];
          return `blobs/${alg}/${hex}`;
        };
        let doc = parseJson(blob('index.json'), 'index.json', limits);
        // follow nested indexes to the first image manifest (for a multi-platform index: the first linux one)
        for (let depth = 0; depth < 4; depth++) {
          if (!isObj(doc)) throw new Error('index is not an object');
          if (Array.isArray(doc.layers)) break;
          const ms = Array.isArray(doc.manifests) ? doc.manifests.filter(isObj) : [];
          if (!ms.length) throw new Error('index.json lists no manifest');
          const pick = ms.find((x) => isObj(x.platform) && x.platform.os === 'linux' && x.platform.architecture !== 'unknown') ?? ms[0]!;
          if (depth === 0 && isObj(pick.annotations) && typeof pick.annotations['org.opencontainers.image.ref.name'] === 'string') out.tags = [pick.annotations['org.opencontainers.image.ref.name'] as string];
          doc = parseJson(blob(digestPath(pick.digest)), `manifest ${String(pick.digest)}`, limits);
        }
        if (!isObj(doc) || !Array.isArray(doc.layers) || !isObj(doc.config)) throw new Error('no image manifest found');
        configDoc = parseJson(blob(digestPath(doc.config.digest)), `config ${String(doc.config.digest)}`, limits);
        layerNames = doc.layers.filter(isObj).map((l) => digestPath(l.digest));
      } else {
        throw new Error('neither manifest.json (docker save) nor index.json (OCI layout) at the top');
      }
    } catch (e) {
      diag('error', 'image-layout', (e as Error).message);
      return out;
    }
    out.config = configOf(configDoc);
    out.layers = layerNames.length;
    // 3. layers, in order
    let total = 0;
    for (const [i, ln] of layerNames.entries()) {
      const b = blob(ln);
      if (!b) {
        diag('error', 'image-layer-missing', `layer ${i + 1} (${ln}) is not in the archive`);
        continue;
      }
      const compressed = 'mem' in b ? b.mem.length : b.size;
      const head = 'mem' in b ? b.mem.subarray(0, 4) : readHead(b.file);
      let decompress: Transform | undefined;
      if (head[0] === 0x1f && head[1] === 0x8b) decompress = zlib.createGunzip();
      else if (head.readUInt32LE(0) === 0xfd2fb528) {
        const z = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;
        if (!z) {
          diag('error', 'image-layer-zstd', `layer ${i + 1} is zstd-compressed, which this Node.js cannot decompress: its files are not read`);
          continue;
        }
        decompress = z();
      }
      const entries: { name: string; node: FsNode }[] = [];
      const whiteouts: string[] = [];
      const opaque: string[] = [];
      const cap = new ByteCap(limits.maxLayerBytes, (n) => {
        total += n;
        if (total > limits.maxTotalBytes) return `the layers decompress to more than ${limits.maxTotalBytes} bytes`;
        if (cap.seen > 64 * 1024 * 1024 && cap.seen > compressed * limits.maxRatio) return `layer decompresses more than ${limits.maxRatio} times its size (a gzip bomb?)`;
        return undefined;
      });
      const src: Readable = 'mem' in b ? Readable.from([b.mem]) : fs.createReadStream(b.file);
      const ex = tarStream().extract();
      const feed = decompress ? pipeline(src, decompress, cap, ex) : pipeline(src, cap, ex);
      feed.catch(() => undefined);
      try {
        let n = 0;
        for await (const entry of ex) {
          const h = entry.header;
          if (++n > limits.maxEntries) throw new Error(`more than ${limits.maxEntries} entries`);
          const name = safeEntryName(h.name);
          if (name === undefined) {
            diag('error', 'image-path-traversal', `layer ${i + 1}: entry ${JSON.stringify(h.name)} escapes the filesystem root (a '..' component): ignored`);
            await drain(entry);
            continue;
          }
          const base = path.posix.basename(name);
          if (base.startsWith('.wh.')) {
            const dir = path.posix.dirname(name);
            if (base === '.wh..wh..opq') opaque.push(dir === '.' ? '' : dir);
            else whiteouts.push(path.posix.join(dir, base.slice(4)));
            await drain(entry);
            continue;
          }
          if (h.type === 'directory') entries.push({ name, node: { kind: 'dir' } });
          else if (h.type === 'symlink') entries.push({ name, node: { kind: 'symlink', target: h.linkname ?? '' } });
          else if (h.type === 'link') {
            const t = safeEntryName(h.linkname ?? '');
            const prev = t !== undefined ? entries.find((x) => x.name === t)?.node ?? fsTree.get(t) : undefined;
            entries.push({ name, node: prev ? { ...prev } : { kind: 'file' } });
          } else if (h.type === 'file' || h.type === 'contiguous-file') {
            const node: FsNode = { kind: 'file' };
            const size = h.size ?? 0;
            if (size >= 64 && size <= limits.maxBinaryBytes && ((h.mode ?? 0) & 0o111) !== 0) node.tmp = await copyIfGo(entry, tmpName('bin'));
            else await drain(entry);
            entries.push({ name, node });
          } else {
            entries.push({ name, node: { kind: 'other' } });
            await drain(entry);
          }
        }
        await feed;
      } catch (e) {
        diag('error', 'image-layer-unreadable', `layer ${i + 1} (${ln}): ${(e as Error).message}; the files read before the error are kept`);
      }
      // whiteouts hide the lower layers' files; then this layer's own entries apply
      for (const d of opaque) for (const k of [...fsTree.keys()]) if (d === '' ? true : k.startsWith(`${d}/`)) removeNode(fsTree, k);
      for (const w of whiteouts) {
        removeNode(fsTree, w);
        for (const k of [...fsTree.keys()]) if (k.startsWith(`${w}/`)) removeNode(fsTree, k);
      }
      for (const e of entries) {
        const prev = fsTree.get(e.name);
        if (prev?.tmp && prev.tmp !== e.node.tmp) fs.rmSync(prev.tmp, { force: true });
        fsTree.set(e.name, e.node);
      }
    }
    for (const [k, v] of fsTree) {
      if (v.kind === 'file' && v.tmp) out.binaries.push({ path: `/${k}`, tmp: v.tmp });
      if ((v.kind === 'file' || v.kind === 'symlink') && LIBC.test(k)) out.libc.push(`/${k}`);
    }
    // dynamic loaders named through symlinked directories (/lib64 -> usr/lib64)
    for (const p of ['/lib64/ld-linux-x86-64.so.2', '/lib/ld-linux-aarch64.so.1', '/lib/ld-linux-armhf.so.3', '/lib/ld-linux.so.2', '/lib/ld-musl-x86_64.so.1', '/lib/ld-musl-aarch64.so.1']) {
      if (!out.libc.includes(p) && out.exists(p)) out.libc.push(p);
    }
    out.binaries.sort((a, b) => (a.path < b.path ? -1 : 1));
    return out;
  } catch (e) {
    out.cleanup();
    throw e;
  }
}

function removeNode(tree: Map<string, FsNode>, k: string): void {
  const n = tree.get(k);
  if (n?.tmp) fs.rmSync(n.tmp, { force: true });
  tree.delete(k);
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    fs.readSync(fd, b, 0, 4, 0);
    return b;
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies an executable entry to `dest` when it is an executable format carrying the Go buildinfo magic; else discards it. */
async function copyIfGo(entry: AsyncIterable<unknown>, dest: string): Promise<string | undefined> {
  let fd: number | undefined;
  let first = true;
  let found = false;
  let tail: Buffer = Buffer.alloc(0);
  for await (const c of entry) {
    const chunk = c as Buffer;
    if (first) {
      first = false;
      if (!looksExecutable(chunk.subarray(0, 64))) continue;
      fd = fs.openSync(dest, 'wx', 0o600);
    }
    if (fd === undefined) continue;
    fs.writeSync(fd, chunk);
    if (!found) {
      const hay = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      if (hay.indexOf(BUILDINFO_MAGIC) >= 0) found = true;
      tail = hay.subarray(Math.max(0, hay.length - BUILDINFO_MAGIC.length));
    }
  }
  if (fd !== undefined) fs.closeSync(fd);
  if (fd !== undefined && !found) fs.rmSync(dest, { force: true });
  return fd !== undefined && found ? dest : undefined;
}

/** Follows symlinks inside the image (at most 40 hops); the normalised path, or undefined when absent. */
function resolvePath(tree: Map<string, FsNode>, p: string): string | undefined {
  let parts = (safeEntryName(p) ?? '').split('/').filter(Boolean);
  let hops = 0;
  let done: string[] = [];
  while (parts.length) {
    const next = parts.shift()!;
    const cur = [...done, next].join('/');
    const node = tree.get(cur);
    if (!node) {
      // directories are often implicit in layers: accept a prefix that has children
      if (parts.length && [...tree.keys()].some((k) => k.startsWith(`${cur}/`))) {
        done.push(next);
        continue;
      }
      return undefined;
    }
    if (node.kind === 'symlink') {
      if (++hops > 40) return undefined;
      const t = node.target ?? '';
      const base = t.startsWith('/') ? [] : done;
      parts = [...(safeEntryName(path.posix.join(base.join('/'), t)) ?? '').split('/').filter(Boolean), ...parts];
      done = [];
      continue;
    }
    done.push(next);
  }
  return done.join('/');
}
