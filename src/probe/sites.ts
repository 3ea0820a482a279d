/** Turns goroutine snapshots into per-creation-site counts (one sample) and site descriptions. */
import type { Frame, GoroutineGroup, GoroutineSnapshot, SiteInfo } from './model.js';

/** The probe's own request (net/http/pprof writing the profile) is not counted. */
function isProbeItself(g: GoroutineGroup): boolean {
  return g.frames.some((f) => f.function === 'runtime/pprof.writeGoroutine' || f.function.startsWith('runtime/pprof.writeGoroutineStacks'));
}

export function siteOf(g: GoroutineGroup): Omit<SiteInfo, 'repoFile' | 'repoLine'> {
  // a goroutine not yet started shows only runtime.goexit: name it after its creator
  const frames = g.frames.filter((f) => f.function !== 'runtime.goexit');
  const entry: Frame = frames[frames.length - 1] ?? g.createdBy ?? { function: '?', file: '', line: 0 };
  const cb = g.createdBy;
  const at = cb && cb.file ? cb : entry;
  const key = cb ? `${entry.function} ← ${cb.function} @ ${cb.file}:${cb.line}` : `${entry.function} @ ${entry.file}`;
  return { key, function: entry.function, createdBy: cb?.function, file: at.file, line: at.line, stack: g.frames.slice(0, 32), state: g.state };
}

export interface SiteCounts {
  total: number;
  sites: Record<string, number>;
  info: Map<string, Omit<SiteInfo, 'repoFile' | 'repoLine'>>;
}

export function countSites(snap: GoroutineSnapshot): SiteCounts {
  const sites: Record<string, number> = {};
  const info = new Map<string, Omit<SiteInfo, 'repoFile' | 'repoLine'>>();
  let total = 0;
  for (const g of snap.groups) {
    if (isProbeItself(g)) continue;
    const s = siteOf(g);
    sites[s.key] = (sites[s.key] ?? 0) + g.count;
    total += g.count;
    if (!info.has(s.key)) info.set(s.key, s);
  }
  return { total, sites, info };
}

/** Goroutine states that mean "waiting on another goroutine" (not I/O, timers or the scheduler). */
export const BLOCKING_STATES = /^(?:chan send|chan receive|select|sync\.|semacquire|sync\.Cond\.Wait|sync\.WaitGroup\.Wait|sync\.Mutex\.Lock|sync\.RWMutex)/;
