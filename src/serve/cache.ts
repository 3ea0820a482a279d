/**
 * Results the dashboard derives from the database, kept until the database changes: keyed by the
 * store's data version (SQLite's `PRAGMA data_version`, which changes when any other connection —
 * a running survey — commits; on PostgreSQL a signature of the newest writes), and bounded (least
 * recently used entries go first). The dashboard only reads, so nothing it does itself can make an
 * entry stale. Concurrent requests for a key not yet computed share one computation (a burst of
 * clients opening the same new filter costs one count, not one per client); a failed computation
 * is not kept.
 */
import type { HistoryStore } from '../store/types.js';

export class DerivedCache {
  private version = '';
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Pick<HistoryStore, 'dataVersion'>, private readonly max = 512) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const v = await this.store.dataVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
    }
    const known = this.entries.get(key);
    if (known) {
      this.entries.delete(key);
      this.entries.set(key, known); // most recently used last
      return known as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => { if (this.entries.get(key) === value) this.entries.delete(key); });
    return value;
  }
}
