/** CI fails when generated files (rule registry, rule docs) are stale. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderMetadata, renderRegistry, ruleModulePaths } from '../scripts/gen-registry.js';
import { allRules } from '../src/rules/registry.js';
import { renderDocs } from '../scripts/gen-docs.js';
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
