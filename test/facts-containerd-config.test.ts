import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerdConfigs, keySegments, MAX_CONTAINERD_CONFIG_BYTES } from '../src/facts/containerd-config.js';
import { tempRepo } from './helpers/temp-repo.js';

test('containerd configs: daemon and hosts files recognised, other TOML ignored, lines located', () => {
  const { repo, cleanup } = tempRepo({
    'etc/config.toml': 'version = 2\n\n[grpc]\n  tcp_address = "0.0.0.0:1"\n\n[plugins."io.containerd.grpc.v1.cri".registry.configs."r.example".tls]\n  insecure_skip_verify = true\n',
    'certs.d/r.example/hosts.toml': 'server = "https://r.example"\n[host."http://m.example"]\n  capabilities = ["pull"]\n',
    'Cargo.toml': '[package]\nname = "x"\n[grpc]\ntcp_address = "0.0.0.0:1"\n',
    'pyproject.toml': '[tool.x]\ny = 1\n',
  });
  try {
    const cs = containerdConfigs(repo);
    assert.deepEqual(cs.map((c) => [c.file, c.kind]), [['certs.d/r.example/hosts.toml', 'hosts'], ['etc/config.toml', 'daemon']]);
    const d = cs.find((c) => c.kind === 'daemon')!;
    assert.equal(d.lineOf(['grpc'], 'tcp_address'), 4);
    assert.equal(d.lineOf(['plugins', 'io.containerd.grpc.v1.cri', 'registry', 'configs', 'r.example', 'tls'], 'insecure_skip_verify'), 7);
    const h = cs.find((c) => c.kind === 'hosts')!;
    assert.equal(h.lineOf(['host'], 'http://m.example'), 2);
    assert.deepEqual(repo.diagnostics, []);
  } finally {
    cleanup();
  }
});

test('containerd configs: malformed TOML is a diagnostic with its line, an oversized file is skipped with a warning', () => {
  const { repo, cleanup } = tempRepo({
    'a/config.toml': 'version = 2\n[plugins."io.containerd.grpc.v1.cri"\n  disable_apparmor = true\n',
    'b/config.toml': `version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n${'# padding\n'.repeat(MAX_CONTAINERD_CONFIG_BYTES / 10 + 1)}`,
  });
  try {
    assert.deepEqual(containerdConfigs(repo), []);
    const byFile = new Map(repo.diagnostics.map((d) => [d.file, d]));
    assert.equal(byFile.get('a/config.toml')?.code, 'toml-parse-error');
    assert.equal(byFile.get('a/config.toml')?.line, 2);
    assert.equal(byFile.get('b/config.toml')?.code, 'file-too-large');
  } finally {
    cleanup();
  }
});

test('containerd configs: quoted and dotted keys split like TOML', () => {
  assert.deepEqual(keySegments('plugins."io.containerd.grpc.v1.cri".registry'), ['plugins', 'io.containerd.grpc.v1.cri', 'registry']);
  assert.deepEqual(keySegments("plugins.'io.containerd.cri.v1.runtime'"), ['plugins', 'io.containerd.cri.v1.runtime']);
  assert.deepEqual(keySegments(' host."http://m:5000" '), ['host', 'http://m:5000']);
});
