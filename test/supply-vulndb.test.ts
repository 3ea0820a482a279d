import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { cachedVulnDb, detectLayout, openVulnDb, VulnDbError } from '../src/supply/vulndb.js';
import { isValidVersion } from '../src/supply/go-version-order.js';
import { fixture, projectRoot } from './helpers/paths.js';

const FIXTURE_DB = fixture('vulndb', 'osv');
export const SHARED_DB = path.resolve(projectRoot, '..', 'shared', 'vulndb', 'osv');
const sharedSkip = fs.existsSync(SHARED_DB) ? false : `shared vulnerability database not found at ${SHARED_DB} (real-data test skipped)`;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'goready-vulndb-'));
}

describe('vulndb: flat OSV directory', () => {
  test('loads the fixture entries and indexes them by module', () => {
    const db = openVulnDb(FIXTURE_DB);
    assert.equal(db.info.layout, 'osv-dir');
    assert.equal(db.info.entries, 8);
    assert.deepEqual(db.errors, []);
    assert.equal(db.info.newestId, 'GO-2099-0008');
    assert.equal(db.info.modified, '2099-01-05T00:00:00Z'); // the newest modified date; zero dates (0001-01-01) are ignored
    // the withdrawn GO-2099-0006 is not returned
    assert.deepEqual(db.entriesFor('example.com/websocket').map((e) => e.id).sort(), ['GO-2099-0001', 'GO-2099-0008']);
    assert.deepEqual(db.entriesFor('stdlib').map((e) => e.id), ['GO-2099-0004']);
    assert.deepEqual(db.entriesFor('example.com/none'), []);
    assert.ok([...db.modules()].includes('toolchain'));
  });

  test('broken entries are skipped with a reason; the rest loads', () => {
    const dir = tmp();
    try {
      fs.copyFileSync(path.join(FIXTURE_DB, 'GO-2099-0001.json'), path.join(dir, 'GO-2099-0001.json'));
      fs.writeFileSync(path.join(dir, 'GO-2099-0100.json'), '{"id": "GO-2099-0100", ');
      fs.writeFileSync(path.join(dir, 'GO-2099-0101.json'), '{"id": "GO-2099-0101"}');
      fs.writeFileSync(path.join(dir, 'GO-2099-0102.json'), '[1,2]');
      fs.writeFileSync(path.join(dir, 'GO-2099-0103.json'), JSON.stringify({ id: 'GO-2099-0103', affected: [{ package: { name: 'x' }, ranges: [{ type: 'SEMVER', events: [] }], ecosystem_specific: { imports: [{ path: 'x', symbols: 'F' }] } }] }));
      fs.writeFileSync(path.join(dir, 'README.md'), 'not an entry');
      fs.writeFileSync(path.join(dir, 'GO-2099-0002.json.gz'), zlib.gzipSync(fs.readFileSync(path.join(FIXTURE_DB, 'GO-2099-0002.json'))));
      const db = openVulnDb(dir);
      assert.equal(db.info.entries, 2);
      assert.equal(db.errors.length, 4);
      assert.match(db.errors.join('\n'), /GO-2099-0100\.json: invalid JSON/);
      assert.match(db.errors.join('\n'), /GO-2099-0101\.json: no affected list/);
      assert.match(db.errors.join('\n'), /GO-2099-0102\.json: no id/);
      assert.match(db.errors.join('\n'), /GO-2099-0103\.json: .*symbols is not a list/);
      assert.equal(db.entriesFor('example.com/net')[0]?.id, 'GO-2099-0002'); // read from .json.gz
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing directory or one without entries is an error (VulnDbError), never a silent empty database', () => {
    assert.throws(() => openVulnDb('/nonexistent/goready-db'), VulnDbError);
    const dir = tmp();
    try {
      assert.equal(detectLayout(dir), undefined);
      assert.throws(() => openVulnDb(dir), /neither GO-\*\.json entries nor index\/modules\.json/);
      assert.match(cachedVulnDb(dir).error ?? '', /neither/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vulndb: vuln.go.dev v1 layout', () => {
  function makeV1(gz: boolean): string {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'index'));
    fs.mkdirSync(path.join(dir, 'ID'));
    const entries = fs.readdirSync(FIXTURE_DB).map((n) => JSON.parse(fs.readFileSync(path.join(FIXTURE_DB, n), 'utf8')) as { id: string; affected: { package: { name: string } }[] });
    const mods = new Map<string, { id: string; modified: string }[]>();
    for (const e of entries) {
      for (const a of e.affected) {
        const list = mods.get(a.package.name) ?? [];
        list.push({ id: e.id, modified: '2099-01-02T00:00:00Z' });
        mods.set(a.package.name, list);
      }
      const text = JSON.stringify(e);
      if (gz) fs.writeFileSync(path.join(dir, 'ID', `${e.id}.json.gz`), zlib.gzipSync(text));
      else fs.writeFileSync(path.join(dir, 'ID', `${e.id}.json`), text);
    }
    mods.set('example.com/dangling', [{ id: 'GO-2099-0999', modified: '2099-01-02T00:00:00Z' }]);
    const modules = JSON.stringify([...mods].map(([p, vulns]) => ({ path: p, vulns })));
    const db = JSON.stringify({ modified: '2099-03-04T05:06:07Z' });
    if (gz) {
      fs.writeFileSync(path.join(dir, 'index', 'modules.json.gz'), zlib.gzipSync(modules));
      fs.writeFileSync(path.join(dir, 'index', 'db.json.gz'), zlib.gzipSync(db));
    } else {
      fs.writeFileSync(path.join(dir, 'index', 'modules.json'), modules);
      fs.writeFileSync(path.join(dir, 'index', 'db.json'), db);
    }
    return dir;
  }

  for (const gz of [false, true]) {
    test(`reads index/db.json, index/modules.json and ID/<id>.json lazily (${gz ? 'gzipped' : 'plain'})`, () => {
      const dir = makeV1(gz);
      try {
        const db = openVulnDb(dir);
        assert.equal(db.info.layout, 'v1');
        assert.equal(db.info.modified, '2099-03-04T05:06:07Z');
        assert.equal(db.info.entries, 9); // ids listed in the index, the dangling one included
        assert.deepEqual(db.entriesFor('example.com/websocket').map((e) => e.id).sort(), ['GO-2099-0001', 'GO-2099-0008']);
        assert.deepEqual(db.entriesFor('example.com/x/crypto').map((e) => e.id), ['GO-2099-0007']);
        assert.deepEqual(db.errors, []);
        // an id listed in the index whose file is missing is reported, not fatal
        assert.deepEqual(db.entriesFor('example.com/dangling'), []);
        assert.match(db.errors.join('\n'), /ID\/GO-2099-0999\.json: listed in index\/modules\.json but missing/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('a broken modules index is reported', () => {
    const dir = tmp();
    try {
      fs.mkdirSync(path.join(dir, 'index'));
      fs.writeFileSync(path.join(dir, 'index', 'modules.json'), '{not json');
      const db = openVulnDb(dir);
      assert.match(db.errors.join('\n'), /index\/modules\.json: invalid JSON/);
      assert.deepEqual(db.entriesFor('stdlib'), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vulndb: the real Go vulnerability database (shared snapshot)', () => {
  test('every entry loads and every range event is a valid version', { skip: sharedSkip }, () => {
    const t0 = performance.now();
    const db = openVulnDb(SHARED_DB);
    const ms = performance.now() - t0;
    assert.deepEqual(db.errors, []);
    assert.ok(db.info.entries >= 4000, `expected the full database, got ${db.info.entries}`);
    let events = 0;
    for (const m of db.modules()) {
      for (const e of db.entriesFor(m)) {
        for (const a of e.affected) {
          if (a.package.name !== m) continue;
          for (const r of a.ranges) {
            assert.equal(r.type, 'SEMVER', `${e.id}`);
            for (const ev of r.events) {
              for (const v of Object.values(ev) as string[]) {
                events++;
                assert.ok(v === '0' || isValidVersion(v), `${e.id}: ${v}`);
              }
            }
          }
        }
      }
    }
    assert.ok(events > 10000);
    assert.ok(db.entriesFor('golang.org/x/net').length >= 20);
    assert.ok(ms < 10000, `loading took ${ms.toFixed(0)} ms`);
  });
});
