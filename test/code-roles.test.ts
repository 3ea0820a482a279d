import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConstraint, classifyFile, dirRole, requiredTags, roleOfPath, type CodeRole } from '../src/core/code-roles.js';
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
    ['hack/tools/gen.go', 'main', go('main'), 'tooling', 'directory hack/'],
    ['scripts/release/notes.go', 'main', go('main'), 'tooling', 'directory scripts/'],
    ['tools/tools.go', 'tools', go('tools'), 'tooling', 'directory tools/'],
    ['internal/tools/lint.go', 'tools', go('tools'), 'tooling', 'directory internal/tools/'],
    ['.devcontainer/x.go', 'x', go('x'), 'tooling', 'directory .devcontainer/'],
    ['third_party/forked/golang/net.go', 'net', go('net'), 'third-party', 'directory third_party/'],
    ['vendor/github.com/a/b/b.go', 'b', go('b'), 'third-party', 'directory vendor/'],
    ['interop/server/server.go', 'server', go('server'), 'test-support', 'directory interop/'],
    ['internal/testutils/x.go', 'testutils', go('testutils'), 'test-support', 'directory internal/testutils/'],
    ['pkg/testenv/env.go', 'testenv', go('testenv'), 'test-support', 'directory pkg/testenv/'],
    ['test/e2e/framework/f.go', 'framework', go('framework'), 'test-support', 'directory test/'],
    ['pkg/webhook/mockserver/server.go', 'mockserver', go('mockserver'), 'test-support', 'directory pkg/webhook/mockserver/'],
    ['benchmarks/load/main.go', 'main', go('main'), 'test-support', 'directory benchmarks/'],
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
