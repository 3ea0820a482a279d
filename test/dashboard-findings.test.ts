/**
 * /findings at scale keeps its meaning: every access path (whole survey, one audit, a rule, the
 * full-text index for rare and for common substrings, short substrings) lists exactly the findings
 * a brute-force filter and sort of the whole table gives, page after page; counts agree; the
 * trigger-kept tables (finding_groups, findings_fts) follow inserts, updates, deletes and migration.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../src/serve/app.js';
import { openDb } from '../src/store/db.js';
import { MIGRATIONS, migrationSql } from '../src/store/migrations.js';
import { SqliteStore, type FindingPageQuery, type HistoryStore } from '../src/store/store.js';
import { writeSyntheticFleet } from '../scripts/synthetic-fleet.js';

interface Raw { id: number; audit_id: number; rule_id: string; rule_name: string; dimension: string; severity: string; file: string; line: number; message: string; suppressed: number }
const RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** The reference: filter and sort every finding in JS. */
function brute(all: Raw[], q: Omit<FindingPageQuery, 'limit'>): number[] {
  const t = q.text?.toLowerCase();
  return all
    .filter((f) => q.auditIds.includes(f.audit_id) && (q.includeSuppressed || !f.suppressed) && (!q.dimension || f.dimension === q.dimension)
      && (!q.severity || f.severity === q.severity) && (!q.ruleId || f.rule_id === q.ruleId || f.rule_name === q.ruleId)
      && (!t || f.file.toLowerCase().includes(t) || f.message.toLowerCase().includes(t)))
    .sort((a, b) => RANK[a.severity]! - RANK[b.severity]! || a.audit_id - b.audit_id || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.id - b.id)
    .map((f) => f.id);
}

/** Walks every page, following `next`. */
async function walk(store: HistoryStore, q: Omit<FindingPageQuery, 'limit'>, limit: number): Promise<number[]> {
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

describe('findings listing at scale', async () => {
  let dir: string;
  let store: SqliteStore;
  let all: Raw[];
  let auditIds: number[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-findings-'));
    await writeSyntheticFleet(path.join(dir, 'g.db'), { repos: 12, perRepo: 60, seed: 3 });
    store = SqliteStore.open(path.join(dir, 'g.db'), { readonly: true });
    all = store.db.prepare('SELECT * FROM findings').all() as Raw[];
    auditIds = (await store.entries(1)).map((e) => e.auditId!);
  });
  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every filter and text search: pages concatenate to the brute-force listing, counts agree', async () => {
    const someRule = all[17]!;
    const queries: Omit<FindingPageQuery, 'limit'>[] = [
      { auditIds },
      { auditIds, includeSuppressed: true },
      { auditIds, dimension: 'security' },
      { auditIds, severity: 'high' },
      { auditIds, dimension: 'concurrency', severity: 'medium' },
      { auditIds, ruleId: someRule.rule_id },
      { auditIds, ruleId: someRule.rule_name },
      { auditIds: [auditIds[3]!] },
      { auditIds: [auditIds[3]!], dimension: 'runtime', includeSuppressed: true },
      { auditIds: auditIds.slice(0, 5), severity: 'low' },
      { auditIds, text: 'timer' }, // full-text path
      { auditIds, text: 'TIMER' }, // case-insensitive
      { auditIds, text: 'cmd/' },
      { auditIds, text: 'er' }, // two characters: substring scan
      { auditIds, text: 'x' },
      { auditIds, text: 'never' },
      { auditIds, text: 'returns (' },
      { auditIds, text: '"quoted' }, // FTS syntax is not interpreted
      { auditIds, text: '%_' }, // LIKE wildcards are literal
      { auditIds, text: 'no such words anywhere' },
      { auditIds, text: 'timer', dimension: 'security', includeSuppressed: true },
      { auditIds: [auditIds[2]!], text: 'leak' },
    ];
    for (const ftsFew of [3000, 5]) { // 5: every common substring takes the ordered-index path
      store.ftsFew = ftsFew;
      for (const q of queries) {
        const want = brute(all, q);
        const label = `${JSON.stringify({ ...q, auditIds: q.auditIds.length })} ftsFew=${ftsFew}`;
        assert.deepEqual(await walk(store, q, 37), want, label);
        const c = await store.countFindings(q, 1_000_000);
        assert.deepEqual(c, { n: want.length, capped: false }, label);
        if (want.length > 10) assert.deepEqual(await store.countFindings(q, 10), q.text ? { n: 10, capped: true } : { n: want.length, capped: false }, `${label}: text counts are bounded`);
      }
    }
    store.ftsFew = 3000;
    assert.ok(brute(all, { auditIds, text: 'timer' }).length > 37, 'the data exercise several pages');
  });

  test('the rule list and the totals come from finding_groups, equal to COUNT(*)', async () => {
    const byRule = new Map<string, string>();
    for (const f of all) byRule.set(f.rule_id, f.rule_name);
    assert.deepEqual((await store.rulesIn(auditIds)).map((r) => r.id), [...byRule.keys()].sort());
    const groups = store.db.prepare('SELECT SUM(n) AS n FROM finding_groups').get() as { n: number };
    assert.equal(groups.n, all.length);
  });

  test('the dashboard pages with next / first links; a bad cursor is a 400', async () => {
    const app = createApp(store);
    const first = await (await app.request('http://127.0.0.1/findings?survey=1&suppressed=1')).text();
    assert.match(first, new RegExp(`<p id="findings-count">${all.length} findings \\(1–100 shown\\)</p>`));
    const next = /<a href="([^"]+)" id="findings-next"/.exec(first)![1]!.replace(/&amp;/g, '&');
    assert.match(next, /^\/findings\?survey=1&suppressed=1&after=\d+&start=100$/);
    const second = await (await app.request(`http://127.0.0.1${next}`)).text();
    assert.match(second, /\(101–200 shown\)/);
    assert.match(second, /id="findings-first"/);
    const ids = (html: string) => [...html.matchAll(/data-finding-id="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual([...ids(first), ...ids(second)], brute(all, { auditIds, includeSuppressed: true }).slice(0, 200));
    for (const bad of ['abc', '99999999', '-1']) assert.equal((await app.request(`http://127.0.0.1/findings?survey=1&after=${bad}`)).status, 400, bad);
    const capped = await (await app.request('http://127.0.0.1/findings?survey=1&q=e')).text();
    assert.match(capped, /<p id="findings-count">(more than 500|\d+) findings? /);
  });

  test('inserts, updates and deletes keep the full-text index and the counts in step', async () => {
    const file = path.join(dir, 'w.db');
    await writeSyntheticFleet(file, { repos: 2, perRepo: 20, seed: 9 });
    const w = SqliteStore.open(file);
    try {
      const find = async (text: string) => await walk(w, { auditIds: (await w.entries(1)).map((e) => e.auditId!), text, includeSuppressed: true }, 100);
      const [a, b] = w.db.prepare('SELECT id FROM findings ORDER BY id LIMIT 2').pluck().all() as number[];
      w.db.prepare("UPDATE findings SET message = 'a zebracorn appeared', suppressed = 1 WHERE id = ?").run(a);
      assert.deepEqual(await find('zebracorn'), [a]);
      w.db.prepare('DELETE FROM findings WHERE id = ?').run(a);
      w.db.prepare('DELETE FROM findings WHERE id = ?').run(b);
      assert.deepEqual(await find('zebracorn'), []);
      const grouped = w.db.prepare('SELECT audit_id, rule_id, dimension, severity, suppressed, COUNT(*) AS n FROM findings GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5').all();
      assert.deepEqual(w.db.prepare('SELECT audit_id, rule_id, dimension, severity, suppressed, n FROM finding_groups ORDER BY 1, 2, 3, 4, 5').all(), grouped);
      assert.equal((w.db.prepare("INSERT INTO findings_fts (findings_fts, rank) VALUES ('integrity-check', 1)").run()).changes >= 0, true, 'FTS integrity check passes');
    } finally {
      await w.close();
    }
  });

  test('migrating a database of the first schema indexes its existing findings', async () => {
    const file = path.join(dir, 'v1.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    raw.exec(migrationSql(MIGRATIONS[0]!, 'sqlite'));
    raw.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(MIGRATIONS[0]!.name, 'then');
    raw.exec(`INSERT INTO repos VALUES (1, '/r', 'path', 'r', 'now');
      INSERT INTO audits (id, repo_id, started_at, duration_ms, tool_version, ruleset_hash, options_hash, grade, scores_json, stats_json, findings_total, findings_active)
        VALUES (1, 1, 'now', 1, 'v', 'r', 'o', 'A', '{}', '{}', 2, 2);
      INSERT INTO findings (audit_id, rule_id, rule_name, dimension, severity, confidence, message, fix, file, line, col, fingerprint)
        VALUES (1, 'CON1001', 'ticker', 'concurrency', 'high', 'high', 'ticker is never stopped', 'f', 'a/main.go', 3, 1, 'x'),
               (1, 'CON1001', 'ticker', 'concurrency', 'low', 'high', 'other', 'f', 'b.go', 1, 1, 'y')`);
    raw.close();
    openDb(file, { readonly: true }).close();
    const s = SqliteStore.open(file, { readonly: true });
    try {
      assert.deepEqual((await s.findingsPage({ auditIds: [1], text: 'never stop', limit: 10 })).rows.map((r) => r.file), ['a/main.go']);
      assert.deepEqual((await s.findingsPage({ auditIds: [1], limit: 10 })).rows.map((r) => r.severity), ['high', 'low']);
      assert.deepEqual(await s.countFindings({ auditIds: [1], severity: 'low' }), { n: 1, capped: false });
    } finally {
      await s.close();
    }
  });
});
