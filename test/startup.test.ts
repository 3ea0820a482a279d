/** Start-up: `--version`, `rules` and `explain` load neither rule code, the Go parser nor the database. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './helpers/paths.js';

/** A loader hook that appends every loaded file URL to $GOREADY_TEST_LOADED. */
const HOOK = 'data:text/javascript,' + encodeURIComponent(
  "import fs from 'node:fs';export async function load(u,c,n){if(u.startsWith('file:'))fs.appendFileSync(process.env.GOREADY_TEST_LOADED,u+'\\n');return n(u,c)}",
);
const REGISTER = 'data:text/javascript,' + encodeURIComponent(`import {register} from 'node:module';register(${JSON.stringify(HOOK)});`);

function loadedBy(args: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-startup-'));
  const list = path.join(dir, 'loaded.txt');
  try {
    const r = spawnSync(process.execPath, ['--import', REGISTER, path.join(projectRoot, 'bin', 'goready.js'), ...args], {
      encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GOREADY_TEST_LOADED: list },
    });
    assert.equal(r.status, 0, r.stderr);
    return fs.readFileSync(list, 'utf8').split('\n').filter(Boolean).map((u) => path.relative(projectRoot, new URL(u).pathname));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const HEAVY = [/^dist\/src\/rules\/(?!metadata(\.generated)?\.js$)/, /node_modules\/web-tree-sitter\//, /node_modules\/better-sqlite3\//, /^dist\/src\/audit\/run-audit\.js$/, /^dist\/src\/config\/config\.js$/];

for (const args of [['--version'], ['rules'], ['explain', 'CON1001']]) {
  test(`goready ${args.join(' ')} loads no rule code, parser, audit or database`, () => {
    const loaded = loadedBy(args);
    assert.ok(loaded.includes('dist/src/cli/main.js'), 'the hook sees the CLI itself');
    const heavy = loaded.filter((f) => HEAVY.some((re) => re.test(f)));
    assert.deepEqual(heavy, []);
  });
}

test('the check is able to fail: an audit loads rule code and the parser', () => {
  const loaded = loadedBy(['audit', path.join(projectRoot, 'test', 'fixtures', 'sample'), '--no-config', '--no-cache', '--format', 'json', '--quiet', '--jobs', '1']);
  assert.ok(loaded.some((f) => HEAVY[0]!.test(f)));
  assert.ok(loaded.some((f) => HEAVY[1]!.test(f)));
});
