import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildvcsOff, findGoBuilds, flagWords, producesArtifact, goBool, instrumentationFlags, linkerFacts, riskyGcflags, shellCommands, trimpathFlag } from '../src/facts/go-build-invocations.js';

test('shell: words, quotes, separators, substitutions, comments', () => {
  const cmds = shellCommands(`A=1 B="two words" go build -o 'out dir/x' ./cmd && echo "a \\"q\\"" ; ls 2>&1 | wc -l # trailing\nX=$(date +%s) echo \`id\``);
  assert.deepEqual(cmds.map((c) => c.map((w) => w.value)), [
    ['A=1', 'B=two words', 'go', 'build', '-o', 'out dir/x', './cmd'],
    ['echo', 'a "q"'],
    ['ls', '2>&1'],
    ['wc', '-l'],
    ['X=$(date +%s)', 'echo', '`id`'],
  ]);
  // line continuations join, offsets point into the text
  const [c] = shellCommands('go \\\n  build ./x');
  assert.deepEqual(c!.map((w) => w.value), ['go', 'build', './x']);
  assert.equal(c![0]!.offset, 0);
  assert.deepEqual(shellCommands(''), []);
  assert.deepEqual(shellCommands('"unterminated'), [[{ value: 'unterminated', offset: 0 }]]);
});

test('go builds: flags, env, export, env command, go -C, loops', () => {
  const [a] = findGoBuilds('CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.v=1" -gcflags=all="-N -l" -tags netgo,osusergo -o /app ./cmd/app');
  assert.equal(a!.subcommand, 'build');
  assert.deepEqual(a!.env, { CGO_ENABLED: '0', GOOS: 'linux' });
  assert.equal(a!.trimpath, true);
  assert.deepEqual(a!.ldflags, ['-s -w -X main.v=1']);
  assert.deepEqual(a!.gcflags, ['all=-N -l']);
  assert.deepEqual(a!.tags, ['netgo', 'osusergo']);
  assert.equal(a!.output, '/app');
  assert.deepEqual(a!.packages, ['./cmd/app']);

  const b = findGoBuilds('export CGO_ENABLED=0 && cd src && env GOFLAGS=-trimpath go install ./cmd/...; go test ./...', { GOARCH: 'arm64' });
  assert.equal(b.length, 1);
  assert.equal(b[0]!.subcommand, 'install');
  assert.deepEqual(b[0]!.env, { GOARCH: 'arm64', CGO_ENABLED: '0', GOFLAGS: '-trimpath' });
  assert.equal(b[0]!.trimpath, true, 'GOFLAGS=-trimpath counts');

  const [c] = findGoBuilds('for d in a b; do go -C "$d" build --race -o bin/$d .; done');
  assert.equal(c!.race, true);
  const [d] = findGoBuilds('CGO_ENABLED=1; /usr/local/go/bin/go build -cover ./x');
  assert.equal(d!.env.CGO_ENABLED, '1');
  assert.equal(d!.cover, true);
  assert.deepEqual(findGoBuilds('go vet ./... && go run ./cmd/gen && cargo build && echo go build'), []);
  const [e] = findGoBuilds('go1.22.3 build -ldflags=-s ./x');
  assert.deepEqual(e!.ldflags, ['-s']);
});

test('go builds: a value flag whose value expanded to nothing does not swallow the next flag', () => {
  // `go build -C $(SELF_DIR) -trimpath …` with SELF_DIR computed by make functions this reader leaves empty
  const [a] = findGoBuilds('CGO_ENABLED=0 go build -C  -trimpath -a -ldflags "-s -w" -o out/app example.com/m/cmd/app');
  assert.equal(a!.trimpath, true);
  assert.equal(a!.dir, undefined);
  assert.deepEqual(a!.ldflags, ['-s -w']);
  assert.equal(a!.output, 'out/app');
  assert.deepEqual(a!.packages, ['example.com/m/cmd/app']);
  const [b] = findGoBuilds('go build -o -trimpath ./cmd/app');
  assert.equal(b!.trimpath, true);
  const [c] = findGoBuilds('go -C  build -trimpath ./cmd/app');
  assert.equal(c!.trimpath, true, 'go -C <empty> build is still a build');
  // a tool-flag value may start with `-`, and a real directory is still read
  const [d] = findGoBuilds('go build -gcflags -trimpath=/src -C sub -o app .');
  assert.deepEqual(d!.gcflags, ['-trimpath=/src']);
  assert.equal(d!.trimpath, false);
  assert.equal(d!.dir, 'sub');
});

test('go builds: linker and compiler flag facts', () => {
  assert.deepEqual(linkerFacts(['-s -w -X a.b=c']), { s: true, w: true, wOff: false, staticExternal: false });
  assert.equal(linkerFacts(['-X a=b']).s, false);
  assert.equal(linkerFacts(['-s -w=0']).wOff, true);
  assert.equal(linkerFacts(['-linkmode external -extldflags "-static"']).staticExternal, true);
  assert.equal(linkerFacts(['-extldflags=-static']).staticExternal, true);
  assert.equal(linkerFacts(['-extldflags "-lm"']).staticExternal, false);
  assert.deepEqual(flagWords('all=-N -l'), { pattern: 'all', words: ['-N', '-l'] });
  assert.deepEqual(flagWords('-trimpath=/go/src'), { pattern: undefined, words: ['-trimpath=/go/src'] });
  assert.deepEqual(riskyGcflags(['all=-N -l']).map((r) => r.flag), ['-N', '-l']);
  assert.deepEqual(riskyGcflags(['-B']).map((r) => r.flag), ['-B']);
  assert.deepEqual(riskyGcflags(['all=-l=4', '-m', 'github.com/x/...=-d=checkptr']), []);
});

test('-trimpath: every spelling the go command accepts, GOFLAGS as default, the command line wins', () => {
  assert.deepEqual(['', '1', 't', 'True', 'TRUE', '0', 'F', 'false', 'yes'].map((v) => goBool(v === '' ? undefined : v)), [true, true, true, true, true, false, false, false, undefined]);
  assert.equal(trimpathFlag(['-a', '--trimpath', '--installsuffix', 'cgo']), true);
  assert.equal(trimpathFlag(['-trimpath', '-trimpath=false']), false, 'the last one wins');
  assert.equal(trimpathFlag(['-trimpathx', '-ldflags=-trimpath']), undefined, 'not the flag');
  const t = (cmd: string, env: Record<string, string> = {}) => findGoBuilds(cmd, env)[0]!.trimpath;
  assert.equal(t('CGO_ENABLED=0 go build -a --trimpath --installsuffix cgo --ldflags="-s" -o app'), true, 'double dash (a small service\'s Makefile)');
  assert.equal(t('go build -trimpath=1 -o app .'), true);
  assert.equal(t('go build --trimpath=True -o app .'), true);
  assert.equal(t('go build -trimpath=false -o app .'), false);
  assert.equal(t('go build -o app .', { GOFLAGS: '-mod=vendor --trimpath=true' }), true, 'GOFLAGS');
  assert.equal(t('go build -trimpath=false -o app .', { GOFLAGS: '-trimpath' }), false, 'the command line overrides GOFLAGS');
  assert.equal(t('go build -trimpath -o app .', { GOFLAGS: '-trimpath=false' }), true);
});

test('instrumentationFlags: -race/-msan/-asan/-cover (last spelling wins) and -d=checkptr unless =0', () => {
  assert.deepEqual(instrumentationFlags(['-trimpath', '-race'], []), ['-race']);
  assert.deepEqual(instrumentationFlags(['--race=true', '-race=false', '-cover'], []), ['-cover']);
  assert.deepEqual(instrumentationFlags(['-asan', '-msan=1'], []), ['-asan', '-msan']);
  assert.deepEqual(instrumentationFlags([], ['all=-d=checkptr']), ['-d=checkptr']);
  assert.deepEqual(instrumentationFlags([], ['-d=ssa/check/on,checkptr=2']), ['-d=checkptr']);
  assert.deepEqual(instrumentationFlags([], ['all=-d checkptr']), ['-d=checkptr']);
  assert.deepEqual(instrumentationFlags([], ['all=-d=checkptr=0', '-N -l']), []);
  assert.deepEqual(instrumentationFlags(['-racer', '-covermode=atomic'], []), []);
});

test('buildvcsOff: -buildvcs=false turns stamping off, the last spelling winning; auto and true keep it', () => {
  assert.equal(buildvcsOff(['-buildvcs=false']), true);
  assert.equal(buildvcsOff(['--buildvcs=0']), true);
  assert.equal(buildvcsOff(['-buildvcs=false', '-buildvcs=auto']), false);
  assert.equal(buildvcsOff(['-buildvcs']), false);
  assert.equal(buildvcsOff(['-trimpath']), false);
});

test('a go install of pkg@version through a shell variable is a tool install, not an artifact', () => {
  const [tool] = findGoBuilds('set -e; package=github.com/golang/mock/mockgen@v1.6.0 ; rm -f bin/mockgen || true ; GOBIN=/src/bin go install ${package} ;');
  assert.ok(tool);
  assert.equal(producesArtifact(tool), false);
  const [own] = findGoBuilds('pkg=./cmd/app; go install $pkg');
  assert.ok(own);
  assert.equal(producesArtifact(own), true);
});
