/** Connection strings are shown only through redactSecrets: no password survives it, the rest stays readable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPostgresUrl, redactSecrets } from '../src/store/db-url.js';

test('redactSecrets hides URL passwords, keeps user, host, port and database', () => {
  const cases: [string, string][] = [
    ['postgres://alice:s3cret@db.example:5432/goready', 'postgres://alice:***@db.example:5432/goready'],
    ['postgresql://alice:s3cret@db/goready?sslmode=require', 'postgresql://alice:***@db/goready?sslmode=require'],
    ['postgres://alice:p%40ss%2Fw@db/g', 'postgres://alice:***@db/g'],
    // unencoded @ and / in a password (not a valid URL, but people type them): hidden whole
    ['postgres://alice:p@ss/w@db/g', 'postgres://alice:***@db/g'],
    ['postgres://:onlypw@db/g', 'postgres://:***@db/g'],
    ['connect to postgres://a:x@h1/d failed; retrying postgres://b:y@h2/d', 'connect to postgres://a:***@h1/d failed; retrying postgres://b:***@h2/d'],
    ["error: 'postgres://a:x@h/d': timeout", "error: 'postgres://a:***@h/d': timeout"],
    ['host=db user=alice password=s3cret dbname=g', 'host=db user=alice password=*** dbname=g'],
    ["host=db password='two words' dbname=g", 'host=db password=*** dbname=g'],
    ['postgres://alice@db/g?password=s3cret&sslmode=disable', 'postgres://alice@db/g?password=***&sslmode=disable'],
    ['PGPASSWORD: s3cret', 'PGPASSWORD: ***'],
  ];
  for (const [input, want] of cases) assert.equal(redactSecrets(input), want, input);
});

test('redactSecrets leaves text without secrets alone', () => {
  for (const s of ['postgres://alice@db:5432/goready', '/home/a/goready.db', 'password authentication failed for user "alice"', 'https://example.com/x', '']) {
    assert.equal(redactSecrets(s), s);
  }
});

test('isPostgresUrl tells URLs from SQLite paths', () => {
  assert.ok(isPostgresUrl('postgres://h/db'));
  assert.ok(isPostgresUrl(' POSTGRESQL://h/db'));
  assert.ok(!isPostgresUrl('postgres.db'));
  assert.ok(!isPostgresUrl('./postgres://x'));
});
