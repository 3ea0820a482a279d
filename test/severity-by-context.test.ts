/**
 * Severities that rules lower or raise by context, on their testdata: a spinning CON1004 loop (medium) against one
 * that ignores a stop mechanism (low), a CON1010 body copied to a writer on every path (low), SEC1005 in CLI command code (low).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { allRules } from '../src/rules/registry.js';
import { runEngine } from '../src/engine/engine.js';
import { projectRoot } from './helpers/paths.js';

async function severities(id: string, dimension: string, name: string): Promise<Map<string, string>> {
  const rule = allRules().find((r) => r.meta.id === id)!;
  const root = path.join(projectRoot, 'src', 'rules', dimension, 'testdata', name);
  const res = await runEngine({ root, rules: [rule], skipDirs: ['vendor', 'node_modules', '.git'], gitignore: false, jobs: 1 });
  return new Map(res.findings.map((f) => [`${path.relative(root, f.file).split(path.sep).join('/')}:${f.line}`, f.severity]));
}

test('CON1004: a loop spinning on a read error is medium, a loop ignoring its stop mechanism low', async () => {
  const s = await severities('CON1004', 'concurrency', 'goroutine-loop-no-exit');
  assert.equal(s.get('loops.go:125'), 'medium');
  assert.equal(s.get('loops.go:143'), 'medium');
  assert.equal(s.get('loops.go:20'), 'low');
});

test('CON1010: a body copied to a writer on every path is low, one read to EOF is not reported, one left unread on a status check keeps the rule severity', async () => {
  const s = await severities('CON1010', 'concurrency', 'response-body-not-closed');
  assert.equal(s.get('body.go:267'), 'low');
  assert.equal(s.get('body.go:280'), undefined);
  assert.equal(s.get('body.go:289'), 'high');
  assert.equal(s.get('body.go:301'), 'high');
});

test('SEC1005: CLI command code is low like package main; a library keeps the rule severity', async () => {
  const s = await severities('SEC1005', 'security', 'http-client-no-timeout');
  assert.equal(s.get('cmd/toolctl/version.go:7'), 'low');
  assert.equal(s.get('cli/main.go:12'), 'low');
  assert.equal(s.get('clients.go:18'), 'medium');
  // the default client as the fallback of a nil check on a configured client is low; a plain else branch is not
  assert.equal(s.get('pool/pool.go:23'), 'low');
  assert.equal(s.get('pool/pool.go:32'), 'medium');
});
