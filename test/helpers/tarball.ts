/** Small tarballs for the image tests, made in memory with tar-stream (tar + JSON, as the image layouts define). */
import { createHash } from 'node:crypto';
import tar from 'tar-stream';

export interface TarEntry { name: string; data?: Buffer; type?: 'file' | 'directory' | 'symlink'; mode?: number; linkname?: string }

export async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') pack.entry({ name: e.name, mode: e.mode ?? 0o644, type }, e.data ?? Buffer.alloc(0));
    else pack.entry({ name: e.name, type, mode: 0o755, linkname: e.linkname });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const jsonBytes = (v: unknown) => Buffer.from(JSON.stringify(v));

/** A `docker save` tarball: one uncompressed layer per entry list, the given image config. */
export async function dockerSave(layers: TarEntry[][], config: unknown, tags: string[] = []): Promise<Buffer> {
  const files: TarEntry[] = [{ name: 'cfg.json', data: jsonBytes(config) }];
  const names: string[] = [];
  for (const [i, l] of layers.entries()) {
    names.push(`l${i}/layer.tar`);
    files.push({ name: `l${i}/layer.tar`, data: await tarOf(l) });
  }
  return tarOf([{ name: 'manifest.json', data: jsonBytes([{ Config: 'cfg.json', RepoTags: tags, Layers: names }]) }, ...files]);
}
