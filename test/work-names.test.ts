import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeveloperTarget, isTestJobFile } from '../src/core/work-names.js';

test('work names: make targets of development work', () => {
  for (const t of ['test', 'tests', 'unit-test', 'test-e2e', 'integration', 'e2e', 'lint', 'golangci-lint', 'vet', 'fmt', 'format',
    'generate', 'gen', 'mod-tidy', 'tidy', 'bench', 'benchmarks', 'fuzz', 'race', 'cover', 'coverage', 'check', 'verify',
    'validate', 'mocks', 'deps', 'tools', 'install-tools', 'bootstrap', 'docs', 'examples', 'demo', 'dev', 'dev-build', 'debug',
    'build-debug', 'presubmit', 'acceptance']) {
    assert.ok(isDeveloperTarget(t), t);
  }
  for (const t of ['build', 'release', 'all', 'install', 'binaries', 'image', 'docker-push', 'dist', 'server', 'cmd/app', 'latest',
    'testify', 'contest', 'devices', 'generator', 'tooling', 'document', 'gendocs']) {
    assert.ok(!isDeveloperTarget(t), t);
  }
});

test('work names: CI files of test jobs', () => {
  for (const f of ['test', 'tests', 'test-e2e', 'integration-tests', 'lint', 'e2e/pipeline', 'presubmit']) assert.ok(isTestJobFile(f), f);
  // development or documentation CI files may publish (nightly dev images, a docs site)
  for (const f of ['release', 'dev', 'docs', 'nightly-dev', 'tools', 'pipeline', 'build', 'latest']) assert.ok(!isTestJobFile(f), f);
});
