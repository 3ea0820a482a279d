/**
 * BLD1001 and the release toolchain: Go versions relative to today's support window (testdata
 * with fixed versions would change meaning when the next Go release ships).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRules } from '../src/rules/registry.js';
import { runEngine } from '../src/engine/engine.js';
import { supportWindow } from '../src/facts/go-releases.js';
import { goVersionOf, releaseToolchains, setupGoVersion } from '../src/facts/release-toolchains.js';
import { tempRepo } from './helpers/temp-repo.js';

const window = supportWindow();
const behind = `1.${window.oldest.minor - 1}`;
const supported = `1.${window.oldest.minor}`;

async function bld1001(files: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bld1001-'));
  try {
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    const rule = allRules().find((r) => r.meta.id === 'BLD1001')!;
    const res = await runEngine({ root: dir, rules: [rule], skipDirs: ['.git'], gitignore: false, jobs: 1 });
    return res.findings.map((f) => `${path.relative(dir, f.file)}:${f.line}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const app = (go: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'go.mod': `module github.com/acme/exporter\n\ngo ${go}.0\n`,
  'main.go': 'package main\n\nfunc main() {}\n',
  ...extra,
});

test('goVersionOf reads the Go version of image tags, setup-go inputs and toolchain names', () => {
  assert.equal(goVersionOf('1.26'), '1.26');
  assert.equal(goVersionOf('1.26.x'), '1.26');
  assert.equal(goVersionOf('1.25.6-bookworm'), '1.25.6');
  assert.equal(goVersionOf('go1.25.13'), '1.25.13');
  assert.equal(goVersionOf("'1.24'"), '1.24');
  assert.equal(goVersionOf('alpine'), undefined);
  assert.equal(goVersionOf('${GO_VERSION}'), undefined);
});

test('setup-go versions: stable, exact versions and semver ranges (^ and >= resolve to the newest Go, ~ to a minor line)', () => {
  assert.equal(setupGoVersion('stable'), 'stable');
  assert.equal(setupGoVersion("'oldstable'"), 'stable');
  assert.equal(setupGoVersion('~1.26.4'), '1.26.4');
  assert.equal(setupGoVersion('"~1.25"'), '1.25');
  assert.equal(setupGoVersion('^1.22'), 'stable');
  assert.equal(setupGoVersion('>=1.21.0'), 'stable');
  assert.equal(setupGoVersion('1.26.x'), '1.26');
  assert.equal(setupGoVersion('${{ matrix.go }}'), undefined);
});

test('release toolchains: promu, production Dockerfile golang images, setup-go of release workflows, toolchain directives', () => {
  const { repo, cleanup } = tempRepo({
    '.promu.yml': 'go:\n    # keep in sync with CI\n    version: 1.26\nrepository:\n    path: x\n',
    Dockerfile: 'FROM golang:1.25.6-bookworm AS build\nRUN go build -o /a .\nFROM scratch\nCOPY --from=build /a /a\n',
    'test/Dockerfile': 'FROM golang:1.20\n',
    '.github/workflows/release.yml': 'on: push\njobs:\n  r:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: 1.26.x\n      - uses: goreleaser/goreleaser-action@v6\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: 1.19\n',
    '.goreleaser.yaml': 'builds:\n  - main: .\n',
  });
  try {
    assert.deepEqual(releaseToolchains(repo).map((t) => [t.via, t.version, `${t.file}:${t.line}`]), [
      ['promu', '1.26', '.promu.yml:3'],
      ['dockerfile', '1.25.6', 'Dockerfile:1'],
      ['setup-go', '1.26', '.github/workflows/release.yml:7'],
    ]);
  } finally {
    cleanup();
  }
});

test('BLD1001: one release behind is not reported when every release toolchain the repository shows is supported', async () => {
  // promu builds the release with a supported Go: the go line only keeps one release's GODEBUG defaults
  assert.deepEqual(await bld1001(app(behind, { '.promu.yml': `go:\n  version: ${supported}\n` })), []);
  // the release image is built with a supported golang image
  assert.deepEqual(await bld1001(app(behind, {
    Dockerfile: `FROM golang:${supported} AS build\nRUN go build -o /a .\nFROM scratch\nCOPY --from=build /a /a\nENTRYPOINT ["/a"]\n`,
  })), []);
});

test('release toolchains: setup-go go-version-file reads .go-version, .tool-versions and go.work as setup-go does', () => {
  const wf = (file: string) => `on: push\njobs:\n  r:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version-file: ${file}\n      - uses: goreleaser/goreleaser-action@v6\n`;
  const cases: [Record<string, string>, string | undefined][] = [
    [{ '.go-version': '# pinned for releases\n1.26.6\n' }, '1.26.6'],
    [{ '.tool-versions': 'nodejs 22.1.0\ngolang 1.26.2\n' }, '1.26.2'],
    [{ 'go.work': 'go 1.25.0\n\ntoolchain go1.26.3\n\nuse .\n' }, '1.26.3'],
    [{ '.go-version': 'not a version\n' }, undefined],
  ];
  for (const [extra, want] of cases) {
    const file = Object.keys(extra)[0]!;
    const { repo, cleanup } = tempRepo({ 'go.mod': 'module example.com/x\n\ngo 1.25.0\n', 'main.go': 'package main\n\nfunc main() {}\n', '.goreleaser.yaml': 'builds:\n  - main: .\n', '.github/workflows/release.yml': wf(file), ...extra });
    try {
      assert.deepEqual(releaseToolchains(repo).filter((t) => t.via === 'setup-go').map((t) => t.version), want ? [want] : [], file);
    } finally {
      cleanup();
    }
  }
});

test('BLD1001: still reported without a visible release toolchain, with an unsupported one, or two releases behind', async () => {
  assert.deepEqual(await bld1001(app(behind)), ['go.mod:3']);
  // the release is built with the unsupported release (nack: golang:1.25.6 in the release Dockerfile)
  assert.deepEqual(await bld1001(app(behind, {
    Dockerfile: `FROM golang:${behind}.6 AS build\nRUN go build -o /a .\nFROM scratch\nCOPY --from=build /a /a\nENTRYPOINT ["/a"]\n`,
  })), ['go.mod:3']);
  // a toolchain directive of the unsupported release beside a supported promu (pyroscope's go1.25.13)
  assert.deepEqual(await bld1001({
    ...app(behind, { '.promu.yml': `go:\n  version: ${supported}\n` }),
    'go.mod': `module github.com/acme/exporter\n\ngo ${behind}.0\n\ntoolchain go${behind}.13\n`,
  }), ['go.mod:3']);
  // a toolchain directive alone does not say how releases are built
  assert.deepEqual(await bld1001({
    ...app(behind),
    'go.mod': `module github.com/acme/exporter\n\ngo ${behind}.0\n\ntoolchain go${supported}.1\n`,
  }), ['go.mod:3']);
  // two releases behind: the GODEBUG defaults lag a year
  const older = `1.${window.oldest.minor - 2}`;
  assert.deepEqual(await bld1001(app(older, { '.promu.yml': `go:\n  version: ${supported}\n` })), ['go.mod:3']);
});
