/** go.mod helpers shared by the supply-chain repo rules. */
import path from 'node:path';
import { isLocalReplacement, replacementFor, type ModReplace, type ModRequire, type GoMod } from '../../go/gomod.js';
import type { RepoFacts, RepoModule } from '../../facts/repo-facts.js';

/** Relative path of a module's go.mod. */
export function goModPath(m: RepoModule): string {
  return m.dir ? `${m.dir}/go.mod` : 'go.mod';
}

/** The replace directive that applies to a requirement (versioned left side first), if any. */
export function replacementOf(mod: GoMod, r: ModRequire): ModReplace | undefined {
  return replacementFor(mod.replace, r);
}

/** Whether a module path is one of the modules of this repository (a monorepo sibling). */
export function isRepoModule(repo: RepoFacts, modulePath: string): boolean {
  return repo.modules.some((m) => m.path === modulePath);
}

/**
 * Where a local replacement points, relative to the repository root (forward slashes);
 * `outside` when it leaves the repository (or is absolute).
 */
export function localTarget(m: RepoModule, to: string): { rel?: string; outside: boolean } {
  if (path.isAbsolute(to) || /^[A-Za-z]:[\\/]/.test(to)) return { outside: true };
  const rel = path.posix.normalize(path.posix.join(m.dir || '.', to.replace(/\\/g, '/')));
  if (rel === '..' || rel.startsWith('../')) return { outside: true };
  return { rel: rel === '.' ? '' : rel, outside: false };
}

export { isLocalReplacement };
