/**
 * go.work workspaces and how a module's requirement is resolved in a clean checkout — the one
 * place that knows which requirements need a checksum (SUP1005 go-sum-missing-entry, BLD1002
 * missing-go-sum).
 *
 * The go command looks for go.work in the module's folder and then in each parent folder; the
 * nearest one applies, and only if it `use`s the module's folder (otherwise the go command refuses
 * to build there). In workspace mode every `use`d module is a main module: a requirement on its
 * path resolves to the folder whatever the version, so it needs no checksum. A go.work `replace`
 * applies to every workspace module and wins over their go.mod replaces. A replacement by a local
 * folder needs no checksum either.
 */
import path from 'node:path';
import { isLocalReplacement, replacementFor, type ModReplace, type ModRequire } from '../go/gomod.js';
import { parseGoWork, type GoWork } from '../go/gowork.js';
import { parseGoSum, type GoSum } from './go-sum.js';
import type { RepoFacts, RepoModule } from './repo-facts.js';

export interface Workspace {
  /** The go.work path relative to the root. */
  file: string;
  /** Its folder relative to the root ('' for the root). */
  dir: string;
  work: GoWork;
  /** The `use`d folders inside the repository, relative to the root ('' for the root). */
  useDirs: Set<string>;
}

/** Where a relative folder written in `base` points, relative to the root; undefined when it leaves the repository or is absolute. */
function inRepo(base: string, rel: string): string | undefined {
  const p = rel.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return undefined;
  const n = path.posix.normalize(path.posix.join(base || '.', p));
  if (n === '..' || n.startsWith('../')) return undefined;
  return n === '.' ? '' : n.replace(/\/$/, '');
}

/** Every go.work of the repository (files the walker kept), parsed once. */
export function workspaces(repo: RepoFacts): Workspace[] {
  return repo.memo('go.work', () => {
    const out: Workspace[] = [];
    for (const file of repo.filesWhere((_rel, base) => base === 'go.work')) {
      const { text, error } = repo.readText(file);
      if (text === undefined) {
        repo.diagnostics.push({ level: 'warning', code: 'unreadable-file', file, message: `go.work not read: ${error ?? 'cannot read'}` });
        continue;
      }
      const work = parseGoWork(text);
      for (const e of work.errors.slice(0, 5)) repo.diagnostics.push({ level: 'warning', code: 'gowork-parse', file, line: e.line, message: `go.work: ${e.message}` });
      const dir = file === 'go.work' ? '' : file.slice(0, -'/go.work'.length);
      const useDirs = new Set<string>();
      for (const u of work.use) {
        const d = inRepo(dir, u.dir);
        if (d !== undefined) useDirs.add(d);
      }
      out.push({ file, dir, work, useDirs });
    }
    return out;
  });
}

/** The workspace a build in module `m`'s folder runs in: the nearest go.work at or above it, when it `use`s the folder. */
export function workspaceOf(repo: RepoFacts, m: RepoModule): Workspace | undefined {
  let best: Workspace | undefined;
  for (const w of workspaces(repo)) {
    const above = w.dir === '' || m.dir === w.dir || m.dir.startsWith(`${w.dir}/`);
    if (above && (!best || w.dir.length > best.dir.length)) best = w;
  }
  return best?.useDirs.has(m.dir) ? best : undefined;
}

/** The go.work.sum next to a workspace's go.work, parsed once; undefined when there is none. */
export function workSumOf(repo: RepoFacts, w: Workspace): GoSum | undefined {
  const rel = w.dir ? `${w.dir}/go.work.sum` : 'go.work.sum';
  return repo.memo(`go.work.sum:${rel}`, () => {
    const text = repo.readText(rel).text;
    return text === undefined ? undefined : parseGoSum(text, rel);
  });
}

/** How the build of module `m` resolves one of its requirements. */
export type Resolution =
  /** A workspace module (go.work `use`): the folder, no checksum. */
  | { kind: 'workspace'; dir: string }
  /** Replaced by a local folder (go.mod or go.work `replace`): no checksum. */
  | { kind: 'local'; replace: ModReplace; file: string }
  /** A module version from the proxy: go.sum must pin it. `replace` is set when a replace directive chose it. */
  | { kind: 'module'; path: string; version: string; replace?: ModReplace; file?: string };

/** Resolves requirement `r` of module `m` as `go build` in `m`'s folder does in a clean checkout. */
export function resolveRequirement(repo: RepoFacts, m: RepoModule, r: ModRequire): Resolution {
  const w = workspaceOf(repo, m);
  if (w) {
    const provider = repo.modules.find((x) => x.path === r.path && w.useDirs.has(x.dir));
    if (provider) return { kind: 'workspace', dir: provider.dir };
  }
  const goMod = m.dir ? `${m.dir}/go.mod` : 'go.mod';
  const fromWork = w && replacementFor(w.work.replace, r);
  const rep = fromWork ?? replacementFor(m.mod.replace, r);
  const file = fromWork ? w.file : goMod;
  if (!rep) return { kind: 'module', path: r.path, version: r.version };
  if (isLocalReplacement(rep.to.path) || !rep.to.version) return { kind: 'local', replace: rep, file };
  return { kind: 'module', path: rep.to.path, version: rep.to.version, replace: rep, file };
}

/** The requirements of `m` whose module version needs a checksum in go.sum. */
export function requirementsNeedingChecksum(repo: RepoFacts, m: RepoModule): { req: ModRequire; res: Extract<Resolution, { kind: 'module' }> }[] {
  const out: { req: ModRequire; res: Extract<Resolution, { kind: 'module' }> }[] = [];
  for (const req of m.mod.require) {
    const res = resolveRequirement(repo, m, req);
    if (res.kind === 'module') out.push({ req, res });
  }
  return out;
}
