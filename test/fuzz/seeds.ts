/**
 * Seed corpus for the fuzzer: the repository's own fixtures and rule testdata, classified by the
 * parser that reads them (go.mod, go.sum, YAML flavours, Dockerfiles, Makefiles, shell, JSON, Go).
 * Everything is read once, sorted, so a seed index means the same file on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../helpers/paths.js';

export type SeedKind =
  | 'gomod' | 'gosum' | 'config' | 'workflow' | 'gitlab-ci' | 'ci-yaml' | 'goreleaser' | 'ko' | 'compose'
  | 'helm-template' | 'helm-values' | 'k8s' | 'yaml' | 'dockerfile' | 'makefile' | 'shell' | 'json' | 'toml' | 'go' | 'markdown';

export interface Seed {
  /** Path relative to the project root (forward slashes). */
  src: string;
  kind: SeedKind;
  bytes: Buffer;
}

/** A small repository from the testdata (a directory holding a go.mod), for whole audits. */
export interface SeedRepo {
  src: string;
  files: Record<string, Buffer>;
}

const MAX_SEED_BYTES = 64 * 1024;
const SEED_DIRS = ['test/fixtures', 'src/rules'];

export function kindOf(rel: string): SeedKind | undefined {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (base === 'go.mod' || base === 'go.work' || lower.endsWith('.mod')) return 'gomod';
  if (base === 'go.sum' || base === 'go.work.sum') return 'gosum';
  if (base === '.goready.yaml' || base === '.goready.yml') return 'config';
  if (/Dockerfile|\.dockerfile$/i.test(base)) return 'dockerfile';
  if (base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || lower.endsWith('.mk')) return 'makefile';
  if (lower.endsWith('.sh')) return 'shell';
  if (lower.endsWith('.go')) return 'go';
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.json') || lower.endsWith('.json5') || base === '.renovaterc') return 'json';
  if (lower.endsWith('.md')) return 'markdown';
  if (!/\.ya?ml$/.test(lower)) return undefined;
  if (rel.includes('.github/workflows/') || base === 'action.yml' || base === 'action.yaml') return 'workflow';
  if (base === '.gitlab-ci.yml') return 'gitlab-ci';
  if (base === '.drone.yml' || rel.includes('.circleci/') || rel.includes('.buildkite/')) return 'ci-yaml';
  if (/^\.?goreleaser\.ya?ml$/.test(base)) return 'goreleaser';
  if (base === '.ko.yaml') return 'ko';
  if (/^(docker-)?compose/.test(base)) return 'compose';
  if (rel.includes('/templates/')) return 'helm-template';
  if (base === 'values.yaml') return 'helm-values';
  return 'yaml';
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs, out);
    else if (e.isFile()) out.push(abs);
  }
}

let cache: Seed[] | undefined;

/** Every seed file, sorted by path. YAML with `kind:` and `apiVersion:` counts as Kubernetes. */
export function loadSeeds(): Seed[] {
  if (cache) return cache;
  const files: string[] = [];
  for (const d of SEED_DIRS) walk(path.join(projectRoot, d), files);
  const seeds: Seed[] = [];
  for (const abs of files) {
    const rel = path.relative(projectRoot, abs).split(path.sep).join('/');
    if (rel.startsWith('src/rules/') && !rel.includes('/testdata/')) continue;
    let kind = kindOf(rel);
    if (!kind) continue;
    const bytes = fs.readFileSync(abs);
    if (bytes.length > MAX_SEED_BYTES) continue;
    if (kind === 'yaml' && /^kind:/m.test(bytes.toString('utf8')) && /^apiVersion:/m.test(bytes.toString('utf8'))) kind = 'k8s';
    seeds.push({ src: rel, kind, bytes });
  }
  seeds.push(...SYNTHETIC);
  cache = seeds;
  return seeds;
}

/** Kinds the testdata lacks, written here (small, original). */
const SYNTHETIC: Seed[] = [
  { src: 'synthetic/go.work', kind: 'gomod', bytes: Buffer.from('go 1.22\n\ntoolchain go1.22.4\n\nuse (\n\t./api\n\t./cmd/tool // the CLI\n)\n\nreplace example.com/old v1.0.0 => ./fork\n') },
  { src: 'synthetic/.golangci.toml', kind: 'toml', bytes: Buffer.from('[run]\ntimeout = "5m"\n\n[linters]\nenable = ["govet", "errcheck"]\n\n[[issues.exclude-rules]]\npath = "_test\\\\.go"\nlinters = ["errcheck"]\n') },
  { src: 'synthetic/.goready.yaml', kind: 'config', bytes: Buffer.from('version: 1\ngo-version: "1.22"\nexclude: ["**/mocks/**"]\nfail-on: high\nmin-dimension-scores: { security: 80 }\nrules:\n  disable: [CON1007, observability]\n  enable: [OBS1006]\n  severity: { SEC1005: low }\n  exclude: { SEC1001: ["internal/fixtures/**"] }\n') },
  { src: 'synthetic/.goready-baseline.json', kind: 'json', bytes: Buffer.from('{\n  "version": 1,\n  "tool": "goready",\n  "files": {\n    "internal/poll/poll.go": { "CON1001": 2 },\n    "main.go": { "SEC1001": 1 }\n  }\n}\n') },
  { src: 'synthetic/build.sh', kind: 'shell', bytes: Buffer.from('#!/bin/sh\nset -eu\nVERSION=$(git describe --tags)\nCGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o bin/app ./cmd/app\ngo test -race ./... && go vet ./...\n') },
];

export function seedsOf(kinds: readonly SeedKind[]): Seed[] {
  const set = new Set(kinds);
  return loadSeeds().filter((s) => set.has(s.kind));
}

let repoCache: SeedRepo[] | undefined;

/** Rule testdata cases that are small repositories (a go.mod at their top, ≤ 40 files, ≤ 256 KB). */
export function loadSeedRepos(): SeedRepo[] {
  if (repoCache) return repoCache;
  const out: SeedRepo[] = [];
  const rulesDir = path.join(projectRoot, 'src', 'rules');
  for (const dim of fs.readdirSync(rulesDir).sort()) {
    const td = path.join(rulesDir, dim, 'testdata');
    if (!fs.existsSync(td)) continue;
    const visit = (dir: string, depth: number) => {
      if (depth > 3) return;
      if (fs.existsSync(path.join(dir, 'go.mod'))) {
        const files: string[] = [];
        walk(dir, files);
        const map: Record<string, Buffer> = {};
        let total = 0;
        for (const f of files) {
          const rel = path.relative(dir, f).split(path.sep).join('/');
          if (rel.endsWith('.want')) continue;
          const b = fs.readFileSync(f);
          total += b.length;
          map[rel] = b;
        }
        if (Object.keys(map).length <= 40 && total <= 256 * 1024) out.push({ src: path.relative(projectRoot, dir).split(path.sep).join('/'), files: map });
        return;
      }
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.isDirectory()) visit(path.join(dir, e.name), depth + 1);
      }
    };
    visit(td, 0);
  }
  repoCache = out;
  return out;
}
