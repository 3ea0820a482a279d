import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankTemplateLines, goreleaserConfigs, isGoreleaserPath, parseGoreleaser } from '../src/facts/goreleaser.js';
import { isKoConfigPath, koConfigs, parseKoConfig } from '../src/facts/ko.js';
import { tempRepo } from './helpers/temp-repo.js';

const GR = [
  'version: 2', // 1
  'env:', // 2
  '  - GOFLAGS=-mod=readonly', // 3
  'builds:', // 4
  '  - id: app', // 5
  '    main: ./cmd/app', // 6
  '    env: [CGO_ENABLED=0]', // 7
  '    flags:', // 8
  '      - -trimpath', // 9
  '    ldflags: -s -w -X main.v={{.Version}}', // 10
  '    gcflags:', // 11
  '      - all=-l', // 12
  '  - id: off', // 13
  '    skip: true', // 14
  '  - builder: prebuilt', // 15
  'dockers:', // 16
  '  - ids: [app]', // 17
  '    dockerfile: build/Dockerfile', // 18
  'signs:', // 19
  '  - artifacts: checksum', // 20
  'sboms:', // 21
  '  - artifacts: archive', // 22
].join('\n');

test('goreleaser: builds, flags with lines, env, sections, dockers', () => {
  const g = parseGoreleaser('.goreleaser.yaml', GR);
  assert.equal(g.parsed, true);
  assert.equal(g.buildsLine, 4);
  assert.deepEqual(g.globalEnv, ['GOFLAGS=-mod=readonly']);
  const [app, off, pre] = g.builds;
  assert.equal(app!.line, 5);
  assert.equal(app!.id, 'app');
  assert.deepEqual(app!.env, { value: ['CGO_ENABLED=0'], line: 7 });
  assert.deepEqual(app!.flags, { value: ['-trimpath'], line: 8 });
  assert.deepEqual(app!.ldflags, { value: ['-s -w -X main.v={{.Version}}'], line: 10 });
  assert.deepEqual(app!.gcflags, { value: ['all=-l'], line: 11 });
  assert.equal(off!.skip, true);
  assert.equal(pre!.builder, 'prebuilt');
  assert.equal(pre!.ldflags, undefined, 'absent ldflags = GoReleaser defaults');
  assert.deepEqual(g.dockers, [{ line: 17, dockerfile: 'build/Dockerfile', ids: ['app'] }]);
  assert.deepEqual(g.sections, { signs: 19, sboms: 21, dockers: 16 });
});

test('goreleaser: templates, broken YAML and odd documents', () => {
  const tmpl = 'project_name: x\n[[if .GOARCH]]\ndist: a\n[[else]]\ndist: b\n[[end]]\nbuilds:\n  - flags: [-trimpath]\n';
  assert.equal(blankTemplateLines(tmpl).split('\n').length, tmpl.split('\n').length);
  const g = parseGoreleaser('.goreleaser.yml.tmpl', tmpl);
  assert.equal(g.parsed, true);
  assert.equal(g.builds[0]!.line, 8);
  for (const [text, code] of [['builds:\n  - flags: [-trimpath\n', 'goreleaser-parse'], ['- just\n- a list\n', 'goreleaser-parse'], ['', 'goreleaser-parse']] as const) {
    const diags: { code: string }[] = [];
    const r = parseGoreleaser('.goreleaser.yaml', text, diags as never);
    assert.equal(r.parsed, false, text);
    assert.deepEqual(diags.map((d) => d.code), [code]);
  }
  const weird = parseGoreleaser('.goreleaser.yaml', 'builds: nope\nsigns: ~\n');
  assert.deepEqual(weird.builds, []);
  assert.equal(weird.sections.signs, 2);
});

test('ko: base images and builds with lines; broken YAML', () => {
  const k = parseKoConfig('.ko.yaml', 'defaultBaseImage: cgr.dev/chainguard/static\nbaseImageOverrides:\n  example.com/a: alpine:3.22\nbuilds:\n  - id: a\n    main: ./cmd/a\n    flags: [-tags, netgo]\n    ldflags:\n      - -s\n');
  assert.equal(k.parsed, true);
  assert.deepEqual(k.defaultBaseImage, { value: 'cgr.dev/chainguard/static', line: 1 });
  assert.deepEqual(k.baseImageOverrides, [{ importPath: 'example.com/a', image: 'alpine:3.22', line: 3 }]);
  assert.deepEqual(k.builds.map((b) => [b.line, b.id, b.flags?.value, b.ldflags?.line]), [[5, 'a', ['-tags', 'netgo'], 8]]);
  const diags: { code: string }[] = [];
  assert.equal(parseKoConfig('.ko.yaml', 'builds: [\n', diags as never).parsed, false);
  assert.deepEqual(diags.map((d) => d.code), ['ko-parse']);
});

test('goreleaser and ko: file names and repo-level memo', () => {
  for (const p of ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yaml', '.goreleaser.yml.tmpl', 'build/.goreleaser-nightly.yaml']) assert.ok(isGoreleaserPath(p), p);
  assert.ok(!isGoreleaserPath('goreleaser.json'));
  assert.ok(isKoConfigPath('.ko.yaml') && isKoConfigPath('deploy/.ko.yml') && !isKoConfigPath('ko.yaml'));
  const { repo, cleanup } = tempRepo({ '.goreleaser.yaml': 'builds:\n  - main: .\n', '.ko.yaml': 'builds: [\n' });
  try {
    assert.equal(goreleaserConfigs(repo).length, 1);
    assert.equal(goreleaserConfigs(repo), goreleaserConfigs(repo));
    assert.equal(koConfigs(repo)[0]!.parsed, false);
    assert.deepEqual(repo.diagnostics.map((d) => [d.code, d.file]), [['ko-parse', '.ko.yaml']]);
  } finally {
    cleanup();
  }
});

test('goreleaser and ko: anchors, aliases and merge keys are followed', () => {
  const g = parseGoreleaser('.goreleaser.yaml', [
    'x-defaults: &defaults', // 1
    '  flags: [-trimpath]', // 2
    '  env: &env [CGO_ENABLED=0]', // 3
    'builds:', // 4
    '  - <<: *defaults', // 5
    '    id: a', // 6
    '  - id: b', // 7
    '    env: *env', // 8
    '  - <<: [*defaults]', // 9
    '    id: c', // 10
    '    flags: [-v]', // 11
  ].join('\n'));
  assert.equal(g.parsed, true);
  assert.deepEqual(g.builds.map((b) => [b.id, b.line, b.flags?.value, b.flags?.line, b.env?.value, b.env?.line]), [
    ['a', 5, ['-trimpath'], 2, ['CGO_ENABLED=0'], 3],
    ['b', 7, undefined, undefined, ['CGO_ENABLED=0'], 8],
    ['c', 9, ['-v'], 11, ['CGO_ENABLED=0'], 3],
  ]);
  const k = parseKoConfig('.ko.yaml', 'base: &b gcr.io/distroless/static:nonroot\ndefaultBaseImage: *b\nbuilds:\n  - &one\n    id: x\n    ldflags: [-s]\n');
  assert.deepEqual(k.defaultBaseImage, { value: 'gcr.io/distroless/static:nonroot', line: 2 });
  assert.deepEqual(k.builds.map((b) => b.ldflags?.value), [['-s']]);
  assert.doesNotThrow(() => parseGoreleaser('.goreleaser.yaml', 'a: &a [*a]\nbuilds: *a\n'));
});
