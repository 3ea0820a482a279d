/**
 * Distributed surveys on a real PostgreSQL server (a throwaway cluster) with real processes:
 * coordinators (`goready survey --db postgres://…`) and workers (`goready worker`) are spawned
 * as a user would run them; workers are killed (SIGKILL), stopped (SIGTERM), the server is
 * restarted, and at the end every repository must be recorded exactly once with all its
 * findings. No timed assertions: every wait polls the database or the processes' output, with
 * generous limits for a loaded machine.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { goready, withFixtureRules } from './helpers/cli.js';
import { goRepo, leaks } from './helpers/fleet.js';
import { projectRoot } from './helpers/paths.js';
import { PgCluster, pgSkipReason } from './helpers/pg-cluster.js';

const skip = pgSkipReason();
let cluster: PgCluster | undefined;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-dist-'));
const LONG = 15 * 60_000;

before(async () => {
  if (!skip) cluster = await PgCluster.start();
});
after(() => {
  cluster?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

interface Proc { child: ChildProcess; out: () => string; err: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), ...withFixtureRules(args)], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, out: () => out, err: () => err, exit };
}

async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = LONG): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sql<T = Record<string, unknown>>(url: string, text: string, args: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, args)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Entries settled so far (0 while the schema is being created or the server restarts). */
async function settled(url: string): Promise<number> {
  try {
    return Number((await sql<{ n: string }>(url, "SELECT COUNT(*) AS n FROM survey_repos WHERE status <> 'pending'"))[0]!.n);
  } catch {
    return 0;
  }
}

/** Every audit complete and linked from exactly one entry; at most one audit per repository; returns the state. */
async function assertExactlyOnce(url: string): Promise<{ entries: { name: string; status: string; attempts: number; error: string | null; findings: number | null }[] }> {
  const audits = await sql<{ id: number; repo_id: number; findings_total: number; rows: string }>(url,
    'SELECT a.id, a.repo_id, a.findings_total, (SELECT COUNT(*) FROM findings f WHERE f.audit_id = a.id) AS rows FROM audits a');
  for (const a of audits) assert.equal(Number(a.rows), a.findings_total, `audit ${a.id} has all its findings`);
  const perRepo = new Map<number, number>();
  for (const a of audits) perRepo.set(a.repo_id, (perRepo.get(a.repo_id) ?? 0) + 1);
  assert.deepEqual([...perRepo.entries()].filter(([, n]) => n > 1), [], 'no repository audited twice');
  const entries = await sql<{ name: string; status: string; attempts: number; error: string | null; audit_id: number | null; findings: number | null }>(url,
    'SELECT e.name, e.status, e.attempts, e.error, e.audit_id, a.findings_active AS findings FROM survey_repos e LEFT JOIN audits a ON a.id = e.audit_id ORDER BY e.position');
  assert.deepEqual(entries.filter((e) => e.status === 'done').map((e) => e.audit_id).sort(), audits.map((a) => a.id).sort(), 'every audit linked by one done entry');
  return { entries };
}

/** `n` quick repositories (svcI with I+1 findings) and `slow` ones whose audit takes seconds; a list file. */
function fleet(name: string, n: number, slow = 0, poison = false): { list: string; expect: Map<string, number> } {
  const dir = path.join(root, name);
  const expect = new Map<string, number>();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    goRepo(path.join(dir, `svc${i}`), i + 1);
    lines.push(path.join(dir, `svc${i}`));
    expect.set(`svc${i}`, i + 1);
  }
  for (let i = 0; i < slow; i++) {
    // thousands of functions in forty packages: an audit long enough to be cut in the middle
    const extra: Record<string, string> = {};
    for (let p = 0; p < 40; p++) extra[`p${p}/f.go`] = leaks(150, `p${p}`);
    goRepo(path.join(dir, `slow${i}`), 1, extra);
    lines.push(path.join(dir, `slow${i}`));
    expect.set(`slow${i}`, 1 + 40 * 150);
  }
  if (poison) lines.push(`file://${path.join(dir, 'no-such-repo.git')} name=poison`);
  const list = path.join(dir, 'fleet.txt');
  fs.writeFileSync(list, `${lines.join('\n')}\n`);
  return { list, expect };
}

function assertFindings(entries: { name: string; status: string; findings: number | null }[], expect: Map<string, number>): void {
  for (const [name, n] of expect) {
    const e = entries.find((x) => x.name === name);
    assert.equal(e?.status, 'done', `${name} recorded`);
    assert.equal(e?.findings, n, `${name} has all its findings`);
  }
}

describe('distributed survey (PostgreSQL store and queue)', { skip }, () => {
  test('a working coordinator; a poison repository ends failed after --attempts without blocking the others; report, diff and serve read it; no password shown', async () => {
    const url = await cluster!.createDatabase('coord');
    const { list, expect } = fleet('coord', 3, 0, true);
    const r = goready(['survey', list, '--db', url, '--attempts', '2', '--jobs', '2', '--lease-seconds', '10']);
    assert.equal(r.code, 1, `exit 1: a repository failed\n${r.stderr}`);
    assert.match(r.stdout, /3\/4 audited, 1 failed/);
    assert.match(r.stdout, /poison\s+FAILED: /);
    const { entries } = await assertExactlyOnce(url);
    assertFindings(entries, expect);
    const poison = entries.find((e) => e.name === 'poison')!;
    assert.deepEqual([poison.status, poison.attempts], ['failed', 2]);
    assert.match(poison.error ?? '', /git/);

    const rep = goready(['report', '--db', url, '--format', 'json']);
    assert.equal(rep.code, 0, rep.stderr);
    const report = JSON.parse(rep.stdout);
    assert.equal(report.survey.total, 4);
    assert.equal(report.survey.failed, 1);
    const again = goready(['survey', list, '--db', url, '--new', '--attempts', '1', '-q']);
    assert.equal(again.code, 1, again.stderr);
    const d = goready(['diff', 's1', 's2', '--db', url, '--format', 'json']);
    assert.equal(d.code, 0, d.stderr);
    const serve = start(['serve', '--db', url, '--port', '0']);
    try {
      await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\//.test(serve.out()), 'the dashboard to listen');
      const base = /http:\/\/127\.0\.0\.1:\d+/.exec(serve.out())![0];
      for (const page of ['/', '/surveys/1', '/findings?survey=1', `/repos/${report.repos[0].repoId}`, `/findings/1`, `/rules`]) {
        const res = await fetch(base + page);
        const html = await res.text();
        assert.equal(res.status, 200, `${page}: ${html.slice(0, 300)}`);
        assert.ok(!html.includes(cluster!.password), `${page} hides the password`);
      }
      assert.match(serve.out(), /database postgres:\/\/goready:\*\*\*@/);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exit;
    }
    for (const out of [r.stdout, r.stderr, rep.stdout, again.stdout, again.stderr, d.stdout, serve.out(), serve.err()]) assert.ok(!out.includes(cluster!.password), 'the password never shows');
    assert.match(r.stdout, /--db postgres:\/\/goready:\*\*\*@127\.0\.0\.1/);
  });

  test('a refused connection string is reported without its password, by every command', async () => {
    const url = (await cluster!.createDatabase('pw')).replace(cluster!.password, 'Wrong-Secret-42');
    const list = fleet('pw', 1).list;
    for (const args of [['survey', list], ['worker'], ['report'], ['db', 'migrate']]) {
      const r = goready([...args, '--db', url]);
      assert.notEqual(r.code, 0, `${args[0]} fails`);
      assert.match(r.stderr, /password authentication failed/, r.stderr);
      assert.ok(!`${r.stdout}${r.stderr}`.includes('Wrong-Secret-42'), `${args.join(' ')} hides the password: ${r.stderr}`);
      assert.match(r.stderr, /goready:\*\*\*@127\.0\.0\.1/);
    }
  });

  test('--no-work --detach only enqueues; workers join later and finish; `worker --exit-when-idle` leaves when the queue is empty', async () => {
    const url = await cluster!.createDatabase('detach');
    const { list, expect } = fleet('detach', 4);
    const r = goready(['survey', list, '--db', url, '--no-work', '--detach']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /survey #1: 4 jobs enqueued/);
    assert.equal(await settled(url), 0, 'nothing audited by a --no-work coordinator');
    const twice = goready(['survey', list, '--db', url, '--no-work', '--detach']);
    assert.match(twice.stdout, /survey #1: /, 'the same list joins the unfinished survey');
    const workers = [start(['worker', '--db', url, '-c', '1', '--exit-when-idle']), start(['worker', '--db', url, '-c', '1', '--exit-when-idle'])];
    for (const w of workers) assert.deepEqual(await w.exit, { code: 0, signal: null }, w.err());
    const { entries } = await assertExactlyOnce(url);
    assertFindings(entries, expect);
    assert.ok(entries.every((e) => e.attempts === 1), 'each audited once although enqueued twice');
    assert.match(workers.map((w) => w.err()).join(''), /done svc0 \(survey #1\): audited/);
  });

  test('faults: a worker SIGKILLed mid-audit (its job retried after the lease), one stopped with SIGTERM (finishes its job), two coordinators on one survey', async () => {
    const url = await cluster!.createDatabase('faults');
    const { list, expect } = fleet('faults', 3, 3);
    const coordinators = [0, 1].map(() => start(['survey', list, '--db', url, '--no-work', '--lease-seconds', '10', '--attempts', '3']));
    await waitFor(async () => (await sql(url, "SELECT 1 FROM pgboss.job WHERE name = 'goready-audit'").catch(() => [])).length > 0, 'jobs enqueued');
    const victim = start(['worker', '--db', url, '-c', '1']);
    // SIGKILL while it audits a slow repository (the audit takes seconds; it is in the middle)
    let killed = '';
    await waitFor(() => { killed = /start (slow\d) /.exec(victim.err())?.[1] ?? ''; return !!killed; }, 'the victim to start a slow audit');
    victim.child.kill('SIGKILL');
    assert.equal((await victim.exit).signal, 'SIGKILL');
    const finishedBeforeKill = new RegExp(`done ${killed} `).test(victim.err());

    const polite = start(['worker', '--db', url, '-c', '1']);
    let taken = '';
    await waitFor(() => { taken = /start (\w+) \(survey/.exec(polite.err())?.[1] ?? ''; return !!taken; }, 'the second worker to start a job');
    polite.child.kill('SIGTERM');
    assert.deepEqual(await polite.exit, { code: 0, signal: null }, polite.err());
    assert.match(polite.err(), new RegExp(`SIGTERM: taking no new jobs[^]*done ${taken} \\(survey #1\\): audited`), 'SIGTERM let the running audit finish and record');
    assert.match(polite.err(), /stopped\n$/);

    const rest = [start(['worker', '--db', url, '-c', '1']), start(['worker', '--db', url, '-c', '1'])];
    for (const c of coordinators) assert.equal((await c.exit).code, 0, c.err());
    const ids = coordinators.map((c) => /survey #(\d+)/.exec(c.err())?.[1]);
    assert.deepEqual(ids, ['1', '1'], 'both coordinators followed the same survey');
    assert.equal((await sql(url, 'SELECT id FROM surveys')).length, 1);
    for (const w of rest) w.child.kill('SIGTERM');
    for (const w of rest) assert.equal((await w.exit).code, 0, w.err());

    const { entries } = await assertExactlyOnce(url);
    assertFindings(entries, expect);
    if (!finishedBeforeKill) {
      const logs = [polite, ...rest].map((w) => w.err()).join('');
      assert.match(logs, new RegExp(`start ${killed} \\(survey #1\\), attempt 2`), `the killed worker's job (${killed}) was retried after its lease`);
    }
  });

  test('PostgreSQL restarted mid-survey: workers and coordinator reconnect and finish, nothing recorded twice', async () => {
    const url = await cluster!.createDatabase('restart');
    const { list, expect } = fleet('restart', 6);
    const coordinator = start(['survey', list, '--db', url, '--jobs', '1', '--lease-seconds', '10']);
    const worker = start(['worker', '--db', url, '-c', '1']);
    await waitFor(async () => (await settled(url)) >= 1, 'the first repository recorded');
    await cluster!.restart(1000);
    assert.equal((await coordinator.exit).code, 0, coordinator.err());
    worker.child.kill('SIGTERM');
    assert.equal((await worker.exit).code, 0, worker.err());
    const { entries } = await assertExactlyOnce(url);
    assertFindings(entries, expect);
    assert.ok(!coordinator.err().includes(cluster!.password) && !worker.err().includes(cluster!.password), 'no password in the reconnect messages');
  });
});

test('distributed-only flags are refused for a SQLite database', () => {
  const r = goready(['survey', path.join(root, 'none.txt'), '--db', path.join(root, 'x.db'), '--no-work']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--no-work: only for a distributed survey/);
});
