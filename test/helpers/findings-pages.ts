import assert from 'node:assert/strict';
import type { FindingPageQuery, HistoryStore } from '../../src/store/types.js';

/** Walks every page of a findings listing, following `next`; every page but the last must be full. */
export async function walkFindingPages(store: HistoryStore, q: Omit<FindingPageQuery, 'limit'>, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let after: FindingPageQuery['after'];
  for (let i = 0; i < 1000; i++) {
    const page = await store.findingsPage({ ...q, limit, after });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    assert.equal(page.rows.length, limit, 'only the last page is short');
    after = page.next;
  }
  throw new Error('pagination does not end');
}
