import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageNamesIn, literalImageName } from '../src/facts/image-names.js';

test('image names: the last literal path segment of a reference, without tag or digest', () => {
  assert.equal(literalImageName('mcr.example.com/oss/azure-npm:v1.6.29'), 'azure-npm');
  assert.equal(literalImageName('"$(REGISTRY)/keda-metrics-apiserver:$(TAG)"'), 'keda-metrics-apiserver');
  assert.equal(literalImageName('${REGISTRY}/${IMAGE_NAME}:${TAG}'), undefined);
  assert.equal(literalImageName('controller:latest'), 'controller');
  assert.equal(literalImageName('ghcr.io/acme/app@sha256:0123abcd'), 'app');
  assert.equal(literalImageName('{{ .Env.REGISTRY }}/app-{{ .Arch }}:{{ .Tag }}'), undefined);
});

test('image names: what Makefiles, workflows, Tilt, Skaffold and GoReleaser name the images they build', () => {
  const make = [
    'NPM_IMAGE = azure-npm',
    'IMAGE_NAME ?= azuredisk-csi',
    'BASE_IMAGE ?= gcr.io/distroless/static',
    'UNUSED_IMAGE := hfam/meshnet',
    'IMG ?= controller:latest',
    'ECRIMAGES ?= public.ecr.aws/team/gateway-controller:${VERSION}',
    'build:',
    '\tdocker build -t $(REGISTRY)/$(NPM_IMAGE):$(TAG) -t $(REGISTRY)/$(IMAGE_NAME):$(TAG) .',
    '\tdocker buildx build --push -t $(REGISTRY)/metrics-apiserver:$(TAG) -f Dockerfile.adapter .',
    '\tcd config/manager && kustomize edit set image controller=${ECRIMAGES} $(IMG)',
    '# IMAGE = commented-out',
  ].join('\n');
  assert.deepEqual(imageNamesIn('Makefile', make).sort(), ['azure-npm', 'azuredisk-csi', 'controller', 'gateway-controller', 'metrics-apiserver']);
  assert.deepEqual(imageNamesIn('Tiltfile', "docker_build('azure-npm', '.', dockerfile='npm/Dockerfile')\n"), ['azure-npm']);
  assert.deepEqual(imageNamesIn('skaffold.yaml', 'build:\n  artifacts:\n    - image: shop-api\n      context: .\n'), ['shop-api']);
  const gor = 'dockers:\n  - image_templates:\n      - "ghcr.io/acme/shop:{{ .Tag }}"\n      - "ghcr.io/acme/shop-cli:{{ .Tag }}-amd64"\n    dockerfile: Dockerfile\n';
  assert.deepEqual(imageNamesIn('.goreleaser.yaml', gor).sort(), ['shop', 'shop-cli']);
  const wf = 'env:\n  IMAGE_NAME: shop-worker\njobs:\n  b:\n    steps:\n      - run: docker build -t ghcr.io/acme/${{ env.IMAGE_NAME }}:latest .\n';
  assert.deepEqual(imageNamesIn('.github/workflows/release.yml', wf), ['shop-worker']);
});

test('image names: a lower-case `image:` key of a CI job or manifest names no image the repository builds', () => {
  const wf = 'jobs:\n  e2e:\n    services:\n      db:\n        image: postgres:16\n    container:\n      image: registry.k8s.io/sig-storage/livenessprobe:v2.19.0\n    steps:\n      - run: echo $image\n';
  assert.deepEqual(imageNamesIn('.github/workflows/e2e.yml', wf), []);
});
