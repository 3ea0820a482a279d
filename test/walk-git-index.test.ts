import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walkRepo } from '../src/walk/walker.js';
import { MAX_GIT_PATH_BYTES, parseGitIndex, trackedSet } from '../src/walk/git-index.js';

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

  test('a hostile index is bounded and never throws (entry count, name lengths, v4 prefix expansion)', () => {
    const header = (version: number, count: number) => {
      const b = Buffer.alloc(12);
      b.write('DIRC', 0, 'latin1');
      b.writeUInt32BE(version, 4);
      b.writeUInt32BE(count, 8);
      return b;
    };
    // a v2 entry: 40 bytes of stat data, a SHA-1, flags, the name, NUL padding to a multiple of 8
    const v2entry = (name: string) => {
      const n = Buffer.from(name, 'utf8');
      const len = (62 + n.length + 8) & ~7;
      const b = Buffer.alloc(len);
      b.writeUInt16BE(Math.min(n.length, 0xfff), 60);
      n.copy(b, 62);
      return b;
    };
    // a v4 entry: stat data, SHA-1, flags, a varint of bytes to drop from the previous name, the rest NUL-terminated
    const v4entry = (drop: number[], rest: string) => Buffer.concat([Buffer.alloc(62), Buffer.from(drop), Buffer.from(`${rest}\0`, 'utf8')]);
    // sanity: well-formed indexes parse
    assert.deepEqual(parseGitIndex(Buffer.concat([header(2, 2), v2entry('a/b.go'), v2entry('c.go')])), ['a/b.go', 'c.go']);
    assert.deepEqual(parseGitIndex(Buffer.concat([header(4, 2), v4entry([0], 'a/b.go'), v4entry([4], 'c.go')])), ['a/b.go', 'a/c.go']);
    // an entry count the file cannot hold is refused before any work (as is one past MAX_GIT_INDEX_ENTRIES)
    assert.equal(parseGitIndex(Buffer.concat([header(2, 0xffffffff), v2entry('a.go')])), undefined);
    // a name longer than any path git stores, or an empty one
    assert.equal(parseGitIndex(Buffer.concat([header(2, 1), v2entry('x'.repeat(MAX_GIT_PATH_BYTES + 1))])), undefined);
    assert.equal(parseGitIndex(Buffer.concat([header(2, 1), v2entry('')])), undefined);
    // version 4: each name keeps all of the previous one and adds a byte (quadratic expansion without a cap)
    const grow = [v4entry([0], 'a')];
    for (let i = 0; i < 6000; i++) grow.push(v4entry([0], 'b'));
    assert.equal(parseGitIndex(Buffer.concat([header(4, grow.length), ...grow])), undefined);
    // a varint of bytes to drop that overflows 32 bits, or drops more than the previous name holds
    assert.equal(parseGitIndex(Buffer.concat([header(4, 2), v4entry([0], 'abc'), v4entry([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], 'x')])), undefined);
    assert.equal(parseGitIndex(Buffer.concat([header(4, 2), v4entry([0], 'abc'), v4entry([4], 'x')])), undefined);
    // an extended flag in version 2, a truncated name, a bad version
    const ext = v2entry('a.go');
    ext.writeUInt16BE(0x4000 | 4, 60);
    assert.equal(parseGitIndex(Buffer.concat([header(2, 1), ext])), undefined);
    assert.equal(parseGitIndex(Buffer.concat([header(2, 1), Buffer.alloc(62), Buffer.from('abc')])), undefined);
    assert.equal(parseGitIndex(Buffer.concat([header(5, 0)])), undefined);
    // random bytes after a valid header: never an exception
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 300; i++) {
      const body = Buffer.from(Array.from({ length: 64 + (i % 200) }, rnd));
      for (const v of [2, 3, 4]) assert.doesNotThrow(() => parseGitIndex(Buffer.concat([header(v, 1 + (i % 4)), body]), i % 2 ? 20 : 32));
    }
    // the walker falls back to .gitignore on such an index
    const dir = tree(FILES);
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'index'), Buffer.concat([header(4, grow.length), ...grow]));
    assert.deepEqual(walkRepo(dir).otherFiles.map((f) => f.rel).sort(), ['go.mod']);
    // a .git file naming no git directory, or a directory that is not one
    fs.rmSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.git'), 'gitdir: does/not/exist\n');
    assert.deepEqual(walkRepo(dir).otherFiles.map((f) => f.rel).sort(), ['go.mod']);
    fs.writeFileSync(path.join(dir, '.git'), 'not a gitdir line\n');
    assert.deepEqual(walkRepo(dir).otherFiles.map((f) => f.rel).sort(), ['go.mod']);
  });

  test('directories of many deep names are bounded, sparse entries looked up by ancestor', () => {
    const t = trackedSet(['a/b/c/d.go', 'a/b/e.go', 'x/']);
    assert.ok(t && t.dir('a') && t.dir('a/b') && t.dir('a/b/c') && !t.dir('a/b/c/d.go') && t.file('x/y/z') && t.dir('x') && t.dir('x/y'));
    assert.ok(t && !t.file('xy/z') && !t.dir('xy'));
  });

  test('sparse-index directory entries track everything below them', () => {
    const t = trackedSet(['a/b/', 'c/d.txt'])!;
    assert.ok(t.file('a/b/x/y.go') && t.dir('a/b/x') && t.dir('a') && t.dir('c') && t.file('c/d.txt'));
    assert.ok(!t.file('a/z.go') && !t.dir('e'));
  });
});
