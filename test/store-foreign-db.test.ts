/**
 * `--db` naming something that is not a goready database: refused with exit 2 and one clear line,
 * and the file is never modified (checked on a read-only handle before any migration runs).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb, StoreError } from '../src/store/db.js';
import { latestSchemaVersion } from '../src/store/migrations.js';
import { MIGRATIONS, migrationSql } from '../src/store/migrations.js';
import { cli } from './helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'goready-foreign-'));
const digest = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** Each case: a file to create, and what the refusal must say. */
const CASES: { name: string; make: (file: string) => void; says: RegExp }[] = [
  { name: 'a text file', make: (f) => fs.writeFileSync(f, 'hello, not a database\n'), says: /not a goready database \(not a SQLite file\)/ },
  { name: 'random bytes longer than a SQLite header', make: (f) => fs.writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))), says: /not a SQLite file/ },
  { name: 'a SQLite header followed by garbage', make: (f) => fs.writeFileSync(f, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200, 0xff)])), says: /not a readable SQLite database|not a goready/ },
  {
    name: 'a SQLite database of another application',
    make: (f) => { const d = new Database(f); d.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')"); d.close(); },
    says: /SQLite database but not a goready one \(no goready schema\)/,
  },
  {
    name: 'another application with its own schema_migrations and a findings table',
    make: (f) => { const d = new Database(f); d.exec("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101000000'); CREATE TABLE findings (x); CREATE TABLE surveys (x); CREATE TABLE repos (x); CREATE TABLE audits (x)"); d.close(); },
    says: /not a goready one/,
  },
  {
    name: 'a goready database from a newer goready',
    make: (f) => { openDb(f).close(); const d = new Database(f); d.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestSchemaVersion() + 1, 'future', 'now'); d.pragma('wal_checkpoint(TRUNCATE)'); d.pragma('journal_mode = DELETE'); d.close(); },
    says: /schema version \d+, newer than this goready knows \(\d+\): upgrade goready/,
  },
];

describe('a --db that is not a goready database', () => {
  for (const c of CASES) {
    test(`${c.name}: refused (read-only and writable opens), file unchanged`, async () => {
      const file = path.join(tmp(), 'x.db');
      c.make(file);
      const before = digest(file);
      assert.throws(() => openDb(file, { readonly: true }), (e: unknown) => e instanceof StoreError && c.says.test((e as Error).message));
      assert.throws(() => openDb(file), (e: unknown) => e instanceof StoreError && c.says.test((e as Error).message));
      assert.equal(digest(file), before, 'the file is never written to');
    });
  }

  test('report, serve, diff and survey exit 2 with one line naming the file; nothing is written', async () => {
    const dir = tmp();
    const list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, `${dir}\n`);
    // every command on one kind of file, the other kinds through `report` (each run is a process: keep them few)
    const runs: [typeof CASES[number], string[][]][] = [
      [CASES[0]!, [['report', '--list'], ['serve', '--port', '0'], ['diff', '1', '2'], ['survey', list, '-q']]],
      [CASES[3]!, [['report']]],
      [CASES[5]!, [['serve', '--port', '0']]],
    ];
    for (const [c, commands] of runs) {
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.db`);
      c.make(file);
      const before = digest(file);
      for (const args of commands) {
        const r = await cli([...args, '--db', file]);
        assert.equal(r.code, 2, `${c.name} / ${args[0]}: ${r.stderr}`);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, `${args[0]}: one line, got ${r.stderr}`);
        assert.match(lines[0]!, /^goready: /);
        assert.ok(lines[0]!.includes(path.resolve(file)), 'names the file');
        assert.match(lines[0]!, c.says);
        assert.doesNotMatch(r.stderr, /internal error|at \w+ \(/, 'no stack trace');
        assert.equal(digest(file), before, `${args[0]} did not modify the file`);
      }
    }
    const d = path.join(dir, 'adir.db');
    fs.mkdirSync(d);
    const r = await cli(['report', '--db', d]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /not a database file \(it is a directory\)/);
  });

  test('an empty file and an older goready schema are still opened (and brought up to date)', async () => {
    const empty = path.join(tmp(), 'empty.db');
    fs.writeFileSync(empty, '');
    const old = path.join(tmp(), 'v1.db');
    const raw = new Database(old);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    raw.exec(migrationSql(MIGRATIONS[0]!, 'sqlite'));
    raw.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(MIGRATIONS[0]!.name, 'then');
    raw.close();
    for (const file of [empty, old]) {
      const db = openDb(file, { readonly: true });
      assert.equal((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v, latestSchemaVersion(), file);
      db.close();
    }
  });
});
