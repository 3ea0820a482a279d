import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEngine } from '../src/engine/engine.js';
import { dependencyBots, policyHasChannel, securityPolicy } from '../src/facts/repo-policy.js';

async function repoOf(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-pol-'));
  for (const [rel, text] of Object.entries({ 'go.mod': 'module example.com/m\n\ngo 1.22\n', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return (await runEngine({ root: dir, rules: [], jobs: 1, gitignore: false })).repo;
}

test('security policy: where GitHub looks, best file first, stubs recognised', async () => {
  assert.equal(policyHasChannel('TODO'), false);
  assert.equal(policyHasChannel('mail security@example.com'), true);
  assert.equal(policyHasChannel('see https://example.com/security'), true);
  const repo = await repoOf({ 'SECURITY.md': 'TODO\n', '.github/SECURITY.md': 'write to sec@example.org\n', 'pkg/SECURITY.md': 'x@y.z\n' });
  assert.deepEqual(securityPolicy(repo), { file: '.github/SECURITY.md', hasChannel: true });
  const none = await repoOf({ 'pkg/security.md': 'x@y.z\n' });
  assert.equal(securityPolicy(none), undefined);
});

test('dependency bots: dependabot ecosystems, renovate json5 and enabledManagers, broken config', async () => {
  const repo = await repoOf({
    '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: docker\n    directory: /\n',
    'renovate.json5': '{\n  // comment\n  enabledManagers: ["gomod"],\n}\n',
  });
  assert.deepEqual(dependencyBots(repo).map((b) => [b.tool, b.coversGo, b.line]), [['dependabot', false, 2], ['renovate', true, 1]]);
  const broken = await repoOf({ '.github/dependabot.yml': 'updates:\n  - a: b\n   c: d\n' });
  assert.deepEqual(dependencyBots(broken).map((b) => [b.tool, b.coversGo]), [['dependabot', undefined]]);
  assert.ok(broken.diagnostics.some((d) => d.code === 'config-parse-error'));
});
