/** The history store: migrations, WAL, one-transaction audit writes, reuse of unchanged commits, leases. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb, StoreError } from '../src/store/db.js';
import { latestSchemaVersion } from '../src/store/migrations.js';
import { cacheDir, defaultDbPath } from '../src/store/paths.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { SqliteStore } from '../src/store/store.js';
import { rulesetHash } from '../src/store/record.js';
import { fakeRecord } from './helpers/fake-record.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'goready-store-'));


describe('store', async () => {
  test('a new database gets every migration, WAL mode and foreign keys; reopening changes nothing', async () => {
    const file = path.join(tmp(), 'sub', 'g.db');
    let created = '';
    const db = openDb(file, { onCreate: async (f) => { created = f; } });
    assert.equal(created, path.resolve(file), 'creation is reported once');
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['surveys', 'repos', 'audits', 'findings', 'survey_repos', 'rules', 'schema_migrations']) assert.ok(tables.includes(t), t);
    db.close();
    let again = false;
    const db2 = openDb(file, { onCreate: async () => { again = true; } });
    assert.equal(again, false);
    assert.equal((db2.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
    db2.close();
  });

  test('a database from a newer goready is refused, not misread', async () => {
    const file = path.join(tmp(), 'g.db');
    openDb(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestSchemaVersion() + 1, 'future', 'now');
    raw.close();
    assert.throws(() => openDb(file), /newer than this goready knows/);
    assert.throws(() => openDb(file, { readonly: true }), StoreError);
  });

  test('read-only open of a missing database is a clear error', async () => {
    assert.throws(() => SqliteStore.open(path.join(tmp(), 'none.db'), { readonly: true }), /no database at .*goready survey/);
  });

  test('default locations follow XDG_DATA_HOME / XDG_CACHE_HOME, else ~/.local/share and ~/.cache', async () => {
    assert.equal(defaultDbPath({ XDG_DATA_HOME: '/x/data' }), '/x/data/goready/goready.db');
    assert.equal(defaultDbPath({}), path.join(os.homedir(), '.local', 'share', 'goready', 'goready.db'));
    assert.equal(defaultDbPath({ XDG_DATA_HOME: 'relative' }), path.join(os.homedir(), '.local', 'share', 'goready', 'goready.db'), 'relative XDG paths are ignored (spec)');
    assert.equal(cacheDir({ XDG_CACHE_HOME: '/c' }), '/c/goready/repos');
  });

  test('an audit and its findings land in one transaction; a second result for the same entry is not recorded', async () => {
    const store = SqliteStore.open(path.join(tmp(), 'g.db'));
    const sid = await store.createSurvey({ name: 's', source: '/l', sourceHash: 'h', optionsHash: 'o', options: {}, toolVersion: '0.1.0', entries: [
      { location: '/r/a', kind: 'path', name: 'a' }, { location: '/r/b', kind: 'path', name: 'b' },
    ] });
    const [ea, eb] = await store.entries(sid);
    assert.equal(ea!.status, 'pending');
    const r1 = await store.recordAudit(sid, ea!.repoId, fakeRecord('c1', [{}, {}, { suppressed: true }]));
    assert.equal(r1.duplicate, false);
    const r2 = await store.recordAudit(sid, ea!.repoId, fakeRecord('c1', [{}]));
    assert.equal(r2.duplicate, true);
    assert.equal(r2.auditId, r1.auditId);
    assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM audits').get() as { n: number }).n, 1, 'no second audit row');
    assert.equal((await store.audit(r1.auditId))!.findingsActive, 2);
    assert.equal((await store.unfinishedEntries(sid)).length, 1);
    assert.equal(await store.finishIfComplete(sid), false);
    // a failing write rolls back the whole audit: the entry stays pending and no rows remain
    const bad = fakeRecord('c2', [{}]);
    (bad.findings[0] as { line: unknown }).line = null; // NOT NULL constraint
    await assert.rejects(async () => await store.recordAudit(sid, eb!.repoId, bad));
    assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM audits').get() as { n: number }).n, 1);
    assert.equal((await store.entries(sid))[1]!.status, 'pending');
    await store.recordFailure(sid, eb!.repoId, 'boom');
    assert.equal((await store.entries(sid))[1]!.status, 'failed');
    assert.equal(await store.finishIfComplete(sid), true, 'done + failed = finished');
    assert.ok((await store.survey(sid))!.finishedAt);
    await store.close();
  });

  test('an unchanged clean commit reuses the earlier audit; dirty trees and other options do not', async () => {
    const store = SqliteStore.open(path.join(tmp(), 'g.db'));
    const mk = async () => await store.createSurvey({ name: 's', source: '/l', sourceHash: String(Math.random()), optionsHash: 'o', options: {}, toolVersion: '0.1.0', entries: [{ location: '/r/a', kind: 'path', name: 'a' }] });
    const s1 = await mk();
    const repoId = (await store.entries(s1))[0]!.repoId;
    const { auditId } = await store.recordAudit(s1, repoId, fakeRecord('c1', [{}]));
    const dirty = fakeRecord('c9');
    dirty.checkout.dirty = true;
    await store.recordAudit(await mk(), repoId, dirty);
    assert.deepEqual(await store.reusableCommits(repoId, '0.1.0', 'o'), ['c1']);
    assert.deepEqual(await store.reusableCommits(repoId, '0.2.0', 'o'), []);
    assert.deepEqual(await store.reusableCommits(repoId, '0.1.0', 'other'), []);
    const s3 = await mk();
    assert.equal(await store.recordReuse(s3, repoId, 'c1', '0.1.0', 'o'), auditId);
    assert.equal((await store.entries(s3))[0]!.reused, true);
    assert.equal(await store.recordReuse(await mk(), repoId, 'c9', '0.1.0', 'o'), undefined, 'dirty audits are never reused');
    await store.close();
  });

  test('a survey lease held by a live process is refused; one left by a dead process is taken over', async () => {
    const store = SqliteStore.open(path.join(tmp(), 'g.db'));
    const sid = await store.createSurvey({ name: 's', source: '/l', sourceHash: 'h', optionsHash: 'o', options: {}, toolVersion: '0.1.0', entries: [{ location: '/r/a', kind: 'path', name: 'a' }] });
    await store.acquire(sid, process.ppid);
    await assert.rejects(async () => await store.acquire(sid), /being run by process/);
    await store.release(sid, process.ppid);
    await store.acquire(sid, 2 ** 22 + 12345); // no such pid
    await store.acquire(sid);
    await store.release(sid);
    await store.close();
  });

  test('ruleset hash ignores order and changes with a severity', () => {
    const a = { id: 'A', severity: 'low' as const, confidence: 'high' as const, lifecycle: 'stable' as const };
    const b = { id: 'B', severity: 'low' as const, confidence: 'high' as const, lifecycle: 'stable' as const };
    assert.equal(rulesetHash([a, b]), rulesetHash([b, a]));
    assert.notEqual(rulesetHash([a, b]), rulesetHash([a, { ...b, severity: 'high' }]));
  });
});
