import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineCalls, goBuildsForTargets, nonReleaseReason, projectGoBuilds } from '../src/facts/makefile-builds.js';
import { isMakefilePath, MakeProject, makeProjects, parseMakefile } from '../src/facts/makefile.js';
import { tempRepo } from './helpers/temp-repo.js';

const MK = [
  'GO ?= go', // 1
  'VERSION := $(shell git describe --tags)', // 2
  'LDFLAGS = -X main.v=$(VERSION) \\', // 3
  '          -X main.c=abc', // 4
  'ifdef DEBUG', // 5
  '\tGCFLAGS := -gcflags=all="-N -l"', // 6
  'else', // 7
  '\tEXTRA += -s -w', // 8
  'endif', // 9
  'export CGO_ENABLED ?= 0', // 10
  'linux: export GOOS := linux', // 11
  'GOFLAGS_ECHO = $(shell echo "-trimpath")', // 12
  '', // 13
  '.PHONY: build', // 14
  'build: gen ## the binary', // 15
  '\t@echo building', // 16
  '\t# a shell comment', // 17
  '\t$(GO) build $(GCFLAGS) -ldflags "$(LDFLAGS) $(EXTRA)" -o bin/app \\', // 18
  '\t\t./cmd/app', // 19
  '', // 20
  'gen:', // 21
  '\tgo generate ./...', // 22
  '', // 23
  'define BIN', // 24
  '$(GO) build -o $@ ./cmd/$*', // 25
  'endef', // 26
  'bin/%: ; $(call BIN)', // 27
  'release:', // 28
  '\t$(MAKE) build EXTRA=-s', // 29
  'include common.mk', // 30
].join('\n');

test('makefile: variables, conditionals, rules, recipes, defines, includes', () => {
  const diags: { code: string }[] = [];
  const mf = parseMakefile('Makefile', MK, diags as never);
  assert.deepEqual(diags, []);
  const v = (n: string) => mf.vars.filter((x) => x.name === n);
  assert.deepEqual(v('GO').map((x) => [x.op, x.value, x.line, x.conditional]), [['?=', 'go', 1, false]]);
  assert.equal(v('LDFLAGS')[0]!.value, '-X main.v=$(VERSION) -X main.c=abc');
  assert.equal(v('GCFLAGS')[0]!.conditional, true);
  assert.equal(v('EXTRA')[0]!.conditional, true);
  assert.equal(v('CGO_ENABLED')[0]!.exported, true);
  assert.deepEqual(v('GOOS').map((x) => [x.conditional, x.exported]), [[true, true]], 'target-specific');
  assert.deepEqual(mf.rules.map((r) => [r.targets.join(' '), r.line, r.recipe.map((l) => l.line)]), [
    ['.PHONY', 14, []],
    ['build', 15, [16, 18]],
    ['gen', 21, [22]],
    ['bin/%', 27, [27]],
    ['release', 28, [29]],
  ]);
  assert.deepEqual(mf.rules[1]!.prereqs, ['gen']);
  assert.deepEqual(mf.defines.map((d) => [d.name, d.line, d.body.map((b) => b.line)]), [['BIN', 24, [25]]]);
  assert.deepEqual(mf.includes.map((i) => [i.spec, i.line, i.optional]), [['common.mk', 30, false]]);
});

test('makefile: union and strict expansion', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', MK)]);
  assert.equal(p.expand('$(GO) $(GCFLAGS)', 'strict').trim(), 'go');
  assert.match(p.expand('$(GCFLAGS) $(EXTRA)', 'union'), /-gcflags=all="-N -l" -s -w/);
  assert.equal(p.expand('$(GOFLAGS_ECHO)', 'union'), '"-trimpath"', 'echo output of $(shell)');
  assert.equal(p.expand('$(VERSION)', 'union'), 'SHELL_OUTPUT');
  assert.equal(p.expand('$(VERSION)', 'strict'), '');
  assert.equal(p.expand('$$HOME $(UNDEFINED)x', 'union'), '$HOME x');
  assert.equal(p.expand('$(EXTRA)', 'union', { overrides: { EXTRA: '-w' } }), '-w');
  assert.equal(p.expand('$(if $(DEBUG),-race,-v)', 'union').trim(), '-race -v');
  assert.equal(p.expand('$(if $(DEBUG),-race,-v)', 'strict'), '');
  assert.equal(p.expand('$(subst a,b,$(GO))', 'strict'), 'go');
  const self = new MakeProject('', [parseMakefile('Makefile', 'V := $(if $(V),$(V),x)\nA = $(B)\nB = $(A)\n')]);
  assert.doesNotThrow(() => self.expand('$(V) $(A)', 'union'));
});

test('makefile: go builds, release classification, make targets', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', MK)]);
  const builds = projectGoBuilds(p);
  assert.deepEqual(builds.map((b) => [b.line, b.targets[0]]), [[18, 'build'], [25, 'bin/%']]);
  const b = builds[0]!;
  assert.deepEqual(b.union.gcflags, ['all=-N -l']);
  assert.deepEqual(b.strict?.gcflags, []);
  assert.equal(b.union.env.CGO_ENABLED, '0');
  assert.match(b.union.ldflags[0]!, /-s -w/);
  assert.equal(nonReleaseReason(b), undefined);
  const viaMake = goBuildsForTargets(p, ['release']);
  assert.deepEqual(viaMake.map((x) => x.line), [18]);
  assert.match(viaMake[0]!.union.ldflags[0]!, /-X main\.c=abc -s$/, 'EXTRA=-s on the $(MAKE) command line wins');
  assert.deepEqual(goBuildsForTargets(p, ['bin/tool']).map((x) => x.line), [25]);
  assert.deepEqual(goBuildsForTargets(p, ['nothing']), []);
  assert.deepEqual(goBuildsForTargets(p, [], { CGO_ENABLED: '1' }).map((x) => x.union.env.CGO_ENABLED), ['1'], 'default goal, command-line var');
  const t = { file: 'Makefile', targets: ['test-integration'], union: b.union };
  assert.equal(nonReleaseReason(t), 'target test-integration');
  assert.equal(nonReleaseReason({ ...t, file: 'test/e2e/Makefile', targets: ['build'] }), 'makefile under test/e2e/');
  assert.equal(nonReleaseReason({ ...t, targets: ['build'], union: { ...b.union, packages: ['./tools/gen'] } }), 'package ./tools/gen');
});

test('makefile: malformed input gives diagnostics, never exceptions', () => {
  const diags: { code: string }[] = [];
  parseMakefile('Makefile', 'endif\ndefine X\nfoo\n', diags as never);
  assert.deepEqual(diags.map((d) => d.code), ['makefile-unbalanced', 'makefile-unbalanced']);
  const d2: { code: string }[] = [];
  parseMakefile('Makefile', 'ifeq (a,b)\nx = 1\n', d2 as never);
  assert.deepEqual(d2.map((d) => d.code), ['makefile-unbalanced']);
  for (const text of ['', '\t\t\n', ':::\n', '$(\n', 'a: $(b\n\tgo build $(', '\\']) {
    assert.doesNotThrow(() => projectGoBuilds(new MakeProject('', [parseMakefile('Makefile', text)])));
  }
});

test('makefile: names and per-directory projects with includes', () => {
  for (const p of ['Makefile', 'sub/makefile', 'GNUmakefile', 'Makefile.linux', 'build/rules.mk']) assert.ok(isMakefilePath(p), p);
  for (const p of ['Makefile.am', 'Makefile.in', 'makefile.md', 'mk']) assert.ok(!isMakefilePath(p), p);
  const { repo, cleanup } = tempRepo({
    Makefile: 'include build/vars.mk\nbuild:\n\tgo build $(FLAGS) ./cmd/app\n',
    'Makefile.linux': 'EXTRA = -v\n',
    'build/vars.mk': 'FLAGS = -trimpath\n',
    'sub/Makefile': 'all:\n\tgo build ./x\n',
  });
  try {
    const projects = makeProjects(repo);
    assert.deepEqual(projects.map((p) => [p.dir, p.paths]), [
      ['', ['Makefile', 'build/vars.mk', 'Makefile.linux']],
      ['build', ['build/vars.mk']],
      ['sub', ['sub/Makefile']],
    ]);
    assert.equal(projectGoBuilds(projects[0]!)[0]!.union.trimpath, true);
  } finally {
    cleanup();
  }
});

test('makefile: every assignment flavour, override and export, target-specific values', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', [
    'A = 1', // recursive
    'B := $(A) 2', // simple
    'C ::= 3', // POSIX simple
    'D ?= 4', // only if unset
    'E = 5', 'E += 6', // append
    'override F = forced',
    'export G := exported',
    'H != date', // shell assignment: never run
    'build: I := only-build',
    'build: ; go build $(I)',
  ].join('\n'))]);
  const v = (n: string) => p.expand(`$(${n})`, 'strict');
  assert.deepEqual(['A', 'B', 'C', 'D', 'E', 'G', 'H'].map(v), ['1', '1 2', '3', '4', '5 6', 'exported', '']);
  assert.equal(p.expand('$(D)', 'strict', { env: { D: 'from-env' } }), 'from-env', '?= loses to the environment');
  assert.equal(p.expand('$(A)', 'strict', { env: { A: 'from-env' } }), '1', '= wins over the environment');
  assert.equal(p.expand('$(A) $(F)', 'strict', { overrides: { A: 'cmd', F: 'cmd' } }), 'cmd forced', 'command line wins except over override');
  assert.ok(p.exports.has('G'));
  assert.deepEqual(p.vars.get('I')!.map((x) => x.targets), [['build']]);
  assert.equal(p.expand('$(I)', 'union', { targets: ['build'] }), 'only-build');
  assert.equal(p.expand('$(I)', 'union', { targets: ['test'] }), '', 'target-specific values stay with their target');
});

test('makefile: functions — $(if) $(filter) $(filter-out) $(subst) $(patsubst) $(strip); $(shell) is never run', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', 'ARCH = amd64\nRACE = $(if $(filter amd64 arm64,$(ARCH)),-race)\nL = $(strip   -s   -w  )\n')]);
  assert.equal(p.expand('$(RACE)', 'union').trim(), '-race');
  assert.equal(p.expand('$(RACE)', 'strict'), '', 'a conditional flag is not certain');
  assert.equal(p.expand('$(filter-out -v,-v -x)', 'union'), '-v -x', 'the words a filter chooses from');
  assert.equal(p.expand('$(subst a,b,$(ARCH))', 'union'), 'amd64');
  assert.equal(p.expand('$(patsubst %.go,%,main.go)', 'union'), 'main.go');
  assert.equal(p.expand('$(L)', 'strict').trim(), '-s   -w');
  assert.equal(p.expand('$(shell rm -rf /tmp/x; id)', 'union'), 'SHELL_OUTPUT');
  assert.equal(p.expand('$(shell rm -rf /tmp/x)', 'union', { shellPlaceholder: '$X' }), '$X');
});

test('makefile: $(call f,args) binds $(1), $(2)… for the function and what it reads; nested calls; a function calling itself stops', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', [
    'flags = $(1) -X main.c=$(C)',
    'C = $(2)',
    'wrap = $(call flags,$(1) -static,z)',
    'REL := $(call flags, -s -w,abc)',
    'DEV := $(call flags)',
    'loop = x$(call loop,$(1))',
  ].join('\n'))]);
  assert.equal(p.expand('$(REL)', 'union').trim(), '-s -w -X main.c=abc');
  assert.equal(p.expand('$(DEV)', 'union').trim(), '-X main.c=');
  assert.equal(p.expand('$(call wrap,-w)', 'strict').trim(), '-w -static -X main.c=z');
  // the arguments of one call are not kept for the next (values reading $(1) are not memoised)
  assert.equal(p.expand('$(call flags,-a,1) $(call flags,-b,2)', 'union'), '-a -X main.c=1 -b -X main.c=2');
  assert.equal(p.expand('$(C)', 'union'), '');
  assert.ok(p.expand('$(call loop,1)', 'union').length < 100, 'bounded');
});

test('makefile: a sub-make runs with what the recipe exports before it (same line, or earlier lines with .ONESHELL) and its command-line variables', () => {
  const text = (oneshell: boolean) => [
    ...(oneshell ? ['.ONESHELL:'] : []),
    'build:',
    '\texport CGO_ENABLED=0',
    '\texport LDFLAGS_EXT=\'-s -w\'',
    '\t$(MAKE) build-base GOOS=linux',
    'build-race:',
    '\texport GCFLAGS=-race; $(MAKE) build-base',
    'one-line:',
    '\texport LDFLAGS_EXT="-s"; GOARCH=arm64 $(MAKE) build-base',
    'build-base:',
    '\tgo build $(GCFLAGS) -ldflags="$(LDFLAGS_EXT) -X main.v=1" -o bin/app_$(GOOS) ./cmd/app',
  ].join('\n');
  const shell = new MakeProject('', [parseMakefile('Makefile', text(true))]);
  const [b] = goBuildsForTargets(shell, ['build']);
  assert.deepEqual([b!.union.ldflags, b!.union.env.CGO_ENABLED, b!.union.output], [['-s -w -X main.v=1'], '0', 'bin/app_linux']);
  const lines = new MakeProject('', [parseMakefile('Makefile', text(false))]);
  assert.deepEqual(goBuildsForTargets(lines, ['build']).map((x) => x.union.ldflags), [[' -X main.v=1']], 'each line is its own shell');
  assert.deepEqual(goBuildsForTargets(lines, ['one-line']).map((x) => [x.union.ldflags, x.union.env.GOARCH]), [[['-s -X main.v=1'], 'arm64']]);
  // the build judged on its own: every value its callers may pass (union reading only)
  const own = projectGoBuilds(shell).find((x) => x.targets.includes('build-base'))!;
  assert.deepEqual([own.union.ldflags, own.strict?.ldflags, own.openVars], [['-s -w -s -X main.v=1'], [' -X main.v=1'], ['GCFLAGS']]);
  // a race target's environment is not read for the build judged on its own (it would make it a -race build)
  assert.equal(own.union.race, false);
});

test('makefile: the expansion bomb finishes fast with a diagnostic; the variable and those using it are unknown', () => {
  const names = 'ABCDEFGHIJKLMNOPQ'.split('');
  const lines = names.slice(0, 16).map((n, i) => `${n}_VARIABLE_LONGER_NAME = $(${names[i + 1]}_VARIABLE_LONGER_NAME)$(${names[i + 1]}_VARIABLE_LONGER_NAME)`);
  lines.push('Q_VARIABLE_LONGER_NAME = -ldflags=-X=main.version=some-rather-long-value');
  lines.push('LDFLAGS = $(A_VARIABLE_LONGER_NAME)', 'OK = fine');
  const text = lines.join('\n');
  assert.ok(text.length > 1200 && text.length < 1400, `${text.length} bytes`);
  const diags: { code: string }[] = [];
  const p = new MakeProject('', [parseMakefile('Makefile', text)], diags as never);
  const open = new Set<string>();
  assert.equal(p.expand('$(LDFLAGS) $(OK)', 'union', { open }), ' fine');
  assert.ok(open.has('LDFLAGS') && open.has('A_VARIABLE_LONGER_NAME'), [...open].join(' '));
  assert.deepEqual(diags.map((d) => d.code), ['makefile-expansion-budget']);
  // memoised: asking again costs nothing more and reports nothing new
  const again = new Set<string>();
  assert.equal(p.expand('$(LDFLAGS)', 'union', { open: again }), '');
  assert.ok(again.has('LDFLAGS'));
  assert.equal(diags.length, 1);
});

test('makefile: a block pasted many times reads as one (union values count a repeat once) and the go builds stay one per recipe line', () => {
  const block = 'TESTFLAGS ?= -race\nLDFLAGS ?= -s -w\nifdef STATIC\nLDFLAGS += -extldflags=-static\nendif\n\nbuild:\n\tgo build $(TESTFLAGS) -ldflags "$(LDFLAGS)" -o bin/app ./cmd/app\n\n';
  const one = new MakeProject('', [parseMakefile('Makefile', block)]);
  const many = new MakeProject('', [parseMakefile('Makefile', block.repeat(3000))]);
  assert.equal(many.expand('$(TESTFLAGS) $(LDFLAGS)', 'union'), one.expand('$(TESTFLAGS) $(LDFLAGS)', 'union'));
  assert.equal(many.expand('$(TESTFLAGS)', 'union'), '-race');
  assert.equal(many.expand('$(LDFLAGS)', 'union'), '-s -w -extldflags=-static');
  // strict mode still appends every unconditional `+=` (make would)
  const appends = new MakeProject('', [parseMakefile('Makefile', 'X += -a\n'.repeat(50))]);
  assert.equal(appends.expand('$(X)', 'strict').split('-a').length - 1, 50);
  const builds = projectGoBuilds(many);
  assert.equal(builds.length, 3000);
  assert.deepEqual(new Set(builds.map((b) => b.command)), new Set(projectGoBuilds(one).map((b) => b.command)));
});

test('makefile: distinct values pasted many times stop at the project budget with one diagnostic, not memory exhaustion', () => {
  let text = '';
  for (let i = 0; text.length < 300 * 1024; i++) text += `ifdef X\nLDFLAGS ?= -s -w -X main.build=${i}\nendif\nbuild:\n\tgo build -ldflags "$(LDFLAGS)" -o bin/app ./cmd/app\n\n`;
  const diags: { code: string; message: string }[] = [];
  const p = new MakeProject('', [parseMakefile('Makefile', text)], diags as never);
  const builds = projectGoBuilds(p);
  assert.ok(builds.length < p.rules.length, `${builds.length} builds of ${p.rules.length} recipes: the rest are unknown`);
  assert.ok(diags.some((d) => d.code === 'makefile-expansion-budget' && /budget of the project/.test(d.message)), JSON.stringify(diags));
  assert.ok(diags.length <= 7, 'budget diagnostics are few');
});

test('makefile: includes resolve only to repository files; missing, computed, outside and cyclic includes', () => {
  const { repo, cleanup } = tempRepo({
    Makefile: [
      'ROOT := mk',
      'include $(ROOT)/a.mk', // 2: computed from a variable read before
      'include missing.mk', // 3
      '-include $(NOWHERE)/x.mk', // 4
      'include ../outside.mk', // 5
      'include mk/*.glob.mk', // 6
      'build:',
      '\tgo build $(FLAGS) $(MORE) $(GLOB) ./cmd/app',
    ].join('\n'),
    'mk/a.mk': 'FLAGS = -trimpath\ninclude mk/b.mk\n',
    'mk/b.mk': 'MORE = -v\ninclude mk/a.mk\n', // cycle back to a.mk
    'mk/x.glob.mk': 'GLOB = -x\n',
  });
  try {
    const [p] = makeProjects(repo).filter((x) => x.dir === '');
    assert.ok(p);
    assert.deepEqual(p.paths, ['Makefile', 'mk/a.mk', 'mk/b.mk', 'mk/x.glob.mk']);
    assert.deepEqual(p.unresolved.map((u) => [u.line, u.spec, u.reason, u.optional]), [
      [3, 'missing.mk', 'missing', false],
      [4, '$(NOWHERE)/x.mk', 'computed', true],
      [5, '../outside.mk', 'outside the repository', false],
    ]);
    assert.equal(p.expand('$(FLAGS) $(MORE) $(GLOB)', 'strict'), '-trimpath -v -x');
    assert.deepEqual(repo.diagnostics.filter((d) => d.code === 'makefile-include-unresolved').map((d) => d.line), [3, 4, 5]);
    assert.equal(projectGoBuilds(p)[0]!.union.trimpath, true);
  } finally {
    cleanup();
  }
});

test('makefile: includes relative to the including file through $(dir $(lastword $(MAKEFILE_LIST))); dir/notdir/addprefix', () => {
  const p0 = new MakeProject('', [parseMakefile('Makefile', 'F = a/b/c.mk d.mk\n')]);
  assert.equal(p0.expand('$(dir $(F))|$(notdir $(F))|$(lastword $(F))|$(firstword $(F))|$(addprefix -I,x y)', 'strict'), 'a/b/ ./|c.mk d.mk|d.mk|a/b/c.mk|-Ix -Iy');
  const { repo, cleanup } = tempRepo({
    Makefile: 'include make/mod.mk\n',
    'make/mod.mk': 'include $(dir $(lastword $(MAKEFILE_LIST)))/tools.mk\n',
    'make/tools.mk': 'TOOL = golangci-lint\n',
  });
  try {
    const p = makeProjects(repo).find((x) => x.dir === '')!;
    assert.deepEqual(p.paths, ['Makefile', 'make/mod.mk', 'make/tools.mk']);
    assert.deepEqual(p.unresolved, []);
  } finally {
    cleanup();
  }
});

test('makefile: a file over its time budget is a file-timeout diagnostic and reads as empty', () => {
  const diags: { code: string }[] = [];
  const mf = parseMakefile('Makefile', 'A = 1\nb:\n\techo $(A)\n'.repeat(1000), diags as never, 0);
  assert.equal(mf.vars.length + mf.rules.length, 0);
  assert.deepEqual(diags.map((d) => d.code), ['file-timeout']);
  assert.equal(parseMakefile('Makefile', 'A = 1\nb:\n\techo $(A)\n'.repeat(1000)).rules.length, 1000);
});

test('makefile: a target runs the define it calls by exact name (a name that is a prefix of another is another define), with its arguments', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', [
    'define go-build-app', // 1
    '\tgo build -trimpath -o $@ ./cmd/$(1)', // 2
    'endef', // 3
    'bin/app:', // 4
    '\t$(call go-build-app,app)', // 5
    'bin/mockgen:', // 6
    '\t$(call go-build,./vendor/example.org/mockgen)', // 7
    'define go-build', // 8
    '\tgo build -o bin/$(notdir $(1)) $(1)', // 9
    'endef', // 10
    'BUILD_CLI = $(call go-build,./cmd/cli)', // 11
    'dist/cli:', // 12
    '\t$(BUILD_CLI)', // 13
    'define outer', // 14
    '\t$(call go-build-app,nested)', // 15
    'endef', // 16
    'nested:', // 17
    '\t$(outer)', // 18
    'build-linux:', // 19
    '\t$(call go-build-$(OS),x)', // 20
  ].join('\n'))]);
  assert.deepEqual(defineCalls(p, '$(call go-build-app,app)'), [{ name: 'go-build-app', args: ['app'] }]);
  assert.deepEqual(defineCalls(p, '$(BUILD_CLI)'), [{ name: 'go-build' }], 'through a recursively expanded variable');
  assert.deepEqual(defineCalls(p, '$(outer)').map((c) => c.name), ['outer', 'go-build-app'], 'through another define');
  assert.deepEqual(defineCalls(p, '$(call go-build-$(OS),x)').map((c) => c.name), ['go-build-app'], 'a computed name: every define it may name');
  assert.deepEqual(defineCalls(p, '$(go-build-apps) $(call go-buil,x) $$(go-build)'), [], 'other names, and $$ is no reference');
  const builds = projectGoBuilds(p).map((b) => [b.line, b.targets[0], b.union.trimpath, b.union.packages.join(' ')]);
  assert.deepEqual(builds, [
    [2, 'bin/app', true, './cmd/app'],
    [2, 'nested', true, './cmd/'],
    [2, 'build-linux', true, './cmd/x'],
    [9, 'bin/mockgen', false, './vendor/example.org/mockgen'],
    [9, 'dist/cli', false, ''],
  ]);
  // the recipe lines themselves hold no build: the define bodies run there
  assert.ok(!projectGoBuilds(p).some((b) => [5, 7, 13, 18, 20].includes(b.line)));
  assert.deepEqual(goBuildsForTargets(p, ['bin/app']).map((b) => [b.line, b.union.packages]), [[2, ['./cmd/app']]]);
  assert.deepEqual(goBuildsForTargets(p, ['bin/mockgen']).map((b) => [b.line, b.union.output]), [[9, 'bin/mockgen']]);
  assert.deepEqual(goBuildsForTargets(p, ['dist/cli']).map((b) => b.line), [9]);
  // a recursively expanded variable holding the command (no define) is expanded where the recipe uses it, by exact name
  const v = new MakeProject('', [parseMakefile('Makefile', [
    'build-tool = go build -o bin/$(1) ./hack/$(1)',
    'build = go build -trimpath -o dist/$(1) ./cmd/$(1)',
    'dist/app:',
    '\t$(call build,app)',
  ].join('\n'))]);
  assert.deepEqual(projectGoBuilds(v).map((b) => [b.line, b.union.trimpath, b.union.output]), [[4, true, 'dist/app']]);
});

test('makefile: a target written with variables is the file its expansion names', () => {
  const p = new MakeProject('', [parseMakefile('Makefile', [
    'OUT := bin',
    'BINARY = app',
    'all: $(OUT)/$(BINARY)',
    '$(OUT)/$(BINARY):',
    '\tgo build -o $@ ./cmd/app',
  ].join('\n'))]);
  assert.deepEqual(p.rulesFor('bin/app').map((r) => r.line), [4]);
  assert.deepEqual(goBuildsForTargets(p, ['all']).map((b) => b.line), [5]);
  assert.deepEqual(goBuildsForTargets(p, []).map((b) => b.line), [5], 'the default goal');
  assert.deepEqual(p.rulesFor('bin/other'), []);
});
