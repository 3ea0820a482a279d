/** The worker pool gives the same results as in-process analysis, and recovers from a stall. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyzeAll } from '../src/engine/pool.js';
import { allRules, fileRulesOf } from '../src/rules/registry.js';
import { walkRepo } from '../src/walk/walker.js';
import { projectRoot } from './helpers/paths.js';

const root = path.join(projectRoot, 'src', 'rules');
const rules = fileRulesOf(allRules());
const reqs = walkRepo(root, { skipDirs: ['node_modules'] }).goFiles.map((f) => ({ absPath: f.abs, relPath: f.rel, maxFileSize: 1 << 22, goVersion: '1.21' }));
const summary = (rs: Awaited<ReturnType<typeof analyzeAll>>) => rs.map((r) => `${r.relPath}:${r.findings.map((f) => `${f.ruleId}@${f.line}`).join(',')}`);
/** The in-process analysis both tests compare with, run once. */
let singleRun: ReturnType<typeof analyzeAll> | undefined;
const inProcess = () => (singleRun ??= analyzeAll(rules, reqs, { jobs: 1 }));

test('worker threads and in-process analysis agree (all rule testdata)', async () => {
  assert.ok(reqs.length > 50, `${reqs.length} files`);
  const single = await inProcess();
  const pooled = await analyzeAll(rules, reqs, { jobs: 2, inProcessBelow: 0 });
  assert.deepEqual(summary(pooled), summary(single));
  assert.ok(single.some((r) => r.findings.length > 0));
});

test('a stalled pool falls back to in-process analysis and loses no file', async () => {
  let stalledWith = -1;
  // a share of the files, still batches for both workers (8 to 64 files a batch): the fallback analyses in this
  // thread whatever the workers had not finished, which for every testdata file was ~1.5 CPU-s of analysis once more
  const some = reqs.filter((_, i) => i % 4 === 0);
  assert.ok(some.length > 64, `${some.length} files`);
  const single = summary(await inProcess()).filter((_, i) => i % 4 === 0);
  const res = await analyzeAll(rules, some, { jobs: 2, inProcessBelow: 0, stallMs: 1, onStall: (n) => { stalledWith = n; } });
  assert.ok(stalledWith > 0, 'watchdog fired');
  assert.equal(res.length, some.length);
  assert.deepEqual(summary(res), single);
});
