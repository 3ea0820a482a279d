/**
 * The HistoryStore contract, run against both engines: SQLite (a temp file) and PostgreSQL (a
 * throwaway cluster, one database per test). The same assertions, so the two cannot drift apart;
 * listings are also compared between the engines row by row.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { writeSyntheticFleet } from '../scripts/synthetic-fleet.js';
import { openHistoryStore } from '../src/store/open-store.js';
import { latestSchemaVersion } from '../src/store/migrations.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import type { FindingPageQuery, HistoryStore } from '../src/store/types.js';
import { fakeRecord } from './helpers/fake-record.js';
import { goready } from './helpers/cli.js';
import { PgCluster, pgSkipReason } from './helpers/pg-cluster.js';

const skip = pgSkipReason();
let cluster: PgCluster | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-contract-'));
let n = 0;

const ENGINES: { name: 'sqlite' | 'postgres'; target: () => Promise<string>; skip?: string }[] = [
  { name: 'sqlite', target: async () => path.join(tmp, `c${++n}.db`) },
  { name: 'postgres', target: () => cluster!.createDatabase('contract'), skip },
];

const survey = (entries: string[], hash = 'h') => ({
  name: 's', source: '/list', sourceHash: hash, optionsHash: 'o', options: { x: 1 }, toolVersion: '0.1.0',
  entries: entries.map((e) => ({ location: `/r/${e}`, kind: 'path' as const, name: e })),
});

async function walk(store: HistoryStore, q: Omit<FindingPageQuery, 'limit'>, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let after: FindingPageQuery['after'];
  for (let i = 0; i < 1000; i++) {
    const page = await store.findingsPage({ ...q, limit, after });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('pagination does not end');
}

before(async () => {
  if (!skip) cluster = await PgCluster.start();
});
after(() => {
  cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

for (const engine of ENGINES) {
  describe(`history store contract: ${engine.name}`, { skip: engine.skip }, () => {
    const open = async () => openHistoryStore(await engine.target());

    test('survey, entries, one-transaction audits, no second record of an entry, failures, completion', async () => {
      const store = await open();
      try {
        assert.equal(store.engine, engine.name);
        const sid = await store.createSurvey(survey(['a', 'b', 'c']));
        const [ea, eb, ec] = await store.entries(sid);
        assert.deepEqual([ea!.name, eb!.name, ec!.name], ['a', 'b', 'c']);
        assert.equal(ea!.status, 'pending');
        assert.equal((await store.entry(sid, eb!.repoId))!.name, 'b');
        const r1 = await store.recordAudit(sid, ea!.repoId, fakeRecord('c1', [{}, {}, { suppressed: true }]));
        assert.equal(r1.duplicate, false);
        const r2 = await store.recordAudit(sid, ea!.repoId, fakeRecord('c1', [{}]));
        assert.deepEqual(r2, { auditId: r1.auditId, duplicate: true });
        const a = (await store.audit(r1.auditId))!;
        assert.equal(a.findingsActive, 2);
        assert.equal(a.findingsTotal, 3);
        assert.equal(a.commit, 'c1');
        assert.equal(a.repoName, 'a');
        assert.equal((await store.auditFindings(r1.auditId)).length, 3);
        assert.equal((await store.unfinishedEntries(sid)).length, 2);
        assert.equal(await store.finishIfComplete(sid), false);
        await store.recordAttempt(sid, eb!.repoId, 'first try failed');
        let b = (await store.entry(sid, eb!.repoId))!;
        assert.deepEqual([b.status, b.attempts, b.error], ['pending', 1, 'first try failed']);
        await store.recordAttempt(sid, ec!.repoId, 'cannot reach postgres://audit:s3cret@db.internal/fleet');
        assert.doesNotMatch((await store.entry(sid, ec!.repoId))!.error ?? '', /s3cret/, 'a stored error keeps no password, on either engine');
        await store.recordFailure(sid, eb!.repoId, 'boom');
        b = (await store.entry(sid, eb!.repoId))!;
        assert.deepEqual([b.status, b.attempts, b.error], ['failed', 2, 'boom']);
        await store.recordAudit(sid, ec!.repoId, fakeRecord('c2', []));
        assert.equal(await store.finishIfComplete(sid), true);
        const s = (await store.survey(sid))!;
        assert.deepEqual([s.total, s.done, s.failed, !!s.finishedAt], [3, 2, 1, true]);
        assert.deepEqual(s.options, { x: 1 });
        assert.equal(await store.findResumable('/list', 'h'), undefined, 'a finished survey is not resumed');
        await store.reopen(sid);
        assert.equal((await store.findResumable('/list', 'h'))!.id, sid, 'reopened for its failed entry');
        assert.deepEqual((await store.listSurveys()).map((x) => x.id), [sid]);
      } finally {
        await store.close();
      }
    });

    test('racing writers of one entry: exactly one audit is recorded', async () => {
      const target = await engine.target();
      const store = await openHistoryStore(target);
      const other = await openHistoryStore(target);
      try {
        const sid = await store.createSurvey(survey(['a']));
        const [e] = await store.entries(sid);
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).recordAudit(sid, e!.repoId, fakeRecord('c1', [{}, {}]))));
        assert.equal(results.filter((r) => !r.duplicate).length, 1);
        assert.equal(new Set(results.map((r) => r.auditId)).size, 1);
        assert.equal((await store.repoHistory(e!.repoId)).length, 1, 'one audit row');
      } finally {
        await other.close();
        await store.close();
      }
    });

    test('coordinators racing to open the same list share one survey; failed entries retried in their next round', async () => {
      const target = await engine.target();
      const stores = await Promise.all([0, 1, 2].map(() => openHistoryStore(target)));
      try {
        const opened = await Promise.all(stores.flatMap((s) => [s.findOrCreateSurvey(survey(['a', 'b'], 'same')), s.findOrCreateSurvey(survey(['a', 'b'], 'same'))]));
        assert.equal(new Set(opened.map((o) => o.id)).size, 1, 'one survey');
        assert.equal(opened.filter((o) => o.created).length, 1, 'created once');
        const store = stores[0]!;
        const sid = opened[0]!.id;
        assert.equal((await store.listSurveys()).length, 1);
        const [ea, eb] = await store.entries(sid);
        assert.equal(ea!.round, 0);
        await store.recordFailure(sid, ea!.repoId, 'boom');
        await store.recordAudit(sid, eb!.repoId, fakeRecord('c1', []));
        assert.equal(await store.finishIfComplete(sid), true);
        // a finished survey is not reopened by the next run of the same list: a new one starts
        const next = await store.findOrCreateSurvey(survey(['a', 'b'], 'same'));
        assert.deepEqual([next.created, next.id !== sid], [true, true]);
        await store.reopen(sid);
        assert.equal(await store.requeueFailed(sid), 1);
        const a = (await store.entry(sid, ea!.repoId))!;
        assert.deepEqual([a.status, a.round], ['pending', 1]);
        assert.equal((await store.entry(sid, eb!.repoId))!.round, 0, 'done entries keep their round');
        assert.equal(await store.requeueFailed(sid), 0);
      } finally {
        for (const s of stores) await s.close();
      }
    });

    test('reuse of an unchanged clean commit; linking; leases', async () => {
      const store = await open();
      try {
        const s1 = await store.createSurvey(survey(['a'], 'h1'));
        const repoId = (await store.entries(s1))[0]!.repoId;
        const { auditId } = await store.recordAudit(s1, repoId, fakeRecord('c1', [{}]));
        assert.deepEqual(await store.reusableCommits(repoId, '0.1.0', 'o'), ['c1']);
        assert.deepEqual(await store.reusableCommits(repoId, '0.2.0', 'o'), []);
        const s2 = await store.createSurvey(survey(['a'], 'h2'));
        assert.equal(await store.recordReuse(s2, repoId, 'c1', '0.1.0', 'o'), auditId);
        assert.equal((await store.entries(s2))[0]!.reused, true);
        assert.equal(await store.recordReuse(await store.createSurvey(survey(['a'], 'h3')), repoId, 'c9', '0.1.0', 'o'), undefined);
        const s4 = await store.createSurvey(survey(['a'], 'h4'));
        await store.linkAudit(s4, repoId, auditId, true);
        assert.equal((await store.entries(s4))[0]!.auditId, auditId);
        const hist = await store.repoHistory(repoId);
        assert.deepEqual(hist[0]!.surveys.map((x) => x.id), [s1, s2, s4]);
        await store.acquire(s1, process.ppid);
        await assert.rejects(() => store.acquire(s1), /being run by process/);
        await store.release(s1, process.ppid);
        await store.acquire(s1);
        await store.release(s1);
      } finally {
        await store.close();
      }
    });

    test('listings: every filter pages to the brute-force answer; counts, rules, means agree', async () => {
      const target = await engine.target();
      await writeSyntheticFleet(target, { repos: 4, perRepo: 40, seed: 5 });
      const store = await openHistoryStore(target);
      try {
        const entries = await store.entries(1);
        const auditIds = entries.map((e) => e.auditId!);
        const all = (await Promise.all(auditIds.map((a) => store.auditFindings(a)))).flat();
        assert.equal(all.length, 160);
        const rank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
        const order = (xs: typeof all) => [...xs].sort((x, y) => rank[x.severity]! - rank[y.severity]! || x.auditId - y.auditId
          || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0) || x.line - y.line || x.id - y.id).map((f) => f.id);
        const someRule = all[7]!.ruleId;
        const word = all[3]!.message.split(' ')[1]!;
        const queries: Omit<FindingPageQuery, 'limit'>[] = [
          { auditIds }, { auditIds, includeSuppressed: true }, { auditIds: [auditIds[1]!] }, { auditIds, severity: 'high' },
          { auditIds, dimension: all[0]!.dimension }, { auditIds, ruleId: someRule }, { auditIds, text: word }, { auditIds, text: word.slice(0, 2).toUpperCase() },
          { auditIds, text: '%_' },
        ];
        for (const q of queries) {
          const want = order(all.filter((f) => (q.includeSuppressed || !f.suppressed) && q.auditIds.includes(f.auditId)
            && (!q.severity || f.severity === q.severity) && (!q.dimension || f.dimension === q.dimension) && (!q.ruleId || f.ruleId === q.ruleId)
            && (!q.text || `${f.file}\n${f.message}`.toLowerCase().split('\n').some((t) => t.includes(q.text!.toLowerCase())))));
          assert.deepEqual(await walk(store, q, 13), want, JSON.stringify(q));
          assert.equal((await store.countFindings(q, 10_000)).n, want.length, `count ${JSON.stringify(q)}`);
        }
        const first = await store.findingsPage({ auditIds, limit: 5 });
        assert.deepEqual(await store.cursorOf(first.rows[4]!.id), first.next);
        assert.equal((await store.finding(first.rows[0]!.id))!.id, first.rows[0]!.id);
        const active = all.filter((f) => !f.suppressed);
        const counted = (await store.findingCounts(auditIds)).reduce((t, r) => t + r.n, 0);
        assert.equal(counted, active.length);
        const top = await store.topRules(auditIds, 1000);
        assert.equal(top.reduce((t, r) => t + r.findings, 0), active.length);
        assert.deepEqual((await store.rulesIn(auditIds)).map((r) => r.id), [...new Set(all.map((f) => f.ruleId))].sort());
        const byAudit = await store.ruleCountsByAudit(someRule, auditIds);
        assert.equal([...byAudit.values()].reduce((t, v) => t + v, 0), active.filter((f) => f.ruleId === someRule).length);
        const rules = await store.rules();
        assert.equal(rules.length, 60);
        assert.equal((await store.rule(rules[0]!.name))!.id, rules[0]!.id);
        assert.deepEqual(await store.ruleIdsFor(someRule), [someRule]);
        assert.deepEqual(await store.ruleIdsFor(all[7]!.ruleName), [someRule]);
        assert.deepEqual(await store.ruleIdsFor('no-such-rule'), ['no-such-rule']);
        const means = await store.surveyMeans();
        const audits = await store.audits(auditIds);
        const mean = Math.round((audits.reduce((t, a) => t + a.overall!, 0) / audits.length) * 10) / 10;
        assert.equal(means.get(1), mean);
        assert.equal((await store.surveysUpTo(1)).length, 1);
        const v1 = await store.dataVersion();
        assert.equal(await store.dataVersion(), v1, 'stable while nothing is written');
        // the dashboard's cache key: a commit by another connection (a survey still running) must change it
        const writer = await openHistoryStore(target);
        try {
          await writer.createSurvey(survey(['z'], 'later'));
        } finally {
          await writer.close();
        }
        assert.notEqual(await store.dataVersion(), v1, 'changes after another connection commits');
      } finally {
        await store.close();
      }
    });
  });
}

/** Everything a report reads, engine-neutral, for comparing two databases. */
async function snapshot(store: HistoryStore): Promise<unknown> {
  const surveys = await store.listSurveys();
  const out: unknown[] = [];
  for (const s of surveys) {
    const entries = await store.entries(s.id);
    const auditIds = entries.flatMap((e) => (e.auditId === null ? [] : [e.auditId]));
    out.push({
      survey: { ...s, runnerSeen: undefined }, entries,
      audits: await store.audits(auditIds),
      findings: await Promise.all(auditIds.map((a) => store.auditFindings(a))),
      counts: await store.findingCounts(auditIds),
      page: (await store.findingsPage({ auditIds, limit: 50, text: 'ticker' })).rows,
    });
  }
  return { out, rules: await store.rules(), means: [...(await store.surveyMeans())] };
}

describe('db copy: SQLite → PostgreSQL → SQLite keeps every survey, audit, finding and id', { skip }, () => {
  test('round trip through the CLI; a target with history is refused; new ids continue after the copied ones', async () => {
    const src = path.join(tmp, 'copy-src.db');
    await writeSyntheticFleet(src, { repos: 5, perRepo: 30, seed: 9 });
    const url = await cluster!.createDatabase('copy');
    const back = path.join(tmp, 'copy-back.db');
    const r1 = goready(['db', 'copy', '--from', src, '--to', url]);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, /copied .* → postgres:\/\/goready:\*\*\*@/);
    assert.ok(!`${r1.stdout}${r1.stderr}`.includes(cluster!.password));
    const r2 = goready(['db', 'copy', url, back]);
    assert.equal(r2.code, 0, r2.stderr);
    const again = goready(['db', 'copy', src, url]);
    assert.equal(again.code, 2, 'refused');
    assert.match(again.stderr, /already holds history/);
    const [a, b, c] = [await openHistoryStore(src), await openHistoryStore(url), await openHistoryStore(back)];
    try {
      const want = await snapshot(a);
      assert.deepEqual(await snapshot(b), want, 'PostgreSQL copy reads as the original');
      assert.deepEqual(await snapshot(c), want, 'and back to SQLite');
      const before = (await b.listSurveys()).map((s) => s.id);
      const sid = await b.createSurvey(survey(['new-one'], 'after-copy'));
      assert.ok(sid > Math.max(...before), 'the identity continues after the copied ids');
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe('PostgreSQL specifics', { skip }, () => {
  test('a database from a newer goready, or with foreign tables, is refused and left untouched', async () => {
    const url = await cluster!.createDatabase('newer');
    (await openHistoryStore(url)).close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [latestSchemaVersion() + 1, 'future', 'now']);
    await assert.rejects(() => openHistoryStore(url), /newer than this goready knows/);
    const foreign = await cluster!.createDatabase('foreign');
    await c.end();
    const f = new pg.Client({ connectionString: foreign });
    await f.connect();
    await f.query('CREATE TABLE surveys (x int)');
    await assert.rejects(() => openHistoryStore(foreign), /no goready schema; it was left untouched/);
    assert.deepEqual((await f.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((r) => r.table_name), ['surveys']);
    await f.end();
  });

  test('many processes migrating at once: one applies each migration', async () => {
    const url = await cluster!.createDatabase('race');
    const stores = await Promise.all(Array.from({ length: 5 }, () => openHistoryStore(url)));
    await Promise.all(stores.map((s) => s.close()));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    assert.deepEqual((await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    await c.end();
  });

  test('the password never shows: store label, connection errors', async () => {
    const url = await cluster!.createDatabase('pw');
    const store = await openHistoryStore(url);
    assert.ok(!store.label.includes(cluster!.password) && store.label.includes(':***@'), store.label);
    await store.close();
    const wrong = url.replace(cluster!.password, 'not-the-password-123');
    const err = await openHistoryStore(wrong, { retryMs: 0 }).then(() => undefined, (e: Error) => e);
    assert.ok(err, 'a wrong password fails');
    assert.ok(!err!.message.includes('not-the-password-123'), err!.message);
    const down = `postgres://u:secret-pw-9@127.0.0.1:1/db`;
    const err2 = await openHistoryStore(down, { retryMs: 0 }).then(() => undefined, (e: Error) => e);
    assert.ok(err2 && !err2.message.includes('secret-pw-9') && err2.message.includes(':***@'), err2?.message);
  });
});
