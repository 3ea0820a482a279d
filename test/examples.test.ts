/** docs/examples is generated (scripts/gen-examples.ts); CI fails when it is stale or not deterministic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_FILES, EXAMPLES_DIR, renderExamples } from '../scripts/gen-examples.js';
import { projectRoot } from './helpers/paths.js';

test('docs/examples are up to date (npm run gen)', async () => {
  const files = await renderExamples(projectRoot);
  assert.deepEqual([...files.keys()].sort(), Object.values(EXAMPLE_FILES).map((f) => `${EXAMPLES_DIR}/${f}`).sort());
  for (const [rel, text] of files) {
    const p = path.join(projectRoot, rel);
    assert.ok(fs.existsSync(p), `${rel} is missing: run npm run gen`);
    assert.ok(fs.readFileSync(p, 'utf8') === text, `${rel} is stale: run npm run gen (or node dist/scripts/gen-examples.js)`);
  }
  // deterministic: a second rendering is identical
  const again = await renderExamples(projectRoot);
  for (const [rel, text] of files) assert.ok(again.get(rel) === text, `${rel} differs between two runs`);
});
