/**
 * Resumable and loss-free, for real: a survey run in a child process is killed (SIGKILL, then
 * SIGINT) after its first repository is recorded; the same command run again finishes the survey,
 * with no repository audited twice and no partial audit visible. The interrupted run is a real process with its
 * audit processes; the rerun, which is about what the survey resumes and records, runs in this process with its audits
 * here too (SURVEY_IN_PROCESS: a child process per remaining repository cost ~0.4 s of CPU each).
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from './helpers/paths.js';
import { cli, SURVEY_IN_PROCESS } from './helpers/cli.js';
import { goRepo } from './helpers/fleet.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'goready-resume-'));
const N = 6;

function doneCount(db: string): number {
  if (!fs.existsSync(db)) return 0;
  const h = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const has = h.prepare("SELECT 1 FROM sqlite_master WHERE name = 'survey_repos'").get();
    return has ? (h.prepare("SELECT COUNT(*) AS n FROM survey_repos WHERE status = 'done'").get() as { n: number }).n : 0;
  } catch {
    return 0; // schema being created
  } finally {
    h.close();
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts the survey, waits until the first repo is recorded, sends `signal`, returns the exit. */
async function interruptAfterFirst(list: string, db: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; workers: number[] }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'goready.js'), 'survey', list, '--db', db, '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  let workers: number[] = [];
  await waitFor(() => {
    workers = [...new Set([...workers, ...childrenOf(child.pid!)])];
    return doneCount(db) >= 1;
  }, 60_000, 'the first repository');
  child.kill(signal);
  const r = await exited;
  return { ...r, stderr, workers };
}

function check(db: string) {
  const h = new Database(db, { readonly: true });
  try {
    const entries = h.prepare('SELECT * FROM survey_repos WHERE survey_id = 1 ORDER BY position').all() as { status: string; audit_id: number | null; repo_id: number }[];
    const audits = h.prepare('SELECT a.id, a.repo_id, a.findings_total, (SELECT COUNT(*) FROM findings f WHERE f.audit_id = a.id) AS rows FROM audits a').all() as { id: number; repo_id: number; findings_total: number; rows: number }[];
    const survey = h.prepare('SELECT finished_at FROM surveys WHERE id = 1').get() as { finished_at: string | null };
    return { entries, audits, finished: survey.finished_at !== null, surveys: (h.prepare('SELECT COUNT(*) AS n FROM surveys').get() as { n: number }).n };
  } finally {
    h.close();
  }
}

function assertConsistent(state: ReturnType<typeof check>) {
  // every audit row is complete (all its findings there) and linked by exactly one done entry
  for (const a of state.audits) assert.equal(a.rows, a.findings_total, `audit ${a.id} has all its findings`);
  const linked = state.entries.filter((e) => e.status === 'done').map((e) => e.audit_id);
  assert.deepEqual([...linked].sort(), state.audits.map((a) => a.id).sort(), 'no audit without a done entry, no done entry without its audit');
  const perRepo = new Map<number, number>();
  for (const a of state.audits) perRepo.set(a.repo_id, (perRepo.get(a.repo_id) ?? 0) + 1);
  assert.ok([...perRepo.values()].every((n) => n === 1), 'no repository audited twice');
}

describe('survey: resume after a kill', () => {
  let root: string;
  let list: string;
  before(() => {
    root = tmp();
    const names = Array.from({ length: N }, (_, i) => `svc${i}`);
    names.forEach((n, i) => goRepo(path.join(root, n), i + 1));
    list = path.join(root, 'fleet.txt');
    fs.writeFileSync(list, `${names.join('\n')}\n`);
  });

  test('SIGKILL after the first repository: nothing partial, audit processes gone, the rerun resumes and finishes', async () => {
    const db = path.join(root, 'kill.db');
    const r = await interruptAfterFirst(list, db, 'SIGKILL');
    assert.equal(r.signal, 'SIGKILL');
    const mid = check(db);
    const done = mid.entries.filter((e) => e.status === 'done').length;
    assert.ok(done >= 1 && done < N, `stopped mid-way (${done}/${N} done)`);
    assert.equal(mid.finished, false);
    assert.ok(mid.entries.every((e) => e.status !== 'failed'), 'interrupted entries stay pending');
    assertConsistent(mid);
    assert.ok(r.workers.length >= 1, 'the survey ran its audits in child processes');
    await waitFor(() => r.workers.every((p) => !alive(p)), 10_000, 'orphaned audit processes to exit');

    const again = await cli(['survey', list, '--db', db, '--jobs', '2'], { env: SURVEY_IN_PROCESS });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`survey #1 .*resuming \\(${done} already done\\)`));
    assert.match(again.stdout, new RegExp(`survey #1 .*${N}/${N} audited \\(this run: ${N - done} audited`));
    const end = check(db);
    assert.equal(end.surveys, 1, 'the same survey, not a new one');
    assert.equal(end.finished, true);
    assert.ok(end.entries.every((e) => e.status === 'done'));
    assert.equal(end.audits.length, N);
    assertConsistent(end);
  });

  test('SIGINT: exits 130 with a resume hint; the rerun finishes', async () => {
    const db = path.join(root, 'int.db');
    const r = await interruptAfterFirst(list, db, 'SIGINT');
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /SIGINT: stopping.*run the same command again to resume/);
    const mid = check(db);
    assert.equal(mid.finished, false);
    assert.ok(mid.entries.every((e) => e.status !== 'failed'));
    assertConsistent(mid);
    await waitFor(() => r.workers.every((p) => !alive(p)), 10_000, 'audit processes to exit');
    const again = await cli(['survey', list, '--db', db], { env: SURVEY_IN_PROCESS });
    assert.equal(again.code, 0, again.stderr);
    const end = check(db);
    assert.equal(end.finished, true);
    assert.equal(end.audits.length, N);
    assertConsistent(end);
  });
});
