/** The history store: migrations, WAL, one-transaction audit writes, reuse of unchanged commits, leases. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DIMENSIONS } from '../src/core/types.js';
import { latestSchemaVersion, openDb, StoreError } from '../src/store/db.js';
import { cacheDir, defaultDbPath } from '../src/store/paths.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { Store } from '../src/store/store.js';
import type { AuditRecord } from '../src/store/record.js';
import { rulesetHash } from '../src/store/record.js';
import type { Scores } from '../src/scoring/score.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'goready-store-'));

export function fakeRecord(commit: string | null, findings: { rule?: string; file?: string; line?: number; fp?: string; suppressed?: boolean }[] = [], overall = 80): AuditRecord {
  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, { score: d === 'concurrency' ? overall : null, status: d === 'concurrency' ? 'pass' : 'inconclusive', reason: 'x', findings: 0, suppressed: 0, penalty: 0, rulesRun: 1, rulesApplicable: 1 }]));
  const scores = { overall, grade: 'B', dimensions: dims, codeLines: 100 } as unknown as Scores;
  return {
    checkout: { commit, commitDate: commit ? '2025-01-01T00:00:00Z' : null, ref: null, dirty: false },
    startedAt: new Date().toISOString(), durationMs: 5, toolVersion: '0.1.0', rulesetHash: 'r', optionsHash: 'o',
    scores, stats: { goFiles: 1, analysedFiles: 1, parsedFiles: 1, skippedFiles: 0, testFiles: 0, generatedFiles: 0, lines: 10, codeLines: 10, findings: findings.length, suppressed: 0, hiddenBySeverity: 0, hiddenByCaps: 0, hiddenByRev: 0 },
    findings: findings.map((f, i) => ({
      ruleId: f.rule ?? 'CON1001', ruleName: 'ticker-not-stopped', dimension: 'concurrency', severity: 'medium', confidence: 'high',
      message: 'ticker t is never stopped', fix: 'stop it', file: f.file ?? 'a.go', line: f.line ?? i + 1, column: 2,
      suppressed: f.suppressed ? { kind: 'goready', reason: 'r' } : undefined, fingerprint: f.fp ?? `fp${i}:1`,
    })),
    rules: [{ id: 'CON1001', name: 'ticker-not-stopped', dimension: 'concurrency', severity: 'medium', confidence: 'high', lifecycle: 'stable', title: 't', rationale: 'r', fix: 'f', fixEffort: 'low', sources: [], examples: [], helpUri: 'https://x', applicable: true }],
  };
}

describe('store', () => {
  test('a new database gets every migration, WAL mode and foreign keys; reopening changes nothing', () => {
    const file = path.join(tmp(), 'sub', 'g.db');
    let created = '';
    const db = openDb(file, { onCreate: (f) => { created = f; } });
    assert.equal(created, path.resolve(file), 'creation is reported once');
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['surveys', 'repos', 'audits', 'findings', 'survey_repos', 'rules', 'schema_migrations']) assert.ok(tables.includes(t), t);
    db.close();
    let again = false;
    const db2 = openDb(file, { onCreate: () => { again = true; } });
    assert.equal(again, false);
    assert.equal((db2.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
    db2.close();
  });

  test('a database from a newer goready is refused, not misread', () => {
    const file = path.join(tmp(), 'g.db');
    openDb(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestSchemaVersion() + 1, 'future', 'now');
    raw.close();
    assert.throws(() => openDb(file), /newer than this goready knows/);
    assert.throws(() => openDb(file, { readonly: true }), StoreError);
  });

  test('read-only open of a missing database is a clear error', () => {
    assert.throws(() => Store.open(path.join(tmp(), 'none.db'), { readonly: true }), /no database at .*goready survey/);
  });

  test('default locations follow XDG_DATA_HOME / XDG_CACHE_HOME, else ~/.local/share and ~/.cache', () => {
    assert.equal(defaultDbPath({ XDG_DATA_HOME: '/x/data' }), '/x/data/goready/goready.db');
    assert.equal(defaultDbPath({}), path.join(os.homedir(), '.local', 'share', 'goready', 'goready.db'));
    assert.equal(defaultDbPath({ XDG_DATA_HOME: 'relative' }), path.join(os.homedir(), '.local', 'share', 'goready', 'goready.db'), 'relative XDG paths are ignored (spec)');
    assert.equal(cacheDir({ XDG_CACHE_HOME: '/c' }), '/c/goready/repos');
  });

  test('an audit and its findings land in one transaction; a second result for the same entry is not recorded', () => {
    const store = Store.open(path.join(tmp(), 'g.db'));
    const sid = store.createSurvey({ name: 's', source: '/l', sourceHash: 'h', optionsHash: 'o', options: {}, toolVersion: '0.1.0', entries: [
      { location: '/r/a', kind: 'path', name: 'a' }, { location: '/r/b', kind: 'path', name: 'b' },
    ] });
    const [ea, eb] = store.entries(sid);
    assert.equal(ea!.status, 'pending');
    const r1 = store.recordAudit(sid, ea!.repoId, fakeRecord('c1', [{}, {}, { suppressed: true }]));
    assert.equal(r1.duplicate, false);
    const r2 = store.recordAudit(sid, ea!.repoId, fakeRecord('c1', [{}]));
    assert.equal(r2.duplicate, true);
    assert.equal(r2.auditId, r1.auditId);
    assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM audits').get() as { n: number }).n, 1, 'no second audit row');
    assert.equal(store.audit(r1.auditId)!.findingsActive, 2);
    assert.equal(store.unfinishedEntries(sid).length, 1);
    assert.equal(store.finishIfComplete(sid), false);
    // a failing write rolls back the whole audit: the entry stays pending and no rows remain
    const bad = fakeRecord('c2', [{}]);
    (bad.findings[0] as { line: unknown }).line = null; // NOT NULL constraint
    assert.throws(() => store.recordAudit(sid, eb!.repoId, bad));
    assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM audits').get() as { n: number }).n, 1);
    assert.equal(store.entries(sid)[1]!.status, 'pending');
    store.recordFailure(sid, eb!.repoId, 'boom');
    assert.equal(store.entries(sid)[1]!.status, 'failed');
    assert.equal(store.finishIfComplete(sid), true, 'done + failed = finished');
    assert.ok(store.survey(sid)!.finishedAt);
    store.close();
  });

  test('an unchanged clean commit reuses the earlier audit; dirty trees and other options do not', () => {
    const store = Store.open(path.join(tmp(), 'g.db'));
    const mk = () => store.createSurvey({ name: 's', source: '/l', sourceHash: String(Math.random()), optionsHash: 'o', options: {}, toolVersion: '0.1.0', entries: [{ location: '/r/a', kind: 'path', name: 'a' }] });
    const s1 = mk();
    const repoId = store.entries(s1)[0]!.repoId;
    const { auditId } = store.recordAudit(s1, repoId, fakeRecord('c1', [{}]));
    const dirty = fakeRecord('c9');
    dirty.checkout.dirty = true;
    store.recordAudit(mk(), repoId, dirty);
    assert.deepEqual(store.reusableCommits(repoId, '0.1.0', 'o'), ['c1']);
    assert.deepEqual(store.reusableCommits(repoId, '0.2.0', 'o'), []);
    assert.deepEqual(store.reusableCommits(repoId, '0.1.0', 'other'), []);
    const s3 = mk();
    assert.equal(store.recordReuse(s3, repoId, 'c1', '0.1.0', 'o'), auditId);
    assert.equal(store.entries(s3)[0]!.reused, true);
    assert.equal(store.recordReuse(mk(), repoId, 'c9', '0.1.0', 'o'), undefined, 'dirty audits are never reused');
    store.close();
  });

  test('a survey lease held by a live process is refused; one left by a dead process is taken over', () => {
    const store = Store.open(path.join(tmp(), 'g.db'));
    const sid = store.createSurvey({ name: 's', source: '/l', sourceHash: 'h', optionsHash: 'o', options: {}, toolVersion: '0.1.0', entries: [{ location: '/r/a', kind: 'path', name: 'a' }] });
    store.acquire(sid, process.ppid);
    assert.throws(() => store.acquire(sid), /being run by process/);
    store.release(sid, process.ppid);
    store.acquire(sid, 2 ** 22 + 12345); // no such pid
    store.acquire(sid);
    store.release(sid);
    store.close();
  });

  test('ruleset hash ignores order and changes with a severity', () => {
    const a = { id: 'A', severity: 'low' as const, confidence: 'high' as const, lifecycle: 'stable' as const };
    const b = { id: 'B', severity: 'low' as const, confidence: 'high' as const, lifecycle: 'stable' as const };
    assert.equal(rulesetHash([a, b]), rulesetHash([b, a]));
    assert.notEqual(rulesetHash([a, b]), rulesetHash([a, { ...b, severity: 'high' }]));
  });
});
