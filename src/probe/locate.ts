/**
 * Maps stack frames to repository files: module path + package path (`-trimpath` builds and
 * module-relative names), absolute build paths (longest path suffix that is a file of the repo),
 * and finds the top-level function declaration that holds a line (to join with static findings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseGoMod } from '../go/gomod.js';
import { getGoParser, parseGo } from '../go/parser.js';
import { walkRepo } from '../walk/walker.js';
import type { Frame } from './model.js';

/** Standard-library and runtime frames: the first path element of the package has no dot (except `main`). */
export function isStdFunction(fn: string): boolean {
  if (fn.startsWith('main.')) return false;
  const slash = fn.indexOf('/');
  const firstElem = slash === -1 ? fn.slice(0, fn.indexOf('.')) : fn.slice(0, slash);
  return !firstElem.includes('.');
}

export interface RepoLocation {
  file: string;
  line: number;
}

export class RepoIndex {
  private readonly files = new Set<string>();
  /** module path → module dir (relative, '' for the root). */
  private readonly modules: { path: string; dir: string }[] = [];
  private readonly ranges = new Map<string, { start: number; end: number; name: string }[] | null>();

  constructor(readonly root: string) {
    const w = walkRepo(root, { maxDirs: 50_000 });
    for (const f of w.goFiles) this.files.add(f.rel);
    for (const dir of w.goModDirs) {
      try {
        const gm = parseGoMod(fs.readFileSync(path.join(root, dir, 'go.mod'), 'utf8'));
        if (gm.module) this.modules.push({ path: gm.module, dir });
      } catch {
        // a malformed go.mod: frames of that module are matched by path suffix only
      }
    }
    this.modules.sort((a, b) => b.path.length - a.path.length);
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** The repository file a profile's path names, or undefined (standard library, dependencies, another build). */
  mapFile(profilePath: string): string | undefined {
    const p = profilePath.replace(/\\/g, '/');
    for (const m of this.modules) {
      if (p.startsWith(`${m.path}/`)) {
        const rel = (m.dir ? `${m.dir}/` : '') + p.slice(m.path.length + 1);
        if (this.files.has(rel)) return rel;
      }
    }
    // dependencies from the module cache are not the repository's code
    if (/\/pkg\/mod\/|@v\d/.test(p)) return undefined;
    const parts = p.split('/').filter(Boolean);
    // the longest suffix of the build path that is a file of the repository
    for (let i = 0; i < parts.length; i++) {
      const rel = parts.slice(i).join('/');
      if (this.files.has(rel)) return rel;
    }
    return undefined;
  }

  locate(frame: Frame): RepoLocation | undefined {
    if (!frame.file || isStdFunction(frame.function)) return undefined;
    const file = this.mapFile(frame.file);
    return file ? { file, line: frame.line } : undefined;
  }

  /** First repository frame of a stack (innermost first). */
  firstRepoFrame(frames: Frame[]): (RepoLocation & { function: string }) | undefined {
    for (const f of frames) {
      const loc = this.locate(f);
      if (loc) return { ...loc, function: f.function };
    }
    return undefined;
  }

  /** Top-level function declarations of a repo file with their line ranges (parsed once). */
  async functionAt(file: string, line: number): Promise<string | undefined> {
    if (!this.ranges.has(file)) {
      let list: { start: number; end: number; name: string }[] | null = null;
      try {
        const abs = path.join(this.root, file);
        if (fs.statSync(abs).size <= 4 * 1024 * 1024) {
          const tree = parseGo(await getGoParser(), fs.readFileSync(abs, 'utf8'));
          list = [];
          for (const n of tree.rootNode.namedChildren) {
            if (!n || (n.type !== 'function_declaration' && n.type !== 'method_declaration')) continue;
            const recv = n.type === 'method_declaration' ? n.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text : undefined;
            list.push({ start: n.startPosition.row + 1, end: n.endPosition.row + 1, name: `${recv ? `${recv}.` : ''}${n.childForFieldName('name')?.text ?? '?'}` });
          }
          tree.delete();
        }
      } catch {
        list = null;
      }
      this.ranges.set(file, list);
    }
    const r = this.ranges.get(file)?.find((x) => line >= x.start && line <= x.end);
    return r ? `${file}#${r.name}` : undefined;
  }
}
