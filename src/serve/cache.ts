/**
 * Results the dashboard derives from the database, kept until the database changes: keyed by
 * SQLite's `PRAGMA data_version` (it changes when any other connection — a running survey —
 * commits), and bounded (least recently used entries go first). The dashboard's connection is
 * read-only, so nothing it does itself can make an entry stale.
 */
import type { Store } from '../store/store.js';

export class DerivedCache {
  private version = -1;
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly store: Store, private readonly max = 512) {}

  get<T>(key: string, compute: () => T): T {
    const v = this.store.dataVersion();
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
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
