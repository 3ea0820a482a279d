/** CI fails when generated files (rule registry, rule docs) are stale. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderMetadata, renderRegistry, ruleModulePaths } from '../scripts/gen-registry.js';
import { renderDocs, ruleLocations } from '../scripts/gen-docs.js';
import { allRules } from '../src/rules/registry.js';
import { projectRoot } from './helpers/paths.js';

test('src/rules/registry.generated.ts is up to date (npm run gen)', () => {
  const actual = fs.readFileSync(path.join(projectRoot, 'src', 'rules', 'registry.generated.ts'), 'utf8');
  assert.equal(actual, renderRegistry(ruleModulePaths(projectRoot)));
});

test('src/rules/metadata.generated.ts (what `rules` and `explain` read without loading rules) is up to date (npm run gen)', () => {
  const actual = fs.readFileSync(path.join(projectRoot, 'src', 'rules', 'metadata.generated.ts'), 'utf8');
  assert.equal(actual, renderMetadata(allRules()));
});

test('docs/rules are up to date (npm run gen)', () => {
  const docs = renderDocs();
  const dir = path.join(projectRoot, 'docs', 'rules');
  const present = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`) : [];
  assert.deepEqual(present.sort(), [...docs.keys()].sort(), 'set of generated docs differs');
  for (const [rel, text] of docs) assert.equal(fs.readFileSync(path.join(projectRoot, rel), 'utf8'), text, `${rel} is stale`);
});

test('every rule page says where the rule lives: its source file and its testdata (or real-evidence tests) exist', () => {
  const where = ruleLocations(projectRoot);
  const docs = renderDocs();
  for (const r of allRules()) {
    const w = where.get(r.meta.id);
    assert.ok(w, `${r.meta.id}: no module src/rules/<dimension>/${r.meta.name}.ts`);
    const paths = [w.source, ...(w.testdata ? [w.testdata] : []), ...(w.tests ?? [])];
    assert.ok(w.testdata || w.tests?.length, `${r.meta.id}: neither testdata nor tests`);
    for (const p of paths) {
      assert.ok(fs.existsSync(path.join(projectRoot, p)), `${r.meta.id}: ${p} does not exist`);
      assert.ok(docs.get(`docs/rules/${r.meta.id}.md`)!.includes(`(../../${p})`), `${r.meta.id}: page links ${p}`);
    }
  }
  assert.match(docs.get('docs/rules/README.md')!, /## Ids[\s\S]*RUN20xx/, 'the id scheme is written down');
});
