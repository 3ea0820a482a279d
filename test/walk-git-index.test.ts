import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walkRepo } from '../src/walk/walker.js';
import { parseGitIndex, trackedSet } from '../src/walk/git-index.js';

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: GIT_ENV, stdio: 'pipe' }).toString();

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-gi-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const FILES = {
  '.gitignore': '.*\nbuild/\n',
  'go.mod': 'module example.com/app\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n',
  '.github/notes.md': 'tracked\n',
  'build/keep.txt': 'tracked under an ignored directory\n',
};

describe('walker and the git index', () => {
  test('without a git index .gitignore hides the files it matches', () => {
    const dir = tree(FILES);
    const w = walkRepo(dir);
    assert.deepEqual(w.otherFiles.map((f) => f.rel).sort(), ['go.mod']);
  });

  for (const version of ['2', '3', '4']) {
    test(`a tracked file is walked even when .gitignore matches it (index version ${version})`, () => {
      const dir = tree(FILES);
      git(dir, 'init', '-q', '.');
      git(dir, 'add', '-f', '.');
      // untracked files matched by .gitignore stay hidden, in a tracked directory or not
      fs.writeFileSync(path.join(dir, '.github', 'scratch.yml'), 'untracked\n');
      fs.mkdirSync(path.join(dir, '.cache'));
      fs.writeFileSync(path.join(dir, '.cache', 'x'), 'untracked\n');
      fs.writeFileSync(path.join(dir, 'build', 'out.bin'), 'untracked\n');
      fs.writeFileSync(path.join(dir, 'new.txt'), 'untracked, not ignored\n');
      if (version === '3') {
        fs.writeFileSync(path.join(dir, 'intent.txt'), 'intent to add: an extended-flag entry\n');
        git(dir, 'add', '-N', 'intent.txt');
      }
      git(dir, 'update-index', '--index-version', version);
      const w = walkRepo(dir);
      const want = ['.github/notes.md', '.github/workflows/ci.yml', '.gitignore', 'build/keep.txt', 'go.mod', 'new.txt'];
      if (version === '3') want.push('intent.txt');
      assert.deepEqual(w.otherFiles.map((f) => f.rel).sort(), want.sort());
      // --gitignore off walks everything anyway; explicit excludes still apply to tracked files
      assert.ok(!walkRepo(dir, { exclude: ['.github/'] }).otherFiles.some((f) => f.rel.startsWith('.github/')));
    });
  }

  test('a damaged index is ignored (plain .gitignore semantics)', () => {
    assert.equal(parseGitIndex(Buffer.from('DIRC\0\0\0\x02\0\0\0\x05truncated')), undefined);
    assert.equal(parseGitIndex(Buffer.from('not an index')), undefined);
    const dir = tree(FILES);
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'index'), 'DIRC\0\0\0\x02\0\0\0\x09');
    assert.deepEqual(walkRepo(dir).otherFiles.map((f) => f.rel).sort(), ['go.mod']);
  });

  test('sparse-index directory entries track everything below them', () => {
    const t = trackedSet(['a/b/', 'c/d.txt']);
    assert.ok(t.file('a/b/x/y.go') && t.dir('a/b/x') && t.dir('a') && t.dir('c') && t.file('c/d.txt'));
    assert.ok(!t.file('a/z.go') && !t.dir('e'));
  });
});
