import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { archivedReleaseDirs, buildConstraint, classifyFile, commandLineCode, devLoopManifests, dirRole, experimentModules, FIXTURE_FILE, generatedByPath, localCopies, requiredTags, roleOfPath, testSetUpName, testSuitePackages, type CodeRole, type PackageRoleFile } from '../src/core/code-roles.js';
import { runEngine } from '../src/engine/engine.js';
import { testOnlyFixtures } from '../src/engine/test-fixtures.js';
import { selectRules } from '../src/rules/registry.js';
import { penaltyOf } from '../src/scoring/score.js';
import { reportedByRole } from '../src/pipeline/non-shipped.js';
import { dockerfileRole } from '../src/facts/dockerfiles.js';
import { fileRole } from '../src/facts/workload-types.js';
import type { Finding } from '../src/core/types.js';

const go = (pkg: string, header = '') => `${header}package ${pkg}\n\nfunc F() {}\n`;

test('code roles: paths, package names, file names, build constraints', () => {
  const cases: [string, string | undefined, string | undefined, CodeRole, string][] = [
    // [path, package, source, role, signal substring]
    ['cmd/server/main.go', 'main', go('main'), 'production', ''],
    ['pkg/store/store.go', 'store', go('store'), 'production', ''],
    ['pkg/store/store_test.go', 'store', go('store'), 'test', 'a _test.go file'],
    ['pkg/store/export_test.go', 'store_test', go('store_test'), 'test', '_test.go'],
    ['examples/helloworld/greeter_server/main.go', 'main', go('main'), 'example', 'directory examples/'],
    ['_examples/x/main.go', 'main', go('main'), 'example', 'directory _examples/'],
    ['contrib/mixin/gen.go', 'main', go('main'), 'example', 'directory contrib/'],
    ['docs/sources/snippet/main.go', 'main', go('main'), 'docs', 'directory docs/'],
    ['doc/ex.go', 'ex', go('ex'), 'docs', 'directory doc/'],
    ['design/CLI/PoC/base/main.go', 'main', go('main'), 'docs', 'directory design/'],
    ['proposals/sharding/main.go', 'main', go('main'), 'docs', 'directory proposals/'],
    ['hack/tools/gen.go', 'main', go('main'), 'tooling', 'directory hack/'],
    ['scripts/release/notes.go', 'main', go('main'), 'tooling', 'directory scripts/'],
    ['tools/tools.go', 'tools', go('tools'), 'tooling', 'directory tools/'],
    ['internal/tools/lint.go', 'tools', go('tools'), 'tooling', 'directory internal/tools/'],
    ['.devcontainer/x.go', 'x', go('x'), 'tooling', 'directory .devcontainer/'],
    // the go command ignores folders and files starting with _ or . : nothing builds them
    ['mapper-framework/_template/mapper/data/client.go', 'data', go('data'), 'tooling', 'directory mapper-framework/_template/ (the go command ignores folders starting with _ or .)'],
    ['pkg/.scratch/x.go', 'x', go('x'), 'tooling', 'directory pkg/.scratch/ (the go command ignores folders starting with _ or .)'],
    ['pkg/server/_old.go', 'server', go('server'), 'tooling', 'file _old.go (the go command ignores files starting with _ or .)'],
    ['_examples/x/main.go', 'main', go('main'), 'example', 'directory _examples/'],
    ['pkg/under_score/x.go', 'x', go('x'), 'production', ''],
    ['cmd/dev_server/main.go', 'main', go('main'), 'tooling', 'directory cmd/dev_server/'],
    ['mapper-framework/_template/mapper/go.mod', undefined, undefined, 'tooling', 'directory mapper-framework/_template/'],
    ['cmd/devtron/main.go', 'main', go('main'), 'production', ''],
    // Go code in the CI system's folder (a workflow generator run by go generate) is CI tooling
    ['.github/workflows/gen-matrix.go', 'main', go('main', '//go:generate go run ./gen-matrix.go\n\n'), 'tooling', 'directory .github/'],
    ['.github/actions/setup/internal/x.go', 'x', go('x'), 'tooling', 'directory .github/'],
    ['third_party/forked/golang/net.go', 'net', go('net'), 'third-party', 'directory third_party/'],
    ['vendor/github.com/a/b/b.go', 'b', go('b'), 'third-party', 'directory vendor/'],
    ['interop/server/server.go', 'server', go('server'), 'test-support', 'directory interop/'],
    ['internal/testutils/x.go', 'testutils', go('testutils'), 'test-support', 'directory internal/testutils/'],
    ['pkg/testenv/env.go', 'testenv', go('testenv'), 'test-support', 'directory pkg/testenv/'],
    ['test/e2e/framework/f.go', 'framework', go('framework'), 'test-support', 'directory test/'],
    ['pkg/webhook/mockserver/server.go', 'mockserver', go('mockserver'), 'test-support', 'directory pkg/webhook/mockserver/'],
    ['benchmarks/load/main.go', 'main', go('main'), 'test-support', 'directory benchmarks/'],
    // suites named for their kind of test: regression, smoke, acceptance, system, functional, end-to-end
    ['regression/multi-svc-app/www/main.go', 'main', go('main'), 'test-support', 'directory regression/'],
    ['regression/multi-svc-app/www/go.mod', undefined, undefined, 'test-support', 'directory regression/'],
    ['tests-smoke/x.go', 'x', go('x'), 'test-support', 'directory tests-smoke/'],
    ['smoke-tests/run/main.go', 'main', go('main'), 'test-support', 'directory smoke-tests/'],
    ['acceptance_tests/x.go', 'x', go('x'), 'test-support', 'directory acceptance_tests/'],
    ['test-infra/system-tests/x.go', 'x', go('x'), 'test-support', 'directory test-infra/system-tests/'],
    ['pkg/functional/x.go', 'functional', go('functional'), 'production', ''],
    ['pkg/acceptance/x.go', 'acceptance', go('acceptance'), 'production', ''],
    // package names
    ['pkg/client/fakeclient/c.go', 'fakeclient', go('fakeclient'), 'test-support', 'directory'],
    ['pkg/client/fake.go', 'client', go('client'), 'test-support', 'file fake.go'],
    ['pkg/kube/kubetest/k.go', 'kubetest', go('kubetest'), 'test-support', 'package kubetest'],
    ['pkg/mocks2/m.go', 'mockstore', go('mockstore'), 'test-support', ''],
    ['pkg/store/helpers.go', 'storetesting', go('storetesting'), 'test-support', 'package storetesting'],
    ['pkg/latest/x.go', 'latest', go('latest'), 'production', ''],
    ['pkg/manifest/x.go', 'manifest', go('manifest'), 'production', ''],
    ['pkg/contest/x.go', 'contest', go('contest'), 'production', ''],
    ['pkg/attest/x.go', 'attest', go('attest'), 'production', ''],
    // file names
    ['pkg/server/mock_server.go', 'server', go('server'), 'test-support', 'file mock_server.go'],
    ['pkg/server/test_helpers.go', 'server', go('server'), 'test-support', 'file test_helpers.go'],
    ['pkg/server/testing.go', 'server', go('server'), 'test-support', 'file testing.go'],
    ['pkg/server/latest.go', 'server', go('server'), 'production', ''],
    ['pkg/server/contest.go', 'server', go('server'), 'production', ''],
    // tools/ below the repository root is a library (k8s.io/client-go/tools/cache)
    ['staging/src/k8s.io/client-go/tools/cache/store.go', 'cache', go('cache'), 'production', ''],
    ['pkg/tool/run.go', 'tool', go('tool'), 'production', ''],
    // build constraints
    ['pkg/gen/gen.go', 'main', go('main', '//go:build ignore\n\n'), 'tooling', '//go:build ignore'],
    ['pkg/gen/gen_old.go', 'main', go('main', '// +build ignore\n\n'), 'tooling', 'ignore'],
    ['tools.go', 'tools', go('tools', '//go:build tools\n// +build tools\n\n'), 'tooling', '//go:build tools'],
    ['pkg/api/api_e2e.go', 'api', go('api', '//go:build e2e && linux\n\n'), 'test-support', '//go:build e2e && linux'],
    ['pkg/api/integration.go', 'api', go('api', '//go:build integration || e2e\n\n'), 'production', ''],
    ['pkg/api/api_linux.go', 'api', go('api', '//go:build linux && !ignore\n\n'), 'production', ''],
    ['pkg/api/not_e2e.go', 'api', go('api', '//go:build !e2e\n\n'), 'production', ''],
    ['pkg/api/late.go', 'api', 'package api\n\n//go:build ignore\n', 'production', ''],
    // a directory word part that starts or ends with "test" is test support, whatever the package is called
    ['services/hipchat/hipchattest/hipchattest.go', 'hipchattest', go('hipchattest'), 'test-support', 'hipchattest'],
    ['temporaltest/internal/lite_server.go', 'temporalite', go('temporalite'), 'test-support', 'directory temporaltest/'],
    ['pkg/testexporter/correctness/delete_series.go', 'correctness', go('correctness'), 'test-support', 'directory pkg/testexporter/'],
    ['cmd/test-exporter/main.go', 'main', go('main'), 'test-support', 'directory cmd/test-exporter/'],
    ['librclone/ctest/main.go', 'main', go('main'), 'test-support', 'directory librclone/ctest/'],
    ['drivers/docker/test-resources/x.go', 'x', go('x'), 'test-support', 'directory drivers/docker/test-resources/'],
    ['pkg/testresources/x.go', 'x', go('x'), 'test-support', 'directory pkg/testresources/'],
    ['deploy/helm-test/x.go', 'x', go('x'), 'test-support', 'directory deploy/helm-test/'],
    ['pkg/chattest/x.go', 'x', go('x'), 'test-support', 'directory pkg/chattest/'],
    // a deployer of the Kubernetes e2e framework kubetest2 (cloud-provider-azure kubetest2-aks/, blind sample 2026-12-26)
    ['kubetest2-aks/deployer/up.go', 'deployer', go('deployer'), 'test-support', 'directory kubetest2-aks/'],
    ['devex/cmd/check-skew/main.go', 'main', go('main'), 'tooling', 'directory devex/'],
    ['pkg/latest2/x.go', 'x', go('x'), 'production', ''],
    // … but not words that merely end in "test", nor words that contain it
    ['pkg/latest/v1/x.go', 'v1', go('v1'), 'production', ''],
    ['pkg/attest/x.go', 'x', go('x'), 'production', ''],
    ['pkg/contest/x.go', 'x', go('x'), 'production', ''],
    ['pkg/protest/x.go', 'x', go('x'), 'production', ''],
    ['pkg/fastest/x.go', 'x', go('x'), 'production', ''],
    ['pkg/shortest-path/x.go', 'x', go('x'), 'production', ''],
    ['pkg/manifests/x.go', 'x', go('x'), 'production', ''],
    ['pkg/testament/x.go', 'x', go('x'), 'production', ''],
    ['pkg/remotestorage/x.go', 'x', go('x'), 'production', ''],
    ['pkg/attestation/x.go', 'x', go('x'), 'production', ''],
    ['pkg/store/latest-release.go', 'store', go('store'), 'production', ''],
    // package names: only whole words are excluded (hipch-at-test is not "attest")
    ['pkg/hipchat/fakes.go', 'hipchattest', go('hipchattest'), 'test-support', 'package hipchattest'],
    ['pkg/x/x.go', 'chattest', go('chattest'), 'test-support', 'package chattest'],
    ['pkg/x/y.go', 'latest', go('latest'), 'production', ''],
    ['pkg/x/z.go', 'greatest', go('greatest'), 'production', ''],
    // quick starts are examples
    ['quick-start/main.go', 'main', go('main'), 'example', 'directory quick-start/'],
    ['contrib2/quickstart/main.go', 'main', go('main'), 'example', 'directory contrib2/quickstart/'],
    ['docs2/quick_start/main.go', 'main', go('main'), 'example', 'directory docs2/quick_start/'],
    // a repository's developer commands
    ['cmd/dev/stdisco/main.go', 'main', go('main'), 'tooling', 'directory cmd/dev/'],
    ['pkg/dev/x.go', 'dev', go('dev'), 'production', ''],
    ['cmd/devices/main.go', 'main', go('main'), 'production', ''],
    // the image CI builds in
    ['build-image/main.go', 'main', go('main'), 'tooling', 'directory build-image/'],
    ['loki-build-image/x.go', 'x', go('x'), 'tooling', 'directory loki-build-image/'],
    ['pkg/bloombuild/builder/x.go', 'builder', go('builder'), 'production', ''],
    ['pkg/image/build.go', 'image', go('image'), 'production', ''],
  ];
  for (const [path, pkg, source, role, reason] of cases) {
    const r = classifyFile({ path, packageName: pkg, source });
    assert.equal(r.role, role, `${path} (package ${pkg}): ${JSON.stringify(r)}`);
    if (role === 'production') assert.equal(r.reason, '');
    else assert.ok(r.reason.includes(reason), `${path}: reason ${r.reason} should mention ${reason}`);
  }
});

test('an either-or constraint on two test tags requires neither alone, so it is judged by path', () => {
  assert.deepEqual(requiredTags('integration || e2e'), []);
  assert.deepEqual(requiredTags('e2e && (linux || darwin)'), ['e2e']);
  assert.deepEqual(requiredTags('!windows'), []);
  assert.deepEqual(requiredTags('(a'), [], 'malformed: nothing required');
  assert.equal(buildConstraint('// +build linux,amd64 darwin\n// +build cgo\n\npackage x\n'), '((linux && amd64) || (darwin)) && ((cgo))');
  assert.deepEqual(requiredTags(buildConstraint('// +build linux,amd64 darwin\n// +build cgo\n\npackage x\n')!), ['cgo']);
});

test('Dockerfiles and manifests use the same path model', () => {
  assert.deepEqual(dockerfileRole('Dockerfile'), { role: 'production' });
  assert.equal(dockerfileRole('contrib/docker/Dockerfile').role, 'example', 'contrib/ is not the project image');
  assert.equal(dockerfileRole('hack/Dockerfile').role, 'development');
  assert.equal(dockerfileRole('dev/Dockerfile').role, 'development');
  assert.equal(dockerfileRole('third_party/x/Dockerfile').role, 'third-party');
  assert.equal(dockerfileRole('build/Dockerfile.ci').role, 'test');
  assert.equal(fileRole('hack/kind/deploy.yaml'), 'test', 'tooling manifests are not judged');
  assert.equal(fileRole('contrib/helm/values.yaml'), 'example');
  assert.equal(fileRole('third_party/x/deploy.yaml'), 'vendor');
  assert.equal(fileRole('dev/app.yaml'), 'deploy', 'dev/ is a Dockerfile-only folder name');
  assert.equal(fileRole('config/overlays/development/minio.yaml'), 'test', 'a development overlay is not deployed');
  assert.equal(fileRole('make/config/bind/deployment.yaml'), 'test', "a build's e2e cluster config");
  assert.equal(roleOfPath('make/config/main.go'), 'production', 'make/ means nothing for Go');
  assert.equal(fileRole('pkg/watcherx/integrationtest/pod.yml'), 'test');
  assert.equal(roleOfPath('docs/examples/Dockerfile'), 'docs');
  // test support, examples and CI build images, by folder and file name
  assert.equal(dockerfileRole('cmd/test-exporter/Dockerfile').role, 'test');
  assert.equal(dockerfileRole('drivers/docker/test-resources/docker/Dockerfile').role, 'test');
  assert.equal(roleOfPath('librclone/ctest/Makefile'), 'test-support');
  assert.equal(fileRole('manifests/quick-start/base/minio/minio-deploy.yaml'), 'example');
  assert.equal(dockerfileRole('build-image/Dockerfile').role, 'development');
  assert.equal(dockerfileRole('loki-build-image/Dockerfile').role, 'development');
  assert.equal(dockerfileRole('.github/nomad-builder/Dockerfile').role, 'development', 'an image of the CI itself');
  assert.deepEqual(dockerfileRole('.github/workflows/release/Dockerfile'), { role: 'production' }, 'a release image kept under .github/');
  assert.deepEqual(dockerfileRole('Dockerfile.gosu-in-builder'), { role: 'production' }, 'only a name that is just build/builder');
  assert.deepEqual(dockerfileRole('Dockerfile_build_ubuntu64'), { role: 'production' });
  assert.equal(dockerfileRole('Dockerfile.builder').role, 'development');
  assert.equal(dockerfileRole('Dockerfile.build').role, 'development');
  assert.equal(dockerfileRole('build.Dockerfile').role, 'development');
  assert.deepEqual(dockerfileRole('build/package/Dockerfile'), { role: 'production' }, 'a build/ folder holds the shipped image');
  assert.deepEqual(dockerfileRole('Dockerfile.release'), { role: 'production' });
  assert.deepEqual(dockerfileRole('cmd/latest-exporter/Dockerfile'), { role: 'production' });
  assert.equal(fileRole('.github/workflows/ci.yaml'), 'deploy', 'CI workflows are judged by the CI rules');
  assert.equal(roleOfPath('.github/workflows/ci.yaml'), 'production', 'only Go files under .github/ are CI tooling');
  assert.equal(fileRole('production/helm/loki/templates/bloom-builder/deployment.yaml'), 'deploy', 'a component named builder');
});

test('YAML under gen/ or generated/ is generated output; Go files are judged by their header', () => {
  assert.equal(generatedByPath('operations/jsonnet-compiled/microservices/gen/StatefulSet-memcached.yaml'), true);
  assert.equal(generatedByPath('deploy/generated/install.yml'), true);
  assert.equal(generatedByPath('operations/app/helm/app/rendered/micro-services.yaml'), true);
  assert.equal(generatedByPath('deploy/install.yaml'), false);
  assert.equal(generatedByPath('deploy/gen.yaml'), false, 'the folder decides, not the file name');
  assert.equal(generatedByPath('internal/gen/main.go'), false, 'a Go gen/ folder often holds the generator');
  assert.equal(generatedByPath('deploy/general/app.yaml'), false);
});

test('package and folder paths (go build arguments, makefile folders)', () => {
  assert.equal(dirRole('./examples/x/...'), 'example');
  assert.equal(dirRole('./cmd/app'), 'production');
  assert.equal(dirRole('.'), 'production');
  assert.equal(dirRole('tools'), 'tooling');
  assert.equal(dirRole('./test/e2e'), 'test-support');
});

test('findings in code that does not ship: dropped by default, kept by the flags, weighed at 0.25', () => {
  const f = (file: string, role: CodeRole) => ({ ruleId: 'X', severity: 'high', confidence: 'high', file, role } as Finding);
  const none = { includeNonShipped: false, includeVendor: false, includeTestdata: false };
  assert.equal(reportedByRole(f('pkg/a.go', 'production'), none), true);
  assert.equal(reportedByRole(f('hack/a.go', 'tooling'), none), false);
  assert.equal(reportedByRole(f('hack/a.go', 'tooling'), { ...none, includeNonShipped: true }), true);
  assert.equal(reportedByRole(f('vendor/x/a.go', 'third-party'), { ...none, includeVendor: true }), true, '--include-vendor keeps vendor findings');
  assert.equal(reportedByRole(f('third_party/x/a.go', 'third-party'), { ...none, includeVendor: true }), false);
  assert.equal(reportedByRole(f('pkg/testdata/a.go', 'test-support'), { ...none, includeTestdata: true }), true);
  assert.equal(penaltyOf(f('pkg/a.go', 'production')), 8);
  assert.equal(penaltyOf(f('examples/a/main.go', 'example')), 2);
  assert.equal(penaltyOf(f('examples/standard/deployment.yaml', 'example')), 2, 'one policy for Go and repo findings');
});

test('numbered database migrations are frozen code', async () => {
  const { isFrozenMigration } = await import('../src/core/frozen-code.js');
  for (const p of ['db/migrations/20230202143713_change_path.go', 'migrations/0042_add_index.go', 'internal/store/migrate/v3_users.go', 'sql/schema_migrations/12-x.go']) {
    assert.equal(isFrozenMigration(p), true, p);
  }
  for (const p of ['db/migrations/helpers.go', 'db/migrations/migrate.go', 'pkg/20230202_x.go', 'cmd/migrations.go', 'migration/common.go']) {
    assert.equal(isFrozenMigration(p), false, p);
  }
});

test('code roles: another project\'s module copied in behind a go.mod replace is third-party; the project\'s own replaced modules are not', () => {
  const mod = (dir: string, p: string, replace: [string, string][]) => ({ dir, path: p, replace: replace.map(([from, to]) => ({ from: { path: from }, to: { path: to } })) });
  const copies = localCopies([
    // ory/keto keeps a copy of ory/x (same owner, another repository) and its own generated module
    mod('', 'github.com/ory/keto', [['github.com/ory/x', './oryx'], ['github.com/ory/keto/gen/go', './gen/go'], ['github.com/acme/fork', '../outside'], ['github.com/acme/lib', 'github.com/acme/lib2']]),
    // Kubernetes: the staging modules are published from this repository (one project under the k8s.io domain)
    mod('', 'k8s.io/kubernetes', [['k8s.io/client-go', './staging/src/k8s.io/client-go'], ['k8s.io/api', './staging/src/k8s.io/api']]),
    // a nested module naming a sibling folder through ..
    mod('tools/gen', 'example.com/gen', [['github.com/other/parser', '../../third/parser/'], ['example.com/gen/util', '../genutil']]),
  ]);
  assert.deepEqual(copies, [
    { dir: 'oryx', module: 'github.com/ory/x', goMod: 'go.mod' },
    { dir: 'third/parser', module: 'github.com/other/parser', goMod: 'tools/gen/go.mod' },
  ]);
  const role = (p: string) => classifyFile({ path: p, packageName: 'x', source: go('x'), copies });
  assert.deepEqual(role('oryx/httpx/resilient_client.go'), { role: 'third-party', signal: 'replaced-module', reason: 'copy of github.com/ory/x (replace in go.mod)' });
  assert.equal(role('oryx/go.mod').role, 'third-party', 'the copy\'s own go.mod too');
  assert.equal(role('oryx/httpx/client_test.go').role, 'test', 'a test file stays a test');
  assert.equal(role('oryxtra/main.go').role, 'production', 'a folder that only starts like the copy');
  assert.equal(role('gen/go/client.go').role, 'production');
  assert.equal(role('staging/src/k8s.io/client-go/rest/client.go').role, 'production');
  assert.equal(role('third/parser/parse.go').role, 'third-party');
  assert.equal(roleOfPath('oryx/watcherx/watcher.go', { copies, archives: [], experiments: [] }), 'third-party');
  assert.equal(roleOfPath('oryx/watcherx/watcher.go'), 'production', 'without the repository\'s copies only the path speaks');
});

test('command-line code: CLI command folders and files that build a CLI command, unless they serve', () => {
  const cobra = 'package app\n\nimport "github.com/spf13/cobra"\n\nfunc New() *cobra.Command {\n\treturn &cobra.Command{Use: "x"}\n}\n';
  const urfave = 'package org\n\nimport "github.com/urfave/cli/v3"\n\nvar Cmd = &cli.Command{Name: "add"}\n';
  const serving = 'package app\n\nimport (\n\t"net/http"\n\n\t"github.com/spf13/cobra"\n)\n\nvar c = &cobra.Command{}\n\nfunc run() error { return http.ListenAndServe(":80", nil) }\n';
  const plain = 'package x\n\nfunc F() {}\n';
  const cases: [string, string, string | undefined][] = [
    ['cmd/sonobuoy/app/results.go', cobra, 'a CLI command'],
    ['cli/org/secret/secret_add.go', urfave, 'directory cli/'],
    ['pkg/cmd/cli/install/install.go', plain, 'directory pkg/cmd/cli/'],
    ['cli/common/util.go', plain, 'directory cli/'],
    ['pkg/kubectl-argo-rollouts/cmd/status/status.go', plain, 'directory pkg/kubectl-argo-rollouts/'],
    ['cmd/profilecli/kube_proxy.go', plain, 'directory cmd/profilecli/'],
    ['cmd/kubectl/main.go', plain, 'directory cmd/kubectl/'],
    // a daemon's start-up under internal/cli/, a server's command, a plain package: not one-shot
    ['internal/cli/daemon.go', plain, undefined],
    ['cmd/server/serve.go', serving, undefined],
    ['cmd/kubectl-x/serve.go', serving, undefined],
    ['pkg/store/store.go', plain, undefined],
    ['cmd/controller/main.go', plain, undefined],
  ];
  for (const [path, source, want] of cases) assert.equal(commandLineCode(path, source), want, path);
});

test('development environments, qualified samples folders and forks of the standard library do not ship', () => {
  const role = (p: string, pkg = 'x', header = '') => classifyFile({ path: p, packageName: pkg, source: go(pkg, header) }).role;
  // metallb: dev-env/ holds a kind cluster's test services and a vendored monitoring stack; configsamples/ demo workloads
  assert.equal(roleOfPath('dev-env/testsvc.yaml'), 'tooling');
  assert.equal(roleOfPath('dev-env/kube-prometheus/manifests/setup/prometheus-operator-deployment.yaml'), 'tooling');
  assert.equal(roleOfPath('local-dev/compose.yaml'), 'tooling');
  assert.equal(roleOfPath('configsamples/deployment_bgp.yaml'), 'example');
  assert.equal(roleOfPath('config-samples/pool.yaml'), 'example');
  // not: a component or package whose name merely contains these words
  assert.equal(roleOfPath('config/manifests/metallb-native.yaml'), 'production');
  assert.equal(roleOfPath('pkg/devenvironmentd/main.go'), 'production');
  assert.equal(roleOfPath('pkg/downsample/compact.go'), 'production');
  // cfssl scan/crypto/tls: the Go authors' crypto/tls with an SSL 3.0 PRF that must use MD5
  const goAuthors = '// Copyright 2009 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n\n';
  const fork = classifyFile({ path: 'scan/crypto/tls/prf.go', packageName: 'tls', source: go('tls', goAuthors) });
  assert.deepEqual([fork.role, fork.reason], ['third-party', "fork of the standard library's crypto/tls (scan/crypto/tls/)"]);
  assert.equal(role('internal/net/http/httputil/reverseproxy.go', 'httputil', goAuthors), 'third-party');
  // a project's own helpers in a folder of the same name are its code (no Go authors' header), and so is a mismatched package
  assert.equal(role('pkg/crypto/tls/config.go', 'tls'), 'production');
  assert.equal(role('pkg/crypto/tls/config.go', 'tlsutil', goAuthors), 'production');
});

test('code roles: a fixtures file that only tests and test set-up use is test support', () => {
  for (const n of ['CreateTestFixtures', 'ResetTestFixtures', 'InitTestDb', 'setupTest', 'testHelper']) assert.ok(testSetUpName(n), n);
  for (const n of ['CreateDefaultFixtures', 'Latest', 'attestation', 'InitDb']) assert.ok(!testSetUpName(n), n);
  for (const f of ['fixtures.go', 'auth_session_fixtures.go', 'fixture_data.go']) assert.ok(FIXTURE_FILE.test(f), f);
  assert.ok(!FIXTURE_FILE.test('fixturesque.go'));
  const texts: Record<string, string> = {
    'store/session_fixtures.go': 'package store\n\nvar SessionFixtures = SessionMap{}\n\nfunc CreateSessionFixtures() { _ = SessionFixtures }\n',
    'store/fixtures.go': 'package store\n\nfunc CreateTestFixtures() {\n\tCreateSessionFixtures()\n}\n',
    'store/default_fixtures.go': 'package store\n\nvar DefaultFixtures = SessionMap{}\n\nfunc CreateDefaultFixtures() { _ = DefaultFixtures }\n',
    'store/db.go': 'package store\n\ntype SessionMap map[string]string\n\nfunc InitDb() {\n\tCreateDefaultFixtures()\n}\n\nfunc InitTestDb() {\n\tCreateTestFixtures()\n}\n',
    'api/handler.go': 'package api\n\nimport s "example.com/m/store"\n\nfunc h() { _ = s.DefaultFixtures }\n',
    'other/other.go': 'package other\n\nimport "example.com/m/query"\n\nfunc g() { _ = query.SessionFixtures }\n',
  };
  const files = Object.keys(texts).map((rel) => ({
    rel, packageName: /^package (\w+)/.exec(texts[rel]!)![1], isTest: false, generated: false, role: 'production' as CodeRole, moduleDir: '', modulePath: 'example.com/m',
  }));
  const reads = new Map<string, number>();
  const roles = testOnlyFixtures(files, (rel) => { reads.set(rel, (reads.get(rel) ?? 0) + 1); return texts[rel]; });
  assert.deepEqual([...roles.keys()].sort(), ['store/fixtures.go', 'store/session_fixtures.go']);
  // each file read once, though the fixtures files are both declarations and references
  assert.deepEqual([...reads.values()].filter((n) => n > 1), []);
  assert.equal(roles.get('store/fixtures.go')!.role, 'test-support');
  // production code naming a fixture (through the package's import) keeps it production; what it reaches from a test
  // set-up function (CreateTestFixtures -> CreateSessionFixtures) is still test data
  texts['api/handler.go'] = 'package api\n\nimport "example.com/m/store"\n\nfunc h() { store.CreateTestFixtures() }\n';
  assert.deepEqual([...testOnlyFixtures(files, (rel) => texts[rel]).keys()], ['store/session_fixtures.go']);
  // ... but what it reaches outside test set-up is production too
  texts['store/fixtures.go'] = 'package store\n\nfunc CreateTestFixtures() {\n\tLoad()\n}\n\nfunc Load() {\n\tCreateSessionFixtures()\n}\n';
  assert.deepEqual([...testOnlyFixtures(files, (rel) => texts[rel]).keys()], []);
});

test('code roles: a Ginkgo suite package outside _test.go files is test support while no shipped package imports it', () => {
  const mod = 'example.com/app';
  const file = (p: string, imports: string[], extra: Partial<PackageRoleFile> = {}): PackageRoleFile =>
    ({ path: p, isTest: p.endsWith('_test.go'), role: 'production', modulePath: mod, moduleDir: '', imports: () => imports, ...extra });
  const files = [
    file('acceptance/exec.go', ['os/exec', 'github.com/onsi/ginkgo/v2', 'github.com/onsi/gomega']),
    file('acceptance/cli.go', ['net/http', 'github.com/onsi/gomega']),
    // a helper package of the suite, itself a suite: importing the suite does not make it shipped
    file('acceptance/shared/shared.go', [`${mod}/acceptance`, 'github.com/onsi/ginkgo']),
    file('acceptance/k8s/k8s_test.go', [`${mod}/acceptance/shared`, 'github.com/onsi/ginkgo/v2']),
    // a runner imported by the shipped server: stays production
    file('internal/dbrunner/runner.go', ['github.com/onsi/ginkgo/v2']),
    file('cmd/server/main.go', [`${mod}/internal/dbrunner`]),
    // gomega alone (matchers in production code): not the signal
    file('pkg/check/check.go', ['github.com/onsi/gomega']),
  ];
  const suites = testSuitePackages(files);
  assert.deepEqual([...suites.keys()].sort(), ['acceptance', 'acceptance/shared']);
  assert.match(suites.get('acceptance')!, /Ginkgo/);
  // Ginkgo's own repository: its packages are the product
  assert.equal(testSuitePackages(files.map((f) => ({ ...f, modulePath: 'github.com/onsi/ginkgo/v2' }))).size, 0);
});

test('code roles: the engine gives the files of a Ginkgo suite package the test-support role', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-ginkgo-suite-'));
  try {
    const client = 'func get(u string) {\n\tc := &http.Client{}\n\t_, _ = c.Get(u)\n}\n';
    fs.writeFileSync(path.join(root, 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
    fs.mkdirSync(path.join(root, 'acceptance'));
    fs.writeFileSync(path.join(root, 'acceptance', 'suite.go'), 'package acceptance\n\nimport (\n\t. "github.com/onsi/ginkgo/v2"\n)\n\nvar _ = Describe("x", func() {})\n');
    fs.writeFileSync(path.join(root, 'acceptance', 'fly.go'), `package acceptance\n\nimport "net/http"\n\n${client}`);
    fs.mkdirSync(path.join(root, 'server'));
    fs.writeFileSync(path.join(root, 'server', 'fetch.go'), `package server\n\nimport "net/http"\n\n${client}`);
    const res = await runEngine({ root, rules: selectRules('SEC1005'), jobs: 1 });
    const roles = Object.fromEntries(res.findings.map((f) => [path.relative(root, f.file).split(path.sep).join('/'), f.role]));
    assert.deepEqual(roles, { 'acceptance/fly.go': 'test-support', 'server/fetch.go': 'production' });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('archived release copies: version folders beside a current copy, or all but the newest; never Go packages', () => {
  const paths = [
    'charts/index.yaml', 'charts/latest/app/Chart.yaml', 'charts/v1.1.0/app/Chart.yaml', 'charts/v1.10.0/app/Chart.yaml',
    'deploy/app.yaml', 'deploy/v1.29.12/app.yaml', 'deploy/v1.30.0/app.yaml',
    'releases/v0.9.0/app.yaml', 'releases/v0.10.0/app.yaml', 'releases/v0.10.0-rc.1/app.yaml',
    'only/v1.0.0/app.yaml',
    'api/v1/types.go', 'api/v1beta1/types.go', 'pkg/v1.2.3/x.go', 'pkg/v1.2.4/x.go',
  ];
  const archives = archivedReleaseDirs(paths);
  assert.deepEqual(archives.map((a) => `${a.dir} <- ${a.current}`), [
    'charts/v1.1.0 <- charts', 'charts/v1.10.0 <- charts',
    'deploy/v1.29.12 <- deploy', 'deploy/v1.30.0 <- deploy',
    'releases/v0.10.0-rc.1 <- releases/v0.10.0', 'releases/v0.9.0 <- releases/v0.10.0',
  ]);
  // the Helm repository index beside the versions is no current copy: the newest version is
  assert.deepEqual(archivedReleaseDirs(['repo/index.yaml', 'repo/1.0.0/a.yaml', 'repo/1.2.0/a.yaml']).map((a) => a.dir), ['repo/1.0.0']);
  const yaml = classifyFile({ path: 'charts/v1.1.0/app/templates/deployment.yaml', archives });
  assert.equal(yaml.role, 'docs');
  assert.match(yaml.reason, /archived copy of an earlier release \(charts\/v1\.1\.0\/; current: charts\/\)/);
  assert.equal(classifyFile({ path: 'charts/latest/app/templates/deployment.yaml', archives }).role, 'production');
  assert.equal(classifyFile({ path: 'releases/v0.10.0/app.yaml', archives }).role, 'production');
});

test('code roles: a module of its own under an experiments/ folder is an experiment; an experiments package of a module is not', () => {
  const experiments = experimentModules(['', 'experiments/tools/licensescan', 'experiments/kompanion', 'launcher', 'labs/experimental/probe', 'api']);
  assert.deepEqual(experiments.map((e) => `${e.dir} <- ${e.experiments}`), [
    'experiments/kompanion <- experiments', 'experiments/tools/licensescan <- experiments', 'labs/experimental/probe <- labs/experimental',
  ]);
  const role = (p: string) => classifyFile({ path: p, packageName: 'main', experiments });
  const scan = role('experiments/tools/licensescan/main.go');
  assert.equal(scan.role, 'example');
  assert.match(scan.reason, /module experiments\/tools\/licensescan\/ \(a module of its own under experiments\/: an experiment/);
  assert.equal(role('experiments/tools/licensescan/go.mod').role, 'example', 'its go.mod too');
  assert.equal(role('experiments/kompanion/cmd/lint/main.go').role, 'example');
  assert.equal(role('labs/experimental/probe/deploy.yaml').role, 'example');
  // an experiments package inside a module (feature flags of a shipped binary), manifests of an experimental channel
  assert.equal(role('launcher/internal/experiments/flags.go').role, 'production');
  assert.equal(role('config/crd/experimental/gateway.yaml').role, 'production');
  assert.equal(role('experimentsx/main.go').role, 'production', 'a folder that only starts like one');
  assert.equal(classifyFile({ path: 'experiments/kompanion/main.go' }).role, 'production', 'without the repository\'s modules only the path speaks');
});

test('code roles: the engine gives the files of an experiment module the example role, for Go files and the go.mod', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-experiments-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  try {
    const fetch = (pkg: string) => `package ${pkg}\n\nimport "net/http"\n\nfunc get(u string) {\n\t_, _ = http.Get(u)\n}\n`;
    write('go.mod', 'module example.com/app\n\ngo 1.22\n');
    write('internal/experiments/flags.go', fetch('experiments'));
    write('experiments/tools/scan/go.mod', 'module example.com/app/experiments/tools/scan\n\ngo 1.22\n');
    write('experiments/tools/scan/main.go', fetch('main'));
    const res = await runEngine({ root, rules: selectRules('SEC1005'), jobs: 1 });
    const roles = Object.fromEntries(res.findings.map((f) => [path.relative(root, f.file).split(path.sep).join('/'), f.role]));
    assert.deepEqual(roles, { 'experiments/tools/scan/main.go': 'example', 'internal/experiments/flags.go': 'production' });
    assert.equal(res.repo.roleOf('experiments/tools/scan/go.mod'), 'example');
    assert.equal(res.repo.dirRole('experiments/tools/scan'), 'example');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('code roles: a manifest only a Tiltfile applies is a developer\'s dev loop (tooling)', () => {
  const paths = ['Tiltfile', 'Makefile', 'README.md', 'npm/deploy/manifests/daemon/npm.yaml', 'npm/deploy/manifests/controller/npm.yaml',
    'npm/npm.yaml', 'dev/kustomize/base/deployment.yaml', 'dev/kustomize/base/kustomization.yaml', 'config/overlay/kustomization.yaml',
    'tools/tilt/deploy.yaml', 'tools/tilt/Tiltfile', 'docs/install.md'];
  const tilt = [
    { path: 'Tiltfile', text: "docker_build('npm', '.', dockerfile='npm/Dockerfile')\n# k8s_yaml('npm/npm.yaml')\nk8s_yaml('npm/deploy/manifests/daemon/npm.yaml')\nk8s_yaml('npm/deploy/manifests/controller/npm.yaml')\nk8s_yaml(kustomize('dev/kustomize/base'))\n" },
    { path: 'tools/tilt/Tiltfile', text: "k8s_yaml('./deploy.yaml')\n" },
  ];
  const texts = [
    { path: 'Makefile', text: 'deploy:\n\tkubectl apply -f npm/npm.yaml\n' },
    // the docs name the controller manifest (a URL of the raw file): it is deployed, not only a dev loop's
    { path: 'docs/install.md', text: 'kubectl apply -f https://raw.example.com/main/npm/deploy/manifests/controller/npm.yaml.\n' },
    { path: 'config/overlay/kustomization.yaml', text: 'resources:\n  - ../../tools/tilt/deploy.yaml\n' },
    { path: 'dev/kustomize/base/kustomization.yaml', text: 'resources:\n  - deployment.yaml\n' },
  ];
  const dev = devLoopManifests(tilt, texts, paths);
  assert.deepEqual(dev.map((d) => d.path), ['dev/kustomize/base/deployment.yaml', 'dev/kustomize/base/kustomization.yaml', 'npm/deploy/manifests/daemon/npm.yaml']);
  const r = classifyFile({ path: 'npm/deploy/manifests/daemon/npm.yaml', devLoop: dev });
  assert.equal(r.role, 'tooling');
  assert.match(r.reason, /applied only by Tiltfile/);
  assert.equal(classifyFile({ path: 'npm/deploy/manifests/controller/npm.yaml', devLoop: dev }).role, 'production');
  assert.equal(classifyFile({ path: 'npm/npm.yaml', devLoop: dev }).role, 'production');
  // no Tiltfile: nothing is a dev loop's
  assert.deepEqual(devLoopManifests([], texts, paths), []);
});
