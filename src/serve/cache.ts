/**
 * Results the dashboard derives from the database, kept until the database changes: keyed by the
 * store's data version (SQLite's `PRAGMA data_version`, which changes when any other connection —
 * a running survey — commits; on PostgreSQL a signature of the newest writes), and bounded (least
 * recently used entries go first). The dashboard only reads, so nothing it does itself can make an
 * entry stale.
 */
import type { HistoryStore } from '../store/types.js';

export class DerivedCache {
  private version = '';
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly store: HistoryStore, private readonly max = 512) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const v = await this.store.dataVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
    }
    if (this.entries.has(key)) {
      const hit = this.entries.get(key) as T;
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit;
    }
    const value = await compute();
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
