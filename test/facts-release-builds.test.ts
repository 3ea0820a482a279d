import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerGoBuilds, releaseBuilds } from '../src/facts/release-builds.js';
import { tempRepo } from './helpers/temp-repo.js';

test('release builds: Dockerfile, Makefile (incl. RUN make), GoReleaser and ko, with report lines', () => {
  const { repo, cleanup } = tempRepo({
    Dockerfile: [
      'FROM golang:1.26 AS build', // 1
      'RUN go build -o /a ./cmd/a', // 2
      'RUN make image-bin', // 3
      'FROM golang:1.26 AS test', // 4
      'RUN go build -o /t ./cmd/t', // 5
      'FROM scratch', // 6
      'COPY --from=build /a /a', // 7
      'ENTRYPOINT ["/a"]', // 8
    ].join('\n'),
    'test/Dockerfile': 'FROM golang:1.26\nRUN go build ./x\n',
    Makefile: 'image-bin:\n\tCGO_ENABLED=0 go build -trimpath -o bin/b ./cmd/b\ntest:\n\tgo build ./...\n',
    '.goreleaser.yaml': 'builds:\n  - id: r\n    main: ./cmd/r\n',
    '.ko.yaml': 'builds:\n  - id: k\n    main: ./cmd/k\n',
  });
  try {
    const rb = releaseBuilds(repo);
    assert.deepEqual(rb.map((b) => [b.source, b.file, b.line, b.where, b.trimpath, b.ldflagsDefaulted]), [
      ['dockerfile', 'Dockerfile', 2, "Dockerfile stage 'build'", false, false],
      ['makefile', 'Makefile', 2, 'make target image-bin', true, false],
      ['goreleaser', '.goreleaser.yaml', 2, "GoReleaser build 'r'", false, true],
      ['ko', '.ko.yaml', 2, "ko build 'k'", true, false],
    ]);
    const dg = dockerGoBuilds(repo);
    assert.deepEqual(dg.map((d) => [d.run.line, d.viaMake?.line, d.build.env.CGO_ENABLED]), [[2, undefined, undefined], [3, 2, '0']]);
  } finally {
    cleanup();
  }
});

test('release builds: a make target its Makefile comments as for local use is not one, unless an image build runs it', () => {
  const { repo, cleanup } = tempRepo({
    Makefile: [
      'build: ## Builds the binary for your local OS', // 1
      '\t# This is for local use; releases use GoReleaser', // 2
      '\tgo build -o app .', // 3
      '', // 4
      '# dev docker builds', // 5
      'dev-image-bin:', // 6
      '\tgo build -o bin/dev ./cmd/dev-server', // 7
      '', // 8
      'release:', // 9
      '\tgo build -ldflags "-X main.v=1" -o dist/app .', // 10
      '', // 11
      '# for local development, also used by the image', // 12
      'image-bin:', // 13
      '\tgo build -o bin/img ./cmd/img', // 14
    ].join('\n'),
    Dockerfile: 'FROM golang:1.26 AS build\nRUN make image-bin\nFROM scratch\nCOPY --from=build /src/bin/img /img\nENTRYPOINT ["/img"]\n',
  });
  try {
    assert.deepEqual(releaseBuilds(repo).map((b) => `${b.file}:${b.line}`), ['Makefile:10', 'Makefile:14']);
  } finally {
    cleanup();
  }
});

test('release builds: ko / GoReleaser ldflags templates read the environment that make recipes and workflows give the tool', () => {
  const { repo, cleanup } = tempRepo({
    '.ko.yaml': [
      'builds:',
      '  - id: guarded', // 2
      '    ldflags: [\'{{ if index .Env "LINK" }}{{ .Env.LINK }}{{ end }}\']',
      '  - id: exported', // 4
      '    ldflags: ["{{ .Env.EXPORTED }}"]',
      '  - id: open', // 6
      '    ldflags: ["-X main.v={{ .Env.VERSION }} {{ .Env.FROM_CI }}"]',
      '  - id: fromshell', // 8
      '    ldflags: ["{{ .Env.SHELLVAR }}"]',
    ].join('\n'),
    Makefile: [
      'ifdef V', // 1
      'LINK := "-s -X main.v=$(V)"',
      'else',
      'LINK := "-s"',
      'endif',
      'export EXPORTED = -X main.e=1', // 6
      'KO ?= bin/ko',
      'publish:', // 8
      '\tLINK=$(LINK) SHELLVAR=$(FROM_MAKE_ENV) $(KO) build ./cmd/a', // 9
      'other:',
      '\tLINK="-X only" go run ./hack/gen', // not a ko run
    ].join('\n'),
    '.goreleaser.yaml': 'env:\n  - OWN=-s -w\n  - TPL={{ .Env.OUTSIDE }}\nbuilds:\n  - id: r\n    ldflags: ["{{ .Env.OWN }}", "{{ .Env.WF }}"]\n  - id: t\n    ldflags: ["{{ .Env.TPL }}"]\n',
    '.github/workflows/release.yml': [
      'on: push',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: goreleaser/goreleaser-action@v6', // 6
      '        env:',
      '          WF: -X main.tag=${{ github.ref_name }} ${{ secrets.MORE }}',
      '          TPL: -X not.used=1', // GoReleaser's own TPL entry wins (a template: open)
    ].join('\n'),
  });
  try {
    const rb = releaseBuilds(repo);
    const ko = Object.fromEntries(rb.filter((b) => b.source === 'ko').map((b) => [b.where, [b.ldflags.join(' | ').trim(), b.ldflagsVia]]));
    assert.deepEqual(ko, {
      "ko build 'guarded'": ['-s -X main.v=', 'LINK set at Makefile:9'],
      "ko build 'exported'": ['-X main.e=1', 'EXPORTED set at Makefile:6'],
      // VERSION and FROM_CI are set nowhere: a whole-variable word stays (not judged), a -X value keeps its name
      "ko build 'open'": ['-X main.v=$VERSION $FROM_CI', undefined],
      // SHELLVAR=$(FROM_MAKE_ENV): a make variable no makefile sets is not a value
      "ko build 'fromshell'": ['$SHELLVAR', undefined],
    });
    const g = rb.filter((b) => b.source === 'goreleaser').map((b) => [b.ldflags, b.ldflagsVia]);
    assert.deepEqual(g, [
      [['-s -w', '-X main.tag=$CI_EXPR $CI_EXPR'], 'WF set at .github/workflows/release.yml:6'],
      [['$TPL'], undefined],
    ]);
  } finally {
    cleanup();
  }
});

test('release builds: an image\'s `make` of a computed target or the default goal reaches the Makefile targets it may name (their builds are the image\'s)', () => {
  const { repo, cleanup } = tempRepo({
    Dockerfile: [
      'ARG VARIANT=std',
      'FROM golang:1.26 AS build',
      'ARG VARIANT',
      'WORKDIR /src',
      'COPY . .',
      'RUN make build-${VARIANT}', // 6
      'RUN make', // 7
      'FROM scratch',
      'COPY --from=build /src/bin/ /bin/',
    ].join('\n'),
    Makefile: [
      'BINARY = agent', // 1
      'default: bin/$(BINARY)', // 2
      'bin/$(BINARY):', // 3
      '\tgo build -o $@ ./cmd/agent', // 4
      'build-std:', // 5
      '\tgo build -o bin/std ./cmd/std', // 6
      'build-lite:', // 7
      '\tgo build -tags lite -o bin/lite ./cmd/std', // 8
      'cli:', // 9
      '\tgo build -o bin/gen ./cmd/gen', // 10
    ].join('\n'),
    'go.mod': 'module example.com/agent\n\ngo 1.24\n',
    'cmd/agent/main.go': 'package main\n\nfunc main() {}\n',
    'cmd/std/main.go': 'package main\n\nfunc main() {}\n',
    'cmd/gen/main.go': 'package main\n\nfunc main() {}\n',
  });
  try {
    assert.deepEqual(dockerGoBuilds(repo).map((d) => [d.run.line, d.viaMake?.line]), [[6, 6], [6, 8], [7, 4]]);
    // nothing takes files out of the image: the builds it runs are its own (the cli target, which it does not run, is a
    // developer build beside the image's release path)
    assert.deepEqual(releaseBuilds(repo).map((b) => [b.line, b.imageOnly ?? false]), [[4, true], [6, true], [8, true]]);
  } finally {
    cleanup();
  }
});
