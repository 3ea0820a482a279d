import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEngine } from '../src/engine/engine.js';
import { selectRules } from '../src/rules/registry.js';
import { SHIPPED_REQUIREMENTS, replaceInBuildList, requirementShipping } from '../src/facts/shipped-requirements.js';
import type { RepoFacts } from '../src/facts/repo-facts.js';

async function withRepo(files: Record<string, string>, fn: (repo: RepoFacts) => void): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-shipped-reqs-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    // SUP1004 requires the model: the engine computes it
    const res = await runEngine({ root, rules: selectRules('SUP1004'), jobs: 1 });
    fn(res.repo);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The answer for each requirement of the module in `dir`. */
function answers(repo: RepoFacts, dir = ''): Record<string, string> {
  const model = repo.fact(SHIPPED_REQUIREMENTS);
  const m = repo.modules.find((x) => x.dir === dir)!;
  return Object.fromEntries(m.mod.require.map((r) => [r.path, requirementShipping(model, m, r).ships]));
}

const imports = (pkg: string, paths: string[], header = '') => `${header}package ${pkg}\n\nimport (\n${paths.map((p) => `\t_ "${p}"\n`).join('')})\n`;

test('shipped requirements: production imports ship; tests, test support, tools-tagged files and ignored files do not', async () => {
  await withRepo({
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tex.com/a v1.0.0\n\tex.com/b v1.0.0\n\tex.com/c v1.0.0\n\tex.com/d v1.0.0\n' +
      '\tex.com/e v1.0.0\n\tex.com/f v1.0.0 // indirect\n\tex.com/g v1.0.0\n\tex.com/h v1.0.0\n\tex.com/i v1.0.0\n\tex.com/j/v2 v2.0.0\n\tex.com/j v1.0.0\n)\n',
    'cmd/app/main.go': imports('main', ['fmt', 'ex.com/a/pkg', 'example.com/app/internal/testutil', 'ex.com/j/v2/sub']),
    'cmd/app/main_test.go': imports('main', ['testing', 'ex.com/b']),
    'e2e/cluster.go': imports('e2e', ['ex.com/c']),
    // a test-support folder that a shipped package imports ships
    'internal/testutil/util.go': imports('testutil', ['ex.com/d']),
    // excluded from every normal build, even beside shipped code
    'cmd/app/deps.go': imports('main', ['ex.com/e'], '//go:build tools\n\n'),
    'cmd/app/_scratch.go': imports('main', ['ex.com/h']),
    // a file named as test support in a shipped package is compiled with it
    'cmd/app/mock_client.go': imports('main', ['ex.com/g']),
  }, (repo) => {
    assert.deepEqual(answers(repo), {
      'ex.com/a': 'yes', 'ex.com/b': 'no', 'ex.com/c': 'no', 'ex.com/d': 'yes', 'ex.com/e': 'no', 'ex.com/f': 'unknown',
      'ex.com/g': 'yes', 'ex.com/h': 'no',
      // nothing imports it at all: an untidy go.mod, not a test-only requirement
      'ex.com/i': 'unknown',
      // the longest module path wins
      'ex.com/j/v2': 'yes', 'ex.com/j': 'unknown',
    });
    const model = repo.fact(SHIPPED_REQUIREMENTS);
    const m = repo.modules[0]!;
    assert.match(requirementShipping(model, m, { path: 'ex.com/b', indirect: false }).reason, /cmd\/app\/main_test\.go/);
    assert.match(requirementShipping(model, m, { path: 'ex.com/a', indirect: false }).reason, /cmd\/app\/main\.go/);
    // the build constraint is the file's role signal, read once with the file: the model reads no Go source again
    const deps = repo.goFiles.find((f) => f.rel === 'cmd/app/deps.go')!;
    assert.deepEqual([deps.role, deps.roleSignal, deps.roleReason], ['tooling', 'build-constraint', '//go:build tools']);
    assert.equal(repo.goFiles.find((f) => f.rel === 'cmd/app/mock_client.go')!.roleSignal, 'file-name');
    const read = [...repo.track(() => repo.fact(SHIPPED_REQUIREMENTS)).deps.files.keys()];
    assert.deepEqual(read.filter((rel) => rel.endsWith('.go')), []);
  });
});

test('shipped requirements: a tools module ships nothing, indirect requirements included; a module without Go files is unknown', async () => {
  await withRepo({
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire ex.com/a v1.0.0\n',
    'main.go': imports('main', ['ex.com/a']),
    'build/tools/go.mod': 'module example.com/app/build/tools\n\ngo 1.22\n\nrequire ex.com/gen v1.0.0\n\nrequire ex.com/dep v1.0.0 // indirect\n',
    'build/tools/tools.go': imports('tools', ['ex.com/gen/cmd/gen'], '// +build tools\n\n'),
    'api/go.mod': 'module example.com/app/api\n\ngo 1.22\n\nrequire ex.com/x v1.0.0\n',
  }, (repo) => {
    assert.deepEqual(answers(repo), { 'ex.com/a': 'yes' });
    assert.deepEqual(answers(repo, 'build/tools'), { 'ex.com/gen': 'no', 'ex.com/dep': 'no' });
    assert.deepEqual(answers(repo, 'api'), { 'ex.com/x': 'unknown' });
  });
});

test('shipped requirements: a sibling module the shipped code imports ships its imports in the importing module\'s build', async () => {
  await withRepo({
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/lib v0.0.0\n\tex.com/h v1.0.0\n\tex.com/k v1.0.0\n)\n\nreplace example.com/lib => ./lib\n',
    'main.go': imports('main', ['example.com/lib']),
    'main_test.go': imports('main', ['ex.com/h', 'ex.com/k']),
    'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n\nrequire ex.com/h v1.0.0\n',
    'lib/lib.go': imports('lib', ['ex.com/h/client']),
  }, (repo) => {
    assert.deepEqual(answers(repo), { 'example.com/lib': 'yes', 'ex.com/h': 'yes', 'ex.com/k': 'no' });
    assert.deepEqual(answers(repo, 'lib'), { 'ex.com/h': 'yes' });
  });
});

test('shipped requirements: a replace is in the build list when required or in go.sum; inert otherwise', async () => {
  const sum = 'ex.com/s v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
  await withRepo({
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire ex.com/a v1.0.0\n\nreplace ex.com/a => ex.com/fork v1.0.1\n\nreplace ex.com/s => ex.com/sfork v1.0.1\n\nreplace example.com/app/meta => ../meta\n',
    'go.sum': sum,
    'main.go': imports('main', ['ex.com/a']),
    // no go.sum: whether a module is in the build list cannot be told when it has requirements
    'sub/go.mod': 'module example.com/sub\n\ngo 1.22\n\nrequire ex.com/a v1.0.0\n\nreplace ex.com/z => ex.com/zfork v1.0.1\n',
    'empty/go.mod': 'module example.com/empty\n\ngo 1.22\n\nreplace ex.com/z => ../z\n',
  }, (repo) => {
    const inList = (dir: string) => {
      const m = repo.modules.find((x) => x.dir === dir)!;
      return m.mod.replace.map((r) => replaceInBuildList(repo, m, r));
    };
    assert.deepEqual(inList(''), [true, true, false]);
    assert.deepEqual(inList('sub'), [true]);
    assert.deepEqual(inList('empty'), [false]);
  });
});

test('shipped requirements: a go.work workspace shares its modules\' build list', async () => {
  await withRepo({
    'go.work': 'go 1.22\n\nuse (\n\t.\n\t./tools\n)\n',
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nreplace ex.com/t => ex.com/tfork v1.0.1\n',
    'go.sum': '',
    'main.go': imports('main', ['fmt']),
    'tools/go.mod': 'module example.com/app/tools\n\ngo 1.22\n\nrequire ex.com/t v1.0.0\n',
    'tools/go.sum': '',
  }, (repo) => {
    const m = repo.modules.find((x) => x.dir === '')!;
    assert.equal(replaceInBuildList(repo, m, m.mod.replace[0]!), true);
  });
});
