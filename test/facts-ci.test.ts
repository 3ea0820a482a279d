import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEngine } from '../src/engine/engine.js';
import type { RepoFacts } from '../src/facts/repo-facts.js';
import { logicalLines, raceOf, recogniseCommand, simpleCommands, toolOfAction } from '../src/facts/ci-shell.js';
import { makefileAt } from '../src/facts/makefile.js';
import { ciFacts, ciSystemOf, isCiConfigPath } from '../src/facts/ci-config.js';
import { goEnvSettings } from '../src/facts/go-env-settings.js';
import { releaseFacts } from '../src/facts/release-pipelines.js';
import { expandMatrix, parseUses } from '../src/facts/ci-github-actions.js';
import { ScriptAnalyzer, commandLiterals, imageBuildOf } from '../src/facts/ci-scripts.js';
import { dockerfiles } from '../src/facts/dockerfiles.js';
import { localUseHeader } from '../src/facts/image-builds.js';

async function repoOf(files: Record<string, string>): Promise<RepoFacts> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-ci-'));
  for (const [rel, text] of Object.entries({ 'go.mod': 'module github.com/acme/app\n\ngo 1.22\n', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const res = await runEngine({ root: dir, rules: [], jobs: 1, gitignore: false });
  return res.repo;
}

const cmd = (text: string) => simpleCommands({ text, line: 1 });
const tool = (text: string, env: Record<string, string> = {}) => cmd(text).map((c) => recogniseCommand(c, env)).find((r) => r);

describe('ci-shell', () => {
  test('logical lines: comments dropped, continuations joined at the first line', () => {
    const out = logicalLines([
      { text: '# setup', line: 1 },
      { text: 'go test \\', line: 2 },
      { text: '  -race ./...  # all packages', line: 3 },
      { text: '', line: 4 },
      { text: 'echo "${#arr[@]}"', line: 5 },
    ]);
    assert.deepEqual(out, [{ text: 'go test -race ./...', line: 2 }, { text: 'echo "${#arr[@]}"', line: 5 }]);
  });
  test('simple commands: operators, assignments, wrappers, command substitution', () => {
    assert.deepEqual(cmd('cd api && sudo -E PATH=$PATH GOFLAGS=-race make test || exit 1').map((c) => [c.name, c.args.join(' '), JSON.stringify(c.assigns)]), [
      ['cd', 'api', '{}'],
      ['make', 'test', '{"PATH":"$PATH","GOFLAGS":"-race"}'],
      ['exit', '1', '{}'],
    ]);
    assert.deepEqual(cmd('"$(go env GOPATH)/bin/golangci-lint" run ./...').map((c) => c.name), ['golangci-lint']);
    assert.deepEqual(cmd('echo "a; make gen" && make test').map((c) => c.name), ['echo', 'make']);
    assert.deepEqual(cmd("echo don't; make test").map((c) => c.name), ['echo', 'make']);
  });
  test('go test: race, GOFLAGS, compile-only, -C, unresolved flag variables', () => {
    assert.deepEqual(tool('go test -race ./...'), { tool: 'go-test', race: 'yes', compileOnly: undefined });
    assert.equal(tool('go test --race=true ./...')?.race, 'yes');
    assert.equal(tool('go test ./...')?.race, 'no');
    assert.equal(tool('GOFLAGS="-race -mod=mod" go test ./...')?.race, 'yes');
    assert.equal(tool('go test ./...', { GOFLAGS: '-race' })?.race, 'yes');
    assert.equal(tool('go test $TESTFLAGS ./...')?.race, 'unknown');
    assert.equal(tool('go test $PKGS')?.race, 'no');
    assert.equal(tool('go -C api test ./...')?.tool, 'go-test');
    assert.equal(tool('go test -c -o /dev/null ./integration')?.compileOnly, true);
    assert.equal(tool('gotestsum --format dots -- -race ./...')?.race, 'yes');
    assert.equal(raceOf(['./...'], '$GHA_matrix.goflags'), 'unknown');
  });
  test('linters and scanners: direct, go run, go tool; installs and --version are not runs', () => {
    assert.equal(tool('go vet ./...')?.tool, 'go-vet');
    assert.equal(tool('go mod verify')?.tool, 'go-mod-verify');
    assert.equal(tool('go mod download'), undefined);
    assert.equal(tool('golangci-lint run --timeout 5m')?.tool, 'golangci-lint');
    assert.equal(tool('golangci-lint --version'), undefined);
    assert.equal(tool('go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1.0 run')?.tool, 'golangci-lint');
    assert.equal(tool('go run honnef.co/go/tools/cmd/staticcheck@latest ./...')?.tool, 'staticcheck');
    assert.equal(tool('go tool govulncheck ./...')?.tool, 'govulncheck');
    assert.equal(tool('go install golang.org/x/vuln/cmd/govulncheck@latest'), undefined);
    assert.equal(tool('govulncheck -version'), undefined);
    assert.equal(tool('trivy fs --scanners vuln .')?.tool, 'trivy');
    assert.equal(tool('echo go test ./...'), undefined);
    assert.equal(toolOfAction('golangci/golangci-lint-action@v8'), 'golangci-lint');
    assert.equal(toolOfAction('google/osv-scanner-action/.github/workflows/osv-scanner-reusable.yml@v2'), 'osv-scanner');
    assert.equal(toolOfAction('actions/checkout@v4'), undefined);
  });
  test('uses: pinned only by a full SHA; GitHub-owned, same-repo and same-owner flagged as such', () => {
    assert.deepEqual(parseUses('golangci/golangci-lint-action@v8'), { kind: 'action', repo: 'golangci/golangci-lint-action', ref: 'v8', pinned: false, githubOwned: false, sameRepo: false, sameOwner: false });
    assert.equal(parseUses('golangci/golangci-lint-action@4afd733a84b1f43292c63897423277bb7f4313a9').pinned, true);
    assert.equal(parseUses('golangci/golangci-lint-action@4afd733').pinned, false);
    assert.equal(parseUses('actions/checkout@v4').githubOwned, true);
    assert.equal(parseUses('github/codeql-action/init@v3').githubOwned, true);
    assert.equal(parseUses('docker://alpine:3').pinned, false);
    assert.equal(parseUses(`docker://alpine@sha256:${'a'.repeat(64)}`).pinned, true);
    assert.equal(parseUses('./.github/actions/x').kind, 'local');
    const wf = parseUses('acme/app/.github/workflows/x.yml@main', 'acme/app');
    assert.equal(wf.kind, 'reusable-workflow');
    assert.equal(wf.sameRepo, true);
    const sibling = parseUses('acme/shared-actions/setup-go@v1', 'acme/app');
    assert.deepEqual([sibling.sameRepo, sibling.sameOwner], [false, true]);
    assert.equal(parseUses('acme-corp/tools@v1', 'acme/app').sameOwner, false);
  });
});

describe('makefiles', () => {
  test('rules, recipes with lines, variables (all candidate values), includes, target-specific vars', async () => {
    const repo = await repoOf({
      Makefile: [
        'include common.mk', // 1
        'GO ?= go', // 2
        'ifeq ($(ARCH),amd64)', // 3
        'RACE := -race', // 4
        'endif', // 5
        '', // 6
        '.PHONY: test', // 7
        'test: lint', // 8
        '\t@$(GO) test $(RACE) \\', // 9
        '\t\t./...', // 10
        'lint: FLAGS += --fast', // 11
        'x: ; echo inline', // 12
      ].join('\n'),
      'common.mk': 'lint:\n\tgolangci-lint run $(FLAGS)\n',
    });
    const mf = makefileAt(repo, '')!;
    assert.deepEqual(mf.paths, ['Makefile', 'common.mk']);
    assert.equal(mf.defaultGoal(), 'lint');
    const test = mf.rulesFor('test');
    assert.deepEqual(test[0]!.prereqs, ['lint']);
    assert.deepEqual(test[0]!.recipe, [{ text: '@$(GO) test $(RACE) \\\n\t\t./...', line: 9 }]);
    assert.deepEqual(mf.rulesFor('lint').map((r) => [r.file, r.recipe.length]), [['common.mk', 1]]);
    assert.deepEqual(mf.assignments('FLAGS', ['lint']).map((v) => [v.file, v.line, v.op, v.value]), [['Makefile', 11, '+=', '--fast']]);
    assert.deepEqual(mf.assignments('FLAGS', ['test']), [], 'target-specific: only for its target');
    assert.deepEqual(mf.rulesFor('x')[0]!.recipe, [{ text: 'echo inline', line: 12 }]);
    assert.equal(mf.vars.get('RACE')![0]!.value, '-race');
    assert.equal(mf.expand('$(GO) test $(RACE) ./...', 'union'), 'go test -race ./...');
    assert.equal(mf.expand('$(GO) test $(RACE) ./...', 'strict'), 'go test  ./...', 'RACE is set only under ifeq');
  });
  test('expansion: variables, $(MAKE), functions and automatic variables as placeholders, $$', async () => {
    const repo = await repoOf({ Makefile: 'GO = go\nFLAGS = $(RACE) -v\nRACE = -race\n' });
    const mf = makefileAt(repo, '')!;
    const ctx = { shellPlaceholder: '$MAKE_shell', auto: { '@': '$MAKE_auto' } };
    assert.equal(mf.expand('$(GO) test ${FLAGS} $(shell go list ./...) $@ $$HOME', 'union', ctx), 'go test -race -v $MAKE_shell $MAKE_auto $HOME');
    assert.equal(mf.expand('$(MAKE) -C sub all $(UNDEFINED)', 'union', ctx), 'make -C sub all ');
  });
  test('make targets followed from CI: $(if)/$(filter) flags, ?= against the environment, unresolved includes', async () => {
    const repo = await repoOf({
      Makefile: [
        'include mk/tools.mk', // 1
        '-include $(SOMEWHERE)/extra.mk', // 2
        'include missing.mk', // 3
        'RACE_FLAG ?= $(if $(filter amd64,$(ARCH)),-race,)', // 4
        'test:', // 5
        '\tgo test $(RACE_FLAG) ./...', // 6
        'lint:', // 7
        '\t$(LINTER) run', // 8
      ].join('\n'),
      'mk/tools.mk': 'LINTER := golangci-lint\n',
    });
    const a = new ScriptAnalyzer(repo);
    const hits = a.analyze([{ text: 'make test lint', line: 1 }], { env: {}, cwd: '' });
    assert.deepEqual(hits.filter((h) => h.tool !== 'make').map((h) => [h.tool, h.text]).sort(), [['go-test', 'go test -race ./...'], ['golangci-lint', 'golangci-lint run']]);
    assert.deepEqual(hits.filter((h) => h.tool === 'make').map((h) => h.make), [{ makefile: 'Makefile', dir: '', targets: ['test', 'lint'], vars: {} }], 'the make run itself, for release reachability');
    assert.deepEqual(a.notFollowed.map((n) => [n.line, n.reason]), [[2, 'make -include $(SOMEWHERE)/extra.mk (computed)'], [3, 'make include missing.mk (missing)']]);
    const plain = new ScriptAnalyzer(repo).analyze([{ text: 'make test', line: 1 }], { env: { RACE_FLAG: '-v' }, cwd: '' });
    assert.deepEqual(plain.filter((h) => h.tool !== 'make').map((h) => h.text), ['go test -v ./...'], '?= keeps the environment value');
  });

  test('make targets defined only by a pattern rule (`%: common-%`) are followed through the stem', async () => {
    const repo = await repoOf({
      Makefile: 'all:: style test\n\ninclude Makefile.common\n',
      'Makefile.common': 'GOTEST := go test\n\ncommon-test:\n\t$(GOTEST) -race ./...\n\ncommon-style:\n\t@echo style\n\n%: common-% ;\n',
    });
    for (const line of ['make', 'make test']) {
      const hits = new ScriptAnalyzer(repo).analyze([{ text: line, line: 1 }], { env: {}, cwd: '' });
      assert.deepEqual(hits.filter((h) => h.tool !== 'make').map((h) => [h.tool, h.text]), [['go-test', 'go test -race ./...']], line);
    }
  });
});

describe('script analyzer', () => {
  test('nested commands: sh -c, ssh with a quoted remote script, docker run; shell assignments and cd', async () => {
    const repo = await repoOf({ 'sub/Makefile': 'binaries:\n\tgo build ./...\n' });
    const a = new ScriptAnalyzer(repo);
    const hits = a.analyze([
      { text: 'sh -c "go vet ./..."', line: 1 },
      { text: 'ssh host "cd sub ; make binaries"', line: 2 },
      { text: 'docker run --rm -v $PWD:/src golang:1.22 bash -c "go test -race ./..."', line: 3 },
      { text: 'FLAGS=-race; go test $FLAGS ./...', line: 4 },
      { text: 'cd sub && make binaries', line: 5 },
      { text: 'echo "go test ./..."', line: 6 },
    ], { env: {}, cwd: '' });
    assert.deepEqual(hits.map((h) => `${h.line}:${h.tool}:${h.race ?? ''}:${h.via.join('>')}${h.make ? `:${h.make.makefile}#${h.make.targets.join(',')}` : ''}`), [
      '1:go-vet::',
      '2:make:::sub/Makefile#binaries',
      '2:go-build:no:sub/Makefile:2',
      '3:go-test:yes:',
      '4:go-test:yes:',
      '5:make:::sub/Makefile#binaries',
      '5:go-build:no:sub/Makefile:2',
    ]);
  });
});

describe('ci facts', () => {
  test('GitHub Actions: lines of block scalars, make and script following, env GOFLAGS, working-directory', async () => {
    const repo = await repoOf({
      '.github/workflows/ci.yml': [
        'name: ci', // 1
        'on: [push]', // 2
        'env:', // 3
        '  GOFLAGS: -mod=readonly', // 4
        'jobs:', // 5
        '  test:', // 6
        '    runs-on: ubuntu-latest', // 7
        '    steps:', // 8
        '      - uses: actions/checkout@v4', // 9
        '      - run: |', // 10
        '          echo start', // 11
        '', // 12
        '          make test', // 13
        '      - run: ./hack/lint.sh', // 14
        '      - working-directory: api', // 15
        '        run: go test -race ./...', // 16
      ].join('\n'),
      Makefile: 'test:\n\tgo test ./...\n',
      'hack/lint.sh': '#!/bin/sh\nset -e\ngo vet ./...\n',
      'api/Makefile': 'x:\n\ttrue\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => [t.tool, t.line, t.race, t.via.join('>')]), [
      ['go-test', 13, 'no', 'Makefile:2'],
      ['go-vet', 14, undefined, 'hack/lint.sh:3'],
      ['go-test', 16, 'yes', ''],
    ]);
    assert.equal(ci.ownRepo, 'acme/app');
    assert.deepEqual(ci.configs.map((c) => [c.file, c.parsed, c.jobs]), [['.github/workflows/ci.yml', true, 1]]);
  });
  test('GitHub Actions: command inputs of actions and reusable workflows are commands the job runs', async () => {
    const repo = await repoOf({
      '.github/workflows/ci.yml': [
        'on: [push]', // 1
        'jobs:', // 2
        '  unit:', // 3
        '    runs-on: ubuntu-latest', // 4
        '    strategy: {matrix: {pkg: [api, web]}}', // 5
        '    steps:', // 6
        '      - uses: acme/retry@v3', // 7
        '        with:', // 8
        '          max_attempts: 3', // 9
        '          command: make cover', // 10
        '      - uses: acme/tool@v1', // 11
        '        with:', // 12
        '          working-directory: api', // 13
        '          pre-command: |', // 14
        '            echo hi', // 15
        '            go vet ./...', // 16
        '          args: go test ./...', // 17
        '      - uses: actions/github-script@v7', // 18
        '        with:', // 19
        '          script: go test ./...', // 20
        '      - uses: acme/run@v1', // 21
        '        with:', // 22
        '          cmd: go test ./${{ matrix.pkg }}/...', // 23
        '  shared:', // 24
        '    uses: acme/workflows/.github/workflows/go.yml@main', // 25
        '    with:', // 26
        "      test-command: 'V=1 make test'", // 27
        '      go-version: 1.22', // 28
      ].join('\n'),
      Makefile: 'GO_TESTFLAGS := -race\ncover:\n\tgo test $(GO_TESTFLAGS) -cover ./...\ntest:\n\tgotestsum -- ./...\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => [t.tool, t.line, t.job, t.race, t.text]), [
      ['go-test', 10, 'unit', 'yes', 'go test -race -cover ./...'],
      ['go-vet', 16, 'unit', undefined, 'go vet ./...'],
      ['go-test', 23, 'unit', 'no', 'go test ./api/...'],
      ['go-test', 23, 'unit', 'no', 'go test ./web/...'],
      ['go-test', 27, 'shared', 'no', 'gotestsum -- ./...'],
    ]);
  });
  test('Buildkite: pipeline command steps, groups, env; triggers not followed; other YAML detected, not read', async () => {
    const repo = await repoOf({
      '.buildkite/pipeline.yml': [
        'env:', // 1
        '  GOFLAGS: -race', // 2
        'steps:', // 3
        '  - label: lint', // 4
        '    command: go vet ./...', // 5
        '  - wait', // 6
        '  - group: tests', // 7
        '    steps:', // 8
        '      - key: unit', // 9
        '        commands:', // 10
        '          - echo start', // 11
        '          - .buildkite/steps/tests.sh', // 12
        '  - trigger: release-pipeline', // 13
        '  - plugins:', // 14
        '      - docker-compose#v5.0.0: {run: app}', // 15
        '  - block: release', // 16
      ].join('\n'),
      '.buildkite/steps/tests.sh': '#!/bin/sh\nset -e\ngo test ./...\n',
      '.buildkite/release.yml': 'steps:\n  - command: go test -count=1 ./...\n    env:\n      GOFLAGS: ""\n',
      '.buildkite/docker-compose.yml': 'services:\n  agent:\n    command: go test ./...\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => [t.system, t.file, t.tool, t.line, t.job, t.race, t.via.join('>')]), [
      ['buildkite', '.buildkite/pipeline.yml', 'go-vet', 5, 'lint', undefined, ''],
      ['buildkite', '.buildkite/pipeline.yml', 'go-test', 12, 'unit', 'yes', '.buildkite/steps/tests.sh:3'],
      ['buildkite', '.buildkite/release.yml', 'go-test', 2, 'step 1', 'no', ''],
    ]);
    assert.deepEqual(ci.configs.map((c) => [c.file, c.system, c.parsed, c.jobs]), [
      ['.buildkite/docker-compose.yml', 'other', false, undefined],
      ['.buildkite/pipeline.yml', 'buildkite', true, 4],
      ['.buildkite/release.yml', 'buildkite', true, 1],
    ]);
    assert.deepEqual(ci.partial.map((p) => [p.file, p.line]), [['.buildkite/pipeline.yml', 13], ['.buildkite/pipeline.yml', 15]]);
  });
  test('GitHub Actions: anchors resolve to the anchored lines; a broken workflow is a diagnostic and the rest goes on', async () => {
    const repo = await repoOf({
      '.github/workflows/a.yml': 'on: push\njobs:\n  a:\n    steps:\n      - &t\n        run: go test ./...\n  b:\n    steps:\n      - *t\n',
      '.github/workflows/b.yml': 'on: push\njobs:\n  x: {steps: [\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => `${t.file}:${t.line}:${t.job}`), ['.github/workflows/a.yml:6:a', '.github/workflows/a.yml:6:b']);
    assert.deepEqual(ci.configs.map((c) => [c.file, c.parsed]), [['.github/workflows/a.yml', true], ['.github/workflows/b.yml', false]]);
    const d = repo.diagnostics.find((x) => x.code === 'ci-parse-error');
    assert.equal(d?.file, '.github/workflows/b.yml');
  });
  test('GitLab CI: local includes, extends, !reference, default before_script; skipped parts recorded', async () => {
    const repo = await repoOf({
      '.gitlab-ci.yml': [
        'include:', // 1
        '  - local: ci/templates.yml', // 2
        '  - remote: https://example.com/ci.yml', // 3
        '  - template: Jobs/Dependency-Scanning.gitlab-ci.yml', // 4
        'default:', // 5
        '  before_script:', // 6
        '    - go mod download', // 7
        'unit:', // 8
        '  extends: .go', // 9
        'lint:', // 10
        '  script:', // 11
        '    - !reference [.lint, script]', // 12
        '    - !reference [.nowhere, script]', // 13
        'other:', // 14
        '  extends: .unknown', // 15
      ].join('\n'),
      'ci/templates.yml': '.go:\n  script:\n    - go test -race ./...\n.lint:\n  script: go vet ./...\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => `${t.tool}@${t.file}:${t.line}`).sort(), [
      'gitlab-dependency-scanning@.gitlab-ci.yml:4',
      'go-test@ci/templates.yml:3',
      'go-vet@ci/templates.yml:5',
    ]);
    assert.deepEqual(ci.partial.map((p) => `${p.file}:${p.line}`).sort(), ['.gitlab-ci.yml:13', '.gitlab-ci.yml:15', '.gitlab-ci.yml:3']);
    assert.ok(repo.diagnostics.some((d) => d.code === 'ci-not-followed' && /remote/.test(d.message)));
    assert.equal(ci.configs.find((c) => c.file === '.gitlab-ci.yml')?.jobs, 3);
  });
  test('CircleCI commands and orbs, Drone multi-document, other CI systems detected only', async () => {
    const repo = await repoOf({
      '.circleci/config.yml': 'version: 2.1\ncommands:\n  unit:\n    steps:\n      - run: go test ./...\njobs:\n  t:\n    steps:\n      - checkout\n      - unit\n      - go/test\n',
      '.drone.yml': 'kind: pipeline\nname: p\nsteps:\n  - name: lint\n    commands:\n      - staticcheck ./...\n---\nkind: signature\nhmac: x\n',
      'Jenkinsfile': 'pipeline {}\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => `${t.system}:${t.tool}:${t.line}`), ['circleci:go-test:5', 'drone:staticcheck:6']);
    assert.deepEqual(ci.partial.map((p) => `${p.file}:${p.line}`), ['.circleci/config.yml:11']);
    assert.deepEqual(ci.configs.filter((c) => c.system === 'other').map((c) => c.name), ['Jenkins']);
  });
  test('GitHub Actions matrix: a run line naming ${{ matrix.k }} is followed once per value (list and include), other references stay unresolved', async () => {
    const repo = await repoOf({
      '.github/workflows/ci.yml': [
        'on: push', // 1
        'jobs:', // 2
        '  t:', // 3
        '    strategy:', // 4
        '      matrix:', // 5
        '        target: [test-unit, lint]', // 6
        '        include:', // 7
        '          - target: test-race', // 8
        '    steps:', // 9
        '      - run: make ${{ matrix.target }}', // 10
        '      - run: go test ${{ matrix.flags }} ./...', // 11
      ].join('\n'),
      Makefile: 'GOTEST_OPT ?= -race\ntest-unit:\n\tgo test ./pkg/...\nlint:\n\tgo vet ./...\ntest-race:\n\tgo test $(GOTEST_OPT) ./...\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => [t.tool, t.line, t.race ?? '-', t.via.join('>')]), [
      ['go-test', 10, 'no', 'Makefile:3'],
      ['go-vet', 10, '-', 'Makefile:5'],
      ['go-test', 10, 'yes', 'Makefile:7'],
      ['go-test', 11, 'unknown', ''],
    ]);
  });
  test('programs in other languages: commands in their string literals, race unknown unless written, recorded as not fully followed', async () => {
    const repo = await repoOf({
      '.circleci/config.yml': 'version: 2.1\njobs:\n  t:\n    steps:\n      - run: ./build.py --test\n      - run: python3 tools/lint.py\n      - run: ./tools/notes.py\n',
      'build.py': '#!/usr/bin/env python\nimport subprocess\ncmd = "go test --failfast"\nif race:\n    cmd += " -race"\nrun(cmd + " ./...")\n',
      'tools/lint.py': 'import subprocess\nsubprocess.run(["go", "vet", "./..."])\nprint("go test is run elsewhere: see README")\n',
      'tools/notes.py': 'print("release notes")\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => [t.tool, t.line, t.race ?? '-', t.via.join('>')]), [
      ['go-test', 5, 'unknown', 'build.py:3'],
      ['go-vet', 6, '-', 'tools/lint.py:2'],
    ]);
    assert.deepEqual(ci.partial.map((p) => p.file).sort(), ['build.py', 'tools/lint.py', 'tools/notes.py']);
  });
  test('command literals: quoted strings and argv lists', () => {
    assert.deepEqual(commandLiterals(`run(["go", "test", '-race', "./..."]) # "x"`), ['go', 'test', '-race', './...', 'x', 'go test -race ./...']);
    assert.deepEqual(commandLiterals('no strings here'), []);
    assert.deepEqual(commandLiterals(`logging.info("go test ./... next"); print(f'go vet {x}')`), []);
  });
  test('matrix expansion: only referenced keys, combinations bounded, no matrix leaves the script as it is', () => {
    const lines = [{ text: 'make ${{ matrix.a }} ARCH=${{ matrix.b }} ${{ matrix.none }}', line: 1 }];
    const m = new Map([['a', ['x', 'y']], ['b', ['1', '2']], ['c', ['unused']]]);
    assert.deepEqual(expandMatrix(lines, m).map((v) => v[0]!.text), [
      'make x ARCH=1 ${{ matrix.none }}', 'make x ARCH=2 ${{ matrix.none }}', 'make y ARCH=1 ${{ matrix.none }}', 'make y ARCH=2 ${{ matrix.none }}',
    ]);
    assert.deepEqual(expandMatrix(lines, new Map()), [lines]);
    const big = new Map([['a', Array.from({ length: 40 }, (_, i) => `t${i}`)]]);
    assert.deepEqual(expandMatrix(lines, big), [lines]);
  });
  test('composite actions used by a workflow are read; their uses: are collected', async () => {
    const repo = await repoOf({
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    steps:\n      - uses: ./.github/actions/go\n',
      '.github/actions/go/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: golangci/golangci-lint-action@v8\n    - run: go test ./...\n      shell: bash\n',
    });
    const ci = ciFacts(repo);
    assert.deepEqual(ci.tools.map((t) => `${t.tool}@${t.file}:${t.line}`), ['golangci-lint@.github/actions/go/action.yml:4', 'go-test@.github/actions/go/action.yml:5']);
    assert.deepEqual(ci.actions.map((a) => `${a.uses}:${a.kind}`), ['./.github/actions/go:local', 'golangci/golangci-lint-action@v8:action']);
  });
  test('one definition of a CI file: CI facts, Go environment settings and release evidence agree', async () => {
    const repo = await repoOf({
      'Jenkinsfile-release': "pipeline { environment { GOPROXY = 'direct' } }\n",
      '.semaphore/semaphore.yml': 'blocks:\n  - task:\n      jobs:\n        - commands:\n            - export GOFLAGS=-mod=mod\n            - GONOSUMDB=example.com go build ./...\n',
      // GitHub runs no workflow from a subdirectory: a compose file kept there is not CI
      '.github/workflows/stack/compose.yml': 'services:\n  app:\n    environment:\n      GOPROXY: direct\n',
      '.gitea/workflows/ci.yml': 'on: push\njobs:\n  t:\n    steps:\n      - run: go test ./...\n',
      '.gitea/actions/sign/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: cosign sign-blob dist/app\n      shell: bash\n',
      '.gitlab/ci/lint.yml': 'lint:\n  script: [GOFLAGS=-mod=vendor golangci-lint run]\n',
    });
    assert.deepEqual(
      ['Jenkinsfile-release', 'Jenkinsfile.nightly', '.semaphore/semaphore.yml', '.github/workflows/stack/compose.yml', '.gitea/actions/sign/action.yml', '.gitlab/ci/lint.yml', 'azure-pipelines-pr.yml', 'docs/ci.yml']
        .map((f) => `${f}:${ciSystemOf(f)?.name ?? '-'}`),
      ['Jenkinsfile-release:Jenkins', 'Jenkinsfile.nightly:Jenkins', '.semaphore/semaphore.yml:Semaphore', '.github/workflows/stack/compose.yml:-',
        '.gitea/actions/sign/action.yml:GitHub Actions', '.gitlab/ci/lint.yml:GitLab CI', 'azure-pipelines-pr.yml:Azure Pipelines', 'docs/ci.yml:-']);
    assert.equal(isCiConfigPath('.github/workflows/stack/compose.yml'), false);
    const ci = ciFacts(repo);
    assert.deepEqual(ci.configs.map((c) => `${c.file}:${c.system}:${c.parsed}`).sort(), [
      '.gitea/actions/sign/action.yml:github-actions:true', '.gitea/workflows/ci.yml:github-actions:true',
      '.semaphore/semaphore.yml:other:false', 'Jenkinsfile-release:other:false',
    ]);
    assert.deepEqual(ci.tools.map((t) => `${t.tool}@${t.file}:${t.line}`), ['go-test@.gitea/workflows/ci.yml:5']);
    assert.deepEqual(goEnvSettings(repo).map((s) => `${s.name}@${s.file}:${s.line}:${s.source}`), [
      'GOFLAGS@.gitlab/ci/lint.yml:2:ci', 'GOFLAGS@.semaphore/semaphore.yml:5:ci', 'GONOSUMDB@.semaphore/semaphore.yml:6:ci', 'GOPROXY@Jenkinsfile-release:1:ci',
    ]);
    assert.deepEqual(releaseFacts(repo).evidence.signature, { file: '.gitea/actions/sign/action.yml', line: 4 });
  });
});

describe('release pipelines', () => {
  test('what a step publishes: notes-only gh releases, chart archives, ko images with their SBOM, GoReleaser snapshots and configs by any name', async () => {
    const repo = await repoOf({
      '.github/workflows/release.yml': [
        'on:', '  push:', '    tags: ["v*"]', 'jobs:', '  r:', '    runs-on: ubuntu-latest', '    steps:',
        '      - run: gh release create ${{ github.ref_name }} --generate-notes --notes-start-tag ${{ steps.t.outputs.prev }}',
        '      - run: make chart',
        '      - run: gh release upload ${{ github.ref_name }} out/app-$VERSION.tgz',
        '      - run: ko build --bare ./cmd/app',
        '      - run: goreleaser release --snapshot --clean',
        '      - run: goreleaser -f build/gr.yml --clean',
        '',
      ].join('\n'),
      'Makefile': 'chart:\n\ttar czf out/app-$(VERSION).tgz -C deploy/app .\n',
      'deploy/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      '.goreleaser.yml': 'version: 2\nbuilds:\n  - main: ./cmd/app\n',
      'build/gr.yml': 'version: 2\nbuilds:\n  - main: ./cmd/app\nsigns:\n  - artifacts: checksum\n',
    });
    const rel = releaseFacts(repo);
    assert.deepEqual(rel.pipelines.map((p) => `${p.kind}:${p.file}:${p.line}:${p.publishes}:${p.step?.line ?? '-'}:${p.sbom ? 'sbom' : '-'}`).sort(), [
      'goreleaser:.goreleaser.yml:2:snapshot:12:-',
      'goreleaser:build/gr.yml:2:ci:13:-',
      'workflow:.github/workflows/release.yml:11:ci:11:sbom',
    ]);
    assert.deepEqual(rel.goreleaserEvidence, { signature: { file: 'build/gr.yml', line: 4 } });
    assert.deepEqual(rel.evidence, {});
  });
});

describe('image builds', () => {
  const build = (text: string, cwd = '') => imageBuildOf(cmd(text)[0]!, cwd);
  test('docker build, buildx build, podman, buildah and bake: the Dockerfile and context', () => {
    assert.deepEqual(build('docker build -t app:1 -f build/Dockerfile.release .'), { dockerfile: 'build/Dockerfile.release' });
    assert.deepEqual(build('docker buildx build --platform linux/amd64,linux/arm64 --push -t x images/app'), { dockerfile: 'images/app/Dockerfile', context: 'images/app' });
    assert.deepEqual(build('docker build .', 'deploy'), { dockerfile: 'deploy/Dockerfile', context: 'deploy' });
    assert.deepEqual(build('docker build --file=../Dockerfile .', 'deploy'), { dockerfile: 'Dockerfile' });
    assert.deepEqual(build('podman build -f - .'), { dockerfile: '*' });
    assert.deepEqual(build('buildah bud -t app ctx'), { dockerfile: 'ctx/Dockerfile', context: 'ctx' });
    assert.deepEqual(build('docker build -f docker/$NAME/Dockerfile .'), { dockerfile: 'docker/$NAME/Dockerfile' });
    assert.deepEqual(build('docker buildx bake -f docker-bake.hcl --push release'), { bake: { files: ['docker-bake.hcl'], dir: '', targets: ['release'] } });
    assert.equal(build('docker compose build'), undefined);
    assert.equal(build('docker build https://github.com/acme/app.git'), undefined);
    assert.equal(build('docker push app:1'), undefined);
  });
  test('CI facts: image builds through make and docker/build-push-action (matrix values), with the workflow line', async () => {
    const repo = await repoOf({
      '.github/workflows/release.yml': [
        'on:', // 1
        '  push:', // 2
        "    tags: ['v*']", // 3
        'jobs:', // 4
        '  images:', // 5
        '    strategy:', // 6
        '      matrix:', // 7
        '        variant: [server, agent]', // 8
        '    runs-on: ubuntu-latest', // 9
        '    steps:', // 10
        '      - run: make image', // 11
        '      - uses: docker/build-push-action@v6', // 12
        '        with:', // 13
        '          file: build/${{ matrix.variant }}.Dockerfile', // 14
        '          push: true', // 15
      ].join('\n'),
      Makefile: 'image:\n\tdocker build -f build/Dockerfile .\n',
    });
    assert.deepEqual(ciFacts(repo).imageBuilds.map((b) => [b.file, b.line, b.dockerfile, b.via.join('>')]), [
      ['.github/workflows/release.yml', 11, 'build/Dockerfile', 'Makefile:2'],
      ['.github/workflows/release.yml', 12, 'build/server.Dockerfile', ''],
      ['.github/workflows/release.yml', 12, 'build/agent.Dockerfile', ''],
    ]);
  });
  test('a docker/build-push-action step that does not push does not make a release workflow', async () => {
    const wf = (push: string) => ['on: [pull_request]', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - name: image', '        uses: docker/build-push-action@v6', '        with:', '          context: .', ...(push ? [`          push: ${push}`] : [])].join('\n');
    const repo = await repoOf({ '.github/workflows/a.yml': wf(''), '.github/workflows/b.yml': wf('false'), '.github/workflows/c.yml': wf("${{ github.event_name != 'pull_request' }}") });
    assert.deepEqual(releaseFacts(repo).workflows, ['.github/workflows/c.yml']);
  });
  test('where the release path builds images, the Dockerfiles it does not build are development images', async () => {
    const repo = await repoOf({
      '.github/workflows/release.yml': 'on:\n  push:\n    tags: [v*]\njobs:\n  i:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx bake --push\n'
        // checked out into a folder: the path names that folder first
        + '      - working-directory: src/github.com/acme/app\n        run: docker buildx build -f build/env.Dockerfile -o out/ .\n',
      'build/env.Dockerfile': 'FROM golang:1.26\n',
      'docker-bake.hcl': 'target "app" {\n  context = "."\n  dockerfile = "build/app.Dockerfile"\n}\n',
      'build/app.Dockerfile': 'FROM scratch\n',
      'Dockerfile.stack': 'FROM scratch\n',
      'docker-compose.yml': 'services:\n  s:\n    build:\n      dockerfile: Dockerfile.stack\n',
    });
    assert.deepEqual(dockerfiles(repo).map((d) => [d.file, d.role]).sort(), [['Dockerfile.stack', 'development'], ['build/app.Dockerfile', 'production'], ['build/env.Dockerfile', 'production']]);
  });
  test('a Dockerfile header that says the file is for local development only, or not the official image', () => {
    assert.match(localUseHeader('# NOTE: this Dockerfile is purely for local development! it is *not* used for\n# the official image.\nFROM x\n') ?? '', /purely for local development/);
    assert.match(localUseHeader('# syntax=docker/dockerfile:1\n# This image is not the one we publish: it is not used for production.\nFROM x\n') ?? '', /not used for production/);
    assert.equal(localUseHeader('# The released image. For local development, see Dockerfile.dev.\nFROM x\n'), undefined);
    assert.equal(localUseHeader('FROM x\n# this stage is for local development only\n'), undefined);
  });
});

test('module owner names: github.com owners, and the organisation a vanity import host is named after', async () => {
  const { ownerNames } = await import('../src/core/module-owner.js');
  assert.deepEqual(ownerNames(['knative.dev/eventing', 'github.com/Foo/bar/v2', 'go.uber.org/zap', 'gopkg.in/yaml.v3', 'collectd.org', 'k8s.io/api', 'nohost']),
    ['collectd', 'foo', 'k8s', 'knative']);
});
