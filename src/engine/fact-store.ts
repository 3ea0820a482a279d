/**
 * The result cache as the store of fact providers' values (src/facts/fact-provider.ts): one entry
 * per provider, keyed by this build, the per-file budget (the fact readers' time limit) and the key
 * of exactly the provider's declared inputs. An entry also lists what else the provider read; the
 * repository checks it before reusing the value (RepoFacts.fact), and ignores a malformed one.
 */
import type { Diagnostic } from '../core/types.js';
import type { FactStore, StoredFact } from '../facts/repo-facts.js';
import { buildFingerprint } from '../cache/fingerprint.js';
import { cacheKey, type ResultCache } from '../cache/result-cache.js';

const digestOrNull = (v: unknown) => v === null || typeof v === 'string';

function isStoredFact(v: unknown): v is StoredFact {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return 'value' in s && digestOrNull(s.go) && digestOrNull(s.root) && digestOrNull(s.list) && digestOrNull(s.modules) && digestOrNull(s.layout)
    && Array.isArray(s.files) && s.files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string')
    && Array.isArray(s.diagnostics) && s.diagnostics.every((d: Diagnostic) => !!d && typeof d === 'object' && typeof d.code === 'string');
}

export function resultCacheFactStore(cache: ResultCache, fileBudgetMs: number): FactStore {
  const base = cacheKey('fact', buildFingerprint(), fileBudgetMs);
  return {
    load(id, inputsKey) {
      const v = cache.get('repo', cacheKey(base, id, inputsKey));
      return isStoredFact(v) ? v : undefined;
    },
    save(id, inputsKey, fact) {
      cache.put('repo', cacheKey(base, id, inputsKey), fact);
    },
  };
}
