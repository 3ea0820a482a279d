import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DerivedCache } from '../src/serve/cache.js';

function versioned() {
  let version = 'v1';
  return { store: { dataVersion: async () => version }, bump: (v: string) => { version = v; } };
}

test('concurrent requests for a new key share one computation', async () => {
  const { store } = versioned();
  const cache = new DerivedCache(store);
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const compute = async () => { calls++; await gate; return 42; };
  const pending = Array.from({ length: 20 }, () => cache.get('count', compute));
  await new Promise((r) => setImmediate(r));
  release();
  assert.deepEqual(await Promise.all(pending), Array(20).fill(42));
  assert.equal(calls, 1);
});

test('a data version change drops entries; a failure is not kept', async () => {
  const { store, bump } = versioned();
  const cache = new DerivedCache(store);
  let n = 0;
  assert.equal(await cache.get('k', async () => ++n), 1);
  assert.equal(await cache.get('k', async () => ++n), 1, 'cached while the version holds');
  bump('v2');
  assert.equal(await cache.get('k', async () => ++n), 2, 'recomputed after another connection wrote');
  await assert.rejects(cache.get('bad', async () => { throw new Error('boom'); }), /boom/);
  assert.equal(await cache.get('bad', async () => 'ok'), 'ok', 'the failure was not cached');
});

test('bounded: the least recently used entry goes first', async () => {
  const { store } = versioned();
  const cache = new DerivedCache(store, 2);
  let n = 0;
  await cache.get('a', async () => ++n);
  await cache.get('b', async () => ++n);
  await cache.get('a', async () => ++n); // a is now most recent
  await cache.get('c', async () => ++n); // evicts b
  assert.equal(await cache.get('a', async () => -1), 1);
  assert.equal(await cache.get('b', async () => -1), -1);
});
