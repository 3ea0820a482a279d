/**
 * A survey line's `probe=`: runtime evidence (here saved goroutine dumps, written by the test)
 * merged into that repository's audit as `audit --probe` does; probed repositories are audited
 * again on every survey (runtime evidence is not reused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseList, ListError } from '../src/survey/list.js';
import { SqliteStore } from '../src/store/store.js';
import { cli, SURVEY_IN_PROCESS } from './helpers/cli.js';
import { fixture } from './helpers/paths.js';

const FIX = fixture('probe');

function lineOf(rel: string, text: string): number {
  const i = fs.readFileSync(path.join(FIX, rel), 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${rel}`);
  return i + 1;
}

/** A debug=2 goroutine dump with `n` goroutines stuck in the blocked-send fixture's worker, built at /build/probefix. */
function dump(n: number): string {
  const send = lineOf('blocked-send/main.go', 'ch <- slowLookup');
  const go = lineOf('blocked-send/main.go', 'go func() {');
  const metrics = lineOf('exposed/main.go', 'metrics.Read(s)');
  const out = ['goroutine 1 [IO wait]:\ninternal/poll.runtime_pollWait(0x7f0c, 0x72)\n\t/usr/local/go/src/runtime/netpoll.go:351 +0x85\nmain.main()\n\t/build/probefix/blocked-send/main.go:50 +0x1d\n'];
  for (let i = 0; i < n; i++) {
    out.push(`goroutine ${100 + i} [chan send]:\nmain.lookup.func1()\n\t/build/probefix/blocked-send/main.go:${send} +0x45\ncreated by main.lookup in goroutine ${7 + i}\n\t/build/probefix/blocked-send/main.go:${go} +0x85\n`);
    // and a growth no static rule explains: handlers of the exposed fixture that never return
    out.push(`goroutine ${500 + i} [select]:\nmain.writeMetrics({0x9f, 0xc0}, 0xc0)\n\t/build/probefix/exposed/main.go:${metrics} +0x2a\nnet/http.(*conn).serve(0xc0, {0x9f, 0xc0})\n\t/usr/local/go/src/net/http/server.go:2102 +0x625\ncreated by net/http.(*Server).Serve in goroutine 1\n\t/usr/local/go/src/net/http/server.go:3454 +0x485\n`);
  }
  return out.join('\n');
}

test('survey list: probe= takes an http(s) URL or saved profiles; bad values are reported with their line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-survey-probe-list-'));
  try {
    for (const d of ['svc', 'other', 'profiles']) fs.mkdirSync(path.join(dir, d));
    const entries = parseList('svc probe=http://127.0.0.1:6060/debug/pprof/\nother probe=profiles\n', dir);
    assert.equal(entries[0]!.probe, 'http://127.0.0.1:6060/debug/pprof/');
    assert.equal(entries[1]!.probe, path.join(dir, 'profiles'));
    assert.throws(() => parseList('svc probe=ftp://h/x\nsvc name=b probe=http://u:p@h:1/\nsvc name=c probe=missing\n', dir, 'l.txt'), (e: Error) => {
      assert.ok(e instanceof ListError);
      assert.match(e.message, /l\.txt:1: probe=ftp:\/\/h\/x must be an http\(s\) pprof URL/);
      assert.match(e.message, /l\.txt:2: probe=.* must not carry credentials/);
      assert.match(e.message, /l\.txt:3: probe=missing .*no such file or directory/);
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('goready survey with probe=: the static finding is confirmed at runtime in the stored audit, and the repository is audited again next time', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-survey-probe-'));
  try {
    const dumps = path.join(root, 'dumps');
    fs.mkdirSync(dumps);
    [0, 5, 10, 15].forEach((n, i) => fs.writeFileSync(path.join(dumps, `${i + 1}-goroutine.txt`), dump(n)));
    const list = path.join(root, 'list.txt');
    fs.writeFileSync(list, `${FIX} name=probefix probe=dumps\n${FIX}/blocked-send-fixed name=plain\n`);
    const db = path.join(root, 'g.db');
    const run = () => cli(['survey', list, '--db', db, '--jobs', '1', '-q', '--enable', 'CON1008', '--cache-dir', path.join(root, 'cache')], { env: SURVEY_IN_PROCESS });
    const first = await run();
    assert.equal(first.code, 0, first.stderr);
    const store = SqliteStore.open(db, { readonly: true });
    try {
      const rows = store.db.prepare("SELECT r.name AS repo, f.rule_id AS rule, f.confidence AS confidence, f.file AS file FROM findings f JOIN audits a ON a.id = f.audit_id JOIN repos r ON r.id = a.repo_id WHERE f.rule_id = 'CON1008'").all() as { repo: string; rule: string; confidence: string; file: string }[];
      assert.deepEqual(rows.map((r) => [r.repo, r.file, r.confidence]), [['probefix', 'blocked-send/main.go', 'high']]);
      const added = store.db.prepare("SELECT r.name AS repo, f.file AS file, f.line AS line, f.message AS message FROM findings f JOIN audits a ON a.id = f.audit_id JOIN repos r ON r.id = a.repo_id WHERE f.rule_id = 'CON9001'").all() as { repo: string; file: string; line: number; message: string }[];
      assert.deepEqual(added.map((r) => [r.repo, `${r.file}:${r.line}`]), [['probefix', `exposed/main.go:${lineOf('exposed/main.go', 'metrics.Read(s)')}`]], 'the runtime-only leak is a finding of that repository only');
      assert.match(added[0]!.message, /Goroutines running net\/http\.\(\*conn\)\.serve, started by net\/http\.\(\*Server\)\.Serve, grew from 0 to 15/);
    } finally {
      await store.close();
    }
    const second = await run();
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /1 audited, 1 unchanged|1 unchanged.*1 audited/, 'the probed repository is audited again, the other reused');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
