import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepoFacts } from '../src/facts/repo-facts.js';
import { chartDirOf, k8sManifests } from '../src/facts/k8s-manifests.js';
import { looksLikeK8s } from '../src/facts/k8s-objects.js';
import { composeServices } from '../src/facts/compose-files.js';
import { fileRole } from '../src/facts/workload-types.js';
import { dockerfiles } from '../src/facts/dockerfiles.js';

function repoWith(files: Record<string, string>): { repo: RepoFacts; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-k8s-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { repo: new RepoFacts(dir, [], Object.keys(files).sort(), []), done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: prod
spec:
  template:
    metadata:
      labels: {app: shop}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: shop
          image: ghcr.io/acme/shop:1.0
          args: ["--port=8080"]
          env:
            - name: GOMEMLIMIT
              value: 460MiB
            - name: POD
              valueFrom:
                fieldRef: {fieldPath: metadata.name}
          resources:
            limits: {memory: 512Mi, cpu: 500m}
            requests: {memory: 256Mi}
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /readyz, port: http}
          livenessProbe:
            tcpSocket: {port: 8080}
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
`;

test('k8s: a Deployment with every field read, lines kept', () => {
  const { repo, done } = repoWith({ 'deploy/app.yaml': DEPLOY });
  try {
    const f = k8sManifests(repo);
    assert.equal(f.workloads.length, 1);
    const w = f.workloads[0]!;
    assert.deepEqual([w.kind, w.name, w.namespace, w.loc.line, w.role, w.podLabels], ['Deployment', 'shop', 'prod', 2, 'deploy', { app: 'shop' }]);
    assert.equal(w.podSecurityContext?.runAsNonRoot, true);
    const c = w.containers[0]!;
    assert.equal(c.loc.line, 14);
    assert.equal(c.image, 'ghcr.io/acme/shop:1.0');
    assert.deepEqual(c.env.map((e) => [e.name, e.value, e.from?.kind, e.loc.line]), [['GOMEMLIMIT', '460MiB', undefined, 18], ['POD', undefined, 'fieldRef', 20]]);
    assert.equal(c.env[0]!.valueLoc?.line, 19);
    assert.equal(c.resources.limits.memory?.value, 512 * 2 ** 20);
    assert.equal(c.resources.limits.cpu?.value, 500);
    assert.equal(c.resources.requests.memory?.raw, '256Mi');
    assert.deepEqual(c.ports.map((p) => [p.port, p.name]), [[8080, 'http']]);
    assert.deepEqual([c.probes.readiness?.handler, c.probes.readiness?.path, c.probes.readiness?.port], ['httpGet', '/readyz', 'http']);
    assert.equal(c.probes.liveness?.handler, 'tcpSocket');
    assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
    assert.deepEqual(c.commandLine, ['--port=8080']);
    assert.deepEqual(f.manifestFiles, ['deploy/app.yaml']);
  } finally { done(); }
});

test('k8s: a broken document yields a diagnostic and the other documents are read', () => {
  const { repo, done } = repoWith({ 'all.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: a\nspec: [\n---\n${DEPLOY}` });
  try {
    const f = k8sManifests(repo);
    assert.deepEqual(f.workloads.map((w) => [w.name, w.loc.line]), [['shop', 7]]);
    const d = repo.diagnostics.filter((x) => x.code === 'yaml-parse');
    assert.equal(d.length, 1);
    assert.equal(d[0]!.file, 'all.yaml');
    assert.match(d[0]!.message, /document at line 1 skipped/);
  } finally { done(); }
});

test('k8s: anchors, aliases and merge keys are resolved', () => {
  const { repo, done } = repoWith({ 'a.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: one
      image: x
      env: &env
        - {name: GOGC, value: "50"}
      resources: &res
        limits: {memory: 1Gi}
    - name: two
      image: x
      env: *env
      resources:
        <<: *res
        requests: {cpu: "1"}
` });
  try {
    const [one, two] = k8sManifests(repo).workloads[0]!.containers;
    assert.equal(two!.env[0]!.value, '50');
    assert.equal(two!.resources.limits.memory?.raw, '1Gi');
    assert.equal(two!.resources.requests.cpu?.value, 1000);
    assert.equal(one!.resources.limits.memory?.loc.line, 11);
  } finally { done(); }
});

test('k8s: non-Kubernetes YAML is skipped cheaply; List items and CronJobs are read', () => {
  assert.equal(looksLikeK8s('name: ci\non: push\n'), false);
  assert.equal(looksLikeK8s('apiVersion: v1\nkind: CustomResourceDefinition\n'), false);
  assert.equal(looksLikeK8s('apiVersion: v1\nkind: List\n'), true);
  const { repo, done } = repoWith({
    '.github/workflows/ci.yml': 'name: ci\non: push\n',
    'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1\n    kind: CronJob\n    metadata: {name: c}\n    spec:\n      jobTemplate:\n        spec:\n          template:\n            spec:\n              containers:\n                - {name: c, image: busybox}\n',
  });
  try {
    const f = k8sManifests(repo);
    assert.deepEqual(f.workloads.map((w) => [w.kind, w.name, w.containers[0]?.name]), [['CronJob', 'c', 'c']]);
    assert.deepEqual(f.manifestFiles, ['list.yaml']);
  } finally { done(); }
});

test('kustomize: resources followed, strategic-merge patches merged, JSON6902 targets marked, generators read', () => {
  const { repo, done } = repoWith({
    'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
    'base/deploy.yaml': DEPLOY.replace('memory: 512Mi, ', '').replace(/ {10}readinessProbe:[\s\S]*?port: http}\n/, ''),
    'prod/kustomization.yaml': [
      'resources:', '  - ../base', '  - ../../outside.yaml', '  - missing.yaml', '  - github.com/acme/x//base?ref=v1',
      'patches:', '  - path: patch.yaml',
      '  - target: {kind: Deployment, name: other}', '    patch: |-', '      - op: remove', '        path: /spec/template/spec/containers/0/resources',
      'configMapGenerator:', '  - name: go-env', '    literals:', '      - GOGC=200',
      'images:', '  - name: ghcr.io/acme/shop', '    newName: registry.example.com/shop', '    newTag: v2',
    ].join('\n'),
    'prod/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  template:\n    spec:\n      containers:\n        - name: shop\n          resources:\n            limits: {memory: 1Gi}\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n          envFrom:\n            - configMapRef: {name: go-env}\n',
  });
  try {
    const f = k8sManifests(repo);
    assert.deepEqual(f.kustomizations, ['base/kustomization.yaml', 'prod/kustomization.yaml']);
    assert.equal(f.workloads.length, 1, 'the patch file is not a workload of its own');
    const w = f.workloads[0]!;
    assert.deepEqual(w.kustomizations, ['base/kustomization.yaml', 'prod/kustomization.yaml']);
    const c = w.containers[0]!;
    assert.equal(c.resources.limits.memory?.raw, '1Gi');
    assert.equal(c.resources.limits.memory?.loc.file, 'prod/patch.yaml');
    assert.equal(c.probes.readiness?.path, '/ready');
    assert.equal(c.env.find((e) => e.name === 'GOGC')?.value, '200');
    assert.equal(c.envUnknown, false);
    assert.equal(c.image, 'registry.example.com/shop:v2');
    const codes = repo.diagnostics.map((d) => d.code).sort();
    assert.deepEqual(codes, ['kustomize-missing', 'kustomize-outside', 'kustomize-remote']);
  } finally { done(); }
});

test('kustomize: a manifest beside a kustomization that does not list it is not deployed (a scaffold patch left commented out)', () => {
  const { repo, done } = repoWith({
    'config/default/kustomization.yaml': 'resources:\n  - manager.yaml\n# patches:\n#   - path: manager_auth_proxy_patch.yaml\n',
    'config/default/manager.yaml': DEPLOY,
    'config/default/manager_auth_proxy_patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: proxy}\nspec:\n  template:\n    spec:\n      containers:\n        - name: kube-rbac-proxy\n          image: quay.io/brancz/kube-rbac-proxy:v0.8.0\n',
    'deploy/standalone.yaml': DEPLOY.replace('name: shop', 'name: standalone'),
  });
  try {
    const f = k8sManifests(repo);
    assert.deepEqual(f.workloads.map((w) => `${w.file}:${w.name}`).sort(), ['config/default/manager.yaml:shop', 'deploy/standalone.yaml:standalone']);
    assert.ok(repo.diagnostics.some((d) => d.code === 'kustomize-unreferenced' && d.file === 'config/default/manager_auth_proxy_patch.yaml'));
  } finally { done(); }
});

test('Helm: templates read with values.yaml, unevaluated actions mark fields unknown, info diagnostic', () => {
  const { repo, done } = repoWith({
    'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: "2.0"\n',
    'chart/values.yaml': 'image:\n  repository: ghcr.io/acme/shop\nresources:\n  limits:\n    memory: 256Mi\nsc:\n  runAsNonRoot: true\n',
    'chart/templates/_helpers.tpl': '{{- define "x" }}{{- end }}\n',
    'chart/templates/NOTES.txt': 'hello {{ .Release.Name }}\n',
    'chart/templates/deploy.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "x" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      securityContext:',
      '        {{- toYaml .Values.sc | nindent 8 }}',
      '      containers:',
      '        - name: shop',
      '          image: "{{ .Values.image.repository }}:{{ .Chart.AppVersion }}"',
      '          resources:',
      '            {{- toYaml .Values.resources | nindent 12 }}',
      '          env:',
      '            {{- include "x.env" . | nindent 12 }}',
      '        - name: other',
      '          image: busybox',
      '          {{- include "x.more" . | nindent 10 }}',
    ].join('\n'),
  });
  try {
    const f = k8sManifests(repo);
    assert.deepEqual(f.charts, ['chart']);
    const w = f.workloads[0]!;
    assert.equal(w.source, 'helm');
    assert.equal(w.name, undefined);
    assert.equal(w.podSecurityContext?.runAsNonRoot, true);
    assert.equal(w.podSecurityContext?.loc.file, 'chart/values.yaml');
    const [shop, other] = w.containers;
    assert.equal(shop!.image, 'ghcr.io/acme/shop:2.0');
    assert.deepEqual([shop!.resources.limits.memory?.raw, shop!.resources.limits.memory?.loc.file, shop!.resources.limits.memory?.loc.line], ['256Mi', 'chart/values.yaml', 5]);
    assert.deepEqual(shop!.unknown, ['env']);
    assert.deepEqual(other!.unknown, ['*']);
    const info = repo.diagnostics.filter((d) => d.code === 'helm-template');
    assert.equal(info.length, 1);
    assert.equal(info[0]!.level, 'info');
    assert.match(info[0]!.message, /template-only line\(s\) skipped/);
    assert.ok(!repo.diagnostics.some((d) => d.code === 'yaml-parse'), 'templates are not parsed as plain YAML');
  } finally { done(); }
});

test('compose: services, environment forms, limits', () => {
  const { repo, done } = repoWith({
    'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      - GOGC=50\n      - HOST\n    deploy:\n      resources:\n        limits: {memory: 512M, cpus: "1.5"}\n  db:\n    image: postgres:16\n    mem_limit: 1g\n    environment:\n      POSTGRES_DB: x\n    env_file: .env\n',
    'broken/compose.yaml': 'services: [\n',
  });
  try {
    const c = composeServices(repo);
    assert.deepEqual(c.files, ['docker-compose.yml']);
    const [api, db] = c.services;
    assert.equal(api!.containers[0]!.builtFromRepo, true);
    assert.deepEqual(api!.containers[0]!.env.map((e) => [e.name, e.value, !!e.dynamic]), [['GOGC', '50', false], ['HOST', undefined, true]]);
    assert.equal(api!.containers[0]!.resources.limits.memory?.value, 512 * 2 ** 20);
    assert.equal(api!.containers[0]!.resources.limits.cpu?.value, 1500);
    assert.equal(db!.containers[0]!.resources.limits.memory?.value, 2 ** 30);
    assert.equal(db!.containers[0]!.envUnknown, true);
    assert.ok(repo.diagnostics.some((d) => d.code === 'yaml-parse' && d.file === 'broken/compose.yaml'));
  } finally { done(); }
});

test('file roles', () => {
  assert.equal(fileRole('deploy/app.yaml'), 'deploy');
  assert.equal(fileRole('examples/standard/deployment.yaml'), 'example');
  assert.equal(fileRole('docs/content/x.yml'), 'docs');
  assert.equal(fileRole('tests/manifests/job.yaml'), 'test');
  assert.equal(fileRole('integration/fixtures/k8s/a.yml'), 'test');
  assert.equal(fileRole('app.yaml'), 'deploy');
  assert.equal(fileRole('vendor/k8s.io/x/deploy.yaml'), 'vendor');
});

test('k8s: odd shapes never throw', () => {
  const odd = [
    '', '# only a comment\n', '---\n---\n', 'just a scalar\n', '[1, 2, 3]\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec: "a string"\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: "nope"\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [a, 1, null, {name: x, env: {A: b}, resources: {limits: [1]}, ports: 8080, livenessProbe: true, securityContext: []}]\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: x\n      env: [{name: GOMEMLIMIT, value: {a: 1}}, {value: 1}]\n      resources: {limits: {memory: 99999999999999999999Ei, cpu: -1}}\n',
    'apiVersion: v1\nkind: List\nitems: "x"\n',
    'apiVersion: v1\nkind: Service\nspec: {selector: [a], ports: [{targetPort: {x: 1}}]}\n',
    'a: &a [*a]\napiVersion: v1\nkind: Pod\nspec: {containers: *a}\n',
  ];
  const files: Record<string, string> = {};
  odd.forEach((t, i) => { files[`m${i}.yaml`] = t; });
  files['kustomization.yaml'] = 'resources: {a: 1}\npatches: [1, {path: 3}]\nimages: "x"\n';
  files['c/Chart.yaml'] = 'name: c\n';
  files['c/values.yaml'] = '[not, a, map]\n';
  files['c/templates/x.yaml'] = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: {{ .Values.a.b }}\n      {{- toYaml .Values | nindent 6 }}\n{{ end }}\n{{ end }}\n';
  files['docker-compose.yml'] = 'services:\n  a: "x"\n  b: {environment: "x", deploy: 1}\n';
  const { repo, done } = repoWith(files);
  try {
    assert.doesNotThrow(() => k8sManifests(repo));
    assert.doesNotThrow(() => composeServices(repo));
  } finally { done(); }
});

test('k8s: chartDirOf gives the innermost chart of a file, the root chart as empty, nothing outside every chart', () => {
  const charts = ['.', 'deploy/app', 'deploy/app/charts/db'];
  assert.equal(chartDirOf(charts, 'deploy/app/templates/deploy.yaml'), 'deploy/app');
  assert.equal(chartDirOf(charts, 'deploy/app/charts/db/templates/sts.yaml'), 'deploy/app/charts/db');
  assert.equal(chartDirOf(charts, 'deploy/application/x.yaml'), '');
  assert.equal(chartDirOf(['deploy/app'], 'deploy/application/x.yaml'), undefined);
  assert.equal(chartDirOf(['', 'deploy/app'], 'deploy/app/values.yaml'), 'deploy/app');
});


test('k8s: host namespaces, hostPath volumes and volume mounts; a Helm action in the volume list marks it unknown; patches add them', () => {
  const { repo, done } = repoWith({
    'deploy/agent.yaml': [
      'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec:', '  template:', '    spec:',
      '      hostPID: true', '      hostNetwork: "true"', '      hostIPC: false',
      '      containers:', '        - name: agent', '          image: registry.example.com/agent:1',
      '          volumeMounts:', '            - {name: kmsg, mountPath: /dev/kmsg}', '            - {name: pods, mountPath: /pods, mountPropagation: Bidirectional}',
      '      volumes:', '        - name: kmsg', '          hostPath:', '            path: /dev/kmsg', '        - name: pods', '          emptyDir: {}',
    ].join('\n'),
    'chart/Chart.yaml': 'apiVersion: v2\nname: agent\nversion: 0.1.0\n',
    'chart/values.yaml': 'procPath: /proc\n',
    'chart/templates/ds.yaml': [
      'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: helm-agent', 'spec:', '  template:', '    spec:',
      '      containers:', '        - name: agent', '          image: registry.example.com/agent:1',
      '          volumeMounts:', '            {{- include "agent.mounts" . | nindent 12 }}',
      '      volumes:', '        - name: bpf', '          hostPath:', '            path: /sys/fs/bpf',
      '        - name: proc', '          hostPath:', '            path: {{ .Values.procPath }}',
      '        {{- include "agent.volumes" . | nindent 8 }}',
    ].join('\n'),
    'base/kustomization.yaml': 'resources:\n  - app.yaml\n',
    'base/app.yaml': DEPLOY,
    'node/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: host.yaml\n',
    'node/host.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n        - name: shop\n          volumeMounts:\n            - {name: sock, mountPath: /run/containerd/containerd.sock}\n      volumes:\n        - name: sock\n          hostPath: {path: /run/containerd/containerd.sock}\n',
  });
  try {
    const f = k8sManifests(repo);
    const agent = f.workloads.find((w) => w.name === 'agent')!;
    assert.deepEqual(agent.hostNamespaces, ['pid', 'network']);
    assert.deepEqual(agent.hostPathVolumes?.map((v) => [v.name, v.path, v.loc.line]), [['kmsg', '/dev/kmsg', 18]]);
    assert.equal(agent.volumesUnknown, undefined);
    assert.deepEqual(agent.containers[0]!.volumeMounts, [{ name: 'kmsg', mountPath: '/dev/kmsg', bidirectional: undefined }, { name: 'pods', mountPath: '/pods', bidirectional: true }]);
    const helm = f.workloads.find((w) => w.file === 'chart/templates/ds.yaml')!;
    assert.deepEqual(helm.hostPathVolumes?.map((v) => [v.name, v.path]), [['bpf', '/sys/fs/bpf'], ['proc', '/proc']], 'a simple values reference is resolved');
    assert.equal(helm.volumesUnknown, true, 'an output action inside volumes may add more');
    assert.ok(helm.containers[0]!.unknown.includes('volumeMounts'));
    const shop = f.workloads.find((w) => w.name === 'shop')!;
    assert.deepEqual(shop.hostNamespaces, ['network']);
    assert.deepEqual(shop.hostPathVolumes?.map((v) => v.path), ['/run/containerd/containerd.sock']);
    assert.deepEqual(shop.containers[0]!.volumeMounts.map((m) => m.name), ['sock']);
  } finally { done(); }
});

test('k8s: OpenShift manifests by folder or file name, or deployed only by OpenShift kustomizations', () => {
  const { repo, done } = repoWith({
    'config/default/kustomization.yaml': 'resources:\n  - manager.yaml\n',
    'config/default/manager.yaml': DEPLOY,
    'config/overlays/openshift/kustomization.yaml': 'resources:\n  - ../../default\n  - webhook.yaml\n  - ../../webhook-only/hook.yaml\n',
    'config/overlays/openshift/webhook.yaml': DEPLOY.replace('name: shop', 'name: webhook'),
    'config/webhook-only/hook.yaml': DEPLOY.replace('name: shop', 'name: hook'),
    'deploy/operator-ocp.yaml': DEPLOY.replace('name: shop', 'name: ocp'),
    'deploy/shopify.yaml': DEPLOY.replace('name: shop', 'name: plain'),
  });
  try {
    const f = k8sManifests(repo);
    const os = Object.fromEntries(f.workloads.map((w) => [w.name, w.openshift ?? false]));
    assert.deepEqual(os, { shop: false, webhook: true, hook: true, ocp: true, plain: false });
  } finally { done(); }
});

test('k8s: an archived release copy of a chart or of manifests is documentation in the facts, as in the findings; the current copy deploys', () => {
  const chart = (v: string) => ({
    [`charts/${v}/app/Chart.yaml`]: `apiVersion: v2\nname: app\nversion: ${v.replace(/^v/, '')}\n`,
    [`charts/${v}/app/values.yaml`]: 'image: ghcr.io/acme/shop:1.0\n',
    [`charts/${v}/app/templates/deploy.yaml`]: DEPLOY,
  });
  const { repo, done } = repoWith({
    ...chart('latest'), ...chart('v1.1.0'), ...chart('v1.2.0'),
    'deploy/app.yaml': DEPLOY, 'deploy/v1.28.7/app.yaml': DEPLOY, 'deploy/v1.29.0/app.yaml': DEPLOY,
    'Dockerfile': 'FROM scratch\nCOPY app /app\n', 'deploy/v1.28.7/Dockerfile': 'FROM scratch\nCOPY app /app\n',
    'deploy/v1.28.7/compose.yaml': 'services:\n  shop:\n    image: ghcr.io/acme/shop:1.0\n',
  });
  try {
    const f = k8sManifests(repo);
    const roles = Object.fromEntries(f.workloads.map((w) => [w.file, w.role]));
    assert.deepEqual(roles, {
      'charts/latest/app/templates/deploy.yaml': 'deploy',
      'charts/v1.1.0/app/templates/deploy.yaml': 'docs',
      'charts/v1.2.0/app/templates/deploy.yaml': 'docs',
      'deploy/app.yaml': 'deploy',
      'deploy/v1.28.7/app.yaml': 'docs',
      'deploy/v1.29.0/app.yaml': 'docs',
    });
    assert.deepEqual(composeServices(repo).services.map((w) => [w.file, w.role]), [['deploy/v1.28.7/compose.yaml', 'docs']]);
    assert.deepEqual(dockerfiles(repo).map((d) => [d.file, d.role]), [['Dockerfile', 'production'], ['deploy/v1.28.7/Dockerfile', 'documentation']]);
    // one role for a path everywhere: the repository's answer, not the path alone
    assert.equal(repo.roleOf('deploy/v1.28.7/app.yaml'), 'docs');
    assert.match(repo.pathRole('charts/v1.1.0/app/values.yaml').reason, /archived copy of an earlier release/);
    assert.equal(fileRole('deploy/v1.28.7/app.yaml'), 'deploy', 'the path alone does not know the other versions');
    // asking a role makes tracked work depend on the layout (a cached fact is reused only while it is unchanged)
    assert.equal(repo.track(() => repo.roleOf('deploy/app.yaml')).deps.layout, true);
  } finally {
    done();
  }
});
