import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeRole } from '../src/core/path-roles.js';
import { penaltyOf } from '../src/scoring/score.js';
import type { Finding } from '../src/core/types.js';

test('code roles from directory names', () => {
  assert.equal(codeRole('cmd/server/main.go'), 'production');
  assert.equal(codeRole('examples/helloworld/greeter_server/main.go'), 'example');
  assert.equal(codeRole('interop/server/server.go'), 'test-support');
  assert.equal(codeRole('internal/testutils/x.go'), 'test-support');
  assert.equal(codeRole('hack/tools/gen.go'), 'tooling');
  assert.equal(codeRole('pkg/testing.go'), 'production', 'file names do not count, only directories');
  assert.equal(codeRole('pkg/latest/x.go'), 'production');
});

test('findings in code that does not ship weigh like findings in tests', () => {
  const f = (file: string, inTest?: boolean) => ({ ruleId: 'X', severity: 'high', confidence: 'high', file, inTest } as Finding);
  assert.equal(penaltyOf(f('pkg/a.go')), 8);
  assert.equal(penaltyOf(f('examples/a/main.go')), 2);
  assert.equal(penaltyOf(f('pkg/a_test.go', true)), 2);
  assert.equal(penaltyOf(f('examples/standard/deployment.yaml')), 8, 'repo rules judge their own files');
});
