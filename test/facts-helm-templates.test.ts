import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HELM_PLACEHOLDER, stripHelmTemplate } from '../src/facts/helm-templates.js';

const values: Record<string, unknown> = { 'image.repository': 'ghcr.io/acme/shop', 'image.tag': '', 'service.port': 8080 };
const scope = { lookup: (p: string[]) => values[p.join('.')], chartName: 'shop', appVersion: '1.2.3' };

test('Helm: template-only lines are blanked, line numbers kept', () => {
  const src = [
    'apiVersion: apps/v1',
    '{{- if .Values.enabled }}',
    'kind: Deployment',
    '{{- end }}',
  ].join('\n');
  const r = stripHelmTemplate(src, scope);
  assert.deepEqual(r.text.split('\n'), ['apiVersion: apps/v1', '', 'kind: Deployment', '']);
  assert.equal(r.blankedLines, 2);
  assert.ok(r.actions.every((a) => !a.output));
});

test('Helm: inline expressions are taken from values.yaml or left as placeholders', () => {
  const src = [
    'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    'port: {{ .Values.service.port }}',
    'name: {{ include "shop.fullname" . }}',
    'ver: {{ default "x" .Values.missing }}',
  ].join('\n');
  const r = stripHelmTemplate(src, scope);
  const lines = r.text.split('\n');
  assert.equal(lines[0], 'image: "ghcr.io/acme/shop:1.2.3"');
  assert.equal(lines[1], 'port: 8080');
  assert.equal(lines[2], `name: ${HELM_PLACEHOLDER}`);
  assert.equal(lines[3], 'ver: x');
  assert.equal(r.substituted, 4);
  assert.equal(r.placeholders, 1);
});

test('Helm: index .Values "key" … reads the values of keys that are not identifiers', () => {
  const v: Record<string, unknown> = { 'sub-chart.docker.imageRepo': 'ghcr.io/acme', 'sub-chart.docker.imageTag': 'v1', 'sub-chart.enabled': true, 'image.tag': 'v2' };
  const sc = { lookup: (p: string[]) => v[p.join('.')], truthy: (p: string[]) => !!v[p.join('.')] };
  const src = [
    '{{- if index .Values "sub-chart" "enabled" }}',
    'image: \'{{ index .Values "sub-chart" "docker" "imageRepo" }}/tool:{{ index $.Values "sub-chart" "docker" "imageTag" }}\'',
    'tag: {{ (index .Values.image "tag") }}',
    'other: {{ index .Values "missing" "key" }}',
    'unbalanced: {{ (index .Values "sub-chart" "enabled" }}',
    '{{- end }}',
  ].join('\n');
  const lines = stripHelmTemplate(src, sc).text.split('\n');
  assert.equal(lines[1], "image: 'ghcr.io/acme/tool:v1'");
  assert.equal(lines[2], 'tag: v2');
  assert.equal(lines[3], `other: ${HELM_PLACEHOLDER}`);
  assert.equal(lines[4], `unbalanced: ${HELM_PLACEHOLDER}`);
});

test('Helm: toYaml output actions record the values path, including inside with', () => {
  const src = [
    'resources:',
    '  {{- toYaml .Values.resources | nindent 12 }}',
    '{{- with .Values.probes.liveness }}',
    'livenessProbe:',
    '  {{- toYaml . | nindent 12 }}',
    '{{- end }}',
    'extra: {{ toYaml .Values.extra | nindent 2 }}',
    '{{- include "x" . | nindent 4 }}',
  ].join('\n');
  const r = stripHelmTemplate(src, scope);
  const out = r.actions.filter((a) => a.output);
  assert.deepEqual(out.map((a) => [a.line, a.valuesPath?.join('.'), a.inline]), [
    [2, 'resources', false],
    [5, 'probes.liveness', false],
    [7, 'extra', true],
    [8, undefined, false],
  ]);
  assert.equal(r.text.split('\n')[6], 'extra: ');
});

test('Helm: multi-line actions and comments are blanked; unterminated actions never throw', () => {
  const src = ['{{- /*', 'a comment', '*/ -}}', 'kind: Pod', 'x: {{ .Values.a', 'y: 1'].join('\n');
  const r = stripHelmTemplate(src, scope);
  const lines = r.text.split('\n');
  assert.equal(lines.length, 6);
  assert.deepEqual(lines.slice(0, 4), ['', '', '', 'kind: Pod']);
  assert.equal(lines[5], '');
});

test('Helm: branches the default values do not render are dropped; unknown conditions keep both branches', () => {
  const truthyValues: Record<string, boolean> = { 'sidecar.enabled': false, 'probes': true };
  const s2 = { ...scope, truthy: (p: string[]) => truthyValues[p.join('.')] ?? false };
  const src = [
    'containers:',
    '  - name: app',
    '  {{- if .Values.sidecar.enabled }}',
    '  - name: sidecar',
    '    image: {{ .Values.sidecar.image }}',
    '  {{- else }}',
    '  - name: fallback',
    '  {{- end }}',
    '  {{- if not .Values.sidecar.enabled }}',
    '  - name: negated',
    '  {{- end }}',
    '  {{- with .Values.probes }}',
    '  - name: with-true',
    '  {{- end }}',
    '  {{- if eq $provider "x" }}',
    '  - name: unknown-cond',
    '  {{- end }}',
    '  {{- if eq .Values.mode "x" }}',
    '  - name: eq-false',
    '  {{- end }}',
    '  {{- if ne .Values.mode "x" }}',
    '  - name: ne-true',
    '  {{- end }}',
  ].join('\n');
  const r = stripHelmTemplate(src, s2);
  const names = r.text.split('\n').filter((l) => l.includes('name:')).map((l) => l.trim());
  assert.deepEqual(names, ['- name: app', '- name: fallback', '- name: negated', '- name: with-true', '- name: unknown-cond', '- name: ne-true']);
  assert.equal(r.deadLines, 3);
  assert.deepEqual([...r.conditionalLines], [16], 'only the line under the unevaluated condition is conditional');
  assert.ok(!r.actions.some((a) => a.text.includes('sidecar.image')), 'actions in dropped branches are not recorded');
});

test('Helm: comments containing braces end at */ }}', () => {
  const src = [
    'args:',
    '  {{- /* equivalent to {{- if $value }} but also true for 0. */ -}}',
    '  - --v=2',
    '{{- /* multi {{ x }}', 'still comment }} here', '*/}}',
    'kind: Pod',
  ].join('\n');
  const r = stripHelmTemplate(src, scope);
  assert.deepEqual(r.text.split('\n'), ['args:', '', '  - --v=2', '', '', '', 'kind: Pod']);
});

test('Helm: and/or conditions are decided by any deciding operand (a hook disabled by default inside `and (or …) .enabled`)', () => {
  const truthyValues: Record<string, boolean> = { 'hook.enabled': false, 'webhook.on': true };
  const s2 = { ...scope, lookup: (p: string[]) => (p.join('.') === 'mode' ? 'x' : undefined), truthy: (p: string[]) => truthyValues[p.join('.')] ?? false };
  const src = [
    'containers:',
    '  {{- if and (or (not .Values.disableA) (not .Values.disableB)) .Values.hook.enabled }}',
    '  - name: and-false',
    '  {{- end }}',
    '  {{- if or .Values.hook.enabled .Values.webhook.on }}',
    '  - name: or-true',
    '  {{- end }}',
    '  {{- if and .Values.webhook.on (eq .Values.mode "x") }}',
    '  - name: and-true',
    '  {{- end }}',
    '  {{- if and .Values.webhook.on $local }}',
    '  - name: and-unknown',
    '  {{- end }}',
    '  {{- if or .Values.hook.enabled $local }}',
    '  - name: or-unknown',
    '  {{- end }}',
    '  {{- if and (not .Values.webhook.on) (eq .Values.mode "a) b") }}',
    '  - name: quoted-false',
    '  {{- end }}',
  ].join('\n');
  const r = stripHelmTemplate(src, s2);
  const names = r.text.split('\n').filter((l) => l.includes('name:')).map((l) => l.trim());
  assert.deepEqual(names, ['- name: or-true', '- name: and-true', '- name: and-unknown', '- name: or-unknown']);
  assert.deepEqual([...r.conditionalLines], [12, 15], "undecided and/or conditions keep their lines as conditional");
});

test('Helm: an inline if/else renders one branch, never the concatenation of the branches', () => {
  const flags: Record<string, boolean> = { 'tls.enabled': false, 'debug': true };
  const sc = { ...scope, truthy: (p: string[]) => flags[p.join('.')] };
  const src = [
    'port: {{ if (include "app.admin" .) }}admin{{ else }}http{{ end }}',
    'image: "{{ .Values.image.repository }}{{ if .Values.tls.enabled }}-tls{{ end }}"',
    'level: {{ if .Values.debug }}debug{{ else }}info{{ end }}',
    'mode: {{ if .Values.tls.enabled }}tls{{ else if (include "app.admin" .) }}admin{{ else }}plain{{ end }}',
    'name: {{ if (include "app.a" .) }}a{{ if (include "app.b" .) }}b{{ end }}{{ end }}x',
  ].join('\n');
  const r = stripHelmTemplate(src, sc);
  const lines = r.text.split('\n');
  assert.equal(lines[0], `port: ${HELM_PLACEHOLDER}`);
  assert.deepEqual(r.alternatives.get(1), ['port: admin', 'port: http']);
  assert.equal(lines[1], 'image: "ghcr.io/acme/shop"');
  assert.equal(lines[2], 'level: debug');
  assert.equal(lines[3], `mode: ${HELM_PLACEHOLDER}`);
  assert.deepEqual(r.alternatives.get(4), ['mode: admin', 'mode: plain']);
  assert.deepEqual(r.alternatives.get(5)?.sort(), ['name: abx', 'name: ax', 'name: x']);
  assert.ok(!r.alternatives.has(2) && !r.alternatives.has(3));
});
