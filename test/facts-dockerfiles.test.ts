import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  debugVariantReason, dockerfileRole, dockerfiles, effectiveUser, imageCommand, isDockerfilePath, isRunnable, isWindowsStage, makeInvocations, parseDockerfile, rootFrom,
  runScript, stagesFeedingFinal, substituteVars,
} from '../src/facts/dockerfiles.js';
import { floatingTag, imageLibc, isGoToolchainImage, isWindowsImage, parseImageRef, defaultsToNonRoot } from '../src/facts/image-ref.js';
import { tempRepo } from './helpers/temp-repo.js';
import { buildArgsIn, passedArgValues } from '../src/facts/docker-build-args.js';

const MULTI = [
  '# syntax=docker/dockerfile:1', // 1
  'ARG GO_VERSION=1.26', // 2
  'ARG BASE=gcr.io/distroless/static-debian12:nonroot', // 3
  'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build', // 4
  'ENV CGO_ENABLED=0 GOFLAGS="-trimpath"', // 5
  'ARG VERSION=dev', // 6
  'RUN --mount=type=cache,target=/root/.cache go build \\', // 7
  '    -ldflags "-s -w -X main.v=${VERSION}" -o /out/app ./cmd/app', // 8
  'RUN go env -w GOPRIVATE=example.com CGO_ENABLED=0', // 9
  'ADD https://example.com/a.tgz /tmp/', // 10
  'ADD --checksum=sha256:abc https://example.com/b.tgz /tmp/', // 11
  'FROM build AS tools', // 12
  'RUN make -C tools VERSION=1 lint build', // 13
  'FROM ${BASE}', // 14
  'COPY --from=build /out/app /app', // 15
  'USER 65532:65532', // 16
  'EXPOSE 8080 9090/udp', // 17
  'ENTRYPOINT ["/app"]', // 18
].join('\n');

test('dockerfile: stages, ARG substitution, env, runs, users, ports, adds', () => {
  const diags: { code: string }[] = [];
  const df = parseDockerfile('Dockerfile', MULTI, diags as never);
  assert.deepEqual(diags, []);
  assert.equal(df.role, 'production');
  assert.equal(df.stages.length, 3);
  assert.equal(df.final, 2);
  const [build, tools, fin] = df.stages as [typeof df.stages[0], typeof df.stages[0], typeof df.stages[0]];
  assert.equal(build.name, 'build');
  assert.equal(build.from.resolved, 'golang:1.26-alpine');
  assert.equal(build.from.ref?.tag, '1.26-alpine');
  assert.equal(build.from.platform, '$BUILDPLATFORM');
  assert.equal(build.from.line, 4);
  assert.equal(tools.from.stageRef, 0);
  assert.equal(fin.from.resolved, 'gcr.io/distroless/static-debian12:nonroot');
  assert.equal(fin.from.unresolvedName, false);
  // RUN: multi-line, env snapshot (ENV + stage ARG), go build flags
  const run = build.runs[0]!;
  assert.equal(run.line, 7);
  assert.equal(run.endLine, 8);
  assert.equal(run.env.CGO_ENABLED, '0');
  assert.equal(run.env.VERSION, 'dev');
  assert.equal(run.goBuilds.length, 1);
  assert.equal(run.goBuilds[0]!.trimpath, true, 'GOFLAGS from ENV');
  assert.deepEqual(run.goBuilds[0]!.ldflags, ['-s -w -X main.v=${VERSION}']);
  // go env -w persists; ENV is inherited by the child stage, ARG is not
  assert.equal(build.inheritableEnv.GOPRIVATE, 'example.com');
  assert.equal(tools.runs[0]!.env.CGO_ENABLED, '0');
  assert.equal(tools.runs[0]!.env.VERSION, undefined);
  assert.deepEqual(tools.runs[0]!.makes, [{ targets: ['lint', 'build'], vars: { VERSION: '1' }, dir: 'tools', env: { CGO_ENABLED: '0', GOFLAGS: '-trimpath', GOPRIVATE: 'example.com' } }]);
  assert.deepEqual(build.adds.map((a) => [a.line, a.remote, a.checksum]), [[10, ['https://example.com/a.tgz'], false], [11, ['https://example.com/b.tgz'], true]]);
  assert.deepEqual(fin.copies, [{ from: 'build', fromStage: 0, sources: ['/out/app'], line: 15 }]);
  assert.deepEqual(fin.users, [{ value: '65532:65532', resolved: '65532:65532', line: 16 }]);
  assert.deepEqual(fin.exposes, [{ ports: ['8080', '9090/udp'], line: 17 }]);
  assert.equal(fin.entrypointLine, 18);
  // derived views
  assert.deepEqual([...stagesFeedingFinal(df)].sort(), [0, 2]);
  assert.equal(isRunnable(df, 2), true);
  assert.equal(isRunnable(df, 0), false);
  assert.equal(effectiveUser(df, 2)?.line, 16);
  assert.equal(rootFrom(df, 1)?.resolved, 'golang:1.26-alpine');
});

test('dockerfile: heredoc and exec-form RUN, make invocations', () => {
  assert.equal(runScript('<<EOF\ngo build ./a\nEOF'), 'go build ./a');
  assert.equal(runScript('<<-"EOT" bash\n  set -e\n  go build ./b\n  EOT'), '  set -e\n  go build ./b');
  assert.equal(runScript('["go", "build", "-o", "/x y", "."]'), `'go' 'build' '-o' '/x y' '.'`);
  assert.equal(runScript('[ -f x ] && go build .'), '[ -f x ] && go build .');
  assert.deepEqual(makeInvocations('cd src && make -j4 CGO_ENABLED=0 -f build.mk release; $(MAKE) test'), [
    { targets: ['release'], vars: { CGO_ENABLED: '0' }, file: 'build.mk', env: {} },
    { targets: ['test'], vars: {}, env: {} },
  ]);
  assert.deepEqual(makeInvocations('cmake .. && make'), [{ targets: [], vars: {}, env: {} }]);
  // the environment the run starts with: the script's, what `export` set before it, inline assignments (after flags
  // like the RUN's --mount, which are not part of the script)
  assert.deepEqual(makeInvocations('export A=1 && CGO_ENABLED=0 GOOS=linux \\\n  make _build', { GOPATH: '/go' }), [
    { targets: ['_build'], vars: {}, env: { GOPATH: '/go', A: '1', CGO_ENABLED: '0', GOOS: 'linux' } },
  ]);
});

test('dockerfile: malformed input gives diagnostics, never exceptions', () => {
  const diags: { code: string; line?: number }[] = [];
  const none = parseDockerfile('Dockerfile', 'RUN echo hi\nnot an instruction\n', diags as never);
  assert.equal(none.stages.length, 0);
  assert.equal(none.final, undefined);
  assert.deepEqual(diags.map((d) => d.code).sort(), ['dockerfile-before-from', 'dockerfile-no-from', 'dockerfile-unknown-instruction']);
  const d2: { code: string }[] = [];
  const odd = parseDockerfile('x.dockerfile', 'FROM\nFROM alpine AS\nUSER\nEXPOSE\nCOPY --from=nowhere a b\nENV\nARG\n', d2 as never);
  assert.equal(odd.stages.length, 2);
  assert.deepEqual(d2.map((d) => d.code), ['dockerfile-from-no-image']);
  assert.equal(odd.stages[1]!.copies[0]!.fromStage, undefined);
  for (const text of ['', '\u0000\u0001\u0002', 'FROM a\nRUN <<EOF\nunterminated', '\\\n\\\n', 'FROM ${', 'ARG A=${A}\nFROM $A']) {
    assert.doesNotThrow(() => parseDockerfile('Dockerfile', text, []));
  }
});

test('dockerfile: names and roles', () => {
  for (const p of ['Dockerfile', 'build/Dockerfile.prod', 'app.dockerfile', 'Containerfile', 'Dockerfile_windows', 'x/Dockerfile-alpine']) {
    assert.ok(isDockerfilePath(p), p);
  }
  for (const p of ['Dockerfile.dockerignore', 'docs/Dockerfile.md', 'dockerfile.go', 'NotADockerfile', 'Dockerfile.tmpl']) {
    assert.ok(!isDockerfilePath(p), p);
  }
  assert.deepEqual(dockerfileRole('Dockerfile'), { role: 'production' });
  assert.deepEqual(dockerfileRole('.github/workflows/release/Dockerfile'), { role: 'production' });
  assert.equal(dockerfileRole('contrib/Dockerfile.test').role, 'example', 'the folder decides first (code-roles)');
  assert.equal(dockerfileRole('build/Dockerfile.test').role, 'test');
  assert.equal(dockerfileRole('tests/antithesis/server/Dockerfile').role, 'test');
  assert.equal(dockerfileRole('.devcontainer/Dockerfile').role, 'development');
  assert.equal(dockerfileRole('Dockerfile.debug').role, 'development');
  assert.equal(dockerfileRole('docs/check.Dockerfile').role, 'documentation');
  assert.equal(dockerfileRole('examples/grpc/Dockerfile').role, 'example');
  assert.equal(dockerfileRole('deploy/Dockerfile.distroless').role, 'production');
});

test('dockerfile: variable substitution', () => {
  assert.deepEqual(substituteVars('${A}:${B:-x}-$C', { A: 'a', C: 'c' }), { value: 'a:x-c', unresolved: [] });
  assert.deepEqual(substituteVars('img:${T}', {}), { value: 'img:${T}', unresolved: ['T'] });
  assert.equal(substituteVars('${E:+yes}${U+set}', { E: '1' }).value, 'yes');
});

test('image references and base image knowledge', () => {
  const r = parseImageRef('registry:5000/team/app:1.2@sha256:abc')!;
  assert.deepEqual([r.name, r.repo, r.tag, r.digest], ['registry:5000/team/app', 'app', '1.2', 'sha256:abc']);
  assert.equal(parseImageRef('registry:5000/app')!.tag, undefined);
  assert.equal(floatingTag(parseImageRef('alpine')!), 'none');
  assert.equal(floatingTag(parseImageRef('alpine:latest')!), 'latest');
  assert.equal(floatingTag(parseImageRef('x:latest-amd64')!), 'latest');
  assert.equal(floatingTag(parseImageRef('x:latest@sha256:1')!), undefined);
  assert.equal(floatingTag(parseImageRef('x:latestish')!), undefined);
  assert.equal(imageLibc(parseImageRef('scratch')!), 'none');
  assert.equal(imageLibc(parseImageRef('gcr.io/distroless/static-debian12:nonroot')!), 'none');
  assert.equal(imageLibc(parseImageRef('gcr.io/distroless/base-debian12')!), 'glibc');
  assert.equal(imageLibc(parseImageRef('alpine:3.22')!), 'musl');
  assert.equal(imageLibc(parseImageRef('golang:1.26-alpine3.22')!), 'musl');
  assert.equal(imageLibc(parseImageRef('golang:1.26')!), 'unknown');
  assert.ok(isGoToolchainImage(parseImageRef('docker.io/library/golang:1.26')!));
  assert.ok(!isGoToolchainImage(parseImageRef('golangci/golangci-lint:v2')!));
  assert.ok(defaultsToNonRoot(parseImageRef('gcr.io/distroless/static-debian13:nonroot-amd64')!));
  assert.ok(!defaultsToNonRoot(parseImageRef('gcr.io/distroless/static-debian13:latest')!));
});

test('Windows images: by base image, tag, platform, shell or account; the final stage decides', () => {
  for (const img of ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'mcr.microsoft.com/windows/servercore:${V}', 'microsoft/windowsservercore',
    'golang:1.25-windowsservercore-ltsc2022', 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
    'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0']) {
    assert.ok(isWindowsImage(parseImageRef(img)!), img);
  }
  for (const img of ['alpine:3.22', 'golang:1.25', 'mcr.microsoft.com/powershell:lts-ubuntu-22.04', 'example.com/windows-exporter:1.0']) assert.ok(!isWindowsImage(parseImageRef(img)!), img);
  const win = (text: string) => {
    const df = parseDockerfile('Dockerfile', text);
    return isWindowsStage(df, df.final!);
  };
  assert.ok(win('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe"]\n'));
  assert.ok(win('FROM --platform=windows/amd64 example.com/base:1\nCMD ["app.exe"]\n'));
  assert.ok(win('FROM example.com/base:1\nSHELL ["powershell", "-Command"]\nCMD ["app.exe"]\n'));
  assert.ok(win('FROM example.com/base:1 AS base\nUSER ContainerUser\nFROM base\nCMD ["app.exe"]\n'));
  assert.ok(!win('FROM golang:1.25-windowsservercore-ltsc2022 AS build\nFROM alpine:3.22\nCMD ["/app"]\n'));
  assert.ok(!win('FROM example.com/base:1\nSHELL ["/bin/bash", "-c"]\nCMD ["/app"]\n'));
});

test('dockerfiles(repo): every Dockerfile once, unreadable files as diagnostics', () => {
  const { repo, cleanup } = tempRepo({
    Dockerfile: 'FROM alpine:3.22\n',
    'deploy/api.dockerfile': 'FROM scratch\n',
    'Dockerfile.dockerignore': '*\n',
    'big/Dockerfile': Buffer.from([0x46, 0x52, 0, 0x4d]),
  });
  try {
    const all = dockerfiles(repo);
    assert.deepEqual(all.map((d) => d.file), ['Dockerfile', 'deploy/api.dockerfile']);
    assert.equal(dockerfiles(repo), all, 'memoised');
    assert.deepEqual(repo.diagnostics.map((d) => [d.code, d.file]), [['unreadable-file', 'big/Dockerfile']]);
  } finally {
    cleanup();
  }
});

test('dockerfile: pasted stages resolve names to the first stage of that name; a file over its time budget is a file-timeout diagnostic', () => {
  const block = 'FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\nFROM build AS again\nCOPY --from=build /out/app /app\n';
  const df = parseDockerfile('Dockerfile', block.repeat(500));
  assert.equal(df.stages.length, 1000);
  assert.ok(df.stages.filter((s) => s.name === 'again').every((s) => s.from.stageRef === 0));
  assert.ok(df.stages.flatMap((s) => s.copies).every((c) => c.fromStage === 0));
  const diags: { code: string; message: string }[] = [];
  const over = parseDockerfile('Dockerfile', block.repeat(500), diags as never, 0);
  assert.equal(over.stages.length, 0);
  assert.deepEqual(diags.map((d) => d.code), ['file-timeout']);
  assert.match(diags[0]!.message, /per-file budget of 0 s/);
});

test('Dockerfiles built by nobody: names and build contexts in the tooling, variables as wildcards, the root Dockerfile always built', () => {
  const { repo, cleanup } = tempRepo({
    Dockerfile: 'FROM alpine:3.22\n',
    'tgs.Dockerfile': 'FROM alpine:3.22\n',
    'docker/arm/Dockerfile': 'FROM alpine:3.22\n',
    'build/Dockerfile.prod': 'FROM alpine:3.22\n',
    'images/agent/Dockerfile': 'FROM alpine:3.22\n',
    'variants/Dockerfile.alpine': 'FROM alpine:3.22\n',
    'deploy/cd/Dockerfile': 'FROM alpine:3.22\n',
    '.github/workflows/docker.yml': [
      'jobs:',
      '  d:',
      '    strategy:',
      '      matrix:',
      '        variant: [alpine, debian]',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: .',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ./images/agent',
      '      - run: docker build -f variants/Dockerfile.${{ matrix.variant }} .',
    ].join('\n'),
    Makefile: 'image:\n\tdocker build -f build/Dockerfile.prod -t app .\n',
    'hack/release.sh': 'cd deploy/cd && docker build -t cd .\n',
  });
  try {
    const roles = Object.fromEntries(dockerfiles(repo).map((d) => [d.file, d.role]));
    assert.deepEqual(roles, {
      Dockerfile: 'production',
      'tgs.Dockerfile': 'development',
      'docker/arm/Dockerfile': 'development',
      'build/Dockerfile.prod': 'production',
      'images/agent/Dockerfile': 'production',
      'variants/Dockerfile.alpine': 'production',
      'deploy/cd/Dockerfile': 'production', // the context a script changes into
    });
  } finally {
    cleanup();
  }
  // no visible image build at all: nothing is known, every Dockerfile counts as built
  const none = tempRepo({ 'tgs.Dockerfile': 'FROM alpine:3.22\n', Makefile: 'build:\n\tgo build -o app .\n' });
  try {
    assert.equal(dockerfiles(none.repo)[0]!.role, 'production');
  } finally {
    none.cleanup();
  }
});

test('CI tool images: a Dockerfile in a CI configuration folder built only by compose files is a development image', () => {
  const { repo, cleanup } = tempRepo({
    Dockerfile: 'FROM alpine:3.22\n',
    '.buildkite/Dockerfile-github-release': 'FROM alpine:3.22\n',
    '.buildkite/Dockerfile-compile': 'FROM golang:1.26\n',
    '.buildkite/docker-compose.release.yml': 'services:\n  github-release:\n    build:\n      context: .\n      dockerfile: Dockerfile-github-release\n',
    '.buildkite/docker-compose.yml': 'services:\n  compile:\n    build:\n      context: .\n      dockerfile: Dockerfile-compile\n',
    // shipped: a workflow builds it (and a compose file too)
    '.github/Dockerfile-release': 'FROM alpine:3.22\n',
    '.github/workflows/docker.yml': 'jobs:\n  d:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          file: ./.github/Dockerfile-release\n',
    '.github/compose.yml': 'services:\n  r:\n    build:\n      dockerfile: .github/Dockerfile-release\n',
    // outside a CI folder a compose-built image is judged as before
    'deploy/Dockerfile.app': 'FROM alpine:3.22\n',
    'docker-compose.yml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: deploy/Dockerfile.app\n',
  });
  try {
    const roles = Object.fromEntries(dockerfiles(repo).map((d) => [d.file, [d.role, d.roleReason ?? '']]));
    assert.deepEqual(roles['.buildkite/Dockerfile-github-release'], ['development', 'a CI tool image: in a CI configuration folder, built only by compose files (.buildkite/docker-compose.release.yml)']);
    assert.equal(roles['.buildkite/Dockerfile-compile']![0], 'development');
    assert.equal(roles['.github/Dockerfile-release']![0], 'production');
    assert.equal(roles['deploy/Dockerfile.app']![0], 'production');
    assert.equal(roles.Dockerfile![0], 'production');
  } finally {
    cleanup();
  }
});

test('build arguments the tooling passes: --build-arg, build-push-action build-args, bake and compose args', () => {
  const pairs = (file: string, text: string) => buildArgsIn(file, text).map((a) => [a.line, a.name, a.value ?? null]);
  assert.deepEqual(pairs('Makefile', [
    'img:', // 1
    '\tdocker build --build-arg BUILD_IMAGE=golang:$(GO_VERSION)-bookworm \\', // 2
    '\t\t--build-arg=RUNTIME_IMAGE=alpine:3.23 --build-arg "NOTE=a b" --build-arg TOKEN --build-arg $(EXTRA) .', // 3
  ].join('\n')), [[2, 'BUILD_IMAGE', null], [3, 'RUNTIME_IMAGE', 'alpine:3.23'], [3, 'NOTE', 'a b'], [3, 'TOKEN', null]]);
  assert.deepEqual(pairs('.github/workflows/x.yml', [
    '      - uses: docker/build-push-action@v6', // 1
    '        with:', // 2
    '          build-args: |', // 3
    '            BASE_IMAGE=alpine:3', // 4
    '            VERSION=${{ github.ref_name }}', // 5
    '          push: true', // 6
    '      - uses: docker/build-push-action@v6', // 7
    '        with:', // 8
    '          build-args:', // 9
    '          - GO=1.26', // 10
    '          tags: x', // 11
    '      - uses: docker/build-push-action@v6', // 12
    '        with:', // 13
    '          build-args: A=1,B=2', // 14
  ].join('\n')), [[4, 'BASE_IMAGE', 'alpine:3'], [5, 'VERSION', null], [10, 'GO', '1.26'], [14, 'A', '1'], [14, 'B', '2']]);
  assert.deepEqual(pairs('docker-bake.hcl', 'target "a" {\n  args = {\n    BASE = "alpine:3"\n    V = "${V}"\n  }\n}\n'),
    [[3, 'BASE', 'alpine:3'], [4, 'V', null]]);
  assert.deepEqual(pairs('docker-bake.json', '{"target": {"a": {"args": {"BASE": "alpine:3"}}}}'), [[1, 'BASE', 'alpine:3']]);
  assert.deepEqual(pairs('compose.yaml', 'services:\n  app:\n    build:\n      context: .\n      args:\n        BASE: alpine:3\n        - X=1\n    command: [serve]\n  k:\n    image: x\n'),
    [[6, 'BASE', 'alpine:3'], [7, 'X', '1']]);
  // container args of a plain YAML manifest are not build arguments
  assert.deepEqual(pairs('deploy/pod.yaml', 'spec:\n  containers:\n    - args:\n        - --flag=1\n'), []);
  // one literal value everywhere is the value; a variable, the environment or different values are set outside
  const v = passedArgValues([
    { file: 'a', line: 1, name: 'ONE', value: 'alpine:3' }, { file: 'b', line: 1, name: 'ONE', value: 'alpine:3' },
    { file: 'a', line: 2, name: 'TWO', value: 'alpine:3' }, { file: 'b', line: 2, name: 'TWO', value: 'debian:12' },
    { file: 'a', line: 3, name: 'ENV' },
  ]);
  assert.deepEqual([...v], [['ONE', 'alpine:3'], ['TWO', undefined], ['ENV', undefined]]);
});

test('dockerfile: a global ARG the tooling passes is not its default; one nothing passes keeps it', () => {
  const text = 'ARG RUNTIME_IMAGE=placeholder\nARG BASE=alpine:latest\nARG KEEP=busybox\nARG TAG=${BASE}\nFROM ${RUNTIME_IMAGE} AS rt\nFROM ${BASE} AS b\nFROM ${KEEP}\nARG TAG\nRUN echo $TAG\n';
  const df = parseDockerfile('Dockerfile', text, [], undefined, new Map([['RUNTIME_IMAGE', undefined], ['BASE', 'alpine:3.23']]));
  assert.deepEqual(df.passedArgs, ['RUNTIME_IMAGE', 'BASE']);
  assert.equal(df.stages[0]!.from.unresolvedName, true);
  assert.equal(df.stages[0]!.from.resolved, '${RUNTIME_IMAGE}');
  assert.equal(df.stages[1]!.from.resolved, 'alpine:3.23');
  assert.equal(df.stages[2]!.from.resolved, 'busybox');
  assert.equal(df.stages[2]!.runs[0]!.env.TAG, 'alpine:3.23', 'ARGs derived from a passed one follow it');
  const plain = parseDockerfile('Dockerfile', text);
  assert.equal(plain.passedArgs, undefined);
  assert.equal(plain.stages[0]!.from.resolved, 'placeholder');
  assert.equal(plain.stages[1]!.from.resolved, 'alpine:latest');
});

test('dockerfiles(repo): the build arguments of the Makefile and workflows set the FROM images', () => {
  const { repo, cleanup } = tempRepo({
    Dockerfile: 'ARG BUILD_IMAGE=placeholder\nARG RUNTIME_IMAGE=placeholder\nFROM ${BUILD_IMAGE} AS build\nFROM ${RUNTIME_IMAGE}\n',
    Makefile: 'img:\n\tdocker build --build-arg BUILD_IMAGE=golang:$(GO)-bookworm --build-arg RUNTIME_IMAGE=alpine:3.23 .\n',
    '.github/workflows/img.yml': 'jobs:\n  i:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          build-args: RUNTIME_IMAGE=alpine:3.23\n',
  });
  try {
    const [df] = dockerfiles(repo);
    assert.deepEqual(df!.stages.map((s) => [s.from.resolved, s.from.unresolvedName]), [['${BUILD_IMAGE}', true], ['alpine:3.23', false]]);
  } finally {
    cleanup();
  }
});

test('dockerfiles: the command an image runs (ENTRYPOINT then CMD, a parent CMD dropped by a later ENTRYPOINT)', () => {
  const cmd = (text: string) => { const df = parseDockerfile('Dockerfile', text); return imageCommand(df, df.final!); };
  assert.deepEqual(cmd('FROM golang:1.26\nENTRYPOINT ["go"]\n'), ['go']);
  assert.deepEqual(cmd('FROM golang:1.26\nENTRYPOINT ["go"]\nCMD ["run", "."]\n'), ['go', 'run', '.']);
  assert.deepEqual(cmd('FROM golang:1.26\nCMD go run ./cmd/app\n'), ['go', 'run', './cmd/app']);
  assert.deepEqual(cmd('FROM golang:1.26 AS base\nCMD ["bash"]\nFROM base\nENTRYPOINT ["/usr/bin/make"]\n'), ['/usr/bin/make']);
  assert.deepEqual(cmd('FROM golang:1.26 AS base\nENTRYPOINT ["go"]\nFROM base\nCMD ["build", "./..."]\n'), ['go', 'build', './...']);
  assert.equal(cmd('FROM golang:1.26\nRUN go version\n'), undefined);
});

test('dockerfiles: a declared debug variant (file name, stage feeding the final image, LABEL)', () => {
  const reason = (file: string, text: string) => debugVariantReason(parseDockerfile(file, text));
  const img = 'FROM golang:1.26 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n';
  assert.equal(reason('build/Dockerfile.dsym', img), 'file Dockerfile.dsym');
  assert.equal(reason('symbols.Dockerfile', img), 'file symbols.Dockerfile');
  assert.equal(reason('Dockerfile', img.replace(/\bbuild\b/g, 'debug-build')), 'stage debug-build');
  assert.match(reason('Dockerfile', `${img}LABEL description="server with debug symbols"\n`) ?? '', /^LABEL description=/);
  assert.equal(reason('Dockerfile', img), undefined);
  assert.equal(reason('Dockerfile.debian', `${img}LABEL org.opencontainers.image.title=server\n`), undefined);
  // a stage that does not end up in the final image says nothing about it
  assert.equal(reason('Dockerfile', `FROM golang:1.26 AS debug\nRUN go build -gcflags=all=-N -o /dbg .\n${img}`), undefined);
});
